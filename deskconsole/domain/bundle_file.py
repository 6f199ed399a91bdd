"""The bundle file: one UTF-8 JSON document (gzip-compressed when its name ends in ``.gz``)::

    {"format": "deskconsole-bundle", "version": 1,
     "header": {"desk_code", "community", "created_at", "since", "app_version"},
     "body": {"residents": [...], "sessions": [...], "cases": [...], "erasures": [...]},
     "checksum": "sha256:<hex>"}

``erasures`` (tombstones of erased residents) is left out when there are none, so a
bundle without any reads the same everywhere. The checksum is SHA-256 over the header
and body as canonical JSON (sorted keys).
:func:`read_bundle` refuses, with a message naming the file and what is wrong, a
file that is empty, cut short, damaged, not JSON, JSON of another kind, of another
format version, or holding a record that is not valid; :func:`write_bundle` writes
atomically (temp file, fsync, rename) with mode 0600: a bundle holds personal data.
Reading is bounded: a file or its unpacked content past :data:`MAX_BUNDLE_BYTES` is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from deskconsole import __version__
from deskconsole.domain import input_limits as limits
from deskconsole.errors import DeskError, os_reason, shown_path
from deskconsole.i18n import t
from deskconsole.models import Case, DeskSession, Erasure, Resident, describe
from deskconsole.models.ids import DESK_CODE_RE
from deskconsole.output import write_output

FORMAT = "deskconsole-bundle"
VERSION = 1
SUFFIX = ".dcb"
_MARKER = b'{"format":"' + FORMAT.encode() + b'"'
_GZIP_MAGIC = b"\x1f\x8b"
_ENDING = re.compile(rb'"checksum":"sha256:[0-9a-f]{64}"\}\s*$')


class BundleError(DeskError):
    """A bundle cannot be written or read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Header:
    """Where and when a bundle was made, and what it covers."""

    desk_code: str
    community: str
    created_at: datetime
    since: date | None = None
    #: The community of every other desk the exporting store knows, by desk code.
    desks: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "desk_code": self.desk_code,
            "community": self.community,
            "desks": dict(self.desks),
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
            _desks(raw.get("desks")),
        )

    @property
    def scope(self) -> str:
        """``changes since 2026-11-01`` or ``everything``, translated."""
        if self.since is None:
            return t("bundle.scope_all")
        return t("bundle.scope_since", since=self.since.isoformat())


def _desks(raw: object) -> dict[str, str]:
    """The header's desk directory; entries that are not a desk code and a name are left out
    (a bundle of an older version has none)."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(code): name.strip()
        for code, name in raw.items()
        if DESK_CODE_RE.fullmatch(str(code)) and isinstance(name, str) and name.strip()
    }


@dataclass
class Bundle:
    """A bundle's header and records (as stored documents)."""

    header: Header
    # Left out of the repr: the records hold full phone and ID numbers.
    residents: list[dict[str, Any]] = field(default_factory=list, repr=False)
    sessions: list[dict[str, Any]] = field(default_factory=list, repr=False)
    cases: list[dict[str, Any]] = field(default_factory=list, repr=False)
    erasures: list[dict[str, Any]] = field(default_factory=list, repr=False)
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
        body = {"residents": self.residents, "sessions": self.sessions, "cases": self.cases}
        if self.erasures:
            body["erasures"] = self.erasures
        return body

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


def write_bundle(bundle: Bundle, path: Path, data_dir: Path | None = None) -> Path:
    """Write ``bundle`` to ``path`` atomically with mode 0600 (gzip when it ends in .gz),
    never inside the store's folder ``data_dir`` (see :mod:`deskconsole.output`)."""
    path = Path(path).expanduser()
    data = bundle.encode()
    if path.name.lower().endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    return write_output(path, data, data_dir)


def read_bundle(path: Path) -> Bundle:
    """Read and check a bundle; raises :class:`BundleError` saying what is wrong with it."""
    path = Path(path).expanduser()
    where = shown_path(path)
    limit = limits.MAX_BUNDLE_BYTES
    try:
        if not path.is_file():
            raise BundleError("bundle.err_missing", path=where)
        size = path.stat().st_size
        if size > limit:
            raise BundleError(
                "bundle.err_too_big",
                path=where,
                size=limits.megabytes(size),
                limit=limits.megabytes(limit),
            )
        with open(path, "rb") as handle:
            gzipped = handle.read(2) == _GZIP_MAGIC
        data = _gunzip(path, where) if gzipped else path.read_bytes()
    except OSError as error:
        raise BundleError("bundle.err_unreadable", path=where, reason=os_reason(error)) from None
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


def _gunzip(path: Path, where: str) -> bytes:
    """Unpacked in chunks and refused past the limit: a small file never fills the memory."""
    try:
        data = limits.gunzip_capped(path, limits.MAX_BUNDLE_BYTES)
    except EOFError:
        raise BundleError("bundle.err_truncated", path=where, size=path.stat().st_size) from None
    except (gzip.BadGzipFile, zlib.error):
        raise BundleError("bundle.err_checksum", path=where) from None
    if data is None:
        raise BundleError(
            "bundle.err_unpacks_too_big",
            path=where,
            limit=limits.megabytes(limits.MAX_BUNDLE_BYTES),
        )
    return data


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
        ("erasures", Erasure, bundle.erasures),
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
