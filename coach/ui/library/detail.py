"""One exercise in full: the moving illustration beside everything a patient needs to do it.

Left: the animated figure with play, pause and step-through controls (or the user's picture for
their own exercise). Right: summary, numbered steps, tips, cautions, when to stop, and the
default dosage in words. Buttons act on the exercise: "Add to programme" appears only when a
page listens for it (no dead buttons), Edit and Delete only for the user's own exercises. Under
the name, an exercise on a progression ladder links to the step easier and the step harder, so a
therapist can walk the ladder without going back to the grid.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.domain.exercise import Exercise
from coach.services import exercise_labels
from coach.services.dosage_words import describe
from coach.ui.library.illustration import IllustrationPanel
from coach.ui.widgets import boxed, label

ILLUSTRATION = QSize(420, 340)


def tags(exercise: Exercise) -> str:
    """Category, regions, position and equipment in one line of plain words."""
    words = [exercise_labels.CATEGORY[exercise.category]]
    words += [exercise_labels.REGION[region] for region in exercise.regions]
    words.append(exercise_labels.POSITION[exercise.position])
    words += [exercise_labels.EQUIPMENT[item] for item in exercise.equipment]
    if exercise.custom:
        words.append("Your own exercise")
    return " · ".join(words)


class ExerciseDetail(QWidget):
    back_requested = Signal()
    add_requested = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    open_requested = Signal(str)  # another exercise's id: a step of this one's ladder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise: Exercise | None = None

        self.back_button = QPushButton("← Back to the library")
        self.back_button.setToolTip("Back to all exercises (Esc)")
        self.back_button.clicked.connect(self.back_requested)
        self.add_button = QPushButton("Add to programme")
        self.add_button.setProperty("role", "primary")
        self.add_button.clicked.connect(lambda: self._emit(self.add_requested))
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back_requested)

        self.title = label("", role="heading")
        self.title.setAccessibleName("Exercise name")
        self.tags = label("", role="muted")
        self.easier_button = QPushButton()
        self.harder_button = QPushButton()
        self.steps_label = label("Progression:", role="muted")
        self.steps_label.setWordWrap(False)
        self._steps: dict[QPushButton, str] = {}
        for button in (self.easier_button, self.harder_button):
            button.clicked.connect(lambda _=False, b=button: self._open_step(b))
        self.illustration = IllustrationPanel(ILLUSTRATION)
        self.text = QWidget()
        self.text_layout = QVBoxLayout(self.text)
        self.text_layout.setContentsMargins(0, 0, 8, 0)
        self.text_layout.setSpacing(10)
        self._build_layout()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        for button in (self.edit_button, self.delete_button, self.add_button):
            bar.addWidget(button)

        left = QVBoxLayout()
        left.addWidget(self.illustration)
        left.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left)
        body.addWidget(self.text, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 8, 28, 24)
        column.setSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.tags)
        steps = QHBoxLayout()
        steps.setSpacing(8)
        steps.addWidget(self.steps_label)
        steps.addWidget(self.easier_button)
        steps.addWidget(self.harder_button)
        steps.addStretch(1)
        column.addLayout(steps)
        column.addSpacing(6)
        column.addLayout(body)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        bar_box = QWidget()
        bar_box.setLayout(bar)
        bar.setContentsMargins(28, 16, 28, 0)
        outer.addWidget(bar_box)
        outer.addWidget(scroll, 1)

    def _emit(self, signal: SignalInstance) -> None:
        if self.exercise is not None:
            signal.emit(self.exercise.id)

    def show_exercise(
        self,
        exercise: Exercise,
        can_add: bool,
        easier: Exercise | None = None,
        harder: Exercise | None = None,
    ) -> None:
        """Show `exercise`, with links to the steps `easier` and `harder` on its ladder."""
        self.exercise = exercise
        self.title.setText(exercise.name)
        self.tags.setText(tags(exercise))
        self._show_step(self.easier_button, easier, "← Easier: {}", "One step easier: {}")
        self._show_step(self.harder_button, harder, "Harder: {} →", "One step harder: {}")
        self.steps_label.setVisible(easier is not None or harder is not None)
        self.add_button.setVisible(can_add)
        self.edit_button.setVisible(exercise.custom)
        self.delete_button.setVisible(exercise.custom)
        self.illustration.show_exercise(exercise)
        self._fill_text(exercise)

    def _open_step(self, button: QPushButton) -> None:
        """Ask for the linked exercise; the focus stays on the link (the next step, if any)."""
        self.open_requested.emit(self._steps[button])
        if button.isVisible() and self.isVisible():
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_step(
        self, button: QPushButton, step: Exercise | None, shown: str, spoken: str
    ) -> None:
        button.setVisible(step is not None)
        if step is None:
            self._steps.pop(button, None)
            return
        self._steps[button] = step.id
        button.setText(shown.format(step.name))
        button.setAccessibleName(spoken.format(step.name))
        button.setToolTip(f"Open {step.name}")

    def stop(self) -> None:
        """Stop the animation (the detail is leaving the screen)."""
        self.illustration.stop()

    def _fill_text(self, exercise: Exercise) -> None:
        while (item := self.text_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()  # out of sight now; deleted once back in the event loop
                widget.deleteLater()
        layout = self.text_layout
        if exercise.summary:
            layout.addWidget(label(exercise.summary))
        layout.addWidget(label("How to do it", role="subheading"))
        layout.addWidget(_numbered(exercise.steps))
        if exercise.cues:
            layout.addWidget(label("Tips", role="subheading"))
            layout.addWidget(_bullets(exercise.cues))
        layout.addWidget(label("How much", role="subheading"))
        layout.addWidget(_bullets(describe(exercise.dosage), bullet=""))
        source = label(f"Where this amount comes from: {exercise.dosage_source}", role="muted")
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source)
        if exercise.cautions:
            layout.addWidget(
                boxed(
                    label("Take care", role="subheading"),
                    _bullets(exercise.cautions),
                    role="warning",
                )
            )
        if exercise.stop_rules:
            layout.addWidget(
                boxed(
                    label("Stop and contact your therapist if", role="subheading"),
                    _bullets(exercise.stop_rules),
                    role="danger",
                )
            )
        layout.addStretch(1)


def _numbered(lines: tuple[str, ...]) -> QWidget:
    return _listed(lines, [f"{number}." for number in range(1, len(lines) + 1)])


def _bullets(lines: tuple[str, ...], bullet: str = "•") -> QWidget:
    return _listed(lines, [bullet] * len(lines))


def _listed(lines: tuple[str, ...], marks: list[str]) -> QWidget:
    box = QWidget()
    box.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(6)
    for row, (mark, line) in enumerate(zip(marks, lines, strict=True)):
        if mark:
            number = QLabel(mark)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            number.setStyleSheet("font-weight: 600;")
            grid.addWidget(number, row, 0)
        text = label(line)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        grid.addWidget(text, row, 1)
    grid.setColumnStretch(1, 1)
    return box
