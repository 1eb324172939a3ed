"""About Coach: version, what it is (and is not), where the data lives, the key progress files
are sealed to (its fingerprint, to compare by phone), licences."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from coach import APP_NAME, __version__
from coach.domain.safety import NOT_MEDICAL_ADVICE
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.handback import words
from coach.ui.style import scaled
from coach.ui.widgets import callout, label


class AboutDialog(PersistentDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui.app.settings, parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumWidth(scaled(520))
        paths = ui.app.paths
        where = (
            f"Your data is kept on this computer in {paths.root}."
            if paths is not None
            else f"Your data is kept on the database server {ui.app.store.engine.url.host}."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"{APP_NAME} {__version__}", role="heading"))
        layout.addWidget(
            label(
                "A home exercise coach for people with back and neck pain, and a record of "
                "pain, treatments and progress to share with their therapist.",
            )
        )
        layout.addWidget(callout(NOT_MEDICAL_ADVICE))
        layout.addWidget(label(where, role="muted"))
        keys = self._keys_text(ui)
        if keys:
            self.keys = label(keys, role="muted")
            self.keys.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.keys)
        layout.addWidget(
            label(
                f"Built with Qt for Python (PySide6 {pyside_version}, LGPL-3.0), SQLAlchemy, "
                "Alembic, pyqtgraph and platformdirs. Exercise illustrations are drawn by Coach "
                "itself.",
                role="muted",
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _keys_text(ui: UiContext) -> str:
        """The key progress files are sealed to, by its fingerprint, so a therapist and a
        patient can compare it over the phone; "" when there is none yet."""
        app = ui.app
        if not app.profile_is_patient():
            keys = app.therapist_key
            if keys.available and keys.exists():
                return f"Your key fingerprint, for progress files:\n{keys.fingerprint()}"
            return ""
        patient = ui.patient
        recipient = patient.progress_export.recipient() if patient is not None else None
        if recipient is None:
            return ""
        # The fingerprint on a line of its own: read out by phone, it must not break.
        return (
            f"Progress files you send are sealed to the key of {words.who(recipient)}:\n"
            f"{recipient.fingerprint}"
        )
