"""The summary tiles above the chart and the "What helps?" text below it.

Each tile is a card with a name, one large figure and a line saying what the figure means, so
that a patient reading it across the room, or a therapist glancing at it, gets the same answer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from coach.domain.outcomes import Verdict
from coach.services.progress import CAVEAT, PainChange, Summary, WhatHelps
from coach.ui.widgets import QWIDGETSIZE_MAX, boxed, label
from coach.wording.counts import partly_text

SHOWN_TREATMENTS = 6  # a long list of visits would bury the exercise comparison
TILES_PER_ROW = 4
TILE_CHARACTERS = 20  # the narrowest tile, in average characters of the text size in force


class Tile(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = label(name, role="muted")
        self.value = label("")
        self.value.setProperty("role", "subheading")
        self.value.setAccessibleName(name)
        self.detail = label("", role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        card = boxed(self.name, self.value, self.detail)
        column = card.layout()
        assert isinstance(column, QVBoxLayout)
        column.addStretch(1)  # figures line up at the top whatever the detail's length
        layout.addWidget(card)

    def show_text(self, value: str, detail: str, tip: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(tip)


_PATIENT_VERDICTS = {
    Verdict.IMPORTANT: "big enough to make a real difference",
    Verdict.POSSIBLE: "possibly big enough to make a real difference",
    Verdict.SMALL: "smaller than a change that usually makes a real difference",
}


def pain_change_words(change: PainChange) -> str:
    """The pain change in a patient's words: the same figures and verdict as PainChange.text,
    without "clinically important change", which stays in the therapist's view."""
    size = abs(change.difference)
    basis = f"average of the first and last {change.days_each_end} days you rated your pain"
    if size < 0.05:
        return f"Pain {change.start:.1f} at the start and {change.end:.1f} at the end ({basis})."
    direction = "lower" if change.difference < 0 else "higher"
    points = "point" if change.threshold.text == "1" else "points"
    return (
        f"Pain {change.start:.1f} at the start, {change.end:.1f} at the end ({basis}): "
        f"{size:.1f} points {direction}, {_PATIENT_VERDICTS[change.verdict]} (from this "
        f"starting level, about {change.threshold.text} {points} usually does)."
    )


class SummaryTiles(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.adherence = Tile("Exercises done")
        self.sessions = Tile("Exercise sessions")
        self.pain = Tile("Pain, start → end")
        self.streak = Tile("Current streak")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self._columns = 0
        self._arrange(TILES_PER_ROW)

    def _arrange(self, columns: int) -> None:
        """Tiles in rows of `columns`: four side by side where they fit, else two by two, so a
        tile is never narrower than its words at a large Text size."""
        if columns == self._columns:
            return
        self._columns = columns
        tiles = (self.adherence, self.sessions, self.pain, self.streak)
        for tile in tiles:
            self.grid.removeWidget(tile)
        for column in range(TILES_PER_ROW):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for place, tile in enumerate(tiles):
            self.grid.addWidget(tile, place // columns, place % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrowest = self.fontMetrics().averageCharWidth() * TILE_CHARACTERS
        fits = max(1, (event.size().width() + 12) // (narrowest + 12))
        self._arrange(TILES_PER_ROW if fits >= TILES_PER_ROW else min(2, fits))
        super().resizeEvent(event)
        self._fit_height(event.size().width())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A tile's text, font or style changed: its layout asked for a new geometry.
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height(self.width())
        return handled

    def _fit_height(self, width: int) -> None:
        """The wrapped details need more height when the tiles get narrower or say more; the
        scroll area's page does not ask its children's height for their width, so say it here."""
        self.setMinimumHeight(self.grid.heightForWidth(width))

    def show_summary(self, summary: Summary, *, clinical: bool = False) -> None:
        """Show `summary`; `clinical` (a therapist's copy) keeps the clinical terms."""
        period = summary.adherence
        if period is None:
            self.adherence.show_text("—", "Nothing was prescribed in these dates.")
            self.sessions.show_text("—", "No programme was in force.")
        else:
            self.adherence.show_text(
                f"{period.percent:.0f} %",
                "of the prescribed exercises"
                + (", on track (80 % or more)" if period.adherent else ""),
            )
            self.sessions.show_text(
                f"{period.full} of {period.sessions}", partly_text(period.partly)
            )
        change = summary.pain
        if change is None:
            self.pain.show_text("—", summary.pain_reason)
        else:
            words = change.text if clinical else pain_change_words(change)
            self.pain.show_text(f"{change.start:.1f} → {change.end:.1f}", words, words)
        streak = summary.streak
        if streak.days:
            since = f"since {streak.since:%d %b}" if streak.since else ""
            self.streak.show_text(
                f"{streak.days} day{'s' if streak.days != 1 else ''}",
                f"in a row at 80 % or more, {since}",
            )
        else:
            self.streak.show_text(
                "0 days", "Days at 80 % or more in a row; the next one starts a streak."
            )


class WhatHelpsView(QWidget):
    """Plain sentences, one paragraph per comparison, with the caveat always in view.

    Two labels made once, for the sentences and for the notes on what was left out, whose text
    changes with the range: a label made and shown per sentence at every reload cost more than
    the rest of showing the figures but the chart.
    """

    def __init__(self) -> None:
        super().__init__()
        self.heading = label("What helps?", role="subheading")
        self.caveat = label(CAVEAT, role="muted")
        self.sentences = label("")
        self.sentences.setAccessibleName("What helps: the comparisons")
        self.notes = label("", role="muted")
        self.notes.setAccessibleName("What helps: comparisons left out")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The gaps are the labels' own top margins, so that the notes, when there are none,
        # take no room at all while staying shown: showing a label inside a shown view lays
        # the view out there and then, which cost more than the rest of this view's update.
        self._gap = layout.spacing()
        layout.setSpacing(0)
        for part in (self.heading, self.caveat, self.sentences, self.notes):
            layout.addWidget(part)
        for part in (self.caveat, self.sentences):
            part.setContentsMargins(0, self._gap, 0, 0)
        self._set_notes("")

    def _set_notes(self, text: str) -> None:
        self.notes.setText(text)
        self.notes.setContentsMargins(0, self._gap if text else 0, 0, 0)
        self.notes.setMaximumHeight(QWIDGETSIZE_MAX if text else 0)

    def show_helps(self, helps: WhatHelps) -> None:
        texts = [helps.exercise.text] if helps.exercise is not None else []
        texts += [t.text for t in helps.treatments[:SHOWN_TREATMENTS]]
        if helps.empty:
            texts.append(
                "Not enough days with pain ratings in these dates to compare anything yet. "
                "Rate your pain most days, and comparisons will appear here."
            )
        self.sentences.setText("\n\n".join(f"• {text}" for text in texts))
        notes = []
        hidden = len(helps.treatments) - SHOWN_TREATMENTS
        if hidden > 0:
            notes.append(
                f"{hidden} more treatment{'s' if hidden != 1 else ''} in these dates: choose "
                "a shorter range to compare them."
            )
        if helps.left_out and not helps.empty:
            count = len(helps.left_out)
            notes.append(
                f"{count} comparison{'s were' if count != 1 else ' was'} left out for too few "
                "days with pain ratings (point here for which)."
            )
        self._set_notes("\n\n".join(notes))
        self.notes.setToolTip("\n".join(helps.left_out) if notes else "")
