"""Failures of the store that the user must hear about, worded for them.

Each is a UserError with a plain-language `message`; the GUI shows it in a dialog and the CLI
prints it and exits non-zero. None of them is raised after anything was written to the user's files.
"""

from __future__ import annotations

from pathlib import Path

from coach.domain.errors import UserError


class StoreError(UserError):
    """Base for errors opening or writing the database."""

    title = "Coach cannot open your data"


class NewerDatabaseError(StoreError):
    title = "Your data is from a newer Coach"

    def __init__(self, revision: str) -> None:
        super().__init__(
            "This data was last saved by a newer version of Coach (database revision "
            f"{revision!r}). To keep it safe, this version will not open or change it. "
            "Please install the newer version of Coach."
        )
        self.revision = revision


class CorruptDatabaseError(StoreError):
    title = "Your data file is damaged"

    def __init__(self, moved_to: Path, backup: Path | None, detail: str) -> None:
        text = (
            f"The data file failed its health check ({detail}). It has been moved aside to "
            f"{moved_to}, untouched, so nothing more is lost."
        )
        if backup is not None:
            text += f" The newest good backup is {backup.name}."
        else:
            text += " No backup was found."
        super().__init__(text)
        self.moved_to = moved_to
        self.backup = backup


class MissingDatabaseError(StoreError):
    """A command that only reads found no database, and did not create an empty one.

    An empty file there would block `coach backup restore` after a damaged one was moved aside.
    """

    title = "There is no data yet"

    def __init__(self, database: Path, backup: Path | None) -> None:
        text = f"There is no data file at {database}, so there is nothing to read."
        if backup is not None:
            text += f" To bring back your data, run: coach backup restore {backup}"
        super().__init__(text)
        self.database = database
        self.backup = backup


class DatabaseLockedError(StoreError):
    title = "Your data is in use"

    def __init__(self) -> None:
        super().__init__(
            "Another program (perhaps Coach in another window) is using your data right now. "
            "Close it and try again."
        )


class DiskFullError(StoreError):
    title = "The disk is full"

    def __init__(self) -> None:
        super().__init__(
            "Coach could not save because the disk is full. Nothing was changed. "
            "Free some space and try again."
        )


class DiskError(StoreError):
    title = "Coach cannot read or write your data"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The disk holding your data reported an error ({detail[:60]}). Nothing was changed. "
            "Check the disk or the folder's permissions and try again."
        )


class DatabaseUrlError(StoreError):
    title = "Coach cannot use that database address"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"The database address {url!r} cannot be used: {reason}. Use a SQLite file "
            "(sqlite:///path/to/coach.db) or a PostgreSQL server "
            "(postgresql+psycopg://user@host/dbname, which needs the 'clinic' extra)."
        )


class MigrationError(StoreError):
    title = "Coach could not update your data"

    def __init__(self, detail: str, backup: Path | None) -> None:
        text = f"Updating the data to this version failed ({detail}). Nothing was changed."
        if backup is not None:
            text += f" A copy taken just before is at {backup}."
        super().__init__(text)
        self.detail = detail
        self.backup = backup
