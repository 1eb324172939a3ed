"""Persistence: schema, engine, migrations, backups and repositories. No Qt here."""
