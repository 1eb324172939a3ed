"""What every printable document is: its data, built once, drawn on any paint device.

The CLI, the print preview, the printer and "Save as PDF" all take a `Document` and never know
which one it is, so a new document is one subclass (its data from coach.services.reports, its
blocks, its name) and no new code anywhere else.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable

from pathvalidate import sanitize_filename
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from coach.ui.printing.layout import Layout

NAME_LIMIT = 120  # characters, well inside every file system's limit for one name


class Document(ABC):
    # What it is, in the words dialog titles use ("Print preview: programme handout").
    kind: str

    @property
    @abstractmethod
    def name(self) -> str:
        """What the user would call this copy, e.g. the programme's name; the file name's stem."""

    @abstractmethod
    def render(
        self, painter: QPainter, page_rect: QRectF, new_page: Callable[[], object]
    ) -> Layout:
        """Draw every page on `painter` (the whole sheet is `page_rect`, in device units)."""

    @property
    def file_name(self) -> str:
        return safe_file_name(self.name, self.kind) + ".pdf"


def safe_file_name(text: str, fallback: str) -> str:
    """`text` as a file name every system accepts: no separators, reserved names or controls."""
    cleaned = sanitize_filename(text, replacement_text=" ", platform="universal")
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")[:NAME_LIMIT].strip(" .")
    return cleaned or fallback
