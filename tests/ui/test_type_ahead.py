"""Type like a clerk: whole cases sent in one burst, with no pause between keys.

Each test sends every key at once (as a fast typist, an IME commit or a paste does) and
then waits only for the result: the stored case, the screen that opens.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from textual.widgets import Input

from deskconsole.domain.search import Hit, ResidentIndex
from deskconsole.i18n import get_language
from deskconsole.models import CaseState, PartyKind
from deskconsole.storage import Repository
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.register import RegisterScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.screens.stats import StatsScreen
from deskconsole.ui.widgets.resident_picker import ResidentPicker
from tests.conftest import FIXED_NOW
from tests.factories import make_resident
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, keys_done, make_app, notices, until

MATTER = "地下室灯不亮"
#: The first card of the board's Registered column in ``fill_board``.
FIRST = "JC-20261124-001"


def seed(repo: Repository) -> dict[str, str]:
    """Residents whose pinyin starts alike, so a stale result would pick the wrong one."""
    people = [
        make_resident("江建国", phones=["13905360001"]),
        make_resident(
            "姜超",
            phones=["13905360002"],
            address={"compound": "锦绣苑", "building": "3", "unit": "1", "room": "502"},
        ),
        make_resident(
            "江建刚",
            phones=["13905360003"],
            address={"compound": "锦绣苑", "building": "5", "unit": "2", "room": "101"},
        ),
        make_resident(
            "白建国",
            phones=["13905360004"],
            address={"compound": "文华园", "building": "1", "unit": "1", "room": "201"},
        ),
    ]
    repo.residents.save_many(people)
    return {person.name: person.id for person in people}


def case_keys(query: str, type_key: str, category: str, matter: str) -> list[str]:
    """F3, find the resident, pick type and category, the matter, save."""
    return ["f3", query, "enter", type_key, "enter", category, "enter", matter, "ctrl+s"]


async def test_a_whole_case_sent_at_the_first_start_lands_in_its_fields(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, *case_keys("jiangjiangang", "2", "wy", MATTER))
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id == ids["江建刚"]
        assert case.request_type == "help"
        assert case.category == "property"
        assert case.description == MATTER
        await keys_done(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        assert app.focused is screen.query_one(ResidentPicker).input


async def test_five_cases_in_one_burst_each_for_its_own_resident(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    wanted = [
        ("jiangjianguo", "江建国", "2", "property", "楼道灯坏了"),
        ("jiangc", "姜超", "3", "environment", "垃圾桶满了没人收"),
        ("jiangjiangang", "江建刚", "1", "housing", "公租房申请进度"),
        ("bjg", "白建国", "2", "utilities", "家里停水两天"),
        ("13905360001", "江建国", "4", "public_safety", "小区门禁坏了"),
    ]
    category_keys = {
        "property": "wy",
        "environment": "hj",
        "housing": "zf",
        "utilities": "sd",
        "public_safety": "za",
    }
    keys: list[str] = []
    for query, _name, type_key, category, matter in wanted:
        keys += case_keys(query, type_key, category_keys[category], matter)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, *keys)
        await until(pilot, lambda: len(repo.cases.all()) == len(wanted), timeout=60)
        cases = sorted(repo.cases.all(), key=lambda case: case.number)
        got = [(c.resident_id, c.category, c.description) for c in cases]
        assert got == [(ids[name], cat, matter) for _q, name, _t, cat, matter in wanted]


async def test_enter_in_lookup_opens_the_match_for_what_was_typed(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "jiang")
        await keys_done(app, pilot)
        burst(app, "jiangang", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        screen = app.screen
        assert isinstance(screen, ResidentScreen)
        assert screen.resident_id == ids["江建刚"]


async def test_down_typed_before_the_rows_arrive_moves_in_the_rows_of_what_was_typed(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jjg finds 江建刚 and 江建国 (in that order); Down sent with the letters moves to the
    second of those rows, not in the rows of a shorter query, nor before any row (each
    search takes a while here, as on a large store read meanwhile)."""
    ids = seed(repo)
    search = ResidentIndex.search

    def slow(index: ResidentIndex, query: str, limit: int = 50) -> list[Hit]:
        time.sleep(0.05)
        return search(index, query, limit)

    monkeypatch.setattr(ResidentIndex, "search", slow)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "jjg", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        screen = app.screen
        assert isinstance(screen, ResidentScreen)
        assert screen.resident_id == ids["江建国"]


async def test_an_ime_commit_then_enter_picks_the_resident_typed(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", "江")
        await keys_done(app, pilot)
        burst(app, "建国", "enter", "2", "enter", "wy", "enter", MATTER, "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id == ids["江建国"]
        assert case.request_type == "help"


async def test_n_on_a_resident_starts_a_case_with_the_cursor_on_the_type(
    repo: Repository,
) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "bjg", "enter", "n", "2", "enter", "wy", "enter", MATTER, "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id == ids["白建国"]
        assert case.request_type == "help"
        assert case.category == "property"


async def test_an_anonymous_case_typed_down_the_form(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = ["f3", "enter", "王阿姨", "enter", "１３８００１３８０００", "enter"]
        burst(app, *keys, "1", "enter", "zf", "enter", "公租房申请进度", "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id is None
        assert case.contact_name == "王阿姨"
        assert case.contact_phone == "13800138000"
        assert case.request_type == "consultation"
        assert case.category == "housing"


async def test_enter_down_the_whole_form_never_ticks_solved_on_the_spot(
    repo: Repository,
) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", "jiangjianguo", "enter", "2", "enter", "wy", "enter", MATTER, "tab")
        burst(app, *["enter"] * 6, "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert not case.solved_on_spot
        assert case.state == CaseState.REGISTERED


async def test_space_ticks_solved_on_the_spot_and_the_outcome_follows(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", "jiangjianguo", "enter", "1", "enter", "zc", "enter", "咨询养老补贴")
        burst(app, "alt+i")
        burst(app, "tab", "space", "tab", "已告知申请条件", "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id == ids["江建国"]
        assert case.solved_on_spot
        assert case.state == CaseState.RESOLVED
        assert case.outcome == "已告知申请条件"
        assert case.party is None


async def test_a_party_chosen_at_intake_dispatches_and_the_next_case_starts_blank(
    repo: Repository,
) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", "jiangjianguo", "enter", "2", "enter", "wy", "enter", MATTER, "alt+p", "3")
        burst(app, "ctrl+s", *case_keys("bjg", "2", "wy", "楼道灯坏了"))
        await until(pilot, lambda: len(repo.cases.all()) == 2)
        first, second = sorted(repo.cases.all(), key=lambda case: case.number)
        assert first.party is not None
        assert first.party.kind == PartyKind.PROPERTY_COMPANY
        assert first.state == CaseState.DISPATCHED
        assert [e.to_state for e in first.events] == [
            CaseState.REGISTERED,
            CaseState.DISPATCHED,
        ]
        assert second.party is None
        assert second.state == CaseState.REGISTERED


async def test_a_back_dated_case_in_one_burst(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", "jiangjianguo", "enter", "2", "enter", "wy", "enter", MATTER)
        burst(app, "alt+i", "2026-11-20 09:30", "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.intake_at.isoformat().startswith("2026-11-20T09:30")
        assert case.number == "JC-20261120-001"


async def test_a_dispatch_from_the_board_in_one_burst(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4", "right_square_bracket", "2", "enter", "金域物业", "ctrl+s")
        await until(pilot, lambda: repo.cases.get(FIRST).state == CaseState.DISPATCHED)  # type: ignore[union-attr]
        saved = repo.cases.get(FIRST)
        assert saved is not None and saved.party is not None
        assert saved.party.kind == PartyKind.PROPERTY_COMPANY


async def test_the_move_list_then_its_dialog_in_one_burst(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4", "m", "down", "down", "enter", "已更换灯泡", "ctrl+s")
        await until(pilot, lambda: repo.cases.get(FIRST).state == CaseState.RESOLVED)  # type: ignore[union-attr]
        saved = repo.cases.get(FIRST)
        assert saved is not None and saved.outcome == "已更换灯泡"


async def test_a_key_with_no_move_says_which_moves_there_are(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4", "left_square_bracket")
        await until(pilot, lambda: any("no step back" in notice for notice in notices(app)))
        [notice] = [notice for notice in notices(app) if "no step back" in notice]
        assert "Dispatched (dispatch)" in notice and "Withdrawn" in notice


async def test_f5_from_the_board_then_g_opens_the_statistics(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4", "f5", "g")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))


async def test_esc_leaves_the_register_date_field(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f5", "d", "escape", "n")
        tomorrow = FIXED_NOW.date() + timedelta(days=1)
        await until(pilot, lambda: getattr(app.screen, "day", None) == tomorrow)
        screen = app.screen
        assert isinstance(screen, RegisterScreen)
        assert screen.query_one("#register-date", Input).value == tomorrow.isoformat()
        assert app.focused is screen.query_one("#register-table")


async def test_a_walk_in_added_and_taken_for_the_case_in_one_burst(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        walk_in = ["f3", "王小明", "ctrl+n", "enter", "1", "enter", "13900012345", "ctrl+s"]
        burst(app, *walk_in, "2", "enter", "wy", "enter", "新买二手房，地下室没电", "ctrl+s")
        await until(pilot, lambda: repo.cases.all())
        (added,) = repo.residents.find(name="王小明")
        assert added.phones == ["13900012345"]
        assert added.gender is not None and added.gender.value == "male"
        [case] = repo.cases.all()
        assert case.resident_id == added.id
        assert case.request_type == "help" and case.category == "property"


async def test_keys_typed_during_a_language_switch_land_after_it(repo: Repository) -> None:
    ids = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "ctrl+p", "language", "enter", "jiangjianguo", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        assert app.screen.resident_id == ids["江建国"]  # type: ignore[attr-defined]
        assert get_language() == "zh"
