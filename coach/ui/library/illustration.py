"""The picture side of the exercise detail: the animated figure, or the user's own picture.

Shipped exercises play their keyframes in coach.ui.figure_view.FigureView, with large Play /
Pause and step buttons under it (step shows one keyframe at a time, for a close look at each
position). A custom exercise shows the picture its owner chose, or says there is none.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from coach.domain.exercise import Exercise
from coach.ui import style
from coach.ui.library.pictures import load_custom_image, paint_custom_image, paint_no_picture
from coach.ui.widgets import label


class CustomPicture(QWidget):
    """A user's picture, fitted to the widget and kept in proportion."""

    def __init__(self, size: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size)
        self.setAccessibleName("Exercise picture")
        self._picture: object | None = None
        self._path: str | None = None

    def show_path(self, path: str | None) -> None:
        self._path = path
        self._picture = load_custom_image(path) if path else None
        self.update()

    @property
    def has_picture(self) -> bool:
        return self._picture is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, Qt.GlobalColor.white)
        painter.setPen(QColor(style.BORDER))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if self._picture is None:
            missing = "This picture is missing" if self._path else "No picture"
            paint_no_picture(painter, rect, missing)
        else:
            paint_custom_image(painter, rect.adjusted(8, 8, -8, -8), self._picture)  # type: ignore[arg-type]
        painter.end()


class IllustrationPanel(QWidget):
    def __init__(self, size: QSize, parent: QWidget | None = None) -> None:
        from coach.ui.figure_view import FigureView

        super().__init__(parent)
        self.figure = FigureView()
        self.figure.setFixedSize(size)
        self.figure.setAccessibleName("Exercise illustration")
        self.figure.poseChanged.connect(lambda _name: self._update_controls())
        self.picture = CustomPicture(size)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.figure)
        self.pages.addWidget(self.picture)
        self.pages.setFixedSize(size)

        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("Show the previous position")
        self.previous_button.clicked.connect(lambda: self.figure.step(-1))
        self.play_button = QPushButton("Pause")
        self.play_button.setProperty("role", "primary")
        self.play_button.clicked.connect(self.toggle_play)
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("Show the next position")
        self.next_button.clicked.connect(lambda: self.figure.step(1))
        self.position_label = label("", role="muted")
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        controls = QHBoxLayout()
        controls.addWidget(self.previous_button)
        controls.addWidget(self.play_button, 1)
        controls.addWidget(self.next_button)
        self.controls = QWidget()
        self.controls.setLayout(controls)
        controls.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.pages)
        layout.addWidget(self.controls)
        layout.addWidget(self.position_label)

    def show_exercise(self, exercise: Exercise) -> None:
        if exercise.illustration is None:
            self.figure.stop()
            self.picture.show_path(exercise.image_path)
            self.pages.setCurrentWidget(self.picture)
            self.controls.hide()
            self.position_label.hide()
            return
        self.pages.setCurrentWidget(self.figure)
        self.controls.show()
        self.position_label.show()
        self.figure.set_illustration(exercise.illustration)
        self.figure.play()
        self._update_controls()

    def toggle_play(self) -> None:
        if self.figure.playing:
            self.figure.pause()
        else:
            self.figure.play()
        self._update_controls()

    def stop(self) -> None:
        self.figure.stop()

    def _update_controls(self) -> None:
        playing = self.figure.playing
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setToolTip(
            "Stop the movement here" if playing else "Show the movement again and again"
        )
        if playing:
            self.position_label.setText("Showing the whole movement")
            return
        number, count = self.figure.keyframe_position()
        name = self.figure.current_keyframe()
        words = {"start": "start position", "end": "end position"}.get(
            name, name.replace("_", " ").replace("-", " ")
        )
        self.position_label.setText(f"Position {number} of {count}: {words}")
