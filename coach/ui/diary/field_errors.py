"""Show a refused value's message right beside the field it is about.

A ValidationError names its field ("intensity", "odi.section.3"); each form registers, per
field name, the label that shows the message and the widget to focus. A name with no label of
its own falls back to its nearest registered prefix, then to the form's general label.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from coach.domain.errors import UserError
from coach.domain.profile import ValidationError
from coach.ui.widgets import label


class FieldErrors:
    def __init__(self) -> None:
        self._fields: dict[str, tuple[QLabel, QWidget | None]] = {}
        self.general = self.add("")

    def add(self, field: str, focus: QWidget | None = None) -> QLabel:
        """A hidden error label for `field`; put it in the layout next to the input."""
        message = label("", role="error")
        message.setObjectName(f"error:{field}" if field else "error")
        message.hide()
        self._fields[field] = (message, focus)
        return message

    def clear(self) -> None:
        for message, _ in self._fields.values():
            message.clear()
            message.hide()

    def show(self, error: ValidationError) -> QLabel:
        self.clear()
        return self.show_text(error.field, error.message)

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: any refusal is shown in the form, at its field or above."""
        self.clear()
        self.show_text(error.field or "", error.message)
        return True

    def show_text(self, field: str, text: str) -> QLabel:
        key = field
        while key and key not in self._fields:
            key = key.rpartition(".")[0]
        message, focus = self._fields[key]
        message.setText(text)
        message.show()
        if focus is not None:
            focus.setFocus()
        return message

    def label_for(self, field: str) -> QLabel:
        return self._fields[field][0]
