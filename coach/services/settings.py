"""Every user setting, declared once with its type, default and allowed values.

Settings live in the database (not QSettings) so they move with the data folder and a test's
`--data-dir` never touches the real home. Values are cached after the first read; writes go
through `set`, which validates and returns a Changes record like any other mutation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from coach.domain.profile import ValidationError
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.store import settings_repo

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
)


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: dict[str, Any] | None = None

    def _values(self) -> dict[str, Any]:
        if self._cache is None:
            with self._db.read() as conn:
                self._cache = settings_repo.load_all(conn)
        return self._cache

    def get(self, setting: Setting[T]) -> T:
        values = self._values()
        if setting.key not in values:
            return setting.default
        return setting.coerce(values[setting.key])

    def set(self, setting: Setting[T], value: T) -> Changes:
        checked = setting.validate(value)
        if self.get(setting) == checked and setting.key in self._values():
            return Changes()
        with self._db.transaction() as conn:
            settings_repo.put(conn, setting.key, checked, self._db.clock.now())
        self._values()[setting.key] = checked
        return Changes.of(Area.SETTINGS)

    def get_raw(self, key: str) -> Any:
        """Undeclared UI state (e.g. each dialog's geometry), keyed by a prefixed name."""
        return self._values().get(key)

    def set_raw(self, key: str, value: str) -> None:
        """Store UI state that no page displays, so no Changes record is needed."""
        if self._values().get(key) == value:
            return
        with self._db.transaction() as conn:
            settings_repo.put(conn, key, value, self._db.clock.now())
        self._values()[key] = value
