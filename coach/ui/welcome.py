"""First-run welcome: who is using Coach, the not-medical-advice notice and the red flags.

Shown once, over the main window, until the profile exists. Nothing is saved until the user
presses Start with a valid name and the notice confirmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.ops import mutate
from coach.ui.style import scaled
from coach.ui.widgets import callout, label

if TYPE_CHECKING:
    pass


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
        mutate(
            self.ui,
            self,
            lambda app: app.profile.welcome(
                self.name.text(), role, accepted_notice=self.confirm.isChecked()
            ),
            on_done=lambda _: self.accept(),
            fields=self,
        )

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: the notice's tick box, or the name."""
        notice = error.field == "notice"
        target = self.confirm_error if notice else self.name_error
        target.setText(error.message)
        target.show()
        (self.confirm if notice else self.name).setFocus()
        return True
