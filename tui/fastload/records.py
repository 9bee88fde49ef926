"""The dossier format's objects without pydantic: a dossier's JSON turned into objects with the same
attributes as the models in `tui.model` (dates as dates, absent fields at their defaults), shaped by
data/schema.json, which is generated from the models and kept current by a test.

Only for JSON already known to validate (see `tui.fastload`); it checks nothing. It saves the ~120 ms
pydantic takes to import and build the model classes, on the way to the first frame."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from ..bundled import data_dir

# How one property is read: (name, default, nested definition or None, is a list, is a date).
Plan = tuple[tuple[str, Any, str | None, bool, bool], ...]


class Record:
    """A model's attributes, read-only by convention."""

    __slots__ = ("__dict__",)

    def __init__(self, kind: str, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.__dict__["_kind"] = kind

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k != "_kind")
        return f"{self._kind}({fields})"


@cache
def _schema() -> dict[str, Any]:
    return json.loads((data_dir() / "schema.json").read_text(encoding="utf-8"))


def _shape(prop: dict[str, Any]) -> tuple[str | None, bool, bool]:
    """(nested definition, is a list, is a date) of one property's schema."""
    options = prop.get("anyOf", [prop])
    ref = next((o["$ref"] for o in options if "$ref" in o), None)
    items = next((o["items"] for o in options if o.get("type") == "array"), None)
    if items is not None:
        ref = items.get("$ref")
        return (ref.rsplit("/", 1)[-1] if ref else None), True, items.get("format") == "date"
    is_date = any(o.get("format") == "date" for o in options)
    return (ref.rsplit("/", 1)[-1] if ref else None), False, is_date


@cache
def plan(kind: str) -> Plan:
    """How to read a `kind` (a definition of the schema, or "Dossier" for the top level)."""
    schema = _schema()
    definition = schema if kind == "Dossier" else schema["$defs"][kind]
    out = []
    for name, prop in definition["properties"].items():
        nested, is_list, is_date = _shape(prop)
        default = prop.get("default", [] if is_list else None)
        out.append((name, default, nested, is_list, is_date))
    return tuple(out)


def record(kind: str, data: dict[str, Any]) -> Record:
    """`data` (a `kind` object of a valid dossier's JSON) as an object with the model's attributes."""
    values: dict[str, Any] = {}
    for name, default, nested, is_list, is_date in plan(kind):
        value = data.get(name, default)
        if value is None:
            values[name] = None
        elif is_list:
            if nested:
                value = [record(nested, v) for v in value]
            elif is_date:
                value = [dt.date.fromisoformat(v) for v in value]
            values[name] = list(value)
        elif nested:
            values[name] = record(nested, value)
        elif is_date:
            values[name] = dt.date.fromisoformat(value)
        else:
            values[name] = value
    return Record(kind, values)


def dossier(data: dict[str, Any]) -> Record:
    return record("Dossier", data)
