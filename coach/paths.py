"""Every filesystem location Coach uses, resolved in one place.

Data normally lives in the platform's per-user data folder (platformdirs). `--data-dir DIR` or the
COACH_DATA_DIR environment variable move *everything* (database, backups, custom images) so that
tests, the demo and portable installs never touch the real home folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from coach import APP_NAME
from coach.domain.errors import UserError

ENV_DATA_DIR = "COACH_DATA_DIR"
DATABASE_NAME = "coach.db"


class DataDirError(UserError, OSError):
    """The data folder cannot be created or written; the message is meant for the user."""

    title = "Coach cannot use its data folder"


@dataclass(frozen=True)
class DataPaths:
    """The folders and files below one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def images(self) -> Path:
        """Images the user chose for custom exercises, copied here so they survive moves."""
        return self.root / "images"

    @property
    def questionnaires(self) -> Path:
        """A clinic's licensed ODI/NDI statements, loaded from its questionnaire files."""
        return self.root / "questionnaires"

    @property
    def keys(self) -> Path:
        """A therapist's private key (coach.services.therapist_key), readable by its owner only."""
        return self.root / "keys"

    @property
    def database_url(self) -> str:
        """Percent-encoded: SQLAlchemy decodes the path, and would cut it at a "?"."""
        return f"sqlite:///{quote(str(self.database))}"


def default_data_dir() -> Path:
    """The platform's per-user data folder, e.g. ~/.local/share/Coach on Linux."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=True)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins over COACH_DATA_DIR, which wins over the platform default."""
    if explicit:
        return Path(explicit).expanduser().absolute()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().absolute()
    return default_data_dir()


def prepare_data_dir(root: Path) -> DataPaths:
    """Create the data folder (0700 on POSIX: it holds health data) and check it is writable."""
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            root.chmod(0o700)
        probe = root / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DataDirError(
            f"Coach cannot write to its data folder {root}: {exc.strerror or exc}. "
            "Check that the folder exists, that you own it and that the disk is not full, "
            "or choose another folder with --data-dir."
        ) from exc
    return DataPaths(root)


def secure_file(path: Path) -> None:
    """Make a file holding health data readable by its owner only (POSIX)."""
    if os.name == "posix" and path.exists():
        path.chmod(0o600)


def _source_checkout_assets() -> Path:
    return Path(__file__).resolve().parent.parent / "assets"


def assets_dir() -> Path:
    """The folder holding exercise definitions and their images.

    Three layouts are supported, tried in this order:
    - a frozen bundle (PyInstaller sets sys._MEIPASS; the spec copies assets/ to its top);
    - an installed wheel, where assets/ travels as the data package coach/assets;
    - a source checkout or editable install, where assets/ sits beside the coach package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "assets"
    installed = Path(__file__).resolve().parent / "assets"
    if installed.is_dir():
        return installed
    return _source_checkout_assets()


def exercises_dir() -> Path:
    """Where the shipped exercise definitions live (see assets/exercises/README.md)."""
    return assets_dir() / "exercises"


def templates_dir() -> Path:
    """Where the starter programme templates live (.coachprogramme files; see the README there)."""
    return assets_dir() / "templates"
