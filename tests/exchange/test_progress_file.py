"""The .coachprogress format: sealed round trip, and every way a file is refused.

A refused file raises ProgressFileError (one sentence); nothing else may escape. The hostile
corpus runs on the decrypted payload too: each case is sealed with a valid key, so the envelope
and the seal are fine and only the content inside is hostile.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from coach.exchange import sealing
from coach.exchange.progress_file import (
    MAX_ROWS,
    NotForThisKeyError,
    ProgressFile,
    ProgressFileError,
    open_progress,
    payload_document,
    read_envelope,
    to_bytes,
)
from coach.exchange.progress_rows import Kind
from coach.exchange.sealing import KeyPair

CREATED = datetime(2026, 3, 16, 18, 0, tzinfo=UTC)
KEYS = KeyPair.generate()
OTHER = KeyPair.generate()


def mine(fingerprint: str) -> KeyPair | None:
    return KEYS if fingerprint == KEYS.fingerprint else None


def sample() -> ProgressFile:
    at = datetime(2026, 3, 15, 8, 15, tzinfo=UTC)
    session = {
        "uid": "s1",
        "programme": "p1",
        "started_at": at,
        "ended_at": at.replace(minute=25),
        "local_day": date(2026, 3, 15),
        "timezone": "Europe/London",
        "status": "completed",
        "pain_before": 5,
        "pain_after": 3,
        "symptom_region": "lumbar",
        "symptoms_before": 3,
        "effort": "same",
        "note": "Stiff — then easier.",
    }
    log = {
        "uid": "l1",
        "session": "s1",
        "exercise_id": "prone-press-up",
        "local_day": date(2026, 3, 15),
        "started_at": at,
        "ended_at": at.replace(minute=20),
        "status": "partial",
        "planned_sets": 1,
        "planned_reps": 10,
        "planned_hold_s": 2.0,
        "planned_sides": "none",
        "done_sets": 1,
        "done_reps": 7,
        "done_hold_s": 2.0,
    }
    symptom = {
        "uid": "r1",
        "log": "l1",
        "region": "lumbar",
        "level_before": 3,
        "level_after": 2,
        "response": "centralized",
        "recorded_at": at.replace(minute=21),
        "local_day": date(2026, 3, 15),
    }
    pain = {
        "uid": "e1",
        "recorded_at": at,
        "local_day": date(2026, 3, 15),
        "intensity": 6,
        "body_regions": ["low_back", "left_buttock"],
        "qualities": ["aching"],
        "worse": "sitting",
        "better": "walking",
        "medication": "",
        "note": "",
        "question_for_therapist": True,
        "red_flags": [],
    }
    score = {
        "uid": "o1",
        "instrument": "nprs",
        "recorded_at": at,
        "local_day": date(2026, 3, 15),
        "score": 6.0,
        "details": {"pain": 6},
        "note": "",
    }
    checkin = {
        "uid": "c9",
        "local_day": date(2026, 3, 14),
        "recorded_at": at.replace(day=14, hour=20),
        "worst_pain": 6,
        "typical_pain": 4,
        "sleep_quality": 7,
        "activity_level": None,
        "note": "",
    }
    treatment = {
        "uid": "t1",
        "occurred_on": date(2026, 3, 10),
        "recorded_at": at,
        "kind": "epidural_steroid_injection",
        "site": "L5-S1",
        "provider": "Pain clinic",
        "note": "",
    }
    activity = {"uid": "a1", "name": "Lifting the shopping", "created_at": at, "retired_at": None}
    return ProgressFile(
        created=CREATED,
        patient_uid="patient-1",
        patient_name="Ann Lee",
        first=date(2026, 3, 1),
        last=date(2026, 3, 16),
        programmes=("p1",),
        rows={
            Kind.SESSIONS: (session,),
            Kind.EXERCISE_LOGS: (log,),
            Kind.SYMPTOM_RESPONSES: (symptom,),
            Kind.PAIN_ENTRIES: (pain,),
            Kind.CHECKINS: (checkin,),
            Kind.TREATMENTS: (treatment,),
            Kind.PSFS_ACTIVITIES: (activity,),
            Kind.OUTCOME_SCORES: (score,),
        },
    )


def test_a_sealed_file_reads_back_as_it_was_written() -> None:
    data = to_bytes(sample(), KEYS.public)
    envelope = read_envelope(data)
    assert envelope.sealed and envelope.recipient == KEYS.fingerprint
    assert envelope.created == CREATED
    assert b"Ann Lee" not in data and b"prone-press-up" not in data
    back = open_progress(data, mine)
    assert back.sealed and back.recipient == KEYS.fingerprint
    assert (back.patient_uid, back.patient_name) == ("patient-1", "Ann Lee")
    for kind in Kind:
        assert list(back.rows[kind]) == list(sample().rows.get(kind, ()))


def test_an_unsealed_file_is_readable_and_says_it_is_not_protected() -> None:
    data = to_bytes(sample(), None)
    document = json.loads(data)
    assert document["sealed"] is False
    assert document["notice"].startswith("NOT PROTECTED")
    assert document["progress"]["patient"]["name"] == "Ann Lee"
    back = open_progress(data, mine)
    assert not back.sealed and back.count(Kind.EXERCISE_LOGS) == 1


def test_a_file_for_another_therapist_is_named_as_such() -> None:
    data = to_bytes(sample(), OTHER.public)
    with pytest.raises(NotForThisKeyError, match="another therapist's key"):
        open_progress(data, mine)


def test_every_flipped_byte_is_refused() -> None:
    data = to_bytes(sample(), KEYS.public)
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(ProgressFileError):
            open_progress(bytes(changed), mine)


def test_every_truncation_is_refused() -> None:
    data = to_bytes(sample(), KEYS.public)
    for length in range(0, len(data) - 1, 7):  # the last byte is the newline, not content
        with pytest.raises(ProgressFileError):
            open_progress(data[:length], mine)


def test_a_changed_label_outside_the_seal_is_refused_as_tampered() -> None:
    document = json.loads(to_bytes(sample(), KEYS.public))
    document["created"] = "2027-01-01T00:00:00Z"
    with pytest.raises(ProgressFileError, match="changed after it was written"):
        open_progress(json.dumps(document).encode(), mine)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="coach-programme"), "not a Coach progress file"),
        (lambda d: d.update(version=2), "newer Coach"),
        (lambda d: d.update(version=0), "version is 0"),
        (lambda d: d.update(version="1"), "version must be a whole number"),
        (lambda d: d.update(sealed="yes"), "sealed must be true or false"),
        (lambda d: d.update(extra=1), "extra is not a field"),
        (lambda d: d.update(payload="not base64!"), "not base64"),
    ],
)
def test_a_wrong_envelope_is_refused_with_one_line(
    change: Callable[[dict[str, Any]], None], words: str
) -> None:
    document = json.loads(to_bytes(sample(), KEYS.public))
    change(document)
    with pytest.raises(ProgressFileError, match=words) as refused:
        open_progress(json.dumps(document).encode(), mine)
    assert "\n" not in refused.value.message


def _sealed(payload: Any) -> bytes:
    """A well-formed envelope around `payload`, sealed to KEYS (the hostile part is inside)."""
    plain = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    document = {
        "format": "coach-progress",
        "version": 1,
        "created": "2026-03-16T18:00:00Z",
        "sealed": True,
        "recipient": KEYS.fingerprint,
        "payload": sealing.encode_key(sealing.seal(plain, KEYS.public)),
    }
    return json.dumps(document).encode()


def _payload() -> dict[str, Any]:
    return payload_document(
        ProgressFile(**{**sample().__dict__, "recipient": KEYS.fingerprint, "sealed": True})
    )


def _row(kind: str, index: int = 0) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda p: p["rows"][kind][index]


def _deep(levels: int) -> Any:
    value: Any = 0
    for _ in range(levels):
        value = [value]
    return value


CHECKIN = {
    "uid": "c1",
    "local_day": "2026-03-15",
    "recorded_at": "2026-03-15T20:00:00Z",
    "worst_pain": 5,
    "typical_pain": 3,
    "sleep_quality": None,
    "activity_level": None,
    "note": "",
}
FAR_FUTURE = "9999-01-01T00:00:00Z"
EARLIER = "2026-03-15T07:00:00Z"

HOSTILE: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("huge number", lambda p: _row("sessions")(p).update(pain_before=10**30)),
    ("out of range", lambda p: _row("sessions")(p).update(pain_before=11)),
    ("float for whole", lambda p: _row("exercise_logs")(p).update(done_reps=7.5)),
    ("bool for number", lambda p: _row("exercise_logs")(p).update(done_sets=True)),
    ("wrong type", lambda p: _row("pain_entries")(p).update(intensity="6")),
    ("deep nesting", lambda p: _row("outcome_scores")(p).update(details=_deep(40))),
    ("huge string", lambda p: _row("sessions")(p).update(note="x" * 100_000)),
    ("unknown kind", lambda p: p["rows"].update(medications=[])),
    ("unknown field", lambda p: _row("sessions")(p).update(password="x")),
    ("missing field", lambda p: _row("sessions")(p).pop("status")),
    ("unknown choice", lambda p: _row("sessions")(p).update(status="hacked")),
    ("duplicate uid", lambda p: p["rows"]["sessions"].append(dict(_row("sessions")(p)))),
    ("bad uid", lambda p: _row("sessions")(p).update(uid="../../etc")),
    ("day out of range", lambda p: _row("pain_entries")(p).update(local_day="2026-04-30")),
    (
        "year out of range",
        lambda p: _row("pain_entries")(p).update(recorded_at="9999-01-01T00:00:00Z"),
    ),
    ("not a date", lambda p: _row("sessions")(p).update(local_day="2026-02-30")),
    ("local time", lambda p: _row("sessions")(p).update(started_at="2026-03-15T08:15:00")),
    ("missing session", lambda p: _row("exercise_logs")(p).update(session="nope")),
    ("missing log", lambda p: _row("symptom_responses")(p).update(log="nope")),
    ("unknown region", lambda p: _row("pain_entries")(p).update(body_regions=["tail"])),
    ("repeated region", lambda p: _row("pain_entries")(p).update(body_regions=["neck", "neck"])),
    ("unknown red flag", lambda p: _row("pain_entries")(p).update(red_flags=["x"])),
    ("wrong score", lambda p: _row("outcome_scores")(p).update(score=1.0)),
    ("wrong answers", lambda p: _row("outcome_scores")(p).update(details={"sections": [1]})),
    (
        "typical over worst",
        lambda p: p["rows"]["checkins"].append(
            {
                "uid": "c1",
                "local_day": "2026-03-15",
                "recorded_at": "2026-03-15T20:00:00Z",
                "worst_pain": 3,
                "typical_pain": 5,
                "sleep_quality": None,
                "activity_level": None,
                "note": "",
            }
        ),
    ),
    (
        "ends before it starts",
        lambda p: _row("sessions")(p).update(ended_at="2026-03-15T07:00:00Z"),
    ),
    ("first after last", lambda p: p["range"].update(first="2026-04-01")),
    ("last after written", lambda p: p["range"].update(last="2026-03-20")),
    ("wrong inner format", lambda p: p.update(format="coach-programme")),
    ("inner created differs", lambda p: p.update(created="2026-03-16T18:00:01Z")),
    ("rows not a list", lambda p: p["rows"].update(sessions={})),
    ("too many rows", lambda p: p["rows"].update(treatments=[0] * (MAX_ROWS + 1))),
    ("programmes not uids", lambda p: p.update(programmes=[1, 2])),
    ("nul in text", lambda p: _row("sessions")(p).update(note="a\x00b")),
    ("name empty", lambda p: p["patient"].update(name="  ")),
    ("bad zone", lambda p: _row("sessions")(p).update(timezone="../../etc/passwd")),
    ("bad exercise id", lambda p: _row("exercise_logs")(p).update(exercise_id="a b\nc")),
    (
        "two responses for a log",
        lambda p: p["rows"]["symptom_responses"].append(
            {**_row("symptom_responses")(p), "uid": "r2"}
        ),
    ),
    (
        "two check-ins on a day",
        lambda p: p["rows"]["checkins"].extend([CHECKIN, {**CHECKIN, "uid": "c2"}]),
    ),
]


@pytest.mark.parametrize(("name", "change"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_hostile_content_inside_a_valid_seal_is_refused(
    name: str, change: Callable[[dict[str, Any]], None]
) -> None:
    payload = copy.deepcopy(_payload())
    payload["created"] = "2026-03-16T18:00:00Z"
    change(payload)
    with pytest.raises(ProgressFileError) as refused:
        open_progress(_sealed(payload), mine)
    assert "\n" not in refused.value.message, name
    assert len(refused.value.message) < 300, name


@pytest.mark.parametrize(
    "plain", [b"", b"not json", b"\xff\xfe", b'{"a": NaN}', b"[" * 5000, b'{"a":1,"a":2}']
)
def test_a_payload_that_is_not_strict_json_is_refused(plain: bytes) -> None:
    with pytest.raises(ProgressFileError):
        open_progress(_sealed(plain), mine)


def test_the_untouched_hostile_base_payload_is_accepted() -> None:
    payload = _payload()
    payload["created"] = "2026-03-16T18:00:00Z"
    assert open_progress(_sealed(payload), mine).count(Kind.SESSIONS) == 1


def _bad_values(field: Any) -> list[Any]:
    """Values each kind of field must refuse, derived from the format's own field table."""
    from coach.exchange import progress_rows as pf

    common: list[Any] = [{"nested": [1]}, [1, 2]]
    if not field.nullable:
        common.append(None)
    if isinstance(field, pf.Whole):
        return [*common, field.low - 1, field.high + 1, 2.5, "1", True, 10**30]
    if isinstance(field, pf.Real):
        return [*common, field.low - 1, field.high + 1, "1", False]
    if isinstance(field, pf.Text):
        return [*common, 5, "x" * (field.limit + 1), *([" "] if field.required else [])]
    if isinstance(field, pf.Choice):
        return [*common, "nope", 1]
    if isinstance(field, pf.Day):
        return [*common, "2026-3-15", "2026-02-30", "1999-12-31", 20260315]
    if isinstance(field, pf.Instant):
        return [*common, "2026-03-15T08:15:00", "2026-03-15 08:15:00Z", "2026-03-15T25:00:00Z", 1]
    if isinstance(field, pf.Uid):
        return [*common, "", "a/b", "x" * 37, 7]
    if isinstance(field, pf.Keys):
        return [{"nested": [1]}, None, "low_back", [1], ["unknown-key"]]
    if isinstance(field, pf.Flag):
        return [*common, 0, "true"]
    if isinstance(field, pf.ExerciseId):
        return [*common, "Prone Press", "a" * 81, 3]
    if isinstance(field, pf.Zone):
        return [*common, "Mars/Olympus", "../etc", 3]
    if isinstance(field, pf.Details):
        return [None, [1], "pain", {"pain": 11}, {"pain": 6, "extra": 1}]
    raise AssertionError(f"no bad values for {type(field).__name__}")


def _generated() -> list[tuple[str, bytes]]:
    from coach.exchange.progress_rows import FIELDS

    base = _payload()
    base["created"] = "2026-03-16T18:00:00Z"
    cases: list[tuple[str, bytes]] = []
    for kind, fields in FIELDS.items():
        if not base["rows"][kind.value]:
            continue
        for name, field in fields.items():
            for value in _bad_values(field):
                payload = copy.deepcopy(base)
                payload["rows"][kind.value][0][name] = value
                cases.append((f"{kind.value}.{name}={value!r:.30}", _sealed(payload)))
    return cases


def test_a_generated_corpus_of_bad_fields_is_refused_in_one_line_each() -> None:
    cases = _generated()
    assert len(cases) >= 400
    accepted = []
    for label, data in cases:
        try:
            open_progress(data, mine)
        except ProgressFileError as refused:
            assert "\n" not in refused.message, label
        else:
            accepted.append(label)
    assert accepted == [], accepted
