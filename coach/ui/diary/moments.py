"""Between Qt's date-time widgets and aware datetimes in the user's time zone.

The edits show wall time in the profile's zone (not the machine's), so an entry made while
travelling still reads the way the user will remember it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qdatetime(moment: datetime, tz: ZoneInfo) -> QDateTime:
    local = moment.astimezone(tz)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime, tz: ZoneInfo) -> datetime:
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=tz)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
