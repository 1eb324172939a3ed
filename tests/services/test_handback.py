"""The hand-back through the services, in two data folders: a therapist's copy and a patient's.

The therapist writes a version-2 programme for a patient, the patient's copy imports it, runs
sessions through the session engine (coach.services.demo_sessions) and keeps a diary, then
sends a progress file; the therapist's copy imports it. Also: the key file's mode and its
journey through a backup, idempotence, an older file after a newer one, an edit replacing its
older version, and refusals that leave the database as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.domain.diary import CheckIn, PainEntry
from coach.domain.errors import UserError
from coach.domain.profile import Role
from coach.exchange.progress_file import NotForThisKeyError, ProgressFileError
from coach.exchange.progress_rows import Kind
from coach.services.backups import restore_backup
from coach.services.caseload import CaseloadEntry
from coach.services.changes import Area
from coach.services.context import AppContext
from coach.services.demo_diary import seed_diary
from coach.services.demo_programmes import seed_programmes
from coach.services.demo_sessions import seed_sessions
from coach.services.progress_import import ImportRefused, KindCounts
from coach.services.therapist_key import KeyNeedsFolderError
from coach.store.opening import open_store
from tests.conftest import START


@pytest.fixture
def clinic(tmp_path: Path, clock: ManualClock) -> Iterator[AppContext]:
    context = build_context(tmp_path / "clinic", clock=clock)
    context.profile.welcome("Alex Morgan", Role.THERAPIST, accepted_notice=True)
    yield context
    context.close(backup=False)


@pytest.fixture
def home(tmp_path: Path, clock: ManualClock) -> Iterator[AppContext]:
    context = build_context(tmp_path / "home", clock=clock)
    context.profile.welcome("Ann", Role.PATIENT, accepted_notice=True)
    yield context
    context.close(backup=False)


EXTENSION = "Low back: extension exercises"  # a demo programme that tracks symptoms


def hand_over(clinic: AppContext, home: AppContext, tmp_path: Path, name: str = "") -> int:
    """The therapist adds Ann and writes her programme (the first, or the one of that name);
    Ann's copy imports it. Ann's id."""
    _, ann = clinic.patients.add(name="Ann Lee")
    seed_programmes(clinic.patient(ann.id))
    service = clinic.patient(ann.id).programmes
    programme = next(p for p in service.programmes() if p.name == name or not name)
    assert programme.id is not None
    for other in service.programmes():  # only what was sent is prescribed in both copies
        if other.id is not None and other.id != programme.id:
            service.archive(other.id)
    path = tmp_path / "ann.coachprogramme"
    clinic.patient(ann.id).programme_transfer.export(programme.id, path)
    preview = home.own_patient().programme_transfer.preview(path)
    assert preview.handover is not None and preview.handover.patient_uid == ann.uid
    home.own_patient().programme_transfer.commit(preview)
    return ann.id


def figures(entry: CaseloadEntry) -> tuple[object, ...]:
    """The caseload figures that come from what the patient recorded."""
    f = entry.figures
    return (
        f.last_session,
        entry.last_7,
        entry.last_28,
        f.pain_this_week,
        f.pain_last_week,
        f.red_flag,
        f.peripheralized,
        f.question,
    )


def intensities(clinic: AppContext) -> list[int]:
    ann = clinic.patients.list()[0]
    day = START.date()
    return [e.intensity for e in clinic.patient(ann.id).diary.pain_between(day, day)]


def counts(database: Path) -> dict[str, int]:
    conn = sqlite3.connect(database)
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_the_round_trip_brings_the_rows_to_the_right_patient_with_the_same_figures(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    ann_id = hand_over(clinic, home, tmp_path, EXTENSION)
    _, bob = clinic.patients.add(name="Bob Other")
    assert home.own_patient().progress_export.offered()
    clock.set_now(START + timedelta(days=30))
    seed_sessions(home.own_patient())
    seed_diary(home.own_patient())
    sender = home.own_patient().progress_export
    plan = sender.plan()
    assert plan.sealed and plan.first == START.date()
    assert plan.counts[Kind.SESSIONS] > 10 and plan.counts[Kind.SYMPTOM_RESPONSES] > 10
    sent = sender.export(tmp_path / plan.file_name)
    assert sent.path.name == "progress-ann-lee-2026-04-10.coachprogress"

    preview = clinic.progress_import.preview(sent.path)
    assert preview.match is not None and preview.match.id == ann_id
    assert preview.new_rows == plan.total
    outcome = clinic.progress_import.commit(preview)
    assert outcome.patient_id == ann_id and not outcome.created_patient
    assert outcome.changes.touches(Area.PATIENTS, Area.SESSIONS, Area.DIARY)

    theirs = {e.figures.patient_id: e for e in clinic.caseload.entries()}
    mine = home.caseload.entries()[0]
    assert figures(theirs[ann_id]) == figures(mine)
    assert theirs[bob.id].figures.last_session is None

    again = clinic.progress_import.preview(sent.path)
    assert again.new_rows == 0 and again.replaced_rows == 0
    before = counts(clinic.paths.database)
    clinic.progress_import.commit(again)
    assert counts(clinic.paths.database) == before


def test_an_older_file_after_a_newer_one_adds_and_loses_nothing_and_edits_win(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    hand_over(clinic, home, tmp_path)
    diary = home.own_patient().diary
    saved = diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=7))
    sender = home.own_patient().progress_export
    older = sender.export(tmp_path / "older.coachprogress").path
    clock.advance(3600)
    diary.update_pain(saved.record.id, replace(saved.record, intensity=4, note="Eased off."))
    newer = sender.export(tmp_path / "newer.coachprogress").path

    service = clinic.progress_import
    service.commit(service.preview(older))
    replaced = service.preview(newer)
    assert replaced.counts[Kind.PAIN_ENTRIES].replaced == 1
    service.commit(replaced)
    assert intensities(clinic) == [4]

    before = counts(clinic.paths.database)
    stale = service.preview(older)
    assert stale.older_than_last and not replaced.older_than_last
    assert stale.new_rows == 0 and stale.replaced_rows == 0
    assert stale.counts[Kind.PAIN_ENTRIES].present == 1
    service.commit(stale)
    assert counts(clinic.paths.database) == before
    assert intensities(clinic) == [4]


def test_refusals_write_nothing(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    hand_over(clinic, home, tmp_path)
    home.own_patient().diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=5))
    good = home.own_patient().progress_export.export(tmp_path / "good.coachprogress").path
    data = good.read_bytes()
    before = counts(clinic.paths.database)

    flipped = tmp_path / "flipped.coachprogress"
    middle = bytearray(data)
    middle[len(data) // 2] ^= 0x04
    flipped.write_bytes(bytes(middle))
    truncated = tmp_path / "truncated.coachprogress"
    truncated.write_bytes(data[: len(data) - 40])
    wrong = tmp_path / "wrong.coachprogress"
    wrong.write_bytes((tmp_path / "ann.coachprogramme").read_bytes())
    for path in (flipped, truncated, wrong, tmp_path / "missing.coachprogress"):
        with pytest.raises(ProgressFileError) as refused:
            clinic.progress_import.preview(path)
        assert "\n" not in refused.value.message

    other = build_context(tmp_path / "other-clinic", clock=clock)
    try:
        other.profile.welcome("Someone Else", Role.THERAPIST, accepted_notice=True)
        with pytest.raises(NotForThisKeyError):
            other.progress_import.preview(good)
    finally:
        other.close(backup=False)

    # Rows already stored for Ann are not imported again into another patient.
    preview = clinic.progress_import.preview(good)
    clinic.progress_import.commit(preview)
    after_first = counts(clinic.paths.database)
    _, bob = clinic.patients.add(name="Bob Other")
    with pytest.raises(ImportRefused):
        clinic.progress_import.commit(preview, bob.id)
    assert counts(clinic.paths.database) == {**after_first, "patient": after_first["patient"] + 1}
    assert before["pain_entry"] + 1 == after_first["pain_entry"]


def test_without_a_therapist_the_file_is_unsealed_and_imports_as_a_new_patient(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    home.own_patient().diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=5))
    sender = home.own_patient().progress_export
    assert not sender.offered() and not sender.plan().sealed
    sent = sender.export(tmp_path / "mine.coachprogress")
    assert b"NOT PROTECTED" in sent.path.read_bytes()
    preview = clinic.progress_import.preview(sent.path)
    assert preview.match is None and not preview.file.sealed
    outcome = clinic.progress_import.commit(preview)
    assert outcome.created_patient
    assert clinic.patients.get(outcome.patient_id).name == "Ann"


def test_the_key_is_owner_only_travels_in_backups_and_comes_back_on_restore(
    clinic: AppContext, tmp_path: Path
) -> None:
    fingerprint = clinic.therapist_key.fingerprint()
    key_file = clinic.therapist_key.path
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert oct(key_file.parent.stat().st_mode & 0o777) == "0o700"
    taken = clinic.backups.now(clinic.clock.now())
    assert taken is not None
    conn = sqlite3.connect(taken)
    try:
        (stored,) = conn.execute(
            "SELECT value FROM setting WHERE key = 'handback.private_keys'"
        ).fetchone()
    finally:
        conn.close()
    assert key_file.read_text().strip() in stored
    paths = clinic.paths
    clinic.close(backup=False)

    key_file.unlink()
    restore_backup(taken, paths)
    restored = build_context(paths.root, clock=ManualClock(START))
    try:
        assert restored.therapist_key.fingerprint() == fingerprint
        assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    finally:
        restored.close(backup=False)


def test_a_copy_without_a_data_folder_says_it_cannot_hold_a_key() -> None:
    store = open_store(None, "sqlite://", START, create=True)
    context = AppContext(store, ManualClock(START))
    try:
        with pytest.raises(KeyNeedsFolderError):
            context.therapist_key.fingerprint()
    finally:
        context.close(backup=False)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_key_file_is_written_atomically(clinic: AppContext) -> None:
    clinic.therapist_key.fingerprint()
    leftovers = [p.name for p in clinic.therapist_key.path.parent.iterdir()]
    assert leftovers == ["therapist.key"]


def test_the_next_file_starts_where_the_last_one_ended(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    hand_over(clinic, home, tmp_path)
    sender = home.own_patient().progress_export
    assert not sender.plan().since_last_file
    clock.set_now(START + timedelta(days=5))
    sender.export(tmp_path / "first.coachprogress")
    clock.set_now(START + timedelta(days=9))
    plan = sender.plan()
    assert plan.since_last_file and plan.first == (START + timedelta(days=5)).date()
    assert sender.plan(START.date()).first == START.date()
    with pytest.raises(UserError, match="future"):
        sender.plan((START + timedelta(days=10)).date())


def test_a_file_can_go_to_a_patient_picked_by_hand(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    home.own_patient().diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=5))
    sent = home.own_patient().progress_export.export(tmp_path / "mine.coachprogress").path
    _, chosen = clinic.patients.add(name="Ann (clinic record)")
    preview = clinic.progress_import.preview(sent, chosen.id)
    assert preview.match is None and preview.target == chosen
    outcome = clinic.progress_import.commit(preview, chosen.id)
    assert outcome.patient_id == chosen.id and not outcome.created_patient
    assert [p.name for p in clinic.patients.list()] == ["Ann (clinic record)"]


def test_a_check_in_entered_again_for_its_day_is_that_days_check_in(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    hand_over(clinic, home, tmp_path)
    diary = home.own_patient().diary
    saved = diary.add_checkin(CheckIn(START.date(), worst_pain=6, typical_pain=4))
    sender = home.own_patient().progress_export
    clinic.progress_import.commit(
        clinic.progress_import.preview(sender.export(tmp_path / "a.coachprogress").path)
    )
    diary.delete_checkin(saved.record.id)
    diary.add_checkin(CheckIn(START.date(), worst_pain=3, typical_pain=2))
    clock.advance(60)
    preview = clinic.progress_import.preview(sender.export(tmp_path / "b.coachprogress").path)
    assert preview.counts[Kind.CHECKINS] == KindCounts(new=0, present=0, replaced=1)
    clinic.progress_import.commit(preview)
    ann = clinic.patients.list()[0]
    day = START.date()
    assert [c.worst_pain for c in clinic.patient(ann.id).diary.checkins_between(day, day)] == [3]


def test_an_old_key_restored_from_a_backup_still_opens_files_sealed_to_it(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    hand_over(clinic, home, tmp_path)
    home.own_patient().diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=5))
    sent = home.own_patient().progress_export.export(tmp_path / "old-key.coachprogress").path
    old = clinic.therapist_key.fingerprint()
    taken = clinic.backups.now(clock.now())
    assert taken is not None
    paths = clinic.paths
    assert paths is not None
    clinic.close(backup=False)
    kept = shutil.copy(taken, tmp_path / "kept-backup.db")
    shutil.rmtree(paths.root)  # the folder was lost; a fresh copy made a fresh key since
    fresh = build_context(paths.root, clock=clock)
    fresh.profile.welcome("Alex Morgan", Role.THERAPIST, accepted_notice=True)
    new = fresh.therapist_key.fingerprint()
    fresh.close(backup=False)
    assert new != old

    restore_backup(Path(kept), paths)
    restored = build_context(paths.root, clock=clock)
    try:
        assert restored.therapist_key.fingerprint() == new  # the key file is the current one
        preview = restored.progress_import.preview(sent)
        assert preview.new_rows == 1
    finally:
        restored.close(backup=False)


def test_asking_whether_a_key_exists_makes_none(clinic: AppContext) -> None:
    assert not clinic.therapist_key.exists()
    assert not clinic.therapist_key.path.exists()
    assert clinic.therapist_key.find("0000-0000-0000-0000-0000") is None
    fingerprint = clinic.therapist_key.fingerprint()
    assert clinic.therapist_key.exists()
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){4}", fingerprint)


def test_a_server_copy_imports_an_unsealed_file_and_refuses_a_sealed_one(
    home: AppContext, clinic: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    home.own_patient().diary.add_pain(PainEntry(recorded_at=clock.now(), intensity=5))
    unsealed = home.own_patient().progress_export.export(tmp_path / "open.coachprogress").path
    hand_over(clinic, home, tmp_path)
    sealed = home.own_patient().progress_export.export(tmp_path / "sealed.coachprogress").path
    store = open_store(None, "sqlite://", START, create=True)
    server = AppContext(store, clock)
    try:
        server.profile.welcome("Alex Morgan", Role.THERAPIST, accepted_notice=True)
        with pytest.raises(KeyNeedsFolderError):
            server.progress_import.preview(sealed)
        outcome = server.progress_import.commit(server.progress_import.preview(unsealed))
        assert outcome.created_patient
    finally:
        server.close(backup=False)


def test_a_file_written_in_the_future_is_refused(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    clock.set_now(START + timedelta(days=3))
    ahead = home.own_patient().progress_export.export(tmp_path / "ahead.coachprogress").path
    clock.set_now(START)
    with pytest.raises(ImportRefused, match="still to come"):
        clinic.progress_import.preview(ahead)


def test_a_clash_no_check_foresaw_is_refused_and_rolled_back(
    clinic: AppContext, home: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    """A second symptom response to a stored exercise log (a new uid for the same log)."""
    hand_over(clinic, home, tmp_path, EXTENSION)
    clock.set_now(START + timedelta(days=30))
    seed_sessions(home.own_patient())
    sender = home.own_patient().progress_export
    first = sender.export(tmp_path / "first.coachprogress")
    clinic.progress_import.commit(clinic.progress_import.preview(first.path))
    with home.db.transaction() as conn:
        conn.execute(text("UPDATE symptom_response SET uid = uid || 'x'"))
    clock.advance(60)
    second = sender.export(tmp_path / "second.coachprogress")
    preview = clinic.progress_import.preview(second.path)
    assert preview.counts[Kind.SYMPTOM_RESPONSES].new > 0
    before = counts(clinic.paths.database)
    with pytest.raises(ImportRefused, match="clash"):
        clinic.progress_import.commit(preview)
    assert counts(clinic.paths.database) == before
