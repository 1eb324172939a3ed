"""Finds clinical jargon and internal names in the text a patient sees on a screen.

A patient reads every label, button, list item and table cell; the clinical terms stay in the
therapist's view (Profile role THERAPIST) and in the printed sheet's glossary. `jargon(root)`
returns (term, text) for each visible text that uses one of JARGON.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

from tests.ui.text_fit import visible_widgets

# Each a word a patient meets without an explanation, or a name that only means something to
# the people who built Coach.
JARGON = (
    "adherence",
    "adherent",
    "peripheraliz",
    "peripheralis",
    "centraliz",
    "centralis",
    "clinically important",
    "MCID",
    "CLINICAL.md",
    "DESIGN.md",
    "dosage",
)
_PATTERN = re.compile("|".join(re.escape(term) for term in JARGON), re.IGNORECASE)


def texts(widget: QWidget) -> list[str]:
    """What `widget` shows in words (and its tooltip, which a reader also announces)."""
    shown: list[str] = [widget.toolTip()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        shown.append(widget.text())
    elif isinstance(widget, QGroupBox):
        shown.append(widget.title())
    elif isinstance(widget, QTabBar):
        shown += [widget.tabText(index) for index in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        rows = min(model.rowCount(QModelIndex()), 300)
        columns = _columns(widget)
        for row in range(rows):
            for column in range(columns):
                value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str):
                    shown.append(value)
    return [text for text in shown if text]


def _columns(view: QAbstractItemView) -> int:
    try:
        return int(view.model().columnCount(QModelIndex()))
    except TypeError:  # QListWidget's model hides columnCount from Python
        return 1


def jargon(root: QWidget) -> list[tuple[str, str]]:
    found = []
    for widget in visible_widgets(root):
        for text in texts(widget):
            for match in _PATTERN.finditer(text):
                found.append((match.group(0).lower(), text))
    return found
