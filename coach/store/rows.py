"""Rows to records and back, matched by name: the one place a repository's mapping lives.

A dataclass field and the column of the same name carry the same value, so a column added to the
schema and a field added to its record need no mapping code at all: `record` reads it and
`values` writes it. Enums are stored as their value and rebuilt from the field's type when read.
Only what differs (a renamed column, a nested record, a JSON shape) is passed by the repository
as a keyword, which makes the exceptions the only thing left to read in each repository.
"""

from __future__ import annotations

import dataclasses
import typing
from enum import Enum
from typing import Any, TypeVar
from uuid import uuid4

from sqlalchemy import RowMapping, Table

T = TypeVar("T")


_ENUMS: dict[type, dict[str, type[Enum]]] = {}


def _enums(cls: type) -> dict[str, type[Enum]]:
    """The fields of `cls` whose type is an enum (resolved from the annotations once)."""
    if cls not in _ENUMS:
        hints = typing.get_type_hints(cls)
        _ENUMS[cls] = {
            name: hint
            for name, hint in hints.items()
            if isinstance(hint, type) and issubclass(hint, Enum)
        }
    return _ENUMS[cls]


_FIELDS: dict[type, tuple[tuple[str, type[Enum] | None], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, type[Enum] | None], ...]:
    """The fields `record` fills, each with its enum type if it has one (worked out once per
    class: the Progress page reads a record per treatment and outcome score of ten years)."""
    if cls not in _FIELDS:
        enums = _enums(cls)
        _FIELDS[cls] = tuple(
            (field.name, enums.get(field.name)) for field in dataclasses.fields(cls) if field.init
        )
    return _FIELDS[cls]


def record(cls: type[T], row: RowMapping, **given: Any) -> T:
    """A `cls` from `row`: each field from the column of its name, unless `given` has it.

    A field with no such column keeps its default (it is a value the table does not hold).
    """
    values = dict(given)
    columns = row.keys()
    for name, kind in _fields(cls):
        if name in given or name not in columns:
            continue
        value = row[name]
        values[name] = kind(value) if kind is not None and value is not None else value
    return cls(**values)


def values(table: Table, value: object, **given: Any) -> dict[str, Any]:
    """The column values of `table` that `value`'s fields hold, with `given` added on top.

    The key column `id` is left out: the database assigns it on insert, and an update names its
    row in its WHERE clause.
    """
    columns = set(table.c.keys()) - {"id"}
    found: dict[str, Any] = {}
    for field in dataclasses.fields(value):  # type: ignore[arg-type]
        if field.name in columns and field.name not in given:
            item = getattr(value, field.name)
            found[field.name] = item.value if isinstance(item, Enum) else item
    found.update(given)
    return found


def new_uid() -> str:
    """A fresh identity for a row that can travel between copies (uuid4 hex)."""
    return uuid4().hex
