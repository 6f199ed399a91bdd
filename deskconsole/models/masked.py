"""Personal numbers stay out of a model's ``repr`` and ``str`` (tracebacks, logs, debuggers).

A model lists, in ``MASKED``, which fields hold phone or ID numbers and how each is
masked; its repr then shows ``138****8000`` and ``370705********1234``. Validation
errors of these models never echo the input (``hide_input_in_errors``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from deskconsole.models.text import mask_id_number, mask_phone


def masked_phones(value: Any) -> Any:
    """A list of phones, each masked."""
    return [mask_phone(str(p)) for p in value] if isinstance(value, list) else value


def masked_phone(value: Any) -> Any:
    """One phone, masked."""
    return mask_phone(value) if isinstance(value, str) and value else value


def masked_id(value: Any) -> Any:
    """An ID number, masked."""
    return mask_id_number(value) if isinstance(value, str) and value else value


class MaskedModel(BaseModel):
    """A model whose repr masks the fields named in ``MASKED``."""

    model_config = ConfigDict(hide_input_in_errors=True)

    MASKED: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            mask = self.MASKED.get(name or "")
            yield name, mask(value) if mask is not None else value
