"""A base for Coach's dialogs that remembers each dialog's size and place (the Picard pattern),
and the one way pages ask before doing something destructive.

Geometry is kept per dialog class in the settings table, so it moves with the data folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from coach.ui.style import scaled

if TYPE_CHECKING:
    from coach.services.settings_service import SettingsService

GEOMETRY_PREFIX = "ui.geometry."


class PersistentDialog(QDialog):
    def __init__(self, settings: SettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._restored = False
        self._default_size: QSize | None = None

    def set_default_size(self, width: int, height: int) -> None:
        """The size to open at before the user has chosen one: given for the Normal text size,
        grown with the Text size, and no bigger than the screen."""
        self._default_size = QSize(width, height)
        screen = self.screen()
        self.fit_default_size(screen.availableGeometry().size() if screen is not None else None)

    def fit_default_size(self, room: QSize | None) -> None:
        """Take the default size again, within `room` (the screen, or in a test the window a
        user of that screen would have)."""
        if self._default_size is None:
            return
        size = QSize(scaled(self._default_size.width()), scaled(self._default_size.height()))
        self.resize(size if room is None else size.boundedTo(room * 0.92))

    def _geometry_key(self) -> str:
        return GEOMETRY_PREFIX + type(self).__name__

    def showEvent(self, event: object) -> None:
        if not self._restored:
            self._restored = True
            saved = self._settings.get_raw(self._geometry_key())
            if isinstance(saved, str) and saved:
                self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
            # Also after a size kept from last time: this time's text may need more lines.
            self._fit_wrapped_text()
        super().showEvent(event)  # type: ignore[arg-type]

    def _fit_wrapped_text(self) -> None:
        """Grow to the height wrapped labels need at this width.

        A top-level window is sized from its layout's size hint, which guesses a width for
        word-wrapped labels; at the real width they need more lines and would be clipped.
        """
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            layout.activate()
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def hideEvent(self, event: QHideEvent) -> None:
        self._remember()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember()
        super().closeEvent(event)

    def _remember(self) -> None:
        encoded = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self._settings.set_raw(self._geometry_key(), encoded)


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    action: str,
    on_confirm: Callable[[], None],
    *,
    on_cancel: Callable[[], None] | None = None,
) -> QMessageBox:
    """Ask before something destructive, without blocking: Cancel is the default, `action`
    names what the other button does. Returned so callers (and tests) can find the box."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        if box.clickedButton() is go:
            on_confirm()
        elif on_cancel is not None:
            on_cancel()

    box.finished.connect(finished)
    box.open()
    return box


def ask_unsaved(
    parent: QWidget | None,
    name: str,
    on_save: Callable[[], None],
    on_discard: Callable[[], None],
    on_stay: Callable[[], None] | None = None,
) -> QMessageBox:
    """Before leaving unsaved work: Save, Discard or Stay (the default, and Escape), without
    blocking. Returned so callers (and tests) can find the box."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Save your changes?",
        f"Your changes to “{name}” are not saved yet.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard changes", QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is save:
            on_save()
        elif clicked is discard:
            on_discard()
        elif on_stay is not None:
            on_stay()

    box.finished.connect(answered)
    box.open()
    return box
