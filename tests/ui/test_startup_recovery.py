"""Opening the GUI on damaged or unusable data: the user is told, and offered the backup."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6 import QtWidgets
from PySide6.QtWidgets import QMessageBox

from coach.paths import prepare_data_dir
from coach.store import backup
from coach.store.opening import open_store
from coach.ui import application

NOW = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


class ScriptedBox:
    """Stands in for QMessageBox: records what was shown and clicks a chosen button."""

    shown: ClassVar[list[str]] = []
    answer: ClassVar[str] = ""
    ButtonRole = QMessageBox.ButtonRole
    Icon = QMessageBox.Icon

    def __init__(self, icon: object, title: str, text: str) -> None:
        self.buttons: list[str] = []
        self.text = text
        self._clicked: str | None = None
        ScriptedBox.shown.append(f"{title}: {text}")

    def addButton(self, text: str, role: object) -> str:
        self.buttons.append(text)
        return text

    def setDefaultButton(self, button: object) -> None:
        pass

    def exec(self) -> int:
        assert ScriptedBox.answer in self.buttons, self.buttons
        self._clicked = ScriptedBox.answer
        return 0

    def clickedButton(self) -> str | None:
        return self._clicked

    @staticmethod
    def critical(parent: object, title: str, text: str, *args: Any) -> None:
        ScriptedBox.shown.append(f"{title}: {text}")


@pytest.fixture
def box(monkeypatch: pytest.MonkeyPatch) -> type[ScriptedBox]:
    ScriptedBox.shown = []
    # Where application.py takes it from when a box is shown (it imports it then).
    monkeypatch.setattr(QtWidgets, "QMessageBox", ScriptedBox)
    return ScriptedBox


def _damaged_with_backup(root: Path) -> Path:
    paths = prepare_data_dir(root)
    store = open_store(paths, None, NOW)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2026-03-10')"
        )
    store.close()
    taken = backup.take_backup(paths.database, paths.backups, NOW, "daily")
    paths.database.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    return taken


def test_damaged_database_offers_the_backup_and_restores_it(
    qapp: object, tmp_path: Path, box: type[ScriptedBox]
) -> None:
    _damaged_with_backup(tmp_path / "data")
    box.answer = "Restore the backup"
    context = application.open_context(tmp_path / "data", None)
    assert context is not None
    try:
        assert context.settings.get_raw("k") == 1
    finally:
        context.close(backup=False)
    assert "damaged" in box.shown[0]
    assert list((tmp_path / "data").glob("coach.db.damaged-*"))


def test_damaged_database_can_start_fresh_keeping_the_damaged_file(
    qapp: object, tmp_path: Path, box: type[ScriptedBox]
) -> None:
    _damaged_with_backup(tmp_path / "data")
    box.answer = "Start with empty data"
    context = application.open_context(tmp_path / "data", None)
    assert context is not None, box.shown
    try:
        assert context.settings.get_raw("k") is None
    finally:
        context.close(backup=False)
    assert list((tmp_path / "data").glob("coach.db.damaged-*"))


def test_quitting_at_the_damage_question_opens_nothing(
    qapp: object, tmp_path: Path, box: type[ScriptedBox]
) -> None:
    _damaged_with_backup(tmp_path / "data")
    box.answer = "Quit"
    assert application.open_context(tmp_path / "data", None) is None


def test_newer_database_is_explained_and_not_opened(
    qapp: object, tmp_path: Path, box: type[ScriptedBox]
) -> None:
    import sqlite3

    paths = prepare_data_dir(tmp_path / "data")
    open_store(paths, None, NOW).close()
    conn = sqlite3.connect(paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    assert application.open_context(paths.root, None) is None
    assert "newer version of Coach" in box.shown[-1]


def test_unusable_data_folder_is_explained(
    qapp: object, tmp_path: Path, box: type[ScriptedBox]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert application.open_context(blocker / "data", None) is None
    assert "cannot write to its data folder" in box.shown[-1]
