"""Textual's own key descriptions, keyed by their English text so the keys panel translates them."""

MESSAGES: dict[str, tuple[str, str]] = {
    "Focus Next": ("Next field", "下一项"),
    "Focus Previous": ("Previous field", "上一项"),
    "Copy selected text": ("Copy selected text", "复制选中文字"),
    "palette": ("palette", "命令面板"),
    "Open the command palette": ("Open the command palette", "打开命令面板"),
    "Quit the app and return to the command prompt.": (
        "Quit the app and return to the command prompt.",
        "退出程序，回到命令行。",
    ),
    "Scroll Up": ("Scroll up", "向上滚动"),
    "Scroll Down": ("Scroll down", "向下滚动"),
    "Cursor up": ("Cursor up", "光标上移"),
    "Cursor down": ("Cursor down", "光标下移"),
    "Select": ("Select", "选择"),
}
