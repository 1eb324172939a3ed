"""One signal tells every page what changed (the Anki pattern).

A service call returns a `Changes` record; coach.ui.ops.mutate hands it to `ChangeHub.publish`
with the widget that started the change, and each page refreshes only if the record touches its
areas and it did not start the change itself. Pages never call each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from coach.services.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object, object)  # a Changes record, and who made it (or None)

    def publish(self, changes: Changes, initiator: object | None = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)
