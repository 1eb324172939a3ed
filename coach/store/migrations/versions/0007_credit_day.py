"""Capped credit per day: adherence_day capped at the prescription in force, one row a day.

The Progress page capped every `adherence_day` row at what the version in force on its day
prescribed, on each read; from here the capped sums are kept per patient and day in
`credit_day`, with one row a day for each flexible item done in `flex_credit_day`, as logs and
programmes are written (coach.store.credit_days), and this revision sums the rows already
there. The statement is written out here as it was when this revision was written, with a
plain CASE for "the smaller of", so that it reads the same on SQLite and PostgreSQL and stays
what it was. It also indexes programme items by version and exercise, which that statement
looks up for every day.

Revision ID: 0007_credit_day
Revises: 0006_entry_ids_kept
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007_credit_day"
down_revision: str | None = "0006_entry_ids_kept"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_day = sa.table(
    "adherence_day",
    *(
        sa.column(name, sa.Integer)
        for name in ("patient_id", "programme_id", "weekday", "done", "partly")
    ),
    sa.column("local_day", sa.Date),
    sa.column("exercise_id", sa.String),
    sa.column("credit", sa.Float),
)
_programme = sa.table(
    "programme",
    sa.column("id", sa.Integer),
    sa.column("is_template", sa.Boolean),
    sa.column("start_date", sa.Date),
    sa.column("end_date", sa.Date),
    sa.column("archived_local_day", sa.Date),
)
_version = sa.table(
    "programme_version",
    sa.column("id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("effective_from", sa.Date),
)
_item = sa.table(
    "programme_item",
    sa.column("version_id", sa.Integer),
    sa.column("exercise_id", sa.String),
    sa.column("times_per_day", sa.Integer),
    sa.column("days_mask", sa.Integer),
    sa.column("days_per_week", sa.Integer),
)
CREDIT_COLUMNS = ("patient_id", "local_day", "credit", "done", "partly")
FLEX_COLUMNS = (
    "patient_id",
    "local_day",
    "programme_id",
    "exercise_id",
    "times_per_day",
    "credit",
    "done",
    "partly",
)


def _smaller(a: sa.ColumnElement[Any], b: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.case((a <= b, a), else_=b)


def _capped() -> Any:
    """Every adherence_day row whose programme runs on its day, with its fixed-day cap (the
    sessions its version's items prescribe on the row's weekday) and its flexible cap."""
    a, p, v, i = _day.c, _programme.c, _version.c, _item.c
    in_force = (
        sa.select(v.id)
        .where(v.programme_id == a.programme_id, v.effective_from <= a.local_day)
        .order_by(v.effective_from.desc())
        .limit(1)
        .scalar_subquery()
    )
    runs = (
        sa.select(
            a.patient_id,
            a.local_day,
            a.programme_id,
            a.exercise_id,
            a.weekday,
            a.credit,
            a.done,
            a.partly,
            in_force.label("version_id"),
        )
        .select_from(_day.join(_programme, p.id == a.programme_id))
        .where(
            sa.not_(p.is_template),
            a.local_day >= p.start_date,
            sa.or_(p.end_date.is_(None), a.local_day <= p.end_date),
            sa.or_(p.archived_local_day.is_(None), a.local_day < p.archived_local_day),
        )
        .subquery("runs")
    )
    r = runs.c
    zero = sa.literal(0, sa.Integer)
    on_weekday = sa.and_(
        i.days_per_week.is_(None),
        i.days_mask.op(">>")(r.weekday).op("&")(sa.literal(1, sa.Integer)) == 1,
    )
    cap = sa.func.sum(sa.case((on_weekday, i.times_per_day), else_=zero))
    flex_cap = sa.func.sum(sa.case((i.days_per_week.is_not(None), i.times_per_day), else_=zero))
    key = (r.patient_id, r.local_day, r.programme_id, r.exercise_id)
    return (
        sa.select(*key, r.credit, r.done, r.partly, cap.label("cap"), flex_cap.label("flex_cap"))
        .select_from(
            runs.join(_item, sa.and_(i.version_id == r.version_id, i.exercise_id == r.exercise_id))
        )
        .group_by(*key, r.credit, r.done, r.partly)
        .subquery("capped")
    )


def upgrade() -> None:
    op.create_index("ix_programme_item_version", "programme_item", ["version_id", "exercise_id"])
    op.create_table(
        "credit_day",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("credit", sa.Float(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("partly", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_credit_day_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", "local_day", name=op.f("pk_credit_day")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "flex_credit_day",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("times_per_day", sa.Integer(), nullable=False),
        sa.Column("credit", sa.Float(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("partly", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_flex_credit_day_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_flex_credit_day_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "patient_id",
            "local_day",
            "programme_id",
            "exercise_id",
            name=op.f("pk_flex_credit_day"),
        ),
        sqlite_with_rowid=False,
    )

    c = _capped().c
    used = _smaller(c.credit, c.cap)
    done_used = _smaller(c.done, c.cap)
    partly_used = _smaller(c.partly, c.cap - done_used)
    days = (
        sa.select(
            c.patient_id,
            c.local_day,
            sa.func.sum(used),
            sa.func.sum(done_used),
            sa.func.sum(partly_used),
        )
        .where(c.cap > 0)
        .group_by(c.patient_id, c.local_day)
        .having(sa.func.sum(used) > 0)
    )
    flex_done = _smaller(c.done - done_used, c.flex_cap)
    flexible = sa.select(
        c.patient_id,
        c.local_day,
        c.programme_id,
        c.exercise_id,
        c.flex_cap,
        _smaller(c.credit - used, c.flex_cap),
        flex_done,
        _smaller(c.partly - partly_used, c.flex_cap - flex_done),
    ).where(c.flex_cap > 0)
    bind = op.get_bind()
    for name, columns, rows in (
        ("credit_day", CREDIT_COLUMNS, days),
        ("flex_credit_day", FLEX_COLUMNS, flexible),
    ):
        target = sa.table(name, *(sa.column(column) for column in columns))
        bind.execute(sa.insert(target).from_select(list(columns), rows))


def downgrade() -> None:
    op.drop_table("flex_credit_day")
    op.drop_table("credit_day")
    op.drop_index("ix_programme_item_version", table_name="programme_item")
