"""Text is text: names, matters and settings that look like markup, actions or terminal
control sequences are shown exactly as typed, on every screen that shows them."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from deskconsole.models import Resident, Settings
from deskconsole.storage import Repository
from deskconsole.ui.literal import literal, visible
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.widgets.resident_picker import ResidentPicker
from tests.factories import make_case, make_resident
from tests.ui.helpers import burst, keys_done, make_app, until

HOSTILE = ["[/]闭合", "[bold red]红字[/]", "[@click=app.quit]退出[/]", "[link=https://x.cn]点我[/]"]


def rendered(widget: Static) -> str:
    return str(widget.render())


def cells(table: DataTable) -> list[str]:  # type: ignore[type-arg]
    return [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]


@pytest.fixture
def hostile(repo: Repository) -> list[Resident]:
    people = [
        make_resident(name, phones=[f"1390536{n:04d}"], notes=f"备注{name}")
        for n, name in enumerate(HOSTILE)
    ]
    repo.residents.save_many(people)
    for n, person in enumerate(people, start=1):
        number = f"JC-20261127-{n:03d}"
        matter = f"楼道[b]灯[/b]坏了 {person.name}"
        repo.cases.save(make_case(number, resident_id=person.id, description=matter))
    return people


@pytest.mark.parametrize("index", range(len(HOSTILE)))
async def test_lookup_and_the_resident_view_show_the_name_as_typed(
    repo: Repository, hostile: list[Resident], index: int
) -> None:
    person = hostile[index]
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, person.phones[0])
        await until(pilot, lambda: person.name in cells(app.screen.query_one(DataTable)))
        burst(app, "enter")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ResidentScreen)
                and person.name in rendered(app.screen.query_one("#resident-title", Static))
            ),
        )
        screen = app.screen
        assert f"备注{person.name}" in rendered(screen.query_one("#resident-details", Static))
        assert person.name in cells(screen.query_one("#resident-cases", DataTable))
        assert app.is_running  # [@click=app.quit] did not quit, [/] did not crash


async def test_the_case_view_and_the_intake_picker_show_them_as_typed(
    repo: Repository, hostile: list[Resident]
) -> None:
    person = hostile[1]
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3", person.phones[0])

        def first_hit() -> str:
            pickers = app.screen.query(ResidentPicker)
            if not pickers or not pickers.first().hits.option_count:
                return ""
            return str(pickers.first().hits.get_option_at_index(0).prompt)

        await until(pilot, lambda: person.phones[0][-4:] in first_hit())
        assert first_hit().startswith(person.name)
        await app.push_screen(CaseScreen("JC-20261127-002"))
        await keys_done(app, pilot)
        fields = rendered(app.screen.query_one("#case-fields", Static))
        assert f"楼道[b]灯[/b]坏了 {person.name}" in fields


async def test_a_community_name_and_a_toast_are_shown_as_typed(repo: Repository) -> None:
    repo.settings.save(Settings(community="[red]金城[/]社区"))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await keys_done(app, pilot)
        assert "[red]金城[/]社区" in rendered(app.screen.query_one("#header-title", Static))
        app.notify("[@click=app.quit]已保存[/]")
        await pilot.pause()
        [toast] = list(app._notifications)
        assert toast.message == "[@click=app.quit]已保存[/]" and not toast.markup
        assert app.is_running


def test_typed_text_loses_terminal_control_characters_but_keeps_its_lines() -> None:
    resident = make_resident("张三\x1bc", notes="第一行\r\n第二行\x07")
    assert resident.name == "张三c"
    assert resident.notes == "第一行\n第二行"
    case = make_case(description="漏水\x1b[2J\u202e反转\t了\n楼上")
    assert case.description == "漏水[2J反转 了\n楼上"


def test_what_reaches_the_screen_has_control_characters_written_out() -> None:
    assert visible("张三\x1bc") == "张三\\x1bc"
    assert visible("a\u202eb") == "a\\u202eb"
    assert visible("第一行\n第二行") == "第一行\n第二行"
    assert str(literal("[bold]x[/]")) == "[bold]x[/]"
