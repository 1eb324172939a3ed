"""Two copies of Coach for the hand-back tests: a therapist's and their patient's.

Everything goes through the services as the people would: the therapist adds the patient and
writes a programme file for them (version 2, carrying the therapist's key), the patient's copy
imports it, records some pain, and writes a progress file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from coach.domain.clock import Clock
from coach.domain.diary import PainEntry
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.services.context import AppContext

THERAPIST = "Alex Therapist"
PATIENT = "Robin Example"


def therapist_copy(folder: Path, clock: Clock) -> AppContext:
    """A therapist's copy in `folder`, with nobody on the caseload yet."""
    from coach.app import build_context

    context = build_context(folder, clock=clock)
    context.profile.welcome(THERAPIST, Role.THERAPIST, accepted_notice=True)
    return context


def hand_over(therapist: AppContext, patient: AppContext, folder: Path) -> int:
    """The therapist adds PATIENT, writes them a programme file and the patient's copy imports
    it; returns the patient's id in the therapist's copy."""
    _, added = therapist.patients.add(name=PATIENT, identifier="RE-1", date_of_birth=None)
    theirs = therapist.patient(added.id)
    item = ProgrammeItem("prone-press-up", Dosage(reps=10, hold_s=2, times_per_day=1))
    programme_id, _ = theirs.programmes.create(
        Programme(uid="", name="Back routine", start_date=theirs.programmes.today(), items=(item,))
    )
    path = folder / "Back routine.coachprogramme"
    theirs.programme_transfer.export(programme_id, path)
    transfer = patient.own_patient().programme_transfer
    transfer.commit(transfer.preview(path))
    return added.id


def record_pain(patient: AppContext, *, question: bool = True, days_ago: int = 0) -> None:
    """One pain entry (with a question for the therapist, a caseload flag)."""
    moment = patient.clock.now() - timedelta(days=days_ago)
    patient.own_patient().diary.add_pain(
        PainEntry(recorded_at=moment, intensity=5, question_for_therapist=question)
    )


def progress_file(patient: AppContext, path: Path) -> Path:
    """The patient's progress file, written as "Send progress" writes it."""
    return patient.own_patient().progress_export.export(path).path
