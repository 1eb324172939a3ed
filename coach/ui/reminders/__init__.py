"""Reminders in the GUI: what is due (watch), and where it is said (banner, notifications)."""
