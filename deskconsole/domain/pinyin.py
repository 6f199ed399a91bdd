"""Pinyin readings of resident names, for search.

A name has one or more *readings*, each a tuple of toneless syllables
(``("jiang", "jian", "guo")``). The first reading is the one a clerk most likely
means; the others cover polyphonic surnames and given-name characters:

- a polyphonic surname is read first as a surname (曾 ``zeng``, 单 ``shan``, 解 ``xie``,
  仇 ``qiu``, 区 ``ou``, 查 ``zha``, 乐 ``yue``, 朴 ``piao`` ...) and then with its common
  reading (``ceng``, ``dan``, ``jie`` ...), because staff type either;
- a compound surname (欧阳, 司马, 尉迟 ...) is one unit with its own readings;
- a given-name character with two readings gets both (at most ``MAX_READINGS`` in all);
- ``ü`` is written ``v`` (``lv``) as input methods do, with ``u`` as a further reading;
- letters of non-Chinese names become lower-case syllables, one per word;
  digits, dots (阿卜杜拉·艾力) and punctuation are dropped.

Pure Python over :mod:`pypinyin`; results are cached per surname and given name.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

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

#: Characters of given names read two ways often enough that staff type either;
#: other characters keep the reading pypinyin gives them in context.
GIVEN_POLYPHONES: dict[str, tuple[str, ...]] = {
    "乐": ("le", "yue"),
    "长": ("chang", "zhang"),
    "朝": ("zhao", "chao"),
    "重": ("zhong", "chong"),
    "行": ("xing", "hang"),
    "传": ("chuan", "zhuan"),
    "觉": ("jue", "jiao"),
    "调": ("tiao", "diao"),
    "卜": ("bu", "bo"),
    "茜": ("qian", "xi"),
    "晟": ("sheng", "cheng"),
    "蔚": ("wei", "yu"),
    "单": ("dan", "shan"),
    "曾": ("zeng", "ceng"),
    "都": ("du", "dou"),
    "解": ("jie", "xie"),
    "查": ("cha", "zha"),
    "朴": ("pu", "piao"),
    "柏": ("bai", "bo"),
    "莘": ("xin", "shen"),
    "贲": ("ben", "bi"),
    "省": ("sheng", "xing"),
    "藏": ("zang", "cang"),
    "会": ("hui", "kuai"),
    "奇": ("qi", "ji"),
}

_WORD = re.compile(r"[a-z]+")


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


@lru_cache(maxsize=4096)
def surname_readings(surname: str) -> tuple[tuple[str, ...], ...]:
    """The readings of a surname, surname reading first."""
    if not surname:
        return ((),)
    if surname in COMPOUND_SURNAMES:
        special = COMPOUND_SURNAMES[surname]
        plain = tuple(lazy_pinyin(surname, style=Style.NORMAL))
        return _unique((*special, plain))
    table = SURNAME_READINGS.get(surname)
    if table is not None:
        return tuple((reading,) for reading in table)
    return (tuple(lazy_pinyin(surname, style=Style.NORMAL)),)


@lru_cache(maxsize=65536)
def given_readings(given: str) -> tuple[tuple[str, ...], ...]:
    """The readings of a given name (or a whole name without a surname)."""
    if not given:
        return ((),)
    tokens = _tokens(given)
    chinese = iter(lazy_pinyin("".join(t for t in tokens if _is_cjk(t[0])), style=Style.NORMAL))
    primary: list[str] = []
    options: list[tuple[str, ...]] = []
    for token in tokens:
        if _is_cjk(token[0]):
            default = next(chinese, "")
            primary.append(default)
            alternatives = [o for o in GIVEN_POLYPHONES.get(token, ()) if o != default][:1]
            options.append((default, *alternatives))
        else:
            for word in _words(token):
                primary.append(word)
                options.append((word,))
    readings = [tuple(primary)]
    for combo in itertools.product(*options):
        readings.append(combo)
        if len(readings) > MAX_READINGS * 2:
            break
    return _unique(readings)


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


def _unique(readings: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> tuple:
    return tuple(dict.fromkeys(readings))


def _u_variants(reading: tuple[str, ...]) -> tuple[str, ...] | None:
    """``lv`` -> ``lu`` (typed by some for ü), or None when no syllable has a ``v``."""
    if not any("v" in syllable for syllable in reading):
        return None
    return tuple(s.replace("v", "u") for s in reading)


@lru_cache(maxsize=131072)
def name_readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Every reading of ``name`` (at most :data:`MAX_READINGS`), the likeliest first."""
    surname, given = split_surname(name)
    surnames = surname_readings(surname)
    givens = given_readings(given)
    combined: list[tuple[str, ...]] = []
    # The first given-name reading with every surname reading comes first, so a
    # polyphonic surname's both readings always fit within the limit.
    for head in surnames:
        combined.append(tuple(s for s in (*head, *givens[0]) if s))
    for tail in givens[1:]:
        combined.append(tuple(s for s in (*surnames[0], *tail) if s))
    readings = list(_unique(combined))[:MAX_READINGS]
    for reading in list(readings):
        variant = _u_variants(reading)
        if variant is not None and len(readings) < MAX_READINGS:
            readings.append(variant)
    return _unique([r for r in readings if r])


def full_pinyin(name: str) -> str:
    """The likeliest reading run together: ``jiangjianguo``."""
    readings = name_readings(name)
    return "".join(readings[0]) if readings else ""


def initials(name: str) -> str:
    """The likeliest reading's initials: ``jjg``."""
    readings = name_readings(name)
    return "".join(s[0] for s in readings[0] if s) if readings else ""
