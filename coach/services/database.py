"""The services' handle on the store: short transactions with user-facing errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from coach.domain.clock import Clock
from coach.store.opening import Store, user_facing_errors


class Database:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Locked-database, disk-full and disk failures come out as StoreError subclasses with a
        message for the user; nothing was written in that case.
        """
        with user_facing_errors(self.store), self.store.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (SQLite WAL readers never wait for the writer)."""
        with user_facing_errors(self.store), self.store.engine.connect() as conn:
            yield conn
