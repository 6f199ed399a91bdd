"""Turn validation failures into messages a clerk can act on, in the current language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from deskconsole.i18n import has_key, t
from deskconsole.models.text import FieldError

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    message: str


def checked(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a normaliser inside a pydantic validator, re-raising its :class:`FieldError`
    as a pydantic error that carries our message unchanged."""
    try:
        return fn(*args, **kwargs)
    except FieldError as error:
        raise PydanticCustomError(
            "deskconsole", "{message}", {"message": error.message(), "field": error.field}
        ) from None


_GENERIC = {
    "missing": "err.required",
    "string_too_short": "err.required",
    "too_short": "err.required",
    "string_too_long": "err.too_long_plain",
    "enum": "err.choice",
    "literal_error": "err.choice",
    "date_from_datetime_parsing": "err.date",
    "date_parsing": "err.date",
    "date_type": "err.date",
    "datetime_parsing": "err.datetime",
    "datetime_from_date_parsing": "err.datetime",
    "datetime_type": "err.datetime",
    "time_parsing": "err.time",
    "string_pattern_mismatch": "err.format",
}


def field_label(field: str) -> str:
    """The translated name of a model field (``field.<name>``), or the name itself."""
    key = f"field.{field}"
    return t(key) if has_key(key) else field


def problems(error: ValidationError) -> list[Problem]:
    """One :class:`Problem` per error, each naming its field."""
    found: list[Problem] = []
    for item in error.errors():
        loc = [str(part) for part in item.get("loc", ()) if not isinstance(part, int)]
        field = loc[-1] if loc else ""
        context = item.get("ctx") or {}
        if item["type"] == "deskconsole":
            found.append(Problem(str(context.get("field", field)), str(context["message"])))
            continue
        key = _GENERIC.get(item["type"], "err.invalid")
        reason = t(key)
        found.append(Problem(field, t("err.field", field=field_label(field), reason=reason)))
    return found


def describe(error: ValidationError) -> str:
    """All problems of a validation error on one line each."""
    return "\n".join(p.message for p in problems(error))
