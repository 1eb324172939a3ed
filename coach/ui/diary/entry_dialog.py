"""What every diary dialog shares: a scrolling form, Save and Cancel, errors at the field.

Save builds the record (domain rules may refuse it), hands it to the service (clock rules may
refuse it), and only then closes: a refused save leaves the dialog open with the message beside
the field, and nothing was written. The saved result is emitted for the page's undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.diary.field_errors import FieldErrors
from coach.ui.ops import mutate_for
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.services.context import PatientContext


class EntryDialog(PersistentDialog):
    saved = Signal(object)  # a services.diary.Saved record

    def __init__(self, ui: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self.patient = ui.scope  # saved for them even if another patient is opened meanwhile
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors = FieldErrors()
        self.form = QWidget()
        self.body = QVBoxLayout(self.form)
        self.body.setContentsMargins(20, 16, 20, 16)
        self.body.setSpacing(10)
        heading = label(title, role="heading")
        self.body.addWidget(heading)
        self.scroller = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.save_button.setMinimumHeight(40)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setMinimumHeight(40)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 12)
        outer.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(20, 0, 20, 0)
        footer.addWidget(self.errors.general)
        footer.addWidget(self.buttons)
        outer.addLayout(footer)

    def showEvent(self, event: object) -> None:
        self._buttons_last_in_tab_order()
        super().showEvent(event)

    def _buttons_last_in_tab_order(self) -> None:
        """Tab goes through the form from the top and then to Save and Cancel. The buttons are
        made here, before the form's fields (made by each subclass), so without this Tab would
        visit them first."""
        fields: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if self.form.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                fields.append(widget)
            widget = widget.nextInFocusChain()
        if fields:
            QWidget.setTabOrder(fields[-1], self.save_button)
            QWidget.setTabOrder(self.save_button, self.cancel_button)

    def section(self, title: str) -> QLabel:
        heading = label(title, role="subheading")
        self.body.addWidget(heading)
        return heading

    def save(self) -> None:
        self.errors.clear()
        mutate_for(
            self.ui, self.patient, self, self.persist, on_done=self.stored, fields=self.errors
        )

    def persist(self, patient: PatientContext) -> Any:
        """Build the record from the widgets and save it; return the service's Saved record."""
        raise NotImplementedError

    def stored(self, result: Any) -> None:
        self.saved.emit(result)
        self.accept()
