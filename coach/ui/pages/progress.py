"""The Progress page: is the programme being done, and is the pain changing with it?

A range (presets or two dates) drives everything: the summary tiles, the chart and "What
helps?". The figures come from ProgressService.overview, computed off the GUI thread: ten years
of history is still some 20 ms of reading and arithmetic, more on a slow disk or a clinic
server, and the window must not freeze for it. A result that arrives after the range changed
again is dropped.

The chart can be saved as a PNG, all data exported as CSV files (the same export as
`coach export csv`) and the progress sheet for the range shown printed or saved as a PDF. In a
patient's copy, "Send progress to my therapist…" writes a progress file (coach.ui.handback).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.domain.profile import Role
from coach.exchange.csv_export import ExportError
from coach.services.changes import Area
from coach.services.context import PatientContext
from coach.services.progress import Overview
from coach.ui.context import UiContext
from coach.ui.diary.moments import from_qdate, to_qdate
from coach.ui.errors import show_error
from coach.ui.handback.flows import send_progress, send_text
from coach.ui.pages.base import Page
from coach.ui.printing.actions import deliver, print_button
from coach.ui.printing.progress_sheet import ProgressSheet
from coach.ui.progress.chart import ProgressChart
from coach.ui.progress.tiles import SummaryTiles, WhatHelpsView
from coach.ui.style import scaled
from coach.ui.widgets import QWIDGETSIZE_MAX, FlowLayout, boxed, label

# (button text, days back from today inclusive; None = from the first day of any data)
PRESETS: tuple[tuple[str, int | None], ...] = (
    ("2 weeks", 14),
    ("3 months", 91),
    ("1 year", 365),
    ("All", None),
)
DEFAULT_PRESET = 1
SETTLE_PASSES = 12  # layout passes run at once after new figures: twice the levels
CUSTOM = len(PRESETS)  # button id of "Choose dates"
NO_DATE = QDate(1900, 1, 1)  # the date fields' value (shown blank) before they have a range
EMPTY_TEXT = (
    "Your progress will appear here.\n\n"
    "Once you follow an exercise programme and keep the pain diary, this page shows how much "
    "of your programme you did each day next to your pain, marks treatments such as injections "
    "or therapy visits, plots outcome measures, and compares your pain before and after "
    "treatments.\n\n"
    "Start with a programme, or log your pain on the Diary page."
)


class ProgressPage(Page):
    title = "Progress"
    key = "progress"
    areas = (
        Area.PROGRAMMES,
        Area.SESSIONS,
        Area.DIARY,
        Area.TREATMENTS,
        Area.OUTCOMES,
        Area.PROFILE,
    )
    loaded = Signal()  # the page shows the figures for its current range

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.overview: Overview | None = None
        # Whose progress is shown: taken at each reload (the page may be built before the
        # services are open, see UiContext), and what printing and export act for.
        self.patient: PatientContext | None = None
        self._generation = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.views = QStackedWidget()
        outer.addWidget(self.views)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(label("Progress", role="heading"))
        layout.addLayout(self._build_range())
        self.tiles = SummaryTiles()
        layout.addWidget(self.tiles)
        self.chart = ProgressChart()
        self.chart.hovered.connect(self._show_hover)
        self.readout = label("Move the pointer over the chart to read a day's values.")
        self.readout.setProperty("role", "muted")
        self.readout.setAccessibleName("Values of the day under the pointer")
        self.readout.setMinimumHeight(self.readout.fontMetrics().lineSpacing() * 2 + 4)
        layout.addWidget(boxed(self.chart, self.readout))
        self.helps = WhatHelpsView()
        layout.addWidget(boxed(self.helps))
        layout.addLayout(self._build_exports())
        layout.addWidget(self.export_status)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.views.addWidget(scroll)
        self.empty: QLabel | None = None  # the empty state, built the first time it is shown

    # Building

    def _show_empty(self) -> None:
        """The page for a patient with nothing recorded yet: most pages never need it."""
        if self.empty is None:
            self.empty = label(EMPTY_TEXT)
            self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            empty_page = QWidget()
            empty_layout = QVBoxLayout(empty_page)
            empty_layout.setContentsMargins(28, 24, 28, 24)
            empty_layout.setSpacing(14)
            empty_layout.addWidget(label("Progress", role="heading"))
            empty_layout.addWidget(boxed(self.empty))
            empty_layout.addStretch(1)
            self.views.addWidget(empty_page)
        self.views.setCurrentIndex(1)

    def _build_range(self) -> FlowLayout:
        row = FlowLayout(spacing=6)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        self.range_buttons: list[QPushButton] = []
        for index, (text, _) in enumerate((*PRESETS, ("Choose dates", None))):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("role", "chip")
            button.setMinimumHeight(36)
            self.range_group.addButton(button, index)
            self.range_buttons.append(button)
            row.addWidget(button)
        self.range_buttons[DEFAULT_PRESET].setChecked(True)
        self.range_group.idClicked.connect(self._range_clicked)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit, name in ((self.first, "First day"), (self.last, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMinimumWidth(scaled(140))
            edit.setAccessibleName(name)
            # Blank and disabled until the first figures give them their dates: Qt's default
            # (1 Jan 2000) would read as a real one.
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText(" ")
            edit.setDate(NO_DATE)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._dates_edited)
        # The dates stay together when the row wraps.
        dates = QWidget()
        line = QHBoxLayout(dates)
        line.setContentsMargins(12, 0, 0, 0)
        line.setSpacing(6)
        line.addWidget(self.first)
        to = label("to")
        to.setWordWrap(False)
        line.addWidget(to)
        line.addWidget(self.last)
        row.addWidget(dates)
        return row

    def _build_exports(self) -> FlowLayout:
        row = FlowLayout(spacing=8)
        self.png_button = QPushButton("Save chart as PNG…")
        self.csv_button = QPushButton("Export data as CSV…")
        for button in (self.png_button, self.csv_button):
            button.setMinimumHeight(40)
            row.addWidget(button)
        self.print_button = print_button(self.print_sheet, 40)
        self.print_button.setToolTip(
            "Print the progress sheet for these dates, or save it as a PDF"
        )
        row.addWidget(self.print_button)
        # A patient's copy sends progress to the therapist (sealed), or exports it unprotected.
        self.send_button = QPushButton()
        self.send_button.setMinimumHeight(40)
        self.send_button.hide()  # named and shown with the first figures (_name_send_button)
        self.send_button.clicked.connect(self.send_progress)
        row.addWidget(self.send_button)
        self.export_status = label("", role="muted")  # below the row: see __init__
        self.png_button.clicked.connect(self.save_png)
        self.csv_button.clicked.connect(self.export_csv)
        return row

    # Range

    def preset(self) -> int:
        return self.range_group.checkedId()

    def choose_preset(self, index: int) -> None:
        self.range_buttons[index].setChecked(True)
        self._range_clicked(index)

    def set_dates(self, first: date, last: date) -> None:
        """Show a range of the user's choosing."""
        self.range_buttons[CUSTOM].setChecked(True)
        self._set_edits(first, last)
        self.reload()

    def dates(self) -> tuple[date, date]:
        return from_qdate(self.first.date()), from_qdate(self.last.date())

    def _set_edits(self, first: date, last: date) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
            edit.setEnabled(True)

    def _range_clicked(self, index: int) -> None:
        if index == CUSTOM:
            self.first.setFocus()
            return
        self.reload()

    def _dates_edited(self) -> None:
        self.range_buttons[CUSTOM].setChecked(True)
        self.reload()

    # Loading

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        preset = self.preset()
        custom = self.dates() if preset == CUSTOM else None
        self.patient = self.ui.scope
        progress = self.patient.progress

        # What the send button says needs a read of the settings: done with the figures.
        export = self.patient.progress_export if self.ui.app.profile_is_patient() else None

        def compute() -> tuple[Overview | None, bool | None]:
            offered = export.offered() if export is not None else None
            span = progress.span()
            if span is None:
                return None, offered
            today = progress.today()
            if custom is not None:
                first, last = custom
            elif PRESETS[preset][1] is None:
                first, last = span
            else:
                first, last = today - timedelta(days=(PRESETS[preset][1] or 1) - 1), today
            if first > last:
                first, last = last, first
            return progress.overview(first, last), offered

        self.ui.tasks.run(
            compute, lambda result: self._loaded(generation, *result), self._load_failed
        )

    def _loaded(self, generation: int, overview: Overview | None, offered: bool | None) -> None:
        if generation != self._generation:
            return
        self._name_send_button(offered)
        self.overview = overview
        if overview is None:
            self._show_empty()
        else:
            self.views.setCurrentIndex(0)
            self._set_edits(overview.first, overview.last)
            profile = self.ui.app.profile.get()
            clinical = profile is not None and profile.role is Role.THERAPIST
            # The chart keeps its height while the text around it changes (each change a
            # relayout of the page, and a resize of the plot if it gave way), and takes its
            # new height once, when the page has settled.
            self.chart.setFixedHeight(self.chart.height())
            self.tiles.show_summary(overview.summary, clinical=clinical)
            self.chart.set_overview(overview)
            self.helps.show_helps(overview.helps)
            self.readout.setText(
                "Nothing recorded in these dates. Choose a longer range to see more."
                if overview.empty
                else "Move the pointer over the chart to read a day's values."
            )
            self._settle_layout()
            self.chart.setMinimumHeight(0)
            self.chart.setMaximumHeight(QWIDGETSIZE_MAX)
            self._settle_layout()
        self.loaded.emit()

    def _settle_layout(self) -> None:
        """Lay the page out for its new text before it is painted again.

        The tiles and "What helps?" grow by several wrapped lines. A label's new height reaches
        the page one layout level per event (label, card, tile, tiles, page, scroll area), so
        left to the event loop the chart was painted at its old height and then resized as the
        levels caught up. The passes run here, at once; one with nothing to do costs nothing.
        """
        for _ in range(SETTLE_PASSES):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _load_failed(self, error: Exception) -> None:
        show_error(self, "Progress could not be shown", str(error))

    def _show_hover(self, text: str) -> None:
        self.readout.setText(text)

    # Exports

    def save_png(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the chart as a picture",
            str(Path.home() / "coach-progress.png"),
            "PNG image (*.png)",
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        if not self.chart.widget.grab().save(str(target), "PNG"):
            show_error(self, "Chart not saved", f"Could not write {target}.")
            return None
        self.export_status.setText(f"Chart saved to {target}")
        return target

    def _name_send_button(self, offered: bool | None) -> None:
        """Show the send button in a patient's copy (`offered` not None), saying whether the
        file goes sealed to their therapist (True) or unprotected."""
        if offered is not None:
            self.send_button.setText(send_text(offered).replace("&", ""))
        self.send_button.setVisible(offered is not None)

    def send_progress(self) -> None:
        send_progress(self.ui, self.window())

    def print_sheet(self, how: str) -> None:
        """The progress sheet for the range on screen: preview, print or PDF."""
        if self.overview is not None and self.patient is not None:
            first, last = self.overview.first, self.overview.last
            deliver(
                self.ui,
                self.patient,
                lambda patient: ProgressSheet.of(patient, first, last),
                how,
                self.window(),
            )

    def export_csv(self) -> None:
        if self.patient is None:  # nothing loaded yet, so nothing on screen to export
            return
        export = self.patient.data_export
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the CSV files")
        if not folder:
            return
        self.export_status.setText("Exporting…")

        def done(files: list[Path]) -> None:
            self.export_status.setText(f"{len(files)} files saved in {folder}")

        def failed(error: Exception) -> None:
            self.export_status.setText("")
            if not isinstance(error, ExportError | OSError):
                raise error
            show_error(self, "Data not exported", str(error))

        self.ui.tasks.run(lambda: export.export_csv(Path(folder)), done, failed)


def create_page(ui: UiContext) -> Page:
    return ProgressPage(ui)
