"""A resident's name as the console shows it: an erased resident's placeholder (stored in
Chinese, as the register prints it) reads in the interface language."""

from __future__ import annotations

from deskconsole.i18n import t
from deskconsole.models import ERASED_NAME


def shown_name(name: str) -> str:
    """``name``, or "Erased resident" / 已删除的居民 for an erased resident."""
    return t("privacy.erased_name") if name == ERASED_NAME else name
