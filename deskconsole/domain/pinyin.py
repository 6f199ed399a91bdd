"""Pinyin readings of resident names, for search.

A name is a row of *positions*, one per syllable: its character and every toneless
reading it may be typed in, the likeliest first (:func:`name_positions`):

- a polyphonic surname is read first as a surname (曾 ``zeng``, 单 ``shan``, 解 ``xie``,
  仇 ``qiu``, 区 ``ou``, 查 ``zha``, 乐 ``yue``, 朴 ``piao`` ...), then every other
  reading it has (``ceng``, ``dan``, ``jie`` ...), because staff type either;
- a compound surname (欧阳, 司马, 尉迟 ...) reads as a unit first (尉迟 ``yu chi``);
- a given-name character is read first as pypinyin reads it in its name, then with
  every other reading in pypinyin's heteronym data (强 ``qiang``, ``jiang``);
- ``ü`` is written ``v`` (``lv``) as input methods do, with ``u`` as a further reading;
- letters of non-Chinese names become lower-case syllables, one per word;
  digits, dots (阿卜杜拉·艾力) and punctuation are dropped.

:func:`name_readings` gives whole readings (``("jiang", "jian", "guo")``), the first
the one a clerk most likely means. Pure Python over :mod:`pypinyin`; results are
cached per character, surname and given name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# pypinyin is imported where it is used (its dictionaries take half a second to load, and
# the console's first screen must not wait for them); each caller is cached per name part.

MAX_READINGS = 4

#: Single-character surnames whose surname reading differs from the common one:
#: surname reading first, then the common reading(s).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng", "ceng"),
    "单": ("shan", "dan"),
    "解": ("xie", "jie"),
    "仇": ("qiu", "chou"),
    "区": ("ou", "qu"),
    "查": ("zha", "cha"),
    "乐": ("yue", "le"),
    "朴": ("piao", "pu"),
    "盖": ("ge", "gai"),
    "尉": ("yu", "wei"),
    "缪": ("miao", "mou"),
    "翟": ("zhai", "di"),
    "覃": ("qin", "tan"),
    "召": ("shao", "zhao"),
    "繁": ("po", "fan"),
    "员": ("yun", "yuan"),
    "秘": ("bi", "mi"),
    "种": ("chong", "zhong"),
    "重": ("chong", "zhong"),
    "折": ("she", "zhe"),
    "藏": ("zang", "cang"),
    "句": ("gou", "ju"),
    "长": ("chang", "zhang"),
    "宓": ("fu", "mi"),
    "隗": ("wei", "kui"),
    "能": ("nai", "neng"),
    "莘": ("shen", "xin"),
    "卜": ("bu", "bo"),
    "薄": ("bo", "bao"),
    "柏": ("bai", "bo"),
    "阚": ("kan", "han"),
    "褚": ("chu", "zhu"),
    "车": ("che", "ju"),
    "都": ("du", "dou"),
    "朝": ("chao", "zhao"),
    "便": ("pian", "bian"),
    "粘": ("nian", "zhan"),
    "蕃": ("pi", "fan"),
    "祭": ("zhai", "ji"),
    "郇": ("xun", "huan"),
    "佴": ("nai", "er"),
    "冼": ("xian",),
    "洗": ("xian", "xi"),
    "任": ("ren",),
    "沈": ("shen",),
    "那": ("na",),
    "宁": ("ning",),
    "殷": ("yin",),
    "秦": ("qin",),
    "曲": ("qu",),
    "阿": ("a",),
}

_PLAIN_COMPOUNDS = (
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 夏侯 公孙 宇文 轩辕 司徒 司空 端木 百里 "
    "呼延 南宫 西门 东郭 闻人 赫连 太史 公羊 申屠 钟离 拓跋 独孤 第五 仲孙 宗政 濮阳 "
    "淳于 漆雕 子车 颛孙 壤驷 公冶 谷梁 段干 巫马 公西 左丘 梁丘 东门 羊舌 微生 公良 "
    "鲜于 闾丘 司寇 完颜 纳兰 爱新觉罗"
)

#: Compound surnames; those with a special reading list it first.
COMPOUND_SURNAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "尉迟": (("yu", "chi"), ("wei", "chi")),
    "万俟": (("mo", "qi"),),
    "单于": (("chan", "yu"), ("dan", "yu")),
    "长孙": (("zhang", "sun"),),
    "澹台": (("tan", "tai"), ("dan", "tai")),
    "乐正": (("yue", "zheng"),),
    "亓官": (("qi", "guan"),),
    **dict.fromkeys(_PLAIN_COMPOUNDS.split(), ()),
}

_WORD = re.compile(r"[a-z]+")
_SYLLABLE = re.compile(r"[a-z]+")

#: One syllable of a name: its character (``""`` for a word of letters) and its readings.
Position = tuple[str, tuple[str, ...]]


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _words(text: str) -> list[str]:
    """Lower-case letter runs of a non-Chinese token (``John Smith`` -> john, smith)."""
    return _WORD.findall(text.lower())


def split_surname(name: str) -> tuple[str, str]:
    """``("欧阳", "秀兰")`` for 欧阳秀兰, ``("江", "建国")`` for 江建国; no surname for
    names that do not start with a Chinese character."""
    if not name or not _is_cjk(name[0]):
        return "", name
    for length in (4, 2):
        if len(name) > length and name[:length] in COMPOUND_SURNAMES:
            return name[:length], name[length:]
    return name[0], name[1:]


#: The syllables as a kept index holds them (``know_syllables``), when one was loaded.
_known_syllables: frozenset[str] | None = None


def know_syllables(found: frozenset[str]) -> None:
    """Take :func:`syllables` from a kept index made by this very code and pypinyin
    version (its fingerprint says so), sparing pypinyin's tables until a query needs a
    character's readings."""
    global _known_syllables
    _known_syllables = found


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, ``ü`` as ``v`` and as ``u``."""
    if _known_syllables is not None:
        return _known_syllables
    from pypinyin.pinyin_dict import pinyin_dict

    toned = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    found: set[str] = set()
    for reading in toned:
        marked = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
        plain = "".join(c for c in marked if not unicodedata.combining(c))
        found.update((plain, plain.replace("v", "u")))
    return frozenset(found)


def warm_up() -> None:
    """Load pypinyin and the tables every query reads (half a second), before the first
    query needs them: an index loaded from its file was made without them."""
    syllable_prefixes()
    char_readings("江")


@lru_cache(maxsize=1)
def syllable_prefixes() -> frozenset[str]:
    """Every start of a syllable: ``z``, ``zh``, ``zha``, ``zhan``, ``zhang`` ..."""
    return frozenset(s[:end] for s in syllables() for end in range(1, len(s) + 1))


@lru_cache(maxsize=65536)
def char_readings(char: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one character (its heteronyms), ``ü`` as
    ``v`` then also as ``u``: 强 -> ``qiang``, ``jiang``; 吕 -> ``lv``, ``lu``."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = [r for r in (found[0] if found else ()) if _SYLLABLE.fullmatch(r)]
    return _with_u(readings)


def _with_u(readings: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``lv`` -> ``lv``, ``lu`` (some type ``u`` for ``ü``); order kept, no repeats."""
    out: list[str] = []
    for reading in readings:
        out.append(reading)
        if "v" in reading:
            out.append(reading.replace("v", "u"))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def _surname_positions(surname: str) -> tuple[Position, ...]:
    """The surname's characters, each with its surname reading first, then every other."""
    from pypinyin import Style, lazy_pinyin

    if surname in COMPOUND_SURNAMES:
        plain = tuple(lazy_pinyin(surname, style=Style.NORMAL))
        heads: list[tuple[str, ...]] = [*COMPOUND_SURNAMES[surname], plain]
        return tuple(
            (char, _with_u([*(h[i] for h in heads if i < len(h)), *char_readings(char)]))
            for i, char in enumerate(surname)
        )
    first = SURNAME_READINGS.get(surname) or tuple(lazy_pinyin(surname, style=Style.NORMAL))
    readings = [r for r in (*first, *char_readings(surname)) if _SYLLABLE.fullmatch(r)]
    return ((surname, _with_u(readings)),)


@lru_cache(maxsize=65536)
def _given_positions(given: str) -> tuple[Position, ...]:
    """A given name (or a whole name without a surname), one position per syllable."""
    from pypinyin import Style, lazy_pinyin

    tokens = _tokens(given)
    chinese = [t for t in tokens if _is_cjk(t[0])]
    context = lazy_pinyin("".join(chinese), style=Style.NORMAL) if chinese else []
    if len(context) != len(chinese):
        context = [""] * len(chinese)
    readings = iter(context)
    positions: list[Position] = []
    for token in tokens:
        if _is_cjk(token[0]):
            default = next(readings)
            first = [default] if _SYLLABLE.fullmatch(default) else []
            positions.append((token, _with_u([*first, *char_readings(token)])))
        else:
            positions.extend(("", (word,)) for word in _words(token))
    return tuple(positions)


@lru_cache(maxsize=131072)
def name_positions(name: str) -> tuple[Position, ...]:
    """The syllables of ``name``: each one's character (``""`` for a word of letters) and
    every reading it may be typed in, the likeliest first.

    ``name_positions("曾小贤")`` is ``(("曾", ("zeng", "ceng")), ("小", ("xiao",)),
    ("贤", ("xian",)))``.
    """
    surname, given = split_surname(name)
    head = _surname_positions(surname) if surname else ()
    return head + (_given_positions(given) if given else ())


@lru_cache(maxsize=131072)
def name_readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Readings of ``name`` (at most :data:`MAX_READINGS`), the likeliest first, then
    each syllable read its other ways in turn, the surname's first."""
    positions = [alternatives for _, alternatives in name_positions(name) if alternatives]
    if not positions:
        return ()
    first = tuple(alternatives[0] for alternatives in positions)
    readings = [first]
    for place, alternatives in enumerate(positions):
        for other in alternatives[1:]:
            readings.append((*first[:place], other, *first[place + 1 :]))
    return tuple(dict.fromkeys(readings))[:MAX_READINGS]


def _tokens(text: str) -> list[str]:
    """Chinese characters one by one, other runs whole; dots and spaces split runs."""
    tokens: list[str] = []
    run = ""
    for char in text:
        if _is_cjk(char):
            if run:
                tokens.append(run)
                run = ""
            tokens.append(char)
        elif char.isalpha() and char.isascii():
            run += char
        else:
            if run:
                tokens.append(run)
            run = ""
    if run:
        tokens.append(run)
    return tokens


def _unique(
    readings: list[tuple[str, ...]] | tuple[tuple[str, ...], ...],
) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(readings))


def full_pinyin(name: str) -> str:
    """The likeliest reading run together: ``jiangjianguo``."""
    readings = name_readings(name)
    return "".join(readings[0]) if readings else ""


def initials(name: str) -> str:
    """The likeliest reading's initials: ``jjg``."""
    readings = name_readings(name)
    return "".join(s[0] for s in readings[0] if s) if readings else ""
