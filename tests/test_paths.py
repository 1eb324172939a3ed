"""Where data and assets are found: overrides, permissions and the three install layouts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from coach import paths


def test_data_dir_flag_wins_over_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.resolve_data_dir(None) == tmp_path / "env"


def test_platform_default_when_nothing_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_DATA_DIR)
    monkeypatch.setenv("XDG_DATA_HOME", "/nonexistent/xdg")
    if sys.platform.startswith("linux"):
        assert paths.resolve_data_dir(None) == Path("/nonexistent/xdg/Coach")
    else:
        assert paths.resolve_data_dir(None).name == "Coach"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_database_are_private(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from coach.store.opening import open_store

    data = paths.prepare_data_dir(tmp_path / "private")
    open_store(data, None, datetime(2026, 1, 1, tzinfo=UTC)).close()
    assert (tmp_path / "private").stat().st_mode & 0o777 == 0o700
    assert data.database.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_data_folder_gives_a_plain_message(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(paths.DataDirError, match="cannot write to its data folder"):
        paths.prepare_data_dir(locked / "inner")


def test_a_file_where_the_folder_should_be_gives_a_plain_message(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(paths.DataDirError, match="cannot write to its data folder"):
        paths.prepare_data_dir(blocker / "data")


def test_assets_from_a_source_checkout() -> None:
    found = paths.exercises_dir()
    assert found == Path(paths.__file__).resolve().parent.parent / "assets" / "exercises"
    assert (found / "README.md").is_file()


def test_assets_from_an_installed_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "coach"
    (package / "assets" / "exercises").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.exercises_dir() == package / "assets" / "exercises"


def test_assets_from_a_frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.exercises_dir() == tmp_path / "bundle" / "assets" / "exercises"
