"""The screen lock: ctrl+l and the idle timer hide every personal datum until the PIN is
given; the rendered screen is checked, through a resize, a language switch and wrong PINs."""

from __future__ import annotations

import html
import re

import pytest
from textual.widgets import Input

from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.models import Address, Resident
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.lock import LockScreen
from deskconsole.ui.screens.resident import ResidentScreen
from tests.conftest import FIXED_NOW
from tests.ui.helpers import burst, make_app, settle, until

NAME, PHONE_TAIL, ROOM = "欧阳秀英", "1234", "12-2-301"
PERSON = Resident(
    name=NAME,
    phones=["13905361234"],
    notes="独居老人",
    address=Address(compound="金域华府", building="12", unit="2", room="301"),
    created_at=FIXED_NOW,
    updated_at=FIXED_NOW,
)


def rendered(app: DeskApp) -> str:
    """The text on the terminal, as a screenshot holds it."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def assert_nothing_personal(app: DeskApp) -> None:
    text = rendered(app)
    for secret in (NAME, "欧阳", PHONE_TAIL, "金域华府", "独居", "12-2-301"):
        assert secret not in text, secret


@pytest.fixture
def person(repo: Repository) -> Repository:
    repo.residents.save(PERSON)
    update_privacy(repo, pin="2468", lock_minutes=5)
    return repo


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def open_person(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one("#lookup-query", Input).insert_text_at_cursor(NAME)
    await settle(app, pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ResidentScreen) and NAME in rendered(app))


async def test_ctrl_l_hides_everything_personal_until_the_pin(person: Repository) -> None:
    app = make_app(person)
    clock = Clock()
    app.idle_clock = clock
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_person(app, pilot)
        assert PHONE_TAIL in rendered(app)
        burst(app, "ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, LockScreen))
        await settle(app, pilot)
        text = rendered(app)
        assert "金城社区" in text and "2026-11-27 10:00" in text
        assert_nothing_personal(app)
        # A notification that comes while locked is not drawn over the lock.
        app.notify(f"{NAME} 13905361234", timeout=60)
        await settle(app, pilot)
        assert_nothing_personal(app)
        # Global keys and the palette do nothing while locked.
        burst(app, "f3", "f4", "escape", "ctrl+p")
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        assert_nothing_personal(app)
        # A resize and a language switch keep the lock.
        await pilot.resize_terminal(90, 30)
        await settle(app, pilot)
        await app.switch_language("zh")
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen) and "控制台已锁定" in rendered(app)
        assert_nothing_personal(app)
        burst(app, "1", "1", "1", "1", "enter")
        await until(pilot, lambda: "PIN 错误" in rendered(app))
        assert isinstance(app.screen, LockScreen)
        burst(app, "2", "4", "6", "8", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        await until(pilot, lambda: NAME in rendered(app))


async def test_five_wrong_pins_pause_the_next_try(person: Repository) -> None:
    app = make_app(person)
    clock = Clock()
    app.idle_clock = clock
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_lock_screen()
        await until(pilot, lambda: isinstance(app.screen, LockScreen))
        await settle(app, pilot)
        lock = app.screen
        assert isinstance(lock, LockScreen)
        for _ in range(5):
            assert not lock.try_unlock("0000")
        assert lock.attempts.wait(clock.now) == 30
        assert not lock.try_unlock("2468")  # the right PIN waits out the pause too
        clock.now += 31
        assert lock.try_unlock("2468")
        await until(pilot, lambda: not isinstance(app.screen, LockScreen))
        assert not app.is_locked


async def test_idle_minutes_lock_and_typed_intake_is_kept(person: Repository) -> None:
    app = make_app(person)
    clock = Clock()
    app.idle_clock = clock
    async with app.run_test(size=(120, 40)) as pilot:
        await app.switch_mode("intake")  # type: ignore[func-returns-value]
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await settle(app, pilot)
        field = app.screen.focused
        assert isinstance(field, Input)
        field.insert_text_at_cursor("地下室灯不亮")
        app.lock_if_idle()
        assert not isinstance(app.screen, LockScreen)  # not idle yet
        clock.now += 5 * 60
        app.lock_if_idle()
        await until(pilot, lambda: isinstance(app.screen, LockScreen))
        await settle(app, pilot)
        assert "地下室灯不亮" not in rendered(app)
        burst(app, "2", "4", "6", "8", "enter")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        assert field.value == "地下室灯不亮" and "地下室灯不亮" in rendered(app)
