"""Alembic environment for Coach.

Only ever run from coach.store.migrate, which hands over an open connection already inside the
transaction that must hold the whole upgrade. No fileConfig(): Coach's logging is its own.
"""

from alembic import context

from coach.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
