"""Keeps Python's None, True and False alive under PySide6 6.12 on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): most Qt methods that return nothing, such as
QPainter.setPen or QRectF.setWidth, hand back None without taking a reference to it, so every
call lowers None's reference count by one; methods returning bool (QGraphicsItem.isVisible,
QPen.isCosmetic...) do the same to True and False, and pyqtgraph calls those on every paint.
After a few thousand calls the count reaches zero and CPython aborts ("none_dealloc" or
"bool_dealloc"). Python 3.12 made these objects immortal, which hides the bug there. Until
PySide6 is fixed we give them the same immortality by hand: they are never freed anyway (freeing
one is always fatal), so a very large reference count changes nothing else.
tests/ui/test_refcount_guard.py shows both the crash without the guard and the fix.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_singletons_alive() -> None:
    """Raise the singletons' reference counts far beyond what a session can use up."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object, at the object's address.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _HEADROOM // 2:
            refcount.value += _HEADROOM
