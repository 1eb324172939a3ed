"""The database schema, as SQLAlchemy Core tables.

Core rather than ORM: the services aggregate (adherence per day, pain per week) in SQL, and plain
rows map to the frozen domain dataclasses without an identity map to keep in sync.

Rules every table follows:
- instants are `UTCDateTime` (aware in, aware out); anything the user logs also carries
  `local_day`, the calendar day in their time zone when it was written;
- plan and actual sit side by side on exercise logs (what was prescribed, what was done);
- constraints have names (the naming convention) so Alembic batch migrations can rebuild tables;
- SQL stays portable: SQLite on one machine, PostgreSQL for a clinic.

Changing anything here needs a migration in store/migrations/versions.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from coach.store.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _pain(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR ({column} BETWEEN 0 AND 10)", name=column)


profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False),
    Column("role", String(16), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("date_of_birth", Date),
    Column("patient_identifier", String(64), nullable=False, server_default=""),
    Column("therapist_name", String(80), nullable=False, server_default=""),
    Column("clinic", String(120), nullable=False, server_default=""),
    Column("contact", String(200), nullable=False, server_default=""),
    Column("profession", String(80), nullable=False, server_default=""),
    Column("notice_accepted_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
    CheckConstraint("role IN ('patient', 'therapist')", name="role"),
)

# The people a copy keeps records about. A patient's own copy has exactly one (the user); a
# therapist's copy holds a caseload. Every patient-scoped table below points here.
patient = Table(
    "patient",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("name", String(80), nullable=False),
    Column("date_of_birth", Date),
    Column("identifier", String(64), nullable=False, server_default=""),
    Column("contact", String(200), nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("archived_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)
# Unique when given: many patients have no identifier (yet).
Index(
    "ix_patient_identifier",
    patient.c.identifier,
    unique=True,
    sqlite_where=text("identifier != ''"),
    postgresql_where=text("identifier != ''"),
)


def _patient_id(*, nullable: bool = False) -> Column[int]:
    """The owning patient; deleting a patient (after a backup) deletes their records."""
    return Column(
        "patient_id",
        Integer,
        ForeignKey("patient.id", ondelete="CASCADE"),
        nullable=nullable,
        index=True,
    )


def _patient_day_key() -> Column[int]:
    """The patient half of a per-day summary's key (patient, local day, ...): one patient's days
    are stored together, and go with the patient."""
    return Column(
        "patient_id", Integer, ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )


def _uid() -> Column[str]:
    """A row's identity across copies (uuid4 hex): imports match rows by it."""
    return Column("uid", String(36), nullable=False, unique=True)


setting = Table(
    "setting",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

programme = Table(
    "programme",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("goal", Text, nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("author_name", String(80), nullable=False, server_default=""),
    Column("author_clinic", String(120), nullable=False, server_default=""),
    Column("author_contact", String(200), nullable=False, server_default=""),
    Column("start_date", Date, nullable=False),
    Column("review_date", Date),
    Column("end_date", Date),
    Column("is_template", Boolean, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("archived_at", UTCDateTime),
    # The user's calendar day of archived_at, in their zone when archiving (see coach.domain.days).
    Column("archived_local_day", Date),
    _patient_id(nullable=True),
    CheckConstraint(
        "(is_template AND patient_id IS NULL) OR (NOT is_template AND patient_id IS NOT NULL)",
        name="template_has_no_patient",
    ),
)

# Editing a programme adds a version effective from that day; older days keep theirs, so
# adherence history never changes after an edit.
programme_version = Table(
    "programme_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "programme_id",
        Integer,
        ForeignKey("programme.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("effective_from", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("programme_id", "effective_from", name="uq_programme_version_day"),
)

programme_item = Table(
    "programme_item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "version_id",
        Integer,
        ForeignKey("programme_version.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("position", Integer, nullable=False),
    Column("exercise_id", String(80), nullable=False),
    Column("sets", Integer, nullable=False),
    Column("reps", Integer, nullable=False),
    Column("hold_s", Float, nullable=False),
    Column("rest_s", Float, nullable=False),
    Column("move_s", Float, nullable=False),
    Column("return_s", Float, nullable=False),
    Column("sides", String(12), nullable=False),
    Column("times_per_day", Integer, nullable=False),
    # Bit 0 is Monday. days_per_week, when set, means "any N days" instead of fixed days.
    Column("days_mask", Integer, nullable=False, server_default="127"),
    Column("days_per_week", Integer),
    Column("progression", JSON),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("sets BETWEEN 1 AND 10", name="sets"),
    CheckConstraint("reps BETWEEN 1 AND 50", name="reps"),
    CheckConstraint("times_per_day BETWEEN 1 AND 12", name="times_per_day"),
    CheckConstraint("days_mask BETWEEN 0 AND 127", name="days_mask"),
    UniqueConstraint("version_id", "position", name="uq_programme_item_position"),
)

exercise_session = Table(
    "exercise_session",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("programme_id", Integer, ForeignKey("programme.id", ondelete="SET NULL")),
    Column("version_id", Integer, ForeignKey("programme_version.id", ondelete="SET NULL")),
    Column("started_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    Column("local_day", Date, nullable=False, index=True),
    Column("timezone", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("pain_before", Integer),
    Column("pain_after", Integer),
    Column("symptom_region", String(16)),
    Column("symptoms_before", Integer),
    Column("effort", String(8)),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("status IN ('in_progress', 'completed', 'stopped')", name="status"),
    CheckConstraint("effort IS NULL OR effort IN ('easier', 'same', 'harder')", name="effort"),
    _pain("pain_before"),
    _pain("pain_after"),
)

exercise_log = Table(
    "exercise_log",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column(
        "session_id",
        Integer,
        ForeignKey("exercise_session.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("item_id", Integer, ForeignKey("programme_item.id", ondelete="SET NULL")),
    Column("exercise_id", String(80), nullable=False),
    Column("local_day", Date, nullable=False, index=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime, nullable=False),
    Column("status", String(10), nullable=False),
    Column("planned_sets", Integer, nullable=False),
    Column("planned_reps", Integer, nullable=False),
    Column("planned_hold_s", Float, nullable=False),
    Column("planned_sides", String(12), nullable=False),
    Column("done_sets", Integer, nullable=False),
    Column("done_reps", Integer, nullable=False),
    Column("done_hold_s", Float, nullable=False),
    CheckConstraint("status IN ('done', 'partial', 'skipped')", name="status"),
    CheckConstraint("done_sets >= 0 AND done_reps >= 0", name="done_counts"),
)

# What a patient's exercise logs earned per local day, programme and exercise, before any cap:
# the credit (coach.domain.adherence.done_fraction summed), the exercises done in full and the
# ones partly done. Written with the logs (coach.store.adherence_days), so the Progress page caps
# a few rows a day instead of adding up every log; a log row is the truth, this its running sum.
# Only logs of a session with a programme count, and a day that earned nothing has no row.
adherence_day = Table(
    "adherence_day",
    metadata,
    _patient_day_key(),
    Column("local_day", Date, primary_key=True),
    # A deleted programme unlinks its sessions (SET NULL), so its credit no longer counts.
    Column(
        "programme_id",
        Integer,
        ForeignKey("programme.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("exercise_id", String(80), primary_key=True),
    # The day's weekday, 0 = Monday (the days_mask bit order): caps by weekday need no date
    # function per row.
    Column("weekday", Integer, nullable=False),
    Column("credit", Float, nullable=False),
    Column("done", Integer, nullable=False),
    Column("partly", Integer, nullable=False),
    sqlite_with_rowid=False,  # stored in key order: one patient's days are read in one sweep
)

# The credit of `adherence_day` capped at what the prescription in force allowed, summed per
# patient and local day (credit_day), and, for each "any N days a week" item done that day, what
# is left for it beyond the fixed-day items of the same exercise (flex_credit_day). The Progress
# page's adherence reads these one row a day; capping 27 000 rows of ten years on every read
# was most of its time. They follow adherence_day and the programmes (coach.store.credit_days):
# rewritten for a day whenever its logs are, and for the patient whenever a programme's
# prescription, dates or archiving change.
credit_day = Table(
    "credit_day",
    metadata,
    _patient_day_key(),
    Column("local_day", Date, primary_key=True),
    Column("credit", Float, nullable=False),
    Column("done", Integer, nullable=False),  # exercises done in full, within their caps
    Column("partly", Integer, nullable=False),  # exercises partly done, within their caps
    sqlite_with_rowid=False,  # stored in key order: one patient's days are read in one sweep
)

flex_credit_day = Table(
    "flex_credit_day",
    metadata,
    _patient_day_key(),
    Column("local_day", Date, primary_key=True),
    Column(
        "programme_id",
        Integer,
        ForeignKey("programme.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("exercise_id", String(80), primary_key=True),
    Column("times_per_day", Integer, nullable=False),  # its cap: the item's times a day
    Column("credit", Float, nullable=False),
    Column("done", Integer, nullable=False),
    Column("partly", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# What the Progress page reads of a patient's day besides credit: the pain ratings (their sum
# and count for the day's mean, and the worst) from pain entries, the check-in and the sessions'
# before/after ratings, and whether any exercise was done at least in part. Kept with those rows
# (coach.store.progress_days), so ten years are one row a day instead of some 100 000 rows from
# four tables; the rows themselves are the truth. A day with neither has no row.
progress_day = Table(
    "progress_day",
    metadata,
    _patient_day_key(),
    Column("local_day", Date, primary_key=True),
    Column("pain_total", Integer, nullable=False),  # the ratings that count towards the mean
    Column("pain_ratings", Integer, nullable=False),
    Column("pain_worst", Integer),  # None when the day has no rating
    Column("exercised", Boolean, nullable=False),
    sqlite_with_rowid=False,  # stored in key order: one patient's days are read in one sweep
)

# McKenzie symptom response: the most distant point of symptoms on one ordered scale
# (0 = none ... 5 = foot / hand) before and after an exercise.
symptom_response = Table(
    "symptom_response",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column(
        "log_id",
        Integer,
        ForeignKey("exercise_log.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("region", String(16), nullable=False),
    Column("level_before", Integer, nullable=False),
    Column("level_after", Integer, nullable=False),
    Column("response", String(16), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("local_day", Date, nullable=False),
    CheckConstraint("region IN ('lumbar', 'cervical')", name="region"),
    CheckConstraint("level_before BETWEEN 0 AND 5 AND level_after BETWEEN 0 AND 5", name="levels"),
    CheckConstraint("response IN ('centralized', 'unchanged', 'peripheralized')", name="response"),
)

pain_entry = Table(
    "pain_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("local_day", Date, nullable=False, index=True),
    Column("intensity", Integer, nullable=False),
    Column("body_regions", JSON, nullable=False),
    Column("qualities", JSON, nullable=False),
    Column("worse", Text, nullable=False, server_default=""),
    Column("better", Text, nullable=False, server_default=""),
    Column("medication", Text, nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Column("question_for_therapist", Boolean, nullable=False, server_default="0"),
    Column("red_flags", JSON, nullable=False),
    _pain("intensity"),
    sqlite_autoincrement=True,
)

daily_checkin = Table(
    "daily_checkin",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("local_day", Date, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("worst_pain", Integer, nullable=False),
    Column("typical_pain", Integer, nullable=False),
    Column("sleep_quality", Integer),
    Column("activity_level", Integer),
    Column("note", Text, nullable=False, server_default=""),
    _pain("worst_pain"),
    _pain("typical_pain"),
    _pain("sleep_quality"),
    _pain("activity_level"),
    UniqueConstraint("patient_id", "local_day", name="uq_daily_checkin_patient_day"),
    sqlite_autoincrement=True,
)

treatment = Table(
    "treatment",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("occurred_on", Date, nullable=False, index=True),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("site", String(120), nullable=False, server_default=""),
    Column("provider", String(120), nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    sqlite_autoincrement=True,
)

psfs_activity = Table(
    "psfs_activity",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("name", String(120), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("retired_at", UTCDateTime),
)

outcome_score = Table(
    "outcome_score",
    metadata,
    Column("id", Integer, primary_key=True),
    _patient_id(),
    _uid(),
    Column("instrument", String(8), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("local_day", Date, nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("details", JSON, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("instrument IN ('nprs', 'psfs', 'odi', 'ndi')", name="instrument"),
    sqlite_autoincrement=True,
)

# Exercises the user made. `definition` holds the same fields as a shipped exercise file; the
# image (if any) is a content-hash file name in the data folder's images/. Deleting sets
# `deleted_at` only: programmes and logs keep pointing at `uid`, and history must still read.
custom_exercise = Table(
    "custom_exercise",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(80), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("definition", JSON, nullable=False),
    Column("image_file", String(80)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime),
)

Index(
    "ix_programme_version_lookup",
    programme_version.c.programme_id,
    programme_version.c.effective_from,
)
# The items of the version in force, looked up for every summed day (coach.store.credit_days).
Index("ix_programme_item_version", programme_item.c.version_id, programme_item.c.exercise_id)
Index("ix_exercise_log_session", exercise_log.c.session_id)
# A patient's exercise days and pain ratings in day order from the indexes alone: the
# Progress page reads ten years of them ("What helps?", the pain line).
Index(
    "ix_exercise_log_patient_day",
    exercise_log.c.patient_id,
    exercise_log.c.local_day,
    exercise_log.c.status,
)
Index(
    "ix_pain_entry_patient_day",
    pain_entry.c.patient_id,
    pain_entry.c.local_day,
    pain_entry.c.intensity,
)
Index(
    "ix_exercise_session_patient_pain",
    exercise_session.c.patient_id,
    exercise_session.c.local_day,
    exercise_session.c.pain_before,
    exercise_session.c.pain_after,
)
# Deleting a programme removes its rows here without reading every patient's days.
Index("ix_adherence_day_programme", adherence_day.c.programme_id)
# The caseload reads every patient's recent days at once (coach.store.caseload_credit): a range
# on the day, with every column it reads, so the year before it is never touched.
Index(
    "ix_adherence_day_day",
    adherence_day.c.local_day,
    adherence_day.c.patient_id,
    adherence_day.c.programme_id,
    adherence_day.c.exercise_id,
    adherence_day.c.weekday,
    adherence_day.c.credit,
    adherence_day.c.done,
    adherence_day.c.partly,
)
