"""The dialog for adding or editing one of the user's own exercises.

Mistakes are shown beside the field they concern as soon as they are made (an empty name, a
dosage typed outside its range, a picture that was refused and why), and Save stays disabled
until the form can be saved, so nothing the user typed is lost to a surprise error box. The
picture is checked the moment it is chosen; it is copied into the data folder only on Save.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.domain.dosage import NUMBERS, RANGES, WHOLE_NUMBERS, Dosage, label
from coach.domain.errors import UserError
from coach.domain.exercise import Category, Exercise, Position, Region
from coach.domain.profile import ValidationError
from coach.domain.sides import Sides
from coach.services import exercise_labels
from coach.services.changes import Changes
from coach.services.custom_exercise import (
    ExerciseDraft,
    clean_cautions,
    clean_name,
    clean_steps,
    clean_summary,
    draft_of,
)
from coach.ui import style
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.library.pictures import load_custom_image, paint_custom_image
from coach.ui.ops import mutate
from coach.ui.widgets import label as text_label

if TYPE_CHECKING:
    from coach.services.context import AppContext

PREVIEW = QSize(160, 120)
IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.svg);;All files (*)"
INTEGER_FIELDS = WHOLE_NUMBERS
DOSAGE_FIELDS = tuple(number.name for number in NUMBERS)
SIDES_WORDS = {
    Sides.NONE: "Not one-sided",
    Sides.BOTH: "Each side in turn",
    Sides.ALTERNATE: "Alternate sides",
    Sides.LEFT: "Left side only",
    Sides.RIGHT: "Right side only",
}


def _error_label() -> QLabel:
    error = text_label("", role="error")
    error.hide()
    return error


class CustomExerciseDialog(PersistentDialog):
    """Create (exercise=None) or edit a custom exercise. Emits `saved(id)` after a save."""

    saved = Signal(str)

    def __init__(
        self, ui: UiContext, exercise: Exercise | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self._exercise = exercise
        self._draft = draft_of(exercise) if exercise else None
        self._new_image: Path | None = None
        self._kept_image = self._draft.kept_image if self._draft else None
        self._errors: dict[str, str] = {}
        self.setWindowTitle("Edit your exercise" if exercise else "Add your own exercise")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(style.scaled(620))

        self._make_text_fields()
        self._make_dosage_fields()
        self._make_picture_fields()

        self.error_labels = {
            key: _error_label()
            for key in (
                "name",
                "summary",
                "steps",
                "cautions",
                "image",
                "dosage",
                "category",
                "region",
                "position",
                "exercise",
            )
        }
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self._build_layout()
        self._fill()
        self._touched: set[str] = set()
        self.name.textChanged.connect(lambda: self._touch("name"))
        self.summary.textChanged.connect(lambda: self._touch("summary"))
        self.steps.textChanged.connect(lambda: self._touch("steps"))
        self.cautions.textChanged.connect(lambda: self._touch("cautions"))
        for spin in self.spins.values():
            spin.lineEdit().textChanged.connect(lambda: self._touch("dosage"))
        self._validate()

    # --- building ------------------------------------------------------------------------------

    def _make_text_fields(self) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("For example: Towel squeeze")
        self.summary = QLineEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("One sentence: what it does")
        self.steps = QPlainTextEdit()
        self.steps.setAccessibleName("Steps, one per line")
        self.steps.setPlaceholderText(
            "Sit tall on a firm chair.\nPlace a rolled towel between your knees.\n"
            "Squeeze gently and hold."
        )
        self.steps.setTabChangesFocus(True)
        self.steps.setFixedHeight(style.scaled(130))
        self.cautions = QPlainTextEdit()
        self.cautions.setAccessibleName("Cautions, one per line")
        self.cautions.setPlaceholderText("Stop if the pain spreads down your leg.")
        self.cautions.setTabChangesFocus(True)
        self.cautions.setFixedHeight(style.scaled(80))
        self.category = self._choices(Category, exercise_labels.CATEGORY, "Category")
        self.region = self._choices(Region, exercise_labels.REGION, "Body area")
        self.position = self._choices(Position, exercise_labels.POSITION, "Position")

    def _make_dosage_fields(self) -> None:
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for field_name in DOSAGE_FIELDS:
            self._spin(field_name)
        self.sides = QComboBox()
        self.sides.setAccessibleName("Sides")
        for side, words in SIDES_WORDS.items():
            self.sides.addItem(words, side.value)

    def _make_picture_fields(self) -> None:
        self.image_preview = QLabel()
        self.image_preview.setFixedSize(PREVIEW)
        self.image_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_preview.setStyleSheet(
            f"background: {style.SURFACE}; border: 1px solid {style.BORDER}; border-radius: 6px;"
        )
        self.image_name = text_label("", role="muted")
        self.choose_image = QPushButton("Choose a picture…")
        self.choose_image.clicked.connect(self.pick_image)
        self.remove_image = QPushButton("Remove picture")
        self.remove_image.clicked.connect(self.drop_image)

    def _choices(
        self, kind: type[Category | Region | Position], words: Mapping[Any, str], name: str
    ) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for member in kind:
            combo.addItem(words[member], member.value)
        return combo

    def _spin(self, field_name: str) -> None:
        limits = RANGES[field_name]
        spin: QSpinBox | QDoubleSpinBox
        if field_name in INTEGER_FIELDS:
            spin = QSpinBox()
            spin.setRange(int(limits.low), int(limits.high))
        else:
            spin = QDoubleSpinBox()
            spin.setDecimals(1 if limits.low % 1 else 0)
            spin.setSingleStep(0.5 if limits.low % 1 else 5)
            spin.setRange(limits.low, limits.high)
        spin.setAccessibleName(label(field_name))
        spin.setSuffix(f" {'s' if limits.unit == 'seconds' else ''}".rstrip())
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setMinimumWidth(90)
        self.spins[field_name] = spin

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        self._text_rows(form)
        form.addRow(text_label("How much"), self._dosage_box())
        form.addRow(text_label("Picture"), self._picture_box())
        for key in ("category", "region", "position", "exercise"):
            form.addRow(self.error_labels[key])

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(form)
        column.addStretch(1)  # spare height goes below the form, not between its rows
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.set_default_size(760, 820)

    def _text_rows(self, form: QFormLayout) -> None:
        def row(caption: str, widget: QWidget, error_key: str, hint: str = "") -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if hint:
                box.addWidget(text_label(hint, role="muted"))
            box.addWidget(self.error_labels[error_key])
            form.addRow(text_label(caption, buddy=widget), box)

        row("&Name", self.name, "name")
        row("S&ummary", self.summary, "summary")
        row(
            "S&teps",
            self.steps,
            "steps",
            "One step per line, one action each. They are numbered for you.",
        )
        row("&Cautions", self.cautions, "cautions", "Optional. One per line.")
        where = QGridLayout()
        where.setContentsMargins(0, 0, 0, 0)
        where.setHorizontalSpacing(12)
        where.setVerticalSpacing(2)
        for column, (caption, combo) in enumerate(
            (
                ("Cate&gory", self.category),
                ("&Body area", self.region),
                ("&Position", self.position),
            )
        ):
            where.addWidget(text_label(caption, buddy=combo), 0, column)
            where.addWidget(combo, 1, column)
            where.setColumnStretch(column, 1)
        form.addRow(text_label("Where it fits"), where)

    def _dosage_box(self) -> QWidget:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        cells: list[tuple[str, QWidget]] = [
            (self._range_caption(name), self.spins[name]) for name in DOSAGE_FIELDS
        ]
        cells.append(("Sides", self.sides))
        for number, (caption, field) in enumerate(cells):
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(text_label(caption, buddy=field))
            cell.addWidget(field)
            row, column = divmod(number, 3)
            grid.addLayout(cell, row, column)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.error_labels["dosage"])
        return box

    @staticmethod
    def _range_caption(field_name: str) -> str:
        limits = RANGES[field_name]
        unit = "s" if limits.unit == "seconds" else ""
        return f"{label(field_name)} ({limits.low:g}–{limits.high:g}{' ' + unit if unit else ''})"

    def _picture_box(self) -> QWidget:
        side = QVBoxLayout()
        side.addWidget(
            text_label(
                "Optional: a PNG, JPEG or SVG picture, at most 5 MB. Coach keeps its own copy.",
                role="muted",
            )
        )
        side.addWidget(self.image_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_image)
        buttons.addWidget(self.remove_image)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addWidget(self.error_labels["image"])
        side.addStretch(1)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image_preview, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side, 1)
        return box

    def _fill(self) -> None:
        draft = self._draft
        dosage = draft.dosage if draft else Dosage()
        for f in fields(Dosage):
            if f.name in self.spins:
                self.spins[f.name].setValue(getattr(dosage, f.name))
        self.sides.setCurrentIndex(self.sides.findData(dosage.sides.value))
        if draft is None:
            self._show_image()
            return
        self.name.setText(draft.name)
        self.summary.setText(draft.summary)
        self.steps.setPlainText("\n".join(draft.steps))
        self.cautions.setPlainText("\n".join(draft.cautions))
        for combo, value in (
            (self.category, draft.category),
            (self.region, draft.region),
            (self.position, draft.position),
        ):
            combo.setCurrentIndex(combo.findData(value.value))
        self._show_image()

    # --- the picture ---------------------------------------------------------------------------

    def pick_image(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a picture for this exercise", str(Path.home()), IMAGE_FILTER
        )
        if not chosen:
            return
        path = Path(chosen)
        try:
            self.ui.app.exercises.check_image(path)
        except ValidationError as exc:
            self._set_error("image", f"{path.name} was not accepted: {exc.message}")
            return
        self._set_error("image", "")
        self._new_image = path
        self._show_image()

    def drop_image(self) -> None:
        self._new_image = None
        self._kept_image = None
        self._set_error("image", "")
        self._show_image()

    def _current_image_path(self) -> Path | None:
        if self._new_image is not None:
            return self._new_image
        if self._kept_image and self._exercise and self._exercise.image_path:
            return Path(self._exercise.image_path)
        return None

    def _show_image(self) -> None:
        path = self._current_image_path()
        picture = load_custom_image(path) if path else None
        self.remove_image.setEnabled(path is not None)
        if path is None:
            self.image_preview.setText("No picture")
            self.image_name.setText("")
            return
        if picture is None:
            self.image_preview.setText("Cannot show")
        else:
            ratio = self.devicePixelRatioF()
            image = QImage(PREVIEW * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            paint_custom_image(
                painter, QRectF(4, 4, PREVIEW.width() - 8, PREVIEW.height() - 8), picture
            )
            painter.end()
            self.image_preview.setPixmap(QPixmap.fromImage(image))
        self.image_name.setText(
            f"New picture: {path.name}" if path == self._new_image else "Current picture"
        )

    # --- validation and saving -----------------------------------------------------------------

    def _set_error(self, key: str, message: str, shown: bool = True) -> None:
        if message:
            self._errors[key] = message
        else:
            self._errors.pop(key, None)
        target = self.error_labels[key]
        target.setText(message)
        target.setVisible(bool(message) and shown)
        self.save_button.setEnabled(not self._errors)

    def _dosage(self) -> Dosage:
        for field_name, spin in self.spins.items():
            if not spin.hasAcceptableInput():
                limits = RANGES[field_name]
                raise ValidationError(
                    "dosage",
                    f"{label(field_name)} must be between {limits.low:g} and {limits.high:g} "
                    f"{limits.unit}.",
                )
        values: dict[str, object] = {name: spin.value() for name, spin in self.spins.items()}
        values["sides"] = Sides(self.sides.currentData())
        return Dosage(**values)  # type: ignore[arg-type]

    def draft(self) -> ExerciseDraft:
        """The form as a draft; raises ValidationError for the first field that needs work."""
        return ExerciseDraft(
            name=self.name.text(),
            summary=self.summary.text(),
            steps=tuple(self.steps.toPlainText().splitlines()),
            cautions=tuple(self.cautions.toPlainText().splitlines()),
            dosage=self._dosage(),
            category=Category(self.category.currentData()),
            region=Region(self.region.currentData()),
            position=Position(self.position.currentData()),
            new_image=self._new_image,
            kept_image=self._kept_image if self._new_image is None else None,
        )

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._validate()

    def _validate(self) -> None:
        """Check every field as it is now; show a problem beside its field once it was edited.

        Untouched fields still keep Save disabled, but a new, empty form is not covered in red.
        """
        checks = {
            "name": lambda: clean_name(self.name.text()),
            "summary": lambda: clean_summary(self.summary.text()),
            "steps": lambda: clean_steps(tuple(self.steps.toPlainText().splitlines())),
            "cautions": lambda: clean_cautions(tuple(self.cautions.toPlainText().splitlines())),
            "dosage": self._dosage,
        }
        for key, check in checks.items():
            try:
                check()
            except ValidationError as exc:
                self._set_error(key, exc.message, shown=key in self._touched)
            else:
                self._set_error(key, "")

    def save(self) -> None:
        mutate(self.ui, self, self.persist, on_done=self._stored, fields=self)

    def persist(self, app: AppContext) -> tuple[Exercise, Changes]:
        draft = self.draft()
        if self._exercise is None:
            return app.exercises.create_custom(draft)
        return app.exercises.update_custom(self._exercise.id, draft)

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: beside the field, or above the form if it has none."""
        key = (error.field or "").split(".")[0]
        self._set_error(key if key in self.error_labels else "exercise", error.message)
        return True

    def _stored(self, result: tuple[Exercise, Changes]) -> None:
        self.accept()
        self.saved.emit(result[0].id)
