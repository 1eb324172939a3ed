"""`coach progress export | import | key`, run as a user runs them, in two data folders.

The therapist's copy (the demo caseload) writes a version-2 programme for one patient; the
patient's copy imports it with the CLI, runs sessions through the services and keeps a diary,
then sends a progress file with the CLI; the therapist's copy imports it with the CLI.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, time
from pathlib import Path

from coach.app import build_context
from coach.cli import EXIT_USER_ERROR
from coach.domain.clock import ManualClock
from coach.domain.diary import PainEntry, Treatment, TreatmentKind
from coach.domain.dosage import Dosage
from coach.domain.outcomes import NprsAnswers, OutcomeScore
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.services.demo_sessions import seed_sessions
from tests.test_cli_programme import coach


def rows(database: Path) -> dict[str, int]:
    conn = sqlite3.connect(database)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def record_at_home(home: Path) -> None:
    """Today's sessions through the session engine (as the demo runs them), a pain entry, a
    treatment and a score; late in the day, so every session slot has passed."""
    late = datetime.combine(datetime.now(UTC).date(), time(23, 30), tzinfo=UTC)
    context = build_context(home, clock=ManualClock(late))
    try:
        me = context.own_patient()
        assert seed_sessions(me, missed_day=0.0)  # Changes of SESSIONS: some were run
        me.diary.add_pain(PainEntry(recorded_at=late, intensity=6, question_for_therapist=True))
        me.diary.add_treatment(Treatment(TreatmentKind.PHYSICAL_THERAPY, late.date()))
        me.outcomes.record(OutcomeScore(NprsAnswers(4), late))
    finally:
        context.close(backup=False)


def therapist_with_patient(clinic: Path) -> tuple[str, str]:
    """A therapist's copy with Ann Example and her programmes; her uid and a programme name."""
    context = build_context(clinic)
    try:
        context.profile.welcome("Alex Morgan", Role.THERAPIST, accepted_notice=True)
        context.profile.update(
            name="Alex Morgan",
            role=Role.THERAPIST,
            timezone=context.profile.timezone_name(),
            clinic="Riverside Physio",
        )
        _, ann = context.patients.add(name="Ann Example")
        theirs = context.patient(ann.id)
        daily = Dosage(sets=1, reps=10, hold_s=2, times_per_day=3)
        theirs.programmes.create(
            Programme(
                uid="",
                name="Every day",
                start_date=theirs.programmes.today(),
                items=(ProgrammeItem("prone-press-up", daily), ProgrammeItem("bridge", daily)),
            )
        )
        return ann.uid, "Every day"
    finally:
        context.close(backup=False)


def figures(folder: Path, uid: str | None) -> tuple[object, ...]:
    """The patient's caseload figures and today's adherence, as that copy computes them."""
    context = build_context(folder, create=False)
    try:
        patient = context.patients.find(uid) if uid else context.patients.list()[0]
        entry = next(e for e in context.caseload.entries() if e.figures.patient_id == patient.id)
        f = entry.figures
        today = context.profile.today()
        adherence = context.patient(patient.id).progress.adherence(today, today)
        return (
            f.last_session,
            entry.last_7,
            entry.last_28,
            f.pain_this_week,
            f.question,
            adherence,
        )
    finally:
        context.close(backup=False)


def test_the_hand_back_round_trip_with_the_real_cli(tmp_path: Path) -> None:
    clinic, home = tmp_path / "clinic", tmp_path / "home"
    uid, name = therapist_with_patient(clinic)
    programme = tmp_path / "ann.coachprogramme"
    exported = coach(clinic, "programme", "export", name, "--patient", uid, "--out", str(programme))
    assert exported.returncode == 0, exported.stderr
    document = json.loads(programme.read_text())
    assert document["version"] == 2 and document["for_patient"]["name"] == "Ann Example"
    key = coach(clinic, "progress", "key")
    fingerprint = key.stdout.split(": ")[-1].strip()
    assert (clinic / "keys" / "therapist.key").stat().st_mode & 0o777 == 0o600

    assert coach(home, "programme", "import", str(programme)).returncode == 0
    assert fingerprint in coach(home, "progress", "key").stdout
    record_at_home(home)
    sent = tmp_path / "ann.coachprogress"
    out = coach(home, "progress", "export", "--out", str(sent))
    assert out.returncode == 0, out.stderr
    assert f"Sealed to Alex Morgan, Riverside Physio (key {fingerprint})" in out.stdout
    assert "Pain entries: 1" in out.stdout

    dry = coach(clinic, "progress", "import", str(sent), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        f"Into: Ann Example ({uid})" in dry.stdout
        and "Dry run: nothing was imported." in dry.stdout
    )
    before = rows(clinic / "coach.db")
    done = coach(clinic, "progress", "import", str(sent))
    assert done.returncode == 0, done.stderr
    after = rows(clinic / "coach.db")
    assert after["pain_entry"] == before["pain_entry"] + 1
    assert after["exercise_session"] > before["exercise_session"]
    assert after["symptom_response"] > before["symptom_response"]
    assert after["outcome_score"] == before["outcome_score"] + 1

    assert figures(clinic, uid) == figures(home, None)

    again = coach(clinic, "progress", "import", str(sent))
    assert "Imported 0 new records and 0 newer versions" in again.stdout
    assert rows(clinic / "coach.db") == after

    flipped = tmp_path / "flipped.coachprogress"
    data = bytearray(sent.read_bytes())
    data[len(data) // 2] ^= 0x10
    flipped.write_bytes(bytes(data))
    for bad in (flipped, programme):
        refused = coach(clinic, "progress", "import", str(bad))
        assert refused.returncode == EXIT_USER_ERROR
        assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("coach: ")
    assert rows(clinic / "coach.db") == after


def test_each_side_refuses_the_other_sides_command_in_one_line(tmp_path: Path) -> None:
    clinic, home, empty = tmp_path / "clinic", tmp_path / "home", tmp_path / "empty"
    therapist_with_patient(clinic)
    out = str(tmp_path / "x.coachprogress")
    wrong_side = coach(clinic, "progress", "export", "--out", out)
    assert wrong_side.returncode == EXIT_USER_ERROR
    assert wrong_side.stderr == "coach: progress files are sent from a patient's copy of Coach\n"

    assert coach(home, "demo").returncode == 0
    assert coach(home, "progress", "export", "--out", out).returncode == 0
    assert "NOT PROTECTED" in Path(out).read_text()
    into_patient = coach(home, "progress", "import", out)
    assert into_patient.returncode == EXIT_USER_ERROR
    assert "imported into a therapist's copy" in into_patient.stderr

    for args in (("key",), ("export", "--out", out)):
        nothing = coach(empty, "progress", *args)
        assert nothing.returncode == EXIT_USER_ERROR and nothing.stderr.count("\n") == 1
    assert not (empty / "coach.db").exists()
    bad_day = coach(home, "progress", "export", "--out", out, "--since", "March")
    assert bad_day.returncode == EXIT_USER_ERROR and "not a date" in bad_day.stderr
