"""The local day a programme was archived, kept as written (it was derived from archived_at).

Days are computed once, when written, in the zone of the moment. Deriving the archive's last day
from archived_at in the *current* zone rewrote history: a programme archived at 23:30 in New
York moved a day once the user lived in Berlin. Existing rows are backfilled here, once, in the
profile's zone as it is now (the best knowledge there is); from then on the day never changes.

Revision ID: 0002_archived_day
Revises: 0001_baseline
"""

from collections.abc import Sequence
from datetime import UTC

import sqlalchemy as sa
from alembic import op

from coach.domain.days import local_day, zone

revision: str = "0002_archived_day"
down_revision: str | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programme") as batch:
        batch.add_column(sa.Column("archived_local_day", sa.Date(), nullable=True))
    conn = op.get_bind()
    profile = sa.table("profile", sa.column("timezone", sa.String()))
    tz = zone(conn.execute(sa.select(profile.c.timezone)).scalar())
    programme = sa.table(
        "programme",
        sa.column("id", sa.Integer()),
        sa.column("archived_at", sa.DateTime()),
        sa.column("archived_local_day", sa.Date()),
    )
    archived = conn.execute(
        sa.select(programme.c.id, programme.c.archived_at).where(
            programme.c.archived_at.is_not(None)
        )
    ).all()
    for programme_id, archived_at in archived:  # instants are stored as naive UTC
        conn.execute(
            programme.update()
            .where(programme.c.id == programme_id)
            .values(archived_local_day=local_day(archived_at.replace(tzinfo=UTC), tz))
        )


def downgrade() -> None:
    with op.batch_alter_table("programme") as batch:
        batch.drop_column("archived_local_day")
