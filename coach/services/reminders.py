"""Today's reminders from the store: the active programmes, what is logged, the user's rules.

The schedule itself is coach.domain.reminders; this service only gathers its inputs (each
programme's most frequent item, the whole sessions already done, when the last one ended) and
keeps the rules and the snooze in the settings table, so a restart does not forget a snooze.
Reminders are the patient's: a therapist's copy has none. A therapist may instead suggest a
plan (waking window, quiet days) for a programme: kept here by programme uid, exported in the
programme file, and proposed to the patient when they import it.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time

from coach.domain.profile import Role
from coach.domain.programme import days_from_mask, days_mask
from coach.domain.reminders import ProgrammeDay, Reminder, ReminderRules, Snooze, schedule
from coach.domain.reminders import snoozed_until as snooze_end
from coach.exchange.programme_file import (
    ProgrammeFileError,
    read_reminders,
    reminders_document,
)
from coach.services.changes import Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.services.sessions import SessionService
from coach.services.settings import (
    KEEP_RUNNING,
    REMINDER_PLANS,
    REMINDER_QUIET_DAYS,
    REMINDER_QUIET_FROM,
    REMINDER_QUIET_TO,
    REMINDER_SLEEP,
    REMINDER_SOUND,
    REMINDER_WAKE,
    REMINDERS_ON,
    REMINDERS_SNOOZED,
)
from coach.services.settings_service import SettingsService
from coach.store import session_repo


@dataclass(frozen=True)
class ReminderChoices:
    """What Settings ▸ Reminders edits, as one value so it is checked as a whole."""

    on: bool
    rules: ReminderRules
    sound: bool
    keep_running: bool = False  # closing the window leaves Coach running (ui/reminders)


class ReminderService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        settings: SettingsService,
        sessions: SessionService,
        patient_id: int,
    ) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile
        self._settings = settings
        self._sessions = sessions

    # -- the user's choices ---------------------------------------------------------------

    def choices(self) -> ReminderChoices:
        get = self._settings.get
        quiet_from, quiet_to = get(REMINDER_QUIET_FROM), get(REMINDER_QUIET_TO)
        try:
            rules = ReminderRules(
                _time(get(REMINDER_WAKE)),
                _time(get(REMINDER_SLEEP)),
                days_from_mask(get(REMINDER_QUIET_DAYS)),
                None if quiet_from < 0 or quiet_to < 0 else _time(quiet_from),
                None if quiet_from < 0 or quiet_to < 0 else _time(quiet_to),
            )
        except ValueError:
            rules = ReminderRules()  # settings written by hand that contradict each other
        return ReminderChoices(get(REMINDERS_ON), rules, get(REMINDER_SOUND), get(KEEP_RUNNING))

    def configure(self, choices: ReminderChoices) -> Changes:
        rules = choices.rules
        changes = self._settings.set(REMINDERS_ON, choices.on)
        changes |= self._settings.set(REMINDER_WAKE, _minutes(rules.wake))
        changes |= self._settings.set(REMINDER_SLEEP, _minutes(rules.sleep))
        changes |= self._settings.set(REMINDER_QUIET_DAYS, days_mask(rules.quiet_days))
        quiet_from = -1 if rules.quiet_from is None else _minutes(rules.quiet_from)
        quiet_to = -1 if rules.quiet_to is None else _minutes(rules.quiet_to)
        changes |= self._settings.set(REMINDER_QUIET_FROM, quiet_from)
        changes |= self._settings.set(REMINDER_QUIET_TO, quiet_to)
        changes |= self._settings.set(KEEP_RUNNING, choices.keep_running)
        return changes | self._settings.set(REMINDER_SOUND, choices.sound)

    def active(self) -> bool:
        """Whether this copy reminds anyone: switched on, and used by a patient."""
        profile = self._profile.get()
        return (
            self._settings.get(REMINDERS_ON)
            and profile is not None
            and profile.role is Role.PATIENT
        )

    # -- a therapist's suggested plans --------------------------------------------------

    def suggested_plan(self, programme_uid: str) -> ReminderRules | None:
        """The plan suggested for a programme, or None (also for a damaged entry)."""
        try:
            return read_reminders(self._plans()[programme_uid])
        except (KeyError, ProgrammeFileError):
            return None

    def suggest_plan(self, programme_uid: str, plan: ReminderRules | None) -> Changes:
        """Keep (or, with None, forget) the plan suggested for a programme."""
        plans = self._plans()
        if plan is None:
            plans.pop(programme_uid, None)
        else:
            plans[programme_uid] = reminders_document(plan)
        return self._settings.set(REMINDER_PLANS, json.dumps(plans, sort_keys=True))

    def _plans(self) -> dict[str, object]:
        try:
            plans = json.loads(self._settings.get(REMINDER_PLANS) or "{}")
        except ValueError:
            return {}
        return plans if isinstance(plans, dict) else {}

    # -- today's reminders ----------------------------------------------------------------

    def upcoming(self) -> list[Reminder]:
        """The next reminder of each programme with sessions left today, soonest first."""
        if not self.active():
            return []
        now = self._db.clock.now()
        return schedule(
            now,
            self._profile.time_zone(),
            self.choices().rules,
            self._programme_days(),
            self.snoozed_until(),
        )

    def due(self) -> list[Reminder]:
        now = self._db.clock.now()
        return [r for r in self.upcoming() if r.is_due(now)]

    def snoozed_until(self) -> datetime | None:
        raw = self._settings.get(REMINDERS_SNOOZED)
        try:
            until = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None
        return until if until is not None and until.tzinfo is not None else None

    def snooze(self, choice: Snooze) -> Changes:
        until = snooze_end(
            self._db.clock.now(), self._profile.time_zone(), self.choices().rules, choice
        )
        return self._settings.set(REMINDERS_SNOOZED, until.astimezone(UTC).isoformat())

    def _programme_days(self) -> list[ProgrammeDay]:
        day = self._profile.today()
        sessions: dict[int, int] = defaultdict(int)
        left: dict[int, int] = defaultdict(int)
        names: dict[int, str] = {}
        for item in self._sessions.progress_on(day):
            programme_id = item.prescribed.programme.id
            if programme_id is None:
                continue
            names[programme_id] = item.prescribed.programme.name
            sessions[programme_id] = max(sessions[programme_id], item.target)
            # A partial session is not a session done: the reminder stays until it is.
            whole = math.floor(item.done + 1e-9)
            left[programme_id] = max(left[programme_id], item.target - whole)
        if not names:
            return []
        with self._db.read() as conn:
            logs = session_repo.logs_between(conn, self._patient, day, day)
        last: dict[int, datetime] = {}
        for log in logs:
            if log.programme_id is None or log.status == "skipped":
                continue
            ended = log.ended_at
            if log.programme_id not in last or ended > last[log.programme_id]:
                last[log.programme_id] = ended
        return [
            ProgrammeDay(
                pid, names[pid], sessions[pid], sessions[pid] - max(0, left[pid]), last.get(pid)
            )
            for pid in names
        ]


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
