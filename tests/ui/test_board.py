"""The board in Pilot: columns, navigation, every move dialog, refusals, filters, archive."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Checkbox, Input, OptionList, Select, Static

from deskconsole.models import CaseState, EventKind, PartyKind, Satisfaction
from deskconsole.storage import Repository, StoreWriteError
from deskconsole.storage.store import Store
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_dialogs import ChoiceDialog
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.screens.filter_dialog import FilterDialog
from deskconsole.ui.widgets.case_card import CaseCard
from deskconsole.ui.widgets.case_column import TextLine
from deskconsole.ui.widgets.choice import ChoiceField
from tests.ui.board_data import fill_board
from tests.ui.helpers import (
    column,
    dialog,
    error_line,
    make_app,
    notices,
    on_board,
    open_board,
    open_dialog,
    select,
    settle,
    until,
)

S = CaseState


async def test_columns_show_counts_and_cards_sorted_by_due_date(repo: Repository) -> None:
    async with on_board(repo) as (_app, _pilot, screen):
        titles = [str(c.query_one(".column-title", TextLine).render()) for c in screen.columns]
        assert titles == [
            "Registered 2",
            "Dispatched 1",
            "In progress 1",
            "Awaiting follow-up 2",
            "Closed 1",
        ]
        registered = column(screen, S.REGISTERED)
        assert registered.visible_numbers() == ["JC-20261124-001", "JC-20261124-002"]
        assert column(screen, S.RESOLVED).visible_numbers() == [
            "JC-20261120-003",
            "JC-20261120-002",
        ]
        # The old closed case and the withdrawn one are behind the toggle.
        assert column(screen, S.CLOSED).visible_numbers() == ["JC-20261119-001"]
        cards = {c.number: str(c.render()) for c in screen.query(CaseCard) if c.number}
        assert "江建国" in cards["JC-20261124-001"] and "late 1d" in cards["JC-20261124-001"]
        assert "王女士" in cards["JC-20261124-002"] and "due today" in cards["JC-20261124-002"]
        assert "王女士  Neighbour" in cards["JC-20261124-002"]
        assert "李秀英" in cards["JC-20261124-003"] and "金域物业" in cards["JC-20261124-003"]
        strip = str(screen.query_one("#board-strip", TextLine).render())
        assert "Awaiting follow-up 2" in strip


async def test_arrows_and_hjkl_move_between_cards_and_columns(repo: Repository) -> None:
    async with on_board(repo) as (_app, pilot, screen):

        def here() -> str | None:
            selected = screen.column.selected if screen.column else None
            return selected.number if selected else None

        assert here() == "JC-20261124-001"
        await pilot.press("down")
        assert here() == "JC-20261124-002"
        await pilot.press("k")
        assert here() == "JC-20261124-001"
        await pilot.press("right")
        assert here() == "JC-20261124-003"
        await pilot.press("l", "l")
        assert here() == "JC-20261120-003"
        await pilot.press("j")
        assert here() == "JC-20261120-002"
        await pilot.press("h")
        assert here() == "JC-20261120-001"
        await pilot.press("left", "left", "left")
        assert screen.column_index == 0
        active = [c for c in screen.columns if c.has_class("-active")]
        assert [c.state for c in active] == [S.REGISTERED]
        selected = active[0].query(".-selected")
        assert [c.number for c in selected] == ["JC-20261124-001"]  # type: ignore[attr-defined]
        # The cursor's card stands out from the selected cards of the other columns.
        elsewhere = column(screen, S.DISPATCHED).query_one(".-selected")
        assert selected.first().styles.background != elsewhere.styles.background


async def test_at_80_columns_every_column_stays_reachable(repo: Repository) -> None:
    async with on_board(repo, size=(80, 24)) as (_app, pilot, screen):
        shown = [c.state for c in screen.columns if c.display]
        assert shown == [S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS]
        await pilot.press("right", "right", "right", "right")
        shown = [c.state for c in screen.columns if c.display]
        assert shown == [S.IN_PROGRESS, S.RESOLVED, S.CLOSED]
        assert column(screen, S.CLOSED).visible_numbers() == ["JC-20261119-001"]
        strip = str(screen.query_one("#board-strip", TextLine).render())
        assert "Registered 2" in strip


async def test_dispatch_by_shift_right_lands_the_card_and_saves_the_event(
    repo: Repository,
) -> None:
    async with on_board(repo) as (app, pilot, screen):
        form = await open_dialog(app, pilot, "shift+right")
        assert "Dispatch JC-20261124-001" in str(form.query_one("#dialog-title", Static).render())
        # The case's own due date (11-26) is past: a fresh one from today is offered.
        assert form.query_one("#field-due_date", Input).value == "2026-12-04"
        form.query_one("#field-party_kind", ChoiceField).value = PartyKind.PROPERTY_COMPANY.value
        form.query_one("#field-party_name", Input).value = "金域物业"
        form.query_one("#field-due_date", Input).value = "2026-12-02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        dispatched = column(screen, S.DISPATCHED)
        assert dispatched.visible_numbers() == ["JC-20261124-001", "JC-20261124-003"]
        assert screen.column is dispatched and dispatched.selected.number == "JC-20261124-001"  # type: ignore[union-attr]
        assert column(screen, S.REGISTERED).visible_numbers() == ["JC-20261124-002"]
        saved = repo.cases.get("JC-20261124-001")
        assert saved is not None and saved.state == S.DISPATCHED
        assert saved.party is not None and saved.party.name == "金域物业"
        assert saved.due_date == date(2026, 12, 2)
        event = saved.events[-1]
        assert (event.from_state, event.to_state, event.staff) == (
            S.REGISTERED,
            S.DISPATCHED,
            "颜成玉",
        )


async def test_a_missing_field_keeps_the_dialog_open_with_the_reason(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, _):
        form = await open_dialog(app, pilot, "right_square_bracket")
        form.query_one("#field-due_date", Input).value = "31/02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert error_line(app) == "Due date: enter a date as YYYY-MM-DD"
        assert app.focused is form.query_one("#field-due_date", Input)
        form.query_one("#field-due_date", Input).value = "2026-12-02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_line(app) == "Party: required for this step"
        assert app.focused is form.query_one("#field-party_kind", ChoiceField)
        await pilot.press("escape")  # a date was typed: it asks, and Enter keeps the dialog
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is form)
        assert form.query_one("#field-due_date", Input).value == "2026-12-02"
        await pilot.press("escape", "y")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert repo.cases.get("JC-20261124-001").state == S.REGISTERED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("number", "key", "fields", "target", "check"),
    [
        (
            "JC-20261120-001",
            "shift+right",
            {"outcome": "已派电工接线", "reply": "已告知居民"},
            S.RESOLVED,
            lambda c: c.outcome == "已派电工接线" and c.reply == "已告知居民",
        ),
        (
            "JC-20261120-002",
            "shift+right",
            {"result": "电话回访，灯已亮", "satisfaction": Satisfaction.BASICALLY.value},
            S.CLOSED,
            lambda c: c.satisfaction == Satisfaction.BASICALLY,
        ),
        (
            "JC-20261120-002",
            "shift+left",
            {"reason": "居民说灯又不亮了"},
            S.IN_PROGRESS,
            lambda c: c.events[-1].note == "居民说灯又不亮了",
        ),
        (
            "JC-20261119-001",
            "shift+left",
            {"reason": "问题复发"},
            S.IN_PROGRESS,
            lambda c: c.satisfaction is None,
        ),
        (
            "JC-20261124-003",
            "shift+left",
            {"reason": "物业拒收"},
            S.REGISTERED,
            lambda c: c.party is None,
        ),
        (
            "JC-20261120-001",
            "shift+left",
            {"party_kind": PartyKind.STREET_DEPARTMENT.value, "party_name": "街道城管科"},
            S.DISPATCHED,
            lambda c: c.party.name == "街道城管科",
        ),
    ],
)
async def test_every_step_dialog_moves_and_saves(
    repo: Repository,
    number: str,
    key: str,
    fields: dict[str, str],
    target: CaseState,
    check: object,
) -> None:
    async with on_board(repo) as (app, pilot, screen):
        select(screen, number)
        await pilot.press(key)
        await pilot.pause()
        form = dialog(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "an empty dialog is not accepted"
        assert "required" in error_line(app)
        for name, value in fields.items():
            widget = form.query_one(f"#field-{name}")
            widget.value = value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert number in column(screen, target).visible_numbers()
        saved = repo.cases.get(number)
        assert saved is not None and saved.state == target
        assert check(saved)  # type: ignore[operator]
        assert saved.events[-1].kind == EventKind.MOVED and saved.events[-1].to_state == target


async def test_starting_work_needs_no_dialog(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        select(screen, "JC-20261124-003")
        await pilot.press("shift+right")
        await pilot.pause()
        assert app.screen is screen
        assert column(screen, S.IN_PROGRESS).selected.number == "JC-20261124-003"  # type: ignore[union-attr]
        assert repo.cases.get("JC-20261124-003").state == S.IN_PROGRESS  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("choice", "fields", "field_check"),
    [
        (S.RETURNED, {"reason": "不属于社区职责", "redirect_to": "区住建局"}, "redirect_to"),
        (S.WITHDRAWN, {"reason": "居民撤回"}, "end_reason"),
        (S.DUPLICATE, {"duplicate_of": "JC-20261120-001"}, "duplicate_of"),
    ],
)
async def test_move_to_reaches_the_ended_states(
    repo: Repository, choice: CaseState, fields: dict[str, str], field_check: str
) -> None:
    async with on_board(repo) as (app, pilot, screen):
        await pilot.press("m")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ChoiceDialog)
        options = chooser.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == [
            "dispatched",
            "in_progress",
            "resolved",
            "returned",
            "duplicate",
            "withdrawn",
        ]
        options.highlighted = ids.index(choice.value)
        form = await open_dialog(app, pilot, "enter")
        for name, value in fields.items():
            form.query_one(f"#field-{name}", Input).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "JC-20261124-001" not in column(screen, S.REGISTERED).visible_numbers()
        saved = repo.cases.get("JC-20261124-001")
        assert saved is not None and saved.state == choice
        assert getattr(saved, field_check)


async def test_duplicate_of_an_unknown_case_is_refused_in_the_dialog(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        screen.start_move("JC-20261124-001", S.DUPLICATE)
        await pilot.pause()
        form = dialog(app)
        form.query_one("#field-duplicate_of", Input).value = "JC-20260101-009"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert error_line(app) == "Original case: there is no case JC-20260101-009"


async def test_refusals_say_why_and_what_is_allowed(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        # No step back from a new case: the key says why, and what is allowed instead.
        assert screen.check_action("move_prev", ()) is True
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert any(
            "no step back" in n and "Dispatched (dispatch)" in n and "Withdrawn" in n
            for n in notices(app)
        )
        # The case changed behind the board's back: the lifecycle refuses the stale move.
        case = repo.cases.get("JC-20261124-002")
        repo.cases.save(case.model_copy(update={"state": S.WITHDRAWN}))  # type: ignore[union-attr]
        screen.start_move("JC-20261124-002", S.DISPATCHED)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert (
            "JC-20261124-002 cannot go from Withdrawn to Dispatched. "
            "A case in Withdrawn can go to: Registered." in notices(app)
        )


async def test_a_failed_save_brings_the_dialog_back_with_the_input(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with on_board(repo) as (app, pilot, screen):
        select(screen, "JC-20261120-001")

        def disk_full(store: object, ops: object) -> None:
            raise StoreWriteError(repo.data_dir / "journal.jsonl", "No space left on device")

        monkeypatch.setattr(Store, "commit", disk_full)
        form = await open_dialog(app, pilot, "shift+right")
        form.query_one("#field-outcome", Input).value = "已修好"
        await pilot.press("ctrl+s")
        await pilot.pause()
        again = dialog(app)
        assert again.query_one("#field-outcome", Input).value == "已修好"
        assert "No space left on device" in error_line(app)
        assert repo.cases.get("JC-20261120-001").state == S.IN_PROGRESS  # type: ignore[union-attr]
        assert column(screen, S.IN_PROGRESS).visible_numbers() == ["JC-20261120-001"]


async def test_filter_by_text_category_compound_and_overdue(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        await pilot.press(*"noise")
        app.screen.query_one("#filter-text", Input).value = "噪音"
        await pilot.press("enter")
        await pilot.pause()
        assert column(screen, S.REGISTERED).visible_numbers() == ["JC-20261124-002"]
        title = str(column(screen, S.REGISTERED).query_one(".column-title", TextLine).render())
        assert title == "Registered 1/2"
        assert column(screen, S.DISPATCHED).visible_numbers() == []
        assert '"噪音"' in str(screen.query_one("#board-filter", TextLine).render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(column(screen, S.REGISTERED).visible_numbers()) == 2

        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one("#filter-compound", Select).value = "阳光花园"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [n for c in screen.columns for n in c.visible_numbers()]
        assert shown == ["JC-20261124-003", "JC-20261120-003"]

        await pilot.press("slash")
        await pilot.pause()
        form = app.screen
        form.query_one("#filter-compound", Select).value = Select.NULL
        form.query_one("#filter-category", Select).value = "neighbour"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [n for c in screen.columns for n in c.visible_numbers()]
        assert shown == ["JC-20261124-002"]

        await pilot.press("slash")
        await pilot.pause()
        form = app.screen
        form.query_one("#filter-category", Select).value = Select.NULL
        form.query_one("#filter-overdue", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [n for c in screen.columns for n in c.visible_numbers()]
        assert shown == ["JC-20261124-001"]


async def test_archive_toggle_shows_ended_and_older_cases(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        await pilot.press("e")
        await settle(app, pilot)
        assert [c.state for c in screen.columns] == [
            S.CLOSED,
            S.RETURNED,
            S.DUPLICATE,
            S.WITHDRAWN,
        ]
        assert column(screen, S.CLOSED).visible_numbers() == ["JC-20261001-001"]
        assert column(screen, S.WITHDRAWN).visible_numbers() == ["JC-20261110-001"]
        cards = {c.number: str(c.render()) for c in screen.query(CaseCard) if c.number}
        assert "居民撤回" in cards["JC-20261110-001"]
        select(screen, "JC-20261110-001")
        form = await open_dialog(app, pilot, "shift+left")
        form.query_one("#field-reason", Input).value = "居民补充了材料"
        await pilot.press("enter")
        await pilot.pause()
        assert column(screen, S.WITHDRAWN).visible_numbers() == []
        assert repo.cases.get("JC-20261110-001").state == S.REGISTERED  # type: ignore[union-attr]
        await pilot.press("e")
        await settle(app, pilot)
        assert "JC-20261110-001" in column(screen, S.REGISTERED).visible_numbers()


async def test_a_case_saved_elsewhere_appears_without_rebuilding(repo: Repository) -> None:
    async with on_board(repo) as (_app, pilot, screen):
        slots_before = list(screen.query(CaseCard))
        case = repo.cases.get("JC-20261124-002")
        repo.cases.save(case.model_copy(update={"number": "JC-20261127-001"}))  # type: ignore[union-attr]
        await until(
            pilot, lambda: "JC-20261127-001" in column(screen, S.REGISTERED).visible_numbers()
        )
        assert list(screen.query(CaseCard)) == slots_before


async def test_a_long_column_mounts_only_the_cards_that_fit(repo: Repository) -> None:
    fill_board(repo)
    base = repo.cases.get("JC-20261124-002")
    assert base is not None
    repo.cases.save_many(
        base.model_copy(update={"number": f"JC-20261125-{i:03d}"}) for i in range(1, 301)
    )
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_board(app, pilot)
        registered = column(screen, S.REGISTERED)
        assert len(registered.cards) == 302
        assert len(registered.query(CaseCard)) == registered.page < 12
        assert "1-8 of 302" in str(registered.query_one(".column-position", TextLine).render())
        await pilot.press("end")
        assert registered.visible_numbers()[-1] == registered.cards[-1].number
        await pilot.press("pageup")
        assert registered.cursor == 301 - registered.page


async def test_n_starts_a_new_case_in_intake(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.current_mode == "intake"


async def test_palette_offers_the_follow_up_list(repo: Repository) -> None:
    async with on_board(repo) as (app, pilot, screen):
        from deskconsole.ui.screens.board_commands import BoardCommands

        provider = BoardCommands(screen)
        hits = [hit async for hit in provider.discover()]
        titles = [str(hit.text) for hit in hits]
        assert "Board: follow-up list" in titles
        found = [hit async for hit in provider.search("follow")]
        assert found
        found[0].command()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FollowupScreen"


async def test_board_in_chinese(repo: Repository) -> None:
    async with on_board(repo, "zh") as (app, pilot, screen):
        title = str(column(screen, S.RESOLVED).query_one(".column-title", TextLine).render())
        assert title == "待回访 2"
        cards = {c.number: str(c.render()) for c in screen.query(CaseCard) if c.number}
        assert "超期1天" in cards["JC-20261124-001"]
        assert "邻里纠纷" in cards["JC-20261124-002"]
        await app.switch_language("en")
        await pilot.pause()
        title = str(column(screen, S.RESOLVED).query_one(".column-title", TextLine).render())
        assert title == "Awaiting follow-up 2"
        keys = [b.binding.description for b in screen.active_bindings.values()]
        assert "Next step" in keys
