"""Intake (F3) with the keys alone: known resident, anonymous, errors, on the spot,
related cases, drafts, discarding, and the keystroke budget."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from deskconsole.domain.intake import IntakeForm
from deskconsole.domain.search import Hit, ResidentIndex
from deskconsole.models import CaseState, EventKind
from deskconsole.storage import Repository
from deskconsole.storage.drafts import DraftFile
from deskconsole.ui.screens import intake as intake_module
from deskconsole.ui.screens.desk_settings import FirstCaseDialog
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.resident_picker import ResidentPicker
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident
from tests.ui.helpers import burst, make_app, open_intake, settle, until

MATTER = "地下室灯不亮"


def seed(repo: Repository) -> tuple[str, str]:
    jiang = make_resident("江建国", phones=["13905360001"])
    other = make_resident(
        "张伟",
        phones=["13800138000"],
        address={"compound": "锦绣苑", "building": "3", "unit": "1", "room": "502"},
    )
    repo.residents.save_many([jiang, other])
    return jiang.id, other.id


def banner(screen: IntakeScreen) -> str:
    return str(screen.query_one("#intake-banner", Static).render())


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*list(text))


async def type_property_help(app, pilot, resident_id: str, matter: str) -> IntakeScreen:  # type: ignore[no-untyped-def]
    """F3, ``resident_id`` picked, a help request about property typed (not saved)."""
    screen = await open_intake(app, pilot)
    screen.use_resident(resident_id)
    await pilot.press("2", "enter", "1", "enter")
    await type_text(pilot, matter)
    return screen


async def test_a_known_resident_in_at_most_15_keystrokes(repo: Repository) -> None:
    jiang_id, _ = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        keys = ["f3", "j", "j", "g"]
        await pilot.press(*keys)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        more = ["enter", "2", "enter", "w", "y", "enter"]
        await pilot.press(*more)
        await type_text(pilot, MATTER)  # the words of the description are not counted
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert len(keys) + len(more) + 1 <= 15
        [case] = repo.cases.all()
        assert case.resident_id == jiang_id
        assert case.request_type == "help"
        assert case.category == "property"
        assert case.description == MATTER
        assert case.location == "金域华府12号楼2单元301室"
        assert case.staff == "颜成玉"
        assert case.number == "JC-20261127-001"
        assert "Saved JC-20261127-001" in banner(screen)
        assert screen.read_form().description == ""
        assert screen.query_one(ResidentPicker).resident_id == ""
        assert app.focused is screen.query_one(ResidentPicker).input


async def test_the_first_save_asks_for_the_desk_code_when_none_was_chosen(
    repo: Repository,
) -> None:
    seed(repo)
    app = make_app(repo, desk_chosen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        case_keys = ["f3", "jjg", "enter", "2", "enter", "wy", "enter", MATTER, "ctrl+s"]
        burst(app, *case_keys)
        await until(pilot, lambda: isinstance(app.screen, FirstCaseDialog))
        assert repo.cases.all() == []
        burst(app, "escape")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await until(
            pilot,
            lambda: any("needs this desk's code" in str(n.message) for n in app._notifications),
        )
        assert repo.cases.all() == [] and not repo.settings.is_saved()
        screen = app.screen
        assert isinstance(screen, IntakeScreen) and screen.read_form().description == MATTER
        burst(app, "ctrl+s", "新城社区", "enter", "xc", "enter")
        await until(pilot, lambda: len(repo.cases.all()) == 1)
        [case] = repo.cases.all()
        assert case.number == "XC-20261127-001" and case.description == MATTER
        settings = repo.settings.get()
        assert (settings.community, settings.desk_code) == ("新城社区", "XC")
        await until(pilot, lambda: "Saved XC-20261127-001" in banner(screen))
        burst(app, "zw", "enter", "1", "enter", "wy", "enter", "另一件事", "ctrl+s")
        await until(pilot, lambda: len(repo.cases.all()) == 2)  # asked once only
        assert isinstance(app.screen, IntakeScreen)


async def test_back_dating_takes_the_days_and_times_a_clerk_writes(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        case_keys = ["f3", "jjg", "enter", "2", "enter", "wy", "enter", MATTER]
        burst(app, *case_keys, "alt+i", "昨天下午2点", "ctrl+s")
        await until(pilot, lambda: repo.cases.count() == 1)
        burst(app, "zw", "enter", "1", "enter", "wy", "enter", "咨询", "alt+i", "11月20号 9点半")
        burst(app, "ctrl+s")
        await until(pilot, lambda: repo.cases.count() == 2)
    taken = sorted(case.intake_at for case in repo.cases.all())
    assert taken == [datetime(2026, 11, 20, 9, 30), datetime(2026, 11, 26, 14, 0)]


async def test_anonymous_case_with_contact_phone(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await pilot.press("alt+n")
        assert app.focused is screen.query_one("#f-contact_name", Input)
        await type_text(pilot, "王")
        await pilot.press("tab")
        await type_text(pilot, "１３８００１３８０００")
        await pilot.press("tab", "1", "tab", "9", "tab")
        await type_text(pilot, "公租房申请进度")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.resident_id is None
        assert case.contact_phone == "13800138000"
        assert case.request_type == "consultation"
        assert case.category == "housing"


async def test_each_problem_is_shown_by_its_field_and_nothing_is_lost(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await pilot.press("alt+i")
        await type_text(pilot, "2026-13-40")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        errors = {
            (e.id or "").removeprefix("err-"): str(e.render())
            for e in screen.query(".field-error").results(Static)
            if e.display
        }
        assert errors == {
            "contact": "Contact phone: give a contact phone for a resident not on the roster, "
            "or pick a resident",
            "request_type": "Request type: pick one of the listed choices",
            "category": "Category: pick one of the listed choices",
            "description": "Matter: required",
            "intake_at": "Taken at: enter a day and time, e.g. 2026-11-27 14:30, 11-27 9:05, "
            "yesterday 2pm",
        }
        assert app.focused is screen.query_one("#f-contact_phone", Input)
        assert screen.query_one("#f-intake_at", Input).value == "2026-13-40"
        assert repo.cases.count() == 0
        await type_text(pilot, "1380013800")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "this has 10" in str(screen.query_one("#err-contact", Static).render())


async def test_solved_on_the_spot(repo: Repository) -> None:
    jiang_id, _ = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        screen.use_resident(jiang_id)
        await pilot.press("1", "enter", "0", "enter")
        await type_text(pilot, "咨询养老服务补贴政策")
        await pilot.press("alt+i", "tab", "space")
        await pilot.pause()
        assert screen.query_one("#row-outcome").display
        await pilot.press("tab")
        await type_text(pilot, "已告知申请条件和材料")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.state == CaseState.RESOLVED
        assert case.outcome == "已告知申请条件和材料"
        assert [e.to_state for e in case.events] == [CaseState.REGISTERED, CaseState.RESOLVED]
        assert "solved on the spot" in banner(screen)


async def test_related_open_case_can_take_the_report(repo: Repository) -> None:
    jiang_id, _ = seed(repo)
    repo.cases.save(make_case("JC-20261120-001", resident_id=jiang_id, category="property"))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await type_property_help(app, pilot, jiang_id, "灯还是不亮")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen.__class__.__name__ == "RelatedCasesDialog"
        await pilot.press("a")
        await settle(app, pilot)
        assert repo.cases.count() == 1
        existing = repo.cases.get("JC-20261120-001")
        assert existing is not None and existing.events[-1].kind == EventKind.NOTE
        assert "灯还是不亮" in existing.events[-1].note
        assert "Added to JC-20261120-001" in banner(screen)


async def test_related_open_case_or_mark_as_duplicate(repo: Repository) -> None:
    jiang_id, _ = seed(repo)
    repo.cases.save(make_case("JC-20261120-001", resident_id=jiang_id, category="property"))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await type_property_help(app, pilot, jiang_id, "灯不亮")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        new = repo.cases.get("JC-20261127-001")
        assert new is not None and new.state == CaseState.DUPLICATE
        assert new.duplicate_of == "JC-20261120-001"
        original = repo.cases.get("JC-20261120-001")
        assert original is not None and original.events[-1].kind == EventKind.LINKED
        assert "duplicate of JC-20261120-001" in banner(screen)


async def test_draft_survives_a_restart(repo: Repository, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(intake_module, "DRAFT_DELAY", 0.01)
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_intake(app, pilot)
        await pilot.press("alt+d")
        await type_text(pilot, "楼上漏水")
        draft = Path(repo.data_dir) / "draft-intake.json"
        await until(pilot, lambda: draft.exists() and "楼上漏水" in draft.read_text("utf-8"))
    again = make_app(repo)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(again, pilot)
        assert screen.query_one("#f-description", TextArea).text == "楼上漏水"


async def test_a_burst_into_a_restored_matter_goes_on_after_it(repo: Repository) -> None:
    DraftFile(repo.data_dir, "intake").save(IntakeForm(description="楼上漏水").to_json())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f3", "alt+d", "三天了")
        await until(pilot, lambda: app.screen.query("#f-description"))
        matter = app.screen.query_one("#f-description", TextArea)
        await until(pilot, lambda: "三天了" in matter.text)
        assert matter.text == "楼上漏水三天了"


async def test_typing_on_a_restored_resident_looks_for_another(repo: Repository) -> None:
    """The restored draft's resident is shown in the field that has the focus: what the
    clerk types there replaces it (a new search), it is not added to the name."""
    jiang_id, zhang_id = seed(repo)
    DraftFile(repo.data_dir, "intake").save(
        IntakeForm(resident_id=jiang_id, description="楼上漏水").to_json()
    )
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f3", "zw", "enter")
        await until(pilot, lambda: app.screen.query(ResidentPicker))
        picker = app.screen.query_one(ResidentPicker)
        await until(pilot, lambda: picker.resident_id == zhang_id)
        assert picker.input.value == "张伟"
        await until(pilot, lambda: isinstance(app.focused, ChoiceField))


async def test_escape_asks_to_clear_once_the_resident_field_is_left(repo: Repository) -> None:
    """The hit list closes with the field it belongs to: Esc from the next field asks
    before clearing the form, as the footer says, and the key after it answers."""
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        picker = screen.query_one(ResidentPicker)
        burst(app, "zzz")
        await until(pilot, lambda: picker.has_class("-searching"))
        burst(app, "alt+n", "王先生")
        await until(pilot, lambda: not picker.has_class("-searching"))
        burst(app, "escape")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ConfirmDialog")
        burst(app, "y")
        await until(pilot, lambda: picker.input.value == "")
        assert screen.query_one("#f-contact_name", Input).value == ""
        burst(app, "zzz")
        await until(pilot, lambda: picker.has_class("-searching"))
        burst(app, "escape", "escape")  # the list, then the search: nothing else to lose
        await until(pilot, lambda: picker.input.value == "")
        assert isinstance(app.screen, IntakeScreen)


async def test_a_hit_list_esc_closed_stays_closed_when_its_results_come_late(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search for "江j" is still running when Esc closes the list of "江": its
    results, arriving after, leave the list closed, and the next Esc clears the search."""
    seed(repo)
    search = ResidentIndex.search
    let_go = threading.Event()

    def late(index: ResidentIndex, query: str, limit: int = 50) -> list[Hit]:
        if query == "江j":
            let_go.wait(5)
        return search(index, query, limit)

    monkeypatch.setattr(ResidentIndex, "search", late)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        picker = screen.query_one(ResidentPicker)
        burst(app, "江")
        await until(pilot, lambda: picker.has_class("-searching"))
        burst(app, "j", "escape")
        await until(pilot, lambda: not picker.has_class("-searching"))
        let_go.set()
        await settle(app, pilot)
        assert not picker.has_class("-searching")
        burst(app, "escape")
        await until(pilot, lambda: picker.input.value == "")
        assert isinstance(app.screen, IntakeScreen)


async def test_escape_asks_before_throwing_input_away(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await pilot.press("alt+d")
        await type_text(pilot, "噪音")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmDialog"
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one("#f-description", TextArea).text == "噪音"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert screen.query_one("#f-description", TextArea).text == ""


async def test_choices_by_pinyin_and_the_live_due_date(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await pilot.press("alt+u", "j")
        assert screen.query_one("#f-urgency", ChoiceField).value == "urgent"
        due = str(screen.query_one("#due-label", Static).render())
        assert "2026-11-30" in due
        await pilot.press("f", "z")
        assert screen.query_one("#f-urgency", ChoiceField).value == "complex"
        assert "2026-12-18" in str(screen.query_one("#due-label", Static).render())


async def test_chinese_labels_and_a_switch_keeps_what_was_typed(repo: Repository) -> None:
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        assert "诉求内容" in str(screen.query_one("#label-description", Static).render())
        await pilot.press("alt+d")
        await type_text(pilot, "噪音扰民")
        await app.switch_language("en")
        await pilot.pause()
        assert "Matter" in str(screen.query_one("#label-description", Static).render())
        assert screen.query_one("#f-description", TextArea).text == "噪音扰民"


async def test_back_dated_case_from_a_paper_page(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_intake(app, pilot)
        await pilot.press("alt+n", "tab")
        await type_text(pilot, "13800138000")
        await pilot.press("tab", "2", "tab", "3", "tab")
        await type_text(pilot, "垃圾清运不及时")
        await pilot.press("alt+i")
        await type_text(pilot, "2026-11-20 10:15")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.number == "JC-20261120-001"
        assert case.intake_at == FIXED_NOW.replace(day=20, hour=10, minute=15)


async def test_a_walk_in_is_added_and_taken_for_the_case(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await type_text(pilot, "王小明")
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert dialog.__class__.__name__ == "ResidentDialog"
        assert dialog.query_one("#f-name", Input).value == "王小明"
        dialog.query_one("#f-phones", Input).value = "13900012345"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        (added,) = repo.residents.find(name="王小明")
        assert screen.query_one(ResidentPicker).resident_id == added.id
        await pilot.press("2", "enter", "1", "enter")
        await type_text(pilot, "新买二手房，地下室没电")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.resident_id == added.id


async def test_a_full_disk_is_reported_and_the_form_kept(repo: Repository, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import os

    from deskconsole.storage import journal as journal_module

    jiang_id, _ = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await type_property_help(app, pilot, jiang_id, MATTER)

        def disk_full(fd: int, data: bytes, offset: int) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        real_pwrite = os.pwrite
        monkeypatch.setattr(journal_module.os, "pwrite", disk_full)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("the disk is full" in str(n.message) for n in app._notifications)
        assert repo.cases.count() == 0
        assert screen.read_form().description == MATTER
        assert screen.query_one(ResidentPicker).resident_id == jiang_id
        monkeypatch.setattr(journal_module.os, "pwrite", real_pwrite)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert repo.cases.count() == 1
        assert "Saved JC-20261127-001" in banner(screen)
