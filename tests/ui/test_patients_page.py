"""The Patients page of a therapist's copy, driven through its widgets on a constructed caseload."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from caseloads import make_caseload
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.services.settings import SESSION_SOUND
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.patients import PatientsPage
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.patients.caseload_model import COLUMNS, ID_ROLE, SORT_ROLE, CaseloadModel
from coach.ui.patients.patient_dialog import DeletePatientDialog, PatientDialog
from coach.ui.patients.switcher import PatientSwitcher
from coach.ui.tasks import TaskRunner
from tests.ui.text_fit import misfits


@pytest.fixture
def therapist_ui(qtbot: QtBot, context: AppContext) -> Iterator[UiContext]:
    runner = TaskRunner()
    yield UiContext(app=context, hub=ChangeHub(), tasks=runner)
    runner.wait()


def _window(qtbot: QtBot, ui: UiContext) -> MainWindow:
    ui.app.settings.set(SESSION_SOUND, False)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def caseload_window(qtbot: QtBot, therapist_ui: UiContext) -> Iterator[MainWindow]:
    make_caseload(therapist_ui.app)
    window = _window(qtbot, therapist_ui)
    yield window
    window.quit_coach()


def _page(window: MainWindow) -> PatientsPage:
    page = window.page("patients")
    assert isinstance(page, PatientsPage)
    return page


def _cells(page: PatientsPage) -> dict[str, dict[str, str]]:
    proxy = page.proxy
    return {
        proxy.index(row, 0).data(): {
            COLUMNS[column]: proxy.index(row, column).data() for column in range(len(COLUMNS))
        }
        for row in range(proxy.rowCount())
    }


def test_the_model_passes_qtmodeltester(qtmodeltester: object, context: AppContext) -> None:
    make_caseload(context)
    model = CaseloadModel()
    model.set_entries(context.caseload.entries())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_model_sorts_as_a_sorting_proxy_would_and_keeps_the_selection(
    qtmodeltester: object, context: AppContext
) -> None:
    """CaseloadModel sorts its own rows; they must come out as QSortFilterProxyModel sorts
    them by the same keys (stably: ties keep the order the last sort left), on every column
    in both orders, one after another, and a selected patient must stay selected."""
    make_caseload(context)
    for number in range(4):  # alike in every figure but the name: ties on most columns
        context.patients.add(name=f"Quiet {number}", identifier="")
    entries = context.caseload.entries()
    sorted_here, unsorted = CaseloadModel(), CaseloadModel()
    sorted_here.set_entries(entries)
    unsorted.set_entries(entries)
    reference = QSortFilterProxyModel()
    reference.setSortRole(SORT_ROLE)
    reference.setSourceModel(unsorted)
    selection = QItemSelectionModel(sorted_here)
    ben = next(e.figures.patient_id for e in entries if e.figures.name == "Ben Sample")
    selection.select(
        sorted_here.index([e.figures.patient_id for e in entries].index(ben), 0),
        QItemSelectionModel.SelectionFlag.Rows | QItemSelectionModel.SelectionFlag.Select,
    )
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            sorted_here.sort(column, order)
            reference.sort(column, order)
            ours = [sorted_here.index(r, 0).data(ID_ROLE) for r in range(len(entries))]
            qts = [reference.index(r, 0).data(ID_ROLE) for r in range(len(entries))]
            assert ours == qts, (COLUMNS[column], order)
            chosen = selection.selectedRows()
            assert [index.data(ID_ROLE) for index in chosen] == [ben]
    # A new caseload is sorted by the last sort asked, its ties as they arrive.
    sorted_here.sort(COLUMNS.index("Needs attention"), Qt.SortOrder.DescendingOrder)
    reference.sort(COLUMNS.index("Needs attention"), Qt.SortOrder.DescendingOrder)
    sorted_here.set_entries(entries)
    unsorted.set_entries(entries)
    ours = [sorted_here.index(r, 0).data(ID_ROLE) for r in range(len(entries))]
    assert ours == [reference.index(r, 0).data(ID_ROLE) for r in range(len(entries))]
    qtmodeltester.check(sorted_here)  # type: ignore[attr-defined]


def test_a_therapist_starts_on_the_caseload_with_its_figures_and_flags(
    caseload_window: MainWindow,
) -> None:
    assert caseload_window.current_key() == "patients"
    cells = _cells(_page(caseload_window))
    ann, ben, cy = cells["Ann Example"], cells["Ben Sample"], cells["Cy Test"]
    assert ann["Identifier"] == "A-1" and ann["Programmes"] == "1"
    assert ann["Last 7 days"] == "71\u00a0% (5\u00a0of\u00a07)"  # wraps before the bracket only
    assert ben["Last 7 days"] == "0\u00a0% (0\u00a0of\u00a07)" and cy["Last 7 days"] == "—"
    assert ann["Pain, 2 weeks"] == "↓ 2.0"
    assert ann["Needs attention"] == "Red flag reported, Symptoms spreading"
    assert ben["Needs attention"] == "Question for you, No session for 7 days, Review due"
    assert ben["Review"] != "—"
    assert cy["Last session"] == "—" and cy["Needs attention"] == ""


def test_search_attention_filter_and_sorting(qtbot: QtBot, caseload_window: MainWindow) -> None:
    page = _page(caseload_window)
    qtbot.keyClicks(page.search, "b-2")
    assert list(_cells(page)) == ["Ben Sample"]
    page.search.clear()
    page.attention.click()
    assert list(_cells(page)) == ["Ann Example", "Ben Sample"]
    page.attention.click()
    page.table.sortByColumn(COLUMNS.index("Last session"), Qt.SortOrder.DescendingOrder)
    assert list(_cells(page)) == ["Ann Example", "Ben Sample", "Cy Test"]
    page.table.sortByColumn(COLUMNS.index("Last session"), Qt.SortOrder.AscendingOrder)
    assert list(_cells(page)) == ["Cy Test", "Ben Sample", "Ann Example"]


def test_a_narrow_window_leaves_out_the_least_needed_columns_and_says_so(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    table = page.table
    caseload_window.resize(1920, 1080)
    QApplication.processEvents()  # the scroll bar's range follows the header's new length
    assert not table.isColumnHidden(COLUMNS.index("Programmes"))
    assert not page.left_out.isVisible()
    assert not table.horizontalScrollBar().maximum()
    caseload_window.resize(900, 700)
    QApplication.processEvents()
    assert table.isColumnHidden(COLUMNS.index("Programmes"))
    assert page.left_out.isVisible() and "Programmes" in page.left_out.text()
    for always in ("Name", "Needs attention"):
        assert not table.isColumnHidden(COLUMNS.index(always))
    assert not table.horizontalScrollBar().maximum()


@pytest.mark.parametrize("width", [1100, 800])  # every column at its width; shared out
def test_a_caseload_longer_than_the_window_fills_the_width_beside_its_scroll_bar(
    qtbot: QtBot, therapist_ui: UiContext, width: int
) -> None:
    """The table leaves the scroll bar its room before the rows are fitted (it knows the bar
    will come): at the first paint the columns fill the width left beside it (short of it by
    no more than the pixels shared out in fractions, one a column, when they do not all
    fit), and no column was sized twice (once without the bar, again when it came, every row
    fitted each time)."""
    make_caseload(therapist_ui.app)
    for number in range(60):
        therapist_ui.app.patients.add(name=f"Patient {number:02d}", identifier=f"P-{number}")
    page = PatientsPage(therapist_ui)
    qtbot.addWidget(page)
    page.resize(width, 600)
    table = page.table
    seen: list[tuple[int, int, int]] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                shown = [c for c in range(len(COLUMNS)) if not table.isColumnHidden(c)]
                widths = sum(table.horizontalHeader().sectionSize(c) for c in shown)
                seen.append((widths, table.viewport().width(), len(shown)))
            return False

    painted = FirstPaint()
    table.viewport().installEventFilter(painted)
    resized: list[int] = []
    table.horizontalHeader().sectionResized.connect(lambda column, *_: resized.append(column))
    page.show()
    qtbot.waitUntil(lambda: bool(seen))
    assert table.verticalScrollBar().isVisible()
    widths, room, columns = seen[0]
    assert room - columns < widths <= room
    assert not table.horizontalScrollBar().maximum()
    assert sorted(resized) == sorted(set(resized))


def _dialog(page: PatientsPage) -> PatientDialog:
    assert isinstance(page.dialog, PatientDialog)
    return page.dialog


def test_adding_refuses_a_missing_name_and_a_duplicate_identifier_at_the_field(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(page)
    dialog.save.click()
    assert dialog.errors["name"].isVisible() and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Dee New")
    qtbot.keyClicks(dialog.identifier, "A-1")
    dialog.save.click()
    assert dialog.errors["identifier"].isVisible()
    assert "Ann Example" in dialog.errors["identifier"].text()
    dialog.identifier.setText("D-4")
    dialog.birth.setText("23/04/1968")
    dialog.save.click()
    assert dialog.errors["date_of_birth"].isVisible()
    dialog.birth.setText("1968-04-23")
    dialog.save.click()
    assert not dialog.isVisible()
    assert "Dee New" in _cells(page)
    assert page.selected_id() == page.ui.app.patients.find("D-4").id


def test_editing_renames_the_selected_patient(qtbot: QtBot, caseload_window: MainWindow) -> None:
    page = _page(caseload_window)
    page.select(page.ui.app.patients.find("B-2").id)
    page.edit_button.click()
    dialog = _dialog(page)
    dialog.name.setText("Ben Renamed")
    dialog.save.click()
    assert "Ben Renamed" in _cells(page) and "Ben Sample" not in _cells(page)


def test_delete_key_archives_and_undo_brings_back(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    page.select(page.ui.app.patients.find("A-1").id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Ann Example" not in _cells(page)
    assert page.undo_bar.isVisible()
    page.undo_button.click()
    assert "Ann Example" in _cells(page) and not page.undo_bar.isVisible()


def test_show_archived_lists_them_greyed_and_restore_brings_them_back(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    app = page.ui.app
    ben = app.patients.find("B-2").id
    page.select(ben)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Ben Sample" not in _cells(page)
    page.show_archived.click()
    assert list(_cells(page)) == ["Ann Example", "Ben Sample", "Cy Test"]
    row = page.index_of(ben)
    assert row.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == "Ben Sample (archived)"
    assert page.index_of(app.patients.find("A-1").id).data(Qt.ItemDataRole.ForegroundRole) is None
    page.table.selectRow(row.row())
    assert page.archive_button.text() == "Restore" and not page.open_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # the Delete key never restores
    assert app.patients.get(ben).archived_at is not None
    page.archive_button.click()
    assert app.patients.get(ben).archived_at is None
    assert page.index_of(ben).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.selected_id() == ben and page.archive_button.text() == "Archive"
    assert page.open_button.isEnabled() and not page.undo_bar.isVisible()
    page.show_archived.click()
    assert list(_cells(page)) == ["Ann Example", "Ben Sample", "Cy Test"]


def test_an_archive_alone_keeps_the_listing_to_restore_from(
    qtbot: QtBot, therapist_ui: UiContext
) -> None:
    app = therapist_ui.app
    app.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    _, only = app.patients.add(name="Only Patient", identifier="O-1")
    app.patients.archive(only.id)
    page = _page(_window(qtbot, therapist_ui))
    assert page.stack.currentWidget() is page.listing and not _cells(page)
    page.show_archived.click()
    assert list(_cells(page)) == ["Only Patient"]


def test_delete_needs_the_name_typed_and_backs_up_first(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    app = page.ui.app
    page.select(app.patients.find("B-2").id)
    page.delete_button.click()
    dialog = page.dialog
    assert isinstance(dialog, DeletePatientDialog)
    qtbot.keyClicks(dialog.typed, "Ben")
    assert not dialog.delete.isEnabled()
    qtbot.keyClicks(dialog.typed, " Sample")
    assert dialog.delete.isEnabled()
    dialog.delete.click()
    assert "Ben Sample" not in _cells(page)
    assert [p.name for p in app.patients.list()] == ["Ann Example", "Cy Test"]
    assert app.paths is not None and any(app.paths.backups.iterdir())


def test_enter_opens_the_patient_on_today(qtbot: QtBot, caseload_window: MainWindow) -> None:
    page = _page(caseload_window)
    ben = page.ui.app.patients.find("B-2").id
    page.select(ben)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert caseload_window.current_key() == "today"
    assert page.ui.app.opened_patient_id == ben


def test_today_greets_the_therapist_and_names_whose_day_it_shows(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    from coach.ui.pages.today import TodayPage

    page = _page(caseload_window)
    page.select(page.ui.app.patients.find("B-2").id)
    page.open_button.click()
    today = caseload_window.page("today")
    assert isinstance(today, TodayPage)
    today.reload()
    assert today.greeting_label.text().endswith(", Alex Therapist.")
    assert "Ben" not in today.greeting_label.text()
    assert today.whose_label.isVisible()
    assert today.whose_label.text() == "Ben Sample's programmes today"


def test_an_empty_caseload_offers_the_first_patient(qtbot: QtBot, therapist_ui: UiContext) -> None:
    therapist_ui.app.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    window = _window(qtbot, therapist_ui)
    page = _page(window)
    assert page.stack.currentWidget() is page.empty
    page.first_button.click()
    dialog = _dialog(page)
    qtbot.keyClicks(dialog.name, "First Patient")
    dialog.save.click()
    assert page.stack.currentWidget() is page.listing
    assert list(_cells(page)) == ["First Patient"]
    window.quit_coach()
    QApplication.processEvents()


def test_a_patients_copy_has_no_patients_page(main_window: MainWindow) -> None:
    keys = [main_window.navigation.item(i).data(Qt.ItemDataRole.UserRole) for i in range(5)]
    assert "patients" not in keys
    assert main_window.navigation.count() == 5


# --- the open patient's banner, the switcher, unsaved edits -----------------------------------


def _switcher(window: MainWindow) -> PatientSwitcher:
    assert isinstance(window.switcher, PatientSwitcher)
    return window.switcher


def test_opening_a_patient_names_them_in_the_banner_on_scoped_pages(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    page = _page(caseload_window)
    banner = caseload_window.patient_banner
    assert banner is not None and not banner.isVisible()  # not on the caseload itself
    app = page.ui.app
    ann = app.patients.find("A-1")
    app.patients.update(ann.id, name=ann.name, identifier="A-1", date_of_birth=date(1968, 4, 23))
    page.select(ann.id)
    page.open_button.click()
    assert caseload_window.current_key() == "today"
    assert banner.isVisible()
    assert banner.text.text() == "Ann Example · A-1"  # one line, so the pages keep their room
    assert banner.toolTip() == banner.accessibleDescription() == "born 23 April 1968"
    assert banner.accessibleName() == "Open patient: Ann Example · A-1 · born 23 April 1968"
    assert [p.name for p in page.ui.scope.programmes.programmes()] == ["Ann's"]
    for key in ("programmes", "diary", "progress"):
        caseload_window.show_page([s.key for s in caseload_window.pages].index(key))
        assert banner.isVisible(), key
    caseload_window.show_page(0)
    assert not banner.isVisible()


def test_ctrl_p_filters_and_enter_switches(qtbot: QtBot, caseload_window: MainWindow) -> None:
    app = _page(caseload_window).ui.app
    caseload_window.show_page(1)  # Today, with the first patient open
    qtbot.keyClick(caseload_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    switcher = _switcher(caseload_window)
    assert switcher.isVisible()
    qtbot.keyClicks(switcher.filter, "ben")
    shown = [switcher.list.item(r) for r in range(switcher.list.count())]
    assert [i.text() for i in shown if not i.isHidden()] == ["Ben Sample · B-2"]
    qtbot.keyClick(switcher.filter, Qt.Key.Key_Return)
    assert not switcher.isVisible()
    assert app.opened_patient_id == app.patients.find("B-2").id
    assert caseload_window.current_key() == "today"
    banner = caseload_window.patient_banner
    assert banner is not None and banner.text.text() == "Ben Sample · B-2"


@pytest.mark.parametrize(("button", "switched"), [("Stay", False), ("Discard changes", True)])
def test_switching_with_unsaved_programme_edits_asks_first(
    qtbot: QtBot, caseload_window: MainWindow, button: str, switched: bool
) -> None:
    app = _page(caseload_window).ui.app
    caseload_window.switch_patient(app.patients.find("A-1").id)
    caseload_window.show_page([s.key for s in caseload_window.pages].index("programmes"))
    programmes = caseload_window.page("programmes")
    assert isinstance(programmes, ProgrammesPage)
    qtbot.waitUntil(lambda: programmes.ready, timeout=10_000)
    programmes.new_programme()
    qtbot.keyClicks(programmes.editor.fields.name, "Unsaved")
    assert programmes.unsaved
    caseload_window.open_switcher()
    switcher = _switcher(caseload_window)
    qtbot.keyClicks(switcher.filter, "B-2")
    switcher.open_button.click()
    ben = app.patients.find("B-2").id
    assert app.opened_patient_id != ben  # nothing before the answer
    box = programmes._boxes[-1]
    next(b for b in box.buttons() if b.text() == button).click()
    assert (app.opened_patient_id == ben) is switched
    assert programmes.unsaved is not switched


def test_each_row_is_as_tall_as_qt_measures_it_through_sorting_and_search(
    qtbot: QtBot, caseload_window: MainWindow
) -> None:
    """The table sets row heights itself (one Qt measure per row shape, not per row): in a
    narrow window, where cells wrap, every row must still be exactly as tall as Qt's own
    sizeHintForRow (never below the header's least section, as Qt's own row fitting has it),
    after sorting moves the rows and a search takes some away and back."""
    page = _page(caseload_window)
    table = page.table
    caseload_window.resize(900, 700)
    QApplication.processEvents()

    def heights_are_qts() -> None:
        rows = table.verticalHeader()
        assert page.proxy.rowCount()
        for row in range(page.proxy.rowCount()):
            wanted = max(rows.minimumSectionSize(), table.sizeHintForRow(row))
            assert rows.sectionSize(row) == wanted, row
        assert not misfits(table)

    heights_are_qts()
    assert any(  # the narrow window does wrap some cells
        table.verticalHeader().sectionSize(row) > table.verticalHeader().defaultSectionSize()
        for row in range(page.proxy.rowCount())
    )
    table.sortByColumn(COLUMNS.index("Needs attention"), Qt.SortOrder.DescendingOrder)
    heights_are_qts()
    # Measured anew with an empty cell on top (Cy has no flags): the padding is the style's,
    # not that of an empty cell.
    table.sortByColumn(COLUMNS.index("Needs attention"), Qt.SortOrder.AscendingOrder)
    page.reload()
    heights_are_qts()
    caseload_window.resize(1920, 1080)  # every column at the width it wants, nothing wraps
    QApplication.processEvents()
    heights_are_qts()
    caseload_window.resize(900, 700)
    QApplication.processEvents()
    qtbot.keyClicks(page.search, "ann")
    heights_are_qts()
    page.search.clear()
    heights_are_qts()
    page.show_archived.click()
    heights_are_qts()


def test_a_column_is_never_narrower_than_a_figure_held_together_by_no_break_spaces(
    qtbot: QtBot,
) -> None:
    """The least width of a column is its widest unbreakable run: "71\u00a0% (5\u00a0of\u00a07)"
    may wrap only before the bracket, so its parts are "71\u00a0%" and "(5\u00a0of\u00a07)",
    not the five pieces str.split() would make of it."""
    from PySide6.QtGui import QFont, QFontMetrics

    from coach.ui.patients.caseload_table import _Widths

    metrics = QFontMetrics(QFont())
    widths = _Widths(metrics)
    line, word = widths.line_and_word("71\u00a0% (5\u00a0of\u00a07)")
    assert line == metrics.horizontalAdvance("71\u00a0% (5\u00a0of\u00a07)")
    assert word == metrics.horizontalAdvance("(5\u00a0of\u00a07)")
    words = ("Review", "due", "No", "session")
    assert widths.line_and_word("Review due\nNo session")[1] == max(
        map(metrics.horizontalAdvance, words)
    )
