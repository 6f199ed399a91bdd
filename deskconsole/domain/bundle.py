"""Bundles: one file that carries a desk's records to another desk, and its import.

The file itself (format, checksum, every refusal) is :mod:`bundle_file`; this module
decides what goes into a bundle and what importing one does.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from deskconsole.domain.bundle_file import (
    FORMAT,
    SUFFIX,
    VERSION,
    Bundle,
    BundleError,
    Header,
    default_name,
    read_bundle,
    write_bundle,
)
from deskconsole.domain.disclosure import bundle_export_audit
from deskconsole.domain.erasure import (
    compact_now,
    erased_case,
    erased_resident,
    erasure_ops,
    merge_tombstones,
)
from deskconsole.domain.merge import (
    CaseCollision,
    Conflict,
    Status,
    merge_case,
    merge_resident,
    merge_session,
)
from deskconsole.domain.residents import ResidentMatcher, values_of
from deskconsole.i18n import t
from deskconsole.models import Case, DeskSession, Erasure, Resident
from deskconsole.output import check_target, output_path
from deskconsole.storage import Op, RepositoryAPI
from deskconsole.storage import cases as case_ops
from deskconsole.storage import erasures as erasure_ops_store
from deskconsole.storage import residents as resident_ops
from deskconsole.storage import sessions as session_ops
from deskconsole.storage.aliases import aliases_op
from deskconsole.storage.sessions import settings_op

__all__ = [
    "FORMAT",
    "SUFFIX",
    "VERSION",
    "Bundle",
    "BundleError",
    "Header",
    "ImportPlan",
    "SettingsMissing",
    "Tally",
    "apply_plan",
    "collect",
    "default_name",
    "export_bundle",
    "export_summary",
    "import_bundle",
    "plan_import",
    "read_bundle",
    "write_bundle",
]

COLLISIONS_NAMED = 5


# -- export ---------------------------------------------------------------------------------


def collect(repo: RepositoryAPI, since: date | None, now: datetime) -> Bundle:
    """What changed since ``since`` (everything when ``None``), as a bundle."""
    settings = repo.settings.get()
    start = datetime.combine(since, time.min).isoformat() if since else ""

    def recent(stamp: str | None) -> bool:
        return stamp is not None and stamp >= start

    cases = repo.cases.docs_changed_since(start)  # archived ones too
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
        Header(
            settings.desk_code,
            settings.community,
            now.replace(microsecond=0),
            since,
            settings.desks,
        ),
        residents=sorted(residents, key=lambda d: d["id"]),
        sessions=sorted(sessions, key=lambda d: d["id"]),
        cases=sorted(cases, key=lambda d: d["number"]),
        # Every tombstone, whatever the date: an erasure must reach every desk.
        erasures=[e.model_dump(mode="json") for e in repo.erasures.all()],
    )


def export_bundle(
    repo: RepositoryAPI, path: Path | str | None, since: date | None, now: datetime, *, staff: str
) -> tuple[Bundle, Path]:
    """Write what changed since ``since`` to ``path`` (a folder gets the default name).

    The bundle carries full phone and ID numbers: who wrote it, when and where is
    recorded in the audit log before the file is written."""
    with repo.transaction():  # one consistent moment, even beside typing in the console
        bundle = collect(repo, since, now)
    target = check_target(
        output_path(path, default_name(bundle.header.desk_code, now)), repo.data_dir
    )
    repo.audit.add(bundle_export_audit(bundle, target, staff, now))
    return bundle, write_bundle(bundle, target, repo.data_dir)


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
    #: Erasures new here or known under more ids: written to the ledger before ``ops``.
    erasures: list[Erasure] = field(default_factory=list)
    #: Residents whose personal data the import erased (or kept erased).
    erased: int = 0

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
        if self.erased:
            lines.append(t("privacy.bundle_erased", count=self.erased))
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


def _plan_residents(repo: RepositoryAPI, plan: ImportPlan) -> dict[str, str]:
    """Merge the bundle's residents; returns their ids mapped to the ids used here."""
    aliases = repo.resident_aliases()
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
            found = matcher.find(values_of(doc))
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


def _plan_sessions(repo: RepositoryAPI, plan: ImportPlan) -> None:
    raw = {doc["id"]: doc for doc in repo.sessions.docs()}
    for index, doc in enumerate(plan.bundle.sessions):
        if raw.get(doc["id"]) == doc:
            plan.sessions.count(Status.UNCHANGED)
            continue
        theirs: DeskSession = plan.bundle.model("sessions", index, DeskSession)
        session, status = merge_session(repo.sessions.get(theirs.id), theirs)
        plan.sessions.count(status)
        if status is not Status.UNCHANGED:
            plan.ops.append(session_ops.op(session))


def _plan_cases(repo: RepositoryAPI, plan: ImportPlan, mapping: Mapping[str, str]) -> None:
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


def plan_import(repo: RepositoryAPI, bundle: Bundle) -> ImportPlan:
    """Everything importing ``bundle`` would change (nothing is written).

    Run this and :func:`apply_plan` in one ``repo.transaction()`` so no change made
    meanwhile is overwritten (:func:`import_bundle` does).
    """
    if not repo.settings.is_saved():
        raise SettingsMissing("bundle.err_no_settings", data_dir=str(repo.data_dir))
    plan = ImportPlan(bundle, desk_code=repo.settings.get().desk_code)
    mapping = _plan_residents(repo, plan)
    _plan_sessions(repo, plan)
    _plan_cases(repo, plan, mapping)
    _plan_erasures(repo, plan, mapping)
    _plan_desks(repo, plan)
    return plan


def _plan_desks(repo: RepositoryAPI, plan: ImportPlan) -> None:
    """Learn the community of the bundle's desk (as it names itself) and of the desks it
    knows that this store does not: the street's view groups their cases by it."""
    settings = repo.settings.get()
    header = plan.bundle.header
    desks = {**{c: n for c, n in header.desks.items() if c not in settings.desks}, **settings.desks}
    if header.community:
        desks[header.desk_code] = header.community
    desks.pop(settings.desk_code, None)
    if desks != settings.desks:
        plan.ops.append(settings_op(settings.model_copy(update={"desks": desks})))


def _plan_erasures(repo: RepositoryAPI, plan: ImportPlan, mapping: Mapping[str, str]) -> None:
    """Tombstones win: every record of an erased person, here or in the bundle, is
    planned in its erased form, never brought back."""
    known = {e.resident_id: e for e in repo.erasures.all()}
    theirs = [plan.bundle.model("erasures", i, Erasure) for i in range(len(plan.bundle.erasures))]
    merged = merge_tombstones(known.values(), theirs)
    if not merged:
        return
    for key, erasure in merged.items():  # the ids this store knows the person by
        ids = set(erasure.ids)
        ids |= {mapping[i] for i in erasure.ids if i in mapping}
        ids |= {other for other, ours in mapping.items() if ours in erasure.ids}
        merged[key] = erasure.covering(ids)
    plan.erasures = [e for key, e in sorted(merged.items()) if known.get(key) != e]
    covered = {rid: erasure for erasure in merged.values() for rid in erasure.ids}
    ops: list[Op] = []
    erased: set[str] = set()
    for op in plan.ops:
        if op.table == resident_ops.TABLE and op.key in covered:
            erased.add(op.key)
            op = resident_ops.op(erased_resident(op.key, covered[op.key]))
        elif op.table == case_ops.TABLE and op.doc is not None:
            resident_id = op.doc.get("resident_id")
            if resident_id in covered:
                case = erased_case(Case.model_validate(op.doc), covered[resident_id])
                op = case_ops.op(case)
        ops.append(op)
    planned = {(op.table, op.key) for op in ops}
    for op in erasure_ops(repo, covered):
        if (op.table, op.key) not in planned:
            ops.append(op)
            if op.table == resident_ops.TABLE:
                erased.add(op.key)
    # An unchanged record is no change: a planned op equal to what is stored is dropped
    # (a merge that only an erasure undid), and counted as unchanged.
    kept = [op for op in ops if not _stored_as(repo, op)]
    for table, tally in ((resident_ops.TABLE, plan.residents), (case_ops.TABLE, plan.cases)):
        dropped = min(
            sum(op.table == table for op in plan.ops) - sum(op.table == table for op in kept),
            tally.updated,
        )
        if dropped > 0:
            tally.updated -= dropped
            tally.unchanged += dropped
    plan.ops = kept
    plan.ops.extend(erasure_ops_store.op(e) for e in plan.erasures)
    plan.erased = len(erased & {op.key for op in plan.ops if op.table == resident_ops.TABLE})


def _stored_as(repo: RepositoryAPI, op: Op) -> bool:
    if op.table == resident_ops.TABLE:
        return repo.residents.doc(op.key) == op.doc
    if op.table == case_ops.TABLE:
        return repo.cases.doc(op.key) == op.doc
    return False


def apply_plan(repo: RepositoryAPI, plan: ImportPlan) -> None:
    """Write the plan as one batch: all of it lands, or none of it (new erasures go
    to the ledger first)."""
    if plan.erasures:
        repo.erasures.append_ledger(plan.erasures)
    if plan.ops:
        repo.commit(plan.ops)


def import_bundle(repo: RepositoryAPI, path: Path, *, dry_run: bool = False) -> ImportPlan:
    """Read, check and merge the bundle at ``path`` into ``repo`` in one batch."""
    bundle = read_bundle(path)
    with repo.transaction():
        plan = plan_import(repo, bundle)
        if not dry_run:
            apply_plan(repo, plan)
    if plan.erased and not dry_run:
        compact_now(repo)  # the erased values leave the journal now
    return plan
