"""Canned replies (常用答复): the answers a desk gives again and again, kept per category.

Settings hold them by category code; the resolve, reply and solved-on-the-spot fields
offer the ones of the case's category, the text staying editable once picked.
"""

from __future__ import annotations

from deskconsole.errors import DeskError
from deskconsole.models import Settings
from deskconsole.storage import RepositoryAPI

REPLY_LIMIT = 300
MAX_PER_CATEGORY = 9  # picked by one digit


class CannedReplyError(DeskError):
    """A canned reply that cannot be saved (one translated line)."""


def replies_for(settings: Settings, category: str | None) -> list[str]:
    """The canned replies of ``category`` (none for an unknown or empty category)."""
    return list(settings.canned_replies.get(category or "", []))


def parse_reply(spec: str) -> tuple[str, str]:
    """``property=物业报修电话 0536-8881234`` -> (category code, text)."""
    code, sep, text = spec.partition("=")
    if not sep or not code.strip() or not text.strip():
        raise CannedReplyError("replies.err_form", spec=spec)
    return code.strip(), text.strip()


def add_reply(settings: Settings, category: str, text: str) -> Settings:
    """Settings with ``text`` added to ``category``'s replies (checked; a repeat is kept once)."""
    if settings.category(category) is None:
        codes = ", ".join(c.code for c in settings.categories)
        raise CannedReplyError("replies.err_category", code=category, codes=codes)
    body = text.strip()
    if not body or len(body) > REPLY_LIMIT:
        raise CannedReplyError("replies.err_length", limit=REPLY_LIMIT)
    current = replies_for(settings, category)
    if body in current:
        return settings
    if len(current) >= MAX_PER_CATEGORY:
        raise CannedReplyError("replies.err_full", code=category, limit=MAX_PER_CATEGORY)
    replies = {**settings.canned_replies, category: [*current, body]}
    return settings.model_copy(update={"canned_replies": replies})


def clear_replies(settings: Settings, category: str) -> Settings:
    """Settings without any canned reply for ``category``."""
    replies = {k: v for k, v in settings.canned_replies.items() if k != category}
    return settings.model_copy(update={"canned_replies": replies})


def save_replies(
    repo: RepositoryAPI, add: list[str] | None = None, clear: list[str] | None = None
) -> Settings:
    """Clear the categories in ``clear``, then add each ``code=text`` of ``add``; one save."""
    with repo.transaction():
        settings = repo.settings.get()
        for code in clear or []:
            settings = clear_replies(settings, code)
        for spec in add or []:
            settings = add_reply(settings, *parse_reply(spec))
        return repo.settings.save(Settings.model_validate(settings.model_dump()))


def replies_lines(settings: Settings) -> list[str]:
    """``property 1. 物业报修电话 ...``: every canned reply, for ``deskconsole settings``."""
    lines = []
    for category in settings.categories:
        for number, text in enumerate(replies_for(settings, category.code), 1):
            lines.append(f"{category.code} {number}. {text}")
    return lines
