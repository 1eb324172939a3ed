"""Render Coach's application icon from its SVG into every file the platforms want.

One drawing, assets/icons/org.coachapp.Coach.svg, is the source of truth. This script renders
it with Qt's SVG renderer and writes, next to itself:
- hicolor/NxN/apps/org.coachapp.Coach.png for N in SIZES (the freedesktop icon theme layout, so
  Flatpak and distribution packages copy the tree as it is);
- org.coachapp.Coach.ico for Windows, and org.coachapp.Coach.icns for macOS.

Both containers may hold PNG images (Windows since Vista, macOS since 10.7), so they are written
here with struct rather than with an image tool. The outputs are committed: building a bundle
never needs this script, only changing the drawing does.

    QT_QPA_PLATFORM=offscreen python packaging/icons/make_icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
APP_ID = "org.coachapp.Coach"
SOURCE = HERE.parent.parent / "assets" / "icons" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows picks from these; 256 is the largest an .ico entry can describe.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types that hold PNG data, with their pixel size (the @2x types reuse larger images).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_container(images: dict[int, bytes]) -> bytes:
    """An ICONDIR header, one ICONDIRENTRY per image, then the PNG data itself."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in sorted(images.items()):
        # A width or height of 0 in the directory means 256.
        side = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


def icns_container(images: dict[int, bytes]) -> bytes:
    """The 'icns' magic and total length, then one (type, length, PNG) block per icon type."""
    blocks = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(blocks)) + blocks


def main() -> int:
    # Painting into a QImage needs a QGuiApplication to exist for the whole run.
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    needed = sorted(set(SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    images = {size: render_png(renderer, size) for size in needed}
    for size in SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images[size])
    (HERE / f"{APP_ID}.ico").write_bytes(ico_container({s: images[s] for s in ICO_SIZES}))
    (HERE / f"{APP_ID}.icns").write_bytes(icns_container(images))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
