"""A person's file written for people: JSON for machines, a printable HTML page.

The page is in the register's language (Chinese unless set otherwise), self-contained,
A4 portrait. :func:`export_person_file` records who wrote the file, where and why in
the audit log before a byte is written, and writes owner-only files through
:mod:`deskconsole.output`.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from deskconsole.domain.person_file import AUDIT_ACTION, PersonFile, build_person_file
from deskconsole.domain.timeline import describe
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import AuditEntry
from deskconsole.output import check_target, output_path, write_output
from deskconsole.storage import RepositoryAPI

FORMATS = ("json", "html")

CSS = """
@page { size: A4 portrait; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  "SimSun", "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 1.4; color: #000; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm 0; }
h2 { font-size: 12pt; margin: 5mm 0 2mm 0; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm 0; }
th, td { border: 1px solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { white-space: nowrap; background: #eee; }
td { white-space: pre-wrap; overflow-wrap: anywhere; }
.meta { margin: 0 0 3mm 0; }
.sign { margin-top: 10mm; }
"""


def _row(label: str, value: object) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value))}</td></tr>"


def render_html(person: PersonFile) -> bytes:
    """The file as a printable page; every value is escaped."""
    lang = person.language
    r = person.resident

    def tr(key: str, **params: object) -> str:
        return t(key, lang, **params)

    masking = "privacy.file_masked" if person.masked else "privacy.file_full"
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{escape(tr("privacy.file_title"))}</title>'
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(tr('privacy.file_title'))}</h1>",
        '<p class="meta">'
        + escape(
            tr(
                "privacy.file_meta",
                community=person.community,
                at=f"{person.generated_at:%Y-%m-%d %H:%M}",
                staff=person.generated_by or "-",
            )
        )
        + "</p>",
        f'<p class="meta">{escape(tr(masking))}</p>',
        f"<h2>{escape(tr('privacy.file_resident'))}</h2><table>",
        _row(tr("field.name"), r.name),
        _row(tr("field.gender"), tr(f"enum.Gender.{r.gender.value}") if r.gender else "-"),
        _row(tr("field.phone"), ", ".join(person.phone(p) for p in r.phones) or "-"),
        _row(tr("field.id_number"), person.id_number(r.id_number) or "-"),
        _row(tr("field.address"), r.address.label_zh if lang == "zh" else r.address.label or "-"),
        _row(tr("field.notes"), r.notes or "-"),
        _row(tr("privacy.file_record"), f"{r.id} ({r.created_at:%Y-%m-%d})"),
        "</table>",
    ]
    if person.erasure is not None:
        e = person.erasure
        parts.append(
            "<p>"
            + escape(
                tr(
                    "privacy.file_erased",
                    at=f"{e.at:%Y-%m-%d %H:%M}",
                    staff=e.staff,
                    reason=e.reason,
                )
            )
            + "</p>"
        )
    parts.append(f"<h2>{escape(tr('privacy.file_cases', count=len(person.cases)))}</h2>")
    for case in person.cases:
        parts.append("<table>")
        parts.append(_row(tr("field.number"), case.number))
        parts.append(_row(tr("field.intake_at"), f"{case.intake_at:%Y-%m-%d %H:%M}"))
        parts.append(
            _row(tr("field.category"), person.categories.get(case.category, case.category))
        )
        parts.append(_row(tr("field.description"), case.description))
        parts.append(_row(tr("field.state"), tr(f"enum.CaseState.{case.state.value}")))
        if case.contact_phone:
            parts.append(_row(tr("field.contact_phone"), person.phone(case.contact_phone)))
        for event in case.events:
            text = describe(event, lang)
            if event.note:
                text = f"{text}: {event.note}"
            parts.append(_row(f"{event.at:%Y-%m-%d %H:%M} {event.staff}", text))
        parts.append("</table>")
    parts.append(f"<h2>{escape(tr('privacy.file_audit', count=len(person.audit)))}</h2><table>")
    for entry in person.audit:
        detail = ", ".join(f"{k}={v}" for k, v in sorted(entry.detail.items()))
        parts.append(_row(f"{entry.at:%Y-%m-%d %H:%M} {entry.staff}", f"{entry.action} {detail}"))
    parts.append("</table>")
    parts.append(f'<p class="sign">{escape(tr("privacy.file_sign"))}</p></body></html>\n')
    return "".join(parts).encode("utf-8")


def default_name(person: PersonFile, fmt: str) -> str:
    """``person-<id>-20261127.json`` (``-full`` before the suffix when unmasked)."""
    full = "" if person.masked else "-full"
    return f"person-{person.resident.id[:12]}-{person.generated_at:%Y%m%d}{full}.{fmt}"


def render(person: PersonFile, fmt: str) -> bytes:
    """The file in ``fmt`` (json or html)."""
    if fmt == "json":
        return person.encode()
    return render_html(person)


def export_person_file(
    repo: RepositoryAPI,
    resident_id: str,
    out: Path | str | None,
    *,
    masked: bool,
    reason: str,
    staff: str,
    now: datetime,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Write the person's file in each of ``formats`` (owner-only files, never inside
    the store's folder), after recording who wrote it, where and why. The full file
    (``masked=False``) needs a reason."""
    reason = reason.strip()
    if not masked and not reason:
        raise DeskError("privacy.err_full_reason")
    person = build_person_file(repo, resident_id, masked=masked, staff=staff, now=now)
    folder_given = out is not None and (str(out).endswith("/") or Path(out).is_dir())
    targets = []
    for fmt in formats:
        if out is None or folder_given or len(formats) == 1:
            path = output_path(out, default_name(person, fmt))
        else:
            path = Path(out).with_suffix(f".{fmt}")
        targets.append(check_target(path, repo.data_dir))
    repo.audit.add(
        AuditEntry(
            at=now,
            staff=staff,
            action=AUDIT_ACTION,
            target=resident_id,
            detail={
                "resident": resident_id,
                "masked": "yes" if masked else "no",
                "reason": reason,
                "paths": ", ".join(str(p) for p in targets),
            },
        )
    )
    return [
        write_output(target, render(person, fmt), repo.data_dir)
        for fmt, target in zip(formats, targets, strict=True)
    ]
