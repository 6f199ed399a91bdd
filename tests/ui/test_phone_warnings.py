"""A phone the numbering plan lacks: a warning the clerk overrides with a second ctrl+s,
at intake (the anonymous contact phone) and in the resident form; the store's area code,
set on the settings view."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskconsole.domain.desk import update_desk
from deskconsole.storage import Repository
from deskconsole.ui.screens.area_code import AreaCodeDialog
from deskconsole.ui.screens.desk_settings import DeskSettingsScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.screens.resident_form import ResidentDialog
from tests.factories import make_resident
from tests.ui.helpers import make_app, open_intake, settle


async def type_anonymous_case(pilot, phone: str) -> None:  # type: ignore[no-untyped-def]
    """Contact 王 with ``phone``, a consultation about housing, typed in one go."""
    matter = "公租房申请进度"
    await pilot.press("alt+n", "王", "tab", *phone, "tab", "1", "tab", "9", "tab", *matter)


def contact_error(screen: IntakeScreen) -> Static:
    return screen.query_one("#err-contact", Static)


async def test_intake_warns_about_a_phone_and_saves_it_on_a_second_ctrl_s(
    repo: Repository,
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await type_anonymous_case(pilot, "16012345678")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert repo.cases.count() == 0
        error = contact_error(screen)
        assert error.display and error.has_class("-warning")
        assert str(error.render()) == (
            "Contact phone: no mobile number starts with 160 in the numbering plan"
        )
        assert app.focused is screen.query_one("#f-contact_phone", Input)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.contact_phone == "16012345678"
        assert case.description == "公租房申请进度"
        assert not contact_error(screen).display
        assert screen.read_form().contact_phone == ""  # cleared for the next case


async def test_intake_warns_again_for_a_changed_phone_and_not_for_a_good_one(
    repo: Repository,
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        await type_anonymous_case(pilot, "0536-29022279")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "area 0536 have 7 digits" in str(contact_error(screen).render())
        # The clerk retypes the number (focus is on it): a new wrong one warns again ...
        await pilot.press("home", "ctrl+k", *"0371-2122330", "ctrl+s")
        await settle(app, pilot)
        assert repo.cases.count() == 0
        assert "area 0371 have 8 digits" in str(contact_error(screen).render())
        # ... and a local number the plan holds saves at once, with the store's area code.
        await pilot.press("home", "ctrl+k", *"8756972", "ctrl+s")
        await settle(app, pilot)
        [case] = repo.cases.all()
        assert case.contact_phone == "0536-8756972"


async def open_add_dialog(app, pilot) -> ResidentDialog:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, ResidentDialog)
    return dialog


async def test_the_resident_form_warns_and_saves_on_a_second_ctrl_s(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_add_dialog(app, pilot)
        await pilot.press(*"孙强", "enter", "enter", *"13905360001, 0536-29022279", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog and repo.residents.count() == 0
        errors = dialog.query_one("#resident-dialog-errors", Static)
        assert str(errors.render()) == (
            "Phone: 0536-****2279: numbers in area 0536 have 7 digits after the area code, "
            "this has 8\nCheck the number with the resident; Ctrl+S again saves it as typed."
        )
        assert errors.has_class("-warning")
        phones = dialog.query_one("#f-phones", Input)
        assert app.focused is phones and phones.has_class("-warning")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is not dialog
        (saved,) = repo.residents.find(name="孙强")
        assert saved.phones == ["13905360001", "0536-29022279"]


async def test_the_resident_form_gives_local_numbers_the_stores_area_code(
    repo: Repository,
) -> None:
    update_desk(repo, area_code="010")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_add_dialog(app, pilot)
        await pilot.press(*"孙强", "enter", "enter", *"62345678", "ctrl+s")
        await settle(app, pilot)
        (saved,) = repo.residents.find(name="孙强")
        assert saved.phones == ["010-62345678"]  # one ctrl+s: the plan holds it


async def test_the_settings_view_changes_the_area_code(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await settle(app, pilot)
        grid = app.screen.query_one("#settings-info")
        assert "0536 (given to a local number" in " ".join(
            str(s.render()) for s in grid.query(Static)
        )
        await pilot.press("a")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, AreaCodeDialog)
        assert app.focused is dialog.query_one("#settings-area-code", Input)
        await pilot.press("home", "ctrl+k", *"0000", "enter")
        await settle(app, pilot)
        assert app.screen is dialog
        assert str(dialog.query_one("#settings-error", Static).render()) == (
            "Area code: 0000 is not in the numbering plan; give one like 0536 or 010"
        )
        await pilot.press("home", "ctrl+k", *"３７１", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DeskSettingsScreen)
        assert repo.settings.get().area_code == "0371"
        assert app.settings.area_code == "0371"
        assert "0371 (given to a local number" in " ".join(
            str(s.render()) for s in app.screen.query_one("#settings-info").query(Static)
        )


async def test_editing_asks_only_about_a_phone_the_resident_did_not_have(
    repo: Repository,
) -> None:
    stored = repo.residents.save(make_resident("孙强", phones=["16012345678"]))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(ResidentScreen(stored.id))
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ResidentDialog)
        await pilot.press("enter", "enter", "end", *", 14412345678", "ctrl+s")
        await settle(app, pilot)
        errors = str(dialog.query_one("#resident-dialog-errors", Static).render())
        assert "144****5678" in errors and "160" not in errors
        assert repo.residents.get(stored.id).phones == ["16012345678"]  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is not dialog
        saved = repo.residents.get(stored.id)
        assert saved is not None and saved.phones == ["16012345678", "14412345678"]
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ResidentDialog)
        await pilot.press("ctrl+s")  # nothing new to ask about: saved on the first ctrl+s
        await settle(app, pilot)
        assert not isinstance(app.screen, ResidentDialog)
