"""End to end at a clerk's speed: whole cases sent in one tmux command each, into a store of
50,000 residents, with no wait for any field; only the stored cases are waited for."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from deskconsole.models import CaseState, PartyKind, Resident
from deskconsole.storage import Repository
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.factories import make_resident

pytestmark = [pytest.mark.e2e, pytest.mark.slow, needs_tmux]

FILLER = 50_000
#: Filler names are made of these; every wanted name starts with a surname not among them.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱侯江尹薛闫段雷黎"
    "史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞鑫波宇浩凯健俊帆帅旭"
    "宁龙林欢阳晨瑞峰建国文斌"
)


@dataclass(frozen=True)
class Wanted:
    """One case to type: how the clerk finds the resident, and what the case says."""

    query: str
    resident: Resident
    type_key: str
    request_type: str
    category_key: str
    category: str
    matter: str
    party_key: str = ""
    party: PartyKind | None = None


def filler(count: int, seed: int = 7) -> list[Resident]:
    rng = random.Random(seed)
    people = []
    for n in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        building, unit, room = n // 400 + 1, n // 100 % 4 + 1, n % 100 + 101
        people.append(
            Resident.model_validate(
                {
                    "name": name,
                    "phones": [f"13{rng.randint(0, 9)}{n:08d}"],
                    "address": {
                        "compound": "阳光花园",
                        "building": str(building),
                        "unit": str(unit),
                        "room": str(room),
                    },
                }
            )
        )
    return people


def wanted_cases() -> list[Wanted]:
    """Twenty cases: residents found by characters, full pinyin, phone and its tail, room."""
    kinds = [
        ("1", "consultation", "zc", "policy"),
        ("2", "help", "wy", "property"),
        ("3", "complaint", "hj", "environment"),
        ("2", "help", "sd", "utilities"),
        ("5", "suggestion", "qt", "other"),
    ]
    names = ["欧阳秀兰", "司马光明", "阿卜杜拉·艾力", "诸葛亮亮", "上官婉儿"]
    cases = []
    for n in range(20):
        name = names[n % len(names)] + "零一二三四五六七八九十甲乙丙丁戊己庚辛壬"[n]
        phone = f"1590536{n:04d}"
        resident = make_resident(
            name,
            phones=[phone],
            address={"compound": "金城苑", "building": "88", "unit": "1", "room": str(900 + n)},
        )
        how = n % 4
        query = {0: name, 1: phone, 2: f"88-1-{900 + n}", 3: f"金城苑 88-1-{900 + n}"}[how]
        type_key, request_type, category_key, category = kinds[n % len(kinds)]
        party_key, party = ("3", PartyKind.PROPERTY_COMPANY) if n % 3 == 0 else ("", None)
        cases.append(
            Wanted(
                query,
                resident,
                type_key,
                request_type,
                category_key,
                category,
                f"第{n + 1}件：楼道灯坏了，请尽快处理",
                party_key,
                party,
            )
        )
    return cases


#: Built once: each resident's id is made when it is built.
WANTED = wanted_cases()


def keys_for(case: Wanted) -> list[str]:
    """F3, the resident, type, category, matter, (the party), save: one burst."""
    keys = ["<F3>", case.query, "<Enter>", case.type_key, "<Enter>", case.category_key]
    keys += ["<Enter>", case.matter]
    if case.party_key:
        # Down the form: Tab leaves the matter, Enter passes the place and the urgency.
        keys += ["<Tab>", "<Enter>", "<Enter>", case.party_key]
    return [*keys, "<C-s>"]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("big") / "data"
    with Repository.open(store) as repo:
        repo.residents.save_many(filler(FILLER), touch=False)
        repo.residents.save_many([c.resident for c in WANTED], touch=False)
        repo.settings.save(repo.settings.get())  # a desk already set up (its code chosen)
    return store


def test_twenty_cases_in_a_row_each_sent_in_one_burst(big_store: Path) -> None:
    wanted = WANTED
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(big_store), (120, 40))
    try:
        term.wait_for("Follow-up", timeout=90)
        for case in wanted:
            term.burst(*keys_for(case))
        deadline = time.monotonic() + 240
        while True:
            with Repository.open(big_store, readonly=True) as repo:
                cases = repo.cases.all()
            if len(cases) >= len(wanted):
                break
            assert time.monotonic() < deadline, f"only {len(cases)} cases arrived"
            time.sleep(0.5)
        term.keys("C-q")
    finally:
        term.close()
    stored = sorted(cases, key=lambda case: case.number)
    assert len(stored) == len(wanted)
    for case, want in zip(stored, wanted, strict=True):
        assert case.resident_id == want.resident.id, (case.number, want.query)
        assert case.request_type == want.request_type, case.number
        assert case.category == want.category, case.number
        assert case.description == want.matter, case.number
        if want.party is None:
            assert case.party is None and case.state == CaseState.REGISTERED, case.number
        else:
            assert case.party is not None and case.party.kind == want.party, case.number
            assert case.state == CaseState.DISPATCHED, case.number
