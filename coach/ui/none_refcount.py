"""Keeps Python's None alive under PySide6 6.12 on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): most Qt methods that return nothing, such as
QPainter.setPen, QPainter.drawRect or QRectF.setWidth, hand back None without taking a reference
to it, so every call lowers None's reference count by one. After a few thousand calls (one
drawing of an exercise figure makes a few hundred) the count reaches zero and CPython aborts
with "none_dealloc: deallocating None". Python 3.12 made None immortal, which hides the bug
there. Until PySide6 is fixed we give None the same immortality by hand: None is never freed
anyway (freeing it is always fatal), so a very large reference count changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_none_alive() -> None:
    """Raise None's reference count far beyond what a session can use up (CPython < 3.12)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every CPython object, at the object's address.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _HEADROOM // 2:
        refcount.value += _HEADROOM
