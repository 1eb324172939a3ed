"""The Progress page through its real widgets: range presets, the hover read-out, the empty
state, and exporting the chart and the data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from histories import Done, History, Item
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from coach.services.progress import Overview, ProgressService
from coach.ui import style
from coach.ui.context import UiContext
from coach.ui.pages.progress import CUSTOM, EMPTY_TEXT, ProgressPage, create_page
from coach.ui.progress.chart import DAY_S, TOP, day_x

TODAY = date(2026, 3, 11)
START = TODAY - timedelta(days=399)
HALF_DAY = date(2026, 3, 6)  # a Friday on which one of two sessions was done


def seed(ui: UiContext) -> None:
    """400 days of a twice-a-day programme with pain every day and two treatments."""
    history = History(ui.app.store.engine)
    p = history.programme(START, [Item("bridge", times_per_day=2)])
    for n in range(400):
        d = START + timedelta(days=n)
        done = 1 if d == HALF_DAY else 2
        history.session(d, p, [Done("bridge")] * done)
        history.pain(d, 6 if n < 200 else 4)
    history.checkin(HALF_DAY, worst=7, typical=3)
    history.treatment(TODAY - timedelta(days=30), "epidural_steroid_injection", "L5-S1")
    history.treatment(START + timedelta(days=10), "massage")
    history.nprs(TODAY - timedelta(days=3), 4)


def new_page(ui: UiContext, qtbot: QtBot) -> ProgressPage:
    page = create_page(ui)
    assert isinstance(page, ProgressPage)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    return page


def open_page(ui: UiContext, qtbot: QtBot) -> ProgressPage:
    page = new_page(ui, qtbot)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


@pytest.fixture
def page(ui: UiContext, qtbot: QtBot) -> Iterator[ProgressPage]:
    seed(ui)
    yield open_page(ui, qtbot)


def choose(qtbot: QtBot, page: ProgressPage, index: int) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(page.range_buttons[index], Qt.MouseButton.LeftButton)


def plotted_days(page: ProgressPage) -> tuple[float, float]:
    low, high = page.chart.plot.vb.viewRange()[0]
    return low, high


def test_empty_database_explains_what_will_appear(ui: UiContext, qtbot: QtBot) -> None:
    page = open_page(ui, qtbot)
    assert page.views.currentIndex() == 1 and page.empty is not None
    assert page.empty.text() == EMPTY_TEXT
    assert "programme" in page.empty.text() and "pain" in page.empty.text()


def test_range_presets_change_the_plotted_range(page: ProgressPage, qtbot: QtBot) -> None:
    assert page.views.currentIndex() == 0
    assert page.dates() == (TODAY - timedelta(days=90), TODAY)  # 3 months by default
    choose(qtbot, page, 0)
    low, high = plotted_days(page)
    assert low == pytest.approx(day_x(TODAY - timedelta(days=13)) - DAY_S / 2)
    assert high == pytest.approx(day_x(TODAY) + DAY_S / 2)
    assert not page.chart.weekly
    assert len(page.chart.bars.opts["x"]) == 14

    choose(qtbot, page, 2)
    assert page.dates() == (TODAY - timedelta(days=364), TODAY)
    assert page.chart.weekly  # a year of daily bars would be too thin to read

    choose(qtbot, page, 3)
    low, _ = plotted_days(page)
    assert low == pytest.approx(day_x(START) - DAY_S / 2)
    assert page.overview is not None and page.overview.first == START


def test_custom_dates_set_the_range(page: ProgressPage, qtbot: QtBot) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.set_dates(date(2026, 3, 2), date(2026, 3, 8))
    assert page.range_buttons[CUSTOM].isChecked()
    low, high = plotted_days(page)
    assert (low, high) == (
        pytest.approx(day_x(date(2026, 3, 2)) - DAY_S / 2),
        pytest.approx(day_x(date(2026, 3, 8)) + DAY_S / 2),
    )
    # The week's tiles: 13 of 14 sessions, one day at half.
    assert page.tiles.sessions.value.text() == "13 of 14"
    assert page.tiles.adherence.value.text() == "93 %"


def test_hover_reads_out_the_day_under_the_pointer(page: ProgressPage, qtbot: QtBot) -> None:
    choose(qtbot, page, 0)
    view = page.chart.plot.vb
    widget = page.chart.widget
    for day, expected in (
        (
            HALF_DAY,
            [
                "Friday 6 March 2026",
                "exercises done 50 % (1 of 2 sessions done)",
                "pain: mean 3.5, worst 7",
            ],
        ),
        (TODAY - timedelta(days=3), ["Sunday 8 March 2026", "100 %", "NPRS"]),
    ):
        scene_point = view.mapViewToScene(QPointF(day_x(day), 40))
        at = QPointF(widget.mapFromScene(scene_point))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            at,
            QPointF(widget.viewport().mapToGlobal(at.toPoint())),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        qtbot.wait(30)  # pyqtgraph drops moves closer together than its rate limit (10 ms)
        QApplication.sendEvent(widget.viewport(), move)
        text = page.readout.text()
        for part in expected:
            assert part in text, text


def test_summary_tiles_and_what_helps_on_the_full_history(page: ProgressPage, qtbot: QtBot) -> None:
    choose(qtbot, page, 3)
    # The last seven days hold the Friday whose check-in brought its mean to 3.5.
    assert page.tiles.pain.value.text() == "6.0 → 3.9"
    assert "big enough to make a real difference" in page.tiles.pain.detail.text()  # patient words
    assert page.tiles.streak.value.text() == "5 days"  # Saturday to today, after the half Friday
    assert "Epidural steroid injection" in page.helps.sentences.text()
    assert "not what caused what" in page.helps.caveat.text()


def test_treatment_labels_hang_beside_their_lines(page: ProgressPage, qtbot: QtBot) -> None:
    """Each label reads upwards on the right of its treatment's dotted line, from the top."""
    choose(qtbot, page, 3)
    labels = page.chart.treatment_labels
    assert labels.texts() == ["Massage", "Epidural steroid injection"]
    widget = page.chart.widget
    image = widget.grab().toImage()
    band = widget.fontMetrics().height()

    def inked(left: int, right: int, top: int) -> int:
        return sum(
            1
            for x in range(left, right)
            for y in range(top, top + 50)
            if QColor(image.pixel(x, y)).lightness() < 100
        )

    assert page.overview is not None
    for given in page.overview.treatments:
        top = page.chart.plot.vb.mapViewToScene(QPointF(day_x(given.occurred_on), TOP * 0.98))
        at = widget.mapFromScene(top)
        assert inked(at.x() + 2, at.x() + 2 + band, at.y()) > 40  # the text, beside the line
        assert inked(at.x() - 2 - band, at.x() - 1, at.y()) == 0  # nothing on the other side


def test_the_page_is_laid_out_for_its_figures_when_they_are_shown(
    page: ProgressPage, qtbot: QtBot
) -> None:
    """Once `loaded` is out, nothing moves: the chart is painted at its final size, not at the
    old one and then resized as "What helps?" and the tiles take their new lines."""
    choose(qtbot, page, 3)
    shown = [(w.geometry(), w.isVisible()) for w in (page.tiles, page.chart, page.helps)]
    shown += [(s.geometry(), s.isVisible()) for s in (page.helps.sentences, page.helps.notes)]
    qtbot.wait(100)
    after = [(w.geometry(), w.isVisible()) for w in (page.tiles, page.chart, page.helps)]
    after += [(s.geometry(), s.isVisible()) for s in (page.helps.sentences, page.helps.notes)]
    assert after == shown
    assert page.helps.sentences.isVisible() and page.helps.sentences.text()
    # Held at its height while the text settled, the chart is not left fixed at it.
    assert page.chart.minimumHeight() < page.chart.height() < page.chart.maximumHeight()


def test_save_chart_as_png(
    page: ProgressPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG image (*.png)")
    )
    qtbot.mouseClick(page.png_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "chart.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert image.width() == page.chart.widget.width()
    assert str(saved) in page.export_status.text()


def test_cancelled_png_dialog_writes_nothing(
    page: ProgressPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    qtbot.mouseClick(page.png_button, Qt.MouseButton.LeftButton)
    assert page.export_status.text() == ""


def test_export_data_as_csv_from_the_page(
    page: ProgressPage,
    ui: UiContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    with qtbot.waitSignal(ui.tasks.idle, timeout=10000):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "exercise_logs.csv").is_file()
    assert (tmp_path / "README.txt").is_file()
    assert page.export_status.text() == f"7 files saved in {tmp_path}"


def test_a_programme_without_any_pain_rating_draws_no_pain_points(
    ui: UiContext, qtbot: QtBot
) -> None:
    """Nothing to plot is an empty series: an all-NaN one made pyqtgraph's bounds warn on
    every paint."""
    history = History(ui.app.store.engine)
    history.programme(TODAY - timedelta(days=3), [Item("bridge")])
    page = open_page(ui, qtbot)
    assert page.views.currentIndex() == 0
    for series in (page.chart.pain_mean, page.chart.pain_worst):
        _, ys = series.getData()
        assert ys is None or len(ys) == 0


def test_before_the_figures_come_the_chart_is_its_bare_surface(
    ui: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is shown at once; the plot, with nothing to plot yet, appears with its figures
    rather than as empty axes labelled for 1970."""
    seed(ui)
    release = threading.Event()
    overview = ProgressService.overview

    def slow(service: ProgressService, first: date, last: date) -> Overview:
        release.wait(10)
        return overview(service, first, last)

    monkeypatch.setattr(ProgressService, "overview", slow)
    page = create_page(ui)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    assert page.chart.plot.opacity() == 0 and page.chart.pain_view.opacity() == 0
    surface = page.chart.widget.grab().toImage()
    assert {surface.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 300, 7)} == {
        QColor(style.SURFACE).rgb()
    }
    with qtbot.waitSignal(page.loaded, timeout=10000):
        release.set()
    assert page.chart.plot.opacity() == 1 and page.chart.pain_view.opacity() == 1
    drawn = page.chart.widget.grab().toImage()
    assert len({drawn.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 300, 7)}) > 3


def test_new_figures_paint_the_chart_once(page: ProgressPage, qtbot: QtBot) -> None:
    """The plot's views take their new ranges with the figures: changed during the paint, they
    had the whole plot painted a second time a moment later."""
    paints: list[QEvent.Type] = []

    class Count(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(event.type())
            return False

    counter = Count()
    page.chart.widget.viewport().installEventFilter(counter)
    choose(qtbot, page, 3)
    qtbot.waitUntil(lambda: bool(paints))
    qtbot.wait(200)
    assert len(paints) == 1


def test_the_date_fields_are_blank_until_the_figures_give_them_a_range(
    ui: UiContext, qtbot: QtBot
) -> None:
    seed(ui)
    page = new_page(ui, qtbot)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
        before = [(e.text().strip(), e.isEnabled()) for e in (page.first, page.last)]
    assert before == [("", False), ("", False)]  # not Qt's 1 Jan 2000, and not to be edited
    assert [(e.text(), e.isEnabled()) for e in (page.first, page.last)] == [
        ("11 Dec 2025", True),
        ("11 Mar 2026", True),
    ]


def test_what_helps_says_what_was_left_out_and_forgets_it_for_the_next_range(
    qtbot: QtBot,
) -> None:
    """The view's two labels are reused from range to range: a note on comparisons left out
    (with the reasons on pointing) is there only while the figures shown have some."""
    from coach.domain.diary import Treatment, TreatmentKind
    from coach.services.progress import TreatmentEffect, WhatHelps
    from coach.ui.progress.tiles import SHOWN_TREATMENTS, WhatHelpsView

    view = WhatHelpsView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    visits = [
        TreatmentEffect(
            Treatment(TreatmentKind.MASSAGE, START + timedelta(days=20 * n)), 5.0, 4.0, 9, 9, 0
        )
        for n in range(SHOWN_TREATMENTS + 2)
    ]
    reason = "Massage on 01 Jan 2026: pain was rated on 2 of the 14 days before"
    view.show_helps(WhatHelps(tuple(visits), None, (reason,)))
    assert view.sentences.text().count("• Massage on") == SHOWN_TREATMENTS
    qtbot.waitUntil(lambda: view.notes.height() > view.notes.fontMetrics().height())
    assert "2 more treatments in these dates" in view.notes.text()
    assert "1 comparison was left out" in view.notes.text()
    assert view.notes.toolTip() == reason

    view.show_helps(WhatHelps((), None, ("Exercise and next-day pain: too few days",)))
    assert view.sentences.text().startswith("• Not enough days with pain ratings")
    qtbot.waitUntil(lambda: view.notes.height() == 0)  # no room left for an empty line
    assert view.notes.toolTip() == ""


def test_a_treatment_label_longer_than_the_plot_is_low_is_shortened_not_cut(
    qtbot: QtBot,
) -> None:
    """At a large Text size a label can be longer than the plot below its anchor: it ends in
    an ellipsis within the plot rather than being cut off mid-word at the plot's edge."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFont, QFontMetricsF

    from coach.ui.progress.labels import MARGIN, VerticalLabels

    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    name = "Anti-inflammatory painkiller (NSAID)"
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.setYRange(0, TOP, padding=0)
    plot.setXRange(0, 10, padding=0)
    labels = VerticalLabels(font, "#000000")
    plot.addItem(labels, ignoreBounds=True)
    labels.set_labels([(5.0, TOP * 0.98, name)])
    metrics = QFontMetricsF(font)
    for height, whole in ((int(metrics.horizontalAdvance(name)) + 200, True), (220, False)):
        plot.resize(300, height)
        plot.show()
        plot.grab()  # painted
        (drawn,) = labels.drawn()
        room = plot.plotItem.vb.height() * 0.98 - 2 * MARGIN
        assert (drawn == name) is whole, drawn
        assert metrics.horizontalAdvance(drawn) <= room
        if not whole:
            assert drawn.endswith("…") and len(drawn) > 3 and name.startswith(drawn[:-1])
