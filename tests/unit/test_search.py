"""The resident index: every query form, ranking, and keeping current."""

from __future__ import annotations

import pytest

from deskconsole.domain.search import BLOCK_SIZE, MatchKind, ResidentIndex, normalise_query
from deskconsole.models import Address, Case, CaseState, RequestType, Resident
from tests.conftest import FIXED_NOW


def person(
    name: str,
    phone: str = "",
    address: tuple[str, str, str, str] = ("金域华府", "1", "1", "101"),
    id_number: str | None = None,
    rid: str | None = None,
    gender: str | None = "male",
) -> Resident:
    compound, building, unit, room = address
    return Resident(
        **({"id": rid} if rid else {}),
        name=name,
        gender=gender,
        phones=[phone] if phone else [],
        id_number=id_number,
        address=Address(compound=compound, building=building, unit=unit, room=room),
    )


JIANG = person("江建国", "13800138000", ("金域华府", "12", "2", "301"), "370705195003031256")
ZHANG_A = person("张伟", "13912345678", ("金域华府", "3", "1", "1101"))
ZHANG_B = person("张伟", "0536-8881234", ("锦绣苑", "2", "3", "1102"))
ZHANG_WEIHUA = person("张卫华", "13712340000", ("文华园", "5", "1", "502"))
OUYANG = person("欧阳秀兰", "15000001111", ("文华园", "7", "2", "402"))
ZENG = person("曾小贤", "18600002222", ("锦绣苑", "9", "1", "201"))
WIFE = person("李秀英", "", ("金域华府", "12", "2", "301"), gender="female")
SHAN = person("单田芳", "13300003333", ("翠湖小区", "1", "1", "102"))
ZHA = person("查海燕", "13300004444", ("翠湖小区", "1", "1", "103"))
ALL = [JIANG, ZHANG_A, ZHANG_B, ZHANG_WEIHUA, OUYANG, ZENG, WIFE, SHAN, ZHA]


@pytest.fixture
def index() -> ResidentIndex:
    return ResidentIndex.build(ALL)


def names(hits: list) -> list[str]:
    return [h.name for h in hits]


def ids(hits: list) -> list[str]:
    return [h.resident_id for h in hits]


# -- characters ----------------------------------------------------------------------


def test_characters_whole_name_prefix_and_substring(index: ResidentIndex) -> None:
    assert names(index.search("江建国")) == ["江建国"]
    assert names(index.search("江")) == ["江建国"]
    assert names(index.search("建国")) == ["江建国"]
    assert index.search("江建国")[0].kind is MatchKind.EXACT
    assert index.search("建国")[0].kind is MatchKind.GIVEN


def test_characters_rank_exact_before_prefix_before_substring() -> None:
    index = ResidentIndex.build([person("王张伟"), person("张伟华"), person("张伟")])
    hits = index.search("张伟")
    assert names(hits) == ["张伟", "张伟华", "王张伟"]
    assert [h.kind for h in hits] == [MatchKind.EXACT, MatchKind.PREFIX, MatchKind.GIVEN]


# -- pinyin ------------------------------------------------------------------------------


def test_full_pinyin_initials_and_mixed(index: ResidentIndex) -> None:
    assert names(index.search("jiangjianguo")) == ["江建国"]
    assert names(index.search("jjg")) == ["江建国"]
    assert names(index.search("jiangjg")) == ["江建国"]
    assert names(index.search("jjguo")) == ["江建国"]
    assert names(index.search("jiangjianguox")) == []


def test_zw_finds_both_zhang_wei_first_then_zhang_weihua(index: ResidentIndex) -> None:
    hits = index.search("zw")
    assert names(hits) == ["张伟", "张伟", "张卫华"]
    assert {h.resident_id for h in hits[:2]} == {ZHANG_A.id, ZHANG_B.id}
    assert all(h.kind is MatchKind.INITIALS for h in hits)


def test_ouyang_by_initials_and_full(index: ResidentIndex) -> None:
    assert names(index.search("oyxl")) == ["欧阳秀兰"]
    assert names(index.search("ouyangxiulan")) == ["欧阳秀兰"]
    assert names(index.search("ouyangxl")) == ["欧阳秀兰"]


def test_zeng_by_surname_and_common_reading(index: ResidentIndex) -> None:
    assert names(index.search("zxx")) == ["曾小贤"]
    assert names(index.search("cxx")) == ["曾小贤"]
    assert names(index.search("zengxiaoxian")) == ["曾小贤"]
    assert names(index.search("cengxiaoxian")) == ["曾小贤"]
    assert index.search("zengxiaoxian")[0].kind is MatchKind.EXACT


@pytest.mark.parametrize(
    ("query", "name"),
    [("shantf", "单田芳"), ("dtf", "单田芳"), ("zhahy", "查海燕"), ("chahaiyan", "查海燕")],
)
def test_other_polyphonic_surnames(index: ResidentIndex, query: str, name: str) -> None:
    assert names(index.search(query)) == [name]


def test_pinyin_ranking_exact_then_prefix_then_initials_then_mixed() -> None:
    index = ResidentIndex.build(
        [person("张伟"), person("张伟华"), person("赵文"), person("张文伟"), person("曾海")]
    )
    hits = index.search("zhangwei")
    assert [(h.name, h.kind) for h in hits] == [
        ("张伟", MatchKind.EXACT),
        ("张伟华", MatchKind.PREFIX),
    ]
    hits = index.search("zh")
    assert [(h.name, h.kind) for h in hits] == [
        ("张伟", MatchKind.PREFIX),
        ("张伟华", MatchKind.PREFIX),
        ("张文伟", MatchKind.PREFIX),
        ("赵文", MatchKind.PREFIX),
        ("曾海", MatchKind.INITIALS),
    ]
    hits = index.search("zhangwh")
    assert [(h.name, h.kind) for h in hits] == [("张伟华", MatchKind.SURNAME)]
    hits = index.search("zw")
    assert [h.kind for h in hits] == [MatchKind.INITIALS] * 4


def test_pinyin_spaces_and_apostrophes_are_ignored(index: ResidentIndex) -> None:
    assert names(index.search("jiang jian guo")) == ["江建国"]
    assert names(index.search("xi'an")) == []


def test_full_width_letters_from_an_ime(index: ResidentIndex) -> None:
    assert names(index.search("ｊｊｇ")) == ["江建国"]


# -- phones, ID numbers --------------------------------------------------------------------


def test_phone_whole_and_tail(index: ResidentIndex) -> None:
    assert names(index.search("13800138000")) == ["江建国"]
    assert index.search("13800138000")[0].kind is MatchKind.EXACT
    assert names(index.search("8000")) == ["江建国"]
    assert index.search("8000")[0].kind is MatchKind.OTHER
    assert names(index.search("138 0013 8000")) == ["江建国"]
    assert names(index.search("+86 138-0013-8000")) == ["江建国"]


def test_phone_tail_needs_four_digits(index: ResidentIndex) -> None:
    assert index.search("000") == []


def test_landline_by_tail_and_whole(index: ResidentIndex) -> None:
    assert ids(index.search("1234")) == [ZHANG_B.id]
    assert ids(index.search("0536-8881234")) == [ZHANG_B.id]


def test_full_width_digits(index: ResidentIndex) -> None:
    assert names(index.search("１３８００１３８０００")) == ["江建国"]
    assert names(index.search("８０００")) == ["江建国"]


def test_id_number_tail_and_whole(index: ResidentIndex) -> None:
    assert names(index.search("1256")) == ["江建国"]
    assert names(index.search("031256")) == ["江建国"]
    assert names(index.search("370705195003031256")) == ["江建国"]
    assert index.search("370705195003031256")[0].field == "id_number"
    assert index.search("1256")[0].masked_id == "370705********1256"


def test_id_number_tail_with_x() -> None:
    resident = person("王芳", id_number="11010519491231002X")
    index = ResidentIndex.build([resident])
    assert ids(index.search("002x")) == [resident.id]
    assert ids(index.search("002X")) == [resident.id]
    assert ids(index.search("００２Ｘ")) == [resident.id]


# -- rooms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "12-2-301",
        "12号楼2单元301",
        "12号楼2单元301室",
        "12 2 301",
        "12栋2单元301",
        "１２－２－３０１",
        "金域华府 12-2-301",
        "金域华府12-2-301",
        "金域华府12号楼2单元301室",
        "金域 12-2-301",
    ],
)
def test_room_forms_find_the_household(index: ResidentIndex, query: str) -> None:
    hits = index.search(query)
    assert sorted(names(hits)) == ["李秀英", "江建国"]
    assert all(h.kind is MatchKind.EXACT and h.field == "address" for h in hits)


def test_room_with_another_compound_finds_nobody(index: ResidentIndex) -> None:
    assert index.search("锦绣苑 12-2-301") == []


def test_building_and_unit_find_the_stairwell() -> None:
    same = person("孙强", address=("金域华府", "12", "2", "502"))
    other_unit = person("钱勇", address=("金域华府", "12", "3", "502"))
    index = ResidentIndex.build([JIANG, WIFE, same, other_unit])
    assert sorted(names(index.search("12-2"))) == ["孙强", "李秀英", "江建国"]
    assert sorted(names(index.search("12号楼2单元"))) == ["孙强", "李秀英", "江建国"]


def test_compound_name_finds_its_residents(index: ResidentIndex) -> None:
    hits = index.search("翠湖小区")
    assert sorted(names(hits)) == ["单田芳", "查海燕"]
    assert all(h.field == "address" for h in hits)


# -- rows and ranking -------------------------------------------------------------------------


def test_same_name_rows_are_told_apart_by_address_and_phone(index: ResidentIndex) -> None:
    first, second = index.search("张伟")
    assert (first.name, second.name) == ("张伟", "张伟")
    assert first.address != second.address
    assert (first.address, first.masked_phone) == ("金域华府 3-1-1101", "139****5678")
    assert (second.address, second.masked_phone) == ("锦绣苑 2-3-1102", "0536-***1234")


def test_ties_sort_by_pinyin_then_name() -> None:
    index = ResidentIndex.build([person("张伟"), person("曾伟"), person("周伟"), person("赵伟")])
    assert names(index.search("伟")) == ["曾伟", "张伟", "赵伟", "周伟"]


def test_limit_and_blank_query(index: ResidentIndex) -> None:
    assert len(index.search("z", limit=2)) == 2
    assert index.search("   ") == []
    assert index.search("zw", limit=0) == []


def test_count_is_every_match_once_whatever_the_limit(index: ResidentIndex) -> None:
    assert index.count("z") == len(index.search("z", limit=1000)) > 2
    assert index.count("zw") == len(index.search("zw", limit=1000))
    assert index.count("   ") == 0


def test_hit_carries_row_fields(index: ResidentIndex) -> None:
    hit = index.search("jjg")[0]
    assert hit.resident_id == JIANG.id
    assert hit.gender == "male"
    assert hit.address_short == "12-2-301"
    assert hit.address == "金域华府 12-2-301"
    assert hit.masked_phone == "138****8000"


def test_normalise_query() -> None:
    assert normalise_query("  ＪＪＧ ") == "jjg"
    assert normalise_query("阿卜杜拉•艾力") == "阿卜杜拉·艾力"
    assert normalise_query("１２－２－３０１") == "12-2-301"


# -- keeping current --------------------------------------------------------------------------


def test_upsert_adds_and_replaces(index: ResidentIndex) -> None:
    newcomer = person("钱多多", "13011112222")
    index.upsert(newcomer)
    assert names(index.search("qdd")) == ["钱多多"]
    renamed = newcomer.model_copy(update={"name": "孙多多"})
    index.upsert(renamed)
    assert index.search("qdd") == []
    assert ids(index.search("sdd")) == [newcomer.id]
    assert len(index) == len(ALL) + 1


def test_remove(index: ResidentIndex) -> None:
    index.remove(JIANG.id)
    assert index.search("jjg") == []
    assert index.household(WIFE.id) == [WIFE.id]
    index.remove("no such id")
    assert len(index) == len(ALL) - 1


def test_sync_finds_changed_added_and_removed(index: ResidentIndex) -> None:
    docs = [r.model_dump(mode="json") for r in ALL]
    index = ResidentIndex.build(docs)
    assert index.sync(docs) == 0
    moved = {**docs[0], "name": "江海"}
    added = person("钱多多").model_dump(mode="json")
    changed = index.sync([moved, *docs[1:-1], added])
    assert changed == 3
    assert names(index.search("江")) == ["江海"]
    assert names(index.search("qdd")) == ["钱多多"]
    assert index.search("查海燕") == []


def test_many_upserts_split_blocks_and_stay_in_order() -> None:
    index = ResidentIndex.build([])
    people = [person(f"王{chr(0x4E00 + i)}", f"139{i:08d}") for i in range(2 * BLOCK_SIZE + 50)]
    for resident in reversed(people):
        index.upsert(resident)
    hits = index.search("wang", limit=len(people))
    assert len(hits) == len(people)
    keys = [h.name for h in hits]
    assert len(set(keys)) == len(people)
    assert ids(index.search(f"139{7:08d}")) == [people[7].id]
    for resident in people[:BLOCK_SIZE]:
        index.remove(resident.id)
    assert len(index.search("wang", limit=len(people))) == len(people) - BLOCK_SIZE


def test_household_and_compounds(index: ResidentIndex) -> None:
    assert sorted(index.household(JIANG.id)) == sorted([JIANG.id, WIFE.id])
    assert index.household("unknown") == []
    assert index.compounds()[0] == "金域华府"
    loner = person("孤独", address=("", "", "", ""))
    index.upsert(loner)
    index.upsert(person("另一个", address=("", "", "", "")))
    assert index.household(loner.id) == [loner.id]


def case(number: str, resident_id: str | None, state: CaseState) -> Case:
    return Case(
        number=number,
        desk_code="JC",
        intake_at=FIXED_NOW,
        resident_id=resident_id,
        request_type=RequestType.HELP,
        category="property",
        description="地下室灯不亮",
        state=state,
    )


def test_open_case_counts_follow_case_changes() -> None:
    first = case("JC-20261127-001", JIANG.id, CaseState.REGISTERED)
    second = case("JC-20261127-002", JIANG.id, CaseState.IN_PROGRESS)
    closed = case("JC-20261127-003", JIANG.id, CaseState.CLOSED)
    anonymous = case("JC-20261127-004", None, CaseState.REGISTERED)
    index = ResidentIndex.build(ALL, [first, second, closed, anonymous])
    assert index.search("jjg")[0].open_cases == 2
    assert index.open_cases(ZENG.id) == 0
    docs = [c.model_dump(mode="json") for c in (first, second, closed)]
    index.sync_cases(docs)
    resolved = second.model_copy(update={"state": CaseState.RESOLVED}).model_dump(mode="json")
    assert index.sync_cases([docs[0], resolved, docs[2]]) == 1
    assert index.open_cases(JIANG.id) == 1
    assert index.sync_cases([resolved]) == 2
    assert index.open_cases(JIANG.id) == 0
    assert index.get(JIANG.id).open_cases == 0  # type: ignore[union-attr]
