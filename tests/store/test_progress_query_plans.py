"""The Progress page's queries: the credit sorted before its first row, pain and exercise days
one range of their summary.

A query read in index order works each row out as it is fetched, and on the page's worker thread
every fetch waits for Python's interpreter lock while the GUI thread paints. Sorted first, the
whole credit query runs inside its first step, in SQLite without the lock
(progress_queries.at_once). Pain and exercise days have nothing left to work out: they are read
from `progress_day` alone, a sweep of its key. The plans must keep saying so, or the page's
figures arrive after its painting instead of during.
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


def test_the_credit_is_sorted_before_the_first_row() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    window = VersionWindow(1, 1, FIRST, LAST, (ItemPlan("bridge", 2),))
    credit = plan(engine, lambda conn: progress_queries.day_credit(conn, 1, [window], FIRST, LAST))
    assert "USE TEMP B-TREE FOR ORDER BY" in credit, credit


def test_pain_and_exercise_days_are_one_range_of_their_summary() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    for read in (progress_queries.pain_by_day, progress_queries.exercise_days):
        steps = plan(engine, lambda conn, read=read: read(conn, 1, FIRST, LAST))  # type: ignore[misc]
        assert steps == [
            "SEARCH progress_day USING PRIMARY KEY (patient_id=? AND local_day>? AND local_day<?)"
        ], steps
