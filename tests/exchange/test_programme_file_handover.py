"""Programme file version 2: the patient it is for and the therapist's key (the hand-back).

Version 1 files keep importing; a file without hand-back fields is still written as version 1.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.exchange.programme_file import (
    Handover,
    ProgrammeFileError,
    TherapistCard,
    parse_programme,
    to_bytes,
    to_document,
)
from coach.exchange.sealing import KeyPair, encode_key

TODAY = date(2026, 3, 11)
KEY = KeyPair.generate()
CARD = TherapistCard(KEY.public, "Dr Lee", "Riverside Physio", "555-0100")


def programme() -> Programme:
    return Programme(
        uid="prog-1",
        name="Morning",
        start_date=TODAY,
        items=(ProgrammeItem("bridge", Dosage(sets=2, reps=12, hold_s=3)),),
    )


def test_version_two_carries_the_patient_and_the_therapist_key() -> None:
    handover = Handover("patient-uid-1", "Ann Lee", CARD)
    document = to_document(programme(), handover=handover)
    assert document["version"] == 2
    assert document["therapist"]["public_key"] == encode_key(KEY.public)
    back = parse_programme(to_bytes(programme(), handover=handover), TODAY)
    assert back.handover == handover
    assert back.handover is not None and back.handover.therapist is not None
    assert back.handover.therapist.fingerprint == KEY.fingerprint


def test_a_file_for_a_patient_without_a_key_is_version_two_too() -> None:
    handover = Handover("patient-uid-1", "Ann Lee")
    back = parse_programme(to_bytes(programme(), handover=handover), TODAY)
    assert back.handover == handover


def test_without_a_hand_back_the_file_stays_version_one() -> None:
    document = to_document(programme())
    assert document["version"] == 1
    assert "for_patient" not in document and "therapist" not in document
    assert parse_programme(to_bytes(programme()), TODAY).handover is None


def _v2(**changes: Any) -> bytes:
    document = to_document(programme(), handover=Handover("patient-uid-1", "Ann Lee", CARD))
    document.update(changes)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_v2(version=1), "for_patient needs file version 2"),
        (_v2(for_patient=None), "for_patient is missing"),
        (_v2(for_patient={"uid": "x/../y", "name": "Ann"}), "not a patient uid"),
        (_v2(for_patient={"uid": "abc", "name": ""}), "must not be empty"),
        (_v2(for_patient={"uid": "abc", "name": "Ann", "dob": "1970"}), "dob is not a field"),
        (
            _v2(therapist={"public_key": "c2hvcnQ=", "name": "", "clinic": "", "contact": ""}),
            "not a 32-byte X25519 key",
        ),
        (
            _v2(therapist={"public_key": encode_key(KEY.public), "name": 5}),
            "therapist.name must be text",
        ),
    ],
)
def test_bad_hand_back_fields_are_refused_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ProgrammeFileError) as refused:
        parse_programme(data, TODAY)
    assert reason in refused.value.message
    assert "\n" not in refused.value.message
