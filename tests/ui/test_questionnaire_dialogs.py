"""The ODI and NDI at home, through the real widgets: offered to a patient only once a programme
from the therapist asks; the paper form explained; a clinic's licensed statements (invented
placeholders here) shown to choose from and saved as the chosen scores; a therapist's copy
always offers them and ticks what a programme asks for."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from programmes_helpers import add_by_search, shown_page
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from coach.domain.dosage import Dosage
from coach.domain.outcomes import Instrument, SectionAnswers
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.exchange.programme_file import to_bytes
from coach.exchange.questionnaire_file import Statements
from coach.exchange.questionnaire_file import to_bytes as statements_bytes
from coach.ui.context import UiContext
from coach.ui.diary.outcome_dialogs import SectionsDialog
from coach.ui.pages.diary import DiaryPage
from coach.ui.pages.programmes import ProgrammesPage

ALWAYS = (Instrument.NPRS, Instrument.PSFS)
ODI_NDI = (Instrument.ODI, Instrument.NDI)


@pytest.fixture
def diary(ui: UiContext, qtbot: QtBot) -> Iterator[DiaryPage]:
    page = DiaryPage(ui)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    yield page
    if page.dialog is not None:
        page.dialog.reject()


def offered(page: DiaryPage) -> tuple[Instrument, ...]:
    return tuple(i for i, action in page.measure_actions.items() if action.isVisible())


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def import_programme(
    qtbot: QtBot, ui: UiContext, path: Path, monkeypatch: pytest.MonkeyPatch
) -> ProgrammesPage:
    programmes = shown_page(qtbot, ui)
    choose_file(monkeypatch, path)
    qtbot.mouseClick(programmes.import_button, Qt.MouseButton.LeftButton)
    dialog = programmes.files.preview_dialog
    assert dialog is not None
    shown = " ".join(w.text() for w in dialog.findChildren(QLabel))
    asked = "Asks you to fill in:</b> Oswestry Disability Index (ODI)"
    assert (asked in shown) == (b'"odi"' in path.read_bytes())
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return programmes


def clinic_programme(tmp_path: Path, asked: frozenset[Instrument]) -> Path:
    value = Programme(
        uid="",
        name="From the clinic",
        start_date=date(2026, 3, 16),
        items=(ProgrammeItem("bridge", Dosage()),),
    )
    path = tmp_path / "clinic.coachprogramme"
    path.write_bytes(to_bytes(value, questionnaires=asked))
    return path


def placeholder_statements(tmp_path: Path) -> Path:
    sections = tuple(
        tuple(f"Statement {chr(65 + s)}{n} (placeholder)" for n in range(1, 7)) for s in range(10)
    )
    path = tmp_path / "odi-statements.json"
    path.write_bytes(statements_bytes(Statements(Instrument.ODI, sections, "Invented")))
    return path


def open_odi(qtbot: QtBot, page: DiaryPage) -> SectionsDialog:
    page.measure_actions[Instrument.ODI].trigger()
    dialog = page.dialog
    assert isinstance(dialog, SectionsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_patient_without_a_therapist_programme_is_not_offered_the_odi_or_ndi(
    diary: DiaryPage,
) -> None:
    assert offered(diary) == ALWAYS
    assert not diary.statements_action.isVisible()


def test_a_programme_that_asks_for_the_odi_turns_it_on(
    qtbot: QtBot,
    ui: UiContext,
    diary: DiaryPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_programme(qtbot, ui, clinic_programme(tmp_path, frozenset()), monkeypatch)
    assert offered(diary) == ALWAYS  # a programme that asks for nothing changes nothing
    import_programme(
        qtbot, ui, clinic_programme(tmp_path, frozenset({Instrument.ODI})), monkeypatch
    )
    assert offered(diary) == (*ALWAYS, Instrument.ODI)
    assert diary.statements_action.isVisible()


def test_the_odi_dialog_explains_the_paper_form_and_saves_its_numbers(
    qtbot: QtBot, ui: UiContext, diary: DiaryPage
) -> None:
    dialog = open_odi(qtbot, diary)
    assert dialog.help.isVisible()
    assert dialog.help.text().startswith("Your therapist gives you the paper form")
    assert "the number of the statement you ticked" in dialog.help.text()
    assert not dialog.findChildren(QRadioButton)
    for picker in dialog.sections:
        qtbot.mouseClick(picker.button(1), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (score,) = ui.scope.outcomes.history(Instrument.ODI)
    assert isinstance(score.answers, SectionAnswers) and score.answers.sections == (1,) * 10


def test_loaded_statements_are_shown_to_choose_from_and_saved_as_their_scores(
    qtbot: QtBot,
    ui: UiContext,
    diary: DiaryPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: said.append(text))
    choose_file(monkeypatch, placeholder_statements(tmp_path))
    diary.statements_action.trigger()
    assert said == ["The Oswestry Disability Index (ODI) now shows its statements to choose from."]

    dialog = open_odi(qtbot, diary)
    assert dialog.help.text().startswith("Your therapist asked you to fill in this questionnaire")
    first = dialog.sections[0]
    texts = [w.text() for w in first.findChildren(type(dialog.help)) if w.text()]
    assert texts[:6] == [f"Statement A{n} (placeholder)" for n in range(1, 7)]
    assert texts[6] == "Not answered"
    chosen = (0, 1, 2, 3, 4, 5, 0, 1, 2, None)
    for picker, score in zip(dialog.sections, chosen, strict=True):
        labels = [w for w in picker.findChildren(type(dialog.help)) if w.text()]
        target = labels[6 if score is None else score]
        dialog.scroller.ensureWidgetVisible(target)
        # A click on the statement's words chooses it, as on its radio button.
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert dialog.sections[3].value() == 3
    assert "1 section was not answered" in dialog.result_label.text()
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (score,) = ui.scope.outcomes.history(Instrument.ODI)
    assert isinstance(score.answers, SectionAnswers) and score.answers.sections == chosen


def test_a_refused_statements_file_says_why_and_keeps_the_numbers(
    qtbot: QtBot,
    ui: UiContext,
    diary: DiaryPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = tmp_path / "bad.json"
    document = json.loads(placeholder_statements(tmp_path).read_bytes())
    document["sections"].pop()
    bad.write_text(json.dumps(document))
    shown: list[str] = []
    monkeypatch.setattr("coach.ui.ops.show_error", lambda _p, _t, text: shown.append(text))
    choose_file(monkeypatch, bad)
    diary.statements_action.trigger()
    assert shown == [
        "This is not a usable questionnaire file: sections has 9; it must list exactly 10 sections."
    ]
    assert ui.app.paths is not None and not ui.app.paths.questionnaires.exists()
    assert not open_odi(qtbot, diary).findChildren(QRadioButton)


def test_statements_load_from_settings_too(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    choose_file(monkeypatch, placeholder_statements(tmp_path))
    dialog = SettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.statements_button, Qt.MouseButton.LeftButton)
    loaded = ui.app.questionnaires.statements(Instrument.ODI)
    assert loaded is not None and loaded.sections[0][0] == "Statement A1 (placeholder)"


def as_therapist(ui: UiContext) -> None:
    ui.app.profile.update(name="Dr Lee", role=Role.THERAPIST, timezone="Europe/London")


def test_a_therapist_copy_always_offers_them_and_ticks_what_a_programme_asks_for(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_therapist(ui)
    diary = DiaryPage(ui)
    qtbot.addWidget(diary)
    assert offered(diary) == (*ALWAYS, *ODI_NDI)

    page = shown_page(qtbot, ui)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Low back")
    add_by_search(qtbot, page, "bridge")
    page.save()
    box = page.editor.fields.ask[Instrument.ODI]
    assert box.text() == "Ask for the ODI at home" and box.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    target = tmp_path / "back"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.editor.export_button, Qt.MouseButton.LeftButton)
    written = json.loads(target.with_suffix(".coachprogramme").read_text())
    assert written["programme"]["questionnaires"] == ["odi"]


def test_a_patient_programme_has_no_tick_boxes(qtbot: QtBot, ui: UiContext) -> None:
    page = shown_page(qtbot, ui)
    page.new_programme()
    assert page.editor.fields.ask == {}
