"""The key gate's holds: keys wait for the work they depend on, longer than for messages to
settle, and never for ever."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.app import App

from deskconsole.ui import key_gate
from deskconsole.ui.key_gate import KeyGate


async def gate_with_log(app: App[None]) -> tuple[KeyGate, list[str]]:
    applied: list[str] = []

    async def dispatch(event: key_gate.InputEvent) -> None:
        assert isinstance(event, events.Key)
        applied.append(event.key)

    return KeyGate(app, dispatch), applied


async def test_keys_wait_for_a_hold_longer_than_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(key_gate, "SETTLE_TIMEOUT", 0.1)
    app: App[None] = App()
    async with app.run_test() as pilot:
        gate, applied = await gate_with_log(app)
        release = gate.hold()
        await gate.admit(events.Key("a", "a"))
        await asyncio.sleep(0.5)
        assert applied == []
        release()
        await pilot.pause()
        await asyncio.sleep(0.05)
        assert applied == ["a"]


async def test_a_hold_never_released_lets_keys_through_in_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(key_gate, "SETTLE_TIMEOUT", 0.1)
    monkeypatch.setattr(key_gate, "HOLD_TIMEOUT", 0.3)
    app: App[None] = App()
    async with app.run_test():
        gate, applied = await gate_with_log(app)
        gate.hold()
        await gate.admit(events.Key("a", "a"))
        await gate.admit(events.Key("b", "b"))
        for _ in range(100):
            if applied == ["a", "b"]:
                break
            await asyncio.sleep(0.05)
        assert applied == ["a", "b"]


async def test_a_line_feed_from_a_terminal_not_yet_in_raw_mode_is_enter() -> None:
    app: App[None] = App()
    async with app.run_test():
        gate, applied = await gate_with_log(app)
        line_feed = events.Key("ctrl+j", "\n")
        line_feed.time = 1000.0
        await gate.admit(line_feed)
        await gate.admit(events.Key("a", "a"))
        for _ in range(100):
            if len(applied) == 2:
                break
            await asyncio.sleep(0.01)
        assert applied == ["enter", "a"]
