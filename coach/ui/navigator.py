"""How a page asks for another page without reaching up into the main window.

The main window binds itself (`bind`) when it is built; a page calls `ui.navigator.go(key)` to
show another page, optionally with a request for it ("import" on Programmes, say) that the target
page carries out in `Page.perform`. Before a window is bound, or for a page that is not in this
build, `go` does nothing and returns False, so pages need no window to be tested.
"""

from __future__ import annotations

from collections.abc import Callable


class Navigator:
    def __init__(self) -> None:
        self._go: Callable[[str, str, tuple[object, ...]], bool] | None = None

    def bind(self, go: Callable[[str, str, tuple[object, ...]], bool]) -> None:
        self._go = go

    def go(self, key: str, request: str = "", *arguments: object) -> bool:
        """Show page `key` and hand it `request` with `arguments`; False if there is none."""
        return self._go is not None and self._go(key, request, arguments)
