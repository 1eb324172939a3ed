"""The Patients page: a therapist's caseload, first in a therapist's copy.

A table of every active patient with this week's and this month's figures and what needs the
therapist's attention; a search, a "needs attention" filter, and add, edit, open, archive (with
undo) and delete (typed confirmation, backup first), and "Import progress…" for a file a
patient sent. "Show archived" lists the archive too, greyed, where Archive becomes Restore.
Keyboard first: Enter opens the selected patient, Ctrl+N adds one, Delete archives. Opening a
patient scopes every other page to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.services.caseload import CaseloadEntry
from coach.services.changes import Area, Changes
from coach.ui.context import UiContext
from coach.ui.ops import mutate
from coach.ui.pages.base import Page
from coach.ui.patients.caseload_model import COLUMNS, ID_ROLE, CaseloadFilter, CaseloadModel
from coach.ui.patients.caseload_table import CaseloadTable
from coach.ui.widgets import label

if TYPE_CHECKING:  # imported when first opened: the caseload paints without them
    from coach.domain.patient import Patient
    from coach.ui.patients.patient_dialog import DeletePatientDialog, PatientDialog


class PatientsPage(Page):
    title = "Patients"
    key = "patients"
    areas = (Area.PATIENTS, Area.PROGRAMMES, Area.SESSIONS, Area.DIARY)

    # The window opens the patient (after asking every page with unsaved work) and shows Today.
    open_requested = Signal(int)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.model = CaseloadModel()
        self.proxy = CaseloadFilter()
        self.proxy.setSourceModel(self.model)
        self._archived: Patient | None = None
        self.dialog: PatientDialog | DeletePatientDialog | None = None

        # Made first: beside the heading, it comes first in the Tab order too.
        self.import_button = QPushButton("Import progress…")
        self.import_button.setToolTip("Import a progress file a patient sent you")
        self.import_button.clicked.connect(self._import_progress)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or identifier")
        self.search.setAccessibleName("Search patients")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.attention = QCheckBox("Needs attention only")
        self.attention.toggled.connect(self.proxy.set_attention_only)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setToolTip("List archived patients too, greyed, to restore them")
        self.show_archived.toggled.connect(lambda _on: self.invalidate())
        self.add_button = QPushButton("Add patient…")
        self.add_button.setToolTip("Add a patient (Ctrl+N)")
        self.add_button.clicked.connect(self.add_patient)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the selected patient (Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton("Archive")
        self.archive_button.setToolTip("Archive the selected patient (Delete); undo is offered")
        self.archive_button.clicked.connect(self.archive_or_restore)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_selected)

        self.table = CaseloadTable(
            tuple(
                COLUMNS.index(heading)
                for heading in (
                    "Programmes",
                    "Identifier",
                    "Review",
                    "Pain, 2 weeks",
                    "Last 28 days",
                    "Last session",
                    "Last 7 days",
                )
            ),
            self.model.column_texts,
        )
        self.left_out = label("", role="muted")
        self.left_out.hide()
        self.table.columns_left_out.connect(self._say_left_out)
        self.table.setAccessibleName("Caseload")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._enable())
        for keys, act in (("Return", self.open_selected), ("Enter", self.open_selected)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(act)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.archive_selected)
        add = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        add.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add.activated.connect(self.add_patient)

        self.undo_text = label("", role="muted")
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.undo_archive)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_text, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        self.undo_bar.hide()

        self.first_button = QPushButton("Add your first patient")
        self.first_button.clicked.connect(self.add_patient)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(label("No patients yet", role="heading"))
        empty_layout.addWidget(
            label(
                "Add a patient to write their programme, follow their sessions and diary, "
                "and see here what needs your attention."
            )
        )
        empty_layout.addWidget(self.first_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(2)
        self.empty = empty

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.attention)
        tools.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.edit_button,
            self.archive_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addLayout(tools)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.left_out)
        listing_layout.addLayout(buttons)
        self.listing = listing
        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(empty)

        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(label("Patients", role="heading"), 1)
        heading.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.stack, 1)
        self._enable()

    def _import_progress(self) -> None:
        # Imported when used: the flow reads files with the database layer, which the page's
        # first paint from the kept caseload does without.
        from coach.ui.handback.flows import choose_progress_file

        choose_progress_file(self.ui, self)

    def reload(self) -> None:
        selected = self.selected_id()
        caseload = self.ui.app.caseload
        archived = caseload.entries(archived=True) if self.show_archived.isChecked() else None
        active = caseload.entries()
        # The empty state only when there is nobody at all: an archive alone keeps the listing.
        anyone = bool(active or archived or self.ui.app.patients.list(archived=True))
        self.show_entries(
            active,
            archived,
            selected=selected if selected is not None else self.ui.app.opened_patient_id,
            listing=anyone,
        )

    def show_entries(
        self,
        entries: list[CaseloadEntry],
        archived: list[CaseloadEntry] | None = None,
        *,
        selected: int | None = None,
        listing: bool = True,
    ) -> None:
        """The table as these figures have it, `selected` chosen (else the first row): read
        from the database, or at start-up as the first screen kept them (the data not open yet).
        """
        self.model.set_entries(entries, archived)
        self.table.fit_columns()
        self.stack.setCurrentWidget(self.listing if listing else self.empty)
        self.select(selected)
        self._enable()

    def _say_left_out(self, headings: list[str]) -> None:
        self.left_out.setText(
            f"Not shown at this window width and text size: {', '.join(headings)}. "
            "A wider window shows them."
        )
        self.left_out.setVisible(bool(headings))

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        # The page's own archive/add still reloads: the table is read again, not patched.
        if changes.touches(*self.areas):
            self.invalidate()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(ID_ROLE))

    def select(self, patient_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == patient_id or (patient_id is None and row == 0):
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _enable(self) -> None:
        chosen = self.selected_id()
        archived = chosen is not None and self.model.is_archived(chosen)
        for button in (self.edit_button, self.archive_button, self.delete_button):
            button.setEnabled(chosen is not None)
        self.open_button.setEnabled(chosen is not None and not archived)  # restore first
        self.archive_button.setText("Restore" if archived else "Archive")
        self.archive_button.setToolTip(
            "Bring the selected patient back to the caseload"
            if archived
            else "Archive the selected patient (Delete); undo is offered"
        )

    def _selected_patient(self) -> Patient | None:
        chosen = self.selected_id()
        return None if chosen is None else self.ui.app.patients.get(chosen)

    def add_patient(self) -> None:
        from coach.ui.patients.patient_dialog import PatientDialog

        self.dialog = PatientDialog(self.ui, self, on_saved=self._saved)
        self.dialog.open()

    def edit_selected(self) -> None:
        patient = self._selected_patient()
        if patient is not None:
            from coach.ui.patients.patient_dialog import PatientDialog

            self.dialog = PatientDialog(self.ui, self, patient, on_saved=self._saved)
            self.dialog.open()

    def _saved(self, patient: Patient) -> None:
        self.refresh()
        self.select(patient.id)

    def open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None and not self.model.is_archived(chosen):
            self.open_requested.emit(chosen)

    def archive_or_restore(self) -> None:
        """The button under the table: Archive, or Restore when an archived patient is chosen."""
        chosen = self.selected_id()
        if chosen is not None and self.model.is_archived(chosen):
            self.restore_selected()
        else:
            self.archive_selected()

    def restore_selected(self) -> None:
        patient = self._selected_patient()
        if patient is None or not self.model.is_archived(patient.id):
            return
        restored = mutate(
            self.ui,
            self,
            lambda app: app.patients.archive(patient.id, archived=False),
            title="Not restored",
        )
        if restored:
            if self._archived is not None and self._archived.id == patient.id:
                self._archived = None
                self.undo_bar.hide()
            self.refresh()
            self.select(patient.id)

    def archive_selected(self) -> None:
        patient = self._selected_patient()
        if patient is None or self.model.is_archived(patient.id):
            return
        if mutate(
            self.ui, self, lambda app: app.patients.archive(patient.id), title="Not archived"
        ):
            self._archived = patient
            self.undo_text.setText(f"{patient.name} is archived: their records are kept.")
            self.undo_bar.show()
            self.refresh()

    def undo_archive(self) -> None:
        patient = self._archived
        if patient is None:
            return
        restore = mutate(
            self.ui, self, lambda app: app.patients.archive(patient.id, False), title="Not undone"
        )
        if restore:
            self._archived = None
            self.undo_bar.hide()
            self.refresh()
            self.select(patient.id)

    def delete_selected(self) -> None:
        patient = self._selected_patient()
        if patient is not None:
            from coach.ui.patients.patient_dialog import DeletePatientDialog

            self.dialog = DeletePatientDialog(self.ui, self, patient, self.refresh)
            self.dialog.open()

    def index_of(self, patient_id: int) -> QModelIndex:
        """The table's index for a patient (for tests and the switcher)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == patient_id:
                return index
        return QModelIndex()


def create_page(ui: UiContext) -> Page:
    return PatientsPage(ui)
