"""The day's register, its export, and the statistics."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the register document
    "register.doc_title": ("{community} mobile desk register", "{community}流动服务台登记簿"),
    "register.col_no": ("No.", "序号"),
    "register.col_time": ("Time", "时间"),
    "register.col_matter": ("Matter", "诉求内容"),
    "register.col_handling": ("Handling", "办理情况"),
    "register.h_community": ("Community", "社区"),
    "register.h_compound": ("Compound", "小区"),
    "register.h_date": ("Date", "日期"),
    "register.h_session": ("Desk session", "驻点"),
    "register.h_staff": ("Staff on duty", "值班人员"),
    "register.f_visitors": ("Visitors (questions only)", "来访咨询（人次）"),
    "register.f_cases": ("Cases taken", "受理诉求（件）"),
    "register.f_on_spot": ("Solved on the spot", "当场解决（件）"),
    "register.f_dispatched": ("Dispatched", "派单（件）"),
    "register.f_categories": ("By category", "分类"),
    "register.empty": ("No cases were taken on {day}.", "{day} 没有受理诉求。"),
    "register.note_masked": (
        "Phone and ID numbers are partly masked.",
        "电话号码和身份证号已隐去部分数字。",
    ),
    "register.note_unmasked": (
        "Contains full phone and ID numbers: keep it as personal data.",
        "含完整电话号码和身份证号，请按个人信息妥善保管。",
    ),
    "register.generated": ("Exported {at} by {by}.", "导出于 {at}，导出人 {by}。"),
    "register.sign_recorder": ("Recorded by (signature)", "登记人（签字）"),
    "register.sign_head": ("Person in charge (signature)", "负责人（签字）"),
    "register.sign_date": ("Date", "日期"),
    "register.anonymous": ("Anonymous", "匿名"),
    "register.handling_on_spot": ("Answered on the spot", "当场解决"),
    "register.handling_dispatched_due": (
        "Dispatched to {party}, due {due}",
        "派至{party}，{due}前办结",
    ),
    "register.handling_dispatched": ("Dispatched to {party}", "派至{party}"),
    "register.handling_own": (
        "Handled by the community, due {due}",
        "社区自办，{due}前办结",
    ),
    "register.handling_pending": ("Awaiting dispatch", "待派单"),
    "register.handling_returned": ("Returned; refer to {where}", "退回，建议到{where}办理"),
    "register.handling_duplicate": ("Duplicate of {number}", "与{number}重复"),
    "register.handling_withdrawn": ("Withdrawn", "已撤销"),
    # errors
    "register.no_sessions": ("none", "无"),
    "register.session_unknown": (
        "There is no desk session {session} on {day}. Sessions that day: {sessions}",
        "{day} 没有驻点 {session}。当天的驻点：{sessions}",
    ),
    "register.session_ambiguous": (
        "{session} matches more than one desk session on {day}: {sessions}. "
        "Give more of the session id.",
        "{session} 对应 {day} 的多个驻点：{sessions}。请给出更完整的驻点编号。",
    ),
    "register.write_failed": (
        "Could not write {path}: {reason}. Nothing was exported; choose another folder or "
        "free some disk space.",
        "无法写入 {path}：{reason}。没有导出任何文件；请换一个目录或清理磁盘空间。",
    ),
    # command line
    "register.cli_written": ("Register written: {path}", "登记簿已写入：{path}"),
    "register.cli_summary": (
        "{day}: {cases} {cases|case|cases}, {visitors} {visitors|visitor|visitors} (questions "
        "only).",
        "{day}：受理诉求 {cases} 件，来访咨询 {visitors} 人次。",
    ),
    "register.cli_bad_date": (
        "{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-27",
        "{value!r} 不是日期；请按 YYYY-MM-DD 填写，如 2026-11-27",
    ),
    "register.cli_bad_range": (
        "--from {first} is after --to {last}",
        "--from {first} 晚于 --to {last}",
    ),
    "register.cli_locked": (
        "An unmasked export must be recorded in the store, and the store is in use by {holder}. "
        "Export unmasked from inside the console (F5, then u), or close the console and try again.",
        "导出完整号码须在数据中留下记录，而数据目录正被 {holder} 使用。"
        "请在控制台内导出（F5，再按 u），或先关闭控制台再重试。",
    ),
    "register.cli_audited": (
        "Recorded in the audit log: unmasked export by {staff}.",
        "已记入审计日志：{staff} 导出完整号码。",
    ),
    "register.audit_action": ("unmasked register export", "导出含完整号码的登记簿"),
    # the register screen
    "register.date_label": ("Date", "日期"),
    "register.session_label": ("Session", "驻点"),
    "register.session_all": ("Whole day", "全天"),
    "register.output_dir": ("Files go to {path}", "文件保存到 {path}"),
    "register.masked_on": ("Numbers masked", "号码已遮盖"),
    "register.masked_off": ("UNMASKED: full numbers", "未遮盖：完整号码"),
    "register.loading": ("Reading {day} ...", "正在读取 {day}……"),
    "register.preview_rows": (
        "{cases} {cases|case|cases} on {day}; exported exactly as shown.",
        "{day} 共 {cases} 件；导出内容与此处所示一致。",
    ),
    "register.exporting": ("Writing {fmt} ...", "正在写入 {fmt}……"),
    "register.written": ("Written: {path}", "已写入：{path}"),
    "register.written_unmasked": (
        "Written with full numbers (recorded in the audit log; numbers masked again): {path}",
        "已写入含完整号码的文件（已记入审计日志，号码已重新遮盖）：{path}",
    ),
    "register.help": (
        "p/n day  t today  d date  s session  c/x/h/j export  u full numbers  g stats",
        "p/n 换日  t 今天  d 日期  s 驻点  c/x/h/j 导出  u 完整号码  g 统计",
    ),
    "register.pair": ("{label}: {value}", "{label}：{value}"),
    "register.key_prev": ("Prev day", "前一天"),
    "register.key_prev_tip": ("Show the register of the day before", "查看前一天的登记簿"),
    "register.key_next": ("Next day", "后一天"),
    "register.key_next_tip": ("Show the register of the day after", "查看后一天的登记簿"),
    "register.key_today": ("Today", "今天"),
    "register.key_today_tip": ("Back to today's register", "回到今天的登记簿"),
    "register.key_date": ("Date", "日期"),
    "register.key_date_tip": (
        "Type a date (YYYY-MM-DD), then Enter",
        "输入日期（YYYY-MM-DD）后回车",
    ),
    "register.key_session": ("Session", "驻点"),
    "register.key_session_tip": (
        "Pick one desk session of the day, or the whole day",
        "选择当天的某个驻点或全天",
    ),
    "register.key_csv": ("CSV", "CSV"),
    "register.key_csv_tip": (
        "Export for Excel/WPS (UTF-8 with BOM)",
        "导出 Excel/WPS 可打开的 CSV（带 BOM 的 UTF-8）",
    ),
    "register.key_xlsx": ("XLSX", "XLSX"),
    "register.key_xlsx_tip": ("Export an Excel workbook", "导出 Excel 工作簿"),
    "register.key_html": ("Print page", "打印页"),
    "register.key_html_tip": (
        "Export a page to print on A4 landscape, sign and file",
        "导出 A4 横向打印页，签字归档",
    ),
    "register.key_json": ("JSON", "JSON"),
    "register.key_json_tip": ("Export JSON for other systems", "导出供其他系统使用的 JSON"),
    "register.key_unmask": ("Full numbers", "完整号码"),
    "register.key_unmask_tip": (
        "Show full phone and ID numbers for one export (asks first; recorded)",
        "显示完整电话和身份证号，用于一次导出（需确认，会留下记录）",
    ),
    "register.key_mask": ("Mask numbers", "遮盖号码"),
    "register.key_mask_tip": ("Mask phone and ID numbers again", "重新遮盖电话和身份证号"),
    "register.key_leave": ("Leave the field", "离开输入框"),
    "register.key_leave_tip": (
        "Back from the date or session field to the register's keys",
        "从日期或驻点输入框回到登记簿按键",
    ),
    "register.key_stats": ("Statistics", "统计"),
    "register.key_stats_tip": (
        "Figures over a date range, with a chart",
        "按日期范围统计，附图表",
    ),
    "register.bad_date": (
        "Date: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-27",
        "日期：{value!r} 不是有效日期，请按 YYYY-MM-DD 填写，如 2026-11-27",
    ),
    "register.confirm_title": ("Export full numbers?", "导出完整号码？"),
    "register.confirm_text": (
        "The preview and the next export show full phone and ID numbers; the export goes to "
        "its own file ending in -full. Each day shown and each export is recorded in the audit "
        "log with your name ({staff}). After the export the numbers are masked again (u or "
        "leaving the register masks them sooner).",
        "预览和下一次导出将显示完整的电话和身份证号；导出文件名以 -full 结尾，单独保存。"
        "每查看一天、每次导出都会以您的名字（{staff}）记入审计日志。导出后号码即重新遮盖"
        "（按 u 或离开登记簿也会遮盖）。",
    ),
    "register.confirm_yes": ("Show full numbers", "显示完整号码"),
    "register.confirm_no": ("Keep masked", "保持遮盖"),
    "register.key_confirm_no_tip": ("Keep the numbers masked", "保持号码遮盖"),
    # statistics
    "stats.title": ("Statistics", "统计"),
    "stats.summary": (
        "{first} to {last}: {visitors} {visitors|visit|visits}, {taken} {taken|case|cases} taken, "
        "{solved} solved "
        "({on_spot} on the spot).",
        "{first} 至 {last}：来访咨询 {visitors} 人次，受理诉求 {taken} 件，"
        "已解决 {solved} 件（当场解决 {on_spot} 件）。",
    ),
    "stats.visitors": ("Visitors (questions only)", "来访咨询（人次）"),
    "stats.taken": ("Cases taken", "受理诉求"),
    "stats.on_spot": ("Solved on the spot", "当场解决"),
    "stats.dispatched": ("Dispatched", "派单"),
    "stats.resolved": ("Resolved (outcome recorded)", "已解决（有办理结果）"),
    "stats.closed": ("Closed (follow-up done)", "已办结（已回访）"),
    "stats.on_time": ("On time", "按期办结率"),
    "stats.on_time_detail": ("{rate} ({count} of {total})", "{rate}（{total} 件中 {count} 件）"),
    "stats.satisfaction": ("Satisfied or basically", "满意率（含基本满意）"),
    "stats.by_category": ("By category", "按类别"),
    "stats.by_party": ("By responsible party", "按承办单位"),
    "stats.by_session": ("By desk session: cases / visitors", "按驻点：诉求 / 咨询人次"),
    "stats.no_party": ("(not dispatched)", "（未派单）"),
    "stats.no_session": ("(outside these sessions)", "（不属于以上驻点）"),
    "stats.session_value": ("{cases} / {visitors}", "{cases} / {visitors}"),
    "stats.per_day": ("Cases per day", "每日受理"),
    "stats.per_week": ("Cases per week (week of)", "每周受理（周起始日）"),
    "stats.range": ("From {first} to {last}", "{first} 至 {last}"),
    "stats.from_label": ("From", "从"),
    "stats.to_label": ("To", "到"),
    "stats.loading": ("Counting ...", "正在统计……"),
    "stats.help": (
        "f dates (Tab, Enter)  p/n earlier/later  Esc back to the register",
        "f 输入日期（Tab、回车）  p/n 往前/往后  Esc 返回登记簿",
    ),
    "stats.bad_range": ("From {first} is after To {last}.", "起始日 {first} 晚于截止日 {last}。"),
    "stats.key_back": ("Back", "返回"),
    "stats.key_back_tip": ("Back to the register", "返回登记簿"),
    "stats.key_prev": ("Earlier", "往前"),
    "stats.key_prev_tip": ("Move the range back by its length", "将日期范围整体前移"),
    "stats.key_next": ("Later", "往后"),
    "stats.key_next_tip": ("Move the range forward by its length", "将日期范围整体后移"),
    "stats.key_from": ("From", "起始日"),
    "stats.key_from_tip": ("Type the first day of the range", "输入起始日期"),
    "stats.chart_max": ("max {count}", "最多 {count}"),
}
