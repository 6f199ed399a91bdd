"""The F1 help screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.title": ("Keys of this screen", "本界面的按键"),
    "help.group_screen": ("On this screen", "本界面"),
    "help.group_global": ("Everywhere", "任何界面"),
    "help.group_editing": ("Editing and moving in a field or list", "在输入框或列表中编辑和移动"),
    "help.palette": ("Command palette", "命令面板"),
    "help.hint": (
        "Up/Down, PgUp/PgDn, Home/End scroll. Esc or F1 closes.",
        "上下键、PgUp/PgDn、Home/End 滚动；Esc 或 F1 关闭。",
    ),
    "help.key_close": ("Close", "关闭"),
    "help.key_close_tip": ("Close the help and go back", "关闭帮助，返回"),
    "footer.more": ("More keys", "更多按键"),
}
