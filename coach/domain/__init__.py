"""Pure-Python rules and value types. Nothing here imports Qt, SQLAlchemy or touches files."""
