"""The SQLite store: question log, feedback, settings, migrations and statistics."""
