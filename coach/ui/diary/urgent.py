"""The urgent-care advice shown whenever an entry reports a red flag."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from coach.domain.safety import RED_FLAGS, URGENT_ADVICE

TITLE = "Please get medical help today"


def advice_text(flag_keys: Iterable[str]) -> str:
    keys = set(flag_keys)
    named = "\n".join(f"• {flag.text}" for flag in RED_FLAGS if flag.key in keys)
    return f"You reported:\n{named}\n\n{URGENT_ADVICE}"


def show_urgent_advice(parent: QWidget | None, flag_keys: Iterable[str]) -> QMessageBox:
    """A non-blocking warning; returned so tests can read and close it."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        TITLE,
        advice_text(flag_keys),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
