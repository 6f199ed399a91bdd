"""The snapshot is parsed a batch of documents at a time (so the console keeps drawing
while a large store is read), into exactly what one whole parse gives."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskconsole.storage import snapshot
from deskconsole.storage.snapshot import (
    SnapshotUnreadable,
    _parse_in_batches,
    parse_snapshot,
    snapshot_chunks,
)

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
DOCS = st.dictionaries(TEXT, st.dictionaries(TEXT, VALUES, max_size=4), max_size=12)
TABLES = st.dictionaries(st.sampled_from(["audit", "cases", "meta", "residents"]), DOCS)


def whole(data: bytes) -> dict[str, Any]:
    raw = orjson.loads(data)
    raw.pop("sha256")
    return raw  # type: ignore[no-any-return]


@given(tables=TABLES, seq=st.integers(0, 10**6), batch=st.sampled_from([1, 40, 1 << 20]))
def test_batches_give_what_one_parse_gives(
    tables: dict[str, dict[str, dict[str, Any]]], seq: int, batch: int
) -> None:
    data = b"".join(snapshot_chunks(tables, seq, "ab" * 32 if seq % 2 else None))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "BATCH_BYTES", batch)  # batches of one line and up
        parsed = _parse_in_batches(data)
    if tables:
        assert parsed == whole(data)
    else:
        assert parsed is None or parsed == whole(data)
    assert parse_snapshot(data).tables == tables


def test_bytes_laid_out_otherwise_are_parsed_whole_and_damage_still_worded() -> None:
    data = b"".join(snapshot_chunks({"residents": {"r1": {"name": "江建国"}}}, 1))
    pretty = orjson.dumps(orjson.loads(data), option=orjson.OPT_INDENT_2)
    assert _parse_in_batches(pretty) is None
    extra = data.replace(b"\n}\n}", b"\n}\n}  ", 1)
    assert _parse_in_batches(extra) is None  # anything between the tables and the trailer
    with pytest.raises(SnapshotUnreadable):
        parse_snapshot(extra)  # the checksum no longer matches
