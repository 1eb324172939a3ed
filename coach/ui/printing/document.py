"""What every printable document is: its data, built once, drawn on any paint device.

The CLI, the print preview, the printer and "Save as PDF" all take a `Document` and never know
which one it is, so a new document is one subclass (its data from coach.services.reports, its
blocks, its name) and no new code anywhere else.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from coach.ui.printing.layout import Layout

NAME_LIMIT = 120  # characters, well inside every file system's limit for one name
# What Windows, macOS or Linux refuse in a file name, or read as a path: separators, wildcards,
# quotes and control characters.
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Device names Windows reserves whatever the extension ("CON.pdf" cannot be created).
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
)


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
    """`text` as a file name every system accepts: no separators, reserved names or controls.

    Written here rather than taken from a library: these few rules are the whole job, and the
    Flatpak lists every bundled wheel by hash.
    """
    cleaned = re.sub(r"\s+", " ", UNSAFE.sub(" ", text)).strip(" .")[:NAME_LIMIT].strip(" .")
    base, dot, rest = cleaned.partition(".")
    if base.upper() in RESERVED:
        cleaned = f"{base}_{dot}{rest}"
    return cleaned or fallback
