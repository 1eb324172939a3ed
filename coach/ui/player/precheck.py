"""The check before a session: red flags once a day, pain now, and where symptoms reach.

A ticked red flag shows the urgent-care advice in place and the session cannot start; the
patient sees at once why. "None of these" is one click and is remembered for the local day, so
the check does not nag before every session. Neck-only flags are asked only when the programme
has neck exercises.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.safety import RED_FLAGS, URGENT_ADVICE
from coach.domain.symptoms import SymptomRegion
from coach.services.sessions import PlannedSession
from coach.ui import style
from coach.ui.diary.scale import ScalePicker
from coach.ui.player.symptom_picker import SymptomPicker
from coach.ui.widgets import boxed, callout, label


def urgent_style() -> str:
    """The urgent-care box, its text at the Text size in force (read when the check is built)."""
    return (
        f"background: {style.DANGER_BG}; color: {style.DANGER_INK}; border: 2px solid "
        f"{style.DANGER_INK}; border-radius: 8px; padding: 10px; "
        f"font-size: {style.scaled(13)}pt; font-weight: 600;"
    )


WHERE = {
    SymptomRegion.LUMBAR: "Where do your back or leg symptoms reach right now?",
    SymptomRegion.CERVICAL: "Where do your neck or arm symptoms reach right now?",
}


class PreCheck(QWidget):
    """Emits `start_requested` when everything is answered and the patient presses Start."""

    start_requested = Signal()
    cancelled = Signal()

    def __init__(
        self, plan: PlannedSession, ask_red_flags: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.flags: dict[str, QCheckBox] = {}
        self.none_confirmed = not ask_red_flags
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addWidget(label(plan.programme.name, role="heading"))
        names = ", ".join(item.name for item in plan.items)
        layout.addWidget(label(f"Today: {names}.", role="muted"))

        self.red_flag_box: QWidget | None = None
        self.none_button = QPushButton("None of these")
        self.none_button.setAccessibleName("None of these red flags today")
        self.urgent = callout(URGENT_ADVICE, role="error")
        self.urgent.setStyleSheet(urgent_style())
        self.urgent.hide()
        if ask_red_flags:
            question = "First, a safety check. Do you have any of these today?"
            rows: list[QWidget] = [label(question, role="subheading")]
            for flag in RED_FLAGS:
                if flag.neck_only and not plan.neck:
                    continue
                box = QCheckBox(flag.text)
                box.setAccessibleName(flag.text)
                box.toggled.connect(self._flags_changed)
                self.flags[flag.key] = box
                rows.append(box)
            self.none_button.setProperty("role", "primary")
            self.none_button.setMinimumHeight(48)
            self.none_button.setCheckable(True)
            self.none_button.clicked.connect(self._none_clicked)
            rows.append(self.none_button)
            rows.append(self.urgent)
            self.red_flag_box = boxed(*rows)
            layout.addWidget(self.red_flag_box)

        self.pain = ScalePicker("Pain now")
        self.pain.valueChanged.connect(self._update)
        layout.addWidget(
            boxed(label("How strong is your pain right now?", role="subheading"), self.pain)
        )
        self.symptoms: dict[SymptomRegion, SymptomPicker] = {}
        for region in plan.symptom_regions:
            picker = SymptomPicker(region)
            picker.valueChanged.connect(self._update)
            self.symptoms[region] = picker
            layout.addWidget(boxed(label(WHERE[region], role="subheading"), picker))

        self.hint = label("", role="muted")
        self.start_button = QPushButton("Start the session")
        self.start_button.setAccessibleName("Start the session")
        self.start_button.setProperty("role", "primary")
        self.start_button.setMinimumHeight(60)
        self.start_button.setStyleSheet(f"font-size: {style.scaled(16)}pt; min-height: 52px;")
        self.start_button.clicked.connect(self.start_requested.emit)
        self.cancel_button = QPushButton("Not now")
        self.cancel_button.setAccessibleName("Not now: close without starting")
        self.cancel_button.setMinimumHeight(60)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._update()

    def ticked(self) -> list[str]:
        return [key for key, box in self.flags.items() if box.isChecked()]

    def blocked(self) -> bool:
        return bool(self.ticked())

    def _none_clicked(self) -> None:
        self.none_confirmed = self.none_button.isChecked()
        self._update()

    def _flags_changed(self) -> None:
        if self.blocked():
            self.none_confirmed = False
            self.none_button.setChecked(False)
        self.none_button.setEnabled(not self.blocked())
        self.urgent.setVisible(self.blocked())
        self._update()

    def symptom_levels(self) -> dict[SymptomRegion, int]:
        return {
            region: level
            for region, picker in self.symptoms.items()
            if (level := picker.value()) is not None
        }

    def _missing(self) -> str:
        if self.blocked():
            return "Please do not exercise today; see the advice above."
        if not self.none_confirmed:
            return "Answer the safety check first."
        if self.pain.value() is None:
            return "Choose how strong your pain is now."
        if len(self.symptom_levels()) < len(self.symptoms):
            return "Choose where your symptoms reach now."
        return ""

    def show_field_error(self, error: UserError) -> bool:
        """A refusal of the answers here is shown beside the Start button (ops.FieldSink)."""
        if error.field not in ("pain_before", "symptoms_before"):
            return False
        self.hint.setText(error.message)
        return True

    def _update(self) -> None:
        missing = self._missing()
        self.hint.setText(missing)
        self.start_button.setEnabled(not missing)
