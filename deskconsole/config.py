"""Where data lives and who is at the desk: resolved from flags, environment and platform."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from deskconsole.i18n import Language, default_language

APP_NAME = "deskconsole"
DATA_DIR_ENV = "DESKCONSOLE_DATA_DIR"
STAFF_ENV = "DESKCONSOLE_STAFF"
STORE_ENV = "DESKCONSOLE_STORE"
DEMO_SUBDIR = "demo"


def resolve_data_dir(flag: Path | None, environ: Mapping[str, str] | None = None) -> Path:
    """``--data-dir`` wins, then ``DESKCONSOLE_DATA_DIR``, then the platform's user data dir."""
    env = os.environ if environ is None else environ
    if flag is not None:
        return flag.expanduser()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_store(flag: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The server store's address from ``--store``, then ``DESKCONSOLE_STORE``; ``""`` for
    ``local`` (the data dir's own store, whatever the data dir says); ``None`` when
    neither names one (then the data dir decides: ``storage.opening.saved_store``)."""
    env = os.environ if environ is None else environ
    for given in (flag, env.get(STORE_ENV)):
        if given and given.strip():
            return "" if given.strip() == "local" else given.strip()
    return None


def demo_data_dir(data_dir: Path) -> Path:
    """The separate demo store that ``--demo`` opens."""
    return data_dir / DEMO_SUBDIR


def resolve_staff(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--staff``, then ``DESKCONSOLE_STAFF``, then the login name."""
    env = os.environ if environ is None else environ
    if flag and flag.strip():
        return flag.strip()
    if env.get(STAFF_ENV, "").strip():
        return env[STAFF_ENV].strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "staff"


@dataclass(frozen=True)
class RunConfig:
    """What the console was started with."""

    data_dir: Path
    language: Language
    staff: str
    demo: bool = False


def resolve_language(flag: str | None, environ: Mapping[str, str] | None = None) -> Language:
    """``--lang``, else Chinese when the locale starts with ``zh``."""
    if flag in ("en", "zh"):
        return flag  # type: ignore[return-value]
    return default_language(environ)
