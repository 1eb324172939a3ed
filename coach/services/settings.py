"""Every user setting, declared once with its type, default and allowed values.

Settings live in the database (not QSettings) so they move with the data folder and a test's
`--data-dir` never touches the real home. This module holds only the declarations, so the window
can name a setting before the database layer is imported (see settings_service.py for reads and
writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from coach.domain.profile import ValidationError

T = TypeVar("T", bool, int, float, str)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str
    choices: tuple[T, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, raw: Any) -> T:
        """The stored value if it still fits this declaration, else the default."""
        try:
            return self.validate(raw)
        except ValidationError:
            return self.default

    def validate(self, value: Any) -> T:
        kind = type(self.default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not kind:
            raise ValidationError(self.key, f"{self.label} must be a {kind.__name__}.")
        if self.choices and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise ValidationError(self.key, f"{self.label} must be one of: {allowed}.")
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                raise ValidationError(self.key, f"{self.label} must be at least {self.minimum:g}.")
            if self.maximum is not None and value > self.maximum:
                raise ValidationError(self.key, f"{self.label} must be at most {self.maximum:g}.")
        return value


TEXT_SCALE = Setting[float]("ui.text_scale", 1.0, "Text size", choices=(1.0, 1.25, 1.5))
WINDOW_GEOMETRY = Setting[str]("ui.window_geometry", "", "Window position")
LAST_PAGE = Setting[str]("ui.last_page", "", "Last page shown")
DAILY_BACKUP = Setting[bool]("data.daily_backup", True, "Back up every day")
SESSION_SOUND = Setting[bool]("session.sound", True, "Sounds during a session")
SESSION_VOICE = Setting[bool]("session.voice", False, "Spoken cues during a session")
SESSION_VOLUME = Setting[int]("session.volume", 80, "Volume", minimum=0, maximum=100)
GET_READY_S = Setting[int]("session.get_ready_s", 5, "Get-ready time", minimum=0, maximum=60)
# The local day (ISO date) on which the red-flag check was last answered "none of these".
RED_FLAG_CHECK_DAY = Setting[str]("safety.red_flag_check_day", "", "Last red-flag check")
# Printed paper; "auto" follows the system locale (Letter in the US, Canada, Mexico, ...).
PAPER_SIZE = Setting[str]("print.paper", "auto", "Paper size", choices=("auto", "a4", "letter"))
# Reminders (coach.domain.reminders): times of day are minutes after midnight, local time.
REMINDERS_ON = Setting[bool]("reminders.on", True, "Reminders")
REMINDER_WAKE = Setting[int]("reminders.wake", 8 * 60, "Waking time", minimum=0, maximum=1439)
REMINDER_SLEEP = Setting[int]("reminders.sleep", 21 * 60, "Bedtime", minimum=1, maximum=1439)
# Weekdays without reminders as a bit mask (bit 0 = Monday), as programme days are stored.
REMINDER_QUIET_DAYS = Setting[int]("reminders.quiet_days", 0, "Quiet days", minimum=0, maximum=127)
# Quiet hours inside the waking window; -1 when there are none.
REMINDER_QUIET_FROM = Setting[int](
    "reminders.quiet_from", -1, "Quiet from", minimum=-1, maximum=1439
)
REMINDER_QUIET_TO = Setting[int]("reminders.quiet_to", -1, "Quiet until", minimum=-1, maximum=1439)
REMINDER_SOUND = Setting[bool]("reminders.sound", True, "Reminder sound")
# The UTC instant (ISO 8601) until which "Snooze" holds reminders back; "" when not snoozed.
REMINDERS_SNOOZED = Setting[str]("reminders.snoozed_until", "", "Reminders snoozed until")
# A therapist's suggested reminder plan for each programme, by programme uid, as JSON text in
# the programme file's "reminders" shape; exported with the programme (no column of its own).
REMINDER_PLANS = Setting[str]("reminders.suggested_plans", "", "Suggested reminder plans")
# Closing the window leaves Coach running (unseen, or in the tray) so reminders still come.
KEEP_RUNNING = Setting[bool]("app.keep_running", False, "Keep running in the background")
# Where the desktop has no tray, what closing the window then does is explained once.
NO_TRAY_EXPLAINED = Setting[bool]("app.no_tray_explained", False, "No tray area explained")
# The ODI and NDI each programme asks for, as JSON text {"programme uid": ["odi", ...]}: a
# setting rather than a programme column so no schema change is needed (coach.services.
# questionnaires reads and writes it; a programme file's "questionnaires" list fills it in).
QUESTIONNAIRES_ASKED = Setting[str]("outcomes.questionnaires_asked", "", "Questionnaires asked for")

ALL: tuple[Setting[Any], ...] = (
    TEXT_SCALE,
    WINDOW_GEOMETRY,
    LAST_PAGE,
    DAILY_BACKUP,
    SESSION_SOUND,
    SESSION_VOICE,
    SESSION_VOLUME,
    GET_READY_S,
    RED_FLAG_CHECK_DAY,
    PAPER_SIZE,
    REMINDERS_ON,
    REMINDER_WAKE,
    REMINDER_SLEEP,
    REMINDER_QUIET_DAYS,
    REMINDER_QUIET_FROM,
    REMINDER_QUIET_TO,
    REMINDER_SOUND,
    REMINDERS_SNOOZED,
    REMINDER_PLANS,
    KEEP_RUNNING,
    NO_TRAY_EXPLAINED,
    QUESTIONNAIRES_ASKED,
)
