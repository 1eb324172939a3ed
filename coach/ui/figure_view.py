"""A widget that shows an exercise's figure, still or moving.

Two ways to drive it:
- Browsing (the library): `set_illustration()`, then `play()` loops the movement the way a
  session does it (move, hold, return, rest); `pause()`, `stop()` and `step(+1/-1)` go through
  the keyframes one at a time.
- A session: the session player calls `show_phase(phase, progress)` from the session engine's
  events, so the figure follows the real timing. The widget never counts time itself for that.

The looping animation is decorative, so it simply advances a fixed fraction per timer tick: a
late tick makes the figure move a little slower, which nobody can notice.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.domain.exercise import Illustration, Keyframe, Phase
from coach.domain.figure import pose_for
from coach.ui import style
from coach.ui.figure_painter import DEFAULT_COLORS, FigureColors, paint_figure

TICK_MS = 33  # about 30 frames a second
# The browsing loop: each phase and how long it lasts, in seconds.
LOOP: tuple[tuple[Phase, float], ...] = (
    (Phase.MOVE, 1.6),
    (Phase.HOLD, 1.0),
    (Phase.RETURN, 1.6),
    (Phase.REST, 0.8),
)


class FigureView(QWidget):
    """The animated figure. `poseChanged` carries a short description of what is shown."""

    poseChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._illustration: Illustration | None = None
        self._pose: Keyframe | None = None
        self._mirrored = False
        self._show_arrows = True
        self._arrows_back = False  # coming back: the arrows point the other way
        self._holding = False  # holding still: no arrows
        self._colors: FigureColors = DEFAULT_COLORS
        self._loop_index = 0
        self._loop_progress = 0.0
        self._keyframe_index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # --- what to show --------------------------------------------------------------------------

    def set_illustration(self, illustration: Illustration | None, mirrored: bool = False) -> None:
        """Show a new exercise, still, at its start keyframe."""
        self.stop()
        self._illustration = illustration
        self._mirrored = mirrored
        if illustration is not None:
            names = [frame.name for frame in illustration.keyframes]
            self._keyframe_index = names.index(illustration.start)
        self._show_keyframe()

    def illustration(self) -> Illustration | None:
        return self._illustration

    def set_mirrored(self, mirrored: bool) -> None:
        """Show the other side of a one-sided exercise (the picture flipped left to right)."""
        self._mirrored = mirrored
        self.update()

    def set_show_arrows(self, show: bool) -> None:
        self._show_arrows = show
        self.update()

    def set_colors(self, colors: FigureColors) -> None:
        self._colors = colors
        self.update()

    def show_phase(self, phase: Phase, progress: float = 0.0) -> None:
        """Show the pose for a session phase, `progress` (0..1) of the way through it.

        The arrows follow the movement: forward while getting ready and moving, backward while
        coming back, none while holding still.
        """
        if self._illustration is None:
            return
        self._holding = phase == Phase.HOLD
        self._arrows_back = phase == Phase.RETURN
        self._pose = pose_for(self._illustration, phase, progress)
        self.update()
        self.poseChanged.emit(phase.value)

    def show_keyframe(self, name: str) -> None:
        """Show one keyframe by name and stop playing."""
        if self._illustration is None:
            return
        self.pause()
        names = [frame.name for frame in self._illustration.keyframes]
        self._keyframe_index = names.index(name)
        self._show_keyframe()

    def current_keyframe(self) -> str:
        """The keyframe shown while stepping, or "" when nothing is shown or it is playing."""
        if self._illustration is None or self.playing:
            return ""
        return self._illustration.keyframes[self._keyframe_index].name

    def keyframe_position(self) -> tuple[int, int]:
        """(1-based number of the keyframe shown, number of keyframes), e.g. for "2 of 3"."""
        if self._illustration is None:
            return (0, 0)
        return (self._keyframe_index + 1, len(self._illustration.keyframes))

    # --- playing -------------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def play(self) -> None:
        """Loop the movement; does nothing without an illustration."""
        if self._illustration is None or self.playing:
            return
        self._loop_index = 0
        self._loop_progress = 0.0
        self._timer.start()
        self._tick()

    def pause(self) -> None:
        """Stop moving and keep the current pose on screen."""
        self._timer.stop()

    def stop(self) -> None:
        """Stop moving and go back to the start keyframe."""
        self._timer.stop()
        if self._illustration is not None:
            names = [frame.name for frame in self._illustration.keyframes]
            self._keyframe_index = names.index(self._illustration.start)
            self._show_keyframe()

    def step(self, delta: int = 1) -> None:
        """Pause and show the next (delta=1) or previous (delta=-1) keyframe, wrapping round."""
        if self._illustration is None:
            return
        self.pause()
        count = len(self._illustration.keyframes)
        self._keyframe_index = (self._keyframe_index + delta) % count
        self._show_keyframe()

    def _show_keyframe(self) -> None:
        if self._illustration is None:
            self._pose = None
            self.update()
            self.poseChanged.emit("")
            return
        frame = self._illustration.keyframes[self._keyframe_index]
        self._pose = frame
        self.update()
        self.poseChanged.emit(frame.name)

    def _tick(self) -> None:
        phase, seconds = LOOP[self._loop_index]
        self._loop_progress += TICK_MS / 1000 / seconds
        if self._loop_progress >= 1.0:
            self._loop_index = (self._loop_index + 1) % len(LOOP)
            self._loop_progress = 0.0
            phase, _ = LOOP[self._loop_index]
        if self._illustration is not None:
            self._pose = pose_for(self._illustration, phase, self._loop_progress)
            self.update()

    # --- Qt ------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        if self._illustration is None or self._pose is None:
            painter.fillRect(rect, QColor(self._colors.paper))
            painter.setPen(QColor(style.MUTED))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No picture")
        else:
            paint_figure(
                painter,
                rect,
                self._illustration,
                self._pose,
                mirrored=self._mirrored,
                show_arrows=self._show_arrows and not self._holding,
                reverse_arrows=self._arrows_back,
                colors=self._colors,
            )
        painter.end()
