"""Names found the way staff type them: any run of syllables, pinyin mixed with characters."""

from __future__ import annotations

import random

import pytest
from pypinyin import Style, pinyin

from deskconsole.domain.name_match import fold_tones, tokens
from deskconsole.domain.pinyin import char_readings, name_positions
from deskconsole.domain.search import MatchKind, ResidentIndex
from tests.unit.test_search import ALL, JIANG, OUYANG, ZENG, ZHANG_A, ZHANG_B, names, person


@pytest.fixture
def index() -> ResidentIndex:
    return ResidentIndex.build(ALL)


# -- any syllable-aligned part of the name ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("jianguo", "江建国"),
        ("jg", "江建国"),
        ("jiang", "江建国"),
        ("jianguo", "江建国"),
        ("jguo", "江建国"),
        ("guo", "江建国"),
        ("xiulan", "欧阳秀兰"),
        ("xl", "欧阳秀兰"),
        ("yangxiulan", "欧阳秀兰"),
        ("xiaoxian", "曾小贤"),
        ("haiyan", "查海燕"),
    ],
)
def test_part_of_the_name_in_pinyin_or_initials(
    index: ResidentIndex, query: str, name: str
) -> None:
    assert name in names(index.search(query))


def test_given_name_pinyin_ranks_as_given(index: ResidentIndex) -> None:
    hit = next(h for h in index.search("jianguo") if h.name == "江建国")
    assert hit.kind is MatchKind.GIVEN
    assert next(h for h in index.search("xl") if h.name == "欧阳秀兰").kind is MatchKind.GIVEN


def test_a_part_must_start_at_a_syllable(index: ResidentIndex) -> None:
    assert "江建国" not in names(index.search("ianguo"))
    assert "江建国" not in names(index.search("angjian"))
    assert index.search("jianguoq") == []


# -- characters mixed with pinyin or initials ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("江jg", "江建国"),
        ("江jianguo", "江建国"),
        ("江jianG", "江建国"),
        ("江建g", "江建国"),
        ("j建国", "江建国"),
        ("jiang建guo", "江建国"),
        ("欧阳xl", "欧阳秀兰"),
        ("欧阳xiulan", "欧阳秀兰"),
        ("ouyang秀兰", "欧阳秀兰"),
        ("曾xx", "曾小贤"),
        ("zeng小x", "曾小贤"),
    ],
)
def test_characters_mixed_with_pinyin_from_the_surname(
    index: ResidentIndex, query: str, name: str
) -> None:
    hits = index.search(query)
    assert names(hits) == [name]
    assert hits[0].kind in (MatchKind.EXACT, MatchKind.PREFIX, MatchKind.SURNAME)


def test_zhang_wei_mixed_finds_both_zhang_wei_and_not_zhang_weihua_first(
    index: ResidentIndex,
) -> None:
    hits = index.search("zhang伟")
    assert {h.resident_id for h in hits[:2]} == {ZHANG_A.id, ZHANG_B.id}
    assert all(h.kind is MatchKind.EXACT for h in hits[:2])
    assert "张卫华" not in names(hits)


def test_characters_mixed_in_the_given_name(index: ResidentIndex) -> None:
    hits = index.search("建g")
    assert names(hits) == ["江建国"]
    assert hits[0].kind is MatchKind.GIVEN
    assert names(index.search("秀l")) == ["欧阳秀兰"]


def test_a_wrong_character_finds_nobody(index: ResidentIndex) -> None:
    assert index.search("王jg") == []
    assert index.search("江xl") == []


# -- spaces, apostrophes, tones --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("jiang jian guo", "江建国"),
        ("jiang jg", "江建国"),
        ("j j g", "江建国"),
        ("ouyang xiulan", "欧阳秀兰"),
        ("ou yang xiu lan", "欧阳秀兰"),
        ("jian guo", "江建国"),
        ("zhang 伟", "张伟"),
        ("江 jg", "江建国"),
    ],
)
def test_spaced_syllables(index: ResidentIndex, query: str, name: str) -> None:
    assert name in names(index.search(query))


def test_a_space_or_apostrophe_starts_a_syllable(index: ResidentIndex) -> None:
    assert "曾小贤" in names(index.search("xian"))
    assert index.search("xi'an") == []
    assert index.search("ji ang") == []


@pytest.mark.parametrize(
    "query", ["jiāng jiàn guó", "jiāngjiànguó", "jiang1jian4guo2", "jiang1 jian4 guo2", "JiāngJG"]
)
def test_tone_marks_and_numbers_are_dropped(index: ResidentIndex, query: str) -> None:
    assert names(index.search(query)) == ["江建国"]


def test_u_umlaut_typed_any_way() -> None:
    lv = person("吕秀英")
    index = ResidentIndex.build([lv])
    for query in ("lvxiuying", "luxiuying", "lǚxiùyīng", "lü xiu ying", "lv3", "lxy"):
        assert names(index.search(query)) == ["吕秀英"], query


def test_fold_tones_leaves_numbers_alone() -> None:
    assert fold_tones("jiāng") == "jiang"
    assert fold_tones("lǘ") == "lv"
    assert fold_tones("8000") == "8000"
    assert fold_tones("12-2-301") == "12-2-301"
    assert fold_tones("123x") == "123x"
    assert tokens("8000") is None
    assert tokens("江jg") == ["江", "jg"]
    assert tokens("ouyang xiulan") == ["ouyang", "xiulan"]


# -- polyphones from the heteronym data --------------------------------------------------------


def test_every_reading_pypinyin_knows_is_kept() -> None:
    rng = random.Random(7)
    chars = [chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(300)] + list("强红和家平行重")
    for char in chars:
        known = {r.replace("ü", "v") for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0]}
        known = {r for r in known if r.isascii() and r.isalpha()}
        assert known <= set(char_readings(char)), char


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("李志强", "lizhijiang"),  # 强 qiang / jiang
        ("李志强", "lzj"),
        ("王红", "wanggong"),  # 红 hong / gong
        ("刘和平", "liuhuoping"),  # 和 he / huo
        ("孙家明", "sunjieming"),  # 家 jia / jie
        ("陈平", "chenbing"),  # 平 ping / bing
        ("曾长乐", "cengzhangyue"),  # surname and given name both read their other ways
    ],
)
def test_given_name_polyphones_in_every_reading(name: str, query: str) -> None:
    index = ResidentIndex.build([person(name)])
    assert names(index.search(query)) == [name]


def test_the_likeliest_reading_comes_first() -> None:
    assert name_positions("李志强")[2] == ("强", ("qiang", "jiang"))
    assert name_positions("曾小贤")[0] == ("曾", ("zeng", "ceng"))
    assert name_positions("欧阳秀兰")[:2] == (("欧", ("ou",)), ("阳", ("yang",)))


# -- ranking ---------------------------------------------------------------------------------


def test_exact_then_prefix_then_surname_then_given_name() -> None:
    jianguo = person("简国")  # jian guo: the whole name
    jianguohua = person("简国华")  # jian guo hua: the name starts so
    jiangguo = person("蒋国强")  # jiang guo qiang: jian... from the surname, mixed
    given = person("江建国")  # jiang jian guo: the given name
    index = ResidentIndex.build([given, jiangguo, jianguohua, jianguo])
    hits = index.search("jianguo")
    assert [(h.name, h.kind) for h in hits] == [
        ("简国", MatchKind.EXACT),
        ("简国华", MatchKind.PREFIX),
        ("蒋国强", MatchKind.SURNAME),
        ("江建国", MatchKind.GIVEN),
    ]
    hits = index.search("jg")
    assert [(h.name, h.kind) for h in hits] == [
        ("简国", MatchKind.INITIALS),
        ("简国华", MatchKind.INITIALS),
        ("蒋国强", MatchKind.INITIALS),
        ("江建国", MatchKind.GIVEN),
    ]


def test_names_before_phones_never_mixed() -> None:
    index = ResidentIndex.build([JIANG, OUYANG])
    assert index.search("8000")[0].field == "phone"
    assert all(h.field in ("pinyin", "initials", "name") for h in index.search("jg"))


def test_ties_are_stable_whatever_the_order_of_building() -> None:
    people = [person("张伟", f"1391234{n:04d}", ("金域华府", str(n), "1", "101")) for n in range(9)]
    people += [person("章伟"), person("张薇"), ZENG]
    expected = [h.resident_id for h in ResidentIndex.build(people).search("zw")]
    for seed in range(5):
        shuffled = people[:]
        random.Random(seed).shuffle(shuffled)
        index = ResidentIndex.build([])
        for resident in shuffled:
            index.upsert(resident)
        assert [h.resident_id for h in index.search("zw")] == expected
        assert [h.resident_id for h in ResidentIndex.build(shuffled).search("zw")] == expected


# -- other names ----------------------------------------------------------------------------------


def test_latin_and_minority_names() -> None:
    john = person("John Smith")
    abdullah = person("阿卜杜拉·艾力")
    index = ResidentIndex.build([john, abdullah])
    assert names(index.search("john")) == ["John Smith"]
    assert names(index.search("johnsmith")) == ["John Smith"]
    assert names(index.search("smith")) == ["John Smith"]
    assert names(index.search("js")) == ["John Smith"]
    assert names(index.search("abudula")) == ["阿卜杜拉·艾力"]
    assert names(index.search("aili")) == ["阿卜杜拉·艾力"]
    assert names(index.search("阿卜杜拉·艾力")) == ["阿卜杜拉·艾力"]
