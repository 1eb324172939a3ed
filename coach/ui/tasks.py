"""Run slow work off the GUI thread and get the result back on it.

Qt widgets may only be touched from the GUI thread. `TaskRunner.run(fn, on_done, on_error)`
runs `fn` on a pool thread; its result or exception is delivered through a queued signal, so
the callbacks always run on the GUI thread. The runner keeps count of running tasks so the
window can show a busy indicator and tests can wait for `idle`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker are queued to it."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._running: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        relay = _Relay(self)
        was_busy = self.busy
        self._running.add(relay)

        @Slot(object)
        def finished(result: Any) -> None:
            self._settle(relay)
            if on_done is not None:
                on_done(result)

        @Slot(object)
        def failed(exc: Exception) -> None:
            self._settle(relay)
            if on_error is None:
                raise exc
            on_error(exc)

        relay.finished.connect(finished)
        relay.failed.connect(failed)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))

    def _settle(self, relay: _Relay) -> None:
        self._running.discard(relay)
        relay.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)
            self.idle.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until worker threads finish (used at exit); queued results still need the loop."""
        return bool(self._pool.waitForDone(msecs))
