"""Pain and exercise per day: one row a day of what the Progress page reads besides credit.

The page's pain line and "What helps?" added up pain entries, check-ins, session ratings and
exercise logs on every read; from here they are kept summed per patient and day in
`progress_day` (coach.store.progress_days) as those rows are written, and this revision sums
the rows already there. The sums are written out here in plain CASE expressions, so that they
read the same on SQLite and PostgreSQL and stay what they were when this revision was written:
the day's ratings (each pain entry, the check-in's usual pain, the session's before and after)
summed and counted for the mean, the worst of them with the check-in's worst, and whether any
exercise was done at least in part.

Revision ID: 0005_progress_day
Revises: 0004_adherence_day
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005_progress_day"
down_revision: str | None = "0004_adherence_day"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_pain = sa.table(
    "pain_entry",
    sa.column("patient_id", sa.Integer),
    sa.column("local_day", sa.Date),
    sa.column("intensity", sa.Integer),
)
_checkin = sa.table(
    "daily_checkin",
    sa.column("patient_id", sa.Integer),
    sa.column("local_day", sa.Date),
    sa.column("typical_pain", sa.Integer),
    sa.column("worst_pain", sa.Integer),
)
_session = sa.table(
    "exercise_session",
    sa.column("patient_id", sa.Integer),
    sa.column("local_day", sa.Date),
    sa.column("pain_before", sa.Integer),
    sa.column("pain_after", sa.Integer),
)
_log = sa.table(
    "exercise_log",
    sa.column("patient_id", sa.Integer),
    sa.column("local_day", sa.Date),
    sa.column("status", sa.String),
)
COLUMNS = ("patient_id", "local_day", "pain_total", "pain_ratings", "pain_worst", "exercised")


def _larger(a: sa.ColumnElement[int], b: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    return sa.case((a >= b, a), else_=b)


def _per_day(
    source: Any,
    total: sa.ColumnElement[int],
    ratings: sa.ColumnElement[int],
    worst: sa.ColumnElement[int],
    exercised: sa.ColumnElement[int],
    *where: sa.ColumnElement[bool],
) -> sa.Select[Any]:
    c = source.c
    return (
        sa.select(
            c.patient_id.label("patient_id"),
            c.local_day.label("day"),
            sa.func.sum(total).label("total"),
            sa.func.sum(ratings).label("ratings"),
            sa.func.max(worst).label("worst"),
            sa.func.max(exercised).label("exercised"),
        )
        .where(*where)
        .group_by(c.patient_id, c.local_day)
    )


def upgrade() -> None:
    op.create_table(
        "progress_day",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("pain_total", sa.Integer(), nullable=False),
        sa.Column("pain_ratings", sa.Integer(), nullable=False),
        sa.Column("pain_worst", sa.Integer(), nullable=True),
        sa.Column("exercised", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_progress_day_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", "local_day", name=op.f("pk_progress_day")),
        sqlite_with_rowid=False,
    )
    one, zero, none = sa.literal(1), sa.literal(0), sa.literal(-1)
    pe, ci, es, log = _pain.c, _checkin.c, _session.c, _log.c

    def given(rating: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
        return sa.case((rating.is_not(None), one), else_=zero)

    sources = sa.union_all(
        _per_day(_pain, pe.intensity, one, pe.intensity, zero),
        _per_day(_checkin, ci.typical_pain, one, _larger(ci.typical_pain, ci.worst_pain), zero),
        _per_day(
            _session,
            sa.func.coalesce(es.pain_before, 0) + sa.func.coalesce(es.pain_after, 0),
            given(es.pain_before) + given(es.pain_after),
            _larger(sa.func.coalesce(es.pain_before, none), sa.func.coalesce(es.pain_after, none)),
            zero,
            es.pain_before.is_not(None) | es.pain_after.is_not(None),
        ),
        _per_day(_log, zero, zero, none, one, log.status != "skipped"),
    ).subquery("sources")
    s = sources.c
    ratings = sa.func.sum(s.ratings)
    exercised = sa.func.max(s.exercised) > 0
    sums = (
        sa.select(
            s.patient_id,
            s.day,
            sa.func.sum(s.total),
            ratings,
            sa.case((ratings > 0, sa.func.max(s.worst))),
            exercised,
        )
        .group_by(s.patient_id, s.day)
        .having((ratings > 0) | exercised)
    )
    target = sa.table("progress_day", *(sa.column(name) for name in COLUMNS))
    op.get_bind().execute(sa.insert(target).from_select(list(COLUMNS), sums))


def downgrade() -> None:
    op.drop_table("progress_day")
