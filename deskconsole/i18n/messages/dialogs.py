"""Shared dialogs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "dialog.yes": ("Yes", "是"),
    "dialog.yes_tip": ("Answer yes", "确认"),
    "dialog.no": ("No", "否"),
    "dialog.no_tip": ("Answer no, change nothing", "取消，不做改动"),
    "dialog.yes_no_hint": ("y / Enter: yes    n / Esc: no", "y / 回车：是    n / Esc：否"),
    "dialog.take": ("Take", "确定"),
    "dialog.take_tip": ("Take the highlighted choice", "选定当前选项"),
    "dialog.cancel": ("Cancel", "取消"),
    "dialog.cancel_tip": ("Close without changing anything", "关闭，不做改动"),
    "dialog.pick_category": (
        "Category (type its number or pinyin, arrows to move)",
        "类别（输入序号或拼音，方向键切换）",
    ),
}
