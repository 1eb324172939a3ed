"""The Qt front end: the only package that imports PySide6 or pyqtgraph.

Importing it first protects the process from a PySide6 6.12 reference-count bug on Python 3.11
(see none_refcount.py): every Qt module is under this package, so nothing paints before this runs.
"""

from coach.ui.none_refcount import keep_none_alive

keep_none_alive()
