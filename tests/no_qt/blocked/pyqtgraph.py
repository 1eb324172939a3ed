"""Stands in for pyqtgraph in the run without Qt: importing it is the failure we look for."""

raise ImportError("pyqtgraph is blocked: the core must run without Qt (tests/no_qt)")
