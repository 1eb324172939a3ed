"""A fresh in-memory store with the current schema, for property tests.

Hypothesis runs one test body many times, and a pytest fixture would hand every example the same
store; store tests that write random histories make one per example with `memory_engine`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from coach.store.engine import make_engine
from coach.store.schema import metadata


@contextmanager
def memory_engine() -> Iterator[Engine]:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()
