"""The street's view: a store of several communities narrowed to one community or desk,
and the communities side by side, in the register, the statistics and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from deskconsole.domain.comparison import GroupBy, compare
from deskconsole.domain.register import build_register
from deskconsole.domain.stats import stats_for
from deskconsole.domain.street import ScopeKind, street_of
from deskconsole.errors import DeskError
from deskconsole.storage import Repository
from tests import street_data as data
from tests.factories import make_case
from tests.unit.test_register_cli import run

DAY = data.DAY


@pytest.fixture
def street_repo(repo: Repository) -> Repository:
    data.fill(repo)
    return repo


def numbers(register) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.number for row in register.rows]


def test_the_desks_and_communities_of_the_store(street_repo: Repository) -> None:
    street = street_of(street_repo)
    assert [(d.code, d.community) for d in street.desks] == [
        ("JC", "金城社区"),
        ("JC2", "金城社区"),
        ("YH", "银河社区"),
        ("XX", ""),
    ]
    assert street.groups() == ["金城社区", "银河社区", "XX"]
    assert [(s.kind, s.name) for s in street.scopes()] == [
        (ScopeKind.STREET, "新城街道"),
        (ScopeKind.COMMUNITY, "金城社区"),
        (ScopeKind.DESK, "JC"),
        (ScopeKind.DESK, "JC2"),
        (ScopeKind.DESK, "YH"),
        (ScopeKind.DESK, "XX"),
    ]


def test_a_store_of_one_desk_has_nothing_to_narrow(repo: Repository) -> None:
    repo.cases.save(make_case("JC-20261127-001"))
    assert not street_of(repo).several
    register = build_register(repo, DAY, scope=street_of(repo).whole())
    assert register.scope == "" and register.footer.by_community == ()
    assert [label for label, _ in register.header_lines()] == [
        "社区",
        "小区",
        "日期",
        "驻点",
        "值班人员",
    ]


def test_the_register_covers_the_desk_by_default_and_any_scope_asked(
    street_repo: Repository,
) -> None:
    street = street_of(street_repo)
    assert numbers(build_register(street_repo, DAY)) == ["JC-20261127-001", "JC-20261127-002"]
    jincheng = build_register(street_repo, DAY, scope=street.community_scope("金城社区"))
    assert numbers(jincheng) == ["JC-20261127-001", "JC-20261127-002", "JC2-20261127-001"]
    assert jincheng.scope == "金城社区（服务台 JC, JC2）"
    assert ("范围", "金城社区（服务台 JC, JC2）") in jincheng.header_lines()
    assert jincheng.desk_code == "JC+JC2" and jincheng.footer.visitors == 2
    yinhe = build_register(street_repo, DAY, scope=street.desk_scope("YH"))
    assert numbers(yinhe) == ["YH-20261127-001", "YH-20261127-002"]
    assert yinhe.title == "银河社区流动服务台登记簿"
    assert yinhe.compounds == ("银河小区",) and yinhe.footer.visitors == 1
    whole = build_register(street_repo, DAY, scope=street.whole())
    assert len(whole.rows) == 6 and whole.footer.visitors == 3
    assert ("各社区", "金城社区 3、银河社区 2、XX 1") in whole.footer_lines()


def test_statistics_narrowed_and_side_by_side(street_repo: Repository) -> None:
    street = street_of(street_repo)
    first, last, today = date(2026, 11, 1), date(2026, 11, 30), DAY
    assert stats_for(street_repo, first, last, today).taken == 3  # JC, the day before too
    yinhe = stats_for(street_repo, first, last, today, street.desk_scope("YH"))
    assert (yinhe.taken, yinhe.visitors, yinhe.on_time, yinhe.timed) == (2, 1, 0, 1)
    comparison = compare(street_repo, first, last, today)
    assert comparison.table() == [
        ["Community", "Cases", "On the spot", "On time", "Satisfied"],
        ["金城社区", "4", "1", "100.0%", "100.0%"],
        ["银河社区", "2", "0", "0.0%", "0.0%"],
        ["XX", "1", "0", "-", "-"],
        ["Street total", "7", "1", "50.0%", "50.0%"],
    ]
    desks = compare(
        street_repo, first, last, today, street.community_scope("金城社区"), GroupBy.DESK
    )
    assert [row[:2] for row in desks.table()[1:]] == [
        ["JC", "3"],
        ["JC2", "1"],
        ["Total", "4"],
    ]


def test_an_unknown_community_or_desk_is_named_with_the_known_ones(
    street_repo: Repository,
) -> None:
    street = street_of(street_repo)
    with pytest.raises(DeskError, match=r"火星社区.*金城社区, 银河社区, XX"):  # listed in English
        street.find(community="火星社区")
    with pytest.raises(DeskError, match=r"No desk zz.*JC 金城社区, JC2 金城社区, YH 银河社区, XX"):
        street.find(desk="zz")
    assert street.find(desk="yh").desks == frozenset({"YH"})


@pytest.fixture
def street_store(data_dir: Path) -> Path:
    with Repository.open(data_dir) as repo:
        data.fill(repo)
    return data_dir


def test_cli_stats_by_community(street_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "stats",
        "--data-dir",
        str(street_store),
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--by",
        "community",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Covers: 新城街道, every community"
    assert lines[1] == "Communities side by side  2026-11-01 .. 2026-11-30"
    assert lines[3].split() == [
        "Community",
        "Cases",
        "On",
        "the",
        "spot",
        "On",
        "time",
        "Satisfied",
    ]
    assert lines[4].split() == ["金城社区", "4", "1", "100.0%", "100.0%"]
    assert lines[7].split() == ["Street", "total", "7", "1", "50.0%", "50.0%"]


def test_cli_stats_and_export_of_one_community(
    street_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "stats", "--data-dir", str(street_store), "--to", "2026-11-27", "--desk", "YH"
    )
    assert code == 0 and out.startswith("Covers: 银河社区, desk YH\n")
    taken = next(line for line in out.splitlines() if line.startswith("Cases taken"))
    assert taken.split()[-1] == "2"
    code, out, _ = run(
        capsys,
        "export",
        "--data-dir",
        str(street_store),
        "--date",
        "2026-11-27",
        "--community",
        "金城社区",
        "--format",
        "json",
        "--out",
        f"{tmp_path}/",
    )
    assert code == 0, out
    written = json.loads((tmp_path / "register-JC+JC2-2026-11-27.json").read_text("utf-8"))
    assert written["header"]["scope"] == "金城社区（服务台 JC, JC2）"
    assert [row["case_number"] for row in written["rows"]] == [
        "JC-20261127-001",
        "JC-20261127-002",
        "JC2-20261127-001",
    ]
    code, _, err = run(capsys, "stats", "--data-dir", str(street_store), "--community", "火星社区")
    assert code == 1 and err.strip().count("\n") == 0 and "火星社区" in err


def test_a_bundle_names_its_desks_community_and_the_desks_it_knows(
    street_repo: Repository, tmp_path: Path
) -> None:
    from deskconsole.domain.bundle import export_bundle, import_bundle
    from deskconsole.models import Settings

    with Repository.open(tmp_path / "lanshan", now=lambda: data.AT) as other:
        other.settings.save(
            Settings(desk_code="LS", community="蓝山社区", desks={"XX": "星湖社区", "YH": "别名"})
        )
        other.cases.save(make_case("LS-20261127-001"))
        _, path = export_bundle(other, tmp_path / "ls.dcb", None, data.AT, staff="王芳")
    import_bundle(street_repo, path)
    settings = street_repo.settings.get()
    # The desk as it names itself; a desk this store did not know; YH stays as known here.
    assert settings.desks == {
        "JC2": "金城社区",
        "YH": "银河社区",
        "LS": "蓝山社区",
        "XX": "星湖社区",
    }
    assert street_of(street_repo).groups() == ["金城社区", "蓝山社区", "星湖社区", "银河社区"]
    before = street_repo.settings.get()
    assert not import_bundle(street_repo, path).changes_anything  # twice: nothing new
    assert street_repo.settings.get() == before


def test_cli_settings_names_another_desks_community(
    street_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "settings",
        "--data-dir",
        str(street_store),
        "--desk-community",
        "xx=星湖社区",
        "--desk-community",
        "JC2=",
    )
    assert code == 0
    assert "Other desks: XX 星湖社区, YH 银河社区" in out
    with Repository.open(street_store, readonly=True) as repo:
        assert repo.settings.get().desks == {"YH": "银河社区", "XX": "星湖社区"}
    code, _, err = run(
        capsys, "settings", "--data-dir", str(street_store), "--desk-community", "星湖"
    )
    assert code == 1 and "CODE=COMMUNITY" in err and "星湖" in err
    with Repository.open(street_store, readonly=True) as repo:
        assert repo.settings.get().desks == {"YH": "银河社区", "XX": "星湖社区"}


def test_the_printed_and_spreadsheet_registers_say_what_they_cover(
    street_repo: Repository,
) -> None:
    import io

    import openpyxl

    from deskconsole.export import html_writer, xlsx_writer

    street = street_of(street_repo)
    register = build_register(street_repo, DAY, scope=street.whole())
    page = html_writer.render(register).decode("utf-8")
    assert "新城街道流动服务台登记簿" in page
    assert "范围" in page and "新城街道（全部社区）" in page
    assert "金城社区 3、银河社区 2、XX 1" in page
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_writer.render(register))).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("范围：新城街道（全部社区）" in cell for cell in cells)
    assert any("金城社区 3、银河社区 2、XX 1" in cell for cell in cells)
