"""Reading and writing the settings declared in settings.py.

Values are cached after the first read; writes go through `set`, which validates and returns a
Changes record like any other mutation.
"""

from __future__ import annotations

from typing import Any

from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.settings import Setting, T
from coach.store import settings_repo


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
