"""The Qt front end: the only package that imports PySide6 or pyqtgraph.

Importing it first protects the process from a PySide6 6.12 reference-count bug on Python 3.11
(see refcount_guard.py): every Qt module is under this package, so nothing paints before this
runs.
"""

from coach.ui.refcount_guard import keep_singletons_alive

keep_singletons_alive()
