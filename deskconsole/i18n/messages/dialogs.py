"""Shared dialogs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "dialog.yes": ("Yes", "是"),
    "dialog.yes_tip": ("Answer yes", "确认"),
    "dialog.no": ("No", "否"),
    "dialog.no_tip": ("Answer no, change nothing", "取消，不做改动"),
    "dialog.yes_no_hint": ("y / Enter: yes    n / Esc: no", "y / 回车：是    n / Esc：否"),
    "dialog.no_yes_hint": ("y: yes    n / Enter / Esc: no", "y：是    n / 回车 / Esc：否"),
    "dialog.enter": ("Answer", "回答"),
    "dialog.enter_tip": (
        "Enter: yes, or no where yes would throw something away",
        "回车：确认；若会丢弃内容则为否",
    ),
    "dialog.take": ("Take", "确定"),
    "dialog.take_tip": ("Take the highlighted choice", "选定当前选项"),
    "dialog.cancel": ("Cancel", "取消"),
    "dialog.cancel_tip": ("Close without changing anything", "关闭，不做改动"),
    "dialog.pick_category": (
        "Category (type its number or pinyin, arrows to move)",
        "类别（输入序号或拼音，方向键切换）",
    ),
}
