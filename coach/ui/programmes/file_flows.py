"""The Programmes page's ways out to files and paper: import (always previewed), export, print.

Each flow works on the saved programme the page has open (a file or a handout of unsaved edits
would not be what the user sees), reports a refusal through coach.ui.ops, and tells the page
what happened through the callbacks it was built with; the page stays the initiator of every
change, so it reloads once, from `imported`. A patient importing a programme is offered
reminders for it, with the plan the file suggests if it carries one; the answer is stored with
the programme, in the same change. A therapist's copy keeps the plan instead, and exports it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from coach.domain.errors import UserError
from coach.domain.profile import Role
from coach.domain.programme import Programme
from coach.exchange.programme_file import SUFFIX
from coach.services.changes import Changes
from coach.services.context import PatientContext
from coach.services.programme_draft import DraftSaved, Kind, ProgrammeDraft
from coach.services.programme_transfer import ImportPreview
from coach.services.reminders import ReminderChoices
from coach.ui.context import UiContext
from coach.ui.ops import mutate_for, report
from coach.ui.printing.actions import deliver
from coach.ui.printing.handout import Handout
from coach.ui.reminders import words as reminder_words

FILE_FILTER = f"Coach programmes (*{SUFFIX});;All files (*)"
SUGGESTED_NOTE = "The sender suggests these reminder hours for this programme."
OFF_NOTE = "Your reminders are off; you can change them later in Settings ▸ Reminders."
SAVE_FIRST = {
    "file": "Save your changes first: the file holds the saved programme.",
    "handout": "Save your changes first: the handout shows the saved programme.",
}


class FileFlows:
    def __init__(
        self,
        ui: UiContext,
        page: QWidget,
        *,
        patient: Callable[[], PatientContext],
        current: Callable[[], ProgrammeDraft | None],
        unsaved: Callable[[], bool],
        say: Callable[[str], None],
        imported: Callable[[DraftSaved, str], None],
    ) -> None:
        self.ui = ui
        self._page = page
        self._patient = patient  # whose programmes the page shows
        self._current = current
        self._unsaved = unsaved
        self._say = say
        self._imported = imported
        self.preview_dialog: QDialog | None = None

    def _saved_id(self, what: str) -> int | None:
        """The open programme's id if it is saved as shown; otherwise None, and why."""
        draft = self._current()
        if draft is None or draft.value.id is None:
            return None
        if self._unsaved():
            self._say(SAVE_FIRST[what])
            return None
        return draft.value.id

    # --- export and print ----------------------------------------------------------------------

    def export(self) -> None:
        programme_id = self._saved_id("file")
        draft = self._current()
        if programme_id is None or draft is None:
            return
        cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in draft.value.name)
        path, _ = QFileDialog.getSaveFileName(
            self._page, "Export programme", " ".join(cleaned.split()) + SUFFIX, FILE_FILTER
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        uid = draft.value.uid
        mutate_for(
            self.ui,
            self._patient(),
            self._page,
            lambda patient: patient.programme_transfer.export(
                programme_id, target, patient.reminders.suggested_plan(uid)
            ),
            on_done=lambda notes: self._say(" ".join((f"Exported to {target.name}.", *notes))),
            title="Could not export",
        )

    def print_handout(self, how: str) -> None:
        """The handout of the saved programme or template open here: preview, print or PDF.

        A shipped starter template has no id: its handout is drawn from the programme itself."""
        draft = self._current()
        if draft is None:
            return
        if draft.kind is Kind.STARTER:
            chosen: int | Programme = draft.value
        else:
            programme_id = self._saved_id("handout")
            if programme_id is None:
                return
            chosen = programme_id
        deliver(
            self.ui,
            self._patient(),
            lambda patient: Handout.of(patient, chosen),
            how,
            self._page.window(),
        )

    # --- import --------------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._page, "Import a programme file", "", FILE_FILTER
        )
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> None:
        from coach.ui.programmes.preview_dialog import ImportPreviewDialog

        patient = self._patient()  # the import goes to them even if another is opened meanwhile
        try:
            preview = patient.programme_transfer.preview(path)
        except UserError as error:
            report(self.ui, self._page, error, title="This file cannot be imported")
            return
        current = patient.reminders.choices()
        proposed = self._reminders_for(preview, current)
        offer, note = None, ""
        if proposed is not None:
            times = max((item.dosage.times_per_day for item in preview.programme.items), default=1)
            offer = reminder_words.offer(proposed.rules, times)
            note = SUGGESTED_NOTE if preview.reminders is not None else OFF_NOTE
        dialog = ImportPreviewDialog(
            self.ui.app.settings,
            preview,
            self._page.window(),
            offer=offer,
            offer_checked=current.on,
            offer_note=note,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(
            lambda result: self._answered(
                preview, result, patient, proposed if dialog.reminders_wanted() else None
            )
        )
        self.preview_dialog = dialog
        dialog.open()

    def _reminders_for(
        self, preview: ImportPreview, current: ReminderChoices
    ) -> ReminderChoices | None:
        """The reminders to offer with this import, or None when there is nothing to ask: a
        therapist's copy or a template, or reminders already on as the file would have them."""
        profile = self.ui.app.profile.get()
        if preview.programme.is_template or profile is None or profile.role is not Role.PATIENT:
            return None
        rules = current.rules
        if preview.reminders is not None:
            plan = preview.reminders
            rules = dataclasses.replace(
                rules, wake=plan.wake, sleep=plan.sleep, quiet_days=plan.quiet_days
            )
        if current.on and rules == current.rules:
            return None
        return dataclasses.replace(current, on=True, rules=rules)

    def _answered(
        self,
        preview: ImportPreview,
        result: int,
        patient: PatientContext,
        reminders: ReminderChoices | None = None,
    ) -> None:
        self.preview_dialog = None
        if result != QDialog.DialogCode.Accepted:
            return
        kind = Kind.TEMPLATE if preview.programme.is_template else Kind.PROGRAMME

        def store(patient: PatientContext) -> tuple[int, Changes]:
            new_id, changes = patient.programme_transfer.commit(preview)
            if reminders is not None:
                changes |= patient.reminders.configure(reminders)
            profile = patient.profile.get()
            if preview.reminders is not None and profile and profile.role is Role.THERAPIST:
                # A therapist's copy keeps the plan, to send it on with the programme.
                changes |= patient.reminders.suggest_plan(preview.programme.uid, preview.reminders)
            return new_id, changes

        def done(stored: tuple[int, Changes]) -> None:
            new_id, changes = stored
            self._imported(DraftSaved(new_id, kind, changes), preview.name)

        mutate_for(
            self.ui,
            patient,
            self._page,
            store,
            on_done=done,
            title="Could not import",
        )
