"""The case board, the case view and the follow-up list."""

MESSAGES: dict[str, tuple[str, str]] = {
    "board.filter_overdue": ("overdue only", "仅超期"),
}
