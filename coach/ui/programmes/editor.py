"""The builder's right side: one programme's fields, its ordered exercises and their dosage.

It shows a ProgrammeDraft (coach.services.programme_draft) and hands it every edit: the fields
as typed, the items as reordered (Alt+Up/Alt+Down, the move buttons or drag and drop), removed
(Delete) or re-dosed. It also shows the session length (from the session engine's own step
expansion) and a gentle hint when the list grows long. It is the FieldSink of coach.ui.ops for
the page's saves: a refusal appears under the field it names. Saving, opening and the action
buttons' meaning belong to the page, which connects them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from coach.domain.errors import UserError
from coach.domain.exercise import Exercise
from coach.domain.outcomes import Instrument
from coach.domain.programme import COMFORTABLE_LENGTH, ProgrammeItem
from coach.domain.session_engine import SessionSettings
from coach.services.programme_draft import Kind, ProgrammeDraft
from coach.services.session_length import in_words, session_seconds
from coach.services.settings import GET_READY_S
from coach.ui.context import UiContext
from coach.ui.library.pictures import ThumbnailCache
from coach.ui.ops import mutate
from coach.ui.printing.actions import print_button
from coach.ui.programmes.dosage_editor import DosageEditor
from coach.ui.programmes.fields import ProgrammeFields
from coach.ui.programmes.item_model import ProgrammeItemsModel
from coach.ui.programmes.items_view import ItemsView
from coach.ui.programmes.reminder_plan import ReminderPlanFields
from coach.ui.widgets import FlowLayout, boxed, callout, label

ITEM_ICON = QSize(64, 48)
FIX_DOSAGE = "Fix the marked dosage fields to save."


def _slim(frame: QFrame) -> QFrame:
    """A card with a narrower inner margin than usual (see the body's margins)."""
    inner = frame.layout()
    assert inner is not None
    inner.setContentsMargins(8, 10, 8, 10)
    return frame


class ProgrammeEditor(QScrollArea):
    picker_wanted = Signal()  # "Add exercises…": the page shows its library picker
    print_wanted = Signal(str)  # "preview", "print" or "pdf"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.draft: ProgrammeDraft | None = None
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
        self.from_template_button = QPushButton("Start a programme from this template")
        self.from_template_button.setProperty("role", "primary")
        self.template_button = QPushButton("Save as template")
        self.export_button = QPushButton("Export…")
        height = self.export_button.sizeHint().height()
        self.print_button = print_button(self.print_wanted.emit, height)
        self.print_button.setToolTip("Print this programme's handout, or save it as a PDF")
        self.archive_button = QPushButton("Archive")
        # Rows of buttons wrap rather than squeeze, so the editor is never wider than its pane.
        actions = FlowLayout()
        for button in (
            self.save_button,
            self.from_template_button,
            self.template_button,
            self.export_button,
            self.print_button,
            self.archive_button,
        ):
            actions.addWidget(button)

        self.fields = ProgrammeFields(therapist=ui.app.questionnaires.therapist_copy())
        self.fields.edited.connect(self._fields_edited)
        self.reminder_plan = ReminderPlanFields(ui)
        self.reminder_plan_box = boxed(self.reminder_plan)
        self.reminder_plan_box.hide()
        self.fields.asked_changed.connect(self._asked_changed)

        self.thumbnails = ThumbnailCache(ITEM_ICON, self.devicePixelRatioF(), self)
        self.items = ProgrammeItemsModel(ui.app.exercises.get, self.thumbnails, self)
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
        self.add_button.clicked.connect(self.picker_wanted)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.easier_button = QPushButton("Make easier")
        self.easier_button.clicked.connect(lambda: self.step_selected(harder=False))
        self.harder_button = QPushButton("Make harder")
        self.harder_button.clicked.connect(lambda: self.step_selected(harder=True))
        item_buttons = FlowLayout()
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.easier_button,
            self.harder_button,
        ):
            item_buttons.addWidget(button)
        self.length = label("", role="subheading")
        self.items_error = label("", role="error")
        self.items_error.hide()
        self.long_hint = callout("")
        self.long_hint.hide()

        self.dosage = DosageEditor()
        self.dosage.item_changed.connect(self._dosage_edited)
        self.dosage.valid_changed.connect(self.update_actions)

        # Each on one line (a wrapped label in a flow asks for a narrow width and breaks early);
        # the flow puts the length under the caption when both do not fit.
        items_caption = label("Exercises", role="subheading")
        items_header = FlowLayout(spacing=16)
        for caption in (items_caption, self.length):
            caption.setWordWrap(False)
            items_header.addWidget(caption)

        body = QWidget()
        layout = QVBoxLayout(body)
        # Slim margins, so the builder still fits beside the list in the smallest window.
        layout.setContentsMargins(4, 0, 4, 8)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.read_only_note)
        layout.addWidget(_slim(boxed(self.fields)))
        layout.addWidget(self.reminder_plan_box)
        layout.addLayout(items_header)
        layout.addWidget(self.items_view)
        layout.addLayout(item_buttons)
        layout.addWidget(self.items_error)
        layout.addWidget(self.long_hint)
        layout.addWidget(_slim(boxed(self.dosage)))
        layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(body)

    # --- what is shown -------------------------------------------------------------------------

    def show_draft(self, draft: ProgrammeDraft, selected_row: int | None = 0) -> None:
        """Show `draft` for editing, with the item at `selected_row` (if any) selected."""
        self.draft = draft
        value = draft.value
        self.say("")
        self.fields.load(value)
        self.fields.load_asked(self.ui.app.questionnaires.asked(value.uid))
        self.items.set_items(value.items)
        self.show_items_error("")
        self.fields.set_editable(draft.editable)
        self.reminder_plan_box.setVisible(self.reminder_plan.show_for(value, draft.editable))
        self.read_only_note.setVisible(not draft.editable)
        self.items_view.setDragEnabled(draft.editable)
        if value.items:
            row = min(selected_row or 0, len(value.items) - 1)
            self.items_view.setCurrentIndex(self.items.index(row, 0))
        else:
            self.dosage.set_item(None, "")
        self._refresh_heading()
        self.update_actions()

    @property
    def editable(self) -> bool:
        return self.draft is not None and self.draft.editable

    @property
    def unsaved(self) -> bool:
        """Edits not saved yet, counting a dosage value held back because it is out of range."""
        return self.draft is not None and (self.draft.changed or not self.dosage.is_valid)

    def say(self, text: str) -> None:
        """A one-line note under the actions (what just happened); hidden when there is none."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_field_error(self, error: UserError) -> bool:
        """The FieldSink of coach.ui.ops: a refusal shown at the field it names."""
        field, message = error.field or "", error.message
        if field == "items":
            self.show_items_error(message)
            return True
        return self.fields.show_error(field, message) or self.dosage.show_error(field, message)

    def show_items_error(self, message: str) -> None:
        self.items_error.setText(message)
        self.items_error.setVisible(bool(message))

    def _refresh_heading(self) -> None:
        name = self.fields.name.text().strip()
        draft = self.draft
        if draft is not None and draft.is_template:
            self.heading.setText(name or "New template")
        elif draft is not None and not draft.stored:
            self.heading.setText(name or "New programme")
        else:
            self.heading.setText(name)

    def update_actions(self) -> None:
        editable = self.editable
        has_row = self.selected_row() is not None
        stored = self.draft is not None and self.draft.stored
        template = self.draft is not None and self.draft.is_template
        self.save_button.setVisible(editable)
        self.save_button.setEnabled(editable and self.dosage.is_valid)
        self.from_template_button.setVisible(template)
        self.template_button.setVisible(not template)
        self.template_button.setEnabled(editable and self.dosage.is_valid)
        self.export_button.setEnabled(stored)
        starter = self.draft is not None and self.draft.kind is Kind.STARTER
        self.print_button.setEnabled(stored or starter)
        self.archive_button.setVisible(stored)
        self.archive_button.setText("Delete template" if template else "Archive")
        self.add_button.setEnabled(editable)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(editable and has_row)
        self._update_steps()
        if not self.dosage.is_valid:
            self.say(FIX_DOSAGE)
        elif self.status.text() == FIX_DOSAGE:
            self.say("")

    def _step(self, harder: bool) -> Exercise | None:
        """The exercise one rung harder or easier than the selected item's, if any."""
        row = self.selected_row()
        if row is None:
            return None
        exercise_id = self.items.item(row).exercise_id
        exercises = self.ui.app.exercises
        return exercises.harder(exercise_id) if harder else exercises.easier(exercise_id)

    def _update_steps(self) -> None:
        """Enable "Make easier" / "Make harder" where the ladder has a step, and say why not."""
        row = self.selected_row()
        name = self.items.name(row) if row is not None else ""
        steps = {harder: self._step(harder) for harder in (False, True)}
        on_ladder = any(steps.values())
        for button, harder in ((self.easier_button, False), (self.harder_button, True)):
            step = steps[harder]
            button.setEnabled(step is not None and self.editable)
            if row is None:
                tip = "Select an exercise first"
            elif not self.editable:
                tip = "Start a programme from this template to change its exercises"
            elif step is not None:
                tip = f"Swap for {step.name}, keeping the days and times a day"
            elif on_ladder:
                tip = f"{name} is the {'hardest' if harder else 'easiest'} step of its ladder"
            else:
                tip = f"{name} has no easier or harder step in the library"
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)

    # --- editing -------------------------------------------------------------------------------

    def step_selected(self, *, harder: bool) -> None:
        """Swap the selected item's exercise one rung up or down its ladder (an edit to the
        draft, saved with the programme)."""
        row = self.selected_row()
        step = self._step(harder)
        if row is None or step is None or self.draft is None or not self.editable:
            return
        before = self.items.item(row)
        old_name = self.items.name(row)
        item = self.draft.swap_exercise(row, step)
        self.items.replace(row, item)
        self.dosage.set_item(item, step.name)
        amounts = "amounts" if item.dosage == before.dosage else "times a day, its usual amounts"
        self.say(f"Swapped “{old_name}” for “{step.name}”: the same days and {amounts}.")

    def _asked_changed(self, asked: frozenset[Instrument]) -> None:
        """Kept at once, apart from the draft: it is a setting, not part of the programme."""
        if self.draft is None:
            return
        uid = self.draft.value.uid
        mutate(self.ui, self, lambda app: app.questionnaires.set_asked(uid, asked))

    def _fields_edited(self) -> None:
        if self.draft is not None:
            self.draft.edit(self.fields.read(self.draft.value))
        if not self.fields.name.text().strip():
            self.fields.show_error("name", "Please give the programme a name.")
        else:
            self.fields.show_error("", "")
        self._refresh_heading()

    def add_item(self, item: ProgrammeItem) -> None:
        row = self.items.append(item)
        self.items_view.setCurrentIndex(self.items.index(row, 0))

    def selected_row(self) -> int | None:
        index = self.items_view.currentIndex()
        return index.row() if index.isValid() else None

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None or not self.editable:
            return
        self.items.removeRows(row, 1)
        if self.items.rowCount():
            self.items_view.setCurrentIndex(
                self.items.index(min(row, self.items.rowCount() - 1), 0)
            )

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row is None or not self.editable:
            return
        target = row + step
        if not 0 <= target < self.items.rowCount():
            return
        # moveRows takes the row to move *before*: one further when moving down.
        self.items.moveRows(QModelIndex(), row, 1, QModelIndex(), target + (1 if step > 0 else 0))
        self.items_view.setCurrentIndex(self.items.index(target, 0))

    def _item_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.dosage.set_item(self.items.item(current.row()), self.items.name(current.row()))
        else:
            self.dosage.set_item(None, "")
        self.dosage.setEnabled(current.isValid() and self.editable)
        self.update_actions()

    def _dosage_edited(self, item: ProgrammeItem) -> None:
        row = self.selected_row()
        if row is not None:
            self.items.replace(row, item)

    def _items_changed(self) -> None:
        items = self.items.items()
        if self.draft is not None:
            self.draft.set_items(items)
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
            self.show_items_error("")
        self.update_actions()
