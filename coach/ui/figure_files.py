"""Exercise figures written to image files: PNG through QImage, SVG through QSvgGenerator.

Used by `coach illustrations` (to check every pose by eye, or to put figures in a clinic's own
handouts). The drawing is the same paint_figure the screen and the printer use.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from coach.domain.exercise import Exercise, Illustration
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
    if not image.save(str(path)):  # the format follows the suffix, .png
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
