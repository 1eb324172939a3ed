"""Undo and redo for diary changes, as QUndoCommands over the services' restore operations.

Every service mutation hands back the record as it was (and, for adds and edits, as it now
is); undo writes the old one back under its own id, redo writes the new one. An undo that can
no longer apply (say a check-in was made for the same day meanwhile) says why and drops out of
the stack instead of half-applying.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from coach.domain.diary import CheckIn, PainEntry, Treatment
from coach.domain.outcomes import OutcomeScore
from coach.domain.profile import ValidationError
from coach.services.changes import Changes
from coach.services.diary import Deleted, MissingEntryError, Saved
from coach.store.errors import StoreError
from coach.ui.context import UiContext
from coach.ui.errors import show_error


def describe(record: object) -> str:
    if isinstance(record, PainEntry):
        return "pain entry"
    if isinstance(record, CheckIn):
        return "check-in"
    if isinstance(record, Treatment):
        return "treatment"
    assert isinstance(record, OutcomeScore)
    return "outcome score"


def _restore(ui: UiContext, record: Any) -> Changes:
    app = ui.app
    if isinstance(record, PainEntry):
        return app.diary.restore_pain(record)
    if isinstance(record, CheckIn):
        return app.diary.restore_checkin(record)
    if isinstance(record, Treatment):
        return app.diary.restore_treatment(record)
    return app.outcomes.restore(record)


def _remove(ui: UiContext, record: Any) -> Changes:
    app = ui.app
    if isinstance(record, PainEntry):
        return app.diary.delete_pain(record.id).changes
    if isinstance(record, CheckIn):
        return app.diary.delete_checkin(record.id).changes
    if isinstance(record, Treatment):
        return app.diary.delete_treatment(record.id).changes
    return app.outcomes.delete(record.id).changes


class _DiaryCommand(QUndoCommand):
    def __init__(self, ui: UiContext, text: str) -> None:
        super().__init__(text)
        self.ui = ui
        self._done = True  # the change was made before the command was pushed

    def _run(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except (ValidationError, MissingEntryError, StoreError) as error:
            message = error.message if isinstance(error, ValidationError | StoreError) else ""
            show_error(self.ui.window, "Cannot undo", message or str(error))
            self.setObsolete(True)
            return
        self.ui.apply(changes)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.apply_again)

    def undo(self) -> None:
        self._run(self.revert)

    def apply_again(self) -> Changes:
        raise NotImplementedError

    def revert(self) -> Changes:
        raise NotImplementedError


class SavedCommand(_DiaryCommand):
    """An add (undo removes it) or an edit (undo puts the old version back)."""

    def __init__(self, ui: UiContext, saved: Saved[Any]) -> None:
        verb = "edit" if saved.before is not None else "new"
        super().__init__(ui, f"{verb} {describe(saved.record)}")
        self.saved = saved

    def apply_again(self) -> Changes:
        return _restore(self.ui, self.saved.record)

    def revert(self) -> Changes:
        if self.saved.before is None:
            return _remove(self.ui, self.saved.record)
        return _restore(self.ui, self.saved.before)


class DeletedCommand(_DiaryCommand):
    def __init__(self, ui: UiContext, deleted: Deleted[Any]) -> None:
        super().__init__(ui, f"delete {describe(deleted.record)}")
        self.deleted = deleted

    def apply_again(self) -> Changes:
        return _remove(self.ui, self.deleted.record)

    def revert(self) -> Changes:
        return _restore(self.ui, self.deleted.record)
