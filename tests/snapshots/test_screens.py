"""What each screen of the console looks like, at 80×24 and 120×40, in English and 简体中文.

The pictures are SVG files in ``__snapshots__/`` (pytest-textual-snapshot); a change
to any screen shows up as a failed comparison with a side-by-side report. After a
deliberate change: ``pytest tests/snapshots --snapshot-update``, then look at every
picture that changed before committing it.

They draw the same on every run: a fixed clock (FIXED_NOW), a store built here with
fixed ids and numbers, no animations, no cursor blink, no toasts, and each scene waits
for its own content rather than for a length of time. The exact Textual and Rich
versions are pinned in pyproject.toml, since they decide how every cell is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from deskconsole.storage import Repository
from tests.conftest import FIXED_NOW
from tests.snapshots.desk_data import fill
from tests.snapshots.scenes import SCENES, hold_still
from tests.ui.helpers import make_app

pytestmark = pytest.mark.snapshot

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
LANGUAGES = ("en", "zh")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repository]:
    """The snapshot desk's store, at a relative path (the settings view shows it)."""
    monkeypatch.chdir(tmp_path)
    repo = Repository.open(Path("desk-data"), now=lambda: FIXED_NOW)
    fill(repo)
    yield repo
    repo.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_screen(
    scene: str,
    size: str,
    language: str,
    desk: Repository,
    snap_compare: Callable[..., bool],
) -> None:
    app = make_app(desk, language)
    app.animation_level = "none"
    app.idle_clock = lambda: 0.0  # type: ignore[method-assign]  # never idle long enough to lock

    async def run_before(pilot: Pilot[None]) -> None:
        await SCENES[scene](app, pilot)
        hold_still(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
