"""Run slow work off the GUI thread and get the result back on it.

Qt widgets may only be touched from the GUI thread. `TaskRunner.run(fn, on_done, on_error)` runs
`fn` on a plain Python worker thread; its result or exception is handed back through a queue
that the GUI thread drains, so the callbacks always run on the GUI thread.

Worker threads never call into Qt, not even to emit a signal: with PySide6 6.12 on Python 3.11,
QRunnable work and cross-thread signal emission crashed the test suite now and then (a
segmentation fault in whatever Python code ran next). So a finished worker puts its result on
the queue and writes one byte to a local socket pair, plain Python; a QSocketNotifier on the
GUI thread sees the other end become readable and drains the queue at the event loop's next
turn. Polling the queue on a timer did the same without sockets, but a result waited half the
interval on average (7 ms of a 15 ms timer, a tenth of opening the Progress page on ten years).
Sockets rather than a pipe: a QSocketNotifier watches sockets on Linux, macOS and Windows alike.
"""

from __future__ import annotations

import queue
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    import socket
    from concurrent.futures import Future, ThreadPoolExecutor

    from PySide6.QtCore import QSocketNotifier

WAKE_READ = 4096  # bytes read from the wake socket at a time: one per finished task


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
        self._busy = False
        self._wake_channel: _Wake | None = None  # made with the executor

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
        if self._executor is None:
            # Imported here: the first window paints before any task runs.
            from concurrent.futures import ThreadPoolExecutor

            self._wake_channel = _Wake(self)
            self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coach-task")
        future = self._executor.submit(fn)
        self._pending.add(future)
        # Runs on the worker thread (or at once if already done): only touches the queue and
        # the socket, never Qt.
        future.add_done_callback(lambda done: self._finish(task, done))
        if not self._busy:
            self._busy = True
            self.busy_changed.emit(True)

    def _finish(self, task: _Task, future: Future[Any]) -> None:
        self._finished.put((task, future))
        self._wake()

    def _wake(self) -> None:
        assert self._wake_channel is not None  # made before the first task was handed out
        self._wake_channel.send()

    def _deliver(self) -> None:
        assert self._wake_channel is not None
        self._wake_channel.answer()
        try:
            self._drain()
        finally:
            if not self._finished.empty():
                self._wake()  # a callback raised: the rest are delivered at the next turn
            elif self._busy and not self._pending:
                self._busy = False
                self.busy_changed.emit(False)
                self.idle.emit()

    def _drain(self) -> None:
        while True:
            try:
                task, future = self._finished.get_nowait()
            except queue.Empty:
                return
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


class _Wake:
    """The worker's way to wake the GUI thread without Qt: it writes one byte to a socket pair,
    and a QSocketNotifier on the GUI thread calls the runner's `_deliver` when the other end can
    be read. Neither end blocks: a full buffer already means a wake is on its way.

    Made with the first task, not with the runner: a runner is made with every window, and the
    socket module and the notifier's binding would cost its first paint some 4 ms.
    """

    def __init__(self, runner: TaskRunner) -> None:
        import socket

        from PySide6.QtCore import QSocketNotifier

        self._in, self._out = socket.socketpair()
        for end in (self._in, self._out):
            end.setblocking(False)
        notifier = QSocketNotifier(self._out.fileno(), QSocketNotifier.Type.Read, runner)
        notifier.activated.connect(runner._deliver)
        # Closed with the runner: one is made per window, and per test.
        weakref.finalize(runner, _close, notifier, self._in, self._out)

    def send(self) -> None:
        try:
            self._in.send(b"\0")
        except BlockingIOError:
            pass  # the buffer is full of wakes the GUI thread has yet to read
        except OSError:
            pass  # closed: the runner is being collected, nobody is left to tell

    def answer(self) -> None:
        """Read every wake so far: the drain that follows answers them all."""
        try:
            while True:
                self._out.recv(WAKE_READ)
        except (BlockingIOError, InterruptedError):
            pass  # read dry


def _close(notifier: QSocketNotifier, *ends: socket.socket) -> None:
    if shiboken6.isValid(notifier):
        notifier.setEnabled(False)  # not left watching a closed socket
    for end in ends:
        end.close()
