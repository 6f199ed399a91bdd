"""The choice field's typed word: keys that arrived together stay one word, however late the
console handles them; a real pause between keys starts a new word."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult

from deskconsole.domain.choices import category_choices
from deskconsole.models import Settings
from deskconsole.ui.widgets.choice import TYPEAHEAD_SECONDS, ChoiceField

#: ``sd`` picks utilities (水电); ``d`` alone picks neighbours.
CATEGORIES = category_choices(Settings())
DELIVERED = 1000.0


class OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceField(CATEGORIES, id="field")


def key_at(character: str, when: float) -> events.Key:
    key = events.Key(character, character)
    key.time = when
    return key


async def type_keys(app: OneField, keys: list[events.Key], handled_apart: float) -> str:
    field = app.query_one(ChoiceField)
    field.focus()
    for key in keys:
        field.post_message(key)
        await asyncio.sleep(handled_apart)
    return field.value


async def test_keys_delivered_together_are_one_word_though_handled_late() -> None:
    app = OneField()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = [key_at("s", DELIVERED), key_at("d", DELIVERED + 0.01)]
        value = await type_keys(app, keys, handled_apart=TYPEAHEAD_SECONDS + 0.3)
    assert value == "utilities"


async def test_a_pause_between_keys_starts_a_new_word() -> None:
    app = OneField()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = [key_at("s", DELIVERED), key_at("d", DELIVERED + TYPEAHEAD_SECONDS + 0.5)]
        value = await type_keys(app, keys, handled_apart=0)
        await pilot.pause()
    assert value == "neighbour"
