"""The one way the GUI changes data (the pattern of Anki's CollectionOp).

Every mutation a page, dialog or window starts goes through `mutate`:

    mutate(self.ui, self, lambda app: app.profile.update(...), on_done=self._saved,
           fields=self.errors)

and a change to one patient's records through `mutate_for`, handed the PatientContext that the
page loaded or the dialog opened with (`UiContext.scope`, kept then), never the one open now:

    mutate_for(self.ui, self.patient, self, lambda patient: patient.diary.add_pain(entry))

It calls the service with the AppContext (or that PatientContext), and then
- on a UserError, shows it once, the same way everywhere: beside the field it names when the
  caller registered that field (`fields`), otherwise in a warning box over the caller's window.
  Nothing else happens: the service wrote nothing.
- on success, finds the `Changes` in what the service returned (a Changes, or a record or tuple
  carrying one) and publishes it tagged with the initiator, so every other page refreshes and the
  initiating page, which updates itself in `on_done`, skips its own echo.
Anything else raised is a bug and propagates to the crash handler (coach.ui.crash).

tests/ui/test_ops_only.py reads coach/ui and fails on a mutating service call made anywhere but
inside a `mutate` or `mutate_for` call, so a new page cannot bypass this by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from coach.domain.errors import UserError
from coach.services.changes import Changes
from coach.ui.errors import show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from coach.services.context import AppContext, PatientContext
    from coach.ui.context import UiContext

R = TypeVar("R")

GENERIC_TITLE = "Coach could not do that"


class FieldSink(Protocol):
    """A form that can show a message beside one of its fields (see ui/diary/field_errors.py)."""

    def show_field_error(self, error: UserError) -> bool:
        """Show `error` in the form (at its field, or the form's general message) and return
        True; return False to have it shown in a box instead."""
        ...


def mutate(
    ui: UiContext,
    initiator: object | None,
    call: Callable[[AppContext], R],
    *,
    on_done: Callable[[R], None] | None = None,
    fields: FieldSink | None = None,
    title: str | None = None,
    in_background: bool = False,
    on_refused: Callable[[UserError], None] | None = None,
) -> R | None:
    """Run one user action's service call; see the module docstring.

    `initiator` is the page or widget that asked (None for the window itself); `title` heads the
    warning box when the error has no title of its own. Returns the service's result, or None
    when the service refused (services never return None).

    `in_background` runs the call on the task runner (coach.ui.tasks), for one that takes
    seconds (importing a year of progress): the call returns None at once, and the refusal,
    the publishing and `on_done` happen on the GUI thread when it finishes. `on_refused` is
    called after a refusal is shown, so the caller can offer its controls again.
    """
    if in_background:

        def refused(error: Exception) -> None:
            if not isinstance(error, UserError):
                raise error  # a bug: the crash handler reports it
            report(ui, initiator, error, fields=fields, title=title)
            if on_refused is not None:
                on_refused(error)

        ui.tasks.run(
            lambda: call(ui.app), lambda result: _publish(ui, initiator, result, on_done), refused
        )
        return None
    try:
        result = call(ui.app)
    except UserError as error:
        report(ui, initiator, error, fields=fields, title=title)
        if on_refused is not None:
            on_refused(error)
        return None
    _publish(ui, initiator, result, on_done)
    return result


def _publish(
    ui: UiContext, initiator: object | None, result: R, on_done: Callable[[R], None] | None
) -> None:
    changes = changes_in(result)
    if changes:
        ui.hub.publish(changes, initiator)
    if on_done is not None:
        on_done(result)


def mutate_for(
    ui: UiContext,
    patient: PatientContext,
    initiator: object | None,
    call: Callable[[PatientContext], R],
    *,
    on_done: Callable[[R], None] | None = None,
    fields: FieldSink | None = None,
    title: str | None = None,
) -> R | None:
    """`mutate` for one patient's records: `call` gets `patient`, the one the caller was opened
    for, so a switch to another patient meanwhile cannot send the write to them."""
    return mutate(
        ui, initiator, lambda _app: call(patient), on_done=on_done, fields=fields, title=title
    )


def report(
    ui: UiContext,
    initiator: object | None,
    error: UserError,
    *,
    fields: FieldSink | None = None,
    title: str | None = None,
) -> QMessageBox | None:
    """Show a refusal at its field if the form has it, otherwise in a box; returns the box.

    Also for errors that arrive from a background task (TaskRunner's on_error).
    """
    if fields is not None and fields.show_field_error(error):
        return None
    parent = initiator.window() if isinstance(initiator, QWidget) else ui.window
    return show_error(parent, error.title or title or GENERIC_TITLE, error.message)


def changes_in(result: object) -> Changes:
    """The Changes a service call returned: itself, a record's `.changes`, or in a tuple."""
    if isinstance(result, Changes):
        return result
    carried = getattr(result, "changes", None)
    if isinstance(carried, Changes):
        return carried
    if isinstance(result, tuple):
        found = Changes()
        for part in result:
            found |= changes_in(part)
        return found
    return Changes()
