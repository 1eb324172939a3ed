"""The Progress page's queries: credit, pain and exercise days each one range of a summary, and
the upkeep of the capped credit a few index lookups per day.

A query that works rows out as they are fetched makes every fetch on the page's worker thread
wait for Python's interpreter lock while the GUI thread paints. The figures are therefore kept
one row a day (coach.store.credit_days, coach.store.progress_days) and read as a sweep of the
summary's key; the plans must keep saying so. The capped credit is rewritten for a day with
every exercise logged, so that must look up the programme's version and items by index, not
read every patient's programmes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, event

from coach.store import credit_days, progress_queries
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


def test_the_credit_is_one_range_of_each_summary() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    credit = plan(engine, lambda conn: progress_queries.day_credit(conn, 1, FIRST, LAST))
    assert credit == [
        f"SEARCH {table} USING PRIMARY KEY (patient_id=? AND local_day>? AND local_day<?)"
        for table in ("credit_day", "flex_credit_day")
    ], credit
    flexible = plan(engine, lambda conn: progress_queries.flex_credit(conn, 1, FIRST, LAST))
    assert flexible == credit[1:], flexible


def test_a_days_capped_credit_is_rewritten_by_index_lookups() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    steps = plan(engine, lambda conn: credit_days.refresh(conn, 1, FIRST))
    reads = [step for step in steps if step.startswith(("SCAN", "SEARCH"))]
    # A scan of the statement's own subquery is of the day's few rows; of a table, of them all.
    scans = [
        step for step in reads if step.startswith("SCAN") and step.split()[1] in metadata.tables
    ]
    assert reads and not scans, steps
    assert any("ix_programme_item_version" in step for step in reads), steps
    assert any("ix_programme_version_lookup" in step for step in reads), steps


def test_pain_exercise_days_and_credit_are_one_range_of_their_summaries() -> None:
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    steps = plan(
        engine,
        lambda conn: progress_queries.day_sweep(
            conn, 1, (FIRST, LAST), FIRST, LAST, credit_until=LAST
        ),
    )
    assert steps == [
        "SEARCH progress_day USING PRIMARY KEY (patient_id=? AND local_day>? AND local_day<?)",
        "SEARCH credit_day USING PRIMARY KEY (patient_id=? AND local_day=?) LEFT-JOIN",
    ], steps
