"""The Diary page: one timeline of pain, check-ins, sessions, treatments and outcome scores.

New entries start from the buttons along the top; a row is edited by double-clicking it (or
Edit) and removed with Delete after a confirmation. Every add, edit and delete made here can be
undone (Undo button or Ctrl+Z) for as long as the page lives.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.domain.outcomes import Instrument
from coach.exchange.questionnaire_file import INSTRUMENTS
from coach.services.changes import Area
from coach.services.diary import Deleted
from coach.services.timeline import EntryKind, TimelineItem
from coach.ui.context import UiContext
from coach.ui.diary.checkin_dialog import CheckInDialog
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.moments import from_qdate, to_qdate
from coach.ui.diary.outcome_dialogs import dialog_for
from coach.ui.diary.pain_dialog import PainDialog
from coach.ui.diary.statements_flow import MENU_TEXT, choose_and_load
from coach.ui.diary.timeline_model import DETAILS_COLUMN, ENTRY_COLUMN, TimelineModel
from coach.ui.diary.treatment_dialog import TreatmentDialog
from coach.ui.diary.undo import DeletedCommand, SavedCommand
from coach.ui.errors import show_error
from coach.ui.ops import mutate_for
from coach.ui.pages.base import Page
from coach.ui.style import scaled
from coach.ui.widgets import FlowLayout, boxed, label

if TYPE_CHECKING:
    from coach.services.context import PatientContext

# Preset ranges: label and number of days back from today (None: the user's own dates).
RANGES: tuple[tuple[str, int | None], ...] = (
    ("Last 7 days", 6),
    ("Last 4 weeks", 27),
    ("Last 3 months", 90),
    ("Last 12 months", 364),
    ("Choose dates", None),
)
DEFAULT_RANGE = 1
FILTER_LABELS = {
    EntryKind.PAIN: "Pain",
    EntryKind.CHECKIN: "Check-ins",
    EntryKind.SESSION: "Sessions",
    EntryKind.TREATMENT: "Treatments",
    EntryKind.OUTCOME: "Measures",
}


class DiaryPage(Page):
    title = "Diary"
    key = "diary"
    areas = (Area.DIARY, Area.TREATMENTS, Area.OUTCOMES, Area.SESSIONS, Area.PROFILE)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.dialog: EntryDialog | None = None
        self.patient = ui.scope  # whose diary is shown, taken again at each reload
        self.undo_stack = QUndoStack(self)
        # Compact above the list, which takes the height that is left: at the largest text size
        # under a patient banner every line here is a line fewer of the diary itself.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 16, 28, 12)
        outer.setSpacing(8)
        outer.addLayout(self._build_actions())
        outer.addLayout(self._build_filters())

        self.model = TimelineModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # Details take the width that is left and wrap onto more lines, so no entry is cut
        # short with "…" at a large text size or in a narrow window.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (ENTRY_COLUMN, DETAILS_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Diary entries, newest first")
        self.table.doubleClicked.connect(self._edit_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = label("", role="muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(boxed(self.empty))
        outer.addWidget(self.views, 1)
        outer.addLayout(self._build_row_actions())
        self._apply_range(DEFAULT_RANGE)

    # Building

    def _build_actions(self) -> FlowLayout:
        """The heading and the buttons that add entries share their line(s)."""
        row = FlowLayout(spacing=10)
        heading = label("Diary", role="heading")
        heading.setWordWrap(False)
        heading.setContentsMargins(0, 0, 8, 0)
        row.addWidget(heading)
        self.pain_button = QPushButton("Log pain")
        self.pain_button.setProperty("role", "primary")
        self.checkin_button = QPushButton("Daily check-in")
        self.treatment_button = QPushButton("Add a treatment")
        self.measure_button = QPushButton("Outcome measure ▾")
        menu = QMenu(self.measure_button)
        self.measure_actions: dict[Instrument, QAction] = {}
        for instrument in Instrument:
            action = menu.addAction(instrument.label)
            action.triggered.connect(lambda _=False, i=instrument: self.new_outcome(i))
            self.measure_actions[instrument] = action
        # Loaded statements replace the bare 0-5 scores of the ODI and NDI (a clinic's licence).
        menu.addSeparator()
        self.statements_action = menu.addAction(MENU_TEXT)
        self.statements_action.triggered.connect(lambda: choose_and_load(self.ui, self))
        self.measure_button.setMenu(menu)
        for button in (
            self.pain_button,
            self.checkin_button,
            self.treatment_button,
            self.measure_button,
        ):
            button.setMinimumHeight(44)
            row.addWidget(button)
        self.pain_button.clicked.connect(self.new_pain)
        self.checkin_button.clicked.connect(self.open_checkin)
        self.treatment_button.clicked.connect(self.new_treatment)
        return row

    def _build_filters(self) -> FlowLayout:
        """The kinds shown, then the dates (kept together), wrapping only when the width ends."""
        row = FlowLayout(spacing=6)
        show = label("Show:")
        show.setWordWrap(False)
        row.addWidget(show)
        self.kind_buttons: dict[EntryKind, QPushButton] = {}
        for kind, text in FILTER_LABELS.items():
            chip = QPushButton(f"✓ {text}")
            chip.setCheckable(True)
            chip.setChecked(True)
            chip.setProperty("role", "chip")
            chip.setAccessibleName(f"Show {text.lower()}")
            # The tick says "shown" without relying on colour alone.
            chip.toggled.connect(lambda on, c=chip, t=text: self._kind_toggled(c, t, on))
            self.kind_buttons[kind] = chip
            row.addWidget(chip)
        dates_box = QWidget()
        dates = QHBoxLayout(dates_box)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        self.range = QComboBox()
        for text, _ in RANGES:
            self.range.addItem(text)
        self.range.setCurrentIndex(DEFAULT_RANGE)
        self.range.activated.connect(self._apply_range)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit, name in ((self.first, "First day"), (self.last, "Last day")):
            edit.setAccessibleName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.dateChanged.connect(self._dates_edited)
            edit.setMinimumWidth(scaled(150))
        dates_label = label("Dates:", buddy=self.range)
        dates_label.setWordWrap(False)
        self.range.setAccessibleName("Dates")
        dates.addWidget(dates_label)
        dates.addWidget(self.range)
        dates.addWidget(self.first)
        dates.addWidget(label("to"))
        dates.addWidget(self.last)
        row.addWidget(dates_box)
        return row

    def _build_row_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete…")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        for button in (self.edit_button, self.delete_button, self.undo_button, self.redo_button):
            button.setMinimumHeight(40)
            row.addWidget(button)
        row.addStretch(1)
        self.count_label = label("", role="muted")
        row.addWidget(self.count_label)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self._undo_state)
        self.undo_stack.canRedoChanged.connect(self._undo_state)
        self.undo_stack.indexChanged.connect(self._undo_state)
        undo = QAction("Undo", self)
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.triggered.connect(self.undo_stack.undo)
        redo = QAction("Redo", self)
        redo.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        redo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        redo.triggered.connect(self.undo_stack.redo)
        self.addActions([undo, redo])
        self._undo_state()
        self._selection_changed()
        return row

    # Filters and loading

    def kinds(self) -> frozenset[EntryKind]:
        return frozenset(kind for kind, chip in self.kind_buttons.items() if chip.isChecked())

    def dates(self) -> tuple[date, date]:
        return from_qdate(self.first.date()), from_qdate(self.last.date())

    def set_dates(self, first: date, last: date) -> None:
        """Show a range of the user's choosing (switches the preset to 'Choose dates')."""
        self.range.setCurrentIndex(len(RANGES) - 1)
        self._set_edits(first, last)
        self.reload()

    def _set_edits(self, first: date, last: date) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def _apply_range(self, index: int) -> None:
        days = RANGES[index][1]
        if days is None:
            return
        today = self.patient.diary.today()
        self._set_edits(today - timedelta(days=days), today)
        self.reload()

    def _dates_edited(self) -> None:
        self.range.setCurrentIndex(len(RANGES) - 1)
        self.reload()

    def _kind_toggled(self, chip: QPushButton, text: str, shown: bool) -> None:
        chip.setText(f"✓ {text}" if shown else text)
        self.reload()

    def _offer_measures(self) -> None:
        """The ODI and NDI need the therapist's form: a patient sees them once a programme asks."""
        offered = self.ui.app.questionnaires.offered()
        for instrument, action in self.measure_actions.items():
            action.setVisible(instrument in offered)
        self.statements_action.setVisible(any(i in offered for i in INSTRUMENTS))

    def reload(self) -> None:
        if self.ui.scope is not self.patient:  # another patient opened: their own undo history
            self.patient = self.ui.scope
            self.undo_stack.clear()
        self._offer_measures()
        days = RANGES[self.range.currentIndex()][1]
        if days is not None:
            # A preset follows the calendar: after midnight "last 7 days" includes the new day.
            today = self.patient.diary.today()
            self._set_edits(today - timedelta(days=days), today)
        keep = self.selected()
        first, last = self.dates()
        kinds = self.kinds()
        items = self.patient.timeline.items(first, last, kinds) if first <= last else []
        self.model.set_items(items)
        if items:
            self.views.setCurrentIndex(0)
        else:
            self.views.setCurrentIndex(1)
            self.empty.setText(self._empty_text(first, last, kinds))
        self.count_label.setText(f"{len(items)} entries" if len(items) != 1 else "1 entry")
        if keep is not None:
            self._select(keep.kind, keep.id)
        self._selection_changed()

    def _empty_text(self, first: date, last: date, kinds: frozenset[EntryKind]) -> str:
        if first > last:
            return "The first date is after the last one. Choose the dates again."
        if not kinds:
            return "Choose at least one kind of entry to show."
        return (
            "Nothing in the diary for these dates yet.\n"
            "Use “Log pain” to note how you are, or “Daily check-in” in the evening."
        )

    # Selection

    def selected(self) -> TimelineItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _select(self, kind: EntryKind, entry_id: int) -> None:
        for row, item in enumerate(self.model.items()):
            if item.kind is kind and item.id == entry_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        item = self.selected()
        editable = item is not None and item.editable
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        tip = (
            "Exercise sessions are recorded by the session player and cannot be changed here."
            if item is not None and not item.editable
            else ""
        )
        self.edit_button.setToolTip(tip)
        self.delete_button.setToolTip(tip)

    def _undo_state(self) -> None:
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        undo_text = self.undo_stack.undoText()
        redo_text = self.undo_stack.redoText()
        self.undo_button.setText(f"Undo {undo_text}" if undo_text else "Undo")
        self.redo_button.setText(f"Redo {redo_text}" if redo_text else "Redo")

    # Opening dialogs

    def _open(self, dialog: EntryDialog) -> EntryDialog:
        dialog.saved.connect(lambda saved, d=dialog: self._saved(d.patient, saved))
        dialog.finished.connect(lambda _=0, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: EntryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self, owner: PatientContext, saved: Any) -> None:
        if owner is self.patient:  # saved for a patient no longer shown: not undone here
            self.undo_stack.push(SavedCommand(self.ui, owner, saved))

    def new_pain(self) -> EntryDialog:
        return self._open(PainDialog(self.ui, parent=self))

    def open_checkin(self) -> EntryDialog:
        """Today's check-in: a new one, or today's to edit if it was already made."""
        diary = self.patient.diary
        return self._open(CheckInDialog(self.ui, diary.checkin_on(diary.today()), parent=self))

    def new_treatment(self) -> EntryDialog:
        return self._open(TreatmentDialog(self.ui, parent=self))

    def new_outcome(self, instrument: Instrument) -> EntryDialog:
        return self._open(dialog_for(self.ui, instrument, parent=self))

    def _edit_index(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    def edit_selected(self) -> EntryDialog | None:
        item = self.selected()
        if item is None or not item.editable:
            return None
        patient = self.patient
        dialog: EntryDialog | None = None
        if item.kind is EntryKind.PAIN and (pain := patient.diary.pain(item.id)):
            dialog = PainDialog(self.ui, pain, parent=self)
        elif item.kind is EntryKind.CHECKIN and (checkin := patient.diary.checkin(item.id)):
            dialog = CheckInDialog(self.ui, checkin, parent=self)
        elif item.kind is EntryKind.TREATMENT and (treatment := patient.diary.treatment(item.id)):
            dialog = TreatmentDialog(self.ui, treatment, parent=self)
        elif item.kind is EntryKind.OUTCOME and (score := patient.outcomes.get(item.id)):
            dialog = dialog_for(self.ui, score.instrument, score, parent=self)
        if dialog is None:
            show_error(self, "Entry not found", "That entry is no longer in the diary.")
            self.reload()
            return None
        return self._open(dialog)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None or not item.editable:
            return
        answer = QMessageBox.question(
            self,
            "Delete this entry?",
            f"Delete “{item.kind.label}: {item.title}” from {item.day:%A %d %B}?\n"
            "You can undo this with Undo (Ctrl+Z).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete(patient: PatientContext) -> Deleted[Any]:
            if item.kind is EntryKind.PAIN:
                return patient.diary.delete_pain(item.id)
            if item.kind is EntryKind.CHECKIN:
                return patient.diary.delete_checkin(item.id)
            if item.kind is EntryKind.TREATMENT:
                return patient.diary.delete_treatment(item.id)
            return patient.outcomes.delete(item.id)

        deleted = mutate_for(self.ui, self.patient, None, delete, title="Entry not found")
        if deleted is not None:
            self.undo_stack.push(DeletedCommand(self.ui, self.patient, deleted))
        else:
            self.invalidate()  # it was gone already: show the diary as it is


def create_page(ui: UiContext) -> Page:
    return DiaryPage(ui)
