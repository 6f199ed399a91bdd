"""One message catalog in English and Simplified Chinese, used by every layer.

Messages live in ``deskconsole/i18n/messages/*.py``; each module defines
``MESSAGES: dict[str, tuple[str, str]]`` mapping a key to ``(english, chinese)``.

Plural forms: ``{count|case|cases}`` in a message is the first word when the parameter
``count`` is 1, else the second (``"{count} {count|case|cases}"``: "1 case", "3 cases");
Chinese has one form and needs no such token.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from collections.abc import Iterable, Mapping
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")

_current: Language = "en"
_catalog: dict[str, tuple[str, str]] | None = None


def catalog() -> Mapping[str, tuple[str, str]]:
    """Return the merged catalog, loading every catalog module once."""
    global _catalog
    if _catalog is None:
        package = importlib.import_module("deskconsole.i18n.messages")
        merged: dict[str, tuple[str, str]] = {}
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for key, pair in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"message key {key!r} defined twice ({info.name})")
                merged[key] = pair
        _catalog = merged
    return _catalog


def set_language(language: str) -> Language:
    """Switch the language used by :func:`t`; returns the language now in use."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    _current = language  # type: ignore[assignment]
    return _current


def get_language() -> Language:
    """The language currently in use."""
    return _current


def default_language(environ: Mapping[str, str] | None = None) -> Language:
    """Chinese when the locale (LC_ALL, LC_MESSAGES or LANG) starts with ``zh``, else English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _plurals(text: str, params: Mapping[str, object]) -> str:
    """Replace each ``{name|one|other}`` by the form that fits ``params[name]``."""

    def form(match: re.Match[str]) -> str:
        value = params.get(match.group(1))
        return match.group(2) if str(value).replace(",", "") == "1" else match.group(3)

    return _PLURAL.sub(form, text) if "|" in text else text


def t(key: str, language: Language | None = None, /, **params: object) -> str:
    """Translate ``key`` into the current (or given) language, filling ``{params}``.

    A string that is not a catalog key is returned unchanged, so texts that come
    from elsewhere (Textual's own bindings, user data) pass through.
    """
    pair = catalog().get(key)
    if pair is None:
        return key.format(**params) if params else key
    text = pair[1] if (language or _current) == "zh" else pair[0]
    return _plurals(text, params).format(**params) if params else text


def listed(items: Iterable[object], language: Language | None = None) -> str:
    """``items`` in one line, each apart by the language's list separator (the one
    place it is chosen): ``颜成玉、刘宗辉`` in Chinese, ``Yan, Liu`` in English."""
    return t("list.sep", language).join(str(item) for item in items)


def has_key(key: str) -> bool:
    """True when ``key`` is in the catalog."""
    return key in catalog()
