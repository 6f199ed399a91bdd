"""Communities (or desks) side by side over a date range, for the street office's
monthly report: cases, solved on the spot, on-time rate, satisfaction, and the total."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from deskconsole.domain.stats import Stats, compute, percent
from deskconsole.domain.street import Scope, Street, street_of
from deskconsole.i18n import t
from deskconsole.models import DeskSession
from deskconsole.storage import RepositoryAPI


class GroupBy(StrEnum):
    COMMUNITY = "community"
    DESK = "desk"


@dataclass(frozen=True)
class Comparison:
    """One row of figures per community (or desk) in the scope, and their total."""

    first: date
    last: date
    rows: tuple[tuple[str, Stats], ...]
    total: Stats
    by: GroupBy

    def table(self) -> list[list[str]]:
        """The heading and one line per group, then the total, in the interface language."""
        heading = [
            t("street.col_community" if self.by is GroupBy.COMMUNITY else "street.col_desk"),
            t("street.col_cases"),
            t("street.col_on_spot"),
            t("street.col_on_time"),
            t("street.col_satisfaction"),
        ]
        lines = [_line(name, stats) for name, stats in self.rows]
        total = t("street.total" if self.by is GroupBy.COMMUNITY else "street.total_desks")
        return [heading, *lines, _line(total, self.total)]


def _line(name: str, stats: Stats) -> list[str]:
    return [
        name,
        str(stats.taken),
        str(stats.solved_on_spot),
        percent(stats.on_time_rate),
        percent(stats.satisfaction_rate),
    ]


def compare(
    repo: RepositoryAPI,
    first: date,
    last: date,
    today: date,
    scope: Scope | None = None,
    by: GroupBy = GroupBy.COMMUNITY,
) -> Comparison:
    """The figures of each community (or desk) ``scope`` covers (default: the street)."""
    street = street_of(repo)
    scope = scope or street.whole()
    group = _grouping(street, by)
    names = list(dict.fromkeys(group(d.code) for d in street.desks if scope.covers(d.code)))
    docs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for doc in repo.cases.docs_taken_between(first, last):  # the archived ones too
        code = doc.get("desk_code") or ""
        if scope.covers(code):
            docs.setdefault(group(code), []).append(doc)
    sessions: dict[str, list[DeskSession]] = {name: [] for name in docs}
    for session in repo.sessions.all():
        code = session.desk_code or street.own.code
        if scope.covers(code):
            sessions.setdefault(group(code), []).append(session)
    rows = tuple(
        (name, compute(docs.get(name, []), sessions.get(name, []), first, last, today))
        for name in dict.fromkeys([*docs, *sessions])
    )
    every_doc = [doc for found in docs.values() for doc in found]
    every_session = [s for found in sessions.values() for s in found]
    total = compute(every_doc, every_session, first, last, today)
    return Comparison(first, last, rows, total, by)


def _grouping(street: Street, by: GroupBy) -> Callable[[str], str]:
    if by is GroupBy.DESK:
        return lambda code: code or street.own.code
    return street.group_of
