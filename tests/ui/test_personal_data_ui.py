"""The resident view's personal data key: a copy of the file, and erasure asked twice
with Enter as no both times."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from deskconsole.domain.erasure import erase, is_erased
from deskconsole.domain.register import build_register
from deskconsole.i18n import t
from deskconsole.models import Address, Resident
from deskconsole.storage import Repository
from deskconsole.ui import upkeep
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.screens.personal_data import PersonalDataDialog, ReasonDialog
from deskconsole.ui.screens.resident import ResidentScreen
from tests.bundle_helpers import set_desk
from tests.conftest import FIXED_NOW
from tests.factories import make_case
from tests.ui.helpers import burst, keys_done, make_app, settle, until

NAME = "欧阳秀英"
PERSON = Resident(
    name=NAME,
    phones=["13905361234"],
    address=Address(compound="金域华府", building="12", unit="2", room="301"),
    created_at=FIXED_NOW,
    updated_at=FIXED_NOW,
)


async def open_person(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one("#lookup-query", Input).insert_text_at_cursor(NAME)
    await settle(app, pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
    await settle(app, pilot)


def board_text(app: DeskApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def erased(repo: Repository) -> bool:
    doc = repo.residents.doc(PERSON.id)
    return doc is not None and is_erased(doc)


async def test_erase_asks_twice_and_enter_means_no(repo: Repository) -> None:
    set_desk(repo, "JC", "金城社区")
    repo.residents.save(PERSON)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_person(app, pilot)

        def asking(text: str) -> bool:
            top = app.screen
            return isinstance(top, ConfirmDialog) and text in top.question

        def answered() -> bool:
            return isinstance(app.screen, ResidentScreen) and not any(
                isinstance(s, ConfirmDialog | ReasonDialog) for s in app.screen_stack
            )

        def refused_without_reason() -> bool:
            problem = (
                app.screen.query("#reason-problem") if isinstance(app.screen, ReasonDialog) else []
            )
            return bool(problem) and "needs a reason" in str(problem[0].render())

        # Enter on the first question: no.
        burst(app, "p", "x", "居民申请删除", "enter")
        await until(pilot, lambda: asking(NAME))
        burst(app, "enter")
        await until(pilot, answered)
        await settle(app, pilot)
        assert not erased(repo)
        # Yes, then Enter on the second question: no.
        burst(app, "p", "x", "居民申请删除", "enter", "y")
        await until(pilot, lambda: asking("cannot be undone"))
        burst(app, "enter")
        await until(pilot, answered)
        await settle(app, pilot)
        assert not erased(repo)
        # A reason is required: Enter on an empty one stays in the dialog.
        burst(app, "p", "x", "enter")
        await until(pilot, refused_without_reason)
        burst(app, "居民申请删除", "enter", "y", "y")
        await until(pilot, lambda: erased(repo))
        entry = repo.audit.all()[-1]
        assert (entry.action, entry.staff, entry.detail["reason"]) == (
            "person.erase",
            "颜成玉",
            "居民申请删除",
        )
        await settle(app, pilot)  # the lookup beneath refreshes after the change


async def test_c_writes_the_masked_file(repo: Repository) -> None:
    set_desk(repo, "JC", "金城社区")
    repo.residents.save(PERSON)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_person(app, pilot)
        burst(app, "p")
        await until(pilot, lambda: isinstance(app.screen, PersonalDataDialog))
        burst(app, "c")
        folder = repo.data_dir / "exports"
        await until(pilot, lambda: folder.is_dir() and len(list(folder.glob("person-*"))) == 2)
        (data,) = folder.glob("person-*.json")
        doc = json.loads(data.read_text(encoding="utf-8"))
        assert doc["resident"]["name"] == NAME and doc["resident"]["phones"] == ["139****1234"]
        assert repo.audit.all()[-1].action == "person.export"


async def test_the_console_reminds_once_a_month_of_residents_due(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    monkeypatch.setattr(upkeep, "RETENTION_CHECK_DELAY", 0.01)
    set_desk(repo, "JC", "金城社区")
    old = FIXED_NOW - timedelta(days=4 * 365)
    repo.residents.save_many(
        [PERSON.model_copy(update={"created_at": old, "updated_at": old})], touch=False
    )
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: repo.settings.get().retention_reminded == FIXED_NOW.date())
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 resident is due" in m for m in messages), messages
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert not any("are due" in n.message for n in app._notifications)


async def test_an_erased_resident_reads_in_the_interface_language(repo: Repository) -> None:
    set_desk(repo, "JC", "金城社区")
    repo.residents.save(PERSON)
    repo.cases.save(make_case("JC-20261127-001", resident_id=PERSON.id))
    erase(repo, PERSON.id, "居民申请删除", staff="颜成玉", now=FIXED_NOW)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:

        def fields() -> str:
            found = app.screen.query("#case-fields")
            return str(found.first().render()) if found else ""

        burst(app, "JC-20261127-001", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        await until(pilot, lambda: "Erased resident" in fields())
        await app.switch_language("zh")
        await until(pilot, lambda: "已删除的居民" in fields())
        burst(app, "escape", "f4")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await until(pilot, lambda: "已删除的居民" in board_text(app))
        await app.switch_language("en")
        await until(pilot, lambda: "Erased resident" in board_text(app))
    register = build_register(repo, FIXED_NOW.date())
    assert [row.name for row in register.rows] == ["已删除的居民"]  # the record stays Chinese


async def test_intake_never_offers_an_erased_resident(repo: Repository) -> None:
    from deskconsole.ui.screens.intake import IntakeScreen
    from deskconsole.ui.widgets.resident_picker import ResidentPicker

    set_desk(repo, "JC", "金城社区")
    repo.residents.save(PERSON)
    others = [
        Resident(
            name="叶思成",
            address=Address(compound="阳光花园", building="3", unit="1", room=f"{i + 1}01"),
            created_at=FIXED_NOW,
            updated_at=FIXED_NOW,
        )
        for i in range(9)
    ]
    erase(repo, PERSON.id, "居民申请删除", staff="颜成玉", now=FIXED_NOW)
    for _ in range(12):  # more erased residents than the picker shows rows
        extra = Resident(name="余淑", created_at=FIXED_NOW, updated_at=FIXED_NOW)
        repo.residents.save(extra)
        erase(repo, extra.id, "居民申请删除", staff="颜成玉", now=FIXED_NOW)
    for other in others:
        repo.residents.save(other)
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f3")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))

        def offered() -> list[str]:
            picker = app.screen.query_one(ResidentPicker)
            hits = picker.hits
            return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]

        burst(app, "ysc")  # 已删除的居民 reads yi shan chu: its initials too
        await until(pilot, lambda: len(offered()) == 8)
        assert all("叶思成" in row for row in offered()), offered()
        burst(app, "ctrl+u", "已删除")
        await until(pilot, lambda: offered() == [t("picker.no_match", "zh")])
        burst(app, "enter")  # nothing to take: the case stays anonymous
        await keys_done(app, pilot)
        assert app.screen.query_one(ResidentPicker).resident_id == ""
