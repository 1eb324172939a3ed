"""What every page of the main window provides."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coach.services.changes import Area, Changes
from coach.ui.context import UiContext


class Page(QWidget):
    """A navigation page. Subclasses set the class attributes and implement `reload`.

    `areas` lists the data the page shows; `on_changes` reloads only when one of them moved,
    and defers the reload while the page is hidden (it runs when the page is shown again). A
    change the page made itself (through coach.ui.ops.mutate) is not reloaded: the page already
    shows it, from the operation's `on_done`.
    """

    title = ""
    key = ""  # stable identifier, used to remember the last page
    shortcut = ""  # e.g. "Ctrl+1"; the window assigns defaults in navigation order
    areas: tuple[Area, ...] = ()

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self._stale = True
        ui.hub.changed.connect(self.on_changes)

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        if initiator is not self and changes.touches(*self.areas):
            self.invalidate()

    def invalidate(self) -> None:
        """What the page shows is out of date: reload now if visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload if anything changed since the last load (once the services are open)."""
        if self._stale and self.ui.ready:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def may_leave(self, proceed: Callable[[], object]) -> bool:
        """Whether the user may leave this page now (for another page, or by quitting).

        True: go ahead. A page holding unsaved work instead asks (save, discard or stay) and
        returns False; it calls `proceed` once the work is saved or discarded, and nothing if
        the user stays. The main window asks every page before switching away or closing.
        """
        return True

    def perform(self, request: str, *arguments: object) -> None:
        """Carry out a request another page made through the navigator (see ui/navigator.py)."""
        raise ValueError(f"the {self.key} page takes no request {request!r}")

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
