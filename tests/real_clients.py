"""The programs users open our files with: LibreOffice (headless), Chromium, poppler.

Tests marked ``real_clients`` call :func:`need` first: where a program is missing the
test is skipped with a message naming it (and fails under CI, which must have it:
``.ci/run`` installs them). Each LibreOffice run gets its own profile folder, so
parallel runs never share one; conversions are batched, one ``soffice`` call for many
files, since each call costs seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

SOFFICE = ("soffice", "libreoffice")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDFTOTEXT = ("pdftotext",)
TIMEOUT = 240  # seconds for one batch; a first start of LibreOffice takes ~10 s

# LibreOffice's CSV import as its dialog offers it for a file with a UTF-8 BOM: comma,
# double quote, UTF-8, from line 1, standard columns. The headless converter does not
# look for the BOM itself, so the character set is given as the dialog would detect it.
CSV_DIALOG_DEFAULTS = "CSV:44,34,76,1"
# The same with "Detect special numbers" ticked: dates and times are guessed too.
CSV_SPECIAL_NUMBERS = "CSV:44,34,76,1,,,false,true"


def find(names: tuple[str, ...]) -> str | None:
    """The first of ``names`` on PATH."""
    return next((found for name in names if (found := shutil.which(name))), None)


def need(names: tuple[str, ...], package: str) -> str:
    """The program's path; skips the test (fails it under CI) when it is missing."""
    found = find(names)
    if found is None:
        message = f"{names[0]} not found: install the Debian package {package} (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")


class LibreOffice:
    """``soffice --headless`` with a profile folder of its own."""

    def __init__(self, profile: Path) -> None:
        self.program = need(SOFFICE, "libreoffice-calc-nogui")
        self.profile = profile

    def convert(
        self, files: list[Path], to: str, outdir: Path, infilter: str | None = None
    ) -> list[Path]:
        """Convert every file in one call; returns the converted files, in order."""
        outdir.mkdir(parents=True, exist_ok=True)
        command = [
            self.program,
            f"-env:UserInstallation={self.profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
        ]
        if infilter:
            command.append(f"--infilter={infilter}")
        _run(command + [str(f) for f in files], "soffice --convert-to " + to)
        extension = to.split(":", 1)[0]
        out = [outdir / f"{f.stem}.{extension}" for f in files]
        missing = [str(p) for p in out if not p.exists()]
        assert not missing, f"LibreOffice wrote nothing for {missing}"
        return out


def print_html(html: Path, pdf: Path, profile: Path) -> Path:
    """Print a page to PDF with headless Chromium, as a browser's print dialog would."""
    program = need(CHROMIUM, "chromium")
    _run(
        [
            program,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        "chromium --print-to-pdf",
    )
    assert pdf.exists(), f"Chromium wrote no {pdf}"
    return pdf


@dataclass(frozen=True)
class Word:
    """One word pdftotext found: its page (1, 2, ...) and box in points."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_PAGE = re.compile(r"<page\b[^>]*>(.*?)</page>", re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S
)


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its box (``pdftotext -bbox``)."""
    program = need(PDFTOTEXT, "poppler-utils")
    out = pdf.with_suffix(".bbox.html")
    _run([program, "-bbox", str(pdf), str(out)], "pdftotext -bbox")
    words = []
    for page, body in enumerate(_PAGE.findall(out.read_text("utf-8")), start=1):
        for x0, y0, x1, y1, text in _WORD.findall(body):
            words.append(Word(page, float(x0), float(y0), float(x1), float(y1), unescape(text)))
    return words


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext``, reading order)."""
    program = need(PDFTOTEXT, "poppler-utils")
    done = subprocess.run(
        [program, str(pdf), "-"], capture_output=True, text=True, timeout=TIMEOUT, check=True
    )
    pages = done.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def heading(words: list[Word], text: str, page: int = 1) -> Word:
    """The word that is exactly this heading on ``page`` (a broken heading is not found)."""
    found = [w for w in words if w.page == page and w.text == text]
    assert found, f"heading {text!r} not found whole on page {page}: " + " ".join(
        w.text for w in words if w.page == page
    )
    return min(found, key=lambda w: w.y0)


def column_text(words: list[Word], left: float, right: float, below: float = 0.0) -> str:
    """The words whose left edge is in [left, right), page by page, top to bottom, joined
    without spaces: a wrapped cell's text as one string."""
    inside = [w for w in words if left <= w.x0 < right and (w.page > 1 or w.y0 > below)]
    inside.sort(key=lambda w: (w.page, round(w.y0), w.x0))
    return "".join(w.text for w in inside)
