"""The `.coachprogramme` file: a programme, its exercises' dosages and any custom exercises.

A therapist exports a programme and sends it; the patient imports it. The file comes from
outside, so reading it checks everything before anything is used: the size (before parsing),
that it is strict JSON (coach.exchange.strict_json: no duplicate keys, NaN, huge numbers, NUL or
lone surrogates), that it says it is this format and a version this Coach reads, every field's
presence, type and range, and every embedded image (coach.exchange.images). Any failure raises
`ProgrammeFileError` with one plain sentence saying what is wrong and where. The starter
templates in assets/templates/ are files of this same format, read by this same parser.

Format (version 1), UTF-8 JSON; unknown fields are refused, since they are usually typos:

    {
      "format": "coach-programme",
      "version": 1,
      "programme": {
        "uid": "optional text, at most 36 characters",
        "template": false,                      # optional, default false
        "name": "1-120 characters",
        "goal": "", "notes": "",                # optional, at most 2000 characters each
        "author": {"name": "", "clinic": "", "contact": ""},   # optional
        "questionnaires": ["odi"],              # optional: "odi" and/or "ndi" asked at home
        "start_date": "2026-03-16",             # ISO date; optional only for templates
        "review_date": null, "end_date": null,  # optional ISO dates
        "items": [                              # 1-30 items, in order
          {
            "exercise": "prone-press-up",       # a library id or an embedded exercise's id
            "dosage": {"sets": 1, "reps": 10, "hold_s": 2, "rest_s": 0, "move_s": 2,
                       "return_s": 2, "sides": "none", "times_per_day": 6},
            "days": ["mon", "wed", "fri"],      # either fixed weekdays ...
            "days_per_week": 3,                 # ... or N days a week (exactly one of the two)
            "progression": {"field": "hold_s", "step": 2, "limit": 10},   # optional
            "note": ""                          # optional, at most 2000 characters
          }
        ]
      },
      "reminders": {                            # optional: the therapist's suggested plan
        "wake": "08:00", "sleep": "21:00",      # the waking window, 24-hour clock times
        "quiet_days": ["sun"]                   # optional: weekdays without reminders
      },
      "custom_exercises": [                     # optional: exercises not in the shipped library
        {
          "id": "custom-3f2a9c01b7de",
          "definition": {"name": ..., "summary": ..., "category": ..., "regions": [...],
                         "position": ..., "steps": [...], "cautions": [...], "dosage": {...},
                         "dosage_source": ...},          # as in assets/exercises/README.md
          "image": {"media_type": "image/png", "data": "<base64>"}   # or null
        }
      ]
    }

Dosage ranges are coach.domain.dosage.RANGES. Images are PNG, JPEG or SVG (image/png,
image/jpeg, image/svg+xml), at most 5 MB each, SVG without scripts or outside references.
The whole file may be at most 10 MB.

"reminders" came after version 1 was first written, so it stays version 1: a file without it
is what every Coach reads, and it is only written when a plan was suggested. A patient's copy
proposes the plan on import (coach.ui.programmes.file_flows); nothing applies it unasked.

Version 2 adds the hand-back (issue 17): whom the programme was written for, and the therapist
to send progress back to, sealed to their X25519 public key (coach.exchange.sealing):

      "for_patient": {"uid": "<the therapist's uid of the patient>", "name": "1-80 characters"},
      "therapist": {"public_key": "<base64, 32 bytes>", "name": "", "clinic": "", "contact": ""}

Both are optional, and a file carrying neither is written as version 1, so a Coach that reads
only version 1 still opens programmes and templates that are not for one patient. Version 1
files import as before (no hand-back).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import math
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from coach.domain.dosage import RANGES, SESSION_FIELDS, WHOLE_NUMBERS, Dosage
from coach.domain.errors import UserError
from coach.domain.outcomes import Instrument
from coach.domain.profile import ValidationError
from coach.domain.programme import (
    NAME_MAX,
    NOTE_MAX,
    WEEKDAYS,
    Author,
    Programme,
    ProgrammeItem,
    Progressable,
    Progression,
)
from coach.domain.reminders import ReminderRules
from coach.domain.sides import Sides
from coach.exchange import strict_json
from coach.exchange.images import CheckedImage, ImageKind, ImageRejected, check_image
from coach.exchange.sealing import BadKeyError, decode_key, encode_key, fingerprint
from coach.exchange.strict_json import StrictJsonError, kind_of, quoted

FORMAT_NAME = "coach-programme"
FORMAT_VERSION = 2
HANDOVER_VERSION = 2  # the first version that may carry for_patient and therapist
PATIENT_NAME_MAX = 80
SUFFIX = ".coachprogramme"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ITEMS = 30
UID_MAX = 36
ID_MAX = 80
AUTHOR_LIMITS = {"name": 80, "clinic": 120, "contact": 200}
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always fullmatch: "$" passes "id\n"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
MEDIA_TYPES = {
    "image/png": ImageKind.PNG,
    "image/jpeg": ImageKind.JPEG,
    "image/svg+xml": ImageKind.SVG,
}
# The fields of a custom exercise definition (coach.services.custom_exercise writes them).
DEFINITION_KEYS = frozenset(
    {
        "name",
        "summary",
        "category",
        "regions",
        "position",
        "steps",
        "cautions",
        "dosage",
        "dosage_source",
    }
)

_DOSAGE_KEYS = SESSION_FIELDS
_WHOLE_NUMBERS = WHOLE_NUMBERS


class ProgrammeFileError(UserError, ValueError):
    """The file was refused; `message` is one sentence for the user."""

    title = "This file cannot be imported"


@dataclass(frozen=True)
class EmbeddedExercise:
    """A custom exercise carried inside a programme file.

    The definition is checked here for shape only; the exercise service checks its content
    (it owns what a custom exercise may say) before anything is stored.
    """

    id: str
    definition: dict[str, Any]
    image: CheckedImage | None = None


@dataclass(frozen=True)
class TherapistCard:
    """The therapist a programme came from, and the key progress files are sealed to."""

    public_key: bytes
    name: str = ""
    clinic: str = ""
    contact: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Handover:
    """Version 2's hand-back fields: whom the programme is for, and whom to send progress to."""

    patient_uid: str
    patient_name: str
    therapist: TherapistCard | None = None


@dataclass(frozen=True)
class ProgrammeFile:
    programme: Programme  # id None; start_date is `today` for a template without one
    custom_exercises: tuple[EmbeddedExercise, ...] = field(default=())
    reminders: ReminderRules | None = None  # the sender's suggested reminder plan, if any
    questionnaires: frozenset[Instrument] = frozenset()  # the ODI/NDI the therapist asks for
    handover: Handover | None = None  # version 2: the patient it is for, the therapist's key


# --- reading -----------------------------------------------------------------------------------


class _Object(strict_json.FieldReader):
    """One JSON object of the file; errors name the field path, e.g. items[2].dosage.reps."""

    document = "programme file"

    def refused(self, message: str) -> ProgrammeFileError:
        return ProgrammeFileError(message)

    def text(self, key: str, limit: int, *, required: bool = False) -> str:
        if not required and key not in self.data:
            return ""
        value = self.raw(key)
        if not isinstance(value, str):
            raise self.error(key, f"must be text, not {kind_of(value)}")
        if len(value) > limit:
            raise self.error(key, f"is {len(value)} characters long; at most {limit} are allowed")
        if required and not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def number(self, key: str, low: float, high: float, *, whole: bool = False) -> float:
        value = self.raw(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.error(key, f"must be a number, not {kind_of(value)}")
        if not low <= value <= high:
            raise self.error(key, f"is {value:g}; it must be between {low:g} and {high:g}")
        if whole and not float(value).is_integer():
            raise self.error(key, f"must be a whole number, not {value:g}")
        return float(value)

    def day(self, key: str) -> date | None:
        if not self.has(key):
            return None
        value = self.raw(key)
        if not isinstance(value, str):
            raise self.error(key, f"must be a date written like 2026-03-16, not {kind_of(value)}")
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)  # fromisoformat also takes 20260316 and week dates
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"{quoted(value)} is not a date like 2026-03-16") from None

    def clock(self, key: str) -> time:
        value = self.raw(key)
        found = _CLOCK.fullmatch(value) if isinstance(value, str) else None
        if found is None:
            shown = quoted(value) if isinstance(value, str) else kind_of(value)
            raise self.error(key, f"must be a time of day like 08:00, not {shown}")
        return time(int(found.group(1)), int(found.group(2)))

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(key, f"must be a list ([...]), not {kind_of(value)}")
        return value


def _dosage(reader: _Object, days_per_week: int) -> Dosage:
    values: dict[str, Any] = {"days_per_week": days_per_week}
    for key in _DOSAGE_KEYS:
        if key == "sides":
            raw = reader.raw(key)
            allowed = ", ".join(s.value for s in Sides)
            if not isinstance(raw, str) or raw not in {s.value for s in Sides}:
                raise reader.error(key, f"must be one of: {allowed}")
            values[key] = Sides(raw)
            continue
        limits = RANGES[key]
        number = reader.number(key, limits.low, limits.high, whole=key in _WHOLE_NUMBERS)
        values[key] = int(number) if key in _WHOLE_NUMBERS else number
    return Dosage(**values)


def _progression(reader: _Object) -> Progression:
    raw_field = reader.raw("field")
    allowed = ", ".join(p.value for p in Progressable)
    if not isinstance(raw_field, str) or raw_field not in {p.value for p in Progressable}:
        raise reader.error("field", f"must be one of: {allowed}")
    kind = Progressable(raw_field)
    bounds = RANGES[kind.value]
    whole = kind is not Progressable.HOLD_S
    step = reader.number("step", 0, bounds.high, whole=whole)
    limit = reader.number("limit", bounds.low, bounds.high, whole=whole)
    try:
        return Progression(kind, step, limit)
    except ValidationError as exc:
        raise reader.error("step", exc.message.rstrip(".")) from None


def _item(data: object, path: str) -> ProgrammeItem:
    reader = _Object(
        data, path, {"exercise", "dosage", "days", "days_per_week", "progression", "note"}
    )
    exercise_id = reader.text("exercise", ID_MAX, required=True)
    if not ID_PATTERN.fullmatch(exercise_id):
        raise reader.error("exercise", f"{quoted(exercise_id)} is not an exercise id")
    has_days, has_count = reader.has("days"), reader.has("days_per_week")
    if has_days == has_count:
        raise reader.error("days", "or days_per_week must be given (one of them, not both)")
    days: frozenset[int] | None = None
    if has_days:
        names = reader.items("days")
        if not names:
            raise reader.error("days", "needs at least one day")
        chosen: set[int] = set()
        for name in names:
            if not isinstance(name, str) or name not in WEEKDAYS:
                raise reader.error("days", "lists days as mon, tue, wed, thu, fri, sat, sun")
            chosen.add(WEEKDAYS.index(name))
        days = frozenset(chosen)
        count = len(days)
    else:
        limits = RANGES["days_per_week"]
        count = int(reader.number("days_per_week", limits.low, limits.high, whole=True))
    dosage_reader = _Object(reader.raw("dosage"), reader.where("dosage"), frozenset(_DOSAGE_KEYS))
    dosage = _dosage(dosage_reader, count)
    progression = None
    if reader.has("progression"):
        progression = _progression(
            _Object(
                reader.raw("progression"), reader.where("progression"), {"field", "step", "limit"}
            )
        )
    return ProgrammeItem(exercise_id, dosage, days, progression, reader.text("note", NOTE_MAX))


def _image(data: object, path: str) -> CheckedImage:
    reader = _Object(data, path, {"media_type", "data"})
    media_type = reader.text("media_type", 40, required=True)
    if media_type not in MEDIA_TYPES:
        raise reader.error(
            "media_type", f"is {quoted(media_type)}; only PNG, JPEG and SVG images are accepted"
        )
    encoded = reader.text("data", MAX_FILE_BYTES, required=True)
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise reader.error("data", "is not base64-encoded image data") from None
    try:
        image = check_image(raw)
    except ImageRejected as exc:
        raise ProgrammeFileError(f"The picture at {path} was refused: {exc.message}") from None
    if image.kind is not MEDIA_TYPES[media_type]:
        raise reader.error(
            "media_type", f"says {media_type} but the picture is a {image.kind.value.upper()}"
        )
    return image


def read_reminders(data: object) -> ReminderRules:
    """A suggested reminder plan ("reminders" in the file), checked as strictly as the rest."""
    reader = _Object(data, "reminders", {"wake", "sleep", "quiet_days"})
    quiet: set[int] = set()
    if reader.has("quiet_days"):
        names = reader.items("quiet_days")
        if len(names) > len(WEEKDAYS) - 1:
            raise reader.error("quiet_days", "leaves no day for reminders")
        for name in names:
            if not isinstance(name, str) or name not in WEEKDAYS:
                raise reader.error("quiet_days", "lists days as mon, tue, wed, thu, fri, sat, sun")
            quiet.add(WEEKDAYS.index(name))
    try:
        return ReminderRules(reader.clock("wake"), reader.clock("sleep"), frozenset(quiet))
    except ValidationError as exc:
        raise reader.error("wake", exc.message.rstrip(".").lower()) from None


def _embedded(data: object, path: str) -> EmbeddedExercise:
    reader = _Object(data, path, {"id", "definition", "image"})
    exercise_id = reader.text("id", ID_MAX, required=True)
    if not ID_PATTERN.fullmatch(exercise_id):
        raise reader.error("id", f"{quoted(exercise_id)} is not an exercise id")
    definition = _Object(reader.raw("definition"), reader.where("definition"), DEFINITION_KEYS)
    image = _image(reader.raw("image"), reader.where("image")) if reader.has("image") else None
    return EmbeddedExercise(exercise_id, dict(definition.data), image)


def parse_programme(data: bytes, today: date) -> ProgrammeFile:
    """Check and read a programme file's bytes. Raises ProgrammeFileError with the reason.

    `today` is the start date given to a template that has none of its own.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ProgrammeFileError(_too_big(len(data)))
    try:
        document = strict_json.loads(data, max_bytes=MAX_FILE_BYTES, what="a programme file")
    except StrictJsonError as exc:
        raise ProgrammeFileError(exc.message) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ProgrammeFileError(
            "This is not a Coach programme file (it does not say format "
            f'"{FORMAT_NAME}"); it may be another kind of file.'
        )
    top = _Object(
        document,
        "",
        {
            "format",
            "version",
            "programme",
            "reminders",
            "custom_exercises",
            "for_patient",
            "therapist",
        },
    )
    version = top.raw("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise top.error("version", f"must be a whole number, not {kind_of(version)}")
    if version > FORMAT_VERSION:
        raise ProgrammeFileError(
            f"This programme file was written by a newer Coach (file version {version}; this "
            f"Coach reads version {FORMAT_VERSION}). Please update Coach to open it."
        )
    if version < 1:
        raise top.error("version", f"is {version}; it must be {FORMAT_VERSION}")
    if version < HANDOVER_VERSION and (top.has("for_patient") or top.has("therapist")):
        field_given = "for_patient" if top.has("for_patient") else "therapist"
        raise top.error(field_given, f"needs file version {HANDOVER_VERSION}")
    handover = _handover(top)
    programme = _programme(top.raw("programme"), today)
    embedded: list[EmbeddedExercise] = []
    if top.has("custom_exercises"):
        for index, entry in enumerate(top.items("custom_exercises"), start=1):
            found = _embedded(entry, f"custom_exercises[{index}]")
            if any(other.id == found.id for other in embedded):
                raise top.error(f"custom_exercises[{index}].id", f"{found.id!r} is listed twice")
            embedded.append(found)
        if len(embedded) > MAX_ITEMS:
            raise top.error("custom_exercises", f"has more than {MAX_ITEMS} exercises")
    fields = document["programme"]  # an object whose every key _programme has checked
    asked = _questionnaires(_Object(fields, "programme", set(fields)))
    reminders = read_reminders(top.raw("reminders")) if top.has("reminders") else None
    return ProgrammeFile(programme, tuple(embedded), reminders, asked, handover)


def _handover(top: _Object) -> Handover | None:
    if not top.has("for_patient"):
        if top.has("therapist"):
            raise top.error("for_patient", "is missing (the therapist field needs it)")
        return None
    who = _Object(top.raw("for_patient"), "for_patient", {"uid", "name"})
    uid = who.text("uid", UID_MAX, required=True)
    if not re.fullmatch(r"[0-9A-Za-z-]+", uid):
        raise who.error("uid", "is not a patient uid (letters, digits and dashes)")
    name = who.text("name", PATIENT_NAME_MAX, required=True)
    card = None
    if top.has("therapist"):
        sender = _Object(top.raw("therapist"), "therapist", {"public_key", *AUTHOR_LIMITS})
        try:
            key = decode_key(sender.text("public_key", 100, required=True))
        except BadKeyError:
            raise sender.error("public_key", "is not a 32-byte X25519 key in base64") from None
        card = TherapistCard(key, *(sender.text(k, limit) for k, limit in AUTHOR_LIMITS.items()))
    return Handover(uid, name, card)


# Questionnaires a programme may ask the patient to fill in at home (from the therapist's form).
ASKABLE = (Instrument.ODI, Instrument.NDI)


def _questionnaires(reader: _Object) -> frozenset[Instrument]:
    if not reader.has("questionnaires"):
        return frozenset()
    names = reader.items("questionnaires")
    allowed = {i.value for i in ASKABLE}
    if len(names) > len(allowed):
        raise reader.error("questionnaires", f"lists {len(names)}; at most {len(allowed)} fit")
    for name in names:
        if not isinstance(name, str) or name not in allowed:
            raise reader.error("questionnaires", "lists only odi and ndi")
    return frozenset(Instrument(name) for name in names)


def _programme(data: object, today: date) -> Programme:
    reader = _Object(
        data,
        "programme",
        {
            "uid",
            "template",
            "name",
            "goal",
            "notes",
            "author",
            "questionnaires",
            "start_date",
            "review_date",
            "end_date",
            "items",
        },
    )
    template = reader.raw("template") if reader.has("template") else False
    if not isinstance(template, bool):
        raise reader.error("template", f"must be true or false, not {kind_of(template)}")
    author = Author()
    if reader.has("author"):
        who = _Object(reader.raw("author"), reader.where("author"), set(AUTHOR_LIMITS))
        author = Author(*(who.text(key, limit) for key, limit in AUTHOR_LIMITS.items()))
    start = reader.day("start_date")
    if start is None:
        if not template:
            raise reader.error("start_date", "is missing")
        start = today
    entries = reader.items("items")
    if len(entries) > MAX_ITEMS:
        raise reader.error("items", f"has {len(entries)} exercises; at most {MAX_ITEMS} fit")
    try:
        items = tuple(
            _item(entry, f"programme.items[{index}]")
            for index, entry in enumerate(entries, start=1)
        )
        value = Programme(
            uid=reader.text("uid", UID_MAX),
            name=reader.text("name", NAME_MAX, required=True),
            start_date=start,
            items=items,
            goal=reader.text("goal", NOTE_MAX),
            notes=reader.text("notes", NOTE_MAX),
            author=author,
            review_date=reader.day("review_date"),
            end_date=reader.day("end_date"),
            is_template=template,
        )
        return value.validated()
    except ValidationError as exc:
        raise ProgrammeFileError(
            f"This is not a usable programme file: {exc.message.rstrip('.')}."
        ) from None


def read_programme(path: Path, today: date) -> ProgrammeFile:
    """Read a programme file from disk; its size is checked before a byte of it is parsed."""
    with contextlib.suppress(OSError):  # a file that cannot be looked at: read_limited says why
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProgrammeFileError(_too_big(size))
    data = strict_json.read_limited(
        path, max_bytes=MAX_FILE_BYTES, what="a programme file", refuse=ProgrammeFileError
    )
    return parse_programme(data, today)


def _too_big(size: int) -> str:
    return (
        f"This file is {size / 1024 / 1024:.1f} MB; programme files may be at most "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB, so it is probably not a programme file."
    )


# --- writing -----------------------------------------------------------------------------------


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _item_dict(item: ProgrammeItem) -> dict[str, Any]:
    dosage: dict[str, Any] = {}
    for key in _DOSAGE_KEYS:
        value = getattr(item.dosage, key)
        dosage[key] = value.value if isinstance(value, Sides) else _number(value)
    out: dict[str, Any] = {"exercise": item.exercise_id, "dosage": dosage}
    if item.days is None:
        out["days_per_week"] = item.dosage.days_per_week
    else:
        out["days"] = [WEEKDAYS[d] for d in sorted(item.days)]
    if item.progression is not None:
        p = item.progression
        out["progression"] = {
            "field": p.field.value,
            "step": _number(p.step),
            "limit": _number(p.limit),
        }
    out["note"] = item.note
    return out


def _image_dict(image: CheckedImage) -> dict[str, str]:
    media = next(name for name, kind in MEDIA_TYPES.items() if kind is image.kind)
    return {"media_type": media, "data": base64.b64encode(image.data).decode("ascii")}


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def to_document(
    value: Programme,
    custom: Sequence[EmbeddedExercise] = (),
    reminders: ReminderRules | None = None,
    questionnaires: frozenset[Instrument] = frozenset(),
    *,
    handover: Handover | None = None,
) -> dict[str, Any]:
    """The JSON document for a programme, the custom exercises it uses, what it asks for, any
    suggested reminder plan and the hand-back (each left out when there is none, so older
    Coaches read the file; with a hand-back it is version 2)."""
    programme: dict[str, Any] = {
        "uid": value.uid,
        "template": value.is_template,
        "name": value.name,
        "goal": value.goal,
        "notes": value.notes,
        "author": {
            "name": value.author.name,
            "clinic": value.author.clinic,
            "contact": value.author.contact,
        },
        "start_date": value.start_date.isoformat(),
        "review_date": value.review_date.isoformat() if value.review_date else None,
        "end_date": value.end_date.isoformat() if value.end_date else None,
        "items": [_item_dict(item) for item in value.items],
    }
    if questionnaires:
        programme["questionnaires"] = sorted(i.value for i in questionnaires)
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": HANDOVER_VERSION if handover is not None else 1,
        "programme": programme,
        "custom_exercises": [
            {
                "id": exercise.id,
                "definition": exercise.definition,
                "image": _image_dict(exercise.image) if exercise.image else None,
            }
            for exercise in custom
        ],
    }
    if reminders is not None:
        document["reminders"] = reminders_document(reminders)
    if handover is not None:
        document["for_patient"] = {"uid": handover.patient_uid, "name": handover.patient_name}
        card = handover.therapist
        if card is not None:
            document["therapist"] = {
                "public_key": encode_key(card.public_key),
                "name": card.name,
                "clinic": card.clinic,
                "contact": card.contact,
            }
    return document


def reminders_document(plan: ReminderRules) -> dict[str, Any]:
    """A suggested plan as the file holds it: the waking window and the quiet days."""
    return {
        "wake": _clock(plan.wake),
        "sleep": _clock(plan.sleep),
        "quiet_days": [WEEKDAYS[d] for d in sorted(plan.quiet_days)],
    }


def to_bytes(
    value: Programme,
    custom: Sequence[EmbeddedExercise] = (),
    reminders: ReminderRules | None = None,
    questionnaires: frozenset[Instrument] = frozenset(),
    *,
    handover: Handover | None = None,
) -> bytes:
    document = to_document(value, custom, reminders, questionnaires, handover=handover)
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_programme(
    path: Path,
    value: Programme,
    custom: Sequence[EmbeddedExercise] = (),
    reminders: ReminderRules | None = None,
    questionnaires: frozenset[Instrument] = frozenset(),
    *,
    handover: Handover | None = None,
) -> None:
    """Write the file through a temporary file and a rename: never half a file under the name."""
    data = to_bytes(value, custom, reminders, questionnaires, handover=handover)
    if len(data) > MAX_FILE_BYTES:
        raise ProgrammeFileError(_too_big(len(data)))
    folder = path.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
