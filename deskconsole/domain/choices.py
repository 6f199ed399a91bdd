"""Picking a choice by typing: a number, the code, English words, or the Chinese in pinyin.

``match_choice(choices, "wy")`` finds 物业设施 (wu ye); ``"3"`` the third choice;
``"comp"`` Complaint; ``"投"`` 投诉. Used by the console's choice fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from deskconsole.domain.pinyin import full_pinyin, initials
from deskconsole.models import Settings
from deskconsole.models.text import nfkc


@dataclass(frozen=True)
class Choice:
    """One option: the stored value and its English and Chinese labels."""

    value: str
    en: str
    zh: str
    extra_keys: tuple[str, ...] = field(default=(), compare=False)

    def label(self, language: str) -> str:
        """The label in ``language`` (``en`` or ``zh``)."""
        return self.zh if language == "zh" else self.en

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Lower-case strings a typed prefix is matched against."""
        words = [w for w in self.en.lower().replace("&", " ").replace(",", " ").split() if w]
        found = [
            self.value.lower(),
            self.en.lower(),
            "".join(w[0] for w in words),
            *words,
            full_pinyin(self.zh),
            initials(self.zh),
            *self.extra_keys,
        ]
        return tuple(k for k in found if k)


def match_choice(choices: list[Choice], typed: str) -> int | None:
    """The index of the first choice that ``typed`` picks, or ``None``."""
    text = nfkc(typed).lower().strip()
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        index = (number if number else 10) - 1
        return index if 0 <= index < len(choices) else None
    for index, choice in enumerate(choices):
        if any(key.startswith(text) for key in choice.keys):
            return index
    for index, choice in enumerate(choices):
        if text in choice.zh:
            return index
    return None


def category_choices(settings: Settings) -> list[Choice]:
    """The configured categories as choices."""
    return [Choice(c.code, c.en, c.zh) for c in settings.categories]
