"""What happens when Coach meets a bug: the window stays, the data is safe, a report is kept.

A UserError never gets here (coach.ui.ops shows it). Anything else raised in a slot, a timer,
a task's callback or a thread reaches `sys.excepthook` / `threading.excepthook`, which this
handler replaces: it writes a crash report (coach.crash_report: no messages, no data) into the
data folder's crash-reports/, prints one line to stderr, and shows one calm, non-blocking box.
Qt carries on after the hook returns, so the window (and a session in the player, whose logged
exercises are already committed) stays as it was.

A bug that repeats (say in a paint or a timer) is reported once per place it happens, and one
box is shown at a time. Threads never touch Qt: their reports wait in a queue that the GUI thread
looks at once a second.
"""

from __future__ import annotations

import queue
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QTimer, qVersion

from coach import crash_report

if TYPE_CHECKING:  # the box's classes load when a box is shown, not before the first paint
    from PySide6.QtWidgets import QMessageBox, QWidget

POLL_MS = 1000
VERSIONS = {"qt": qVersion(), "pyside6": pyside_version}


class CrashHandler(QObject):
    """Installed once at start (`install`) and removed at exit (`uninstall`)."""

    def __init__(
        self,
        folder: Callable[[], Path | None],
        window: Callable[[], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder  # the data folder, once known (None on a server or before)
        self._window = window
        self._seen: set[tuple[str, str, int]] = set()
        self._from_threads: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self._previous: tuple[object, object] | None = None
        self.box: QMessageBox | None = None
        self.reports: list[Path] = []
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._poll.timeout.connect(self._drain)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread
        self._poll.start()

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None
        self._poll.stop()

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """sys.excepthook: on the GUI thread (or wherever Python's own hook would run)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error or kind(), tb)
            return
        new, path = self._record(kind, error, tb)
        if new and threading.current_thread() is threading.main_thread():
            self._tell(path)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: write the report here, show the box from the GUI thread."""
        if args.exc_type is SystemExit:
            return
        new, path = self._record(args.exc_type, args.exc_value, args.exc_traceback)
        if new:
            self._from_threads.put(path)

    def _record(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> tuple[bool, Path | None]:
        """Write the report: (False, None) if this place was reported already; the path is None
        when no report could be written."""
        frames = traceback.extract_tb(tb)
        where = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("", 0)
        key = (kind.__qualname__, *where)
        if key in self._seen:
            return False, None
        self._seen.add(key)
        print(
            f"coach: unexpected error ({kind.__qualname__}); your data is safe.",
            file=sys.stderr,
        )
        folder = self._folder()
        if folder is None:
            print(crash_report.describe(kind, error, tb), file=sys.stderr)
            return True, None
        try:
            path = crash_report.write(
                folder / crash_report.FOLDER,
                kind,
                error,
                tb,
                now=datetime.now(UTC),
                versions=VERSIONS,
            )
        except OSError:
            print(crash_report.describe(kind, error, tb), file=sys.stderr)
            return True, None
        self.reports.append(path)
        return True, path

    def _drain(self) -> None:
        while True:
            try:
                path = self._from_threads.get_nowait()
            except queue.Empty:
                return
            self._tell(path)

    def _tell(self, path: Path | None) -> None:
        if self.box is not None and self.box.isVisible():
            return
        where = (
            f"A report for the developers was saved in {path.parent}. It holds no names, notes "
            "or health details."
            if path is not None
            else "No report could be saved."
        )
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Something went wrong",
            "Something inside Coach went wrong, but your data is safe: everything saved so far "
            "is kept, and you can carry on.",
            QMessageBox.StandardButton.NoButton,
            self._window(),
        )
        box.setInformativeText(where)
        carry_on = box.addButton("Carry on", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(carry_on)
        box.setEscapeButton(carry_on)  # without one the box refuses Esc, close and even quit
        if path is not None:
            folder = box.addButton("Show the report folder", QMessageBox.ButtonRole.ActionRole)
            folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
            )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_box)  # at once; `destroyed` may come after us
        self.box = box
        box.open()

    def _forget_box(self, _result: int = 0) -> None:
        self.box = None
