"""The `.coachprogress` file: what a patient recorded since a date, sealed to their therapist.

A patient sends it any way they like (mail, a USB stick); only the therapist's Coach can open
it (coach.exchange.sealing: a libsodium sealed box to the therapist's X25519 public key, which
came in the programme file). The file is a small plain JSON envelope, so a wrong file is named
without decrypting anything, around the sealed payload:

    {"format": "coach-progress", "version": 1, "created": "2026-03-16T18:00:00Z",
     "sealed": true, "recipient": "3f2a-9c01-b7de-1122-aabb", "payload": "<base64>"}

`recipient` is the fingerprint of the key it is sealed to. The payload is UTF-8 JSON:

    {"format": "coach-progress-payload", "version": 1,
     "created": "...", "recipient": "...",         # repeated inside: the envelope's copies
                                                   # must match them (a changed envelope is
                                                   # refused as tampered)
     "patient": {"uid": "...", "name": "..."},     # the uid the therapist's copy uses
     "range": {"first": "2026-03-01", "last": "2026-03-16"},
     "programmes": ["<programme uid>", ...],
     "rows": {"sessions": [...], "exercise_logs": [...], "symptom_responses": [...],
              "pain_entries": [...], "checkins": [...], "treatments": [...],
              "psfs_activities": [...], "outcome_scores": [...]}}

Each row is an object with its `uid` and the fields in FIELDS (the database columns of that
kind, with links to other rows by uid: a log names its `session`, a symptom response its
`log`, a session its `programme`). Instants are UTC ("...Z"), days ISO dates.

A self-managing patient has no therapist key; their Coach writes the same document unsealed,
for a clinician without Coach: `"sealed": false`, `"recipient": null`, a `"notice"` saying in
capitals that the file is not protected, and the payload object itself under `"progress"`.

Sealing keeps the content to the therapist and shows any change; it does not prove who wrote
the file (the therapist's public key travels in programme files), so the import preview names
the patient and the days for the therapist to recognise before anything is stored.

Reading runs strict_json on the envelope and again on the decrypted payload, then checks every
row's fields, types and ranges (the domain's rules for pain entries, check-ins, treatments and
scores), duplicate uids, links to rows the file lacks, and days outside the file's range. Any
failure raises ProgressFileError (one sentence, nothing used); NotForThisKeyError says the file
was sealed to another key.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.domain.diary import (
    RED_FLAG_KEYS,
    REGIONS_BY_KEY,
    SHORT_TEXT_MAX,
    TEXT_MAX,
    CheckIn,
    PainEntry,
    PainQuality,
    Treatment,
    TreatmentKind,
)
from coach.domain.dosage import Sides
from coach.domain.errors import UserError
from coach.domain.outcomes import (
    SECTIONS,
    Answers,
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
    score,
)
from coach.domain.profile import ValidationError
from coach.domain.programme import NOTE_MAX
from coach.domain.symptoms import Response, SymptomRegion
from coach.exchange import sealing, strict_json
from coach.exchange.programme_file import ID_MAX, ID_PATTERN
from coach.exchange.sealing import KeyPair, UnsealError
from coach.exchange.strict_json import StrictJsonError, field_name, quoted

FORMAT_NAME = "coach-progress"
PAYLOAD_FORMAT = "coach-progress-payload"
FORMAT_VERSION = 1
SUFFIX = ".coachprogress"
# A year of one patient's sessions is a few MB; these bound what a hostile file can make us do.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PAYLOAD_BYTES = 48 * 1024 * 1024
MAX_ROWS = 200_000  # per kind
UID_MAX = 36
ZONE_MAX = 64
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2199, 12, 31)
UNSEALED_NOTICE = (
    "NOT PROTECTED: this progress file is not sealed to a therapist; anyone who has it can "
    "read it, and nothing shows whether it was changed."
)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
_UID = re.compile(r"[0-9A-Za-z-]{1,36}")


class Kind(StrEnum):
    """The kinds of rows a progress file carries, in the order they are stored."""

    SESSIONS = "sessions"
    EXERCISE_LOGS = "exercise_logs"
    SYMPTOM_RESPONSES = "symptom_responses"
    PAIN_ENTRIES = "pain_entries"
    CHECKINS = "checkins"
    TREATMENTS = "treatments"
    PSFS_ACTIVITIES = "psfs_activities"
    OUTCOME_SCORES = "outcome_scores"


class ProgressFileError(UserError, ValueError):
    """The progress file was refused; `message` is one sentence for the user."""

    title = "This progress file cannot be imported"


class NotForThisKeyError(ProgressFileError):
    """The file is sealed to a key this copy does not hold (another therapist's)."""


Row = dict[str, Any]


@dataclass(frozen=True)
class Envelope:
    """What the plain part of a progress file says, read without decrypting."""

    created: datetime
    sealed: bool
    recipient: str | None  # the fingerprint of the key it is sealed to; None when unsealed


@dataclass(frozen=True)
class ProgressFile:
    """One patient's records over a range of days, as written and as read back."""

    created: datetime
    patient_uid: str
    patient_name: str
    first: date
    last: date
    programmes: tuple[str, ...] = ()
    rows: Mapping[Kind, Sequence[Row]] = field(default_factory=dict)
    recipient: str | None = None  # filled in when written sealed, or read from the file
    sealed: bool = False

    def count(self, kind: Kind) -> int:
        return len(self.rows.get(kind, ()))


# --- field types ---------------------------------------------------------------------------------


class _Field(ABC):
    """One field of a row: reads the JSON value (raising with the reason) and writes it back."""

    nullable = False

    @abstractmethod
    def read(self, value: object) -> Any:
        """The value as Coach holds it; ValueError saying what is wrong with it."""

    def write(self, value: Any) -> Any:
        return value


class _Text(_Field):
    def __init__(self, limit: int, *, required: bool = False) -> None:
        self.limit, self.required = limit, required

    def read(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {_kind(value)}")
        if len(value) > self.limit:
            raise ValueError(f"is {len(value)} characters long; at most {self.limit} fit")
        if self.required and not value.strip():
            raise ValueError("must not be empty")
        return value


class _Whole(_Field):
    def __init__(self, low: int, high: int, *, nullable: bool = False) -> None:
        self.low, self.high, self.nullable = low, high, nullable

    def read(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {_kind(value)}")
        if not self.low <= value <= self.high:
            raise ValueError(f"is {value}; it must be between {self.low} and {self.high}")
        return value


class _Real(_Field):
    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def read(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {_kind(value)}")
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise ValueError(f"is {value:g}; it must be between {self.low:g} and {self.high:g}")
        return float(value)


class _ExerciseId(_Field):
    """An exercise id as the library and custom exercises spell them (programme files' rule)."""

    def read(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > ID_MAX or not ID_PATTERN.fullmatch(value):
            raise ValueError("is not an exercise id")
        return value


class _Zone(_Field):
    """An IANA time zone name that this machine knows (sessions are shown in their zone)."""

    def read(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > ZONE_MAX:
            raise ValueError("must be a time zone name like Europe/London")
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"is {quoted(value)}, which is not a time zone Coach knows") from None
        return value


class _Flag(_Field):
    def read(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {_kind(value)}")
        return value


class _Choice(_Field):
    def __init__(self, choices: Sequence[str], *, nullable: bool = False) -> None:
        self.choices, self.nullable = tuple(choices), nullable

    def read(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise ValueError(f"must be one of: {', '.join(self.choices)}")
        return value


class _Keys(_Field):
    """A list of distinct keys from a fixed set (body regions, pain qualities, red flags)."""

    def __init__(self, allowed: frozenset[str] | set[str]) -> None:
        self.allowed = frozenset(allowed)

    def read(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValueError(f"must be a list, not {_kind(value)}")
        if len(value) > len(self.allowed):
            raise ValueError(f"lists {len(value)} entries; at most {len(self.allowed)} exist")
        for item in value:
            if not isinstance(item, str) or item not in self.allowed:
                shown = quoted(item) if isinstance(item, str) else _kind(item)
                raise ValueError(f"lists {shown}, which Coach does not know")
        if len(set(value)) != len(value):
            raise ValueError("lists an entry twice")
        return list(value)


class _Day(_Field):
    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> date:
        return read_day(value)

    def write(self, value: Any) -> Any:
        return value.isoformat()


class _Instant(_Field):
    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> datetime:
        return read_instant(value)

    def write(self, value: Any) -> Any:
        return write_instant(value)


class _Uid(_Field):
    """A row's uid, or (as a link) the uid of another row: `session`, `log`, `programme`."""

    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> str:
        if not isinstance(value, str) or not _UID.fullmatch(value):
            raise ValueError("is not a row uid (1-36 letters, digits or dashes)")
        return value


class _Details(_Field):
    """An outcome score's answers; checked against the instrument by _check_score."""

    def read(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"must be an object, not {_kind(value)}")
        return dict(value)


_PAIN = _Whole(0, 10)
_PAIN_OR_NONE = _Whole(0, 10, nullable=True)
_STATUS_SESSION = ("in_progress", "completed", "stopped")
_STATUS_LOG = ("done", "partial", "skipped")

# The fields of each kind: database column names, but links by uid (session, log, programme).
FIELDS: dict[Kind, dict[str, _Field]] = {
    Kind.SESSIONS: {
        "programme": _Uid(nullable=True),
        "started_at": _Instant(),
        "ended_at": _Instant(nullable=True),
        "local_day": _Day(),
        "timezone": _Zone(),
        "status": _Choice(_STATUS_SESSION),
        "pain_before": _PAIN_OR_NONE,
        "pain_after": _PAIN_OR_NONE,
        "symptom_region": _Choice([r.value for r in SymptomRegion], nullable=True),
        "symptoms_before": _Whole(0, 5, nullable=True),
        "effort": _Choice(("easier", "same", "harder"), nullable=True),
        "note": _Text(NOTE_MAX),
    },
    Kind.EXERCISE_LOGS: {
        "session": _Uid(),
        "exercise_id": _ExerciseId(),
        "local_day": _Day(),
        "started_at": _Instant(),
        "ended_at": _Instant(),
        "status": _Choice(_STATUS_LOG),
        "planned_sets": _Whole(1, 10),
        "planned_reps": _Whole(1, 50),
        "planned_hold_s": _Real(0, 600),
        "planned_sides": _Choice([s.value for s in Sides]),
        "done_sets": _Whole(0, 10),
        "done_reps": _Whole(0, 50),
        "done_hold_s": _Real(0, 600),
    },
    Kind.SYMPTOM_RESPONSES: {
        "log": _Uid(),
        "region": _Choice([r.value for r in SymptomRegion]),
        "level_before": _Whole(0, 5),
        "level_after": _Whole(0, 5),
        "response": _Choice([r.value for r in Response]),
        "recorded_at": _Instant(),
        "local_day": _Day(),
    },
    Kind.PAIN_ENTRIES: {
        "recorded_at": _Instant(),
        "local_day": _Day(),
        "intensity": _PAIN,
        "body_regions": _Keys(set(REGIONS_BY_KEY)),
        "qualities": _Keys({q.value for q in PainQuality}),
        "worse": _Text(TEXT_MAX),
        "better": _Text(TEXT_MAX),
        "medication": _Text(TEXT_MAX),
        "note": _Text(TEXT_MAX),
        "question_for_therapist": _Flag(),
        "red_flags": _Keys(RED_FLAG_KEYS),
    },
    Kind.CHECKINS: {
        "local_day": _Day(),
        "recorded_at": _Instant(),
        "worst_pain": _PAIN,
        "typical_pain": _PAIN,
        "sleep_quality": _PAIN_OR_NONE,
        "activity_level": _PAIN_OR_NONE,
        "note": _Text(TEXT_MAX),
    },
    Kind.TREATMENTS: {
        "occurred_on": _Day(),
        "recorded_at": _Instant(),
        "kind": _Choice([k.value for k in TreatmentKind]),
        "site": _Text(SHORT_TEXT_MAX),
        "provider": _Text(SHORT_TEXT_MAX),
        "note": _Text(TEXT_MAX),
    },
    Kind.PSFS_ACTIVITIES: {
        "name": _Text(SHORT_TEXT_MAX, required=True),
        "created_at": _Instant(),
        "retired_at": _Instant(nullable=True),
    },
    Kind.OUTCOME_SCORES: {
        "instrument": _Choice([i.value for i in Instrument]),
        "recorded_at": _Instant(),
        "local_day": _Day(),
        "score": _Real(0, 100),
        "details": _Details(),
        "note": _Text(500),
    },
}
# Which link each kind has to rows of another kind in the same file.
LINKS: dict[Kind, tuple[str, Kind]] = {
    Kind.EXERCISE_LOGS: ("session", Kind.SESSIONS),
    Kind.SYMPTOM_RESPONSES: ("log", Kind.EXERCISE_LOGS),
}
# Fields whose value is unique among a patient's rows of that kind (one check-in a day, one
# symptom response per exercise log), on top of the uid.
ONE_PER: dict[Kind, str] = {Kind.CHECKINS: "local_day", Kind.SYMPTOM_RESPONSES: "log"}
# The day that places each kind's rows in the file's range. Logs and symptom responses go with
# their session (LINKS); PSFS activities have none: all of them are sent.
DAY_FIELD: dict[Kind, str] = {
    Kind.SESSIONS: "local_day",
    Kind.PAIN_ENTRIES: "local_day",
    Kind.CHECKINS: "local_day",
    Kind.TREATMENTS: "occurred_on",
    Kind.OUTCOME_SCORES: "local_day",
}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def read_day(value: object) -> date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ValueError("must be a date written like 2026-03-16")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{quoted(value)} is not a date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"is {value}, outside the years Coach keeps")
    return day


def read_instant(value: object) -> datetime:
    if not isinstance(value, str) or not _INSTANT.fullmatch(value):
        raise ValueError("must be a UTC time written like 2026-03-16T08:15:00Z")
    try:
        moment = datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"{quoted(value)} is not a time") from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise ValueError(f"is {value}, outside the years Coach keeps")
    return moment


def write_instant(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


# --- reading -------------------------------------------------------------------------------


class _Object:
    """One JSON object of the file; errors name the field path, e.g. rows.sessions[3].status."""

    def __init__(self, data: object, path: str, allowed: Sequence[str] | set[str]) -> None:
        self.path = path
        if not isinstance(data, dict):
            raise self.error("", f"must be an object ({{...}}), not {_kind(data)}")
        self.data: dict[str, Any] = data
        unknown = sorted(str(key) for key in set(data) - set(allowed))
        if unknown:
            raise self.error(field_name(unknown[0]), "is not a field of a Coach progress file")

    def where(self, key: str) -> str:
        if not key:
            return self.path or "the file"
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> ProgressFileError:
        where = self.where(key)
        return ProgressFileError(f"This is not a usable progress file: {where} {problem}.")

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise self.error(key, "is missing")
        return self.data[key]

    def read(self, key: str, field_type: _Field) -> Any:
        value = self.raw(key)
        if value is None and field_type.nullable:
            return None
        try:
            return field_type.read(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None


def read_envelope(data: bytes) -> Envelope:
    """The plain part of a progress file: says what the file is without decrypting it."""
    document = _envelope_document(data)
    return _envelope(document)


def _envelope_document(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_FILE_BYTES:
        raise ProgressFileError(_too_big(len(data)))
    try:
        document = strict_json.loads(data, max_bytes=MAX_FILE_BYTES, what="a progress file")
    except StrictJsonError as exc:
        raise ProgressFileError(exc.message) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ProgressFileError(
            f'This is not a Coach progress file (it does not say format "{FORMAT_NAME}"); it '
            "may be another kind of file."
        )
    _version(_Object(document, "", set(document)))
    return document


def _version(top: _Object) -> None:
    version = top.raw("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise top.error("version", f"must be a whole number, not {_kind(version)}")
    if version > FORMAT_VERSION:
        raise ProgressFileError(
            f"This progress file was written by a newer Coach (file version {version}; this "
            f"Coach reads version {FORMAT_VERSION}). Please update Coach to open it."
        )
    if version < FORMAT_VERSION:
        raise top.error("version", f"is {version}; it must be {FORMAT_VERSION}")


_SEALED_KEYS = ("format", "version", "created", "sealed", "recipient", "payload")
_UNSEALED_KEYS = ("format", "version", "created", "sealed", "recipient", "notice", "progress")


def _envelope(document: dict[str, Any]) -> Envelope:
    sealed = document.get("sealed")
    if not isinstance(sealed, bool):
        raise ProgressFileError("This is not a usable progress file: sealed must be true or false.")
    top = _Object(document, "", _SEALED_KEYS if sealed else _UNSEALED_KEYS)
    created = top.read("created", _Instant())
    if sealed:
        recipient = top.read("recipient", _Text(40, required=True))
    elif top.raw("recipient") is not None:
        raise top.error("recipient", "must be null in a file that is not sealed")
    else:
        recipient = None
    return Envelope(created, sealed, recipient)


def open_progress(data: bytes, key_for: Callable[[str], KeyPair | None]) -> ProgressFile:
    """Check, open and read a progress file's bytes. Raises ProgressFileError with the reason.

    `key_for(fingerprint)` gives this copy's key pair of that fingerprint, or None when it
    holds none (the file is then for another therapist: NotForThisKeyError).
    """
    document = _envelope_document(data)
    envelope = _envelope(document)
    if envelope.sealed:
        assert envelope.recipient is not None
        keys = key_for(envelope.recipient)
        if keys is None:
            raise NotForThisKeyError(
                f"This progress file is sealed to another therapist's key "
                f"({quoted(envelope.recipient)}), not yours, so it cannot be opened."
            )
        sealed = sealing.canonical_b64decode(
            _Object(document, "", _SEALED_KEYS).read(
                "payload", _Text(MAX_FILE_BYTES, required=True)
            )
        )
        if sealed is None:
            raise ProgressFileError(
                "This is not a usable progress file: its sealed part is not base64 text."
            )
        try:
            plain = sealing.unseal(sealed, keys)
        except UnsealError as exc:
            raise ProgressFileError(exc.message) from None
        try:
            payload = strict_json.loads(
                plain, max_bytes=MAX_PAYLOAD_BYTES, what="a usable progress file"
            )
        except StrictJsonError as exc:
            raise ProgressFileError(exc.message) from None
        path = "payload"
    else:
        payload, path = document["progress"], "progress"
    return _payload(payload, path, envelope)


def _payload(data: object, path: str, envelope: Envelope) -> ProgressFile:
    top = _Object(
        data,
        path,
        ("format", "version", "created", "recipient", "patient", "range", "programmes", "rows"),
    )
    if top.raw("format") != PAYLOAD_FORMAT:
        raise top.error("format", f'must be "{PAYLOAD_FORMAT}"')
    _version(top)
    created = top.read("created", _Instant())
    recipient = None if top.raw("recipient") is None else top.read("recipient", _Text(40))
    if created != envelope.created or recipient != envelope.recipient:
        raise ProgressFileError(
            "This progress file was changed after it was written: its label does not match "
            "what is sealed inside."
        )
    who = _Object(top.raw("patient"), top.where("patient"), ("uid", "name"))
    span = _Object(top.raw("range"), top.where("range"), ("first", "last"))
    first, last = span.read("first", _Day()), span.read("last", _Day())
    if first > last:
        raise span.error("first", "comes after the last day")
    if last > created.date() + timedelta(days=1):  # a day's leeway: the patient's zone
        raise span.error("last", "comes after the day the file was written")
    programmes = top.raw("programmes")
    if not isinstance(programmes, list) or len(programmes) > MAX_ROWS:
        raise top.error("programmes", "must be a list of programme uids")
    programme_uids = tuple(
        _Object({"uid": uid}, top.where(f"programmes[{n}]"), ("uid",)).read("uid", _Uid())
        for n, uid in enumerate(programmes, start=1)
    )
    rows = _rows(_Object(top.raw("rows"), top.where("rows"), [k.value for k in Kind]), first, last)
    return ProgressFile(
        created=created,
        patient_uid=who.read("uid", _Uid()),
        patient_name=who.read("name", _Text(80, required=True)),
        first=first,
        last=last,
        programmes=programme_uids,
        rows=rows,
        recipient=recipient,
        sealed=envelope.sealed,
    )


def _rows(reader: _Object, first: date, last: date) -> dict[Kind, tuple[Row, ...]]:
    found: dict[Kind, tuple[Row, ...]] = {}
    for kind in Kind:
        entries = reader.raw(kind.value) if kind.value in reader.data else []
        if not isinstance(entries, list):
            raise reader.error(kind.value, f"must be a list, not {_kind(entries)}")
        if len(entries) > MAX_ROWS:
            raise reader.error(kind.value, f"has {len(entries)} rows; at most {MAX_ROWS} fit")
        fields = FIELDS[kind]
        seen: set[str] = set()
        taken: set[object] = set()
        once = ONE_PER.get(kind)
        rows: list[Row] = []
        for index, entry in enumerate(entries, start=1):
            row_reader = _Object(entry, reader.where(f"{kind.value}[{index}]"), ("uid", *fields))
            row: Row = {"uid": row_reader.read("uid", _Uid())}
            if row["uid"] in seen:
                raise row_reader.error("uid", f"{quoted(row['uid'])} is listed twice")
            seen.add(row["uid"])
            for name, kind_of in fields.items():
                row[name] = row_reader.read(name, kind_of)
            _check_row(kind, row, row_reader, first, last)
            if once is not None:
                if row[once] in taken:
                    raise row_reader.error(once, f"repeats another {kind.value} row's {once}")
                taken.add(row[once])
            rows.append(row)
        found[kind] = tuple(rows)
    for kind, (link, target) in LINKS.items():
        present = {row["uid"] for row in found[target]}
        for index, row in enumerate(found[kind], start=1):
            if row[link] not in present:
                raise reader.error(
                    f"{kind.value}[{index}].{link}",
                    f"names {quoted(row[link])}, which is not among the file's {target.value}",
                )
    return found


def _check_row(kind: Kind, row: Row, reader: _Object, first: date, last: date) -> None:
    """The rules beyond each field's own: the range, and the domain's rules for the record."""
    day_field = DAY_FIELD.get(kind)
    if day_field is not None and not first <= row[day_field] <= last:
        raise reader.error(day_field, "falls outside the file's range of days")
    try:
        if kind is Kind.PAIN_ENTRIES:
            PainEntry(
                recorded_at=row["recorded_at"],
                intensity=row["intensity"],
                regions=tuple(row["body_regions"]),
                qualities=tuple(PainQuality(q) for q in row["qualities"]),
                red_flags=tuple(row["red_flags"]),
            )
        elif kind is Kind.CHECKINS:
            CheckIn(row["local_day"], row["worst_pain"], row["typical_pain"])
        elif kind is Kind.TREATMENTS:
            Treatment(TreatmentKind(row["kind"]), row["occurred_on"])
        elif kind is Kind.OUTCOME_SCORES:
            _check_score(row)
    except ValidationError as exc:
        raise reader.error(exc.field or "", exc.message.rstrip(".").lower()) from None
    for start, end in (("started_at", "ended_at"), ("created_at", "retired_at")):
        if row.get(start) and row.get(end) and row[end] < row[start]:
            raise reader.error(end, f"comes before {start}")


def _check_score(row: Row) -> None:
    """An outcome's answers must fit its instrument and give the score it states."""
    instrument = Instrument(row["instrument"])
    answers = answers_of(instrument, row["details"])
    OutcomeScore(answers, row["recorded_at"])
    if abs(score(answers).score - row["score"]) > 1e-6:
        raise ValidationError("score", "Does not match the answers it was computed from.")


def answers_of(instrument: Instrument, details: dict[str, Any]) -> Answers:
    """The answers in an outcome score's `details`, checked; ValidationError when they do not
    fit the instrument (the shape coach.store.outcome_repo writes)."""
    wrong = ValidationError("details", f"Are not answers to the {instrument.value.upper()}.")
    try:
        if instrument is Instrument.NPRS:
            if set(details) != {"pain"}:
                raise wrong
            return NprsAnswers(details["pain"])
        if instrument is Instrument.PSFS:
            ratings = details.get("ratings")
            if set(details) != {"ratings"} or not isinstance(ratings, list):
                raise wrong
            items = []
            for entry in ratings:
                if not isinstance(entry, dict) or set(entry) != {"activity", "rating"}:
                    raise wrong
                if not isinstance(entry["activity"], str):
                    raise wrong
                items.append(PsfsRating(entry["activity"], entry["rating"]))
            return PsfsAnswers(tuple(items))
        sections = details.get("sections")
        if set(details) != {"sections"} or not isinstance(sections, list):
            raise wrong
        if len(sections) != SECTIONS or any(
            s is not None and (isinstance(s, bool) or not isinstance(s, int)) for s in sections
        ):
            raise wrong
        return SectionAnswers(instrument, tuple(sections))
    except TypeError:
        raise wrong from None


# --- writing -------------------------------------------------------------------------------


def _row_document(kind: Kind, row: Row) -> dict[str, Any]:
    fields = FIELDS[kind]
    out: dict[str, Any] = {"uid": row["uid"]}
    for name, kind_of in fields.items():
        value = row[name]
        out[name] = None if value is None else kind_of.write(value)
    return out


def payload_document(progress: ProgressFile) -> dict[str, Any]:
    return {
        "format": PAYLOAD_FORMAT,
        "version": FORMAT_VERSION,
        "created": write_instant(progress.created),
        "recipient": progress.recipient,
        "patient": {"uid": progress.patient_uid, "name": progress.patient_name},
        "range": {"first": progress.first.isoformat(), "last": progress.last.isoformat()},
        "programmes": list(progress.programmes),
        "rows": {
            kind.value: [_row_document(kind, row) for row in progress.rows.get(kind, ())]
            for kind in Kind
        },
    }


def to_bytes(progress: ProgressFile, public_key: bytes | None) -> bytes:
    """The file's bytes: sealed to `public_key`, or unsealed (and labelled so) without one."""
    created = write_instant(progress.created)
    if public_key is None:
        document: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "created": created,
            "sealed": False,
            "recipient": None,
            "notice": UNSEALED_NOTICE,
            "progress": payload_document(_addressed(progress, None)),
        }
        return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    recipient = sealing.fingerprint(public_key)
    plain = json.dumps(
        payload_document(_addressed(progress, recipient)),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    if len(plain) > MAX_PAYLOAD_BYTES:
        raise ProgressFileError(_too_big(len(plain)))
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "created": created,
        "sealed": True,
        "recipient": recipient,
        "payload": sealing.encode_key(sealing.seal(plain, public_key)),
    }
    return (json.dumps(document, separators=(",", ":")) + "\n").encode("ascii")


def _addressed(progress: ProgressFile, recipient: str | None) -> ProgressFile:
    return replace(progress, recipient=recipient, sealed=recipient is not None)


def write_progress(path: Path, progress: ProgressFile, public_key: bytes | None) -> int:
    """Write through a temporary file and a rename (never half a file under the name); the
    number of bytes written."""
    data = to_bytes(progress, public_key)
    if len(data) > MAX_FILE_BYTES:
        raise ProgressFileError(_too_big(len(data)))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data)


def read_progress(path: Path, key_for: Callable[[str], KeyPair | None]) -> ProgressFile:
    """Read a progress file from disk, at most MAX_FILE_BYTES of it (see open_progress)."""
    data = strict_json.read_limited(
        path, max_bytes=MAX_FILE_BYTES, what="a progress file", refuse=ProgressFileError
    )
    return open_progress(data, key_for)


def _too_big(size: int) -> str:
    return (
        f"This file is {size / 1024 / 1024:.1f} MB; progress files may be at most "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB, so it is probably not a progress file."
    )
