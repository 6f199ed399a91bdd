"""Canned replies per category: kept in the settings, set with ``deskconsole settings``."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole.domain import demo
from deskconsole.domain.canned_replies import (
    CannedReplyError,
    add_reply,
    clear_replies,
    replies_for,
)
from deskconsole.models import Settings
from deskconsole.storage import Repository
from tests.conftest import FIXED_NOW
from tests.unit.test_bundle_cli import run


def test_replies_are_kept_per_category_once_each() -> None:
    settings = add_reply(Settings(), "property", "物业报修电话 0536-8881234")
    settings = add_reply(settings, "property", " 物业报修电话 0536-8881234 ")
    settings = add_reply(settings, "policy", "请看街道公告")
    assert replies_for(settings, "property") == ["物业报修电话 0536-8881234"]
    assert replies_for(settings, "policy") == ["请看街道公告"]
    assert replies_for(settings, "housing") == []
    assert replies_for(clear_replies(settings, "property"), "property") == []
    with pytest.raises(CannedReplyError, match="no category 'nosuch'"):
        add_reply(settings, "nosuch", "x")
    with pytest.raises(CannedReplyError, match="1 to 300"):
        add_reply(settings, "policy", "长" * 301)


def test_the_cli_adds_shows_and_clears_replies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    code, out, _ = run(
        capsys, "--data-dir", str(store), "settings", "--reply", "property=报修电话 8881234"
    )
    assert code == 0 and "Canned replies: property 1. 报修电话 8881234" in out
    code, _, err = run(capsys, "--data-dir", str(store), "settings", "--reply", "bad")
    assert code != 0 and "write it as CATEGORY=TEXT" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", str(store), "settings", "--clear-replies", "property")
    assert code == 0 and "Canned replies: none yet" in out
    with Repository.open(store, readonly=True) as repo:
        assert repo.settings.get().canned_replies == {}


def test_the_demo_desk_has_a_few(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "demo", now=lambda: FIXED_NOW) as repo:
        demo.fill(repo, demo.generate(FIXED_NOW, residents=5, cases=0))
        settings = repo.settings.get()
    assert len(replies_for(settings, "property")) >= 2
    assert sum(len(v) for v in settings.canned_replies.values()) >= 5
