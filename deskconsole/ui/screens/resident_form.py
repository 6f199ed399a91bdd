"""The resident dialog (add and edit), checked with the same rules as a roster import."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from deskconsole.domain.choices import Choice
from deskconsole.domain.disclosure import edit_shown_audit
from deskconsole.domain.residents import new_resident, same_person, with_values
from deskconsole.domain.roster import check_fields, phone_warnings
from deskconsole.domain.search import normalise_query
from deskconsole.i18n import t
from deskconsole.models import Gender, Resident
from deskconsole.models.text import is_cjk
from deskconsole.storage import RepositoryAPI, StoreError
from deskconsole.ui.literal import literal
from deskconsole.ui.messages import OpenResident
from deskconsole.ui.screens.base import DeskModal, DeskScreenMixin
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.footer import DeskFooter

TEXT_FIELDS = ("name", "phones", "id_number", "compound", "building", "unit", "room", "notes")
Check = Callable[[dict[str, Any]], str | None]


def gender_choices() -> list[Choice]:
    """Male, female: typed as 1/2, m/f or 男/女 (nan/nv)."""
    return [
        Choice(g.value, t(f"enum.Gender.{g.value}", "en"), t(f"enum.Gender.{g.value}", "zh"))
        for g in Gender
    ]


def values_of(resident: Resident) -> dict[str, str]:
    """A resident's fields as the dialog shows them."""
    return {
        "name": resident.name,
        "gender": resident.gender.value if resident.gender else "",
        "phones": ", ".join(resident.phones),
        "id_number": resident.id_number or "",
        "compound": resident.address.compound,
        "building": resident.address.building,
        "unit": resident.address.unit,
        "room": resident.address.room,
        "notes": resident.notes,
    }


@dataclass(frozen=True)
class ResidentAnswer:
    """What the resident dialog returns: the fields normalised by the roster's rules
    (``check_fields``); a field left blank is not in ``values`` (an edit clears it)."""

    values: Mapping[str, Any]

    def as_text(self) -> dict[str, str]:
        """The fields as the dialog shows them again (after a save that failed)."""
        text = {k: str(v) for k, v in self.values.items() if k != "phones"}
        text["phones"] = ", ".join(self.values.get("phones", []))
        return text


class ResidentDialog(DeskModal[ResidentAnswer | None]):
    """Collects a resident's fields; returns them normalised, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "lookup.key_save", tooltip="lookup.key_save_tip", priority=True),
        Binding("escape", "cancel", "lookup.key_cancel", tooltip="lookup.key_cancel_tip"),
    ]

    def __init__(
        self,
        title: str,
        values: Mapping[str, str] | None = None,
        compounds: list[str] | None = None,
        check: Check | None = None,
        known_phones: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = dict(values or {})
        self.compounds = compounds or []
        self.check = check
        self.known_phones = set(known_phones)  # already stored: not warned about again
        self._phones_confirmed: str | None = None  # the phones whose warning was shown

    def compose(self) -> ComposeResult:
        value = self.initial.get
        with Vertical(id="resident-dialog"):
            yield Static(literal(self.title_text), id="resident-dialog-title")
            with Grid(id="resident-form"):
                yield Label(t("field.name"))
                yield Input(value("name", ""), id="f-name", compact=True)
                yield Label(t("field.gender"))
                yield ChoiceField(gender_choices(), value("gender", ""), id="f-gender")
                yield Label(t("field.phone"))
                yield Input(
                    value("phones", ""),
                    placeholder=t("lookup.phones_placeholder"),
                    id="f-phones",
                    compact=True,
                )
                yield Label(t("field.id_number"))
                yield Input(value("id_number", ""), id="f-id_number", compact=True)
                yield Label(t("field.compound"))
                yield Input(
                    value("compound", ""),
                    id="f-compound",
                    suggester=SuggestFromList(self.compounds, case_sensitive=False),
                    compact=True,
                )
                yield Label(f"{t('field.building')} / {t('field.unit')} / {t('field.room')}")
                with Horizontal(id="f-address"):
                    yield Input(value("building", ""), id="f-building", compact=True)
                    yield Input(value("unit", ""), id="f-unit", compact=True)
                    yield Input(value("room", ""), id="f-room", compact=True)
                yield Label(t("field.notes"))
                yield Input(value("notes", ""), id="f-notes", compact=True)
            yield Static("", id="resident-dialog-errors")
            yield Static(t("lookup.dialog_hint"), id="resident-dialog-hint")
            with Horizontal(id="resident-dialog-buttons"):
                yield Button(t("lookup.save"), variant="primary", id="dialog-save", compact=True)
                yield Button(t("lookup.cancel"), id="dialog-cancel", compact=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """On a short terminal the fields sit on consecutive lines, so the buttons stay in view."""
        form = self.query_one("#resident-form", Grid)
        form.styles.grid_gutter_horizontal = 1 if self.size.height >= 32 else 0

    async def apply_language(self) -> None:
        typed = self.typed()
        self.initial = typed
        await self.recompose_keeping_focus()
        self.refresh_bindings()

    def typed(self) -> dict[str, str]:
        """What is in the fields now, as typed."""
        values = {name: self.query_one(f"#f-{name}", Input).value for name in TEXT_FIELDS}
        values["gender"] = self.query_one("#f-gender", ChoiceField).value
        return values

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Check every field; close with the values only when all are right."""
        typed = self.typed()
        raw: dict[str, Any] = {k: v for k, v in typed.items() if k != "phones"}
        raw["phones"] = typed["phones"]
        clean, problems = check_fields(raw, area_code=self.desk.settings.area_code)
        order = ["phone" if name == "phones" else name for name in ("gender", *TEXT_FIELDS)]
        problems.sort(key=lambda p: order.index(p.field) if p.field in order else len(order))
        for name in TEXT_FIELDS:
            self.query_one(f"#f-{name}", Input).remove_class("-invalid")
        messages = [p.message for p in problems]
        for problem in problems:
            target = "phones" if problem.field == "phone" else problem.field
            if target in TEXT_FIELDS:
                self.query_one(f"#f-{target}", Input).add_class("-invalid")
        if not messages and self.check is not None:
            duplicate = self.check(clean)
            if duplicate:
                messages.append(duplicate)
        errors = self.query_one("#resident-dialog-errors", Static)
        errors.update(literal("\n".join(messages)))
        errors.remove_class("-warning")
        if not messages and self._warned_about_phones(clean, typed["phones"]):
            return
        if messages:
            first = next(iter(self.query("Input.-invalid")), None)
            if first is not None:
                first.focus()
            return
        self.dismiss(ResidentAnswer(clean))

    def _warned_about_phones(self, clean: dict[str, Any], typed: str) -> bool:
        """A phone the numbering plan lacks (one the resident already had is not asked
        about again): the first ctrl+s shows why, the next one with the same phones saves
        them as typed (the resident knows their number)."""
        warnings = phone_warnings(p for p in clean.get("phones", []) if p not in self.known_phones)
        phones = self.query_one("#f-phones", Input)
        phones.remove_class("-warning")
        if not warnings or typed == self._phones_confirmed:
            return False
        self._phones_confirmed = typed
        lines = [w.message for w in warnings] + [t("phone.form_confirm")]
        errors = self.query_one("#resident-dialog-errors", Static)
        errors.update(literal("\n".join(lines)))
        errors.add_class("-warning")
        phones.add_class("-warning")
        phones.focus()
        return True

    def action_cancel(self) -> None:
        """Esc: close; if something was typed, ask first (Enter keeps typing)."""
        if self.typed() == {**self._blank(), **self.initial}:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("lookup.confirm_discard"), destructive=True), answered)

    @staticmethod
    def _blank() -> dict[str, str]:
        return dict.fromkeys((*TEXT_FIELDS, "gender"), "")


# -- saving: the screens that open the dialog do the work -----------------------------------------


def duplicate_check(repo: RepositoryAPI, own_id: str | None = None) -> Check:
    """The form's last check: do the values describe another stored resident?"""

    def check(values: dict[str, Any]) -> str | None:
        found = same_person(repo.residents.docs(), values, own_id)
        return found.message if found is not None else None

    return check


def _compounds(screen: DeskScreenMixin) -> list[str]:
    settings = screen.desk.settings
    index = screen.desk.resident_search.built
    return list(dict.fromkeys([*settings.compounds, *(index.compounds() if index else [])]))


def add_resident(
    screen: DeskScreenMixin,
    values: Mapping[str, str] | None = None,
    then: Callable[[Resident], object] | None = None,
) -> None:
    """Open the dialog for a new resident, save it, then open the resident view
    (or call ``then``). A failed save reopens the dialog with what was typed."""
    desk = screen.desk
    repo = desk.repo

    def saved(answer: ResidentAnswer | None) -> None:
        if answer is None:
            return
        resident = new_resident(answer.values, desk.now())
        try:
            resident = repo.residents.save(resident)
        except StoreError as error:
            desk.notify(str(error), severity="error", timeout=15)
            add_resident(screen, answer.as_text(), then)
            return
        desk.notify(t("lookup.saved_new", name=resident.name))
        if then is not None:
            then(resident)
        else:
            desk.post_message(OpenResident(resident.id))

    dialog = ResidentDialog(
        t("lookup.add_title"), values, _compounds(screen), duplicate_check(repo)
    )
    desk.push_screen(dialog, saved)


def edit_resident(
    screen: DeskScreenMixin,
    resident: Resident,
    values: Mapping[str, str] | None = None,
) -> None:
    """Open the dialog on ``resident`` and save the changes (blank fields are cleared)."""
    desk = screen.desk
    repo = desk.repo

    def saved(answer: ResidentAnswer | None) -> None:
        if answer is None:
            return
        changed = with_values(resident, answer.values, clear_missing=True)
        try:
            repo.residents.save(changed)
        except StoreError as error:
            desk.notify(str(error), severity="error", timeout=15)
            edit_resident(screen, resident, answer.as_text())
            return
        desk.notify(t("lookup.saved_edit", name=changed.name))

    if resident.phones or resident.id_number:
        try:  # the form shows the full numbers: on record first, or not shown
            repo.audit.add(edit_shown_audit(resident.id, desk.staff, desk.now()))
        except StoreError as error:
            desk.notify(str(error), severity="error", timeout=15)
            return
    dialog = ResidentDialog(
        t("lookup.edit_title", name=resident.name),
        values or values_of(resident),
        _compounds(screen),
        duplicate_check(repo, resident.id),
        known_phones=resident.phones,
    )
    desk.push_screen(dialog, saved)


def prefill_from_query(query: str) -> dict[str, str]:
    """A new resident's name or phone from what was searched for."""
    text = normalise_query(query)
    if text and all(is_cjk(c) or c == "\u00b7" for c in text):
        return {"name": text}
    digits = text.replace(" ", "").replace("-", "")
    if digits.isdigit() and len(digits) >= 7:
        return {"phones": text}
    return {}
