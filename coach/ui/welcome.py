"""First-run welcome: who is using Coach, the not-medical-advice notice and the red flags.

Shown once, over the main window, until the profile exists. Nothing is saved until the user
presses Start with a valid name and the notice confirmed. A patient is also offered reminders,
with the schedule in words, since reminders are what keeps a home programme going; the answer
is saved with the profile (one change), and Settings ▸ Reminders changes it later.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.profile import NAME_MAX, Role
from coach.domain.safety import NOT_MEDICAL_ADVICE, RED_FLAGS, URGENT_ADVICE
from coach.services.changes import Changes
from coach.services.context import AppContext
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.ops import mutate
from coach.ui.reminders import words as reminder_words
from coach.ui.reminders.offer import ReminderOffer
from coach.ui.style import scaled
from coach.ui.widgets import callout, label


class WelcomeDialog(PersistentDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self.setWindowTitle("Welcome to Coach")
        self.setMinimumSize(scaled(600), scaled(520))
        self.set_default_size(680, 820)

        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText("Your first name is enough")
        self.name.setAccessibleName("Your name")
        self.name_error = label("", role="error")
        self.name_error.hide()

        self.patient = QRadioButton("I am a patient: I do the exercises at home")
        self.therapist = QRadioButton("I am a therapist: I set up programmes for patients")
        self.patient.setChecked(True)
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.patient)
        self.roles.addButton(self.therapist)
        self._reminders = ui.app.own_patient().reminders.choices()
        # Only a patient's copy reminds anyone (coach.services.reminders), so only they are asked.
        self.remind = ReminderOffer(reminder_words.offer(self._reminders.rules), self._reminders.on)
        self.remind_note = label(
            "Coach shows a reminder when a session is due. You can change the hours or turn "
            "reminders off in Settings ▸ Reminders.",
            role="muted",
        )
        self.patient.toggled.connect(self.remind.setVisible)
        self.patient.toggled.connect(self.remind_note.setVisible)

        flags = "".join(f"<li>{flag.text}</li>" for flag in RED_FLAGS)
        red_flags = callout(
            "<b>Get medical help today, and do not exercise, if you have:</b>"
            f"<ul style='margin-left:-20px'>{flags}</ul>{URGENT_ADVICE}",
            "danger",
            rich=True,
        )
        self.confirm = QCheckBox("I have read this and understand it")
        self.confirm_error = label("", role="error")
        self.confirm_error.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(10)
        layout.addWidget(label("Welcome to Coach", role="heading"))
        layout.addWidget(
            label(
                "Coach guides you through your exercise programme, keeps your pain diary and "
                "shows how things change over time. Everything stays on this computer.",
                role="muted",
            )
        )
        layout.addWidget(label("What should Coach call you?", role="subheading", buddy=self.name))
        layout.addWidget(self.name)
        layout.addWidget(self.name_error)
        layout.addWidget(label("Who will use Coach?", role="subheading"))
        layout.addWidget(self.patient)
        layout.addWidget(self.therapist)
        layout.addWidget(self.remind)
        layout.addWidget(self.remind_note)
        layout.addWidget(callout(NOT_MEDICAL_ADVICE))
        layout.addWidget(red_flags)
        layout.addWidget(self.confirm)
        layout.addWidget(self.confirm_error)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        buttons = QDialogButtonBox()
        self.start = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setProperty("role", "primary")
        self.start.setDefault(True)
        buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start(self) -> None:
        role = Role.THERAPIST if self.therapist.isChecked() else Role.PATIENT
        for error in (self.name_error, self.confirm_error):
            error.hide()
        name, accepted = self.name.text(), self.confirm.isChecked()
        reminders = dataclasses.replace(self._reminders, on=self.remind.isChecked())

        def welcome(app: AppContext) -> Changes:
            changes = app.profile.welcome(name, role, accepted_notice=accepted)
            if role is Role.PATIENT:
                changes |= app.own_patient().reminders.configure(reminders)
            return changes

        mutate(self.ui, self, welcome, on_done=lambda _: self.accept(), fields=self)

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: the notice's tick box, or the name."""
        notice = error.field == "notice"
        target = self.confirm_error if notice else self.name_error
        target.setText(error.message)
        target.show()
        (self.confirm if notice else self.name).setFocus()
        return True
