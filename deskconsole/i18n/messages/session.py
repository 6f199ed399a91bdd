"""Desk sessions: starting, ending, the visitor tally, corrections."""

MESSAGES: dict[str, tuple[str, str]] = {
    "session.invalid": ("The session cannot be saved: {problems}", "驻点无法保存：{problems}"),
    "session.already_open": (
        "A desk session is already open ({compound}, {date}); end it first.",
        "已有驻点未结束（{compound}，{date}），请先结束。",
    ),
    "session.hours": (
        "End: the session must end after it starts",
        "结束：结束时间须晚于开始时间",
    ),
    "session.not_correctable": (
        "These fields cannot be corrected: {fields}",
        "以下字段不能更正：{fields}",
    ),
}

MESSAGES.update(
    {
        "session.none_open": (
            "No desk session is open: start one with F7 first.",
            "当前没有驻点：请先按 F7 开始驻点。",
        ),
        "session.visitor_counted": (
            "Visitor counted ({count} in this session; ctrl+F6 takes it back)",
            "已记录来访咨询（本次驻点共 {count} 人；ctrl+F6 撤销）",
        ),
        "session.visitor_counted_in": (
            "Visitor counted under {category} ({count} in this session; ctrl+F6 takes it back)",
            "已记录来访咨询：{category}（本次驻点共 {count} 人；ctrl+F6 撤销）",
        ),
        "session.visitor_uncounted": (
            "Last visitor count taken back ({count} in this session)",
            "已撤销最近一次来访记录（本次驻点共 {count} 人）",
        ),
        "session.no_visitors": (
            "No visitor counted in this session yet: nothing to take back",
            "本次驻点尚未记录来访，无可撤销",
        ),
        "session.confirm_end": (
            "End the desk session in {compound}? {count} {count|visitor|visitors} counted.",
            "结束 {compound} 的驻点吗？已记录来访 {count} 人。",
        ),
        "session.started": ("Desk session started in {compound}", "已开始驻点：{compound}"),
        "session.ended": (
            "Desk session in {compound} ended ({hours}; staff: {staff})",
            "{compound} 驻点已结束（{hours}；工作人员：{staff}）",
        ),
        "session.corrected": (
            "Session corrected (recorded in the audit log)",
            "驻点已更正（已记入审计日志）",
        ),
        "session.title_new": ("Start a desk session", "开始驻点"),
        "session.title_correct": ("Correct a desk session", "更正驻点"),
        "session.dialog_hint": (
            "Tab / Enter: next field   ctrl+s: save   Esc: cancel",
            "Tab / 回车：下一项   ctrl+s：保存   Esc：取消",
        ),
        "session.field_date": ("Date", "日期"),
        "session.field_compound": ("Compound", "小区"),
        "session.field_start": ("Starts", "开始"),
        "session.field_end": ("Ends", "结束"),
        "session.field_staff": ("Staff on duty", "值班人员"),
        "session.field_partners": ("Partner units", "协办单位"),
        "session.hint_date": ("YYYY-MM-DD", "YYYY-MM-DD"),
        "session.hint_compound": ("e.g. 金域华府", "如 金域华府"),
        "session.hint_start": ("HH:MM", "HH:MM"),
        "session.hint_end": ("HH:MM (optional)", "HH:MM（可不填）"),
        "session.hint_staff": ("names, separated by commas", "姓名，用逗号分隔"),
        "session.hint_partners": ("property company, hotline office ...", "物业公司、热线办……"),
        "session.key_save": ("Save", "保存"),
        "session.key_save_tip": ("Save the session", "保存驻点"),
        "session.key_correct": ("Correct", "更正"),
        "session.key_correct_tip": ("Correct the highlighted session", "更正所选驻点"),
        "session.key_close": ("Close", "关闭"),
        "session.key_close_tip": ("Back to where you were", "返回"),
        "session.list_title": ("Desk sessions", "驻点记录"),
        "session.open_now": ("(open)", "（进行中）"),
        "session.col_date": ("Date", "日期"),
        "session.col_compound": ("Compound", "小区"),
        "session.col_hours": ("Hours", "时间"),
        "session.col_staff": ("Staff", "值班"),
        "session.col_partners": ("Partners", "协办单位"),
        "session.col_visitors": ("Visitors", "来访"),
        "session.col_cases": ("Cases", "工单"),
    }
)
