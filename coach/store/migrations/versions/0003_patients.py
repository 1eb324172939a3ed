"""Patients: one person per database becomes a caseload, every record scoped to its patient.

Coach 0.1 held one person per database. From here a `patient` row owns every record that is
about a person (non-template programmes, sessions and their logs, symptom responses, pain
entries, check-ins, treatments, PSFS activities, outcome scores), and every row that can travel
between copies carries a `uid`. Who the existing rows belong to is decided once, here:

- a patient copy (profile role patient), or any copy whose diary or sessions hold rows, becomes
  one patient made from the profile (name, date of birth, identifier);
- a therapist copy keeps its non-template programmes under one clearly named patient, which the
  therapist renames or reassigns later;
- an empty copy gets no patient: the welcome makes the first one.

Columns are added nullable, filled, then made NOT NULL with their foreign key and index in a
second batch (SQLite rebuilds the table; migrate.py keeps foreign keys off and checks them).

Revision ID: 0003_patients
Revises: 0002_archived_day
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "0003_patients"
down_revision: str | None = "0002_archived_day"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables whose rows belong to one patient, in parent-before-child order.
SCOPED = (
    "exercise_session",
    "exercise_log",
    "symptom_response",
    "pain_entry",
    "daily_checkin",
    "treatment",
    "psfs_activity",
    "outcome_score",
)
# Rows about a person that prove a 0.1 copy was someone's own record.
PERSONAL = ("exercise_session", "pain_entry", "daily_checkin", "treatment", "outcome_score")
# The name given to a 0.1 therapist copy's programmes; the therapist renames it later.
THERAPIST_PROGRAMMES = "Programmes from Coach 0.1"
UNNAMED = "Records from Coach 0.1"


def _create_patient_table() -> None:
    op.create_table(
        "patient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("identifier", sa.String(length=64), server_default="", nullable=False),
        sa.Column("contact", sa.String(length=200), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("uid", name=op.f("uq_patient_uid")),
    )
    # Unique when given: many patients have no identifier yet.
    op.create_index(
        "ix_patient_identifier",
        "patient",
        ["identifier"],
        unique=True,
        sqlite_where=sa.text("identifier != ''"),
        postgresql_where=sa.text("identifier != ''"),
    )


def _count(conn: sa.Connection, table: str) -> int:
    return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def _owner(conn: sa.Connection) -> dict[str, object] | None:
    """The patient the 0.1 rows belong to, as column values, or None when nothing needs one."""
    profile = conn.execute(
        sa.text("SELECT name, role, date_of_birth, patient_identifier FROM profile")
    ).first()
    personal = any(_count(conn, table) for table in PERSONAL)
    programmes = int(
        conn.execute(sa.text("SELECT count(*) FROM programme WHERE NOT is_template")).scalar() or 0
    )
    if profile is not None and (profile.role == "patient" or personal):
        return {
            "name": profile.name,
            "date_of_birth": profile.date_of_birth,
            "identifier": profile.patient_identifier or "",
        }
    if profile is not None and programmes:
        return {"name": THERAPIST_PROGRAMMES, "date_of_birth": None, "identifier": ""}
    if personal or programmes or _count(conn, "psfs_activity"):
        return {"name": UNNAMED, "date_of_birth": None, "identifier": ""}
    return None


def _fill(conn: sa.Connection, table: str, patient_id: int | None, uid: bool) -> None:
    """Give every row of `table` its patient and, when asked, a fresh uid."""
    if patient_id is not None and table != "programme":
        conn.execute(sa.text(f"UPDATE {table} SET patient_id = :p"), {"p": patient_id})
    if uid:
        ids = [row[0] for row in conn.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            conn.execute(
                sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),
                [{"id": row_id, "uid": uuid4().hex} for row_id in ids],
            )


def upgrade() -> None:
    conn = op.get_bind()
    _create_patient_table()
    with op.batch_alter_table("profile") as batch:
        batch.add_column(
            sa.Column("profession", sa.String(length=80), server_default="", nullable=False)
        )

    owner = _owner(conn)
    patient_id: int | None = None
    if owner is not None:
        now = datetime.now(UTC).replace(tzinfo=None)  # instants are stored as naive UTC
        conn.execute(
            sa.text(
                "INSERT INTO patient (uid, name, date_of_birth, identifier, contact, notes,"
                " created_at, updated_at)"
                " VALUES (:uid, :name, :dob, :identifier, '', '', :now, :now)"
            ),
            {
                "uid": uuid4().hex,
                "name": owner["name"],
                "dob": owner["date_of_birth"],
                "identifier": owner["identifier"],
                "now": now,
            },
        )
        patient_id = int(conn.execute(sa.text("SELECT max(id) FROM patient")).scalar() or 0)

    with op.batch_alter_table("programme") as batch:
        batch.add_column(sa.Column("patient_id", sa.Integer(), nullable=True))
    if patient_id is not None:
        conn.execute(
            sa.text("UPDATE programme SET patient_id = :p WHERE NOT is_template"),
            {"p": patient_id},
        )
    with op.batch_alter_table("programme") as batch:
        batch.create_foreign_key(
            op.f("fk_programme_patient_id_patient"),
            "patient",
            ["patient_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_programme_patient_id"), ["patient_id"])
        batch.create_check_constraint(
            op.f("ck_programme_template_has_no_patient"),
            "(is_template AND patient_id IS NULL) OR (NOT is_template AND patient_id IS NOT NULL)",
        )

    for table in SCOPED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("patient_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("uid", sa.String(length=36), nullable=True))
        _fill(conn, table, patient_id, uid=True)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("patient_id", existing_type=sa.Integer(), nullable=False)
            batch.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
            batch.create_foreign_key(
                op.f(f"fk_{table}_patient_id_patient"),
                "patient",
                ["patient_id"],
                ["id"],
                ondelete="CASCADE",
            )
            batch.create_index(op.f(f"ix_{table}_patient_id"), ["patient_id"])
            batch.create_unique_constraint(op.f(f"uq_{table}_uid"), ["uid"])
            if table == "daily_checkin":
                batch.drop_constraint("uq_daily_checkin_local_day", type_="unique")
                batch.create_unique_constraint(
                    "uq_daily_checkin_patient_day", ["patient_id", "local_day"]
                )


def downgrade() -> None:
    for table in reversed(SCOPED):
        with op.batch_alter_table(table) as batch:
            if table == "daily_checkin":
                batch.drop_constraint("uq_daily_checkin_patient_day", type_="unique")
                batch.create_unique_constraint("uq_daily_checkin_local_day", ["local_day"])
            batch.drop_constraint(op.f(f"uq_{table}_uid"), type_="unique")
            batch.drop_index(op.f(f"ix_{table}_patient_id"))
            batch.drop_constraint(op.f(f"fk_{table}_patient_id_patient"), type_="foreignkey")
            batch.drop_column("uid")
            batch.drop_column("patient_id")
    with op.batch_alter_table("programme") as batch:
        batch.drop_constraint(op.f("ck_programme_template_has_no_patient"), type_="check")
        batch.drop_index(op.f("ix_programme_patient_id"))
        batch.drop_constraint(op.f("fk_programme_patient_id_patient"), type_="foreignkey")
        batch.drop_column("patient_id")
    with op.batch_alter_table("profile") as batch:
        batch.drop_column("profession")
    op.drop_index("ix_patient_identifier", table_name="patient")
    op.drop_table("patient")
