"""Use cases. Each mutation runs in one short transaction and returns a `Changes` record."""
