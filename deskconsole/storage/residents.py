"""Residents in the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from tinydb import Query

from deskconsole.models import Address, Resident
from deskconsole.models.versions import stamped_versions
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store
from deskconsole.storage.tables import DocTable

TABLE = "residents"


class ResidentRepository:
    """Typed access to the ``residents`` table."""

    def __init__(self, store: Store) -> None:
        self._store = store
        store.table(TABLE).add_index("address", _address_key)

    def _table(self) -> DocTable:
        return self._store.table(TABLE)

    def get(self, resident_id: str) -> Resident | None:
        """The resident with this id."""
        with self._store.lock:
            doc = self._table().doc(resident_id)
        return Resident.model_validate(doc) if doc is not None else None

    def doc(self, resident_id: str) -> dict[str, Any] | None:
        """One resident's raw document (read only), or ``None``."""
        with self._store.lock:
            return self._table().doc(resident_id)

    def docs_of(self, resident_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The raw documents (read only) of these residents, by id; unknown ids left out."""
        with self._store.lock:
            table = self._table()
            found = {rid: table.doc(rid) for rid in resident_ids}
        return {rid: doc for rid, doc in found.items() if doc is not None}

    def docs(self) -> list[dict[str, Any]]:
        """Every resident as a raw document (fast; for building indexes)."""
        return self._store.docs(TABLE)

    def all(self) -> list[Resident]:
        """Every resident."""
        return [Resident.model_validate(doc) for doc in self.docs()]

    def count(self) -> int:
        """How many residents."""
        with self._store.lock:
            return len(self._table())

    def find(self, **fields: Any) -> list[Resident]:
        """Residents whose top-level fields equal the given values."""
        query = Query().noop()
        for name, value in fields.items():
            query &= Query()[name] == value
        with self._store.lock:
            found = self._table().search(query)
        return [Resident.model_validate(doc) for doc in found]

    def at_address(self, address: Address) -> list[Resident]:
        """Everyone at ``address``: the household (from the index)."""
        target = address.model_dump(mode="json")
        key = _address_key({"address": target})
        with self._store.lock:
            raw = self._table().raw()
            found = [raw[k] for k in self._table().lookup("address", key) if k in raw]
        found = [doc for doc in found if doc.get("address") == target]
        return sorted((Resident.model_validate(d) for d in found), key=lambda r: r.name)

    def by_id_number(self, id_number: str) -> Resident | None:
        """The resident with this ID number."""
        found = self.find(id_number=id_number)
        return found[0] if found else None

    def by_name_and_phone(self, name: str, phone: str) -> Resident | None:
        """A resident with this name who gave this phone."""
        with self._store.lock:
            found = self._table().search((Query().name == name) & Query().phones.any([phone]))
        return Resident.model_validate(found[0]) if found else None

    def save(self, resident: Resident) -> Resident:
        """Add or replace one resident durably; returns it with ``updated_at`` set."""
        return self.save_many([resident])[0]

    def save_many(self, residents: Iterable[Resident], touch: bool = True) -> list[Resident]:
        """Add or replace many residents as one batch: all land or none do."""
        saved = []
        now = self._store.now()
        with self._store.lock:
            for resident in residents:
                previous = self._table().raw().get(resident.id) if touch else None
                saved.append(touched(resident, now, previous) if touch else resident)
            self._store.commit([op(r) for r in saved])
        return saved

    def remove(self, resident_id: str) -> None:
        """Delete a resident."""
        self._store.commit([Op(TABLE, resident_id, None)])


def _address_key(doc: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The address index's key: compound, building, unit, room."""
    address = doc.get("address")
    if not isinstance(address, Mapping):
        return None
    parts = ("compound", "building", "unit", "room")
    return tuple(str(address.get(part) or "") for part in parts)


def op(resident: Resident) -> Op:
    """The journal op that stores ``resident``."""
    return Op(TABLE, resident.id, resident.model_dump(mode="json"))


def touched(
    resident: Resident, now: datetime, previous: Mapping[str, Any] | None = None
) -> Resident:
    """A copy of ``resident`` changed at ``now`` over the ``previous`` stored document:
    ``updated_at`` is ``now`` and each changed field gets a new version."""
    versions = stamped_versions(resident.model_dump(mode="json"), previous, now)
    return resident.model_copy(update={"updated_at": now, "versions": versions})
