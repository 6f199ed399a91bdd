"""The one-pass build gives the index that resident-by-resident upserts give, on a
generated store: the same hits, in the same order, for every kind of query."""

from __future__ import annotations

import gc
import random
from datetime import date
from typing import Any

from deskconsole.domain import demo
from deskconsole.domain.name_match import name_lines, position_lines
from deskconsole.domain.pinyin import name_positions, name_readings, split_surname
from deskconsole.domain.search import ResidentIndex

TODAY = date(2026, 11, 27)


def generated(count: int, seed: int) -> list[dict[str, Any]]:
    """Demo residents as the store holds them, some with phones typed loosely."""
    rng = random.Random(seed)
    docs = [r.model_dump(mode="json") for r in demo.make_residents(rng, count, TODAY)]
    for doc in docs[::7]:
        doc["phones"] = [f"0536-{rng.randrange(10**7):07d}", *doc["phones"]]
    return docs


def queries(docs: list[dict[str, Any]], seed: int) -> list[str]:
    """Every kind of query clerks type, made from random residents."""
    rng = random.Random(seed)
    found = ["张", "zw", "z", "wang", "1", "12-2", "欧阳", "xl", "138"]
    for doc in rng.sample(docs, 60):
        name = doc["name"]
        readings = name_readings(name)
        if not readings:
            continue
        reading = readings[0]
        surname, given = split_surname(name)
        address = doc["address"]
        found += [
            name,
            name[:1],
            "".join(reading),
            "".join(s[0] for s in reading),
            " ".join(reading),
            "".join(reading[len(surname) :]),
            surname + "".join(s[0] for s in reading[len(surname) :]),
            reading[0] + given,
            f"{address['building']}-{address['unit']}-{address['room']}",
            address["compound"],
            *(phone[-4:] for phone in doc["phones"][:1]),
            *([doc["id_number"][-6:]] if doc.get("id_number") else []),
        ]
    return found


def upserted(docs: list[dict[str, Any]], seed: int) -> ResidentIndex:
    """The index built resident by resident, in a shuffled order."""
    index = ResidentIndex()
    order = list(docs)
    random.Random(seed).shuffle(order)
    for doc in order:
        index.upsert(doc)
    return index


def test_build_gives_the_hits_upserts_give_on_a_generated_store() -> None:
    docs = generated(2_500, seed=41)
    built = ResidentIndex.build(docs)
    grown = upserted(docs, seed=42)
    assert len(built.search("张", 10_000)) > 10  # the store holds what the queries ask for
    for query in queries(docs, seed=43):
        assert built.search(query, 500) == grown.search(query, 500), query
        assert built.count(query) == grown.count(query), query
    for doc in docs[::50]:
        assert built.household(doc["id"]) == grown.household(doc["id"])
    assert built.compounds() == grown.compounds()


def test_build_leaves_the_collector_as_it_found_it() -> None:
    docs = generated(50, seed=5)
    assert gc.isenabled()
    ResidentIndex.build(docs)
    assert gc.isenabled()
    gc.disable()
    try:
        ResidentIndex.build(docs)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_name_lines_are_the_position_lines_of_the_name() -> None:
    """Shared endings (one given name after many surnames) give every name its own lines."""
    rng = random.Random(7)
    names = ["", "John Smith", "阿卜杜拉·艾力", "欧阳秀兰", "尉迟恭", "曾小贤", "爱新觉罗溥仪"]
    names += [r.name for r in demo.make_residents(rng, 800, TODAY)]
    for name in names:
        expected = tuple(
            (kind + second, line) for kind, second, line in position_lines(name_positions(name))
        )
        assert name_lines(name) == expected, name
