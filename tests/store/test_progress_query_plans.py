"""The Progress page's row-by-row queries sort their result before the first row.

A query read in index order works each row out as it is fetched, and on the page's worker thread
every fetch waits for Python's interpreter lock while the GUI thread paints. Sorted first, the
whole query runs inside its first step, in SQLite without the lock (progress_queries.at_once).
The plans must keep saying so, or the page's figures arrive after its painting instead of during.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, event

from coach.domain.adherence_ledger import ItemPlan, VersionWindow
from coach.store import progress_queries
from coach.store.engine import make_engine
from coach.store.schema import metadata

FIRST, LAST = date(2016, 3, 1), date(2026, 3, 1)


def plan(engine: Engine, run: Callable[[Connection], object]) -> list[str]:
    """The query plan of every statement `run` executes."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Connection, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    with engine.connect() as conn:
        run(conn)
    event.remove(engine, "before_cursor_execute", capture)
    with engine.connect() as conn:
        return [
            str(row[-1])
            for statement, parameters in statements
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]


def test_the_credit_and_the_exercise_days_are_sorted_before_the_first_row() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    window = VersionWindow(1, 1, FIRST, LAST, (ItemPlan("bridge", 2),))
    credit = plan(engine, lambda conn: progress_queries.day_credit(conn, 1, [window], FIRST, LAST))
    days = plan(engine, lambda conn: progress_queries.exercise_days(conn, 1, FIRST, LAST))
    for steps in (credit, days):
        assert "USE TEMP B-TREE FOR ORDER BY" in steps, steps
