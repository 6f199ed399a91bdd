"""The street's view reads alike from the embedded store and from the server."""

from __future__ import annotations

from datetime import date

from deskconsole.domain.comparison import compare
from deskconsole.domain.register import build_register
from deskconsole.domain.stats import stats_for
from deskconsole.domain.street import street_of
from deskconsole.storage import Repository
from tests import street_data as data


def test_desk_codes_come_from_the_case_numbers(any_repo: Repository) -> None:
    assert any_repo.cases.desk_codes() == []
    data.fill(any_repo)
    assert any_repo.cases.desk_codes() == ["JC", "JC2", "XX", "YH"]


def test_registers_statistics_and_the_comparison_of_several_communities(
    any_repo: Repository,
) -> None:
    data.fill(any_repo)
    street = street_of(any_repo)
    assert street.groups() == ["金城社区", "银河社区", "XX"]
    jincheng = build_register(any_repo, data.DAY, scope=street.community_scope("金城社区"))
    assert [r.number for r in jincheng.rows] == [
        "JC-20261127-001",
        "JC-20261127-002",
        "JC2-20261127-001",
    ]
    month = (date(2026, 11, 1), date(2026, 11, 30), data.DAY)
    assert stats_for(any_repo, *month, street.desk_scope("YH")).taken == 2
    assert [row[:2] for row in compare(any_repo, *month).table()[1:]] == [
        ["金城社区", "4"],
        ["银河社区", "2"],
        ["XX", "1"],
        ["Street total", "7"],
    ]
