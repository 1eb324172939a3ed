"""What the patient sees during a session, sized to be read from a mat two metres away.

The view is passive: the player window hands it the engine's state on every timer tick. Fonts
follow the window's size, so a maximised window on a television reads as well as a laptop's.
Each kind of step has its own colour band, so "hold" and "rest" can be told apart at a glance.
While the patient gets into position (get ready, next exercise) and whenever the session is
paused, the exercise's instructions take the place of the big countdown (TeachPanel).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.domain.exercise import Exercise
from coach.domain.session_engine import Side, Step, StepKind, phase_progress
from coach.ui import style
from coach.ui.figure_view import FigureView
from coach.ui.player.teach_panel import TEXT_PX, TeachPanel

BAND_COLOURS = {
    StepKind.GET_READY: "#334e68",
    StepKind.NEXT_EXERCISE: "#334e68",
    StepKind.MOVE: style.ACCENT,
    StepKind.RETURN: style.ACCENT,
    StepKind.HOLD: "#a8440f",
    StepKind.REST: style.GOOD_INK,
    StepKind.SWITCH_SIDE: "#6b3fa0",
    StepKind.DONE: style.GOOD_INK,
}
PAUSED_COLOUR = "#8a4b00"
FLASH_MS = 220
MINIMUM = QSize(800, 520)
# Font sizes in pixels for a 1280 x 800 window; scaled with the window.
SIZES = {
    "name": 34,
    "band": 58,
    "countdown": 210,
    "clock": 64,
    "detail": 32,
    "next": 24,
    "small": 16,
}
# The steps where the patient has time to read how the exercise is done.
TEACHING = frozenset({StepKind.GET_READY, StepKind.NEXT_EXERCISE})
KEYS_HINT = "Keys: Space pause · ← back · → next step\nS skip exercise · Esc stop"


def countdown_text(seconds: int) -> str:
    """Whole seconds as a patient reads them: "45", and from a minute up "1:54"."""
    if seconds <= 0:
        return ""
    if seconds < 60:
        return str(seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


class RunView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"RunView {{ background: {style.SURFACE}; }}")
        self.name = self._label("name", bold=True)
        self.position = self._label("small", colour=style.MUTED)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.band = self._label("band", bold=True, colour="white")
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band.setMinimumHeight(90)
        self.countdown = self._label("countdown", bold=True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName("Time left")
        # While teaching, the countdown is smaller, beside what comes next.
        self.clock = self._label("clock", bold=True)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setAccessibleName("Time left")
        self.teach = TeachPanel()
        self.keys = self._label("small", colour=style.MUTED)
        self.keys.setText(KEYS_HINT)
        self.keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = self._label("detail", bold=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.coming = self._label("next", colour=style.MUTED)
        self.coming.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = self._label("small", colour=style.WARNING_INK)
        self.notice.setStyleSheet(
            self.notice.styleSheet() + f"background: {style.WARNING_BG}; padding: 4px 8px;"
        )
        self.notice.hide()
        self.feedback = self._label("next", bold=True, colour=style.GOOD_INK)
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.feedback.hide()
        self.figure = FigureView()
        self.figure.setMinimumSize(QSize(260, 260))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(18)
        self.progress.setAccessibleName("Session progress")
        self.progress.setStyleSheet(
            f"QProgressBar {{ background: {style.BORDER}; border: none; border-radius: 9px; }}"
            f"QProgressBar::chunk {{ background: {style.ACCENT}; border-radius: 9px; }}"
        )

        self.previous_button = self._button("◀  Back", "Back one step (Left arrow)")
        self.pause_button = self._button("Pause", "Pause or carry on (Space)")
        self.next_button = self._button("Next  ▶", "Next step (Right arrow)")
        self.skip_button = self._button("Skip exercise", "Skip the rest of this exercise (S)")
        self.stop_button = self._button("Stop", "Stop the session (Esc)")
        self.pause_button.setProperty("role", "primary")

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.position)
        right = QVBoxLayout()
        right.addWidget(self.band)
        right.addWidget(self.countdown, 1)
        right.addWidget(self.detail)
        right.addWidget(self.clock)
        right.addWidget(self.coming)
        right.addWidget(self.teach, 1)
        right.addWidget(self.feedback)
        self.middle = QGridLayout()
        self.middle.addWidget(self.figure, 0, 0)
        self.middle.addLayout(right, 0, 1)
        self._teaching: bool | None = None
        self._set_teaching(False)
        controls = QHBoxLayout()
        for button in (self.previous_button, self.pause_button, self.next_button):
            controls.addWidget(button)
        controls.addWidget(self.keys, 1)
        controls.addWidget(self.skip_button)
        controls.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(self.middle, 1)
        layout.addWidget(self.progress)
        layout.addLayout(controls)
        layout.addWidget(self.notice)
        self._flash_off = QTimer(self)
        self._flash_off.setSingleShot(True)
        self._flash_off.setInterval(FLASH_MS)
        self._flash_off.timeout.connect(lambda: self._paint_band(False))
        self._band_colour = BAND_COLOURS[StepKind.GET_READY]
        self._band_painted: tuple[str, bool] | None = None
        self._scale = 1.0
        self._exercise: Exercise | None = None

    def _label(self, size: str, *, bold: bool = False, colour: str = style.INK) -> QLabel:
        widget = QLabel()
        widget.setWordWrap(True)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setProperty("size_key", size)
        widget.setProperty("bold", bold)
        widget.setStyleSheet(f"color: {colour};")
        widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return widget

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        # Space and the arrows belong to the session, not to whichever button has focus.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(52)
        button.setMinimumWidth(130)
        return button

    # -- what is shown --------------------------------------------------------------------

    def show_exercise(self, exercise: Exercise | None, name: str, position: str) -> None:
        if exercise is not self._exercise or not self.name.text():
            self._exercise = exercise
            self.figure.set_illustration(exercise.illustration if exercise else None)
            self.teach.show_exercise(exercise)
        self.name.setText(name)
        self.position.setText(position)

    def _set_teaching(self, teaching: bool) -> None:
        """Instructions and a smaller clock, or the big countdown; only on a change."""
        if teaching == self._teaching:
            return
        self._teaching = teaching
        self.teach.setVisible(teaching)
        self.clock.setVisible(teaching)
        self.countdown.setVisible(not teaching)
        self.detail.setVisible(not teaching)
        self.middle.setColumnStretch(0, 2 if teaching else 5)
        self.middle.setColumnStretch(1, 5 if teaching else 4)

    @property
    def teaching(self) -> bool:
        return bool(self._teaching)

    def show_step(
        self,
        step: Step,
        seconds_into: float,
        seconds_left: int,
        progress: float,
        *,
        paused: bool,
        paused_reason: str = "",
    ) -> None:
        self.figure.set_mirrored(step.side == Side.RIGHT)
        self.figure.show_phase(step.phase, phase_progress(step, seconds_into))
        self._set_teaching(paused or step.kind in TEACHING)
        if paused:
            self.band.setText("Paused")
            self._band_colour = PAUSED_COLOUR
            self.coming.setText(paused_reason or "Press Space or Carry on when you are ready.")
            self.pause_button.setText("Carry on")
        else:
            self.band.setText(step.title)
            self._band_colour = BAND_COLOURS[step.kind]
            self.coming.setText(f"Next: {step.coming_next}" if step.coming_next else "")
            self.pause_button.setText("Pause")
        self._paint_band(self._flash_off.isActive())
        self.countdown.setText(countdown_text(seconds_left))
        self.clock.setText(countdown_text(seconds_left))
        self.detail.setText(step.label)
        self.progress.setValue(round(progress * 1000))

    def flash(self) -> None:
        """A visual cue: the band lights up briefly, for when there is no sound."""
        self._paint_band(True)
        self._flash_off.start()

    def _paint_band(self, lit: bool) -> None:
        # Restyling is slow; the timer calls this 30 times a second, so only on a change.
        if self._band_painted == (self._band_colour, lit):
            return
        self._band_painted = (self._band_colour, lit)
        border = "#ffd166" if lit else self._band_colour
        self.band.setStyleSheet(
            f"color: white; background: {self._band_colour}; border: 6px solid {border};"
            "border-radius: 12px; padding: 6px;"
        )

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_feedback(self, text: str) -> None:
        self.feedback.setText(text)
        self.feedback.setVisible(bool(text))

    # -- sizes ----------------------------------------------------------------------------

    # Word-wrapped labels would ask for the height they need at the narrowest width, which
    # grew the window past an 800-pixel screen; the fonts follow the window instead.
    def hasHeightForWidth(self) -> bool:
        return False

    def minimumSizeHint(self) -> QSize:
        return MINIMUM

    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = max(0.6, min(event.size().width() / 1280, event.size().height() / 800))
        if abs(scale - self._scale) > 0.01 or not self.name.font().pixelSize() > 0:
            self._scale = scale
            for widget in self.findChildren(QLabel):
                key = widget.property("size_key")
                if key in SIZES:
                    font = QFont(widget.font())
                    font.setPixelSize(round(SIZES[key] * scale))
                    font.setBold(bool(widget.property("bold")))
                    widget.setFont(font)
            for button in self.findChildren(QPushButton):
                font = QFont(button.font())
                font.setPixelSize(round(20 * scale))
                button.setFont(font)
            self.teach.set_largest(round(TEXT_PX * scale))
        super().resizeEvent(event)
