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

Each row is an object with its `uid` and the fields in progress_rows.FIELDS (the columns of that
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
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.domain.errors import UserError
from coach.exchange import sealing, strict_json
from coach.exchange.progress_rows import (
    FIELDS,
    LINKS,
    ONE_PER,
    Day,
    Field,
    Instant,
    Kind,
    Row,
    RowProblem,
    Text,
    Uid,
    check_row,
    write_instant,
)
from coach.exchange.sealing import KeyPair, UnsealError
from coach.exchange.strict_json import StrictJsonError, kind_of, quoted

FORMAT_NAME = "coach-progress"
PAYLOAD_FORMAT = "coach-progress-payload"
FORMAT_VERSION = 1
SUFFIX = ".coachprogress"
# A year of one patient's sessions is a few MB; these bound what a hostile file can make us do.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PAYLOAD_BYTES = 48 * 1024 * 1024
MAX_ROWS = 200_000  # per kind
UNSEALED_NOTICE = (
    "NOT PROTECTED: this progress file is not sealed to a therapist; anyone who has it can "
    "read it, and nothing shows whether it was changed."
)


class ProgressFileError(UserError, ValueError):
    """The progress file was refused; `message` is one sentence for the user."""

    title = "This progress file cannot be imported"


class NotForThisKeyError(ProgressFileError):
    """The file is sealed to a key this copy does not hold (another therapist's)."""


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


# --- reading -------------------------------------------------------------------------------


class _Object(strict_json.FieldReader):
    """One JSON object of the file; errors name the field path, e.g. rows.sessions[3].status."""

    document = "progress file"

    def refused(self, message: str) -> ProgressFileError:
        return ProgressFileError(message)

    def read(self, key: str, field_type: Field) -> Any:
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
        raise top.error("version", f"must be a whole number, not {kind_of(version)}")
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
    created = top.read("created", Instant())
    if sealed:
        recipient = top.read("recipient", Text(40, required=True))
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
            _Object(document, "", _SEALED_KEYS).read("payload", Text(MAX_FILE_BYTES, required=True))
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
    created = top.read("created", Instant())
    recipient = None if top.raw("recipient") is None else top.read("recipient", Text(40))
    if created != envelope.created or recipient != envelope.recipient:
        raise ProgressFileError(
            "This progress file was changed after it was written: its label does not match "
            "what is sealed inside."
        )
    who = _Object(top.raw("patient"), top.where("patient"), ("uid", "name"))
    span = _Object(top.raw("range"), top.where("range"), ("first", "last"))
    first, last = span.read("first", Day()), span.read("last", Day())
    if first > last:
        raise span.error("first", "comes after the last day")
    if last > created.date() + timedelta(days=1):  # a day's leeway: the patient's zone
        raise span.error("last", "comes after the day the file was written")
    programmes = top.raw("programmes")
    if not isinstance(programmes, list) or len(programmes) > MAX_ROWS:
        raise top.error("programmes", "must be a list of programme uids")
    programme_uids = tuple(
        _Object({"uid": uid}, top.where(f"programmes[{n}]"), ("uid",)).read("uid", Uid())
        for n, uid in enumerate(programmes, start=1)
    )
    rows = _rows(_Object(top.raw("rows"), top.where("rows"), [k.value for k in Kind]), first, last)
    return ProgressFile(
        created=created,
        patient_uid=who.read("uid", Uid()),
        patient_name=who.read("name", Text(80, required=True)),
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
            raise reader.error(kind.value, f"must be a list, not {kind_of(entries)}")
        if len(entries) > MAX_ROWS:
            raise reader.error(kind.value, f"has {len(entries)} rows; at most {MAX_ROWS} fit")
        fields = FIELDS[kind]
        seen: set[str] = set()
        taken: set[object] = set()
        once = ONE_PER.get(kind)
        rows: list[Row] = []
        for index, entry in enumerate(entries, start=1):
            row_reader = _Object(entry, reader.where(f"{kind.value}[{index}]"), ("uid", *fields))
            row: Row = {"uid": row_reader.read("uid", Uid())}
            if row["uid"] in seen:
                raise row_reader.error("uid", f"{quoted(row['uid'])} is listed twice")
            seen.add(row["uid"])
            for name, field_type in fields.items():
                row[name] = row_reader.read(name, field_type)
            try:
                check_row(kind, row, first, last)
            except RowProblem as problem:
                raise row_reader.error(problem.field, problem.problem) from None
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


# --- writing -------------------------------------------------------------------------------


def _row_document(kind: Kind, row: Row) -> dict[str, Any]:
    fields = FIELDS[kind]
    out: dict[str, Any] = {"uid": row["uid"]}
    for name, field_type in fields.items():
        value = row[name]
        out[name] = None if value is None else field_type.write(value)
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
