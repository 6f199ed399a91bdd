"""The desk's settings: the view from the palette, the community / desk code dialog, and
the same form the console opens on when the store is new."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Grid, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from deskconsole.domain.canned_replies import save_replies
from deskconsole.domain.desk import (
    DeskInfo,
    DeskSettingsError,
    check_desk_code,
    desk_info,
    info_rows,
    normalise_community,
    normalise_desk_code,
    update_desk,
)
from deskconsole.domain.disclosure import backup_audit
from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.errors import DeskError
from deskconsole.i18n import Language, t
from deskconsole.storage import RepositoryAPI, StoreError
from deskconsole.ui.literal import literal
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.screens.area_code import AreaCodeDialog
from deskconsole.ui.screens.base import DeskModal, DeskScreen, DeskScreenMixin
from deskconsole.ui.screens.canned_settings import CannedRepliesDialog, replies_text
from deskconsole.ui.screens.privacy_dialog import PrivacyChange, PrivacyDialog
from deskconsole.ui.styles import styles_dir
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

BUNDLE_CSS = str(styles_dir() / "bundle.tcss")

#: Checks a community name and desk code against the store; returns what is wrong, or None.
Validator = Callable[[str, str], DeskError | None]


@dataclass(frozen=True)
class DeskChoice:
    """What the community / desk code form returns: both values, normalised and checked."""

    community: str
    desk_code: str


class SettingsFormMixin:
    """The community / desk code form: the box, moving on with Enter, checking on Ctrl+S.

    The desk code is read-only, with the reason, once cases carry it. The screen using
    the mixin returns a ``DeskChoice`` with ``dismiss``, or ``None``.
    """

    def _setup(
        self,
        community: str,
        desk_code: str,
        *,
        first_start: bool,
        code_locked: str,
        validate: Validator | None,
        title: str = "",
        hint: str = "",
    ) -> None:
        self.community = community
        self.form_title = title or (
            "bundle.first_start_title" if first_start else "bundle.settings_edit_title"
        )
        self.form_hint = hint or (
            "bundle.first_start_hint" if first_start else "bundle.settings_hint"
        )
        self.desk_code = desk_code
        self.first_start = first_start
        self.code_locked = code_locked
        self.validate = validate

    def form(self) -> ComposeResult:
        """The box with the two fields."""
        with Vertical(classes="dialog dialog-wide"):
            yield Static(t(self.form_title), classes="dialog-question")
            if self.first_start:
                yield Static(t("bundle.first_start_text"), classes="dialog-note")
            with Grid(classes="form-grid"):
                yield Label(t("bundle.info_community"))
                yield Input(
                    self.community,
                    id="settings-community",
                    compact=True,
                    placeholder=t("bundle.hint_community"),
                )
                yield Label(t("bundle.info_desk_code"))
                yield Input(
                    self.desk_code,
                    id="settings-desk-code",
                    compact=True,
                    max_length=6,
                    placeholder=t("bundle.hint_desk_code"),
                    disabled=bool(self.code_locked),
                )
            if self.code_locked:
                yield Static(self.code_locked, classes="dialog-note", id="settings-locked")
            yield Static("", id="settings-error", classes="form-error")
            yield Static(t(self.form_hint), classes="dialog-hint")

    def _input(self, selector: str) -> Input:
        return self.query_one(selector, Input)  # type: ignore[attr-defined,no-any-return]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on the community moves to the desk code; on the desk code it saves."""
        event.stop()
        if event.input.id == "settings-community" and not self.code_locked:
            self._input("#settings-desk-code").focus()
        else:
            self.action_submit()

    def _refuse(self, error: DeskError, field: str) -> None:
        self.query_one("#settings-error", Static).update(literal(str(error)))  # type: ignore[attr-defined]
        target = "#settings-desk-code" if field == "desk_code" else "#settings-community"
        widget = self._input(target)
        if not widget.disabled:
            widget.focus()

    def action_submit(self) -> None:
        community = self._input("#settings-community").value
        code = self._input("#settings-desk-code").value
        try:
            community = normalise_community(community)
            code = normalise_desk_code(code)
        except DeskSettingsError as error:
            self._refuse(error, error.field)
            return
        if self.validate is not None:
            problem = self.validate(community, code)
            if problem is not None:
                self._refuse(problem, getattr(problem, "field", "desk_code"))
                return
        self.dismiss(DeskChoice(community, code))  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[attr-defined]


class DeskSettingsDialog(SettingsFormMixin, DeskModal[DeskChoice | None]):
    """Collects the community name and the desk code, from the settings view."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("ctrl+s", "submit", "bundle.key_save", tooltip="bundle.key_save_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(
        self,
        community: str,
        desk_code: str,
        *,
        code_locked: str = "",
        validate: Validator | None = None,
    ) -> None:
        super().__init__()
        self._setup(
            community, desk_code, first_start=False, code_locked=code_locked, validate=validate
        )

    def compose(self) -> ComposeResult:
        yield from self.form()
        yield DeskFooter()

    def on_mount(self) -> None:
        self._input("#settings-community").focus()


class FirstCaseDialog(DeskSettingsDialog):
    """Asked at the first save of a case while the desk has no code yet (its first-start
    form was left for later): the code is chosen, not taken from the defaults."""

    def __init__(self, validate: Validator | None = None) -> None:
        super().__init__("", "", validate=validate)
        self._setup(
            "",
            "",
            first_start=True,
            code_locked="",
            validate=validate,
            title="bundle.first_case_title",
            hint="bundle.first_case_hint",
        )


class FirstStartScreen(SettingsFormMixin, DeskScreenMixin, Screen[DeskChoice | None]):
    """The console on a new store opens on this: the header, and the same small form in
    the middle of the screen. Esc leaves it for later."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("ctrl+s", "submit", "bundle.key_save", tooltip="bundle.key_save_tip"),
        Binding("escape", "cancel", "bundle.key_later", tooltip="bundle.key_later_tip"),
    ]

    def __init__(self, validate: Validator | None = None) -> None:
        super().__init__()
        self._setup("", "", first_start=True, code_locked="", validate=validate)

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Container(id="first-start"):
            yield from self.form()
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self._input("#settings-community").focus()

    async def apply_language(self) -> None:
        community = self._input("#settings-community").value
        code = self._input("#settings-desk-code").value
        await self.recompose_keeping_focus()
        self._input("#settings-community").value = community
        self._input("#settings-desk-code").value = code
        self.desk.refresh_header()
        self.refresh_bindings()


def store_validator(repo: RepositoryAPI) -> Validator:
    """A validator that asks the store whether the desk code may change to this one."""

    def validate(community: str, code: str) -> DeskError | None:
        try:
            check_desk_code(repo, repo.settings.get().desk_code, code)
        except DeskError as error:
            return error
        return None

    return validate


class SettingsGrid(Grid):
    """The settings as label / value rows (values wrap in their own column)."""

    def __init__(self, info: DeskInfo | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.info = info

    def compose(self) -> ComposeResult:
        if self.info is None:
            yield Static(t("bundle.settings_loading"))
            return
        for label, value in info_rows(self.info):
            yield Label(label, classes="settings-label")
            yield Static(value, classes="settings-value")


class DeskSettingsScreen(DeskScreen):
    """The desk's settings and figures (read-only); ``e`` changes community and desk code."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("e", "edit", "bundle.key_edit", tooltip="bundle.key_edit_tip"),
        Binding(
            "l", "register_lang", "bundle.key_register_lang", tooltip="bundle.key_register_lang_tip"
        ),
        Binding("a", "area_code", "phone.key_area_code", tooltip="phone.key_area_code_tip"),
        Binding("c", "canned", "replies.key_edit", tooltip="replies.key_edit_tip"),
        Binding("p", "privacy", "privacy.key_settings", tooltip="privacy.key_settings_tip"),
        Binding("b", "backup", "bundle.key_backup", tooltip="bundle.key_backup_tip"),
        Binding("escape", "close", "bundle.key_close", tooltip="bundle.key_close_tip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.info: DeskInfo | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("bundle.settings_title"), classes="bundle-title")
        yield SettingsGrid(self.info, id="settings-info")
        yield Static(replies_text(self.desk.settings), id="settings-replies")
        yield Static(t("bundle.settings_help"), classes="bundle-help")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="desk-settings")
    def load(self) -> None:
        """Read the settings and the figures beside them off the UI thread."""
        try:
            info = desk_info(self.desk.repo)
        except StoreError:
            return
        self.app.call_from_thread(self._show, info)

    def _show(self, info: DeskInfo) -> None:
        self.info = info
        grid = self.query_one(SettingsGrid)
        grid.info = info
        grid.refresh(recompose=True)
        self.query_one("#settings-replies", Static).update(replies_text(self.desk.settings))

    def action_canned(self, error: str = "") -> None:
        """``c``: add a canned reply (``CATEGORY=TEXT``) or clear a category (``CATEGORY=``)."""
        self.app.push_screen(CannedRepliesDialog(self.desk.settings, error), self._save_reply)

    def _save_reply(self, line: str | None) -> None:
        if not line:
            return
        code, _, text = line.partition("=")
        try:
            if text.strip():
                save_replies(self.desk.repo, add=[line])
            else:
                save_replies(self.desk.repo, clear=[code.strip()])
        except DeskError as error:
            self.action_canned(str(error))  # the dialog again, saying what is wrong
            return
        self.notify(t("replies.saved"))

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & {"meta", "cases", "residents", "sessions"}:
            self.load()

    def action_edit(self) -> None:
        settings = self.desk.settings
        own = (
            self.info.own_cases
            if self.info
            else self.desk.repo.cases.count_from_desk(settings.desk_code)
        )
        locked = t("bundle.err_code_locked", code=settings.desk_code, count=own) if own else ""
        dialog = DeskSettingsDialog(
            settings.community,
            settings.desk_code,
            code_locked=locked,
            validate=store_validator(self.desk.repo),
        )
        self.app.push_screen(dialog, self._save)

    def _save(self, choice: DeskChoice | None) -> None:
        if choice is None:
            return
        try:
            update_desk(self.desk.repo, community=choice.community, desk_code=choice.desk_code)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("bundle.settings_saved"))

    def action_register_lang(self) -> None:
        """Switch the exported register between Chinese (the default) and English."""
        wanted: Language = "en" if self.desk.repo.settings.get().register_lang == "zh" else "zh"
        try:
            update_desk(self.desk.repo, register_lang=wanted)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("bundle.register_lang_saved", lang=t(f"bundle.register_lang_{wanted}")))

    def action_area_code(self) -> None:
        """Change the area code a local number typed without one gets."""
        self.app.push_screen(AreaCodeDialog(self.desk.settings.area_code), self._save_area_code)

    def _save_area_code(self, area_code: str | None) -> None:
        if area_code is None:
            return
        try:
            update_desk(self.desk.repo, area_code=area_code)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("phone.area_saved", area=area_code))

    def action_privacy(self) -> None:
        """Retention, the idle lock and the unlock PIN (the current PIN asked when one is set)."""
        self.app.push_screen(PrivacyDialog(self.desk.repo.settings.get()), self._save_privacy)

    def _save_privacy(self, change: PrivacyChange | None) -> None:
        if change is None:
            return
        try:
            update_privacy(
                self.desk.repo,
                retention_years=change.retention_years,
                lock_minutes=change.lock_minutes,
                pin=change.new_pin,
                clear_pin=change.clear_pin,
            )
        except (DeskError, StoreError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("privacy.settings_saved"))
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="backup-now")
    def action_backup(self) -> None:
        """Write a backup now (the audit log records who took it), off the UI thread."""
        repo = self.desk.repo
        try:
            repo.audit.add(backup_audit(repo.data_dir, self.desk.staff, self.desk.now()))
            path = repo.backup_now()
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.app.call_from_thread(self.notify, t("cli.backup_done", path=str(path)))
        self.app.call_from_thread(self.load)

    def action_close(self) -> None:
        self.app.pop_screen()
