"""The resident view: details, the household at the same address, and their cases."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from deskconsole.i18n import t
from deskconsole.models import ERASED_NAME, Case, Resident, mask_phone
from deskconsole.storage import StoreError
from deskconsole.ui.literal import LiteralTable, literal
from deskconsole.ui.messages import OpenCase, OpenResident, StartIntake, StoreChanged
from deskconsole.ui.names import shown_name
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.personal_data import personal_data
from deskconsole.ui.screens.resident_form import add_resident, edit_resident
from deskconsole.ui.widgets.fit_table import FitTable
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

MAX_CASES = 200
#: At 80 columns these narrow (to at least so many cells), their text ending in "…".
CASES_GIVE_WAY = {"category": 8, "description": 10}
#: Narrower screens leave out the cases' date column.
WIDE = 100
MATTER_WIDTH = 40


@dataclass
class ResidentData:
    """What the view shows, loaded off the UI thread."""

    resident: Resident | None
    household: list[Resident]
    open_cases: dict[str, int]
    cases: list[Case]


class ResidentScreen(DeskScreen):
    """One resident: details, household, and the cases of both."""

    BINDINGS = [
        Binding("n", "new_case", "lookup.key_new_case", tooltip="lookup.key_new_case_tip"),
        Binding("e", "edit", "lookup.key_edit", tooltip="lookup.key_edit_tip"),
        Binding("a", "add_here", "lookup.key_add_here", tooltip="lookup.key_add_here_tip"),
        Binding("p", "personal_data", "privacy.key_personal", tooltip="privacy.key_personal_tip"),
        Binding("enter", "open_row", "lookup.key_open_row", tooltip="lookup.key_open_row_tip"),
        Binding("escape", "back", "lookup.key_back", tooltip="lookup.key_back_tip"),
    ]

    def __init__(self, resident_id: str) -> None:
        super().__init__()
        self.resident_id = resident_id
        self.data: ResidentData | None = None
        self._shown = False
        self._narrow = False

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("lookup.resident_title"), id="resident-title")
        yield Static("", id="resident-details")
        yield Static("", id="household-title", classes="section-title")
        household: DataTable[str] = LiteralTable(id="resident-household", cursor_type="row")
        household.add_column(t("field.name"), key="name")
        household.add_column(t("field.gender"), key="gender")
        household.add_column(t("field.phone"), key="phone")
        household.add_column(t("lookup.col_open"), key="open")
        yield household
        yield Static("", id="cases-title", classes="section-title")
        cases: DataTable[str] = FitTable(
            id="resident-cases", cursor_type="row", zebra_stripes=True, give_way=CASES_GIVE_WAY
        )
        yield cases
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.load()

    async def apply_language(self) -> None:
        await self.recompose_keeping_focus()
        self.refresh_bindings()
        if self.data is not None:
            self._show(self.data)

    # -- loading --------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, exclusive=True, group="resident-load")
    def load(self) -> None:
        """Read the resident, household and cases off the UI thread."""
        repo = self.desk.repo
        try:
            resident = repo.residents.get(self.resident_id)
            index = self.desk.resident_search.current()
            household: list[Resident] = []
            if resident is not None:
                for member_id in index.household(resident.id):
                    member = resident if member_id == resident.id else repo.residents.get(member_id)
                    if member is not None:
                        household.append(member)
                if not household:
                    household = [resident]
            ids = [m.id for m in household]
            cases = repo.cases.for_residents(ids)[:MAX_CASES]
            open_cases = {m.id: index.open_cases(m.id) for m in household}
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._show, ResidentData(resident, household, open_cases, cases))

    def _show(self, data: ResidentData) -> None:
        if not self.is_attached:  # the worker may answer before on_mount has returned
            return
        self.data = data
        resident = data.resident
        title = self.query_one("#resident-title", Static)
        details = self.query_one("#resident-details", Static)
        household = self.query_one("#resident-household", DataTable)
        cases = self.query_one("#resident-cases", DataTable)
        household.clear()
        self._case_columns(cases)
        self.refresh_bindings()
        if resident is None:
            title.update(t("lookup.gone"))
            details.update("")
            self.query_one("#household-title", Static).update("")
            self.query_one("#cases-title", Static).update("")
            household.display = cases.display = False
            return
        gender = f"  {resident.gender.label}" if resident.gender else ""
        title.update(literal(f"{shown_name(resident.name)}{gender}  {resident.address.label_zh}"))
        none = t("lookup.none_given")
        lines = [
            t("lookup.phones", phones=", ".join(mask_phone(p) for p in resident.phones) or none),
            t("lookup.id_number", id_number=resident.masked_id_number or none),
        ]
        if resident.notes:
            lines.append(t("lookup.notes", notes=resident.notes))
        lines.append(
            t(
                "lookup.added_updated",
                created=f"{resident.created_at:%Y-%m-%d}",
                updated=f"{resident.updated_at:%Y-%m-%d %H:%M}",
            )
        )
        details.update(literal("\n".join(lines)))
        others = [m for m in data.household if m.id != resident.id]
        if resident.address.is_blank:
            heading = t("lookup.household_none")
        elif others:
            heading = t("lookup.household", address=resident.address.label, count=len(others))
        else:
            heading = t("lookup.household_alone", address=resident.address.label)
        self.query_one("#household-title", Static).update(literal(heading))
        for member in others:
            count = data.open_cases.get(member.id, 0)
            household.add_row(
                shown_name(member.name),
                member.gender.label if member.gender else "",
                member.masked_phone,
                str(count) if count else "",
                key=member.id,
            )
        household.display = bool(others)
        names = {m.id: shown_name(m.name) for m in data.household}
        settings = self.desk.settings
        self.query_one("#cases-title", Static).update(
            t("lookup.cases", count=len(data.cases)) if data.cases else t("lookup.no_cases")
        )
        shown = [str(column.key.value) for column in cases.ordered_columns]
        for case in data.cases:
            cells = {
                "number": case.number,
                "date": f"{case.intake_at:%Y-%m-%d}",
                "who": names.get(case.resident_id or "", ""),
                "category": settings.category_label(case.category),
                "state": case.state.label,
                "description": case.description.strip().split("\n", 1)[0],
            }
            cases.add_row(*(cells[key] for key in shown), key=case.number)
        cases.display = bool(data.cases)
        first_show, self._shown = not self._shown, True
        if first_show or self.focused is None or not self.focused.display:
            if data.cases:
                cases.focus()
            elif others:
                household.focus()
        self.refresh_bindings()

    def _case_columns(self, cases: DataTable[str]) -> None:
        """The cases' columns for the width on screen: narrow, no date (the case number
        holds it) and the longer columns cut with "…"."""
        self._narrow = self.size.width < WIDE
        cases.clear(columns=True)
        cases.add_column(t("field.number"), key="number")
        if not self._narrow:
            cases.add_column(t("lookup.col_date"), key="date")
        cases.add_column(t("lookup.col_who"), key="who")
        cases.add_column(t("field.category"), key="category")
        cases.add_column(t("field.state"), key="state")
        cases.add_column(t("field.description"), key="description", width=MATTER_WIDTH)

    def on_resize(self) -> None:
        if self.data is not None and self._narrow != (self.size.width < WIDE):
            self._show(self.data)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & {"residents", "cases"}:
            self.load()

    # -- keys --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        resident = self.data.resident if self.data else None
        if action == "personal_data":
            return resident is not None
        if action in ("new_case", "edit", "add_here"):
            # An erased resident takes no new personal data.
            return resident is not None and resident.name != ERASED_NAME
        if action == "open_row":
            table = self.focused
            return isinstance(table, DataTable) and table.row_count > 0
        return True

    def action_new_case(self) -> None:
        self.post_message(StartIntake(self.resident_id))

    def action_edit(self) -> None:
        if self.data and self.data.resident:
            edit_resident(self, self.data.resident)

    def action_personal_data(self) -> None:
        if self.data and self.data.resident:
            personal_data(self, self.data.resident)

    def action_add_here(self) -> None:
        if self.data and self.data.resident:
            address = self.data.resident.address
            add_resident(
                self,
                {
                    "compound": address.compound,
                    "building": address.building,
                    "unit": address.unit,
                    "room": address.room,
                },
            )

    def action_open_row(self) -> None:
        table = self.focused
        if isinstance(table, DataTable) and table.row_count:
            row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
            self._open(table, str(row_key.value))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.data_table, str(event.row_key.value))

    def _open(self, table: DataTable[str], key: str) -> None:
        if table.id == "resident-cases":
            self.post_message(OpenCase(key))
        else:
            self.post_message(OpenResident(key))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.pop_screen()
