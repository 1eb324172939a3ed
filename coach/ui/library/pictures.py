"""Exercise pictures: the drawn figure for shipped exercises, the user's image for their own.

Thumbnails are drawn once per exercise and size and kept in a dict. Drawing 60 figures at once
would hold up the first paint of the library, so requests are queued and drawn a few at a time
from the event loop; the grid shows a plain tile until `ready` says a thumbnail exists. Drawing
goes into a QImage (no window system needed), which also suits printing and tests.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from coach.domain.exercise import Exercise
from coach.ui import style
from coach.ui.figure_painter import paint_figure

SLICE_MS = 12  # drawing budget per event-loop turn, so typing and scrolling stay smooth


def load_custom_image(path: str | Path) -> QImage | QSvgRenderer | None:
    """A custom exercise's stored picture, or None if it is missing or unreadable."""
    path = str(path)
    if path.lower().endswith(".svg"):
        renderer = QSvgRenderer(path)
        return renderer if renderer.isValid() else None
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # honour a phone photo's EXIF rotation
    image = reader.read()
    return None if image.isNull() else image


def paint_custom_image(painter: QPainter, rect: QRectF, picture: QImage | QSvgRenderer) -> None:
    """Draw a user's picture fitted into rect, keeping its proportions, centred."""
    if isinstance(picture, QSvgRenderer):
        size = picture.defaultSize()
        width, height = (size.width(), size.height()) if not size.isEmpty() else (1, 1)
    else:
        width, height = picture.width(), picture.height()
    scale = min(rect.width() / width, rect.height() / height)
    target = QRectF(0, 0, width * scale, height * scale)
    target.moveCenter(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    if isinstance(picture, QSvgRenderer):
        picture.render(painter, target)
    else:
        painter.drawImage(target, picture)
    painter.restore()


def paint_no_picture(painter: QPainter, rect: QRectF, text: str = "No picture") -> None:
    painter.save()
    painter.fillRect(rect, QColor(style.BACKGROUND))
    font = QFont(painter.font())
    font.setPointSizeF(max(8.0, rect.height() / 12))
    painter.setFont(font)
    painter.setPen(QColor(style.MUTED))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def paint_exercise(painter: QPainter, rect: QRectF, exercise: Exercise) -> None:
    """The exercise's picture as a still: the figure in its end position, or the user's image."""
    painter.fillRect(rect, QColor(style.SURFACE))
    if exercise.illustration is not None:
        illustration = exercise.illustration
        paint_figure(painter, rect, illustration, illustration.end)
        return
    picture = load_custom_image(exercise.image_path) if exercise.image_path else None
    if picture is None:
        paint_no_picture(painter, rect)
    else:
        paint_custom_image(painter, rect, picture)


def render_exercise(exercise: Exercise, size: QSize, device_pixel_ratio: float = 1.0) -> QImage:
    image = QImage(
        round(size.width() * device_pixel_ratio),
        round(size.height() * device_pixel_ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(device_pixel_ratio)
    image.fill(QColor(style.SURFACE))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_exercise(painter, QRectF(0, 0, size.width(), size.height()), exercise)
    finally:
        painter.end()
    return image


def _key(exercise: Exercise) -> tuple[str, str | None]:
    # An edit of a custom exercise may change its picture, and with it the stored file name.
    return exercise.id, exercise.image_path


class ThumbnailCache(QObject):
    """Thumbnails by exercise, drawn lazily a few at a time. `ready(id)` when one is drawn."""

    ready = Signal(str)

    def __init__(
        self, size: QSize, device_pixel_ratio: float = 1.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.size = size
        self._ratio = device_pixel_ratio
        self._pixmaps: dict[tuple[str, str | None], QPixmap] = {}
        self._queue: dict[tuple[str, str | None], Exercise] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_some)

    def get(self, exercise: Exercise) -> QPixmap | None:
        """The thumbnail if drawn; otherwise None, and it is queued."""
        key = _key(exercise)
        found = self._pixmaps.get(key)
        if found is None and key not in self._queue:
            self._queue[key] = exercise
            self._timer.start()
        return found

    def request(self, exercises: list[Exercise]) -> None:
        """Queue thumbnails ahead of need (the whole filtered list, in display order)."""
        for exercise in exercises:
            self.get(exercise)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _draw_some(self) -> None:
        clock = QElapsedTimer()
        clock.start()
        while self._queue and clock.elapsed() < SLICE_MS:
            key, exercise = next(iter(self._queue.items()))
            del self._queue[key]
            image = render_exercise(exercise, self.size, self._ratio)
            self._pixmaps[key] = QPixmap.fromImage(image)
            self.ready.emit(exercise.id)
        if self._queue:
            self._timer.start()
