"""Shared widgets: choice fields, the resident picker."""

MESSAGES: dict[str, tuple[str, str]] = {
    "choice.key_previous": ("Previous choice", "上一个选项"),
    "choice.key_next": ("Next choice", "下一个选项"),
    "choice.key_accept": ("Keep and go on", "确定并到下一项"),
    "form.key_tick": ("Tick or untick", "勾选或取消"),
    "form.key_next": ("Next field", "下一项"),
    "picker.placeholder": (
        "Name, pinyin (jjg), phone, room (12-2-301) or ID tail",
        "姓名、拼音（jjg）、电话、房号（12-2-301）或身份证尾号",
    ),
    "picker.no_match": (
        "No resident matches: leave it empty for an anonymous case",
        "没有匹配的居民：留空则按匿名登记",
    ),
    "picker.open_cases": ("{count} open", "{count} 件在办"),
    "picker.key_choose": ("Choose resident", "选定居民"),
}
