"""The register as a printable HTML page: A4 landscape, self-contained.

No external resources (styles inline, system fonts). The column headings repeat on
every printed page (``thead`` as a table header group); browsers that support CSS page
margin boxes print "page / pages" at the bottom. Community, compound, date and staff
are on top (a field with nothing in it is left out); totals and signature lines at the
bottom. Headings never break inside a word, nor dates, times and case numbers inside
a cell (``2026-12-04`` stays on one line); a line break typed in a matter is kept.
"""

from __future__ import annotations

import re
from html import escape

from deskconsole.domain.register import COLUMNS, Register

# Dates, times, case numbers, phones, rooms: runs of letters and digits joined by
# - : / . that a browser would otherwise break after the separator.
_UNBREAKABLE = re.compile(r"[0-9A-Za-z*]+(?:[-:/.][0-9A-Za-z*]+)+")
_UNBREAKABLE_MAX = 32

CSS = """
@page {
  size: A4 landscape;
  margin: 12mm 10mm 14mm 10mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  color: #000;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "SimSun", "WenQuanYi Micro Hei", sans-serif;
  font-size: 9pt;
  line-height: 1.35;
}
h1 { font-size: 15pt; text-align: center; margin: 0 0 3mm 0; letter-spacing: 0.1em; }
.meta { display: flex; flex-wrap: wrap; gap: 1mm 8mm; margin: 0 0 3mm 0; }
.meta span b, .totals span b { font-weight: 600; }
table.register { width: 100%; border-collapse: collapse; }
table.register th, table.register td {
  border: 0.6pt solid #000;
  padding: 0.8mm 1.2mm;
  vertical-align: top;
  text-align: left;
}
table.register thead { display: table-header-group; }
table.register th { background: #e8e8e8; font-weight: 600; white-space: nowrap; }
table.register tr { break-inside: avoid; page-break-inside: avoid; }
td.c-no, td.c-time, td.c-number, td.c-phone, td.c-id_number, td.c-request_type,
td.c-state, td.c-staff, td.c-name, td.c-category { white-space: nowrap; }
td.c-number, td.c-phone, td.c-id_number { font-variant-numeric: tabular-nums; }
th.c-matter { width: 30%; }
th.c-address { width: 14%; }
th.c-handling { width: 15%; }
table.register td.empty { text-align: center; padding: 6mm; }
.nobr { white-space: nowrap; }
.totals { display: flex; flex-wrap: wrap; gap: 1mm 8mm; margin: 3mm 0 0 0; }
.note { margin: 2mm 0 0 0; font-size: 8pt; color: #333; }
.signatures {
  display: flex; justify-content: space-between; gap: 10mm; margin: 12mm 0 0 0;
  break-inside: avoid; page-break-inside: avoid;
}
.signatures span { flex: 1; border-bottom: 0.6pt solid #000; padding-bottom: 1mm; }
@media screen {
  body { max-width: 277mm; margin: 8mm auto; padding: 0 4mm; }
}
"""


def cell_html(text: str) -> str:
    """Escaped text with its line breaks kept and dates or numbers held on one line."""
    lines = []
    for line in text.splitlines() or [""]:
        out, last = [], 0
        for match in _UNBREAKABLE.finditer(line):
            if len(match.group()) > _UNBREAKABLE_MAX:
                continue
            out.append(escape(line[last : match.start()]))
            out.append(f'<span class="nobr">{escape(match.group())}</span>')
            last = match.end()
        out.append(escape(line[last:]))
        lines.append("".join(out))
    return "<br>".join(lines)


def _pairs(register: Register, pairs: list[tuple[str, str]], css_class: str) -> str:
    spans = "".join(
        f"<span><b>{escape(register.pair(label, ''))}</b>{cell_html(value)}</span>"
        for label, value in pairs
    )
    return f'<div class="{css_class}">{spans}</div>'


def render_text(register: Register) -> str:
    """The page as text."""
    lang = "zh-CN" if register.language == "zh" else "en"
    title = f"{register.title} {register.day.isoformat()}"
    head_cells = "".join(
        f'<th class="c-{name}">{escape(heading)}</th>'
        for (name, _), heading in zip(COLUMNS, register.headings(), strict=True)
    )
    body_rows = []
    for row in register.rows:
        cells = "".join(
            f'<td class="c-{name}">{cell_html(text)}</td>'
            for (name, _), text in zip(COLUMNS, row.cells(), strict=True)
        )
        body_rows.append(f"<tr>{cells}</tr>")
    if register.is_empty:
        note = escape(register.empty_note())
        body_rows.append(f'<tr><td class="empty" colspan="{len(COLUMNS)}">{note}</td></tr>')
    generated = register.text(
        "register.generated",
        at=register.generated_at.isoformat(sep=" ", timespec="minutes"),
        by=register.generated_by or "-",
    )
    signatures = "".join(
        f"<span>{escape(register.pair(register.text(key), ''))}</span>"
        for key in ("register.sign_recorder", "register.sign_head", "register.sign_date")
    )
    rows_html = "\n".join(body_rows)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>{escape(register.title)}</h1>
{_pairs(register, register.filled_header_lines(), "meta")}
<table class="register">
<thead><tr>{head_cells}</tr></thead>
<tbody>
{rows_html}
</tbody>
</table>
{_pairs(register, register.footer_lines(), "totals")}
<p class="note">{escape(register.masked_note())} {escape(generated)}</p>
<div class="signatures">{signatures}</div>
</body>
</html>
"""


def render(register: Register) -> bytes:
    """The page's bytes (UTF-8)."""
    return render_text(register).encode("utf-8")
