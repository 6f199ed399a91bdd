"""The personal-data settings from the settings view (p): retention, idle lock, the PIN, and
the current PIN asked before anything changes once one is set."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskconsole.domain.pin import verify_pin
from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.storage import Repository
from deskconsole.ui.screens.desk_settings import DeskSettingsScreen
from deskconsole.ui.screens.privacy_dialog import PrivacyDialog
from tests.factories import make_resident
from tests.ui.helpers import burst, keys_done, make_app, settle


def info_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(s.render()) for s in app.screen.query_one("#settings-info").query(Static))


def error_text(dialog: PrivacyDialog) -> str:
    return str(dialog.query_one("#privacy-error", Static).render())


async def open_dialog(app, pilot) -> PrivacyDialog:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.push_screen(DeskSettingsScreen())
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, PrivacyDialog)
    return app.screen


async def test_retention_lock_and_a_new_pin_are_saved_in_one_burst(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert app.focused is dialog.query_one("#privacy-retention", Input)
        burst(app, "ctrl+a", "ctrl+k", "3", "enter", "ctrl+k", "10", "enter")
        burst(app, "２４６８", "enter", "2468", "enter")
        await keys_done(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, DeskSettingsScreen)
        settings = repo.settings.get()
        assert (settings.retention_years, settings.lock_idle_minutes) == (3, 10)
        assert verify_pin(settings.lock_pin, "2468")
        assert "2468" not in settings.lock_pin
        await settle(app, pilot)
        assert "kept 3 years" in info_text(app)
        assert "unlock PIN set" in info_text(app)


async def test_with_a_pin_set_a_wrong_current_pin_changes_nothing(repo: Repository) -> None:
    update_privacy(repo, lock_minutes=5, pin="1357")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert app.focused is dialog.query_one("#privacy-current-pin", Input)
        burst(app, "0000", "enter", "enter", "ctrl+a", "ctrl+k", "0", "ctrl+s")
        await keys_done(app, pilot)
        assert app.screen is dialog
        assert error_text(dialog) == "That is not the current PIN: nothing was changed"
        assert app.focused is dialog.query_one("#privacy-current-pin", Input)
        assert repo.settings.get().lock_idle_minutes == 5


async def test_the_pin_is_removed_with_the_current_one_and_a_tick(repo: Repository) -> None:
    update_privacy(repo, pin="1357")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert app.focused is dialog.query_one("#privacy-current-pin", Input)
        burst(app, "1357", "tab", "tab", "tab", "tab", "tab", "space", "ctrl+s")
        await keys_done(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, DeskSettingsScreen), error_text(dialog)
        assert repo.settings.get().lock_pin == ""


async def test_bad_values_are_named_and_nothing_is_saved(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        burst(app, "ctrl+a", "ctrl+k", "99", "ctrl+s")
        await keys_done(app, pilot)
        assert error_text(dialog) == "Years kept: give a whole number from 0 to 50"
        burst(app, "ctrl+a", "ctrl+k", "2", "tab", "tab", "12", "tab", "13", "ctrl+s")
        await keys_done(app, pilot)
        assert error_text(dialog) == "The two new PINs differ: type the same PIN twice"
        burst(app, "shift+tab", "ctrl+a", "ctrl+k", "12", "tab", "ctrl+a", "ctrl+k", "12")
        burst(app, "ctrl+s")
        await keys_done(app, pilot)
        assert error_text(dialog) == "The PIN must be 4 to 12 digits"
        assert app.screen is dialog
        assert repo.settings.get().lock_pin == ""
        assert repo.settings.get().retention_years != 2


async def test_b_writes_a_backup_now_and_the_audit_log_says_who(repo: Repository) -> None:
    repo.residents.save(make_resident("江建国", phones=["13905360001"]))
    folder = repo.data_dir / "backups"
    before = set(folder.iterdir()) if folder.exists() else set()
    app = make_app(repo, staff="颜成玉")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await settle(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        written = set(folder.iterdir()) - before
        assert len(written) == 1
        (backup,) = written
        assert backup.stat().st_size > 0 and backup.stat().st_mode & 0o077 == 0
        assert [(e.action, e.staff) for e in repo.audit.all()] == [("store.backup", "颜成玉")]
        assert any(str(backup) in str(n.message) for n in app._notifications)


async def test_a_screen_opened_later_starts_with_the_headers_figures(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.header_figures is not None
        app.refresh_header = lambda: None  # type: ignore[method-assign,assignment]
        app.push_screen(DeskSettingsScreen())
        await settle(app, pilot)
        header = " ".join(str(s.render()) for s in app.screen.query_one("#header").query(Static))
        assert "金城社区" in header and "Overdue" in header
