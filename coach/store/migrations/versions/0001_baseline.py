"""Baseline: the schema of Coach 0.1 (instants stored as naive UTC, see store/types.py).

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-25 10:40:04.508414
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "daily_checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("worst_pain", sa.Integer(), nullable=False),
        sa.Column("typical_pain", sa.Integer(), nullable=False),
        sa.Column("sleep_quality", sa.Integer(), nullable=True),
        sa.Column("activity_level", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "activity_level IS NULL OR (activity_level BETWEEN 0 AND 10)",
            name=op.f("ck_daily_checkin_activity_level"),
        ),
        sa.CheckConstraint(
            "sleep_quality IS NULL OR (sleep_quality BETWEEN 0 AND 10)",
            name=op.f("ck_daily_checkin_sleep_quality"),
        ),
        sa.CheckConstraint(
            "typical_pain IS NULL OR (typical_pain BETWEEN 0 AND 10)",
            name=op.f("ck_daily_checkin_typical_pain"),
        ),
        sa.CheckConstraint(
            "worst_pain IS NULL OR (worst_pain BETWEEN 0 AND 10)",
            name=op.f("ck_daily_checkin_worst_pain"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_checkin")),
        sa.UniqueConstraint("local_day", name=op.f("uq_daily_checkin_local_day")),
    )
    op.create_table(
        "outcome_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=8), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "instrument IN ('nprs', 'psfs', 'odi', 'ndi')", name=op.f("ck_outcome_score_instrument")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_score")),
    )
    with op.batch_alter_table("outcome_score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_score_local_day"), ["local_day"], unique=False)

    op.create_table(
        "pain_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("body_regions", sa.JSON(), nullable=False),
        sa.Column("qualities", sa.JSON(), nullable=False),
        sa.Column("worse", sa.Text(), server_default="", nullable=False),
        sa.Column("better", sa.Text(), server_default="", nullable=False),
        sa.Column("medication", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("question_for_therapist", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "intensity IS NULL OR (intensity BETWEEN 0 AND 10)",
            name=op.f("ck_pain_entry_intensity"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_entry")),
    )
    with op.batch_alter_table("pain_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pain_entry_local_day"), ["local_day"], unique=False)

    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("patient_identifier", sa.String(length=64), server_default="", nullable=False),
        sa.Column("therapist_name", sa.String(length=80), server_default="", nullable=False),
        sa.Column("clinic", sa.String(length=120), server_default="", nullable=False),
        sa.Column("contact", sa.String(length=200), server_default="", nullable=False),
        sa.Column("notice_accepted_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('patient', 'therapist')", name=op.f("ck_profile_role")),
        sa.CheckConstraint("id = 1", name=op.f("ck_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("goal", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("author_name", sa.String(length=80), server_default="", nullable=False),
        sa.Column("author_clinic", sa.String(length=120), server_default="", nullable=False),
        sa.Column("author_contact", sa.String(length=200), server_default="", nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("is_template", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("uid", name=op.f("uq_programme_uid")),
    )
    op.create_table(
        "psfs_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psfs_activity")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "treatment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("site", sa.String(length=120), server_default="", nullable=False),
        sa.Column("provider", sa.String(length=120), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment")),
    )
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treatment_occurred_on"), ["occurred_on"], unique=False)

    op.create_table(
        "programme_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_version_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_version")),
        sa.UniqueConstraint("programme_id", "effective_from", name="uq_programme_version_day"),
    )
    with op.batch_alter_table("programme_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_programme_version_lookup", ["programme_id", "effective_from"], unique=False
        )

    op.create_table(
        "exercise_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("symptom_region", sa.String(length=16), nullable=True),
        sa.Column("symptoms_before", sa.Integer(), nullable=True),
        sa.Column("effort", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "effort IS NULL OR effort IN ('easier', 'same', 'harder')",
            name=op.f("ck_exercise_session_effort"),
        ),
        sa.CheckConstraint(
            "status IN ('in_progress', 'completed', 'stopped')",
            name=op.f("ck_exercise_session_status"),
        ),
        sa.CheckConstraint(
            "pain_after IS NULL OR (pain_after BETWEEN 0 AND 10)",
            name=op.f("ck_exercise_session_pain_after"),
        ),
        sa.CheckConstraint(
            "pain_before IS NULL OR (pain_before BETWEEN 0 AND 10)",
            name=op.f("ck_exercise_session_pain_before"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_exercise_session_programme_id_programme"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_version.id"],
            name=op.f("fk_exercise_session_version_id_programme_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_session")),
    )
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_session_local_day"), ["local_day"], unique=False
        )

    op.create_table(
        "programme_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("hold_s", sa.Float(), nullable=False),
        sa.Column("rest_s", sa.Float(), nullable=False),
        sa.Column("move_s", sa.Float(), nullable=False),
        sa.Column("return_s", sa.Float(), nullable=False),
        sa.Column("sides", sa.String(length=12), nullable=False),
        sa.Column("times_per_day", sa.Integer(), nullable=False),
        sa.Column("days_mask", sa.Integer(), server_default="127", nullable=False),
        sa.Column("days_per_week", sa.Integer(), nullable=True),
        sa.Column("progression", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("days_mask BETWEEN 0 AND 127", name=op.f("ck_programme_item_days_mask")),
        sa.CheckConstraint("reps BETWEEN 1 AND 50", name=op.f("ck_programme_item_reps")),
        sa.CheckConstraint("sets BETWEEN 1 AND 10", name=op.f("ck_programme_item_sets")),
        sa.CheckConstraint(
            "times_per_day BETWEEN 1 AND 12", name=op.f("ck_programme_item_times_per_day")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_version.id"],
            name=op.f("fk_programme_item_version_id_programme_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_item")),
        sa.UniqueConstraint("version_id", "position", name="uq_programme_item_position"),
    )
    op.create_table(
        "exercise_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("planned_sets", sa.Integer(), nullable=False),
        sa.Column("planned_reps", sa.Integer(), nullable=False),
        sa.Column("planned_hold_s", sa.Float(), nullable=False),
        sa.Column("planned_sides", sa.String(length=12), nullable=False),
        sa.Column("done_sets", sa.Integer(), nullable=False),
        sa.Column("done_reps", sa.Integer(), nullable=False),
        sa.Column("done_hold_s", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "status IN ('done', 'partial', 'skipped')", name=op.f("ck_exercise_log_status")
        ),
        sa.CheckConstraint(
            "done_sets >= 0 AND done_reps >= 0", name=op.f("ck_exercise_log_done_counts")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["programme_item.id"],
            name=op.f("fk_exercise_log_item_id_programme_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["exercise_session.id"],
            name=op.f("fk_exercise_log_session_id_exercise_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_log")),
    )
    with op.batch_alter_table("exercise_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_log_local_day"), ["local_day"], unique=False)
        batch_op.create_index("ix_exercise_log_session", ["session_id"], unique=False)

    op.create_table(
        "symptom_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=16), nullable=False),
        sa.Column("level_before", sa.Integer(), nullable=False),
        sa.Column("level_after", sa.Integer(), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "region IN ('lumbar', 'cervical')", name=op.f("ck_symptom_response_region")
        ),
        sa.CheckConstraint(
            "response IN ('centralized', 'unchanged', 'peripheralized')",
            name=op.f("ck_symptom_response_response"),
        ),
        sa.CheckConstraint(
            "level_before BETWEEN 0 AND 5 AND level_after BETWEEN 0 AND 5",
            name=op.f("ck_symptom_response_levels"),
        ),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["exercise_log.id"],
            name=op.f("fk_symptom_response_log_id_exercise_log"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_symptom_response")),
        sa.UniqueConstraint("log_id", name=op.f("uq_symptom_response_log_id")),
    )
    op.create_table(
        "custom_exercise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("image_file", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_exercise")),
        sa.UniqueConstraint("uid", name=op.f("uq_custom_exercise_uid")),
    )


def downgrade() -> None:

    op.drop_table("custom_exercise")
    op.drop_table("symptom_response")
    with op.batch_alter_table("exercise_log", schema=None) as batch_op:
        batch_op.drop_index("ix_exercise_log_session")
        batch_op.drop_index(batch_op.f("ix_exercise_log_local_day"))

    op.drop_table("exercise_log")
    op.drop_table("programme_item")
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_session_local_day"))

    op.drop_table("exercise_session")
    with op.batch_alter_table("programme_version", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_version_lookup")

    op.drop_table("programme_version")
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_occurred_on"))

    op.drop_table("treatment")
    op.drop_table("setting")
    op.drop_table("psfs_activity")
    op.drop_table("programme")
    op.drop_table("profile")
    with op.batch_alter_table("pain_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pain_entry_local_day"))

    op.drop_table("pain_entry")
    with op.batch_alter_table("outcome_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_score_local_day"))

    op.drop_table("outcome_score")
    op.drop_table("daily_checkin")
