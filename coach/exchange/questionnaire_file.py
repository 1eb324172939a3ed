"""A clinic's licensed ODI or NDI statements, read from a local questionnaire file.

The ODI and NDI statement texts are copyrighted, so Coach ships none of them: a clinic that
holds a licence writes them into a file of the format in assets/questionnaires/README.md and
loads it. The file comes from outside, so it is read like any import: the size is bounded
before parsing, the text goes through the strict JSON reader, and its shape is checked to the
last statement (the instrument named, exactly 10 sections of 6 statements, each statement short
plain text). A refusal is one line naming the field; nothing is used from a refused file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.domain.errors import UserError
from coach.domain.outcomes import Instrument
from coach.exchange import strict_json
from coach.exchange.strict_json import StrictJsonError, field_name, quoted

FORMAT_NAME = "coach-questionnaire"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 256 * 1024
SECTIONS = 10
STATEMENTS = 6  # scored 0 to 5, in the order written
STATEMENT_MAX = 300
SOURCE_MAX = 300
INSTRUMENTS = (Instrument.ODI, Instrument.NDI)
_WHAT = "a questionnaire file"


class QuestionnaireFileError(UserError, ValueError):
    """The statements file was refused; `message` is one line naming the field."""

    title = "These statements cannot be loaded"


@dataclass(frozen=True)
class Statements:
    """Each section's statements, in score order: `sections[i][s]` scores s in section i+1."""

    instrument: Instrument
    sections: tuple[tuple[str, ...], ...]
    source: str = ""


def _refuse(path: str, problem: str) -> QuestionnaireFileError:
    return QuestionnaireFileError(
        f"This is not a usable questionnaire file: {path or 'it'} {problem}.",
        field=path or None,
    )


def _object(value: Any, path: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(path, "must be an object ({...})")
    unknown = sorted(set(value) - allowed)
    if unknown:
        where = f"{path}.{field_name(unknown[0])}" if path else field_name(unknown[0])
        raise _refuse(where, "is not a field of a questionnaire file")
    for key in sorted(required - set(value)):
        raise _refuse(f"{path}.{key}" if path else key, "is missing")
    return value


def _text(value: Any, path: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise _refuse(path, "must be text")
    if len(value) > limit:
        raise _refuse(path, f"is {len(value)} characters long; at most {limit} fit")
    if "\n" in value or "\r" in value:
        raise _refuse(path, "must be one line")
    if required and not value.strip():
        raise _refuse(path, "must not be empty")
    return " ".join(value.split())


def parse_statements(data: bytes) -> Statements:
    """Check and read a questionnaire file's bytes; QuestionnaireFileError says why not."""
    try:
        document = strict_json.loads(data, max_bytes=MAX_FILE_BYTES, what=_WHAT)
    except StrictJsonError as exc:
        raise QuestionnaireFileError(exc.message, field=exc.field) from None
    top = _object(
        document,
        "",
        {"format", "version", "instrument", "source", "sections"},
        {"format", "version", "instrument", "sections"},
    )
    if top["format"] != FORMAT_NAME:
        raise _refuse("format", f'must be "{FORMAT_NAME}"')
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version != FORMAT_VERSION:
        raise _refuse("version", f"must be {FORMAT_VERSION}")
    names = {i.value for i in INSTRUMENTS}
    raw_instrument = top["instrument"]
    if not isinstance(raw_instrument, str) or raw_instrument not in names:
        shown = quoted(raw_instrument) if isinstance(raw_instrument, str) else "not text"
        raise _refuse("instrument", f"is {shown}; it must be one of: {', '.join(sorted(names))}")
    source = _text(top.get("source", ""), "source", SOURCE_MAX, required=False)
    sections = top["sections"]
    if not isinstance(sections, list) or len(sections) != SECTIONS:
        count = f"has {len(sections)}" if isinstance(sections, list) else "is not a list"
        raise _refuse("sections", f"{count}; it must list exactly {SECTIONS} sections")
    read: list[tuple[str, ...]] = []
    for number, section in enumerate(sections, start=1):
        where = f"sections[{number}]"
        entry = _object(section, where, {"statements"}, {"statements"})
        statements = entry["statements"]
        if not isinstance(statements, list) or len(statements) != STATEMENTS:
            count = f"has {len(statements)}" if isinstance(statements, list) else "is not a list"
            raise _refuse(
                f"{where}.statements",
                f"{count}; it must list exactly {STATEMENTS} statements (scores 0 to 5)",
            )
        read.append(
            tuple(
                _text(text, f"{where}.statements[{score + 1}]", STATEMENT_MAX, required=True)
                for score, text in enumerate(statements)
            )
        )
    return Statements(Instrument(raw_instrument), tuple(read), source)


def read_statements(path: Path) -> Statements:
    """Read a questionnaire file from disk: at most one byte past the limit is read."""
    data = strict_json.read_limited(
        path, max_bytes=MAX_FILE_BYTES, what="a file", refuse=QuestionnaireFileError
    )
    return parse_statements(data)


def to_bytes(value: Statements) -> bytes:
    """The file as Coach keeps it in the data folder (the same format it reads)."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "instrument": value.instrument.value,
        "source": value.source,
        "sections": [{"statements": list(section)} for section in value.sections],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
