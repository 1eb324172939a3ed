"""Run slow work off the GUI thread and get the result back on it.

Qt widgets may only be touched from the GUI thread. `TaskRunner.run(fn, on_done, on_error)` runs
`fn` on a plain Python worker thread; its result or exception is handed back through a queue
that the GUI thread drains on a short timer, so the callbacks always run on the GUI thread.

Worker threads never call into Qt, not even to emit a signal: with PySide6 6.12 on Python 3.11,
QRunnable work and cross-thread signal emission crashed the test suite now and then (a
segmentation fault in whatever Python code ran next). A queue and a GUI-thread timer need no
thread support from the bindings at all. The timer runs only while tasks are pending.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

POLL_MS = 15


@dataclass
class _Task:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # made by the first task
        self._finished: queue.SimpleQueue[tuple[_Task, Future[Any]]] = queue.SimpleQueue()
        self._pending: set[Future[Any]] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        task = _Task(on_done, on_error)
        was_busy = self.busy
        if self._executor is None:
            # Imported here: the first window paints before any task runs.
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coach-task")
        future = self._executor.submit(fn)
        self._pending.add(future)
        # Runs on the worker thread (or at once if already done): only touches the queue.
        future.add_done_callback(lambda done: self._finished.put((task, done)))
        if not was_busy:
            self._timer.start()
            self.busy_changed.emit(True)

    def _deliver(self) -> None:
        while True:
            try:
                task, future = self._finished.get_nowait()
            except queue.Empty:
                break
            self._pending.discard(future)
            error = future.exception()
            if not (_alive(task.on_done) and _alive(task.on_error)):
                continue  # its widget was deleted meanwhile: there is nothing left to show it in
            if error is None:
                if task.on_done is not None:
                    task.on_done(future.result())
            elif task.on_error is not None and isinstance(error, Exception):
                task.on_error(error)
            else:
                raise error
        if not self._pending and self._timer.isActive():
            self._timer.stop()
            self.busy_changed.emit(False)
            self.idle.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until worker threads finish (used at exit); results still need the loop."""
        if not self._pending:
            return True
        from concurrent.futures import wait as wait_for

        _, not_done = wait_for(set(self._pending), timeout=msecs / 1000)
        return not not_done


def _alive(callback: Callable[..., None] | None) -> bool:
    """False for a bound method of a Qt object whose C++ side is gone (a closed page, say)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
