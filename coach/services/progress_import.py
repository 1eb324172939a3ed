"""Therapist side of the hand-back: "Import progress…" and `coach progress import`.

For the GUI and the CLI (the AppContext's `progress_import`):

- `fingerprint()`: this copy's key fingerprint (the key is made on first need), to read out to
  a patient over the phone; the same key's public half goes into every programme file for a
  patient (coach.services.programme_transfer).
- `preview(path, patient_id=None)`: opens and checks the whole file, stores nothing. Says whose
  it is (uid and name), the caseload patient it matches by uid (or None), the days it covers,
  whether it was sealed, and per kind of row how many are new, already present, and present in
  an older version that this file replaces, and whether it is older than the last file
  imported for that patient. `patient_id` counts against another patient (one picked by hand
  when none matched).
- `commit(preview, patient_id=None)`: stores it in ONE transaction into `patient_id`, else the
  matching patient, else a new patient made from the file's uid and name. Returns an
  ImportOutcome whose `changes` refresh the caseload, the diary, sessions and outcomes pages.

Idempotent by uid. A row whose uid is stored already is left alone when equal; when it differs
(the patient edited it) the file's version replaces it only if the file was written after the
newest file imported for that patient so far (its `created` time, remembered per patient in
coach.services.handback_state). So importing a file twice, or an older file after a newer one,
adds nothing and loses nothing, while a newer file's edits win. A check-in is one per day: a
check-in for a day that already has one under another uid is that day's check-in (same rule).
Deleting on the patient's side does not travel: the file carries what exists, not what went.

Refusals are one sentence and write nothing: ProgressFileError and NotForThisKeyError from the
file (coach.exchange.progress_file), KeyNeedsFolderError for a copy on a server database,
ImportRefused when the rows belong to another patient of this caseload.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from coach.domain.errors import UserError
from coach.domain.patient import Patient, checked_patient
from coach.domain.profile import ValidationError
from coach.exchange.progress_file import ProgressFile, read_progress
from coach.exchange.progress_rows import Kind, Row
from coach.services import handback_state
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.services.therapist_key import TherapistKeyService
from coach.store import adherence_days, handback_rows, patient_repo, progress_days

# A patient's clock may run ahead of this one; a file from further ahead would count as newer
# than every real file to come (see "newer" in the module docstring), so it is refused.
CLOCK_LEEWAY = timedelta(days=1)
IMPORTED = Changes.of(Area.PATIENTS, Area.SESSIONS, Area.DIARY, Area.TREATMENTS, Area.OUTCOMES)


class ImportRefused(UserError):
    title = "This progress file cannot be imported"


@dataclass(frozen=True)
class KindCounts:
    new: int = 0
    present: int = 0  # stored already, equal or kept (the file is not newer)
    replaced: int = 0  # stored in an older version that this file's replaces


@dataclass(frozen=True)
class ProgressPreview:
    source: str
    file: ProgressFile
    match: Patient | None  # the caseload patient of the file's uid
    target: Patient | None  # whom the counts are against: `match`, or the one asked for
    counts: Mapping[Kind, KindCounts]
    # Written before the newest file imported for `target`: its edits do not replace theirs.
    older_than_last: bool = False

    @property
    def patient_uid(self) -> str:
        return self.file.patient_uid

    @property
    def patient_name(self) -> str:
        return self.file.patient_name

    @property
    def new_rows(self) -> int:
        return sum(c.new for c in self.counts.values())

    @property
    def replaced_rows(self) -> int:
        return sum(c.replaced for c in self.counts.values())


@dataclass(frozen=True)
class ImportOutcome:
    patient_id: int
    created_patient: bool
    counts: Mapping[Kind, KindCounts]
    changes: Changes


@dataclass(frozen=True)
class _Plan:
    """Per kind: rows to insert, and (stored uid, row) pairs to overwrite."""

    inserts: dict[Kind, list[Row]]
    replaces: dict[Kind, list[tuple[str, Row]]]
    counts: dict[Kind, KindCounts]


class ProgressImportService:
    def __init__(self, db: Database, profile: ProfileService, keys: TherapistKeyService) -> None:
        self._db = db
        self._profile = profile
        self._keys = keys

    def fingerprint(self) -> str:
        return self._keys.fingerprint()

    def preview(self, path: Path, patient_id: int | None = None) -> ProgressPreview:
        """Open and check the file and count what importing would do; stores nothing."""
        file = read_progress(path, self._keys.find)
        if file.created > self._db.clock.now() + CLOCK_LEEWAY:
            raise ImportRefused(
                f"This file says it was written on {file.created:%d %B %Y}, which is still to "
                "come here; check the date on the patient's computer and send it again."
            )
        with self._db.read() as conn:
            match = patient_repo.find_by_uid(conn, file.patient_uid)
            target = self._target(conn, patient_id, match)
            plan = self._plan(conn, file, target)
            older = target is not None and not self._is_newer(conn, file, target)
        return ProgressPreview(path.name, file, match, target, plan.counts, older)

    @staticmethod
    def _target(conn: Connection, patient_id: int | None, match: Patient | None) -> Patient | None:
        if patient_id is None:
            return match
        chosen = patient_repo.get(conn, patient_id)
        if chosen is None:
            raise ImportRefused("That patient is no longer in this copy.")
        return chosen

    def commit(self, preview: ProgressPreview, patient_id: int | None = None) -> ImportOutcome:
        """Store the file's rows for `patient_id`, else the matching patient, else a new one;
        everything in one transaction (a refusal or failure leaves the database as it was)."""
        try:
            created, target, plan = self._store(preview.file, patient_id)
        except IntegrityError:  # rolled back: a row the checks above could not foresee
            raise ImportRefused(
                "Some records in this file clash with records already stored for this patient "
                "(for example a second symptom response to one exercise), so nothing was "
                "imported."
            ) from None
        changes = (
            IMPORTED
            if created or any(plan.inserts.values()) or any(plan.replaces.values())
            else Changes()
        )
        return ImportOutcome(target.id, created, plan.counts, changes)

    def _store(self, file: ProgressFile, patient_id: int | None) -> tuple[bool, Patient, _Plan]:
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            match = patient_repo.find_by_uid(conn, file.patient_uid)
            target = self._target(conn, patient_id, match)
            created = target is None
            if target is None:
                target = self._new_patient(conn, file, now)
            plan = self._plan(conn, file, target)
            writer = handback_rows.Writer(conn, target.id)
            for kind in Kind:
                writer.insert(kind.value, plan.inserts[kind])
                for stored_uid, row in plan.replaces[kind]:
                    writer.replace(kind.value, stored_uid, row)
            # Rows written here bypass the session and diary stores, so the summaries the
            # figures read are rewritten for this patient from their rows.
            if plan.inserts[Kind.EXERCISE_LOGS] or plan.replaces[Kind.EXERCISE_LOGS]:
                adherence_days.rebuild(conn, target.id)
            if any(plan.inserts[kind] or plan.replaces[kind] for kind in Kind):
                progress_days.rebuild(conn, target.id)
            newest = handback_state.received(conn, target.uid)
            if newest is None or file.created > newest:
                handback_state.save_received(conn, target.uid, file.created, now)
        return created, target, plan

    def _new_patient(self, conn: Connection, file: ProgressFile, now: datetime) -> Patient:
        try:
            value = checked_patient(name=file.patient_name, today=self._profile.today())
        except ValidationError as exc:
            raise ImportRefused(
                f"The patient's name in the file cannot be used: {exc.message}"
            ) from None
        value = dataclasses.replace(value, uid=file.patient_uid)  # no patient has it (_store)
        return dataclasses.replace(value, id=patient_repo.add(conn, value, now))

    def _plan(self, conn: Connection, file: ProgressFile, target: Patient | None) -> _Plan:
        newer = target is not None and self._is_newer(conn, file, target)
        # A session keeps its programme only where this copy has it: compare it that way.
        programmes = set(handback_rows.programme_uids(conn, target.id)) if target else set()
        inserts: dict[Kind, list[Row]] = {}
        replaces: dict[Kind, list[tuple[str, Row]]] = {}
        counts: dict[Kind, KindCounts] = {}
        for kind in Kind:
            rows = list(file.rows.get(kind, ()))
            stored = handback_rows.by_uid(conn, kind.value, [r["uid"] for r in rows])
            days: dict[date, str] = {}
            if kind is Kind.CHECKINS and target is not None:
                days = handback_rows.checkin_days(conn, target.id, [r["local_day"] for r in rows])
            add: list[Row] = []
            swap: list[tuple[str, Row]] = []
            present = 0
            for row in rows:
                found = stored.get(row["uid"])
                if found is not None:
                    _, owner, old = found
                    if target is None or owner != target.id:
                        raise ImportRefused(
                            "These records are already stored for another patient in this "
                            "copy; import the file into that patient."
                        )
                    if old == _as_stored(kind, row, programmes) or not newer:
                        present += 1
                    else:
                        swap.append((row["uid"], row))
                    continue
                day_uid = days.get(row["local_day"]) if kind is Kind.CHECKINS else None
                if day_uid is not None:
                    if newer:
                        swap.append((day_uid, row))
                    else:
                        present += 1
                    continue
                add.append(row)
            inserts[kind], replaces[kind] = add, swap
            counts[kind] = KindCounts(len(add), present, len(swap))
        return _Plan(inserts, replaces, counts)

    @staticmethod
    def _is_newer(conn: Connection, file: ProgressFile, target: Patient) -> bool:
        newest = handback_state.received(conn, target.uid)
        return newest is None or file.created > newest


def _as_stored(kind: Kind, row: Row, programmes: set[str]) -> Row:
    """The row as this copy would store it (a programme it lacks becomes no programme)."""
    if kind is Kind.SESSIONS and row["programme"] not in programmes:
        return {**row, "programme": None}
    return row
