"""The one QApplication of a process, made the same way for the window and for the CLI.

Commands that draw to files (illustrations, PDFs) need Qt for fonts and painting but no screen;
on Linux without a display they use the offscreen platform. Always a QApplication (never a bare
QGuiApplication), so a command run inside a process that later shows widgets, as the tests do,
leaves it a usable application.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from coach import APP_ID, APP_NAME, __version__
from coach.paths import assets_dir


def no_display() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_application(*, offscreen_without_display: bool = False) -> QApplication:
    existing = QApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("a QGuiApplication exists; Coach needs a QApplication")
        return existing
    if offscreen_without_display and no_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    # The desktop's icon theme wins where Coach is installed into it; bundles and other
    # systems use the drawing shipped in assets/.
    shipped = QIcon(str(assets_dir() / "icons" / f"{APP_ID}.svg"))
    app.setWindowIcon(QIcon.fromTheme(APP_ID, shipped))
    return app
