"""This week's adherence at a glance: one box per day and the week's figure so far.

The figures are the progress page's (ProgressService, coach.domain.adherence_ledger), so Today
and Progress never disagree. A day with nothing prescribed shows a dash: it is absent from
adherence, not a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coach.domain.adherence import Adherence
from coach.ui import style
from coach.ui.widgets import label
from coach.wording.counts import sessions_done_text

GOOD_BG = "#dff3e6"
SOME_BG = "#fff4e5"
NONE_BG = "#f3f5f7"
FUTURE_BG = style.SURFACE


class WeekStrip(QFrame):
    def __init__(
        self,
        today: date,
        daily: Sequence[Adherence],
        week: Adherence | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        by_day = {entry.first: entry for entry in daily}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(label("This week", role="subheading"))
        row = QHBoxLayout()
        row.setSpacing(8)
        monday = today - timedelta(days=today.weekday())
        self.day_texts: list[str] = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            entry = by_day.get(day)
            if day > today:
                text, background = "", FUTURE_BG
            elif entry is None or entry.prescribed <= 0:
                text, background = "—", NONE_BG
            else:
                text = f"{entry.percent:.0f} %"
                background = GOOD_BG if entry.adherent else SOME_BG
            self.day_texts.append(text)
            row.addWidget(_day_box(day, text, background, day == today))
        layout.addLayout(row)
        if week is not None and week.prescribed > 0:
            counts = sessions_done_text(week.full, week.partly, week.sessions)
            summary = f"So far this week: {counts} ({week.percent:.0f} %)."
        else:
            summary = "Nothing was prescribed so far this week."
        self.summary = label(summary)
        layout.addWidget(self.summary)


def _day_box(day: date, text: str, background: str, is_today: bool) -> QWidget:
    box = QFrame()
    border = style.ACCENT if is_today else style.BORDER
    box.setStyleSheet(
        f"QFrame {{ background: {background}; border: {2 if is_today else 1}px solid {border};"
        " border-radius: 6px; } QLabel { border: none; background: transparent; }"
    )
    inner = QVBoxLayout(box)
    inner.setContentsMargins(6, 6, 6, 6)
    name = QLabel(f"{day:%a}")
    name.setAlignment(Qt.AlignmentFlag.AlignCenter)
    name.setStyleSheet(f"color: {style.MUTED};")
    value = QLabel(text)
    value.setAlignment(Qt.AlignmentFlag.AlignCenter)
    value.setStyleSheet(f"font-weight: 600; color: {style.INK};")
    value.setAccessibleName(f"{day:%A}: {text or 'still to come'}")
    inner.addWidget(name)
    inner.addWidget(value)
    return box
