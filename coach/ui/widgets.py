"""Small widget helpers so every screen builds labels and cards the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def label(
    text: str,
    *,
    role: str | None = None,
    rich: bool = False,
    buddy: QWidget | None = None,
) -> QLabel:
    """A word-wrapped label; `role` picks a style from style.py (heading, muted, error...)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if buddy is not None:
        widget.setBuddy(buddy)
    return widget


def callout(text: str, role: str = "warning", *, rich: bool = False) -> QLabel:
    """Text in a tinted rounded box. A single label rather than a label in a frame, so the
    wrapped text reports its height for the width it gets and is never clipped."""
    widget = label(text, role=role, rich=rich)
    widget.setMargin(6)
    return widget


def boxed(*children: QWidget, role: str = "card") -> QFrame:
    """Children stacked in a rounded frame: a card, or a warning/danger box."""
    frame = QFrame()
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    for child in children:
        layout.addWidget(child)
    return frame
