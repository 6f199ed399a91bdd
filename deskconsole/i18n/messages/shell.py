"""The console shell: modes, global keys, header, command palette."""

MESSAGES: dict[str, tuple[str, str]] = {
    "mode.lookup": ("Lookup", "查找居民"),
    "mode.intake": ("Intake", "登记诉求"),
    "mode.board": ("Board", "工单看板"),
    "mode.register": ("Register", "登记簿"),
    "key.help": ("Keys", "按键"),
    "key.help_tip": ("Show or hide the keys of this screen", "显示或隐藏本界面的按键"),
    "key.lookup_tip": ("Find a resident", "查找居民"),
    "key.intake_tip": ("Register a new case", "登记新诉求"),
    "key.board_tip": ("Cases by state", "按状态查看工单"),
    "key.register_tip": ("The day's register and statistics", "当日登记簿和统计"),
    "key.quit": ("Quit", "退出"),
    "key.quit_tip": (
        "Close the console (everything is already saved)",
        "关闭控制台（数据均已保存）",
    ),
    "header.no_session": ("No session", "无驻点"),
    "header.no_community": ("Community not set", "未设置社区"),
    "header.opening": ("Opening the store ...", "正在打开数据 ..."),
    "header.session": ("Desk {compound} {when}", "驻点 {compound} {when}"),
    "header.staff": ("Staff: {staff}", "值班：{staff}"),
    "header.counts": (
        "Today {taken} | Overdue {overdue} | Follow-up {followup}",
        "今日 {taken} | 超期 {overdue} | 待回访 {followup}",
    ),
    "app.language_switched": ("Language: English", "界面语言：简体中文"),
    "app.worker_failed": (
        "That did not work; nothing else was lost. Details (personal numbers masked): {report}",
        "操作未完成，其他内容未受影响。详细信息（个人号码已隐去）：{report}",
    ),
    "cmd.language": ("Language: switch English / 中文", "界面语言：切换 中文 / English"),
    "cmd.language_help": ("Switch the interface language", "切换界面语言"),
    "cmd.keys": ("Show keys (F1)", "显示按键（F1）"),
    "palette.placeholder": (
        "Search for commands, residents, case numbers…",
        "搜索命令、居民、工单号…",
    ),
    "palette.no_matches": ("No matches found", "没有找到"),
    "palette.case_help": ("Open this case", "打开这张工单"),
    "app.quit_title": ("Do you want to quit?", "要退出吗？"),
    "app.quit_hint": ("Press {key} to quit the console", "按 {key} 退出控制台"),
}

MESSAGES.update(
    {
        "key.visitor": ("Visitor +1", "来访 +1"),
        "key.visitor_tip": (
            "Count a visitor who only asked a question",
            "记录一位只咨询的来访居民",
        ),
        "key.visitor_in": ("Visitor +1 by category", "按类别记来访"),
        "key.visitor_in_tip": ("Count a visitor under a category", "按类别记录一位来访居民"),
        "key.visitor_undo": ("Visitor -1", "来访 -1"),
        "key.visitor_undo_tip": (
            "Take back the visitor counted last",
            "撤销最近一次记录的来访",
        ),
        "key.session": ("Start/end desk session", "开始/结束驻点"),
        "key.session_tip": (
            "Start a desk session, or end the open one",
            "开始驻点，或结束当前驻点",
        ),
        "cmd.sessions": ("Desk sessions: list and correct", "驻点记录：查看和更正"),
        "cmd.sessions_help": ("Every desk session, newest first", "全部驻点，最新的在前"),
    }
)
