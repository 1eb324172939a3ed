"""Undo and redo for diary changes, as QUndoCommands over the services' restore operations.

Every service mutation hands back the record as it was (and, for adds and edits, as it now
is); undo writes the old one back under its own id, redo writes the new one. An undo that can
no longer apply (say a check-in was made for the same day meanwhile) says why and drops out of
the stack instead of half-applying. A command acts for the patient whose diary it changed.
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
from coach.ui.ops import mutate_for

if TYPE_CHECKING:
    from coach.services.context import PatientContext


def describe(record: object) -> str:
    if isinstance(record, PainEntry):
        return "pain entry"
    if isinstance(record, CheckIn):
        return "check-in"
    if isinstance(record, Treatment):
        return "treatment"
    assert isinstance(record, OutcomeScore)
    return "outcome score"


def _restore(patient: PatientContext, record: Any) -> Changes:
    if isinstance(record, PainEntry):
        return patient.diary.restore_pain(record)
    if isinstance(record, CheckIn):
        return patient.diary.restore_checkin(record)
    if isinstance(record, Treatment):
        return patient.diary.restore_treatment(record)
    return patient.outcomes.restore(record)


def _remove(patient: PatientContext, record: Any) -> Changes:
    if isinstance(record, PainEntry):
        return patient.diary.delete_pain(record.id).changes
    if isinstance(record, CheckIn):
        return patient.diary.delete_checkin(record.id).changes
    if isinstance(record, Treatment):
        return patient.diary.delete_treatment(record.id).changes
    return patient.outcomes.delete(record.id).changes


class _DiaryCommand(QUndoCommand):
    def __init__(self, ui: UiContext, patient: PatientContext, text: str) -> None:
        super().__init__(text)
        self.ui = ui
        self.patient = patient
        self._done = True  # the change was made before the command was pushed

    def _run(self, step: Callable[[PatientContext], Changes]) -> None:
        if mutate_for(self.ui, self.patient, None, step, title="Cannot undo") is None:
            self.setObsolete(True)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.apply_again)

    def undo(self) -> None:
        self._run(self.revert)

    def apply_again(self, patient: PatientContext) -> Changes:
        raise NotImplementedError

    def revert(self, patient: PatientContext) -> Changes:
        raise NotImplementedError


class SavedCommand(_DiaryCommand):
    """An add (undo removes it) or an edit (undo puts the old version back)."""

    def __init__(self, ui: UiContext, patient: PatientContext, saved: Saved[Any]) -> None:
        verb = "edit" if saved.before is not None else "new"
        super().__init__(ui, patient, f"{verb} {describe(saved.record)}")
        self.saved = saved

    def apply_again(self, patient: PatientContext) -> Changes:
        return _restore(patient, self.saved.record)

    def revert(self, patient: PatientContext) -> Changes:
        if self.saved.before is None:
            return _remove(patient, self.saved.record)
        return _restore(patient, self.saved.before)


class DeletedCommand(_DiaryCommand):
    def __init__(self, ui: UiContext, patient: PatientContext, deleted: Deleted[Any]) -> None:
        super().__init__(ui, patient, f"delete {describe(deleted.record)}")
        self.deleted = deleted

    def apply_again(self, patient: PatientContext) -> Changes:
        return _remove(patient, self.deleted.record)

    def revert(self, patient: PatientContext) -> Changes:
        return _restore(patient, self.deleted.record)
