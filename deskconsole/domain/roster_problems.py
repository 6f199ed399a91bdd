"""The problems file of a roster import: each skipped row's own cells and its problems.

Written as a CSV that opens in Excel, WPS and LibreOffice (UTF-8 with BOM, ID numbers
and phones kept as text, see :mod:`deskconsole.domain.sheet_cells`), under the file's own
headers, so the clerk fixes the rows there and imports that file; the two columns added
at the end (the row in the original file, the problems) are ignored by the import. It is
written through :func:`deskconsole.output.write_output`: whole or not at all, owner-only,
never inside the store's folder.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from deskconsole.domain.roster import ImportPlan, cell_text
from deskconsole.domain.sheet_cells import as_text, defuse
from deskconsole.i18n import t
from deskconsole.output import write_output


def _problem_cell(value: Any) -> str:
    """A cell as the clerk saw it: a number too long for a spreadsheet as it showed it
    (``3.70705195003031E+17``), never with made-up trailing digits."""
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.15G}"
    return cell_text(value)


def write_problems(plan: ImportPlan, path: Path, data_dir: Path | None = None) -> Path:
    """Each skipped row as it was in the file, then its row number and problems; the
    file stays out of the store's folder ``data_dir``. Returns the path written."""
    columns = plan.parsed.columns
    reasons: dict[int, list[str]] = {}
    for problem in plan.problems:
        reasons.setdefault(problem.row, []).append(
            t("err.field", field=problem.column, reason=problem.reason)
        )
    width = len(columns.headers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [defuse(h) for h in columns.headers] + [t("roster.col_row"), t("roster.col_reason")]
    )
    for number, texts in reasons.items():
        cells = [_problem_cell(c) for c in plan.parsed.cells.get(number, [])]
        cells = (cells + [""] * width)[:width]  # cells past the last header have no column
        writer.writerow([as_text(c) for c in cells] + [str(number), defuse("; ".join(texts))])
    return write_output(Path(path), out.getvalue().encode("utf-8-sig"), data_dir)
