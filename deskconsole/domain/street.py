"""The street's view: which desks a store holds cases of, their communities, and the
scope (one desk, one community, or the whole street) a board, register or statistics
covers.

A case belongs to the desk whose code starts its number; a desk belongs to a community:
this store's own desk to ``Settings.community``, another desk to the community its
bundles named (``Settings.desks``), else it stands for itself under its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from deskconsole.domain.text_pinyin import text_pinyin
from deskconsole.i18n import Language, listed, t
from deskconsole.models import Settings
from deskconsole.storage import RepositoryAPI


class ScopeKind(Enum):
    DESK = "desk"
    COMMUNITY = "community"
    STREET = "street"


@dataclass(frozen=True)
class Desk:
    """One desk code and the community it serves (``""``: not known)."""

    code: str
    community: str

    @property
    def group(self) -> str:
        """The community, or the desk's code where its community is not known."""
        return self.community or self.code


@dataclass(frozen=True)
class Scope:
    """The desks a view covers. ``desks`` is empty for the whole street (every desk,
    also one first heard of later)."""

    kind: ScopeKind
    name: str
    desks: frozenset[str] = frozenset()
    community: str = ""

    def covers(self, desk_code: str) -> bool:
        """True when a case or session of ``desk_code`` is in view."""
        return self.kind is ScopeKind.STREET or desk_code in self.desks

    def label(self, street: Street, language: Language | None = None) -> str:
        """``JC 金城社区`` / ``金城社区`` / ``新城街道: every community``."""
        if self.kind is ScopeKind.STREET:
            return t("street.scope_all", language, street=street.name or "-")
        if self.kind is ScopeKind.COMMUNITY:
            codes = ", ".join(sorted(self.desks))
            return t("street.scope_community", language, community=self.name, desks=codes)
        return t("street.scope_desk", language, code=self.name, community=self.community or "-")

    @property
    def slug(self) -> str:
        """A file-name part: ``JC``, ``JC+JC2``, ``street``."""
        if self.kind is ScopeKind.STREET:
            return "street"
        return "+".join(sorted(self.desks))


@dataclass(frozen=True)
class Street:
    """Every desk this store holds cases or sessions of: its own desk first, then by
    community in pinyin order, desks of no known community last."""

    name: str
    own: Desk
    desks: tuple[Desk, ...]

    @property
    def several(self) -> bool:
        """More than one desk: the views can be narrowed (else nothing shows of this)."""
        return len(self.desks) > 1

    def desk(self, code: str) -> Desk:
        """The desk with ``code`` (one not yet seen: no community)."""
        return next((d for d in self.desks if d.code == code), Desk(code, ""))

    def group_of(self, desk_code: str) -> str:
        """The community a desk's cases count under (its code when not known)."""
        return self.desk(desk_code or self.own.code).group

    def groups(self) -> list[str]:
        """Each community once (desks of no known community by their code), own first."""
        return list(dict.fromkeys(d.group for d in self.desks))

    def own_desk(self) -> Scope:
        """This store's own desk: what the register and statistics cover by default."""
        return self.desk_scope(self.own.code)

    def whole(self) -> Scope:
        return Scope(ScopeKind.STREET, self.name)

    def desk_scope(self, code: str) -> Scope:
        desk = self.desk(code)
        return Scope(ScopeKind.DESK, code, frozenset({code}), desk.community)

    def community_scope(self, group: str) -> Scope:
        codes = frozenset(d.code for d in self.desks if d.group == group)
        return Scope(ScopeKind.COMMUNITY, group, codes, group)

    def scopes(self) -> list[Scope]:
        """Every scope worth picking: the whole street, then each community followed by
        its desks (a community of one desk is that desk)."""
        found = [self.whole()]
        for group in self.groups():
            codes = [d.code for d in self.desks if d.group == group]
            if len(codes) > 1:
                found.append(self.community_scope(group))
            found.extend(self.desk_scope(code) for code in codes)
        return found

    def find(self, community: str | None = None, desk: str | None = None) -> Scope:
        """The scope a command line names (``--community``, ``--desk``); an unknown name
        is :class:`~deskconsole.errors.DeskError` listing the known ones."""
        from deskconsole.errors import DeskError

        if desk:
            code = desk.strip().upper()
            if not any(d.code == code for d in self.desks):
                raise DeskError("street.err_desk", desk=desk, known=self._known_desks())
            scope = self.desk_scope(code)
            if community and self.desk(code).group != community.strip():
                raise DeskError("street.err_desk_elsewhere", desk=code, community=community)
            return scope
        if community:
            name = community.strip()
            if name not in self.groups():
                raise DeskError("street.err_community", community=name, known=listed(self.groups()))
            return self.community_scope(name)
        return self.own_desk()

    def _known_desks(self) -> str:
        return listed(f"{d.code} {d.community}".strip() for d in self.desks)


def street_of(repo: RepositoryAPI) -> Street:
    """The desks of ``repo``: its own, each other desk its cases or sessions carry, and
    each desk its settings name (from the bundles imported)."""
    settings = repo.settings.get()
    codes = [*repo.cases.desk_codes(), *repo.sessions.desk_codes()]
    return make_street(settings, codes)


def make_street(settings: Settings, codes: Iterable[str]) -> Street:
    """The street from the settings and the desk codes seen (pure)."""
    own = Desk(settings.desk_code, settings.community)
    others = {code for code in (*codes, *settings.desks) if code and code != own.code}
    desks = [Desk(code, settings.desks.get(code, "")) for code in others]
    desks.sort(key=lambda d: (d.community == "", text_pinyin(d.group)[0], d.group, d.code))
    return Street(settings.street, own, (own, *desks))


def name_desks(repo: RepositoryAPI, entries: Iterable[str]) -> dict[str, str]:
    """Save ``CODE=COMMUNITY`` entries (``CODE=`` forgets the desk's community) in one
    change of the settings; returns the desks named. A malformed entry is
    :class:`~deskconsole.errors.DeskError` naming it, and nothing is saved."""
    from deskconsole.errors import DeskError
    from deskconsole.models.ids import DESK_CODE_RE

    with repo.transaction():
        settings = repo.settings.get()
        desks = dict(settings.desks)
        for entry in entries:
            code, sign, name = entry.partition("=")
            code = code.strip().upper()
            if not sign or not DESK_CODE_RE.fullmatch(code) or code == settings.desk_code:
                raise DeskError("street.err_desk_community", value=entry)
            if name.strip():
                desks[code] = name.strip()
            else:
                desks.pop(code, None)
        repo.settings.save(settings.model_copy(update={"desks": desks}))
    return desks
