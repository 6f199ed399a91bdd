"""Statistics over a date range (pushed from the register screen with g)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Sparkline, Static
from textual.worker import get_current_worker

from deskconsole.domain.comparison import Comparison, GroupBy, compare
from deskconsole.domain.stats import Stats, breakdowns, default_range, figure_rows, stats_for
from deskconsole.domain.street import Scope, ScopeKind, Street, street_of
from deskconsole.export.layout import display_width, pad
from deskconsole.i18n import t
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.scope_keys import SCOPE_BINDING, ScopeKeys
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.register import parse_date
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

BAR_WIDTH = 30
#: Below this width the breakdowns stack, so each label keeps its number on its line.
STACK_BELOW = 110


def week_bars(stats: Stats, width: int = BAR_WIDTH) -> str:
    """One line per week: its Monday, a bar drawn with background colour, the count."""
    weeks = stats.per_week()
    top = max((w.cases for w in weeks), default=0)
    lines = []
    for week in weeks:
        length = round(week.cases * width / top) if top else 0
        bar = f"[on $primary]{' ' * length}[/]" if length else ""
        lines.append(f"{week.day:%m-%d} {bar} {week.cases}")
    return "\n".join(lines)


class WeekBars(Static):
    """The per-week bar chart, redrawn to fit whenever its width changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stats: Stats | None = None

    def show(self, stats: Stats) -> None:
        self._stats = stats
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._stats is not None:
            room = self.size.width - 12  # "MM-DD " before the bar, " 1234" after it
            self.update(week_bars(self._stats, max(4, min(BAR_WIDTH, room))))


def _lines(items: list[tuple[str, str]]) -> str:
    if not items:
        return "-"
    width = max(display_width(label) for label, _ in items) + 2
    return "\n".join(pad(label, width) + value for label, value in items).replace("[", r"\[")


def comparison_text(comparison: Comparison) -> str:
    """The side-by-side table, columns aligned (as text: no markup)."""
    table = comparison.table()
    widths = [max(display_width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [pad(row[0], widths[0])]
        cells += [
            " " * (w - display_width(c)) + c for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
    return "\n".join(lines).replace("[", r"\[")


def grouping(scope: Scope | None) -> GroupBy | None:
    """How a scope's figures are put side by side: the street's by community, a
    community's by desk; one desk's not at all."""
    if scope is None or scope.kind is ScopeKind.DESK:
        return None
    return GroupBy.COMMUNITY if scope.kind is ScopeKind.STREET else GroupBy.DESK


class StatsScreen(ScopeKeys, DeskScreen):
    """Headline figures, a summary sentence, breakdowns and a per-day/per-week chart."""

    BINDINGS = [
        Binding("escape", "back", "stats.key_back", tooltip="stats.key_back_tip"),
        Binding("p", "shift(-1)", "stats.key_prev", tooltip="stats.key_prev_tip"),
        Binding("n", "shift(1)", "stats.key_next", tooltip="stats.key_next_tip"),
        Binding("f", "edit_from", "stats.key_from", tooltip="stats.key_from_tip"),
        SCOPE_BINDING,
    ]

    def __init__(
        self,
        first: date | None = None,
        last: date | None = None,
        *,
        scope: Scope | None = None,
        street: Street | None = None,
    ) -> None:
        super().__init__()
        self.first = first
        self.last = last
        self.scope = scope
        self.street = street
        self.stats: Stats | None = None
        self.comparison: Comparison | None = None
        self.error = ""

    def compose(self) -> ComposeResult:
        if self.first is None or self.last is None:
            self.first, self.last = default_range(self.desk.today())
        yield DeskHeader()
        with Horizontal(id="stats-controls"):
            yield Label(t("stats.title"), id="stats-title")
            yield Label(t("stats.from_label"), classes="register-label")
            yield Input(self.first.isoformat(), id="stats-from", compact=True, max_length=10)
            yield Label(t("stats.to_label"), classes="register-label")
            yield Input(self.last.isoformat(), id="stats-to", compact=True, max_length=10)
        yield Static(Text(self.scope_text()), id="stats-scope")
        yield Static(t("stats.loading"), id="stats-summary")
        with VerticalScroll(id="stats-body"):
            with Vertical(id="stats-compare-box"):
                yield Static(t("street.compare_title"), classes="stats-heading")
                yield Static(id="stats-compare")
            with Horizontal(id="stats-top"):
                yield Static(id="stats-figures")
                with Vertical(id="stats-chart"):
                    yield Static(t("stats.per_day"), classes="stats-heading")
                    yield Sparkline([], id="stats-sparkline")
                    yield Static(id="stats-axis")
                    yield Static(t("stats.per_week"), classes="stats-heading")
                    yield WeekBars(id="stats-weeks")
            with Horizontal(id="stats-breakdowns"):
                for index in range(3):
                    with Vertical(classes="stats-column"):
                        yield Static(classes="stats-heading", id=f"stats-bd-title-{index}")
                        yield Static(id=f"stats-bd-{index}")
        yield Static(t("stats.help"), id="stats-help")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.query_one("#stats-scope").display = bool(self.scope_text())
        self.query_one("#stats-compare-box").display = self.comparison is not None
        self.query_one("#stats-body").focus()
        self._fit()
        self.load()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Side by side when there is room, else one under the other."""
        narrow = self.app.size.width < STACK_BELOW
        self.query_one("#stats-breakdowns").set_class(narrow, "-stacked")

    async def apply_language(self) -> None:
        fields = ("#stats-from", "#stats-to")
        typed = [self.query_one(name, Input).value for name in fields]
        await self.recompose_keeping_focus()
        for name, value in zip(fields, typed, strict=True):
            self.query_one(name, Input).value = value
        self._fit()
        if self.stats is not None:
            self._show(self.stats, self.comparison)
        self.refresh_bindings()

    @work(thread=True, exit_on_error=False, exclusive=True, group="stats")
    def load(self) -> None:
        """Count over the range off the UI thread."""
        assert self.first is not None and self.last is not None
        repo, today = self.desk.repo, self.desk.today()
        street = street_of(repo)
        scope = self.scope_in_view(street)
        figures = stats_for(repo, self.first, self.last, today, scope)
        by = grouping(scope)
        side = compare(repo, self.first, self.last, today, scope, by) if by else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.street_known, street)
            self.app.call_from_thread(self._show, figures, side, scope)

    def _show(
        self, stats: Stats, comparison: Comparison | None = None, scope: Scope | None = None
    ) -> None:
        if (stats.first, stats.last) != (self.first, self.last):
            return
        if scope is not None and scope != (self.scope or scope):
            return  # a newer load, of the scope picked since, is on its way
        self.stats, self.comparison = stats, comparison
        self.query_one("#stats-scope", Static).update(Text(self.scope_text()))
        self.query_one("#stats-scope").display = bool(self.scope_text())
        self.query_one("#stats-compare-box").display = comparison is not None
        if comparison is not None:
            self.query_one("#stats-compare", Static).update(comparison_text(comparison))
        summary = self.query_one("#stats-summary", Static)
        summary.update(stats.summary().replace("[", r"\["))
        summary.set_class(False, "-error")
        self.query_one("#stats-figures", Static).update(_lines(figure_rows(stats)))
        self.query_one("#stats-sparkline", Sparkline).data = [d.cases for d in stats.per_day]
        self.query_one("#stats-axis", Static).update(
            f"{stats.first:%m-%d} .. {stats.last:%m-%d}   "
            + t("stats.chart_max", count=max((d.cases for d in stats.per_day), default=0))
        )
        self.query_one(WeekBars).show(stats)
        for index, (title, items) in enumerate(breakdowns(stats, self.desk.settings)):
            self.query_one(f"#stats-bd-title-{index}", Static).update(title)
            self.query_one(f"#stats-bd-{index}", Static).update(_lines(items))

    def _set_range(self, first: date, last: date) -> None:
        self.first, self.last = first, last
        self.query_one("#stats-from", Input).value = first.isoformat()
        self.query_one("#stats-to", Input).value = last.isoformat()
        self.query_one("#stats-summary", Static).update(t("stats.loading"))
        self.load()

    @on(Input.Submitted)
    def _range_typed(self, event: Input.Submitted) -> None:
        today = self.desk.today()
        first = parse_date(self.query_one("#stats-from", Input).value, today)
        last = parse_date(self.query_one("#stats-to", Input).value, today)
        summary = self.query_one("#stats-summary", Static)
        for value, parsed in (
            (self.query_one("#stats-from", Input).value, first),
            (self.query_one("#stats-to", Input).value, last),
        ):
            if parsed is None:
                summary.update(t("register.bad_date", value=value).replace("[", r"\["))
                summary.set_class(True, "-error")
                return
        assert first is not None and last is not None
        if first > last:
            summary.update(t("stats.bad_range", first=first.isoformat(), last=last.isoformat()))
            summary.set_class(True, "-error")
            return
        self.query_one("#stats-body").focus()
        self._set_range(first, last)

    def action_shift(self, direction: int) -> None:
        assert self.first is not None and self.last is not None
        length = (self.last - self.first).days + 1
        step = timedelta(days=length * direction)
        self._set_range(self.first + step, self.last + step)

    def action_edit_from(self) -> None:
        self.query_one("#stats-from", Input).focus()  # selects the date on focus

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & {"cases", "sessions", "meta"}:
            self.load()

    def scope_changed(self) -> None:
        """Another community or desk picked: its figures over the same range."""
        self.query_one("#stats-summary", Static).update(t("stats.loading"))
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_scope":
            return self.scope_applies
        return True
