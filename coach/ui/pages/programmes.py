"""The programme builder: what can be opened on one side, the programme being edited on the other.

The left side has two tabs: the user's programmes and templates with the starter templates, and
the exercise library to add from. The right side is the editor (coach.ui.programmes.editor).
Where the two do not both fit side by side (a large Text size in a small window) the list goes
above the editor instead, so neither is cut off.
Saving a started programme creates a version effective today (ProgrammeService), so past days
keep their prescription. This page holds the layout and the wiring: opening, saving, leaving.

What is being edited, and whether it is saved, is a Qt-free ProgrammeDraft
(coach.services.programme_draft); the widgets here show it and hand it each edit. Leaving unsaved
edits (another programme, a new one, another page, quitting) asks first: save, discard or stay.
Every change goes through coach.ui.ops.mutate with this page as the initiator, so a save reloads
the list once, and a refusal appears at the field it names (`show_field_error`).
Import, export and print (the handout of a saved programme or of any template) live in
coach.ui.programmes.file_flows. The Exercises page's "Add to
programme" arrives here through `add_exercise`: the main window connects the two pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach.domain.programme import EVERY_DAY, Programme, ProgrammeItem
from coach.services.changes import Area
from coach.services.programme_draft import DraftSaved, Kind, ProgrammeDraft
from coach.ui.context import UiContext
from coach.ui.dialogs import ask_unsaved, confirm
from coach.ui.ops import mutate_for
from coach.ui.pages.base import Page
from coach.ui.programmes.editor import ProgrammeEditor
from coach.ui.programmes.file_flows import FileFlows
from coach.ui.programmes.list_model import Entry, ProgrammeListModel
from coach.ui.programmes.picker import LibraryPicker
from coach.ui.widgets import FlowLayout, label
from coach.ui.wrapped_rows import wrap_rows


class ProgrammesPage(Page):
    title = "Programmes"
    key = "programmes"
    areas = (Area.PROGRAMMES, Area.EXERCISES)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self._ready = False
        self._loading = False
        self._starters: list[Programme] = []
        self._boxes: list[QMessageBox] = []
        self.patient = ui.scope  # whose programmes are listed and edited; see reload
        self.editor = ProgrammeEditor(ui)
        self.files = FileFlows(
            ui,
            self,
            patient=lambda: self.patient,
            current=lambda: self.draft,
            unsaved=lambda: self.unsaved,
            say=self.editor.say,
            imported=self._stored_import,
        )

        self.list_model = ProgrammeListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setAccessibleName("Programmes and templates")
        wrap_rows(self.list_view)  # a long name on two lines rather than cut short
        self.list_view.selectionModel().currentChanged.connect(self._entry_chosen)
        self.new_button = QPushButton("New programme")
        self.new_button.clicked.connect(self.new_programme)
        self.import_button = QPushButton("Import a file…")
        self.import_button.clicked.connect(self.import_file)
        openable = QWidget()
        column = QVBoxLayout(openable)
        column.addWidget(self.list_view, 1)
        column.addWidget(self.new_button)
        column.addWidget(self.import_button)

        self.picker = LibraryPicker(ui.app.exercises)
        self.picker.chosen.connect(self.add_exercise)
        self.side = QTabWidget()
        self.side.addTab(openable, "Programmes")
        self.side.addTab(self.picker, "Add exercises")
        # The tabs keep their whole names: the column is as wide as they are at the Text size
        # in force, rather than eliding "Add exercises".
        tabs = self.side.tabBar()
        tabs.setElideMode(Qt.TextElideMode.ElideNone)
        tabs.setUsesScrollButtons(False)

        self.stack = QStackedWidget()
        self.empty = self._empty_state()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.editor)
        editor = self.editor
        editor.save_button.clicked.connect(self.save)
        editor.from_template_button.clicked.connect(self.start_from_template)
        editor.template_button.clicked.connect(self.save_as_template)
        editor.export_button.clicked.connect(self.files.export)
        editor.print_wanted.connect(self.files.print_handout)
        editor.archive_button.clicked.connect(self.confirm_archive)
        editor.picker_wanted.connect(self.show_picker)

        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.side)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 700])
        splitter.setChildrenCollapsible(False)
        self._outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 8)
        outer.addWidget(splitter)

    # --- building ------------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int]:
        """The narrowest the list side and the editor side can be without cutting anything."""
        bar = self.editor.verticalScrollBar().sizeHint().width()
        right = max(
            _inside(area).minimumSizeHint().width() + bar for area in (self.empty, self.editor)
        )
        return self.side.minimumSizeHint().width(), right

    def minimumSizeHint(self) -> QSize:
        """As narrow as the list above the editor: a large Text size in a small window puts
        them one above the other (see resizeEvent) rather than cutting either off."""
        margins = self._outer.contentsMargins()
        side = margins.left() + margins.right()
        return QSize(max(self._widths()) + side, super().minimumSizeHint().height())

    def _fit(self, width: int, height: int) -> None:
        """Side by side where both fit their narrowest in `width`, else the list above."""
        left, right = self._widths()
        margins = self._outer.contentsMargins()
        room = width - margins.left() - margins.right()
        wide = room >= left + self.splitter.handleWidth() + right
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            if not wide:  # the list as short as it can be, the editor below taking the rest
                self.splitter.setSizes([self.side.minimumSizeHint().height(), height])
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # What the sides need changes with what the editor shows and with the Text size.
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit(self.width(), self.height())
        return super().event(event)

    def _empty_state(self) -> QScrollArea:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(40, 60, 40, 40)
        layout.setSpacing(14)
        self.empty_heading = label("No programme open", role="heading")
        layout.addWidget(self.empty_heading)
        self.empty_text = label(
            "Choose a programme on the left, start from one of the starter templates, build "
            "your own from the exercise library, or import a file from your therapist.",
            role="muted",
        )
        layout.addWidget(self.empty_text)
        row = FlowLayout()  # wraps, rather than squeezing the buttons, in a narrow pane
        start = QPushButton("New programme")
        start.setProperty("role", "primary")
        start.clicked.connect(self.new_programme)
        bring = QPushButton("Import a file…")
        bring.clicked.connect(self.import_file)
        row.addWidget(start)
        row.addWidget(bring)
        layout.addLayout(row)
        layout.addStretch(1)
        # Scrolled up and down where the list above it leaves little height (see _fit).
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(box)
        return area

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.ui.scope is not self.patient:
            # Another patient opened (the window asked about unsaved edits first): the editor
            # held the last one's programme, so it closes rather than save into the new one.
            self.patient = self.ui.scope
            self._open(None)
        if self._ready:
            self._populate()
            return
        if self._loading:
            return
        self._loading = True
        app = self.ui.app
        patient = self.patient

        def load() -> list[Programme]:
            app.exercises.warm()
            return list(patient.programme_transfer.starters().templates)

        self.ui.tasks.run(load, self._loaded, self._failed)

    def _loaded(self, starters: list[Programme]) -> None:
        self._loading = False
        self._ready = True
        self._starters = starters
        self.picker.apply()
        self._populate()

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self._stale = True
        self.empty_text.setText(f"The programmes could not be opened: {exc}")

    @property
    def ready(self) -> bool:
        return self._ready

    def _populate(self) -> None:
        service = self.patient.programmes
        self.list_model.set_groups(service.programmes(), service.templates(), self._starters)
        self._select_current()

    def _select_current(self) -> None:
        draft = self.draft
        row = None if draft is None else self.list_model.row_of(draft.kind, draft.key)
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        try:
            if row is None:
                selection.clear()
            else:
                selection.setCurrentIndex(
                    self.list_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect,
                )
        finally:
            selection.blockSignals(False)

    # --- opening -------------------------------------------------------------------------------

    def _entry_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        entry = self.list_model.entry(current.row())
        if entry.is_heading:
            return
        self._unless_unsaved(lambda: self.open_entry(entry), self._select_current)

    def open_entry(self, entry: Entry) -> None:
        value = entry.programme
        assert value is not None
        if entry.kind is not Kind.STARTER and value.id is not None:
            value = self.patient.programmes.get(value.id) or value
        self._open(ProgrammeDraft(entry.kind, value))

    @property
    def draft(self) -> ProgrammeDraft | None:
        """What the editor holds; None when nothing is open."""
        return self.editor.draft

    def _open(self, draft: ProgrammeDraft | None, selected_row: int | None = 0) -> None:
        """Show `draft` in the editor (None: close the editor, back to the empty state)."""
        if draft is None:
            self.editor.draft = None
            self.stack.setCurrentIndex(0)
        else:
            self.editor.show_draft(draft, selected_row)
            self.stack.setCurrentIndex(1)
        self._select_current()

    def new_programme(self) -> None:
        def start() -> None:
            self._open(ProgrammeDraft.new(self.patient.programmes))
            self.editor.fields.name.setFocus(Qt.FocusReason.OtherFocusReason)

        self._unless_unsaved(start)

    def start_from_template(self) -> None:
        if self.draft is None or not self.draft.is_template:
            return
        self._open(self.draft.started_programme(self.patient.programmes))
        self.editor.say("A new programme from the template: check it, then Save.")

    # --- leaving -------------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        return self.editor.unsaved

    def may_leave(self, proceed: Callable[[], object]) -> bool:
        if not self.unsaved:
            return True
        self._ask(proceed, lambda: None)
        return False

    def _unless_unsaved(
        self, proceed: Callable[[], object], cancel: Callable[[], None] = lambda: None
    ) -> None:
        """Run `proceed`, first asking to save or discard unsaved edits if there are any."""
        if self.unsaved:
            self._ask(proceed, cancel)
        else:
            proceed()

    def _ask(self, proceed: Callable[[], object], stay: Callable[[], None]) -> None:
        name = self.editor.fields.name.text().strip() or "this programme"

        def discard() -> None:
            self._discard()
            proceed()

        def save() -> None:
            if not self.save(then=proceed):
                stay()

        self._keep(ask_unsaved(self.window(), name, save, discard, stay))

    def _discard(self) -> None:
        """Drop the edits: back to the stored programme, or nothing open if it was never saved."""
        draft = self.draft
        stored = None
        if draft is not None and draft.value.id is not None:
            stored = self.patient.programmes.get(draft.value.id)
        self._open(None if draft is None or stored is None else ProgrammeDraft(draft.kind, stored))

    def _keep(self, box: QMessageBox) -> None:
        """Hold on to an open question box until it is answered."""
        self._boxes.append(box)
        box.finished.connect(lambda: self._boxes.remove(box))

    # --- adding --------------------------------------------------------------------------------

    def show_picker(self) -> None:
        self.side.setCurrentWidget(self.picker)
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_exercise(self, exercise_id: str) -> None:
        """Add an exercise with its library default dosage, opening a new programme if needed."""
        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is None:
            return
        if not self.editor.editable:
            self._open(ProgrammeDraft.new(self.patient.programmes))
        every_day = exercise.dosage.days_per_week == len(EVERY_DAY)
        self.editor.add_item(
            ProgrammeItem(exercise.id, exercise.dosage, days=EVERY_DAY if every_day else None)
        )
        self.editor.say(f"Added “{exercise.name}”.")

    # --- saving --------------------------------------------------------------------------------

    def save(self, *, then: Callable[[], object] | None = None) -> bool:
        """Save the open programme; True if it was saved (then `then` runs)."""
        draft = self.draft
        if draft is None or not draft.editable or not self.editor.dosage.is_valid:
            return False

        def done(saved: DraftSaved) -> None:
            self._stored(saved)
            if saved.from_today:
                self.editor.say("Saved. The changes apply from today; earlier days keep theirs.")
            else:
                self.editor.say("Saved.")
            if then is not None:
                then()

        outcome = mutate_for(
            self.ui,
            self.patient,
            self,
            lambda patient: draft.save(patient.programmes),
            on_done=done,
            fields=self.editor,
        )
        return bool(outcome)

    def save_as_template(self) -> None:
        draft = self.draft
        if draft is None or not self.editor.dosage.is_valid:
            return

        def done(saved: DraftSaved) -> None:
            self._stored(saved)
            self.editor.say("Saved as a template: you can start new programmes from it.")

        mutate_for(
            self.ui,
            self.patient,
            self,
            lambda patient: draft.save_as_template(patient.programmes),
            on_done=done,
            fields=self.editor,
        )

    def _stored(self, saved: DraftSaved) -> None:
        """After a save or an import: reopen what is stored, keep the selected row, and reload
        the list (once: the page made the change, so it skips the echo of its own publish)."""
        stored = self.patient.programmes.get(saved.programme_id)
        if stored is not None:
            self._open(ProgrammeDraft(saved.kind, stored), self.editor.selected_row())
        self._populate()

    def _stored_import(self, saved: DraftSaved, name: str) -> None:
        self._stored(saved)
        self.side.setCurrentIndex(0)
        self.editor.say(f"Imported “{name}”.")

    def confirm_archive(self) -> None:
        draft = self.draft
        if draft is None or draft.value.id is None:
            return
        template = draft.is_template
        name = draft.value.name
        programme_id = draft.value.id
        self._keep(
            confirm(
                self.window(),
                "Delete this template?" if template else "Archive this programme?",
                f"Delete the template “{name}”?"
                if template
                else f"Archive “{name}”? It stops being prescribed from today; its history is "
                "kept.",
                "Delete" if template else "Archive",
                lambda: self.archive(programme_id, template),
            )
        )

    def archive(self, programme_id: int, template: bool) -> None:
        def done(_changes: object) -> None:
            self._open(None)
            self._populate()

        mutate_for(
            self.ui,
            self.patient,
            self,
            lambda patient: (
                patient.programmes.delete_template(programme_id)
                if template
                else patient.programmes.archive(programme_id)
            ),
            on_done=done,
            title="Could not delete the template" if template else "Could not archive",
        )

    # --- files ---------------------------------------------------------------------------------

    def perform(self, request: str, *arguments: object) -> None:
        if request == "import":
            self.import_file()
        else:
            super().perform(request, *arguments)

    def import_file(self) -> None:
        self._unless_unsaved(self.files.choose_import)


def _inside(area: QScrollArea) -> QWidget:
    inside = area.widget()
    assert inside is not None
    return inside


def create_page(ui: UiContext) -> Page:
    return ProgrammesPage(ui)
