"""The console: modes, global keys, the header's data, language switching. Wiring only."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from deskconsole import crash
from deskconsole.config import RunConfig
from deskconsole.domain.desk import needs_first_start
from deskconsole.i18n import Language, get_language, set_language, t
from deskconsole.models import DeskSession, Settings
from deskconsole.storage import CaseCounts, RepositoryAPI, StoreError
from deskconsole.ui.browser_keys import APP_BINDINGS, BrowserKeys
from deskconsole.ui.bundle_commands import BundleCommands
from deskconsole.ui.case_commands import CaseCommands
from deskconsole.ui.crash_guard import CrashGuard
from deskconsole.ui.desk import Desk
from deskconsole.ui.desk_commands import DeskCommand, DeskCommands
from deskconsole.ui.first_start import ask_desk
from deskconsole.ui.key_gate import InputEvent, KeyGate
from deskconsole.ui.literal import visible
from deskconsole.ui.messages import LanguageChanged, StoreChanged, StoreOpened
from deskconsole.ui.modes import MODE_KEYS, mode_screens
from deskconsole.ui.navigation import Navigation
from deskconsole.ui.palette import DeskCommandPalette
from deskconsole.ui.resident_commands import ResidentCommands
from deskconsole.ui.resident_search import ResidentSearch
from deskconsole.ui.screen_lock import ScreenLock
from deskconsole.ui.screens.base import DeskScreenMixin, DeskScreens
from deskconsole.ui.screens.help import HelpScreen
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.session_keys import SessionActions
from deskconsole.ui.store_opening import StoreOpener, StoreOpening
from deskconsole.ui.styles import style_paths
from deskconsole.ui.upkeep import Upkeep
from deskconsole.ui.widgets.header import DeskHeader


class DeskApp(BrowserKeys, ScreenLock, Upkeep, CrashGuard, Navigation, Desk):
    """deskconsole's Textual application."""

    TITLE = "deskconsole"
    CSS_PATH = style_paths()  # type: ignore[assignment]
    MODES = mode_screens()  # type: ignore[assignment]
    DEFAULT_MODE = "lookup"
    COMMANDS = {DeskCommands, CaseCommands, ResidentCommands, BundleCommands}
    BINDINGS = [
        Binding("f1", "toggle_help", "key.help", tooltip="key.help_tip"),
        Binding("f2", "switch_mode('lookup')", "mode.lookup", tooltip="key.lookup_tip"),
        Binding("f3", "switch_mode('intake')", "mode.intake", tooltip="key.intake_tip"),
        Binding("f4", "switch_mode('board')", "mode.board", tooltip="key.board_tip"),
        Binding("f5", "switch_mode('register')", "mode.register", tooltip="key.register_tip"),
        Binding("f6", "count_visitor", "key.visitor", tooltip="key.visitor_tip"),
        Binding(
            "shift+f6",
            "count_visitor_in",
            "key.visitor_in",
            tooltip="key.visitor_in_tip",
            show=False,
        ),
        Binding(
            "ctrl+f6",
            "uncount_visitor",
            "key.visitor_undo",
            tooltip="key.visitor_undo_tip",
            show=False,
        ),
        Binding("f7", "session", "key.session", tooltip="key.session_tip"),
        Binding("ctrl+q", "quit", "key.quit", tooltip="key.quit_tip", priority=True),
        Binding(
            "ctrl+l",
            "lock_screen",
            "privacy.key_lock",
            tooltip="privacy.key_lock_tip",
            priority=True,
        ),
        *APP_BINDINGS,
    ]

    def __init__(
        self,
        repo: RepositoryAPI | StoreOpener,
        config: RunConfig,
        clock: Callable[[], datetime] = datetime.now,
        kept_index_dir: Path | None = None,
    ) -> None:
        """``repo`` is an open store, or what reads one: then the first screen is drawn
        at once and the store is read in a thread meanwhile, keys waiting for it (but
        for Lookup's typing, once the resident index kept in ``kept_index_dir``, the
        data directory of an embedded store, answers before the store is read)."""
        super().__init__()
        self.config = config
        self.clock = clock
        self.store_opening = StoreOpening(repo, str(config.data_dir))
        self.settings: Settings = Settings()
        self.desk_screens = DeskScreens()
        self.session_actions = SessionActions(self)
        self.key_gate = KeyGate(self, self._apply_input)
        self._applying: InputEvent | None = None
        self._release_keys: Callable[[], None] | None = None
        set_language(config.language)
        if self.store_opening.repo is not None:
            self._follow(self.store_opening.repo)
        else:
            self._release_keys = self.key_gate.hold()
            self._resident_search = ResidentSearch.before_store(
                self.store_opening.get, kept_index_dir
            )

    @property
    def repo(self) -> RepositoryAPI:
        """The store (while it is still being read, this waits for it: workers only)."""
        return self.store_opening.get()

    def _follow(self, repo: RepositoryAPI) -> None:
        self.settings = repo.settings.get()
        repo.subscribe(self._on_commit)

    # -- desk sessions (F6, shift+F6, ctrl+F6, F7) -------------------------------------------------
    def action_count_visitor(self) -> None:
        """F6: one more visitor who only asked a question."""
        self.session_actions.count_visitor()

    def action_count_visitor_in(self) -> None:
        """Shift+F6: count a visitor under a category."""
        self.session_actions.count_visitor_in()

    def action_uncount_visitor(self) -> None:
        """Ctrl+F6: take back the visitor counted last."""
        self.session_actions.uncount_visitor()

    def action_session(self) -> None:
        """F7: start a desk session, or end the open one."""
        self.session_actions.toggle_session()

    def action_sessions(self) -> None:
        """The list of desk sessions (command palette)."""
        self.session_actions.list_sessions()

    # -- store changes ----------------------------------------------------------
    def _on_commit(self, tables: frozenset[str]) -> None:
        self.post_message(StoreChanged(tables))

    def on_store_changed(self, message: StoreChanged) -> None:
        """Reload settings if they changed, refresh the header, tell every screen."""
        if "meta" in message.tables:
            self.settings = self.repo.settings.get()
        self.refresh_header()
        if message.forwarded:
            return
        for screen in self.desk_screens:
            screen.post_message(StoreChanged(message.tables, forwarded=True))

    def on_mount(self) -> None:
        self.refresh_header()
        self.call_after_refresh(self._start_reading)

    def _start_reading(self) -> None:
        """Once the first frame is out: read the store given as a reader."""
        if not self.store_opening.pending:
            return
        for header in self.screen.query(DeskHeader):
            header.show_opening(self.staff)
        self._answer_early()

    def _opened(self, repo: RepositoryAPI) -> None:
        """In the reading thread, before anyone gets the store."""
        self._follow(repo)
        if self._resident_search is not None:
            self._resident_search.follow(repo)
        repo.backup_if_due()  # in a thread of its own

    @work(thread=True, exit_on_error=False, group="early-lookup")
    def _answer_early(self) -> None:
        """Lookup answers from the kept index if the store's files show it current (a
        third of a second at 50,000 residents), then the store is read: one after the
        other, each is done sooner than both at once."""
        search = self._resident_search
        answers = False
        try:
            answers = search is not None and search.answers_early()
        finally:  # on the UI thread: a console quitting meanwhile reads nothing
            self.call_from_thread(self._read_store, answers)

    def _read_store(self, lookup_answers: bool = False) -> None:
        """Read the store in its thread; while it is read, Lookup's typing goes through
        when the kept index answers."""
        release = self._release_keys
        if lookup_answers and release is not None:
            self._release_keys = self.key_gate.hold(lets_through=self._lookup_takes)
            release()
        self.store_opening.start(self._opened, partial(self.post_message, StoreOpened()))

    def _lookup_takes(self, event: InputEvent) -> bool:
        screen = self.screen
        return isinstance(screen, LookupScreen) and screen.takes_before_store(event)

    def on_store_opened(self) -> None:
        """The store was read (or not): carry on, or end with the reason."""
        error = self.store_opening.error
        if error is not None:
            self.exit(return_code=1)
            return
        self.refresh_header()
        for screen in self.desk_screens:
            if isinstance(screen, LookupScreen):
                screen.store_read()  # rows shown before: their open-case counts
        if needs_first_start(self.repo):
            ask_desk(self)
        if self._release_keys is not None:
            self._release_keys()
            self._release_keys = None

    def on_unmount(self) -> None:
        self.key_gate.cancel()
        repo = self.store_opening.repo
        if repo is not None:
            repo.unsubscribe(self._on_commit)
        if self._resident_search is not None:
            self._resident_search.close()

    def keep_index(self) -> None:
        """Once the console has ended: keep Lookup's index for the next start if a
        resident changed (the store removed the kept one), so it need not build it."""
        if self._resident_search is not None:
            with contextlib.suppress(OSError, StoreError):
                self._resident_search.keep()

    def crash_dir(self) -> Path | None:
        """The data dir's crash folder (known before the store is read)."""
        repo = self.store_opening.repo
        return (repo.data_dir if repo is not None else self.config.data_dir) / crash.CRASH_SUBDIR

    @work(thread=True, exit_on_error=False, exclusive=True, group="header")
    def refresh_header(self) -> None:
        """Recompute the header's figures off the UI thread, then show them."""
        try:
            session = self.repo.sessions.current()
            counts = self.repo.cases.counts(self.today(), self.settings.desk_code)
        except StoreError:
            return
        self.call_from_thread(self._show_header, session, counts)

    def _show_header(self, session: DeskSession | None, counts: CaseCounts) -> None:
        self.header_figures = (session, counts)
        for screen in self.desk_screens:
            for header in screen.query(DeskHeader):
                header.show(self.community_title(), session, self.staff, counts, self.today())

    # -- errors --------------------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_changed(event)

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """One place for what a background job did not expect (screens and widgets pass
        their workers' changes here): the details go to a masked, owner-only crash report,
        the clerk sees one line, and the console stays up."""
        error = event.worker.error
        if self.store_opening.error is not None:
            return  # the store could not be read: the console ends with that line
        if event.state is WorkerState.ERROR and error is not None:
            path = crash.save_report(error, self.crash_dir())
            where = str(path) if path is not None else type(error).__name__
            self.notify(t("app.worker_failed", report=where), severity="error", timeout=20)

    # -- keys and commands --------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal go through the type-ahead gate (ctrl+q
        while the store is still being read quits at once; keys waiting are dropped)."""
        if (
            isinstance(event, events.Key | events.Paste)
            and not event.is_forwarded
            and event is not self._applying
        ):
            quits = isinstance(event, events.Key) and event.key == "ctrl+q"
            if quits and self.store_opening.pending:
                self.exit()
                return
            await self.key_gate.admit(event)
            return
        await super().on_event(event)

    async def _apply_input(self, event: InputEvent) -> None:
        """Handle one key as Textual would, now that the console has settled."""
        self._applying = event
        try:
            await super().on_event(event)
        finally:
            self._applying = None

    def action_toggle_help(self) -> None:
        """F1: show the keys of the current screen, or close them."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            # Untranslated: the help tells the console's keys from Textual's by their catalog keys.
            bindings = Screen.active_bindings.fget(self.screen)  # type: ignore[attr-defined]
            self.push_screen(HelpScreen(bindings))

    async def switch_language(self, language: Language) -> None:
        """Switch every screen to ``language``."""
        set_language(language)
        for screen in self.desk_screens:
            if isinstance(screen, DeskScreenMixin):
                await screen.apply_language()
            screen.post_message(LanguageChanged())
        self.refresh_header()
        self.notify(t("app.language_switched"))

    def notify(  # type: ignore[override]
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; its text is shown as written, whatever ``markup`` a widget passes (a
        resident's name or a file name is never markup or a control sequence)."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def desk_commands(self) -> list[DeskCommand]:
        """The console's commands in the palette (found in either language and by pinyin)."""
        commands = [
            DeskCommand(f"mode.{mode}", f"key.{mode}_tip", partial(self.switch_mode, mode), key)
            for mode, key in MODE_KEYS.items()
        ]
        other: Language = "zh" if get_language() == "en" else "en"
        commands += [
            DeskCommand("cmd.language", "cmd.language_help", partial(self.switch_language, other)),
            DeskCommand("cmd.keys", "key.help_tip", self.action_toggle_help),
            DeskCommand("key.session", "key.session_tip", self.action_session),
            DeskCommand("cmd.sessions", "cmd.sessions_help", self.action_sessions),
            DeskCommand("key.visitor", "key.visitor_tip", self.action_count_visitor),
            DeskCommand("key.quit", "key.quit_tip", self.exit),
        ]
        return commands

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in self.desk_commands():
            yield SystemCommand(command.title_in(), t(command.help), command.run)

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette, in the clerk's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(DeskCommandPalette())

    def action_help_quit(self) -> None:
        """Ctrl+C outside a field: say how to quit (in the clerk's language)."""
        self.notify(t("app.quit_hint", key="ctrl+q"), title=t("app.quit_title"))
