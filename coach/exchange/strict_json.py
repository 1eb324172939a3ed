"""The one JSON reader for every file Coach imports from outside.

Python's json module is lenient where a hostile or damaged file needs strictness: it accepts
NaN and Infinity, turns 1e999 into infinity, converts integer literals of any length (slowly, and
past 4,300 digits with a bare ValueError), keeps the last of duplicate keys without a word, and
decodes "\\ud800" into a lone surrogate that later fails inside SQLite or when printed. This
reader refuses each of those before anything is used: the size is bounded before parsing, number
literals before conversion, nesting depth after parsing, and every text (keys included) must be
valid Unicode without NUL characters. Each refusal is one short line naming the field, and any
value it echoes is cut to a few dozen characters (`quoted`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from coach.domain.errors import UserError

MAX_DEPTH = 16  # the deepest Coach format (an exercise's illustration) needs 6
MAX_NUMBER_CHARS = 24  # longer literals are not numbers any Coach file needs
ECHO_MAX = 40
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_]{1,40}")


class StrictJsonError(UserError, ValueError):
    """The file is not the strict JSON Coach reads; `message` is one line naming the field."""

    title = "This file cannot be read"

    def __init__(self, what: str, path: str, problem: str) -> None:
        """`path` is the field ("" for the whole file); `problem` says what is wrong with it."""
        super().__init__(f"This is not {what}: {_where(path)} {problem}.", field=path or None)
        self.problem = problem


class _Refused:
    """A literal the parser met and refused; the tree walk reports it with its field path."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Object(dict[str, Any]):
    """A JSON object that remembers the first key it saw twice."""

    duplicate: str | None = None


def kind_of(value: object) -> str:
    """What a JSON value is, in a reader's words ("text", "a list"), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


class FieldReader:
    """One object of a strictly read file: its fields checked against those allowed, and every
    error naming the field's full path (items[2].dosage.reps) in one sentence.

    Shared by the file formats a person can be handed (programme and progress files), so they
    refuse alike; each subclass names its document and raises its own error type.
    """

    document = "file"  # "This is not a usable {document}: ..."

    def __init__(self, data: object, path: str, allowed: Iterable[str]) -> None:
        self.path = path
        if not isinstance(data, dict):
            raise self.error("", f"must be an object ({{...}}), not {kind_of(data)}")
        self.data: dict[str, Any] = data
        unknown = sorted(str(key) for key in set(data) - set(allowed))
        if unknown:
            raise self.error(field_name(unknown[0]), f"is not a field of a Coach {self.document}")

    def where(self, key: str) -> str:
        if not key:
            return self.path or "the file"
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> UserError:
        return self.refused(f"This is not a usable {self.document}: {self.where(key)} {problem}.")

    def refused(self, message: str) -> UserError:
        """The format's own error for `message` (a subclass says which)."""
        raise NotImplementedError

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise self.error(key, "is missing")
        return self.data[key]


def quoted(value: str, limit: int = ECHO_MAX) -> str:
    """A value fit to echo in a message: quoted, escaped, and cut to `limit` characters."""
    cut = value if len(value) <= limit else value[: limit - 3] + "..."
    return repr(cut)


def field_name(key: str) -> str:
    """A field name fit for a message: as it is when plain, else quoted and cut."""
    return key if _PLAIN_NAME.fullmatch(key) else quoted(key)


def read_limited(
    path: Path, *, max_bytes: int, what: str, refuse: Callable[[str], Exception]
) -> bytes:
    """A file's bytes, never more than one past `max_bytes` (so `loads` names the size), for
    every import; what cannot be read is one sentence, raised as `refuse(sentence)`."""
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise refuse(f"{path.name} is a folder, not {what}.") from None
    except FileNotFoundError:
        raise refuse(f"The file {path.name} does not exist.") from None
    except OSError as exc:
        raise refuse(f"Coach could not read {path.name}: {exc.strerror or exc}.") from None


def loads(data: bytes, *, max_bytes: int, what: str) -> Any:
    """Parse `data` strictly. `what` names the kind of file in messages ("a programme file")."""
    if len(data) > max_bytes:
        size = f"is {len(data) / 1024 / 1024:.1f} MB; at most {max_bytes / 1024 / 1024:g} MB fit"
        raise StrictJsonError(what, "", size)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StrictJsonError(what, "", "is not text (Coach reads UTF-8 JSON)") from None
    try:
        document = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):  # what a file copied or downloaded in part looks like
            problem = "is not valid JSON: it ends too soon, so the file may be incomplete"
        else:
            problem = f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        raise StrictJsonError(what, "", problem) from None
    except RecursionError:
        raise StrictJsonError(what, "", "is nested too deeply") from None
    _check(document, "", 0, what)
    return document


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    for key, value in pairs:
        if key in result and result.duplicate is None:
            result.duplicate = key
        result[key] = value
    return result


def _integer(literal: str) -> int | _Refused:
    if len(literal.lstrip("-")) > MAX_NUMBER_CHARS:
        return _Refused(f"is a number {len(literal)} digits long")
    return int(literal)


def _float(literal: str) -> float | _Refused:
    if len(literal) > MAX_NUMBER_CHARS:
        return _Refused(f"is a number {len(literal)} characters long")
    value = float(literal)
    return value if math.isfinite(value) else _Refused("is a number too large to use")


def _constant(literal: str) -> _Refused:
    return _Refused(f"is {literal}, which is not a number Coach accepts")


def _join(path: str, key: str) -> str:
    return f"{path}.{field_name(key)}" if path else field_name(key)


def _where(path: str) -> str:
    if len(path) > 2 * ECHO_MAX:
        return path[: 2 * ECHO_MAX - 3] + "..."
    return path or "it"


def _check(value: Any, path: str, depth: int, what: str) -> None:
    if depth > MAX_DEPTH:
        raise StrictJsonError(what, path, "is nested too deeply")
    if isinstance(value, _Refused):
        raise StrictJsonError(what, path, value.reason)
    if isinstance(value, str):
        _check_text(value, path, what)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            _check(item, f"{path}[{index}]", depth + 1, what)
    elif isinstance(value, _Object):
        for key, item in value.items():
            _check_text(key, path, what, " in a field name")
            _check(item, _join(path, key), depth + 1, what)
        if value.duplicate is not None:
            raise StrictJsonError(what, _join(path, value.duplicate), "is given twice")


def _check_text(text: str, path: str, what: str, where: str = "") -> None:
    found = _BAD_TEXT.search(text)
    if found is None:
        return
    kind = "a NUL character" if found.group() == "\x00" else "a lone surrogate (invalid text)"
    raise StrictJsonError(what, path, f"holds {kind}{where}")
