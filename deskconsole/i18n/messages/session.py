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
