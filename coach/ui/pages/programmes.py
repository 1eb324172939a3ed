"""The programme builder: what can be opened on one side, the programme being edited on the other.

The left side has two tabs: the user's programmes and templates with the starter templates, and
the exercise library to add from. The right side edits one programme: its fields, the ordered
exercises (Alt+Up/Alt+Down, the move buttons or drag and drop reorder them; Delete removes one),
the dosage of the selected exercise, the session length (from the session engine's own step
expansion) and a gentle hint when the list grows long. Saving a started programme creates a
version effective today (ProgrammeService), so past days keep their prescription.

The handout of a saved programme or of any template can be previewed, printed or saved as a PDF.
Import and export use programme files (coach.services.programme_transfer); an import always shows
its preview first. The Exercises page's "Add to programme" arrives here through `add_exercise`:
the main window connects the two pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
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

from coach.domain.profile import ValidationError
from coach.domain.programme import COMFORTABLE_LENGTH, EVERY_DAY, Programme, ProgrammeItem
from coach.domain.session_engine import SessionSettings
from coach.exchange.programme_file import SUFFIX, ProgrammeFileError
from coach.services.changes import Area, Changes
from coach.services.programme_transfer import ImportPreview
from coach.services.session_length import in_words, session_seconds
from coach.services.settings import GET_READY_S
from coach.store.errors import StoreError
from coach.ui.context import UiContext
from coach.ui.dialogs import confirm
from coach.ui.errors import show_error
from coach.ui.library.pictures import ThumbnailCache
from coach.ui.pages.base import Page
from coach.ui.printing.actions import deliver, print_button
from coach.ui.printing.handout import Handout
from coach.ui.programmes.dosage_editor import DosageEditor
from coach.ui.programmes.fields import ProgrammeFields
from coach.ui.programmes.item_model import ProgrammeItemsModel
from coach.ui.programmes.items_view import ItemsView
from coach.ui.programmes.list_model import Entry, Kind, ProgrammeListModel
from coach.ui.programmes.picker import LibraryPicker
from coach.ui.widgets import boxed, callout, label

FILE_FILTER = f"Coach programmes (*{SUFFIX});;All files (*)"
ITEM_ICON = QSize(64, 48)


class ProgrammesPage(Page):
    title = "Programmes"
    key = "programmes"
    areas = (Area.PROGRAMMES, Area.EXERCISES)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self._ready = False
        self._loading = False
        self._kind: Kind | None = None  # what the editor holds; None: nothing open
        self._base: Programme | None = None
        self._dirty = False
        self._starters: list[Programme] = []
        self._boxes: list[QMessageBox] = []

        self.list_model = ProgrammeListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setAccessibleName("Programmes and templates")
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.side.setMinimumWidth(230)

        self.stack = QStackedWidget()
        self.empty = self._empty_state()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._editor())

        splitter = QSplitter()
        splitter.addWidget(self.side)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 700])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 8)
        outer.addWidget(splitter)

    # --- building ------------------------------------------------------------------------------

    def _empty_state(self) -> QWidget:
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
        row = QHBoxLayout()
        start = QPushButton("New programme")
        start.setProperty("role", "primary")
        start.clicked.connect(self.new_programme)
        bring = QPushButton("Import a file…")
        bring.clicked.connect(self.import_file)
        row.addWidget(start)
        row.addWidget(bring)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return box

    def _editor(self) -> QWidget:
        self.heading = label("", role="heading")
        self.status = label("", role="muted")
        self.status.hide()
        self.read_only_note = callout(
            "This is a starter template. Start a programme from it to make your own copy, "
            "then change anything you like.",
            role="card",
        )
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.clicked.connect(self.save)
        self.from_template_button = QPushButton("Start a programme from this template")
        self.from_template_button.setProperty("role", "primary")
        self.from_template_button.clicked.connect(self.start_from_template)
        self.template_button = QPushButton("Save as template")
        self.template_button.clicked.connect(self.save_as_template)
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(self.export_file)
        self.print_button = print_button(self.print_handout, self.export_button.sizeHint().height())
        self.print_button.setToolTip("Print this programme's handout, or save it as a PDF")
        self.archive_button = QPushButton("Archive")
        self.archive_button.clicked.connect(self.confirm_archive)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.from_template_button)
        actions.addWidget(self.template_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.archive_button)

        self.fields = ProgrammeFields()
        self.fields.edited.connect(self._fields_edited)

        self.thumbnails = ThumbnailCache(ITEM_ICON, self.devicePixelRatioF(), self)
        self.items = ProgrammeItemsModel(self.ui.app.exercises.get, self.thumbnails, self)
        self.items_view = ItemsView()
        self.items_view.setModel(self.items)
        self.items_view.setIconSize(ITEM_ICON)
        self.items_view.setAccessibleName("Exercises in this programme")
        self.items_view.setMinimumHeight(300)
        self.items_view.move_requested.connect(self.move_selected)
        self.items_view.remove_requested.connect(self.remove_selected)
        self.items_view.selectionModel().currentChanged.connect(self._item_chosen)
        for signal in (
            self.items.rowsInserted,
            self.items.rowsRemoved,
            self.items.rowsMoved,
            self.items.dataChanged,
            self.items.modelReset,
        ):
            signal.connect(self._items_changed)

        self.add_button = QPushButton("Add exercises…")
        self.add_button.clicked.connect(self.show_picker)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        item_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            item_buttons.addWidget(button)
        item_buttons.addStretch(1)
        self.length = label("", role="subheading")
        self.length.setWordWrap(False)
        self.items_error = label("", role="error")
        self.items_error.hide()
        self.long_hint = callout("")
        self.long_hint.hide()

        self.dosage = DosageEditor()
        self.dosage.item_changed.connect(self._dosage_edited)
        self.dosage.valid_changed.connect(self._update_actions)

        items_header = QHBoxLayout()
        items_header.addWidget(label("Exercises", role="subheading"), 1)
        items_header.addWidget(self.length)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 0, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.read_only_note)
        layout.addWidget(boxed(self.fields))
        layout.addLayout(items_header)
        layout.addWidget(self.items_view)
        layout.addLayout(item_buttons)
        layout.addWidget(self.items_error)
        layout.addWidget(self.long_hint)
        layout.addWidget(boxed(self.dosage))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        return scroll

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._ready:
            self._populate()
            return
        if self._loading:
            return
        self._loading = True
        app = self.ui.app

        def load() -> list[Programme]:
            app.exercises.warm()
            return list(app.programme_transfer.starters().templates)

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
        service = self.ui.app.programmes
        self.list_model.set_groups(service.programmes(), service.templates(), self._starters)
        self._select_current()

    def _select_current(self) -> None:
        row = None
        if self._kind is not None and self._base is not None:
            key = self._base.uid if self._kind is Kind.STARTER else self._base.id
            row = self.list_model.row_of(self._kind, key)
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
            value = self.ui.app.programmes.get(value.id) or value
        self._open(entry.kind, value)

    def _open(self, kind: Kind, value: Programme) -> None:
        self._kind = kind
        self._base = value
        self.fields.load(value)
        self.items.set_items(value.items)
        self._dirty = False
        self._say("")
        self.fields.show_error("", "")
        self._show_items_error("")
        editable = kind is not Kind.STARTER
        self.fields.set_editable(editable)
        self.read_only_note.setVisible(not editable)
        self.items_view.setDragEnabled(editable)
        self.stack.setCurrentIndex(1)
        if value.items:
            self.items_view.setCurrentIndex(self.items.index(0, 0))
        else:
            self.dosage.set_item(None, "")
        self._refresh_heading()
        self._select_current()
        self._update_actions()

    def new_programme(self) -> None:
        def start() -> None:
            today = self.ui.app.programmes.today()
            self._open(Kind.PROGRAMME, Programme(uid="", name="", start_date=today))
            self.fields.name.setFocus(Qt.FocusReason.OtherFocusReason)

        self._unless_unsaved(start)

    def start_from_template(self) -> None:
        if self._base is None or not self._base.is_template:
            return
        template = self.fields.read(dataclasses.replace(self._base, items=self.items.items()))
        fresh = self.ui.app.programmes.from_template(template)
        self._open(Kind.PROGRAMME, dataclasses.replace(fresh, uid=""))
        self._dirty = True
        self._say("A new programme from the template: check it, then Save.")
        self._update_actions()

    def _unless_unsaved(
        self, proceed: Callable[[], None], cancel: Callable[[], None] = lambda: None
    ) -> None:
        """Run `proceed`, first asking whether to drop unsaved edits if there are any."""
        if not self._dirty:
            proceed()
            return
        name = self.fields.name.text().strip() or "this programme"

        def discard() -> None:
            self._dirty = False
            proceed()

        self._keep(
            confirm(
                self.window(),
                "Discard changes?",
                f"Your changes to “{name}” are not saved. Discard them?",
                "Discard changes",
                discard,
                on_cancel=cancel,
            )
        )

    # --- editing -------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self._kind is not None and self._kind is not Kind.STARTER

    def _fields_edited(self) -> None:
        self._dirty = True
        if not self.fields.name.text().strip():
            self.fields.show_error("name", "Please give the programme a name.")
        else:
            self.fields.show_error("", "")
        self._refresh_heading()

    def _refresh_heading(self) -> None:
        name = self.fields.name.text().strip()
        if self._kind is Kind.STARTER or (self._base is not None and self._base.is_template):
            self.heading.setText(name or "New template")
        elif self._base is not None and self._base.id is None:
            self.heading.setText(name or "New programme")
        else:
            self.heading.setText(name)

    def show_picker(self) -> None:
        self.side.setCurrentWidget(self.picker)
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_exercise(self, exercise_id: str) -> None:
        """Add an exercise with its library default dosage, opening a new programme if needed."""
        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is None:
            return
        if not self.editable:
            today = self.ui.app.programmes.today()
            self._open(Kind.PROGRAMME, Programme(uid="", name="", start_date=today))
        every_day = exercise.dosage.days_per_week == len(EVERY_DAY)
        item = ProgrammeItem(exercise.id, exercise.dosage, days=EVERY_DAY if every_day else None)
        row = self.items.append(item)
        self.items_view.setCurrentIndex(self.items.index(row, 0))
        self._dirty = True
        self._say(f"Added “{exercise.name}”.")

    def _selected_row(self) -> int | None:
        index = self.items_view.currentIndex()
        return index.row() if index.isValid() else None

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is None or not self.editable:
            return
        self.items.removeRows(row, 1)
        self._dirty = True
        if self.items.rowCount():
            self.items_view.setCurrentIndex(
                self.items.index(min(row, self.items.rowCount() - 1), 0)
            )

    def move_selected(self, step: int) -> None:
        row = self._selected_row()
        if row is None or not self.editable:
            return
        target = row + step
        if not 0 <= target < self.items.rowCount():
            return
        # moveRows takes the row to move *before*: one further when moving down.
        self.items.moveRows(QModelIndex(), row, 1, QModelIndex(), target + (1 if step > 0 else 0))
        self.items_view.setCurrentIndex(self.items.index(target, 0))
        self._dirty = True

    def _item_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.dosage.set_item(self.items.item(current.row()), self.items.name(current.row()))
        else:
            self.dosage.set_item(None, "")
        self.dosage.setEnabled(current.isValid() and self.editable)
        self._update_actions()

    def _dosage_edited(self, item: ProgrammeItem) -> None:
        row = self._selected_row()
        if row is not None:
            self.items.replace(row, item)
            self._dirty = True

    def _items_changed(self) -> None:
        items = self.items.items()
        settings = SessionSettings(get_ready_s=float(self.ui.app.settings.get(GET_READY_S)))
        seconds = session_seconds(items, self.ui.app.exercises.get, settings)
        self.length.setText(f"{in_words(seconds)} a session" if items else "")
        count = len(items)
        if count > COMFORTABLE_LENGTH:
            self.long_hint.setText(
                f"This programme has {count} exercises. Programmes of 2 to 4 exercises are "
                "followed more faithfully; consider splitting it, say into a morning and an "
                "evening programme."
            )
        self.long_hint.setVisible(count > COMFORTABLE_LENGTH)
        if count:
            self._show_items_error("")
        self._update_actions()

    def _show_items_error(self, message: str) -> None:
        self.items_error.setText(message)
        self.items_error.setVisible(bool(message))

    def _update_actions(self) -> None:
        editable = self.editable
        has_row = self._selected_row() is not None
        stored = self._base is not None and self._base.id is not None
        template = self._base is not None and self._base.is_template
        self.save_button.setVisible(editable)
        self.save_button.setEnabled(editable and self.dosage.is_valid)
        self.from_template_button.setVisible(template)
        self.template_button.setVisible(not template)
        self.template_button.setEnabled(editable and self.dosage.is_valid)
        self.export_button.setEnabled(stored)
        self.print_button.setEnabled(stored or self._kind is Kind.STARTER)
        self.archive_button.setVisible(stored)
        self.archive_button.setText("Delete template" if template else "Archive")
        self.add_button.setEnabled(editable)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(editable and has_row)
        if not self.dosage.is_valid:
            self._say("Fix the marked dosage fields to save.")
        elif self.status.text() == "Fix the marked dosage fields to save.":
            self._say("")

    def _say(self, text: str) -> None:
        """A one-line note under the actions (what just happened); hidden when there is none."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- saving --------------------------------------------------------------------------------

    def _draft(self) -> Programme:
        assert self._base is not None
        return self.fields.read(dataclasses.replace(self._base, items=self.items.items()))

    def _report(self, exc: ValidationError) -> None:
        if exc.field == "items":
            self._show_items_error(exc.message)
        elif not self.fields.show_error(exc.field, exc.message):
            self._say(exc.message)

    def save(self) -> None:
        if not self.editable or not self.dosage.is_valid or self._base is None:
            return
        service = self.ui.app.programmes
        draft = self._draft()
        started = draft.id is not None and not draft.is_template
        try:
            if draft.id is None:
                new_id, changes = service.create(draft)
            else:
                changes = service.save(draft)
                new_id = draft.id
        except ValidationError as exc:
            self._report(exc)
            return
        except StoreError as exc:
            show_error(self.window(), exc.title, exc.message)
            return
        self._after_store(self._kind or Kind.PROGRAMME, new_id, changes)
        if started and draft.start_date <= service.today():
            self._say("Saved. The changes apply from today; earlier days keep theirs.")
        else:
            self._say("Saved.")

    def save_as_template(self) -> None:
        if self._base is None or not self.dosage.is_valid:
            return
        try:
            new_id, changes = self.ui.app.programmes.save_as_template(self._draft())
        except ValidationError as exc:
            self._report(exc)
            return
        self._dirty = False
        self._after_store(Kind.TEMPLATE, new_id, changes)
        self._say("Saved as a template: you can start new programmes from it.")

    def _after_store(self, kind: Kind, programme_id: int, changes: Changes) -> None:
        stored = self.ui.app.programmes.get(programme_id)
        self._dirty = False
        self.ui.apply(changes)
        if stored is not None:
            row = self._selected_row()
            self._open(kind, stored)
            if row is not None and row < self.items.rowCount():
                self.items_view.setCurrentIndex(self.items.index(row, 0))
        self._populate()

    def confirm_archive(self) -> None:
        if self._base is None or self._base.id is None:
            return
        template = self._base.is_template
        name = self._base.name
        programme_id = self._base.id
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

    def _keep(self, box: QMessageBox) -> None:
        """Hold on to an open question box until it is answered."""
        self._boxes.append(box)
        box.finished.connect(lambda: self._boxes.remove(box))

    def archive(self, programme_id: int, template: bool) -> None:
        service = self.ui.app.programmes
        try:
            changes = (
                service.delete_template(programme_id) if template else service.archive(programme_id)
            )
        except ValidationError as exc:
            show_error(self.window(), "Could not archive", exc.message)
            return
        self._kind, self._base, self._dirty = None, None, False
        self.stack.setCurrentIndex(0)
        self.ui.apply(changes)
        self._populate()

    # --- files ---------------------------------------------------------------------------------

    def export_file(self) -> None:
        if self._base is None or self._base.id is None:
            return
        if self._dirty:
            self._say("Save your changes first: the file holds the saved programme.")
            return
        suggested = "".join(c if c.isalnum() or c in " -_" else " " for c in self._base.name)
        path, _ = QFileDialog.getSaveFileName(
            self, "Export programme", " ".join(suggested.split()) + SUFFIX, FILE_FILTER
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        try:
            notes = self.ui.app.programme_transfer.export(self._base.id, target)
        except (ValidationError, ProgrammeFileError) as exc:
            message = exc.message
            show_error(self.window(), "Could not export", message)
            return
        self._say(" ".join((f"Exported to {target.name}.", *notes)))

    def print_handout(self, how: str) -> None:
        """The handout of the saved programme or template open here: preview, print or PDF."""
        base = self._base
        if base is None:
            return
        if self._dirty:
            self._say("Save your changes first: the handout shows the saved programme.")
            return
        chosen = base.id if base.id is not None else base
        deliver(self.ui, lambda app: Handout.of(app, chosen), how, self.window())

    def perform(self, request: str, *arguments: object) -> None:
        if request == "import":
            self.import_file()
        else:
            super().perform(request, *arguments)

    def import_file(self) -> None:
        def choose() -> None:
            path, _ = QFileDialog.getOpenFileName(self, "Import a programme file", "", FILE_FILTER)
            if path:
                self.preview_file(Path(path))

        self._unless_unsaved(choose)

    def preview_file(self, path: Path) -> None:
        from coach.ui.programmes.preview_dialog import ImportPreviewDialog

        try:
            preview = self.ui.app.programme_transfer.preview(path)
        except ProgrammeFileError as exc:
            show_error(self.window(), "This file cannot be imported", exc.message)
            return
        except StoreError as exc:
            show_error(self.window(), exc.title, exc.message)
            return
        dialog = ImportPreviewDialog(self.ui.app.settings, preview, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._preview_answered(preview, result))
        self.preview_dialog = dialog
        dialog.open()

    def _preview_answered(self, preview: ImportPreview, result: int) -> None:
        self.preview_dialog = None
        if result != QDialog.DialogCode.Accepted:
            return
        try:
            new_id, changes = self.ui.app.programme_transfer.commit(preview)
        except (ProgrammeFileError, ValidationError) as exc:
            message = exc.message
            show_error(self.window(), "Could not import", message)
            return
        except StoreError as exc:
            show_error(self.window(), exc.title, exc.message)
            return
        kind = Kind.TEMPLATE if preview.programme.is_template else Kind.PROGRAMME
        self._after_store(kind, new_id, changes)
        self.side.setCurrentIndex(0)
        self._say(f"Imported “{preview.name}”.")


def create_page(ui: UiContext) -> Page:
    return ProgrammesPage(ui)
