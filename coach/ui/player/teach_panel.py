"""How to do the exercise, shown large while the patient gets into position or has paused.

Between exercises and whenever the session is paused the patient has time to read, and the
exercise's steps, cautions and stop rules are what keeps the movement right and safe (CLINICAL.md:
illustrated instructions roughly double adherence over verbal ones). The text is as large as the
panel allows, from TEXT_PX down to MIN_PX, so it stays readable from a mat two metres away.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from coach.domain.exercise import Exercise
from coach.ui import style

TEXT_PX = 30  # the size to aim for in a 1280 x 800 window
MIN_PX = 18
SPACING = 10


class TeachPanel(QFrame):
    """The steps, "Take care" and "Stop if" of one exercise, fitted to the space it has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teach")
        self.setStyleSheet(
            f"#teach {{ background: {style.SURFACE}; border: 1px solid {style.BORDER};"
            " border-radius: 12px; }"
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.steps = self._label(style.INK)
        self.cautions = self._label(style.WARNING_INK)
        self.stop_rules = self._label(style.DANGER_INK)
        self.steps.setAccessibleName("How to do it")
        self.cautions.setAccessibleName("Take care")
        self.stop_rules.setAccessibleName("Stop if")
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(SPACING)
        for widget in (self.steps, self.cautions, self.stop_rules):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._largest = TEXT_PX
        self.pixel_size = TEXT_PX

    def _label(self, colour: str) -> QLabel:
        widget = QLabel()
        widget.setWordWrap(True)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setStyleSheet(f"color: {colour}; border: none;")
        widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return widget

    def show_exercise(self, exercise: Exercise | None, summary: str = "") -> None:
        """The exercise's how-to; without one (an exercise no longer in the library), its
        summary if there is one."""
        if exercise is None:
            self.steps.setText(summary)
            self.cautions.setText("")
            self.stop_rules.setText("")
        else:
            steps = [f"{n}. {text}" for n, text in enumerate(exercise.steps, start=1)]
            self.steps.setText("\n".join(steps) or exercise.summary)
            self.cautions.setText(_listed("Take care", exercise.cautions))
            self.stop_rules.setText(_listed("When to stop", exercise.stop_rules))
        for widget in (self.cautions, self.stop_rules):
            widget.setVisible(bool(widget.text()))
        self._fit()

    def set_largest(self, pixels: int) -> None:
        """The size to aim for, following the window's size."""
        self._largest = max(MIN_PX, pixels)
        self._fit()

    def texts(self) -> list[str]:
        return [w.text() for w in (self.steps, self.cautions, self.stop_rules) if w.text()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # The panel takes the room it is given and fits its text to it; the wrapped text must not
    # make the player window taller than the screen.
    def hasHeightForWidth(self) -> bool:
        return False

    def heightForWidth(self, width: int) -> int:
        return -1

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 80)

    def _fit(self) -> None:
        """The largest text size at which everything fits the panel's height."""
        inner = self._layout.contentsMargins()
        width = self.width() - inner.left() - inner.right()
        height = self.height() - inner.top() - inner.bottom()
        shown = [w for w in (self.steps, self.cautions, self.stop_rules) if w.text()]
        size = self._largest
        while size > MIN_PX:
            if self._height_at(shown, size, width) + SPACING * len(shown) <= height:
                break
            size -= 1
        self.pixel_size = size
        for widget in shown:
            font = QFont(widget.font())
            font.setPixelSize(size)
            font.setBold(widget is not self.steps)
            widget.setFont(font)

    def _height_at(self, widgets: list[QLabel], size: int, width: int) -> int:
        total = 0
        for widget in widgets:
            font = QFont(widget.font())
            font.setPixelSize(size)
            font.setBold(widget is not self.steps)
            area = QRect(0, 0, max(1, width), 100_000)
            flags = Qt.TextFlag.TextWordWrap
            total += QFontMetrics(font).boundingRect(area, flags, widget.text()).height()
        return total


def _listed(heading: str, lines: tuple[str, ...]) -> str:
    return "\n".join([f"{heading}:", *(f"• {line}" for line in lines)]) if lines else ""
