"""What the Qt side hands to every page and dialog instead of a global main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from coach.domain.clock import Clock, SystemClock
from coach.services.changes import Area, Changes
from coach.ui.hub import ChangeHub
from coach.ui.navigator import Navigator
from coach.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from coach.services.context import AppContext, PatientContext


class UiContext:
    """The services, the change hub, the task runner, the navigator and the dialogs' window.

    The services may arrive after the window: when the first screen is shown from the start-up
    cache (coach.services.first_screen), the database layer loads only after the first paint.
    Until `attach`, `ready` is False, pages do not reload and `app` must not be used.
    """

    def __init__(
        self,
        hub: ChangeHub,
        tasks: TaskRunner,
        app: AppContext | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.hub = hub
        self.tasks = tasks
        self._app = app
        self._clock = clock or SystemClock()  # until the services are open
        self.window: QWidget | None = None  # parent for dialogs; set once the main window exists
        self.navigator = Navigator()

    @property
    def ready(self) -> bool:
        return self._app is not None

    @property
    def app(self) -> AppContext:
        if self._app is None:
            raise RuntimeError("the services are used before they were opened")
        return self._app

    @property
    def clock(self) -> Clock:
        """The services' clock once they are open; before, the one they will be opened with."""
        return self._app.clock if self._app is not None else self._clock

    def attach(self, context: AppContext) -> None:
        self._app = context

    @property
    def patient(self) -> PatientContext | None:
        """The open patient's services: in a patient's copy its one patient; in a therapist's
        copy the patient opened last, else the first on the caseload, or None when it is empty
        (pages then show their empty state)."""
        app = self.app
        if app.opened_patient_id is None and not app.profile_is_patient():
            first = app.patients.first_id()
            if first is None:
                return None
            return app.open_patient(first)
        return app.opened_patient()

    @property
    def scope(self) -> PatientContext:
        """What a page shows and a dialog writes to, taken when it loads or opens: the open
        patient, or in a therapist's copy without patients the empty scope (it reads nothing and
        refuses writes with NoPatientError). Keep the result: a dialog still open after a switch
        of patient goes on acting for the one it was opened for."""
        from coach.services.context import NO_PATIENT

        return self.patient or self.app.patient(NO_PATIENT)

    def open_patient(self, patient_id: int) -> None:
        """Switch to another patient: every page shows that patient's records from now on."""
        self.app.open_patient(patient_id)
        self.apply(Changes.of(Area.EVERYTHING, Area.PATIENTS))

    def apply(self, changes: Changes) -> None:
        """Publish what a service call changed, so every page can refresh."""
        self.hub.publish(changes)
