"""Choosing a larger Text size in Settings makes every control larger at once, the ones users
found stuck before: the pain buttons, the tick boxes and the navigation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.services.settings import TEXT_SCALE
from coach.ui.diary.pain_dialog import PainDialog
from coach.ui.pages.diary import DiaryPage
from coach.ui.settings_dialog import SettingsDialog
from tests.ui.screens import demo_window, text_size, therapist_window


def _tick_box_side(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    option.initFrom(box)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).height()


def _measure(dialog: PainDialog) -> tuple[float, int, int]:
    button = dialog.scale.button(7)
    box = dialog.findChildren(QCheckBox)[0]
    return button.font().pointSizeF(), button.width(), _tick_box_side(box)


def test_extra_large_enlarges_pain_buttons_tick_boxes_and_navigation(
    qtbot: QtBot, context: AppContext
) -> None:
    with text_size(1.0), demo_window(qtbot, context, (1100, 760)) as (window, ui):
        window.show_page(2)
        diary = window.page("diary")
        assert isinstance(diary, DiaryPage)
        normal_dialog = diary.new_pain()
        assert isinstance(normal_dialog, PainDialog)
        qtbot.waitExposed(normal_dialog)
        normal = _measure(normal_dialog)
        normal_dialog.reject()
        normal_navigation = window.navigation.width()

        settings = SettingsDialog(ui, window)
        qtbot.addWidget(settings)
        settings.open()
        settings.text_size.setCurrentIndex(settings.text_size.findText("Extra large"))
        save = next(
            b for b in settings.findChildren(QPushButton) if b.text().replace("&", "") == "Save"
        )
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert ui.app.settings.get(TEXT_SCALE) == 1.5
        base = QApplication.font().pointSizeF()

        large_dialog = diary.new_pain()
        assert isinstance(large_dialog, PainDialog)
        qtbot.waitExposed(large_dialog)
        large = _measure(large_dialog)
        large_dialog.reject()
        QApplication.processEvents()

        assert large[0] >= base  # the numbers are at least as big as the text around them
        assert large[0] >= normal[0] * 1.4
        assert large[1] >= normal[1] * 1.4
        assert large[2] >= normal[2] * 1.4
        assert window.navigation.width() >= normal_navigation * 1.4


def test_the_diary_keeps_room_for_its_entries_at_extra_large_under_a_patient_banner(
    qtbot: QtBot, context: AppContext
) -> None:
    """The smallest supported window of a therapist's copy: the banner, the heading, the add
    buttons and the filters above must leave the list room for several entries (it had one)."""
    with text_size(1.5), therapist_window(qtbot, context, (1100, 760)) as (window, ui):
        window.show_page([spec.key for spec in window.pages].index("diary"))
        diary = window.page("diary")
        assert isinstance(diary, DiaryPage)
        ui.tasks.wait()
        QApplication.processEvents()  # the layout of the page just shown
        assert window.patient_banner is not None and window.patient_banner.isVisible()
        viewport = diary.table.viewport().rect()
        rows = range(diary.model.rowCount())
        shown = [r for r in rows if diary.table.visualRect(diary.model.index(r, 0)) & viewport]
        assert len(shown) >= 3, f"{len(shown)} entries in view"
