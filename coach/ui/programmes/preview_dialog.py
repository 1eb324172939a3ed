"""What a programme file holds, shown before anything is stored: Import or Cancel.

Author, goal, the session length, each exercise with its dosage in plain words, the custom
exercises it brings and any warnings. Opened with open(); `accepted` is the answer. A
patient's copy may also be offered reminders for it (`offer`, the schedule in words): a tick
box by the buttons, read with `reminders_wanted()`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from coach.services.programme_transfer import ImportPreview
from coach.services.session_length import in_words
from coach.services.settings_service import SettingsService
from coach.ui.dialogs import PersistentDialog
from coach.ui.reminders.offer import ReminderOffer
from coach.ui.widgets import callout, label


class ImportPreviewDialog(PersistentDialog):
    def __init__(
        self,
        settings: SettingsService,
        preview: ImportPreview,
        parent: QWidget | None = None,
        *,
        offer: str | None = None,
        offer_checked: bool = True,
        offer_note: str = "",
    ) -> None:
        super().__init__(settings, parent)
        self.preview = preview
        kind = "template" if preview.programme.is_template else "programme"
        self.setWindowTitle(f"Import this {kind}?")
        self.setMinimumWidth(560)
        self.resize(620, 640)

        body = QWidget()
        content = QVBoxLayout(body)
        content.setSpacing(10)
        content.addWidget(label(preview.name, role="heading"))
        facts = [f"<b>From:</b> {escape(preview.author or 'no author given')}"]
        if preview.programme.goal:
            facts.append(f"<b>Goal:</b> {escape(preview.programme.goal)}")
        if not preview.programme.is_template:
            day = preview.programme.start_date
            facts.append(f"<b>Starts:</b> {day.day} {day:%B %Y}")
        facts.append(f"<b>Each session:</b> {in_words(preview.estimated_seconds).lower()}")
        if preview.questionnaires:
            # Importing turns these on in the diary; the therapist gives the paper form.
            asked = ", ".join(sorted(i.label for i in preview.questionnaires))
            facts.append(f"<b>Asks you to fill in:</b> {escape(asked)}")
        content.addWidget(label("<br>".join(facts), rich=True))
        for warning in preview.warnings:
            content.addWidget(callout(warning))
        self.exercise_labels = []
        for number, item in enumerate(preview.items, start=1):
            lines = [*item.dosage, item.schedule.capitalize() + ".", item.progression]
            mine = " <i>(custom exercise)</i>" if item.custom else ""
            text = f"<b>{number}. {escape(item.name)}</b>{mine}<br>" + "<br>".join(
                escape(line) for line in lines if line
            )
            if item.note:
                text += f"<br><i>Note: {escape(item.note)}</i>"
            shown = label(text, rich=True)
            shown.setProperty("role", None)
            self.exercise_labels.append(shown)
            content.addWidget(shown)
        for custom in preview.custom_exercises:
            content.addWidget(label(f"“{custom.exercise.name}” {custom.fate}.", role="muted"))
        if preview.programme.notes:
            content.addWidget(label("Notes", role="subheading"))
            content.addWidget(label(preview.programme.notes))
        content.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setProperty("role", "primary")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.remind: ReminderOffer | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        if offer is not None:
            self.remind = ReminderOffer(offer, offer_checked)
            layout.addWidget(self.remind)
            if offer_note:
                layout.addWidget(label(offer_note, role="muted"))
        layout.addWidget(self.buttons)

    def reminders_wanted(self) -> bool:
        return self.remind is not None and self.remind.isChecked()
