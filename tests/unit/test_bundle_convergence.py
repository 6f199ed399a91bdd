"""Property: two desks that edit and erase residents on their own and swap bundles in any
order end up with the same cases, timelines, residents and erasures, an erased person
never comes back, and importing again changes nothing."""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from deskconsole.domain.bundle import export_bundle, import_bundle
from deskconsole.domain.erasure import erase, is_erased
from deskconsole.domain.merge import latest_state
from deskconsole.errors import DeskError
from deskconsole.models import Case, Gender, Resident
from deskconsole.storage import Repository
from tests.bundle_helpers import apply_edit, set_desk
from tests.factories import make_case, make_resident

T0 = datetime(2026, 11, 27, 9, 0)


@dataclass
class Desk:
    """One desk: its store, its clock (laptops' clocks disagree), its outbox."""

    name: str
    code: str
    repo: Repository
    skew: timedelta
    tick: int = 0
    sent: list[Path] = field(default_factory=list)

    def now(self) -> datetime:
        return T0 + timedelta(minutes=self.tick) + self.skew


def _open(root: Path, name: str, code: str, skew: timedelta) -> Desk:
    holder: dict[str, Desk] = {}
    repo = Repository.open(root / name, now=lambda: holder["desk"].now())
    desk = Desk(name, code, repo, skew)
    holder["desk"] = desk
    set_desk(repo, code, f"{name}社区")
    return desk


def _base(desk: Desk) -> None:
    residents = [
        make_resident(name, phones=[f"1390536000{n}"], updated_at=T0, created_at=T0)
        for n, name in enumerate(("江建国", "刘秀英", "王芳"))
    ]
    desk.repo.residents.save_many(residents, touch=False)
    desk.repo.cases.save_many(
        make_case(
            f"JC-20261127-00{n + 1}",
            resident_id=residents[n].id,
            intake_at=T0 - timedelta(hours=1),
            updated_at=T0 - timedelta(hours=1),
        )
        for n in range(3)
    )


def _send(desk: Desk, root: Path) -> Path:
    path = root / f"{desk.name}-{len(desk.sent)}.dcb"
    export_bundle(desk.repo, path, None, desk.now(), staff="颜成玉")
    desk.sent.append(path)
    return path


def _act(desk: Desk, other: Desk, action: tuple[Any, ...], root: Path) -> None:
    kind = action[0]
    desk.tick += 1
    repo = desk.repo
    if kind == "edit":
        _, index, choice, n = action
        numbers = sorted(d["number"] for d in repo.cases.docs())
        case = repo.cases.get(numbers[index % len(numbers)])
        assert case is not None
        # A move the lifecycle refuses, a party already set: the desk does nothing.
        with contextlib.suppress(DeskError):
            repo.cases.save(apply_edit(case, choice, desk.name, desk.now(), n))
    elif kind == "new":
        day = desk.now().date()
        repo.cases.add(
            desk.code,
            day,
            lambda number: make_case(number, intake_at=desk.now(), updated_at=desk.now()),
        )
    elif kind == "resident":
        _, index, n = action
        residents = sorted(repo.residents.all(), key=lambda r: r.id)
        resident = residents[index % len(residents)]
        repo.residents.save(resident.model_copy(update=_resident_change(desk, resident, n)))
    elif kind == "erase":
        residents = sorted(repo.residents.docs(), key=lambda doc: doc["id"])
        resident = residents[action[1] % len(residents)]
        erase(repo, resident["id"], f"{desk.name}申请", staff=desk.name, now=desk.now())
    elif kind == "send":
        _send(desk, root)
    elif kind == "receive" and other.sent:
        import_bundle(repo, other.sent[action[1] % len(other.sent)])


def _resident_change(desk: Desk, resident: Resident, n: int) -> dict[str, Any]:
    """Mostly a new note; else another phone, gender or room, or the note cleared."""
    if n < 50:
        return {"notes": f"{desk.name}备注{n}"}
    if n < 60:
        return {"phones": [*resident.phones[:1], f"1390537{n:04d}"]}
    if n < 70:
        return {"gender": Gender.FEMALE if n % 2 else Gender.MALE}
    if n < 85:
        return {"address": resident.address.model_copy(update={"room": f"{n}01"})}
    return {"notes": ""}


# Edits mostly on the three cases both desks start with, so that both desks often
# change the same case between two exchanges.
EDIT = st.tuples(st.just("edit"), st.integers(0, 3), st.integers(0, 11), st.integers(0, 99))
ACTIONS = st.one_of(
    EDIT,
    EDIT,
    EDIT,
    st.tuples(st.just("new")),
    st.tuples(st.just("resident"), st.integers(0, 9), st.integers(0, 99)),
    st.tuples(st.just("erase"), st.integers(0, 9)),
    st.tuples(st.just("send")),
    st.tuples(st.just("receive"), st.integers(0, 9)),
)
# A round: what desk A does, what desk B does, then how they exchange (not at all,
# A to B, B to A, or both sending before either imports).
ROUNDS = st.lists(
    st.tuples(
        st.lists(ACTIONS, max_size=5),
        st.lists(ACTIONS, max_size=5),
        st.sampled_from(("none", "a_to_b", "b_to_a", "crossing")),
    ),
    min_size=1,
    max_size=4,
)


def _exchange(a: Desk, b: Desk, how: str, root: Path) -> None:
    if how == "a_to_b":
        import_bundle(b.repo, _send(a, root))
    elif how == "b_to_a":
        import_bundle(a.repo, _send(b, root))
    elif how == "crossing":
        from_a, from_b = _send(a, root), _send(b, root)
        import_bundle(b.repo, from_a)
        import_bundle(a.repo, from_b)


def _state(repo: Repository) -> tuple[dict[str, Any], dict[str, Any]]:
    cases = {doc["number"]: doc for doc in repo.cases.docs()}
    residents = {doc["id"]: doc for doc in repo.residents.docs()}
    return cases, residents


def _check_erasures(repo: Repository) -> None:
    """Every erased person is erased here, with every case of theirs."""
    for erasure in repo.erasures.all():
        doc = repo.residents.doc(erasure.resident_id)
        assert doc is not None and is_erased(doc), erasure.resident_id
        for case in repo.cases.for_residents({erasure.resident_id}):
            assert not case.contact_phone and all(not e.note for e in case.events), case.number


def _check_timelines(repo: Repository) -> None:
    for case in repo.cases.all():
        ids = [e.id for e in case.events]
        assert len(ids) == len(set(ids)), case.number
        assert case.state == latest_state(case), case.number


# Each example opens two stores: two in five of the profile's examples (40 in ``make test``).
@settings(
    max_examples=settings().max_examples * 2 // 5,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rounds=ROUNDS, skew=st.integers(-90, 90), crossing=st.booleans())
# Desk B's clock 4 minutes behind: its second note got the same time as its first one
# merged with the base, and the old bundle put the first note back.
@example(
    rounds=[([], [("resident", 0, 1), ("receive", 0), ("send",), ("resident", 0, 0)], "none")],
    skew=-4,
    crossing=False,
)
# Desk B saved a resident unchanged: its record spelled out the versions A's older one
# implied, and A kept its own copy, so the two documents differed.
@example(rounds=[([], [("resident", 0, 85)], "none")], skew=-1, crossing=False)
# One desk erases a resident the other edits and notes on meanwhile, both send at once.
@example(
    rounds=[([("erase", 0)], [("resident", 0, 1), ("edit", 0, 3, 7), ("erase", 1)], "crossing")],
    skew=3,
    crossing=True,
)
def test_two_desks_converge_whatever_the_order(
    rounds: list[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], str]],
    skew: int,
    crossing: bool,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a = _open(root, "A", "JC", timedelta(0))
        b = _open(root, "B", "XC", timedelta(minutes=skew))
        try:
            _base(a)
            import_bundle(b.repo, _send(a, root))
            for on_a, on_b, how in rounds:
                for action in on_a:
                    _act(a, b, action, root)
                for action in on_b:
                    _act(b, a, action, root)
                a.tick = b.tick = max(a.tick, b.tick)
                _exchange(a, b, how, root)
            # A last exchange both ways: crossing (both send first) or one after the other.
            if crossing:
                _exchange(a, b, "crossing", root)
            else:
                _exchange(a, b, "a_to_b", root)
                _exchange(a, b, "b_to_a", root)
            cases_a, residents_a = _state(a.repo)
            cases_b, residents_b = _state(b.repo)
            assert cases_a.keys() == cases_b.keys()
            for number in cases_a:
                assert cases_a[number] == cases_b[number], number
            assert residents_a == residents_b
            assert a.repo.erasures.all() == b.repo.erasures.all()
            _check_erasures(a.repo)
            _check_timelines(a.repo)
            conflicts = sum(
                e["kind"] == "conflict" for doc in cases_a.values() for e in doc["events"]
            )
            event("with conflicts" if conflicts else "without conflicts")
            event("with erasures" if a.repo.erasures.all() else "without erasures")
            # Idempotent: every bundle again, in both directions, changes nothing.
            final_a, final_b = _send(a, root), _send(b, root)
            assert import_bundle(b.repo, final_a).ops == []
            assert import_bundle(a.repo, final_b).ops == []
            for old in a.sent[:-1]:
                assert import_bundle(b.repo, old).ops == []
            for old in b.sent[:-1]:
                assert import_bundle(a.repo, old).ops == []
            assert all(isinstance(Case.model_validate(doc), Case) for doc in cases_a.values())
        finally:
            a.repo.close()
            b.repo.close()
