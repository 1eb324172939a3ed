"""Every screen at every Text size, in a 1100 x 760 window and maximised: all text fits.

The checks are tests/ui/text_fit.py's; the screens are tests/ui/screens.py's (each page with the
demo patient's data, the exercise detail and the dialogs opened from the pages). A failure
lists each misfit with the widget, its text and the sizes it needed and got.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.domain.symptoms import SymptomRegion
from coach.services.context import AppContext
from tests.ui.screens import (
    TEXT_SCALES,
    WINDOW_SIZES,
    demo_window,
    screens,
    text_size,
    therapist_screens,
    therapist_window,
)
from tests.ui.text_fit import misfits


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_every_text_fits_its_widget_on_every_screen(
    qtbot: QtBot, context: AppContext, scale: float, size: tuple[int, int]
) -> None:
    problems: list[str] = []
    with text_size(scale), demo_window(qtbot, context, size) as (window, ui):
        base = QApplication.font().pointSizeF()
        for screen, widget in screens(qtbot, window, ui):
            found = misfits(widget, small_below=base)
            problems += [f"{screen}: {misfit}" for misfit in found]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_every_text_fits_on_a_therapists_screens(
    qtbot: QtBot, context: AppContext, scale: float, size: tuple[int, int]
) -> None:
    problems: list[str] = []
    with text_size(scale), therapist_window(qtbot, context, size) as (window, ui):
        base = QApplication.font().pointSizeF()
        for screen, widget in therapist_screens(qtbot, window, ui):
            problems += [f"{screen}: {misfit}" for misfit in misfits(widget, small_below=base)]
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_clipped_label_a_squeezed_button_and_an_elided_tab(
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton, QTabBar, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    clipped = QLabel("Your programmes and starter templates")
    clipped.setFixedWidth(60)
    squeezed = QPushButton("Add exercises to this programme")
    squeezed.setFixedWidth(60)
    tabs = QTabBar()
    tabs.setExpanding(False)
    tabs.addTab("Programmes")
    tabs.addTab("Add exercises")
    tabs.setFixedWidth(120)
    tabs.setUsesScrollButtons(False)
    fits = QLabel("Fine")
    for widget in (clipped, squeezed, tabs, fits):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    found = {(misfit.kind, misfit.text) for misfit in misfits(window)}
    assert ("clipped", "Your programmes and starter templates") in found
    assert ("clipped", "Add exercises to this programme") in found
    assert any(kind == "elided tab" for kind, _ in found)
    assert not any(text == "Fine" for _, text in found)


def test_the_check_finds_text_drawn_over_other_text(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    page.resize(300, 100)
    QLabel("Left behind from the last exercise", page).move(10, 10)
    QLabel("Shown for this exercise", page).move(20, 12)
    QLabel("Well apart", page).move(10, 60)
    page.show()
    qtbot.waitExposed(page)
    assert [misfit.text for misfit in misfits(page)] == ["Left behind from the last exercise"]


@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_the_builder_fits_the_smallest_window(
    qtbot: QtBot, context: AppContext, scale: float
) -> None:
    """At the window's minimum size the list and the editor share the width while both fit,
    and stack (the list above) when they do not: nothing is cut off at the side either way."""
    problems: list[str] = []
    with text_size(scale), demo_window(qtbot, context, (760, 540)) as (window, ui):
        base = QApplication.font().pointSizeF()
        for screen, widget in screens(qtbot, window, ui):
            if screen in ("programmes", "programme editor"):
                problems += [f"{screen}: {m}" for m in misfits(widget, small_below=base)]
            if screen == "programme editor":
                break
        assert window.width() <= 760, "the window kept its smallest size"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("region", list(SymptomRegion))
def test_symptom_buttons_go_on_more_rows_rather_than_being_cut(
    qtbot: QtBot, region: SymptomRegion
) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from coach.ui.player.symptom_picker import SymptomPicker

    with text_size(1.5):
        holder = QWidget()
        qtbot.addWidget(holder)
        picker = SymptomPicker(region, large=True)
        QVBoxLayout(holder).addWidget(picker)
        holder.resize(1800, 400)
        holder.show()
        qtbot.waitExposed(holder)
        QApplication.processEvents()
        tops = {picker.button(level).y() for level in range(6)}
        assert len(tops) == 1, "one row where it fits"
        holder.resize(picker.minimumSizeHint().width() + 40, 600)
        QApplication.processEvents()
        buttons = [picker.button(level) for level in range(6)]
        assert len({button.y() for button in buttons}) > 1
        assert not misfits(holder, small_below=QApplication.font().pointSizeF())
        # Still in the scale's reading order: left to right, then the next row.
        places = [(button.y(), button.x()) for button in buttons]
        assert places == sorted(places)
