"""The case lifecycle: which state may follow which (DOMAIN.md's board columns)."""

from __future__ import annotations

from deskconsole.models import CaseState

S = CaseState

ALLOWED: dict[CaseState, tuple[CaseState, ...]] = {
    S.REGISTERED: (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.RETURNED, S.DUPLICATE, S.WITHDRAWN),
    S.DISPATCHED: (S.IN_PROGRESS, S.REGISTERED),
    S.IN_PROGRESS: (S.RESOLVED, S.DISPATCHED),
    S.RESOLVED: (S.CLOSED, S.IN_PROGRESS),
    S.CLOSED: (S.IN_PROGRESS,),
    S.RETURNED: (S.REGISTERED,),
    S.DUPLICATE: (S.REGISTERED,),
    S.WITHDRAWN: (S.REGISTERED,),
}


def allowed_moves(state: CaseState) -> tuple[CaseState, ...]:
    """The states a case in ``state`` may move to."""
    return ALLOWED[state]


def may_move(source: CaseState, target: CaseState) -> bool:
    """True when the lifecycle allows ``source`` -> ``target``."""
    return target in ALLOWED[source]
