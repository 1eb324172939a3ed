"""Every screen at every Text size, in a 1100 x 760 window and maximised: all text fits.

The checks are tests/ui/text_fit.py's; the screens are tests/ui/screens.py's (each page with the
demo patient's data, the exercise detail and the dialogs opened from the pages). A failure
lists each misfit with the widget, its text and the sizes it needed and got.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from tests.ui.screens import TEXT_SCALES, WINDOW_SIZES, demo_window, screens, text_size
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
