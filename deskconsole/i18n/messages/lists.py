"""How several items are listed in a line: names, parties, categories, states."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Chinese lists names and terms with the enumeration comma: 颜成玉、刘宗辉.
    "list.sep": (", ", "、"),
}
