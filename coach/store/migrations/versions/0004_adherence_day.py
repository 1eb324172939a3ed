"""Adherence per day: the credit of each exercise's logs, summed per patient, day and programme.

The Progress page capped every exercise log row per day on each read; from here the logs'
credit is kept summed in `adherence_day` as they are written (coach.store.adherence_days), and
this revision sums the logs already there. The credit of one log is the formula of this
revision's code (coach.domain.adherence.done_fraction), written out here in plain CASE
expressions so that it reads the same on SQLite and PostgreSQL and stays what it was when this
revision was written.

It also indexes exercise logs, pain entries and sessions by patient and day, with the columns
the Progress page reads, so that a patient's exercise days and pain ratings come from the
indexes alone, and the summary by day for the caseload's figures over every patient.

Revision ID: 0004_adherence_day
Revises: 0003_patients
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_adherence_day"
down_revision: str | None = "0003_patients"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ten years of a patient's exercise days and pain ratings, read in day order from the index.
INDEXES = (
    ("ix_exercise_log_patient_day", "exercise_log", ["patient_id", "local_day", "status"]),
    ("ix_pain_entry_patient_day", "pain_entry", ["patient_id", "local_day", "intensity"]),
    (
        "ix_exercise_session_patient_pain",
        "exercise_session",
        ["patient_id", "local_day", "pain_before", "pain_after"],
    ),
)

# Every patient's recent days at once, for the caseload: a range on the day holding every column
# it reads.
DAY_COLUMNS = [
    "local_day",
    "patient_id",
    "programme_id",
    "exercise_id",
    "weekday",
    "credit",
    "done",
    "partly",
]

_log = sa.table(
    "exercise_log",
    sa.column("patient_id", sa.Integer),
    sa.column("session_id", sa.Integer),
    sa.column("exercise_id", sa.String),
    sa.column("local_day", sa.Date),
    sa.column("status", sa.String),
    sa.column("planned_sets", sa.Integer),
    sa.column("planned_reps", sa.Integer),
    sa.column("planned_hold_s", sa.Float),
    sa.column("planned_sides", sa.String),
    sa.column("done_sets", sa.Integer),
    sa.column("done_reps", sa.Integer),
    sa.column("done_hold_s", sa.Float),
)
_session = sa.table("exercise_session", sa.column("id", sa.Integer), sa.column("programme_id"))


def _larger(a: sa.ColumnElement[float], b: sa.ColumnElement[float]) -> sa.ColumnElement[float]:
    return sa.case((a >= b, a), else_=b)


def _credit() -> sa.ColumnElement[float]:
    """One log's done fraction: done 1, skipped 0, partial the work performed over the work
    prescribed (never less than its whole sets), capped at 1."""
    log = _log.c
    real = sa.Float()
    sides = sa.case((log.planned_sides.in_(("both", "alternate")), 2), else_=1)
    reps = log.planned_reps * sides * log.planned_sets
    by_sets = sa.cast(log.done_sets, real) / log.planned_sets
    by_work = sa.case(
        (
            log.planned_hold_s > 0,
            sa.cast(log.done_reps, real) * log.done_hold_s / (reps * log.planned_hold_s),
        ),
        else_=sa.cast(log.done_reps, real) / reps,
    )
    work = _larger(by_sets, by_work)
    one = sa.literal(1.0, real)
    return sa.case(
        (log.status == "done", one),
        (
            sa.and_(log.status == "partial", log.planned_sets > 0, log.planned_reps > 0),
            sa.case((work >= one, one), else_=work),
        ),
        else_=sa.literal(0.0, real),
    )


def _weekday(dialect: str) -> sa.ColumnElement[int]:
    """The log's weekday, 0 = Monday: SQLite counts from Sunday = 0, PostgreSQL's ISODOW from
    Monday = 1."""
    if dialect == "sqlite":
        return sa.text("(CAST(strftime('%w', exercise_log.local_day) AS INTEGER) + 6) % 7")
    return sa.text("CAST(EXTRACT(ISODOW FROM exercise_log.local_day) AS INTEGER) - 1")


def upgrade() -> None:
    op.create_table(
        "adherence_day",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("credit", sa.Float(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("partly", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_adherence_day_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_adherence_day_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "patient_id", "local_day", "programme_id", "exercise_id", name=op.f("pk_adherence_day")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_adherence_day_programme", "adherence_day", ["programme_id"])
    op.create_index("ix_adherence_day_day", "adherence_day", DAY_COLUMNS)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)

    log, session = _log.c, _session.c
    credit = _credit()
    one, none = sa.literal(1), sa.literal(0)
    sums = (
        sa.select(
            log.patient_id,
            log.local_day,
            session.programme_id,
            log.exercise_id,
            _weekday(op.get_bind().dialect.name),
            sa.func.sum(credit),
            sa.func.sum(sa.case((log.status == "done", one), else_=none)),
            sa.func.sum(sa.case((sa.and_(log.status == "partial", credit > 0), one), else_=none)),
        )
        .select_from(_log.join(_session, session.id == log.session_id))
        .where(session.programme_id.is_not(None))
        .group_by(log.patient_id, log.local_day, session.programme_id, log.exercise_id)
        .having(sa.func.sum(credit) > 0)
    )
    target = sa.table(
        "adherence_day",
        *(
            sa.column(name)
            for name in (
                "patient_id",
                "local_day",
                "programme_id",
                "exercise_id",
                "weekday",
                "credit",
                "done",
                "partly",
            )
        ),
    )
    op.get_bind().execute(sa.insert(target).from_select(list(target.c.keys()), sums))


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_adherence_day_day", table_name="adherence_day")
    op.drop_index("ix_adherence_day_programme", table_name="adherence_day")
    op.drop_table("adherence_day")
