"""One signal tells every page what changed (the Anki pattern).

A service call returns a `Changes` record; whoever made the call hands it to `ChangeHub.publish`,
and each page refreshes only if the record touches its areas. Pages never call each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from coach.services.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object)  # a Changes record

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
