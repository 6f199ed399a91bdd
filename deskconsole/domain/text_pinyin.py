"""The pinyin of any short text (a command's title), to find it by typing pinyin."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def text_pinyin(text: str) -> tuple[str, str]:
    """``(full, initials)`` of the Chinese characters in ``text``.

    界面语言 -> ``("jiemianyuyan", "jmyy")``.

    Anything that is not a Chinese character is left out; both are empty without any.
    """
    syllables = text_syllables(text)
    return "".join(syllables), "".join(s[:1] for s in syllables)


@lru_cache(maxsize=512)
def text_syllables(text: str) -> tuple[str, ...]:
    """The pinyin syllables of the Chinese characters in ``text``, in order:
    界面语言 -> ``("jie", "mian", "yu", "yan")``."""
    chinese = "".join(char for char in text if "\u4e00" <= char <= "\u9fff")
    if not chinese:
        return ()
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries take half a second to load

    return tuple(lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=False))
