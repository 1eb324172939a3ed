"""Exercise figures written to image files: PNG through QImage, SVG through QSvgGenerator.

Used by `coach illustrations` (to check every pose by eye, or to put figures in a clinic's own
handouts). The drawing is the same paint_figure the screen and the printer use.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from coach.domain.exercise import Exercise, Illustration, View
from coach.ui.figure_painter import DEFAULT_COLORS, paint_figure

FORMATS = ("png", "svg")


def keyframe_file(exercise_id: str, keyframe: str, fmt: str, mirrored: bool = False) -> str:
    side = "-other-side" if mirrored else ""
    return f"{exercise_id}--{keyframe}{side}.{fmt}"


def write_png(
    path: Path, illustration: Illustration, keyframe: str, *, size: int, mirrored: bool = False
) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(DEFAULT_COLORS.paper)
    painter = QPainter(image)
    paint_figure(painter, QRectF(0, 0, size, size), illustration, keyframe, mirrored=mirrored)
    painter.end()
    # The format follows the .png suffix (PySide6 6.12 refuses a bytes format argument).
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")


def write_svg(
    path: Path,
    illustration: Illustration,
    keyframe: str,
    *,
    size: int,
    mirrored: bool = False,
    title: str = "",
    description: str = "",
) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(size, size))
    generator.setViewBox(QRect(0, 0, size, size))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    paint_figure(painter, QRectF(0, 0, size, size), illustration, keyframe, mirrored=mirrored)
    painter.end()


def write_keyframes(
    exercises: Iterable[Exercise],
    folder: Path,
    fmt: str = "png",
    size: int = 400,
    mirrored: bool = False,
) -> list[Path]:
    """One file per keyframe of every illustrated exercise; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise in exercises:
        illustration = exercise.illustration
        if illustration is None:
            continue
        for frame in illustration.keyframes:
            path = folder / keyframe_file(exercise.id, frame.name, fmt, mirrored)
            if fmt == "svg":
                write_svg(
                    path,
                    illustration,
                    frame.name,
                    size=size,
                    mirrored=mirrored,
                    title=f"{exercise.name}: {frame.name}",
                    description=exercise.summary,
                )
            else:
                write_png(path, illustration, frame.name, size=size, mirrored=mirrored)
            written.append(path)
    return written


def _view_label(illustration: Illustration) -> str:
    """The camera a contact sheet names beside each exercise, so a reviewer knows the view."""
    if illustration.view != View.SIDE:
        return illustration.view.value
    return f"view {illustration.view_yaw:g}"


def write_contact_sheet(
    exercises: Iterable[Exercise], path: Path, *, cell: int = 180, across: int = 3
) -> None:
    """One PNG of exercises in a grid, each its name over every keyframe side by side.

    A therapist reviews a library by eye far faster on one sheet than file by file; the start
    and end keyframes are marked so a frame that shows the wrong phase stands out.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QPen

    blocks = [e for e in exercises if e.illustration is not None]
    columns = max((len(e.illustration.keyframes) for e in blocks if e.illustration), default=1)
    title = cell // 6
    block_w, block_h = columns * cell, cell + title
    down = max(1, -(-len(blocks) // across))
    image = QImage(across * block_w, down * block_h, QImage.Format.Format_RGB32)
    image.fill(DEFAULT_COLORS.paper)
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(max(9, cell // 14))
    painter.setFont(font)
    left_top = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    for index, exercise in enumerate(blocks):
        illustration = exercise.illustration
        assert illustration is not None
        x, y = (index % across) * block_w, (index // across) * block_h
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x + 4, y + 2, block_w - 8, title),
            left_top,
            f"{exercise.id} ({_view_label(illustration)})",
        )
        for column, frame in enumerate(illustration.keyframes):
            box = QRectF(x + column * cell, y + title, cell, cell)
            paint_figure(painter, box.adjusted(2, 2, -2, -2), illustration, frame.name)
            marks = [
                m
                for m, k in (("S", illustration.start), ("E", illustration.end))
                if k == frame.name
            ]
            painter.setPen(QColor("#555555"))
            painter.drawText(box.adjusted(4, 2, -4, 0), left_top, " ".join([frame.name, *marks]))
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawRect(QRectF(x, y, block_w - 1, block_h - 1))
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
