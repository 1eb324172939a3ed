"""The exercise library page: browse, search and filter the cards, open one for the details.

The shipped library is read on a worker thread the first time the page is shown, so the window
never waits for it; thumbnails are then drawn a few at a time (see library/pictures.py).
Keyboard: Ctrl+F goes to the search box, Down moves on to the cards, the arrows move between
cards, Enter opens one and Esc comes back.

"Add to programme" belongs to the programmes feature: the main window connects
`add_to_programme_requested(exercise_id)` as it builds this page, and the button shows only
when something is connected (a page made on its own, as in tests, has no programmes to add to).
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.domain.exercise import Exercise
from coach.services.changes import Area
from coach.ui.context import UiContext
from coach.ui.dialogs import confirm
from coach.ui.library.cards import THUMBNAIL, CardGrid
from coach.ui.library.detail import ExerciseDetail
from coach.ui.library.filters import FilterBar
from coach.ui.library.model import ExerciseListModel
from coach.ui.library.pictures import ThumbnailCache
from coach.ui.ops import mutate
from coach.ui.pages.base import Page
from coach.ui.widgets import boxed, label


class LibraryPage(Page):
    title = "Exercises"
    key = "library"
    areas = (Area.EXERCISES,)

    add_to_programme_requested = Signal(str)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self._loaded = False
        self._loading = False
        self.thumbnails = ThumbnailCache(QSize(THUMBNAIL), self.devicePixelRatioF(), self)
        self.model = ExerciseListModel(self.thumbnails, self)

        self.filters = FilterBar()
        self.filters.changed.connect(self.apply_filters)
        self.filters.move_down.connect(self.focus_grid)
        self.grid = CardGrid()
        self.grid.setModel(self.model)
        self.grid.activated.connect(self._open_index)
        self.add_own = QPushButton("Add your own exercise…")
        self.add_own.clicked.connect(self.add_custom)

        self.loading = label("Opening the exercise library…", role="muted")
        self.empty = self._empty_state()
        self.problems = self._problems_box()

        heading = QHBoxLayout()
        heading.addWidget(label("Exercise library", role="heading"), 1)
        heading.addWidget(self.add_own)
        browse = QWidget()
        layout = QVBoxLayout(browse)
        layout.setContentsMargins(28, 24, 28, 12)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.problems)
        layout.addWidget(self.loading, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.grid, 1)

        self.detail = ExerciseDetail()
        self.detail.back_requested.connect(self.show_browse)
        self.detail.add_requested.connect(self.add_to_programme_requested)
        self.detail.edit_requested.connect(self.edit_custom)
        self.detail.delete_requested.connect(self.confirm_delete)
        self.detail.open_requested.connect(self._open_step)

        self.stack = QStackedWidget()
        self.stack.addWidget(browse)
        self.stack.addWidget(self.detail)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

    # --- building ------------------------------------------------------------------------------

    def _empty_state(self) -> QWidget:
        self.empty_message = label("", role="subheading")
        self.empty_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = label("Try fewer words, another spelling, or fewer filters.", role="muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        show_all = QPushButton("Show all exercises")
        show_all.setProperty("role", "primary")
        show_all.clicked.connect(self.filters.clear)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 40, 0, 40)
        layout.setSpacing(12)
        layout.addWidget(self.empty_message)
        layout.addWidget(hint)
        layout.addWidget(show_all, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        box.hide()
        return box

    def _problems_box(self) -> QWidget:
        self.problems_summary = label("")
        self.problems_toggle = QPushButton("Show details")
        self.problems_toggle.setCheckable(True)
        self.problems_details = QPlainTextEdit()
        self.problems_details.setReadOnly(True)
        self.problems_details.setAccessibleName("Library problems")
        self.problems_details.setMaximumHeight(140)
        self.problems_details.hide()
        self.problems_toggle.toggled.connect(self._toggle_problems)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.problems_summary, 1)
        row.addWidget(self.problems_toggle)
        top = QWidget()
        top.setLayout(row)
        box = boxed(top, self.problems_details, role="warning")
        box.hide()
        return box

    def _toggle_problems(self, shown: bool) -> None:
        self.problems_details.setVisible(shown)
        self.problems_toggle.setText("Hide details" if shown else "Show details")

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._loaded:
            self._populate()
            return
        if self._loading:
            return
        self._loading = True
        self.loading.show()
        self.grid.hide()
        self.ui.tasks.run(self.ui.app.exercises.warm, self._warmed, self._failed)

    def _warmed(self, _: object) -> None:
        self._loading = False
        self._loaded = True
        self.loading.hide()
        self._populate()

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self._stale = True  # try again next time the page is shown
        self.loading.setText(f"The exercise library could not be opened: {exc}")

    def _populate(self) -> None:
        service = self.ui.app.exercises
        self.filters.set_facets(service.facets())
        problems = service.problems()
        if problems:
            count = len(problems)
            self.problems_summary.setText(
                f"{count} exercise{' was' if count == 1 else 's were'} left out because "
                f"{'its file has' if count == 1 else 'their files have'} a mistake. "
                "The rest of the library is fine."
            )
            self.problems_details.setPlainText("\n".join(str(p) for p in problems))
        self.problems.setVisible(bool(problems))
        self.apply_filters()

    # --- browsing ------------------------------------------------------------------------------

    def apply_filters(self) -> None:
        if not self._loaded:
            return
        service = self.ui.app.exercises
        current = self._current_id()
        found = service.search(self.filters.query())
        self.model.set_exercises(found)
        self.filters.show_count(len(found), len(service.all()))
        nothing = not found
        self.grid.setVisible(not nothing)
        self.empty.setVisible(nothing)
        if nothing:
            text = self.filters.query().text.strip()
            self.empty_message.setText(
                f"No exercises match “{text}”." if text else "No exercises match these filters."
            )
            return
        row = self.model.row_of(current) if current else None
        self.grid.setCurrentIndex(self.model.index(row or 0, 0))

    def _current_id(self) -> str | None:
        index = self.grid.currentIndex()
        return self.model.exercise(index.row()).id if index.isValid() else None

    def focus_search(self) -> None:
        self.show_browse()
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def focus_grid(self) -> None:
        if self.model.rowCount():
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.grid.currentIndex().isValid():
                self.grid.setCurrentIndex(self.model.index(0, 0))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_exercise(self.model.exercise(index.row()))

    def open_exercise(self, exercise: Exercise) -> None:
        service = self.ui.app.exercises
        easier, harder = service.easier(exercise.id), service.harder(exercise.id)
        self.detail.show_exercise(exercise, self._add_is_wired(), easier, harder)
        self.stack.setCurrentWidget(self.detail)
        self.detail.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_step(self, exercise_id: str) -> None:
        """Open the easier or harder exercise the detail links to."""
        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is not None:
            self.open_exercise(exercise)

    def show_browse(self) -> None:
        if self.stack.currentWidget() is self.detail:
            self.detail.stop()
            self.stack.setCurrentIndex(0)
            self.focus_grid()

    def _add_is_wired(self) -> bool:
        signal = QMetaMethod.fromSignal(self.add_to_programme_requested)
        return self.isSignalConnected(signal)

    # --- the user's own exercises --------------------------------------------------------------

    def add_custom(self) -> None:
        from coach.ui.library.custom_dialog import CustomExerciseDialog

        dialog = CustomExerciseDialog(self.ui, parent=self.window())
        dialog.saved.connect(self._saved)
        dialog.open()

    def edit_custom(self, exercise_id: str) -> None:
        from coach.ui.library.custom_dialog import CustomExerciseDialog

        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is None:
            return
        dialog = CustomExerciseDialog(self.ui, exercise, parent=self.window())
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, exercise_id: str) -> None:
        self.refresh()
        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is not None:
            self.open_exercise(exercise)

    def confirm_delete(self, exercise_id: str) -> None:
        exercise = self.ui.app.exercises.get(exercise_id)
        if exercise is None:
            return
        self.delete_box = confirm(
            self.window(),
            "Delete this exercise?",
            f"Delete “{exercise.name}” from your library?\n\nProgrammes and records that "
            "already use it keep its name and instructions.",
            "Delete",
            lambda: self.delete_custom(exercise_id),
        )

    def delete_custom(self, exercise_id: str) -> None:
        # Not the initiator: the library reloads from the published change like any page.
        mutate(
            self.ui,
            None,
            lambda app: app.exercises.delete_custom(exercise_id),
            on_done=lambda _: self.show_browse(),
            title="Could not delete",
        )


def create_page(ui: UiContext) -> Page:
    return LibraryPage(ui)
