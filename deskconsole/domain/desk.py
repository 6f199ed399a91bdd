"""The desk's own identity: its community and its desk code.

The desk code starts every case number (``JC-20261127-007``), so numbers from
several desks never collide. It is set when a new store is first opened and may
change only while no case numbered with it exists; a code already used by another
desk's cases in this store is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskconsole.errors import DeskError
from deskconsole.i18n import Language, listed, t
from deskconsole.models import Settings, Urgency
from deskconsole.models.ids import DESK_CODE_RE
from deskconsole.models.phones import normalise_area_code
from deskconsole.models.text import FieldError, nfkc
from deskconsole.storage import RepositoryAPI
from deskconsole.storage.backup import backup_dir, list_backups

COMMUNITY_LIMIT = 40


class DeskSettingsError(DeskError):
    """A desk code or community name was refused; the message says why and what to do."""

    def __init__(self, key: str, field: str, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field


def normalise_desk_code(text: str) -> str:
    """``" jc "`` -> ``JC``; 2-6 capital letters or digits, starting with a letter."""
    code = nfkc(text).upper().replace(" ", "")
    if not code:
        raise DeskSettingsError("bundle.err_desk_code_required", "desk_code")
    if not DESK_CODE_RE.fullmatch(code):
        raise DeskSettingsError("bundle.err_desk_code", "desk_code", code=code)
    return code


def normalise_community(text: str) -> str:
    """The community's name, trimmed; required, at most 40 characters."""
    name = " ".join(nfkc(text).split())
    if not name:
        raise DeskSettingsError("bundle.err_community_required", "community")
    if len(name) > COMMUNITY_LIMIT:
        raise DeskSettingsError("bundle.err_community_long", "community", limit=COMMUNITY_LIMIT)
    return name


def checked_area_code(text: str) -> str:
    """The store's default area code as typed (``536``, ``０５３６``) -> ``0536``; raises
    :class:`DeskSettingsError` for what the numbering plan does not know."""
    try:
        return normalise_area_code(text)
    except FieldError as error:
        if error.key == "err.required":
            raise DeskSettingsError("phone.err_area_code_required", "area_code") from None
        raise DeskSettingsError(
            "phone.err_area_code_setting", "area_code", **error.params
        ) from None


def check_desk_code(repo: RepositoryAPI, current: str, wanted: str) -> None:
    """Refuse a new desk code while cases carry the old one, or others' cases the new one."""
    if wanted == current:
        return
    own = repo.cases.count_from_desk(current)
    if own:
        raise DeskSettingsError("bundle.err_code_locked", "desk_code", code=current, count=own)
    taken = repo.cases.count_from_desk(wanted)
    if taken:
        raise DeskSettingsError("bundle.err_code_taken", "desk_code", code=wanted, count=taken)


def update_desk(
    repo: RepositoryAPI,
    *,
    community: str | None = None,
    desk_code: str | None = None,
    backups_keep: int | None = None,
    register_lang: Language | None = None,
    area_code: str | None = None,
) -> Settings:
    """Save the community name, desk code, backups kept, the register's language and/or
    the area code of local numbers (checked); returns them.

    Saving with neither still saves the current settings, which marks them as chosen.
    """
    with repo.transaction():
        current = repo.settings.get()
        values = current.model_dump()
        if community is not None:
            values["community"] = normalise_community(community)
        if desk_code is not None:
            code = normalise_desk_code(desk_code)
            check_desk_code(repo, current.desk_code, code)
            values["desk_code"] = code
        if backups_keep is not None:
            values["backups_keep"] = backups_keep
        if register_lang is not None:
            values["register_lang"] = register_lang
        if area_code is not None:
            values["area_code"] = checked_area_code(area_code)
        return repo.settings.save(Settings.model_validate(values))


def needs_first_start(repo: RepositoryAPI) -> bool:
    """A new store: nothing saved yet, not even settings. The console asks for the
    community and desk code before it opens."""
    return repo.is_empty


@dataclass(frozen=True)
class DeskInfo:
    """What the settings view and ``deskconsole settings`` show."""

    settings: Settings
    saved: bool
    data_dir: Path
    own_cases: int
    other_cases: int
    residents: int
    sessions: int
    backups: int
    newest_backup: str
    backup_dir: Path


def desk_info(repo: RepositoryAPI) -> DeskInfo:
    """The desk's settings with the figures shown beside them."""
    settings = repo.settings.get()
    own = repo.cases.count_from_desk(settings.desk_code)
    backups = list_backups(repo.data_dir)
    return DeskInfo(
        settings=settings,
        saved=repo.settings.is_saved(),
        data_dir=repo.data_dir,
        own_cases=own,
        other_cases=repo.cases.count() - own,
        residents=repo.residents.count(),
        sessions=repo.sessions.count(),
        backups=len(backups),
        newest_backup=f"{backups[0].taken_at:%Y-%m-%d %H:%M}" if backups else "",
        backup_dir=backup_dir(repo.data_dir),
    )


def info_rows(info: DeskInfo) -> list[tuple[str, str]]:
    """The settings as (label, value) lines, for the CLI and the settings view."""
    settings = info.settings

    def unsaved(value: str) -> str:
        return value if info.saved else t("bundle.info_not_saved", value=value)

    days = settings.urgency_days
    backups = (
        t(
            "bundle.info_backups_value",
            count=info.backups,
            folder=str(info.backup_dir),
            newest=info.newest_backup,
            keep=settings.backups_keep,
        )
        if info.backups
        else t("bundle.info_no_backups", keep=settings.backups_keep)
    )
    return [
        (t("bundle.info_community"), unsaved(settings.community)),
        (t("bundle.info_desk_code"), unsaved(settings.desk_code)),
        (t("bundle.info_street"), settings.street),
        (t("bundle.info_store"), str(info.data_dir)),
        (
            t("bundle.info_cases"),
            t("bundle.info_cases_value", own=info.own_cases, other=info.other_cases),
        ),
        (t("bundle.info_residents"), str(info.residents)),
        (t("bundle.info_sessions"), str(info.sessions)),
        (t("bundle.info_backups"), backups),
        (t("bundle.info_register_lang"), t(f"bundle.register_lang_{settings.register_lang}")),
        (t("phone.info_area_code"), t("phone.info_area_code_value", area=settings.area_code)),
        (
            t("privacy.info_title"),
            t(
                "privacy.info_value",
                years=settings.retention_years,
                minutes=settings.lock_idle_minutes,
                pin=t("privacy.info_pin_set" if settings.lock_pin else "privacy.info_pin_none"),
            ),
        ),
        (
            t("bundle.info_limits"),
            t(
                "bundle.info_limits_value",
                urgent=days.get(Urgency.URGENT, "-"),
                normal=days.get(Urgency.NORMAL, "-"),
                complex=days.get(Urgency.COMPLEX, "-"),
            ),
        ),
        (
            t("bundle.info_categories"),
            listed(c.label for c in settings.categories),
        ),
    ]
