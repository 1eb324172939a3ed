"""Undo and redo for diary changes, as QUndoCommands over the services' restore operations.

Every service mutation hands back the record as it was (and, for adds and edits, as it now
is); undo writes the old one back under its own id, redo writes the new one. An undo that can
no longer apply (say a check-in was made for the same day meanwhile) says why and drops out of
the stack instead of half-applying.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from coach.domain.diary import CheckIn, PainEntry, Treatment
from coach.domain.outcomes import OutcomeScore
from coach.services.changes import Changes
from coach.services.diary import Deleted, Saved
from coach.ui.context import UiContext
from coach.ui.ops import mutate

if TYPE_CHECKING:
    from coach.services.context import AppContext


def describe(record: object) -> str:
    if isinstance(record, PainEntry):
        return "pain entry"
    if isinstance(record, CheckIn):
        return "check-in"
    if isinstance(record, Treatment):
        return "treatment"
    assert isinstance(record, OutcomeScore)
    return "outcome score"


def _restore(app: AppContext, record: Any) -> Changes:
    if isinstance(record, PainEntry):
        return app.diary.restore_pain(record)
    if isinstance(record, CheckIn):
        return app.diary.restore_checkin(record)
    if isinstance(record, Treatment):
        return app.diary.restore_treatment(record)
    return app.outcomes.restore(record)


def _remove(app: AppContext, record: Any) -> Changes:
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

    def _run(self, step: Callable[[AppContext], Changes]) -> None:
        if mutate(self.ui, None, step, title="Cannot undo") is None:
            self.setObsolete(True)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.apply_again)

    def undo(self) -> None:
        self._run(self.revert)

    def apply_again(self, app: AppContext) -> Changes:
        raise NotImplementedError

    def revert(self, app: AppContext) -> Changes:
        raise NotImplementedError


class SavedCommand(_DiaryCommand):
    """An add (undo removes it) or an edit (undo puts the old version back)."""

    def __init__(self, ui: UiContext, saved: Saved[Any]) -> None:
        verb = "edit" if saved.before is not None else "new"
        super().__init__(ui, f"{verb} {describe(saved.record)}")
        self.saved = saved

    def apply_again(self, app: AppContext) -> Changes:
        return _restore(app, self.saved.record)

    def revert(self, app: AppContext) -> Changes:
        if self.saved.before is None:
            return _remove(app, self.saved.record)
        return _restore(app, self.saved.before)


class DeletedCommand(_DiaryCommand):
    def __init__(self, ui: UiContext, deleted: Deleted[Any]) -> None:
        super().__init__(ui, f"delete {describe(deleted.record)}")
        self.deleted = deleted

    def apply_again(self, app: AppContext) -> Changes:
        return _remove(app, self.deleted.record)

    def revert(self, app: AppContext) -> Changes:
        return _restore(app, self.deleted.record)
