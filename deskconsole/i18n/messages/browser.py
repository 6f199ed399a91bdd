"""The alternatives of the keys a browser keeps for itself (F1 when served)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "browser.register_tip": (
        "In a browser F5 reloads the page: ctrl+g opens the register",
        "浏览器里 F5 会刷新页面：用 ctrl+g 打开登记簿",
    ),
    "browser.add_tip": (
        "In a browser ctrl+n opens a window: alt+a adds the resident",
        "浏览器里 ctrl+n 会打开新窗口：用 alt+a 新增居民",
    ),
    "browser.word": ("Delete the word left", "删除左边的词"),
    "browser.word_tip": (
        "In a browser ctrl+w closes the tab: alt+w deletes the word left of the cursor",
        "浏览器里 ctrl+w 会关闭标签页：用 alt+w 删除光标左边的词",
    ),
}
