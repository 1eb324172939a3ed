"""The caseload as a table: one row per patient, the figures worded for a therapist.

Each cell has its text (DisplayRole) and a sort key (SORT_ROLE) so sorting by a date or a
percentage orders by value, not by its wording. The figures come from coach.services.caseload.

The model sorts its own rows, in Python, as QSortFilterProxyModel would: stably, so rows that
tie keep the order they had (a new caseload's, by name, as it arrived), either way round. The
proxy sorting them called data() across the bindings twice a comparison, thousands of times
for every new caseload, a tenth of the page's first paint. The proxy only filters, and passes
sorting on.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from coach.domain.adherence import Adherence
from coach.services.caseload import CaseloadEntry, Flag
from coach.ui.style import MUTED

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

# What needs attention comes right after the name, so a narrow window still shows it.
COLUMNS = (
    "Name",
    "Needs attention",
    "Identifier",
    "Last session",
    "Last 7 days",
    "Last 28 days",
    "Pain, 2 weeks",
    "Review",
    "Programmes",
)

# The headings on two lines where that narrows their column.
HEADINGS = {
    "Needs attention": "Needs\nattention",
    "Last session": "Last\nsession",
    "Last 7 days": "Last\n7 days",
    "Last 28 days": "Last\n28 days",
    "Pain, 2 weeks": "Pain,\n2 weeks",
}

FLAG_WORDS = {
    Flag.RED_FLAG: "Red flag reported",
    Flag.SPREADING: "Symptoms spreading",
    Flag.QUESTION: "Question for you",
    Flag.NO_SESSION: "No session for 7 days",
    Flag.REVIEW_DUE: "Review due",
}

Index = QModelIndex | QPersistentModelIndex
# What a cell sorts by: its text lowered, a count, a day's ordinal or a fraction.
SortKey = str | float


@lru_cache(maxsize=512)
def _day(value: date | None) -> str:
    """A date as the table words it (a caseload shares a few dozen dates, worded once each)."""
    return value.strftime("%-d %b %Y") if value is not None else "—"


def _done(period: Adherence | None) -> tuple[str, float]:
    """The share of the prescribed exercises done (as the Progress page's "Exercises done"),
    with the whole sessions done in full of those prescribed; a dash when nothing was."""
    if period is None:
        return "—", -1.0
    # No-break spaces: a narrow column wraps before the bracket, never inside a figure.
    return (
        f"{period.percent:.0f}\u00a0% ({period.full}\u00a0of\u00a0{period.sessions})",
        period.fraction,
    )


def _trend(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "→ 0"
    return f"{'↑' if value > 0 else '↓'} {abs(value):.1f}"


class CaseloadModel(QAbstractTableModel):
    """Every cell's text and sort key are worded once, when the entries arrive: a view asks
    for a few roles of every cell several times over (sizing, sorting, painting), so data()
    only looks them up."""

    def __init__(self) -> None:
        super().__init__()
        self._arrived: list[CaseloadEntry] = []  # as set_entries gave them
        self._arrived_cells: list[list[tuple[str, SortKey]]] = []  # theirs, in that order
        self._order: tuple[int, Qt.SortOrder] | None = None  # as sort() last asked
        self._rows: list[int] = []  # each row's place in _arrived
        self._entries: list[CaseloadEntry] = []  # the rows, in the order shown
        self._archived: frozenset[int] = frozenset()
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[tuple[SortKey, ...]] = []
        self._ids: list[int] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        # A colour, which the delegate paints as a brush: making a QBrush would have PySide6
        # set up QBrush and QGradient (their enums) before the first paint, for greyed rows.
        self._muted = QColor(MUTED)

    def set_entries(
        self, entries: list[CaseloadEntry], archived: list[CaseloadEntry] | None = None
    ) -> None:
        """The active caseload, and the archived patients when they are to be shown (greyed)."""
        self.beginResetModel()
        self._arrived = list(entries) + list(archived or [])
        self._archived = frozenset(entry.figures.patient_id for entry in archived or [])
        self._arrived_cells = [_cells(entry) for entry in self._arrived]
        self._rows = list(range(len(self._arrived)))
        self._arrange()
        self.endResetModel()

    def _arrange(self) -> None:
        """The rows in the order sort() last asked for, ties as they were (a sort column of -1
        or none asked: as they arrived)."""
        rows = self._rows
        if self._order is None or not 0 <= self._order[0] < len(COLUMNS):
            rows.sort()
        else:
            column, order = self._order
            keys = self._arrived_cells
            rows.sort(
                key=lambda row: keys[row][column][1],
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._entries = [self._arrived[row] for row in rows]
        self._texts = [tuple(text for text, _ in self._arrived_cells[row]) for row in rows]
        self._keys = [tuple(key for _, key in self._arrived_cells[row]) for row in rows]
        self._ids = [entry.figures.patient_id for entry in self._entries]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by `column`'s sort key, ties as they were (-1: as they arrived); the selection
        and every other persistent index follow their rows."""
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._ids[index.row()] for index in before]
        self._arrange()
        row_of = {patient_id: row for row, patient_id in enumerate(self._ids)}
        self.changePersistentIndexList(
            before,
            [
                self.index(row_of[patient_id], index.column())
                for index, patient_id in zip(before, ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def is_archived(self, patient_id: int) -> bool:
        return patient_id in self._archived

    def entry(self, row: int) -> CaseloadEntry:
        return self._entries[row]

    def column_texts(self, column: int) -> list[str]:
        """Every row's text in `column`, in row order (for measuring the column)."""
        return [texts[column] for texts in self._texts]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return HEADINGS.get(COLUMNS[section], COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._entries):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][index.column()]
        if role == SORT_ROLE:
            return self._keys[row][index.column()]
        if role == ID_ROLE:
            return self._ids[row]
        archived = self._ids[row] in self._archived
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._texts[row][index.column()]
            return f"{text} (archived)" if archived and index.column() == 0 else text
        if role == Qt.ItemDataRole.ForegroundRole and archived:
            return self._muted
        if role == Qt.ItemDataRole.FontRole and archived:
            return self._italic
        return None


def _cells(entry: CaseloadEntry) -> list[tuple[str, SortKey]]:
    """One row: each column's text and sort key, in COLUMNS order."""
    f = entry.figures
    trend = entry.pain_trend
    by_name: dict[str, tuple[str, SortKey]] = {
        "Name": (f.name, f.name.lower()),
        "Needs attention": (
            ", ".join(FLAG_WORDS[flag] for flag in entry.flags),
            len(entry.flags),
        ),
        "Identifier": (f.identifier or "—", f.identifier.lower()),
        "Last session": (_day(f.last_session), (f.last_session or date.min).toordinal()),
        "Last 7 days": _done(entry.last_7),
        "Last 28 days": _done(entry.last_28),
        "Pain, 2 weeks": (_trend(trend), -99.0 if trend is None else trend),
        "Review": (_day(f.review_date), (f.review_date or date.max).toordinal()),
        "Programmes": (str(f.active_programmes), f.active_programmes),
    }
    return [by_name[name] for name in COLUMNS]


class CaseloadFilter(QSortFilterProxyModel):
    """A search over name and identifier and "needs attention only"; sorting by value is the
    model's own (CaseloadModel.sort), which this passes on."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._attention = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange()

    def set_attention_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._attention = on
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text and not self._attention:
            return True
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        entry = model.entry(source_row)
        if self._attention and not entry.flags:
            return False
        found = f"{entry.figures.name}\n{entry.figures.identifier}".lower()
        return not self._text or self._text in found
