"""The patient's "Send progress to my therapist…": to whom, what is inside, then Save to a file.

It says whom the file is sealed to (the therapist's name, clinic and key fingerprint, which the
therapist can read out from their own Coach), the days it covers (from where the last file sent
ended, or the programme's start; the first day can be changed) and how many entries of each
kind it holds. "Save to a file…" asks where, writes the file through coach.ui.ops.mutate and
then says where it went, with "Show in folder". A self-managing patient, whose programme came
from no therapist, gets the same dialog for a file that is not protected, and is told so first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from coach.exchange.progress_file import SUFFIX
from coach.exchange.progress_rows import FIRST_DAY, Kind
from coach.services.progress_export import ProgressExportService, SendPlan, SentFile
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.diary.moments import from_qdate, to_qdate
from coach.ui.handback import words
from coach.ui.handback.count_table import count_grid, fill
from coach.ui.ops import mutate
from coach.ui.printing.document import safe_file_name
from coach.ui.saved_file import saved_file_box
from coach.ui.style import scaled
from coach.ui.widgets import callout, label
from coach.wording.handback import kind_label


class SendProgressDialog(PersistentDialog):
    def __init__(
        self, ui: UiContext, service: ProgressExportService, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self.service = service
        self.plan = service.plan()
        recipient = self.plan.recipient
        self.setWindowTitle(words.SEND_TITLE if recipient else words.UNSEALED_TITLE)
        self.setMinimumWidth(scaled(520))
        self.set_default_size(560, 480)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if recipient is not None:
            layout.addWidget(label("Send your progress", role="heading"))
            facts = QFormLayout()
            facts.addRow(label("Therapist", role="muted"), label(words.who(recipient)))
            if recipient.contact:
                facts.addRow(label("Contact", role="muted"), label(recipient.contact))
            self.fingerprint = label(recipient.fingerprint)
            self.fingerprint.setAccessibleName("Therapist's key fingerprint")
            self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(label("Key fingerprint", role="muted"), self.fingerprint)
            layout.addLayout(facts)
            layout.addWidget(
                label(
                    "The file is sealed to this key: only your therapist's Coach can open it, "
                    "so you can send it any way you like. To be sure the key is theirs, they "
                    "can read you the same fingerprint from Help ▸ About in their Coach.",
                    role="muted",
                )
            )
        else:
            layout.addWidget(label("Export your progress", role="heading"))
            self.warning = callout(words.NOT_PROTECTED)
            layout.addWidget(self.warning)

        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setMinimumWidth(scaled(140))
        self.since.setDateRange(to_qdate(FIRST_DAY), to_qdate(self.plan.last))
        self.since.setDate(to_qdate(self.plan.first))
        self.since.setAccessibleName("First day")
        self.since.dateChanged.connect(self._since_changed)
        days = QFormLayout()
        days.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        days.addRow(label("From", buddy=self.since), self.since)
        days.addRow(label("Until", role="muted"), label(f"today, {words.day(self.plan.last)}"))
        layout.addLayout(days)
        self.start_note = label(self._start_words(self.plan), role="muted")
        layout.addWidget(self.start_note)
        layout.addWidget(label("Inside the file", role="subheading"))
        self.contents = count_grid()
        layout.addLayout(self.contents)
        self.nothing = label("Nothing recorded in these days.", role="muted")
        layout.addWidget(self.nothing)
        self._show_contents()
        layout.addStretch(1)
        self.status = label("", role="muted")
        self.status.hide()
        layout.addWidget(self.status)

        # The default button made first, so Tab reaches it first, as it is drawn (left).
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "Save to a file…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Once in the dialog: made default earlier, QDialog would not know it (Cancel would be).
        self.save_button.setDefault(True)

    @staticmethod
    def _start_words(plan: SendPlan) -> str:
        if plan.since_last_file:
            return "Starting on the last day the previous file you sent covered."
        return "You can start the file on another day."

    def first_day(self) -> date:
        return from_qdate(self.since.date())

    def _since_changed(self, _day: QDate) -> None:
        self.plan = self.service.plan(self.first_day())
        self.start_note.setText(self._start_words(self.plan))
        self._show_contents()
        if self.isVisible():
            self._fit_wrapped_text()  # more kinds of entry may need more room

    def _show_contents(self) -> None:
        counts = self.plan.counts
        shown = [(kind, (counts[kind],)) for kind in Kind if counts.get(kind)]
        fill(self.contents, (), shown)
        self.nothing.setVisible(not shown)

    def contents_text(self) -> str:
        """What the table says, one kind a line ("Pain entries: 3"), as a reader reads it."""
        counts = self.plan.counts
        return "\n".join(f"{kind_label(k)}: {counts[k]}" for k in Kind if counts.get(k))

    def suggested_name(self) -> str:
        """ "Progress for Alex Therapist 2026-12-01.coachprogress"."""
        recipient = self.plan.recipient
        last = self.plan.last.isoformat()
        if recipient is not None:
            name = safe_file_name(
                f"Progress for {recipient.name or words.who(recipient)} {last}", ""
            )
        else:
            name = safe_file_name(f"Progress of {self.plan.patient_name} {last} not protected", "")
        return (name or f"Progress {last}") + SUFFIX

    def choose_file(self) -> None:
        """Ask where, without blocking; the file is written when a name is chosen."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(
            self,
            "Save the progress file",
            str(Path(folder or Path.home()) / self.suggested_name()),
            words.FILE_FILTER,
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(SUFFIX.lstrip("."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        dialog.open()

    def save_to(self, path: Path) -> None:
        if not path.suffix:
            path = path.with_name(path.name + SUFFIX)
        first, service = self.first_day(), self.service
        self._working(True)
        # A year of entries takes a second or two to gather and seal: off the GUI thread.
        mutate(
            self.ui,
            self,
            lambda _app: service.export(path, first),
            on_done=self._sent,
            title="The progress file was not written",
            in_background=True,
            on_refused=lambda _error: self._working(False),
        )

    def _working(self, busy: bool) -> None:
        """While the file is written: say so, and nothing can be changed or cancelled."""
        self.status.setText("Writing the progress file…" if busy else "")
        self.status.setVisible(busy)
        for control in (self.buttons, self.since):
            control.setEnabled(not busy)

    def reject(self) -> None:
        if self.buttons.isEnabled():  # not while the file is being written
            super().reject()

    def _sent(self, sent: SentFile) -> None:
        plan = sent.plan
        span = words.days(plan.first, plan.last)
        if plan.recipient is not None:
            text = (
                f"Your progress from {span} is saved, sealed to {words.who(plan.recipient)}. "
                "Send the file to them any way you like: by email, or on a USB stick."
            )
        else:
            text = f"Your progress from {span} is saved. The file is not protected."
        parent = self.parentWidget() or self
        saved_file_box(parent, "Progress file saved", text, sent.path, can_open=False)
        self.accept()
