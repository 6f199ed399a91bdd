"""The options that narrow ``export`` and ``stats`` to a community or desk of a store
that holds several (the street's view)."""

from __future__ import annotations

from typing import Annotated

import typer

from deskconsole.domain.street import Scope, street_of
from deskconsole.storage import RepositoryAPI

CommunityOption = Annotated[
    str | None,
    typer.Option(
        "--community",
        metavar="<name>",
        help="Only the desks of this community (a store holding several communities).",
    ),
]
DeskOption = Annotated[
    str | None,
    typer.Option("--desk", metavar="<code>", help="Only the desk with this code."),
]
StreetOption = Annotated[
    bool,
    typer.Option("--street", help="Every desk and community the store holds, together."),
]


def scope_of(
    repo: RepositoryAPI, community: str | None, desk: str | None, street: bool
) -> Scope | None:
    """The scope the options name; ``None`` (this store's own desk) when none is given."""
    if not (community or desk or street):
        return None
    known = street_of(repo)
    if street and not (community or desk):
        return known.whole()
    return known.find(community, desk)
