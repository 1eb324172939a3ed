"""Patient side of the hand-back: "Send progress to my therapist".

For the GUI and the CLI (a PatientContext's `progress_export`):

- `recipient()`: the therapist progress goes to (name, clinic, contact, fingerprint), known
  from the newest version-2 programme file imported; None for a self-managing patient.
  `offered()` is `recipient() is not None`: the menu item and the Progress page button show
  only then. Without one, `export` still writes a file, unsealed and labelled "not protected"
  (for a clinician without Coach).
- `plan(since=None)`: what a file would hold, without writing anything: the days (by default
  from the last day the previous file covered, else from the programme's start, else from the
  first thing recorded), counts per kind of row, whether it is sealed and to whom, and a file
  name to suggest.
- `export(path, since=None)`: writes the file atomically (a temporary file and a rename) and
  records the last day it covered; returns a SentFile (where it went, its size, the plan).

Failures are UserErrors with one sentence: ExportRefused for a file that cannot be written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

from coach.domain.errors import UserError
from coach.exchange.progress_file import SUFFIX, ProgressFile, write_progress
from coach.exchange.progress_rows import Kind
from coach.services import handback_state
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.handback_state import Recipient
from coach.services.profile import ProfileService
from coach.store import failures, handback_rows


class ExportRefused(UserError):
    title = "The progress file was not written"


@dataclass(frozen=True)
class SendPlan:
    """What a progress file would hold."""

    first: date
    last: date
    counts: Mapping[Kind, int]
    recipient: Recipient | None  # None: unsealed, for a clinician without Coach
    patient_name: str
    since_last_file: bool  # the range starts where the previous file ended

    @property
    def sealed(self) -> bool:
        return self.recipient is not None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def file_name(self) -> str:
        """A name to suggest: the patient and the range, e.g. progress-ann-lee-2026-03-16."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.patient_name.casefold()).strip("-") or "patient"
        return f"progress-{slug}-{self.last.isoformat()}{SUFFIX}"


@dataclass(frozen=True)
class SentFile:
    path: Path
    size_bytes: int
    plan: SendPlan
    changes: Changes


class ProgressExportService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        patient_id: int,
        patient: Callable[[], tuple[str, str]],
    ) -> None:
        """`patient()` gives the patient's own (uid, name), used when no therapist named one."""
        self._db = db
        self._profile = profile
        self._patient_id = patient_id
        self._patient = patient

    def recipient(self) -> Recipient | None:
        with self._db.read() as conn:
            return handback_state.load_recipient(conn)

    def offered(self) -> bool:
        """Whether "Send progress to my therapist" applies: a programme came from one."""
        return self.recipient() is not None

    def plan(self, since: date | None = None) -> SendPlan:
        today = self._profile.today()
        recipient = self.recipient()
        with self._db.read() as conn:
            first, after_last = self._start(conn, since, recipient, today)
            counts = handback_rows.count_range(conn, self._patient_id, first, today)
        name = self._patient()[1]
        if recipient is not None:
            name = recipient.patient_name or name
        return SendPlan(
            first=first,
            last=today,
            counts={Kind(kind): n for kind, n in counts.items()},
            recipient=recipient,
            patient_name=name,
            since_last_file=after_last,
        )

    def _start(
        self, conn: Connection, since: date | None, recipient: Recipient | None, today: date
    ) -> tuple[date, bool]:
        """The first day, and whether it is where the previous file ended."""
        if since is not None:
            if since > today:
                raise ExportRefused("The first day of a progress file cannot be in the future.")
            return since, False
        sent = handback_state.last_sent(conn)
        if sent is not None and sent <= today:
            return sent, True
        programme_uid = recipient.programme_uid if recipient else None
        start = handback_rows.first_programme_day(conn, self._patient_id, programme_uid)
        return min(start, today) if start is not None else today, False

    def export(self, path: Path, since: date | None = None) -> SentFile:
        """Write the progress file to `path` and remember the last day it covered."""
        plan = self.plan(since)
        now = self._db.clock.now()
        own_uid, own_name = self._patient()
        recipient = plan.recipient
        with self._db.read() as conn:
            rows = handback_rows.read_range(conn, self._patient_id, plan.first, plan.last)
            programmes = handback_rows.programme_uids(conn, self._patient_id)
        progress = ProgressFile(
            created=now,
            patient_uid=recipient.patient_uid if recipient else own_uid,
            patient_name=plan.patient_name or own_name,
            first=plan.first,
            last=plan.last,
            programmes=tuple(programmes),
            rows={Kind(kind): tuple(found) for kind, found in rows.items()},
        )
        try:
            size = write_progress(path, progress, recipient.public_key if recipient else None)
        except OSError as exc:
            raise failures.user_facing(exc, path.parent) or ExportRefused(
                f"Coach could not write {path.name}: {exc.strerror or exc}."
            ) from None
        with self._db.transaction() as conn:
            handback_state.save_last_sent(conn, plan.last, now)
        return SentFile(path, size, plan, Changes.of(Area.SETTINGS))
