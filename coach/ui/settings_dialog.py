"""Settings: the profile, text and paper size, backups, sessions, reminders. Each field shows
its errors."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.profile import NAME_MAX, Role
from coach.services.changes import Changes
from coach.services.settings import (
    DAILY_BACKUP,
    GET_READY_S,
    PAPER_SIZE,
    SESSION_SOUND,
    SESSION_VOICE,
    SESSION_VOLUME,
    TEXT_SCALE,
)
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.diary.statements_flow import MENU_TEXT, choose_and_load
from coach.ui.ops import mutate
from coach.ui.reminders.settings_section import ReminderSection
from coach.ui.style import apply_style, scaled
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.services.context import AppContext

TEXT_SIZES = {1.0: "Normal", 1.25: "Large", 1.5: "Extra large"}
PAPER_SIZES = {"auto": "Automatic (from your region)", "a4": "A4", "letter": "Letter"}
NO_DATE = QDate(1900, 1, 1)


class SettingsDialog(PersistentDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self.setWindowTitle("Settings")
        self.setMinimumWidth(scaled(560))
        app = ui.app
        profile = app.profile.get()
        self.errors: dict[str, QLabel] = {}

        self.name = QLineEdit(profile.name if profile else "")
        self.name.setMaxLength(NAME_MAX)
        self.role = QComboBox()
        self.role.addItem("Patient", Role.PATIENT)
        self.role.addItem("Therapist", Role.THERAPIST)
        if profile is not None:
            self.role.setCurrentIndex(self.role.findData(profile.role))
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(app.profile.timezone_name())
        self.birth = QDateEdit()
        self.birth.setCalendarPopup(True)
        self.birth.setDisplayFormat("d MMMM yyyy")
        self.birth.setMinimumDate(NO_DATE)
        self.birth.setSpecialValueText("Not given")
        dob = profile.date_of_birth if profile else None
        self.birth.setDate(QDate(dob.year, dob.month, dob.day) if dob else NO_DATE)
        self.identifier = QLineEdit(profile.patient_identifier if profile else "")
        self.therapist = QLineEdit(profile.therapist_name if profile else "")
        self.clinic = QLineEdit(profile.clinic if profile else "")
        self.contact = QLineEdit(profile.contact if profile else "")
        self.identifier.setPlaceholderText("Optional: the number your clinic gave you")
        self.profession = QLineEdit(profile.profession if profile else "")
        self.profession.setPlaceholderText("For example: physiotherapist")

        who = self._who_box = QGroupBox("You and your therapist")
        form = QFormLayout(who)
        for field, text, widget in (
            ("name", "Name", self.name),
            ("role", "I am a", self.role),
            ("timezone", "Time zone", self.timezone),
            ("date_of_birth", "Date of birth", self.birth),
            ("patient_identifier", "Patient ID", self.identifier),
            ("therapist_name", "Therapist", self.therapist),
            ("clinic", "Clinic", self.clinic),
            ("contact", "Therapist's phone or email", self.contact),
            ("profession", "Profession", self.profession),
        ):
            self._row(form, field, text, widget)
        self._who = form
        self.fingerprint = self._fingerprint_row(form)
        self.role.currentIndexChanged.connect(self._show_role_fields)
        self._show_role_fields()

        self.text_size = QComboBox()
        for scale, name in TEXT_SIZES.items():
            self.text_size.addItem(name, scale)
        self.text_size.setCurrentIndex(self.text_size.findData(app.settings.get(TEXT_SCALE)))
        self.paper = QComboBox()
        for key, name in PAPER_SIZES.items():
            self.paper.addItem(name, key)
        self.paper.setCurrentIndex(self.paper.findData(app.settings.get(PAPER_SIZE)))
        self.daily_backup = QCheckBox("Back up my data every day and when Coach closes")
        self.daily_backup.setChecked(app.settings.get(DAILY_BACKUP))
        looks = QGroupBox("Display, printing and backups")
        looks_form = QFormLayout(looks)
        self._row(looks_form, TEXT_SCALE.key, "Text size", self.text_size)
        self._row(looks_form, PAPER_SIZE.key, "Paper size", self.paper)
        looks_form.addRow(self.daily_backup)
        if app.paths is not None:
            looks_form.addRow(label(f"Data folder: {app.paths.root}", role="muted"))
            # A clinic with a licence for the ODI or NDI shows their statements to choose from.
            self.statements_button = QPushButton(MENU_TEXT)
            self.statements_button.clicked.connect(lambda: choose_and_load(ui, self))
            looks_form.addRow(self.statements_button)
        else:
            self.daily_backup.setEnabled(False)
            looks_form.addRow(
                label("Backups of a clinic server are made on the server.", role="muted")
            )

        self.sound = QCheckBox("Play sounds at each step")
        self.sound.setChecked(app.settings.get(SESSION_SOUND))
        self.voice = QCheckBox("Speak the steps (“Hold”, “Relax”) where a voice is installed")
        self.voice.setChecked(app.settings.get(SESSION_VOICE))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(app.settings.get(SESSION_VOLUME))
        self.get_ready = QSpinBox()
        self.get_ready.setRange(0, 60)
        self.get_ready.setSuffix(" s")
        self.get_ready.setValue(app.settings.get(GET_READY_S))
        session = QGroupBox("Exercise sessions")
        session_form = QFormLayout(session)
        session_form.addRow(self.sound)
        session_form.addRow(self.voice)
        self._row(session_form, SESSION_VOLUME.key, "Volume", self.volume)
        self._row(session_form, GET_READY_S.key, "Time to get ready", self.get_ready)

        self.reminders = ReminderSection(app.own_patient().reminders.choices())
        self.errors.update(self.reminders.errors)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(who)
        general_layout.addWidget(looks)
        general_layout.addWidget(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        self.tabs.addTab(self.reminders, "Reminders")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _row(self, form: QFormLayout, field: str, text: str, widget: QWidget) -> None:
        error = label("", role="error")
        error.hide()
        self.errors[field] = error
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        inner.addWidget(error)
        # Screen readers take a field's name from a buddy label beside it; this one sits one
        # level up (the field shares a column with its error), so the name is given here.
        widget.setAccessibleName(text)
        form.addRow(label(text, buddy=widget), column)

    def _fingerprint_row(self, form: QFormLayout) -> QLabel | None:
        """A therapist's key fingerprint, to read out to a patient over the phone: made with the
        first programme file for a patient, so before that the row says when it will be."""
        keys = self.ui.app.therapist_key
        if not keys.available:
            return None
        value = label(
            keys.fingerprint()
            if keys.exists()
            else "Made when you first export a programme for a patient."
        )
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAccessibleName("Your key fingerprint")
        form.addRow(label("Key fingerprint"), value)
        return value

    def _show_role_fields(self) -> None:
        """A therapist is asked their profession, a patient their date of birth and ID."""
        therapist = self.role.currentData() == Role.THERAPIST
        for widget, shown in (
            (self.birth, not therapist),
            (self.identifier, not therapist),
            (self.therapist, not therapist),
            (self.profession, therapist),
        ):
            column = widget.parentWidget()  # the row's field: the widget with its error below
            assert column is not None
            self._who.setRowVisible(column, shown)
        if self.fingerprint is not None:
            self._who.setRowVisible(self.fingerprint, therapist)
        self._who_box.setTitle("You" if therapist else "You and your therapist")
        contact = self.contact.parentWidget()
        caption = self._who.labelForField(contact) if contact is not None else None
        if isinstance(caption, QLabel):
            caption.setText("Your phone or email" if therapist else "Therapist's phone or email")
        if self.isVisible():  # rows came or went: fit them, so no wrapped label is cut
            self.adjustSize()

    def _birth_date(self) -> date | None:
        chosen = self.birth.date()
        if chosen == NO_DATE:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def save(self) -> None:
        for error in self.errors.values():
            error.hide()
        mutate(self.ui, self, self.persist, on_done=self._saved, fields=self)

    def persist(self, app: AppContext) -> Changes:
        reminders = self.reminders.chosen()  # refused before anything is written
        changes = app.profile.update(
            name=self.name.text(),
            role=Role(self.role.currentData()),
            timezone=self.timezone.currentText().strip(),
            date_of_birth=self._birth_date(),
            patient_identifier=self.identifier.text(),
            therapist_name=self.therapist.text(),
            clinic=self.clinic.text(),
            contact=self.contact.text(),
            profession=self.profession.text(),
        )
        changes |= app.settings.set(TEXT_SCALE, float(self.text_size.currentData()))
        changes |= app.settings.set(PAPER_SIZE, str(self.paper.currentData()))
        changes |= app.settings.set(DAILY_BACKUP, self.daily_backup.isChecked())
        changes |= app.settings.set(SESSION_SOUND, self.sound.isChecked())
        changes |= app.settings.set(SESSION_VOICE, self.voice.isChecked())
        changes |= app.settings.set(SESSION_VOLUME, self.volume.value())
        changes |= app.own_patient().reminders.configure(reminders)
        self.reminders.apply_start_at_login()
        return changes | app.settings.set(GET_READY_S, self.get_ready.value())

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: every setting here has its message line; else the name's."""
        shown = self.errors.get(error.field or "", self.errors["name"])
        shown.setText(error.message)
        shown.show()
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(shown):
                self.tabs.setCurrentIndex(index)
        return True

    def _saved(self, _changes: Changes) -> None:
        qt_app = QApplication.instance()
        if isinstance(qt_app, QApplication):
            apply_style(qt_app, float(self.text_size.currentData()))
        self.accept()
