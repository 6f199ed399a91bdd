"""Messages of personal data: a person's file, erasure, retention, the screen lock."""

MESSAGES: dict[str, tuple[str, str]] = {
    "bundle.what_erasures": ("erasure {index}", "第 {index} 条删除记录"),
    "privacy.bundle_erased": (
        "Personal data erased, as recorded on a desk: {count} {count|resident|residents}",
        "按服务台的删除记录删除个人信息：{count} 位居民",
    ),
    "privacy.err_reason": (
        "Erasing a resident needs a reason (e.g. the resident's request of 2026-12-01)",
        "删除居民个人信息须填写原因（例如：居民 2026-12-01 申请）",
    ),
    "privacy.err_no_resident": (
        "No resident {resident} in this store",
        "本库中没有居民 {resident}",
    ),
}
MESSAGES.update(
    {
        "privacy.err_ambiguous": (
            "{count} residents answer to {given}: give the record id (shown in the resident view)",
            "有 {count} 位居民符合 {given}：请给出记录编号（居民详情中可见）",
        ),
        "privacy.err_full_reason": (
            "A file with full numbers needs a reason (--reason), which goes on the audit log",
            "含完整号码的副本须填写原因（--reason），原因记入审计日志",
        ),
        "privacy.file_title": ("Personal data held on a resident", "居民个人信息副本"),
        "privacy.file_meta": (
            "{community}, produced {at} by {staff}",
            "{community}　{at} 由 {staff} 生成",
        ),
        "privacy.file_masked": (
            "Phone and ID numbers are masked in this copy.",
            "本副本中的电话和身份证号已做遮挡。",
        ),
        "privacy.file_full": (
            "This copy holds full phone and ID numbers; its production is on the audit log.",
            "本副本含完整电话和身份证号，生成情况已记入审计日志。",
        ),
        "privacy.file_resident": ("Resident record", "居民信息"),
        "privacy.file_record": ("Record", "记录编号"),
        "privacy.file_erased": (
            "Personal data erased on {at} by {staff}: {reason}",
            "个人信息已于 {at} 由 {staff} 删除：{reason}",
        ),
        "privacy.file_cases": ("Cases ({count})", "诉求工单（{count} 件）"),
        "privacy.file_audit": (
            "Audit entries naming the resident ({count})",
            "涉及该居民的审计记录（{count} 条）",
        ),
        "privacy.file_sign": (
            "Handed over by: ____________    Received by: ____________    Date: ____________",
            "经办人：____________　　领取人：____________　　日期：____________",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.cli_bad_format": ("{value}: use json or html", "{value}：请用 json 或 html"),
        "privacy.cli_locked": (
            "The store is open in a console ({holder}): personal data is handled there, "
            "or close it first (this is recorded in its audit log)",
            "数据库正在控制台中使用（{holder}）：请在控制台中操作，或先关闭控制台（此操作须记入审计日志）",
        ),
        "privacy.cli_audited": (
            "Recorded in the audit log (staff: {staff})",
            "已记入审计日志（工作人员：{staff}）",
        ),
        "privacy.cli_written": ("Written: {path}", "已写入：{path}"),
        "privacy.cli_erase_confirm": (
            "Erase the personal data of {name} ({id}) for good? This cannot be undone",
            "永久删除 {name}（{id}）的个人信息？此操作不可撤销",
        ),
        "privacy.cli_erased": (
            "Personal data of resident {id} erased "
            "({cases} {cases|case|cases} de-identified; by {staff})",
            "居民 {id} 的个人信息已删除（{cases} 件工单已去标识；经办：{staff}）",
        ),
        "privacy.cli_due": (
            "{count} {count|resident|residents} due under the retention rule ({years} years)",
            "按保存期限（{years} 年）到期的居民：{count} 位",
        ),
        "privacy.cli_dry_run": ("Dry run: nothing was changed", "试运行：未做任何修改"),
        "privacy.cli_purge_confirm": (
            "De-identify these {count} {count|resident|residents} for good? This cannot be undone",
            "永久去除这 {count} 位居民的个人信息？此操作不可撤销",
        ),
        "privacy.cli_purged": (
            "{count} {count|resident|residents} de-identified (by {staff}; on the audit log)",
            "已去除 {count} 位居民的个人信息（经办：{staff}；已记入审计日志）",
        ),
        "privacy.purge_reason": (
            "Retention: no open case and nothing new for {years} years",
            "保存期限到期：{years} 年内无未办结工单且无新记录",
        ),
        "privacy.restore_reapplied": (
            "Erasures re-applied from the erasure ledger: {count}",
            "已按删除记录重新删除：{count} 位居民",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.check_ledger": (
            "Erasure ledger: {count} erased {count|resident|residents}",
            "删除记录：已删除 {count} 位居民的个人信息",
        ),
        "privacy.check_ledger_torn": (
            "Erasure ledger: an unfinished last line (a crash while writing) is ignored",
            "删除记录：最后一行未写完（写入时中断），已忽略",
        ),
        "privacy.check_pending": (
            "{count} {count|erasure|erasures} of the ledger {count|is|are} not in the store "
            "(a restore or a crash): "
            "they are applied again when the console opens, or by `deskconsole restore`",
            "删除记录中有 {count} 条未在数据库中生效（恢复备份或中断所致）：打开控制台或执行 "
            "`deskconsole restore` 时会重新删除",
        ),
    }
)
MESSAGES.update(
    {
        "audit.action.person.export": ("person's file written", "导出居民个人信息副本"),
        "audit.action.person.erase": ("personal data erased", "删除居民个人信息"),
        "audit.action.person.purge": (
            "personal data de-identified (retention)",
            "保存期限到期，去除个人信息",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.err_pin": (
            "The PIN must be 4 to 12 digits",
            "PIN 须为 4 到 12 位数字",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.cli_pin_prompt": ("New PIN (4 to 12 digits)", "新 PIN（4 到 12 位数字）"),
        "privacy.cli_show_retention": (
            "Retention: {years} years without an open case or anything new (0: never)",
            "保存期限：{years} 年内无未办结工单且无新记录（0 表示不限）",
        ),
        "privacy.cli_show_lock": (
            "Screen lock after {minutes} idle minutes (0: never); ctrl+l locks at once",
            "空闲 {minutes} 分钟后锁屏（0 表示不自动锁屏）；ctrl+l 立即锁屏",
        ),
        "privacy.cli_show_pin_set": ("Unlock PIN: set", "解锁 PIN：已设置"),
        "privacy.cli_show_pin_none": (
            "Unlock PIN: not set (deskconsole privacy --set-pin)",
            "解锁 PIN：未设置（deskconsole privacy --set-pin）",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.lock_title": ("The console is locked.", "控制台已锁定。"),
        "privacy.lock_pin_hint": ("Staff PIN, then Enter", "输入工作人员 PIN 后按回车"),
        "privacy.lock_no_pin": (
            "Enter unlocks (no PIN set: deskconsole privacy --set-pin)",
            "按回车解锁（未设置 PIN：deskconsole privacy --set-pin）",
        ),
        "privacy.lock_wrong": ("Wrong PIN ({count})", "PIN 错误（第 {count} 次）"),
        "privacy.lock_wrong_pause": (
            "Wrong PIN ({count}): wait {seconds} s before the next try",
            "PIN 错误（第 {count} 次）：请等待 {seconds} 秒后再试",
        ),
        "privacy.lock_wait": (
            "Wait {seconds} s before the next try",
            "请等待 {seconds} 秒后再试",
        ),
        "privacy.key_lock": ("Lock", "锁屏"),
        "privacy.key_lock_tip": (
            "Lock the console: only the community and the time show until the PIN is given",
            "锁定控制台：输入 PIN 前只显示社区名称和时间",
        ),
        "privacy.retention_reminder": (
            "{count} {count|resident is|residents are} due for de-identification under the "
            "retention rule: deskconsole purge --dry-run lists them",
            "按保存期限，有 {count} 位居民的个人信息应予去除：deskconsole purge --dry-run 可列出",
        ),
    }
)
MESSAGES.update(
    {
        "privacy.key_personal": ("Personal data", "个人信息"),
        "privacy.key_personal_tip": (
            "A copy of everything held on this resident, or its erasure",
            "导出该居民的个人信息副本，或删除其个人信息",
        ),
        "privacy.key_copy": ("Copy", "副本"),
        "privacy.key_copy_tip": (
            "Write the resident's file (numbers masked) as JSON and a printable page",
            "导出居民个人信息副本（号码遮挡）：JSON 和可打印页面",
        ),
        "privacy.key_full": ("Full copy", "完整副本"),
        "privacy.key_full_tip": (
            "The file with full numbers: asks why, and records it in the audit log",
            "含完整号码的副本：须填写原因，并记入审计日志",
        ),
        "privacy.key_erase": ("Erase", "删除"),
        "privacy.key_erase_tip": (
            "Erase the resident's personal data for good (asks why, then twice)",
            "永久删除该居民的个人信息（须填写原因并确认两次）",
        ),
        "privacy.dialog_title": ("Personal data of {name}", "{name} 的个人信息"),
        "privacy.dialog_choices": (
            "c  copy (numbers masked)    f  copy with full numbers    x  erase    Esc  cancel",
            "c  副本（号码遮挡）    f  含完整号码的副本    x  删除    Esc  取消",
        ),
        "privacy.reason_placeholder": (
            "e.g. the resident's request of 2026-12-01",
            "例如：居民 2026-12-01 申请",
        ),
        "privacy.reason_full": (
            "Why are full numbers needed? (goes on the audit log)",
            "为什么需要完整号码？（记入审计日志）",
        ),
        "privacy.reason_erase": (
            "Why is the personal data of {name} erased? (goes on the audit log)",
            "删除 {name} 个人信息的原因？（记入审计日志）",
        ),
        "privacy.erase_confirm": (
            "Erase name, phones, ID number, address and notes of {name}, and every text of "
            "their cases? The cases stay counted.",
            "删除 {name} 的姓名、电话、身份证号、地址、备注及其工单中的全部文字？工单仍计入统计。",
        ),
        "privacy.erase_confirm_again": (
            "This cannot be undone, here or on any other desk. Erase now?",
            "此操作不可撤销，本服务台及其他服务台均无法恢复。确定删除？",
        ),
        "privacy.erased": (
            "Personal data erased ({cases} {cases|case|cases} de-identified)",
            "个人信息已删除（{cases} 件工单已去标识）",
        ),
        "privacy.copy_written": ("Written: {paths}", "已写入：{paths}"),
    }
)
MESSAGES.update(
    {
        # the settings view's personal-data dialog (p)
        "privacy.key_settings": ("Privacy", "隐私"),
        "privacy.key_settings_tip": (
            "Retention, the idle lock and the unlock PIN",
            "保存期限、空闲锁屏和解锁 PIN",
        ),
        "privacy.info_title": ("Personal data", "个人信息"),
        "privacy.info_value": (
            "kept {years} years after the last case (0: always); lock after {minutes} idle "
            "minutes (0: never); unlock PIN {pin}",
            "最后一件工单后保存 {years} 年（0 表示一直保存）；空闲 {minutes} 分钟后锁屏"
            "（0 表示不锁）；解锁 PIN {pin}",
        ),
        "privacy.info_pin_set": ("set", "已设置"),
        "privacy.info_pin_none": ("not set", "未设置"),
        "privacy.settings_title": ("Personal data settings", "个人信息设置"),
        "privacy.settings_retention": ("Years kept", "保存年限"),
        "privacy.settings_lock": ("Idle lock, min", "空闲锁屏(分钟)"),
        "privacy.settings_note": (
            "Years kept: after a resident's last case or change, before `purge` may erase "
            "them (0: kept always). Idle lock: minutes without a key before the console locks "
            "(0: never).",
            "保存年限：居民最后一件工单或修改之后，超过该年限方可由 purge 删除（0 表示一直保存）。"
            "空闲锁屏：无按键多少分钟后锁屏（0 表示不锁）。",
        ),
        "privacy.settings_current_pin": ("Current PIN", "当前 PIN"),
        "privacy.settings_new_pin": ("New PIN", "新 PIN"),
        "privacy.settings_new_pin_again": ("New PIN again", "再次输入新 PIN"),
        "privacy.settings_clear_pin": ("Remove PIN", "取消 PIN"),
        "privacy.settings_hint": (
            "Enter moves on, space ticks, ctrl+s saves, Esc cancels. A new PIN is 4 to 12 "
            "digits (left blank: the PIN stays) and is stored only as a salted hash.",
            "回车到下一项，空格勾选，ctrl+s 保存，Esc 取消。"
            "新 PIN 为 4 到 12 位数字（留空则不变），只保存加盐散列值。",
        ),
        "privacy.settings_saved": ("Personal data settings saved", "个人信息设置已保存"),
        "privacy.err_current_pin": (
            "That is not the current PIN: nothing was changed",
            "当前 PIN 不正确，未做任何修改",
        ),
        "privacy.err_pins_differ": (
            "The two new PINs differ: type the same PIN twice",
            "两次输入的新 PIN 不一致，请输入相同的 PIN",
        ),
        "privacy.err_setting_range": (
            "{field}: give a whole number from 0 to {top}",
            "{field}：请填写 0 到 {top} 的整数",
        ),
    }
)
