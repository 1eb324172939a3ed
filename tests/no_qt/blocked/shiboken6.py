"""Stands in for shiboken6 in the run without Qt: importing it is the failure we look for."""

raise ImportError("shiboken6 is blocked: the core must run without Qt (tests/no_qt)")
