"""What the hand-back remembers between files, kept in the settings table (no schema change).

- In a patient's copy, RECIPIENT: the therapist the newest version-2 programme file came from
  (their public key, name, clinic and contact) and the uid and name that therapist's copy gives
  the patient, so progress files name the patient as the therapist knows them. Written in the
  same transaction as the programme it came with (coach.services.programme_transfer).
- In a patient's copy, LAST_SENT: the last day the newest progress file covered, so the next
  file starts there by default (that day again: a row added later that day is not missed, and
  one sent twice is matched by uid on import).
- In a therapist's copy, RECEIVED: per patient uid, the creation time of the newest progress
  file imported for them; an edited row replaces the stored one only from a newer file.

Values are JSON objects; anything that does not read as expected counts as never written.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from coach.exchange.programme_file import Handover
from coach.exchange.progress_rows import read_day, read_instant, write_instant
from coach.exchange.sealing import KEY_BYTES, fingerprint
from coach.store import settings_repo

RECIPIENT = "handback.recipient"
LAST_SENT = "handback.last_sent"
RECEIVED = "handback.received"


@dataclass(frozen=True)
class Recipient:
    """The therapist a patient's progress goes to, and the patient as that therapist knows them."""

    public_key: bytes
    name: str
    clinic: str
    contact: str
    patient_uid: str
    patient_name: str
    programme_uid: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def recipient_of(handover: Handover, programme_uid: str) -> Recipient | None:
    card = handover.therapist
    if card is None:
        return None
    return Recipient(
        card.public_key,
        card.name,
        card.clinic,
        card.contact,
        handover.patient_uid,
        handover.patient_name,
        programme_uid,
    )


def load_recipient(conn: Connection) -> Recipient | None:
    stored = settings_repo.get(conn, RECIPIENT)
    if not isinstance(stored, dict):
        return None
    try:
        key = base64.b64decode(stored["public_key"], validate=True)
        texts = [str(stored[k]) for k in ("name", "clinic", "contact", "patient_uid")]
        rest = [str(stored[k]) for k in ("patient_name", "programme_uid")]
    except (KeyError, TypeError, binascii.Error, ValueError):
        return None
    if len(key) != KEY_BYTES:
        return None
    return Recipient(key, *texts, *rest)


def save_recipient(conn: Connection, value: Recipient, now: datetime) -> None:
    settings_repo.put(
        conn,
        RECIPIENT,
        {
            "public_key": base64.b64encode(value.public_key).decode("ascii"),
            "name": value.name,
            "clinic": value.clinic,
            "contact": value.contact,
            "patient_uid": value.patient_uid,
            "patient_name": value.patient_name,
            "programme_uid": value.programme_uid,
        },
        now,
    )


def last_sent(conn: Connection) -> date | None:
    stored = settings_repo.get(conn, LAST_SENT)
    try:
        return read_day(stored["last"]) if isinstance(stored, dict) else None
    except (KeyError, ValueError):
        return None


def save_last_sent(conn: Connection, last: date, now: datetime) -> None:
    settings_repo.put(conn, LAST_SENT, {"last": last.isoformat(), "at": write_instant(now)}, now)


def received(conn: Connection, patient_uid: str) -> datetime | None:
    """When the newest progress file imported for that patient was written."""
    stored = settings_repo.get(conn, RECEIVED)
    if not isinstance(stored, dict) or patient_uid not in stored:
        return None
    try:
        return read_instant(stored[patient_uid])
    except ValueError:
        return None


def save_received(conn: Connection, patient_uid: str, created: datetime, now: datetime) -> None:
    stored = settings_repo.get(conn, RECEIVED)
    values = dict(stored) if isinstance(stored, dict) else {}
    values[patient_uid] = write_instant(created)
    settings_repo.put(conn, RECEIVED, values, now)
