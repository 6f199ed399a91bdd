"""Desk sessions: start, end, count question-only visitors, correct afterwards."""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import ValidationError

from deskconsole.errors import DeskError
from deskconsole.models import AuditEntry, DeskSession, Visit, describe
from deskconsole.models.versions import TICK
from deskconsole.storage import RepositoryAPI
from deskconsole.storage import sessions as session_ops


class SessionError(DeskError):
    """A session could not be started, ended or corrected; the message says why."""


def _checked(values: dict[str, object]) -> DeskSession:
    try:
        return DeskSession.model_validate(values)
    except ValidationError as error:
        raise SessionError(
            "session.invalid", problems=describe(error).replace("\n", "; ")
        ) from None


def start_session(
    repo: RepositoryAPI,
    *,
    day: date,
    compound: str,
    start: time | None,
    end: time | None,
    staff: list[str] | str,
    partners: list[str] | str,
    now: datetime,
    desk_code: str = "",
) -> DeskSession:
    """Open a new desk session for this desk; an open one must be ended first."""
    current = repo.sessions.current()
    if current is not None:
        raise SessionError(
            "session.already_open", compound=current.compound, date=current.date.isoformat()
        )
    session = _checked(
        {
            "date": day,
            "desk_code": desk_code,
            "compound": compound,
            "start": start,
            "end": end,
            "staff": staff,
            "partners": partners,
            "updated_at": now,
        }
    )
    if session.end is not None and session.start is not None and session.end <= session.start:
        raise SessionError("session.hours")
    return repo.sessions.save(session)


def changed_at(session: DeskSession, now: datetime) -> datetime:
    """The ``updated_at`` of a change to ``session``: after the version it changes, even
    when this laptop's clock is behind the desk that made that version (merges keep the
    session changed last)."""
    return max(now, session.updated_at + TICK)


def end_session(repo: RepositoryAPI, session: DeskSession, now: datetime) -> DeskSession:
    """Close a session (its end time defaults to now if none was set)."""
    ended = session.model_copy(
        update={
            "ended_at": now,
            "end": session.end or now.time().replace(second=0, microsecond=0),
            "updated_at": changed_at(session, now),
        }
    )
    return repo.sessions.save(ended)


def count_visitor(
    repo: RepositoryAPI, session: DeskSession, now: datetime, category: str | None = None
) -> DeskSession:
    """Count one visitor who only asked a question, optionally under a category."""
    latest = repo.sessions.get(session.id) or session
    counted = latest.model_copy(
        update={"visits": [*latest.visits, Visit(at=now, category=category)], "updated_at": now}
    )
    return repo.sessions.save(counted)


CORRECTABLE = ("date", "compound", "start", "end", "staff", "partners", "notes")


def correct_session(
    repo: RepositoryAPI,
    session: DeskSession,
    changes: dict[str, object],
    staff: str,
    now: datetime,
) -> DeskSession:
    """Change a past session's details; the change is recorded in the audit log."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise SessionError("session.not_correctable", fields=", ".join(sorted(unknown)))
    values = session.model_dump()
    values.update(changes)
    values["updated_at"] = changed_at(session, now)
    corrected = _checked(values)
    before = session.model_dump(mode="json")
    after = corrected.model_dump(mode="json")
    detail = {
        name: f"{before[name]} -> {after[name]}"
        for name in CORRECTABLE
        if before[name] != after[name]
    }
    if not detail:
        return session
    entry = AuditEntry(
        at=now, staff=staff, action="session.corrected", target=session.id, detail=detail
    )
    repo.commit([session_ops.op(corrected), session_ops.audit_op(entry)])
    return corrected
