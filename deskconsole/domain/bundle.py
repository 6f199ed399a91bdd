"""Bundles: one file that carries a desk's records to another desk, and its import.

The file is UTF-8 JSON (gzip-compressed when its name ends in ``.gz``)::

    {"format": "deskconsole-bundle", "version": 1,
     "header": {"desk_code", "community", "created_at", "since"},
     "body": {"residents": [...], "sessions": [...], "cases": [...]},
     "checksum": "sha256:<hex>"}

The checksum is SHA-256 over the header and body as canonical JSON (sorted keys),
so a file cut short or changed on the way is refused before anything is read
into the store. It is written atomically (temp file, fsync, rename) with mode 0600:
it holds personal data.

An export takes the cases changed since a date (their ``updated_at`` or any event),
the residents changed since then and every resident those cases name, and the
ended desk sessions changed since then or named by those cases. A session still
open is left for the next bundle (another desk must never see it as its own open
session).

An import reads and checks the whole file, plans every merge (:mod:`merge`) under
the store's lock, and writes everything as one batch: the store gets all of it or,
when anything is wrong, none of it.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from deskconsole import __version__
from deskconsole.domain.merge import (
    CaseCollision,
    Conflict,
    Status,
    merge_case,
    merge_resident,
    merge_session,
)
from deskconsole.domain.roster import _Matcher as ResidentMatcher
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import Case, DeskSession, Resident, describe
from deskconsole.models.ids import DESK_CODE_RE
from deskconsole.storage import Op, Repository
from deskconsole.storage import cases as case_ops
from deskconsole.storage import residents as resident_ops
from deskconsole.storage import sessions as session_ops
from deskconsole.storage.aliases import aliases_op, resident_aliases
from deskconsole.storage.files import write_atomic

FORMAT = "deskconsole-bundle"
VERSION = 1
SUFFIX = ".dcb"
_MARKER = b'{"format":"' + FORMAT.encode() + b'"'
_GZIP_MAGIC = b"\x1f\x8b"
_ENDING = re.compile(rb'"checksum":"sha256:[0-9a-f]{64}"\}\s*$')
COLLISIONS_NAMED = 5


class BundleError(DeskError):
    """A bundle cannot be written or read; the message names the file and what is wrong."""


# -- the file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """Where and when a bundle was made, and what it covers."""

    desk_code: str
    community: str
    created_at: datetime
    since: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "desk_code": self.desk_code,
            "community": self.community,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "since": self.since.isoformat() if self.since else None,
            "app_version": __version__,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Header:
        desk = str(raw["desk_code"])
        if not DESK_CODE_RE.fullmatch(desk):
            raise ValueError(f"desk code {desk!r}")
        since = raw.get("since")
        return cls(
            desk,
            str(raw.get("community") or ""),
            datetime.fromisoformat(str(raw["created_at"])),
            date.fromisoformat(str(since)) if since else None,
        )

    @property
    def scope(self) -> str:
        """``changes since 2026-11-01`` or ``everything``, translated."""
        if self.since is None:
            return t("bundle.scope_all")
        return t("bundle.scope_since", since=self.since.isoformat())


@dataclass
class Bundle:
    """A bundle's header and records (as stored documents)."""

    header: Header
    residents: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    path: Path | None = None
    #: The records validated into models by :func:`read_bundle`, by kind, in order.
    models: dict[str, list[Any]] = field(default_factory=dict, repr=False, compare=False)

    def model(self, kind: str, index: int, cls: type[Any]) -> Any:
        """Record ``index`` of ``kind`` as a model (validated once, when read)."""
        known = self.models.get(kind)
        if known is not None and index < len(known):
            return known[index]
        return cls.model_validate(getattr(self, kind)[index])

    def body(self) -> dict[str, Any]:
        return {"residents": self.residents, "sessions": self.sessions, "cases": self.cases}

    def checksum(self) -> str:
        """``sha256:<hex>`` over the header and the body as canonical JSON."""
        return _checksum(self.header.to_json(), self.body())

    def encode(self) -> bytes:
        """The file's bytes (before any compression)."""
        header = self.header.to_json()
        body = self.body()
        return orjson.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "header": header,
                "body": body,
                "checksum": _checksum(header, body),
            }
        )


def _checksum(header: Mapping[str, Any], body: Mapping[str, Any]) -> str:
    canonical = orjson.dumps({"header": header, "body": body}, option=orjson.OPT_SORT_KEYS)
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def default_name(desk_code: str, now: datetime) -> str:
    """``bundle-JC-20261127-1000.dcb``."""
    return f"bundle-{desk_code}-{now:%Y%m%d-%H%M}{SUFFIX}"


def write_bundle(bundle: Bundle, path: Path) -> Path:
    """Write ``bundle`` to ``path`` atomically with mode 0600 (gzip when it ends in .gz)."""
    path = Path(path).expanduser()
    data = bundle.encode()
    if path.name.lower().endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    try:
        if not path.parent.is_dir():
            raise FileNotFoundError(2, t("bundle.no_folder"))
        write_atomic(path, [data])
    except OSError as error:
        raise BundleError(
            "bundle.err_write", path=str(path), reason=error.strerror or str(error)
        ) from None
    return path.resolve()


def read_bundle(path: Path) -> Bundle:
    """Read and check a bundle; raises :class:`BundleError` saying what is wrong with it."""
    path = Path(path).expanduser()
    where = str(path)
    if not path.is_file():
        raise BundleError("bundle.err_missing", path=where)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleError(
            "bundle.err_unreadable", path=where, reason=error.strerror or str(error)
        ) from None
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, where)
    if not data.strip():
        raise BundleError("bundle.err_empty", path=where)
    ours = data.lstrip().startswith(_MARKER)
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        if not ours:
            raise BundleError("bundle.err_not_json", path=where) from None
        if not _ENDING.search(data[-200:]):
            raise BundleError("bundle.err_truncated", path=where, size=len(data)) from None
        raise BundleError("bundle.err_broken", path=where, offset=error.pos) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleError("bundle.err_foreign", path=where)
    version = raw.get("version")
    if version != VERSION:
        key = (
            "bundle.err_version_newer"
            if isinstance(version, int) and version > VERSION
            else "bundle.err_version"
        )
        raise BundleError(key, path=where, version=version, supported=VERSION)
    header, body = raw.get("header"), raw.get("body")
    if not isinstance(header, dict) or not isinstance(body, dict) or "checksum" not in raw:
        raise BundleError("bundle.err_incomplete", path=where)
    if _checksum(header, body) != raw["checksum"]:
        raise BundleError("bundle.err_checksum", path=where)
    return _checked(path, header, body)


def _gunzip(data: bytes, where: str) -> bytes:
    try:
        return gzip.decompress(data)
    except EOFError:
        raise BundleError("bundle.err_truncated", path=where, size=len(data)) from None
    except (OSError, zlib.error):
        raise BundleError("bundle.err_checksum", path=where) from None


def _checked(path: Path, header: dict[str, Any], body: dict[str, Any]) -> Bundle:
    """Every record validated, so a bad one is refused before anything is merged."""
    where = str(path)
    try:
        parsed = Header.from_json(header)
    except (KeyError, TypeError, ValueError) as error:
        raise BundleError(
            "bundle.err_invalid", path=where, what=t("bundle.what_header"), reason=str(error)
        ) from None
    bundle = Bundle(parsed, path=path)
    kinds: tuple[tuple[str, type[Any], list[dict[str, Any]]], ...] = (
        ("residents", Resident, bundle.residents),
        ("sessions", DeskSession, bundle.sessions),
        ("cases", Case, bundle.cases),
    )
    for name, model, target in kinds:
        docs = body.get(name, [])
        if not isinstance(docs, list):
            raise BundleError("bundle.err_incomplete", path=where)
        models = bundle.models.setdefault(name, [])
        for index, doc in enumerate(docs, start=1):
            try:
                models.append(model.model_validate(doc))
                target.append(doc)
            except ValidationError as error:
                what = t(f"bundle.what_{name}", index=index, key=_doc_key(doc))
                reason = describe(error).replace("\n", "; ")
                raise BundleError(
                    "bundle.err_invalid", path=where, what=what, reason=reason
                ) from None
    return bundle


def _doc_key(doc: object) -> str:
    if isinstance(doc, dict):
        return str(doc.get("number") or doc.get("name") or doc.get("compound") or "")
    return ""


# -- export ---------------------------------------------------------------------------------


def collect(repo: Repository, since: date | None, now: datetime) -> Bundle:
    """What changed since ``since`` (everything when ``None``), as a bundle."""
    settings = repo.settings.get()
    start = datetime.combine(since, time.min).isoformat() if since else ""

    def recent(stamp: str | None) -> bool:
        return stamp is not None and stamp >= start

    cases = [
        doc
        for doc in repo.cases.docs()
        if recent(doc.get("updated_at")) or any(recent(e.get("at")) for e in doc["events"])
    ]
    wanted_residents = {doc["resident_id"] for doc in cases if doc.get("resident_id")}
    wanted_sessions = {doc["session_id"] for doc in cases if doc.get("session_id")}
    residents = [
        doc
        for doc in repo.residents.docs()
        if doc["id"] in wanted_residents or recent(doc.get("updated_at"))
    ]
    sessions = [
        session.model_dump(mode="json")
        for session in repo.sessions.all()
        if not session.is_open
        and (
            session.id in wanted_sessions
            or recent(session.updated_at.isoformat())
            or (since is not None and session.date >= since)
        )
    ]
    return Bundle(
        Header(settings.desk_code, settings.community, now.replace(microsecond=0), since),
        residents=sorted(residents, key=lambda d: d["id"]),
        sessions=sorted(sessions, key=lambda d: d["id"]),
        cases=sorted(cases, key=lambda d: d["number"]),
    )


def export_bundle(
    repo: Repository, path: Path | None, since: date | None, now: datetime
) -> tuple[Bundle, Path]:
    """Write what changed since ``since`` to ``path`` (a folder gets the default name)."""
    with repo.store.lock:  # one consistent moment, even beside typing in the console
        bundle = collect(repo, since, now)
    target = Path.cwd() if path is None else Path(path).expanduser()
    if target.is_dir():
        target = target / default_name(bundle.header.desk_code, now)
    return bundle, write_bundle(bundle, target)


def export_summary(bundle: Bundle, path: Path) -> str:
    """``Bundle written: <path> (3 residents, 1 desk session, 5 cases; everything)``."""
    return t(
        "bundle.exported",
        path=str(path),
        residents=len(bundle.residents),
        sessions=len(bundle.sessions),
        cases=len(bundle.cases),
        scope=bundle.header.scope,
    )


# -- import ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Records added, updated and unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)

    @property
    def changed(self) -> int:
        return self.added + self.updated


@dataclass
class ImportPlan:
    """What importing a bundle does; :func:`apply_plan` writes ``ops`` in one batch."""

    bundle: Bundle
    residents: Tally = field(default_factory=Tally)
    sessions: Tally = field(default_factory=Tally)
    cases: Tally = field(default_factory=Tally)
    conflicts: list[Conflict] = field(default_factory=list)
    ops: list[Op] = field(default_factory=list)
    mapped: int = 0
    #: Cases numbered with this store's own desk code that this store did not have.
    foreign_own: list[str] = field(default_factory=list)
    desk_code: str = ""

    @property
    def changes_anything(self) -> bool:
        return bool(self.ops)

    def summary_lines(
        self, *, dry_run: bool = False, saved: bool = False, details: bool = True
    ) -> list[str]:
        """The import summary: origin, added / updated / unchanged, conflicts (each on an
        indented line unless ``details=False``), and what became of it."""
        header = self.bundle.header
        lines = [
            t(
                "bundle.from",
                path=str(self.bundle.path or ""),
                desk=header.desk_code,
                community=header.community or "-",
                created=f"{header.created_at:%Y-%m-%d %H:%M}",
                scope=header.scope,
            )
        ]
        for key, tally in (
            ("bundle.kind_residents", self.residents),
            ("bundle.kind_sessions", self.sessions),
            ("bundle.kind_cases", self.cases),
        ):
            lines.append(
                t(
                    "bundle.tally",
                    what=t(key),
                    added=tally.added,
                    updated=tally.updated,
                    unchanged=tally.unchanged,
                )
            )
        if self.mapped:
            lines.append(t("bundle.mapped", count=self.mapped))
        if self.foreign_own:
            lines.append(
                t(
                    "bundle.own_code_warning",
                    count=len(self.foreign_own),
                    code=self.desk_code,
                    numbers=", ".join(self.foreign_own[:COLLISIONS_NAMED]),
                )
            )
        if self.conflicts:
            lines.append(t("bundle.conflicts_head", count=len(self.conflicts)))
            if details:
                lines.extend(f"  {conflict.message}" for conflict in self.conflicts)
        else:
            lines.append(t("bundle.no_conflicts"))
        if dry_run:
            lines.append(t("bundle.dry_run"))
        elif not self.changes_anything:
            lines.append(t("bundle.nothing_new"))
        elif saved:
            lines.append(t("bundle.saved"))
        return lines

    def summary(self, *, dry_run: bool = False, saved: bool = False) -> str:
        return "\n".join(self.summary_lines(dry_run=dry_run, saved=saved))


class SettingsMissing(BundleError):
    """A store without a desk code of its own must not take in other desks' cases."""


def _match_values(resident: Mapping[str, Any]) -> dict[str, Any]:
    values = {
        "name": resident["name"],
        "id_number": resident.get("id_number"),
        "phones": resident.get("phones") or [],
    }
    values.update(resident.get("address") or {})
    return values


def _plan_residents(repo: Repository, plan: ImportPlan) -> dict[str, str]:
    """Merge the bundle's residents; returns their ids mapped to the ids used here."""
    aliases = resident_aliases(repo.store)
    matcher = ResidentMatcher(repo.residents.docs())
    merged: dict[str, Resident] = {}
    mapping: dict[str, str] = {}

    same: set[str] = set()

    def here(resident_id: str) -> bool:
        return resident_id in merged or repo.residents.doc(resident_id) is not None

    for index, doc in enumerate(plan.bundle.residents):
        if doc["id"] not in merged and repo.residents.doc(doc["id"]) == doc:
            same.add(doc["id"])  # already here exactly as in the bundle
            continue
        theirs: Resident = plan.bundle.model("residents", index, Resident)
        target: str | None = None
        if here(theirs.id):
            target = theirs.id
        elif theirs.id in aliases and here(aliases[theirs.id]):
            target = aliases[theirs.id]
        else:
            found = matcher.find(_match_values(doc))
            target = str(found["id"]) if found is not None else None
        if target is None:
            merged[theirs.id] = theirs
            matcher.add(doc)
            continue
        if target != theirs.id:
            mapping[theirs.id] = target
        base = merged.get(target) or repo.residents.get(target)
        merged[target], _ = merge_resident(base, theirs.model_copy(update={"id": target}))
    plan.residents.unchanged += len(same - set(merged))
    for resident_id, resident in merged.items():
        stored = repo.residents.doc(resident_id)
        if stored is None:
            plan.residents.count(Status.ADDED)
        elif Resident.model_validate(stored).model_dump(mode="json") == resident.model_dump(
            mode="json"
        ):
            plan.residents.count(Status.UNCHANGED)
            continue
        else:
            plan.residents.count(Status.UPDATED)
        plan.ops.append(resident_ops.op(resident))
    plan.mapped = len(mapping)
    if any(aliases.get(theirs) != ours for theirs, ours in mapping.items()):
        plan.ops.append(aliases_op({**aliases, **mapping}))
    return {**aliases, **mapping}


def _plan_sessions(repo: Repository, plan: ImportPlan) -> None:
    raw = {doc["id"]: doc for doc in repo.store.docs(session_ops.SESSIONS)}
    for index, doc in enumerate(plan.bundle.sessions):
        if raw.get(doc["id"]) == doc:
            plan.sessions.count(Status.UNCHANGED)
            continue
        theirs: DeskSession = plan.bundle.model("sessions", index, DeskSession)
        session, status = merge_session(repo.sessions.get(theirs.id), theirs)
        plan.sessions.count(status)
        if status is not Status.UNCHANGED:
            plan.ops.append(session_ops.op(session))


def _plan_cases(repo: Repository, plan: ImportPlan, mapping: Mapping[str, str]) -> None:
    collisions: list[str] = []
    for index, doc in enumerate(plan.bundle.cases):
        resident_id = doc.get("resident_id")
        mapped = isinstance(resident_id, str) and resident_id in mapping
        if mapped:
            doc = {**doc, "resident_id": mapping[str(resident_id)]}
        if repo.cases.doc(doc["number"]) == doc:
            plan.cases.count(Status.UNCHANGED)  # already here exactly as in the bundle
            continue
        theirs: Case = plan.bundle.model("cases", index, Case)
        if mapped:
            theirs = theirs.model_copy(update={"resident_id": doc["resident_id"]})
        try:
            result = merge_case(repo.cases.get(theirs.number), theirs)
        except CaseCollision as collision:
            collisions.append(collision.number)
            continue
        plan.cases.count(result.status)
        if result.status is Status.ADDED and theirs.number.startswith(f"{plan.desk_code}-"):
            plan.foreign_own.append(theirs.number)
        plan.conflicts.extend(result.conflicts)
        if result.status is not Status.UNCHANGED:
            plan.ops.append(case_ops.op(result.case))
    if collisions:
        raise BundleError(
            "bundle.err_collisions",
            path=str(plan.bundle.path or ""),
            count=len(collisions),
            numbers=", ".join(collisions[:COLLISIONS_NAMED]),
            desk=collisions[0].split("-", 1)[0],
        )


def plan_import(repo: Repository, bundle: Bundle) -> ImportPlan:
    """Everything importing ``bundle`` would change (nothing is written).

    Hold ``repo.store.lock`` around this and :func:`apply_plan` so no change made
    meanwhile is overwritten (:func:`import_bundle` does).
    """
    if not repo.settings.is_saved():
        raise SettingsMissing("bundle.err_no_settings", data_dir=str(repo.data_dir))
    plan = ImportPlan(bundle, desk_code=repo.settings.get().desk_code)
    mapping = _plan_residents(repo, plan)
    _plan_sessions(repo, plan)
    _plan_cases(repo, plan, mapping)
    return plan


def apply_plan(repo: Repository, plan: ImportPlan) -> None:
    """Write the plan as one batch: all of it lands, or none of it."""
    if plan.ops:
        repo.commit(plan.ops)


def import_bundle(repo: Repository, path: Path, *, dry_run: bool = False) -> ImportPlan:
    """Read, check and merge the bundle at ``path`` into ``repo`` in one batch."""
    bundle = read_bundle(path)
    with repo.store.lock:
        plan = plan_import(repo, bundle)
        if not dry_run:
            apply_plan(repo, plan)
    return plan
