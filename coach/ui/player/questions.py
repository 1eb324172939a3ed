"""The screens between and after exercises: the "are you sure" before stopping or skipping,
symptoms after a McKenzie exercise, the peripheralization advice, how the session went, and the
summary. Each is read from the mat, so the text is large, and each works from the keyboard: its
buttons take focus, and the safe choice is the default."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.symptoms import SymptomRegion, level_name
from coach.services.sessions import EFFORTS, NOTE_MAX
from coach.ui import style
from coach.ui.diary.scale import ScalePicker
from coach.ui.player.symptom_picker import SymptomPicker
from coach.ui.widgets import boxed, label

PERIPHERALIZED_ADVICE = (
    "Your symptoms have spread further from your spine. Stop this exercise and contact your "
    "therapist before you do it again. Pain that spreads into the arm or leg is a sign this "
    "movement is not right for you at the moment."
)
CENTRALIZED_PRAISE = "Good sign: your symptoms moved toward your spine. Keep going."
UNCHANGED_NOTE = "No change in where your symptoms reach. Carry on."


def advice_style() -> str:
    """The stop advice's box, its text at the Text size in force (read when a page is built)."""
    return (
        f"background: {style.DANGER_BG}; color: {style.DANGER_INK}; border: 2px solid "
        f"{style.DANGER_INK}; border-radius: 10px; padding: 14px; "
        f"font-size: {style.scaled(18)}pt; font-weight: 600;"
    )


def _big(text: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setMinimumHeight(64)
    button.setStyleSheet(f"font-size: {style.scaled(16)}pt; padding: 8px 22px;")
    if primary:
        button.setProperty("role", "primary")
    return button


def page_style() -> str:
    """The questions are read from the mat too: larger text than the rest of the app, growing
    with the Text size like it."""
    return f"QLabel {{ font-size: {style.scaled(17)}pt; }}"


def _page(*widgets: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(48, 36, 48, 36)
    layout.setSpacing(20)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


def _heading(text: str) -> QWidget:
    widget = label(text, role="heading")
    widget.setStyleSheet(f"font-size: {style.scaled(30)}pt;")
    return widget


class SymptomQuestion(QWidget):
    """After a McKenzie exercise: where do the symptoms reach now? Emits the level chosen."""

    answered = Signal(int)

    def __init__(
        self, exercise: str, region: SymptomRegion, before: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.picker = SymptomPicker(region, large=True)
        self.picker.valueChanged.connect(self.answered.emit)
        layout = _page(
            _heading("Where are your symptoms now?"),
            label(f"You have finished {exercise}.", role="subheading"),
            label(f"Before it, they reached: {level_name(region, before)}."),
            self.picker,
        )
        layout.addStretch(1)
        self.setLayout(layout)
        self.setStyleSheet(page_style())


class PeripheralAdvice(QWidget):
    """Peripheralization: the stop-and-contact advice, and what to do with the session."""

    skip_chosen = Signal()
    end_chosen = Signal()

    def __init__(self, exercise: str, later: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        advice = label(PERIPHERALIZED_ADVICE)
        advice.setStyleSheet(advice_style())
        carry_on = (
            f"Leave out {exercise} for the rest of this session"
            if later
            else "Carry on with the other exercises"
        )
        self.skip_button = _big(carry_on)
        self.end_button = _big("End the session now", primary=True)
        self.skip_button.clicked.connect(self.skip_chosen.emit)
        self.end_button.clicked.connect(self.end_chosen.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.end_button)
        layout = _page(
            _heading(f"Stop {exercise}"),
            advice,
            label("This has been saved in your log, so your therapist can see it."),
        )
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setLayout(layout)
        self.setStyleSheet(page_style())


class Confirm(QWidget):
    """Stop the session, or skip the rest of an exercise? "Keep going" is the default: it has
    the focus, Enter or Space picks it, and so does Esc, so a stray key never ends anything."""

    decided = Signal(bool)  # True: leave (stop or skip); False: keep going

    def __init__(
        self, heading: str, detail: str, leave: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.keep_button = _big("Keep going", primary=True)
        self.leave_button = _big(leave)
        for button in (self.keep_button, self.leave_button):
            button.setMinimumHeight(96)
            button.setStyleSheet(f"font-size: {style.scaled(22)}pt; padding: 8px 36px;")
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self.decided.emit(False))
        self.leave_button.clicked.connect(lambda: self.decided.emit(True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        self.detail = label(detail, role="subheading")
        layout = _page(_heading(heading), self.detail)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setLayout(layout)
        self.setStyleSheet(page_style())
        self.setFocusProxy(self.keep_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.decided.emit(False)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            chosen = focused if isinstance(focused, QPushButton) else self.keep_button
            chosen.click()
            event.accept()
            return
        super().keyPressEvent(event)


class AfterSession(QWidget):
    """Pain now, easier / same / harder, and a note."""

    saved = Signal()

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pain = ScalePicker("Pain now")
        self.effort = QButtonGroup(self)
        row = QHBoxLayout()
        for index, (word, text) in enumerate(
            zip(EFFORTS, ("Easier", "The same", "Harder"), strict=True)
        ):
            button = _big(text)
            button.setCheckable(True)
            button.setProperty("effort", word)
            self.effort.addButton(button, index)
            row.addWidget(button)
        effort_box = QWidget()
        effort_box.setLayout(row)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Anything to remember or tell your therapist (optional)")
        self.note.setMaximumHeight(110)
        self.save_button = _big("Save", primary=True)
        self.save_button.clicked.connect(self.saved.emit)
        self.error = label("", role="error")
        self.error.hide()
        self.heading = _heading(heading)
        layout = _page(
            self.heading,
            boxed(label("How strong is your pain now?", role="subheading"), self.pain),
            boxed(
                label("Compared with last time, the exercises felt", role="subheading"),
                effort_box,
            ),
            boxed(label("Note", role="subheading"), self.note),
            self.error,
        )
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.setLayout(layout)
        self.setStyleSheet(page_style())

    def effort_value(self) -> str | None:
        checked = self.effort.checkedButton()
        return None if checked is None else str(checked.property("effort"))

    def note_text(self) -> str:
        return self.note.toPlainText()[:NOTE_MAX]

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def show_field_error(self, error: UserError) -> bool:
        """A refusal of what was entered here is shown above the Save button (ops.FieldSink)."""
        if error.field not in ("pain_after", "effort", "note"):
            return False
        self.show_error(error.message)
        return True


class Summary(QWidget):
    closed = Signal()

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = [label(line, role="subheading") for line in lines]
        self.close_button = _big("Close", primary=True)
        self.close_button.clicked.connect(self.closed.emit)
        layout = _page(_heading(title), *self.lines)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.setLayout(layout)
        self.setStyleSheet(page_style())
