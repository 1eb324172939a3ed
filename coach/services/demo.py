"""An example patient for `coach --demo` and `coach demo`: a made-up person, never real data.

The seed grows as features arrive; each part is written through the same services the GUI uses,
so the demo also exercises validation.
"""

from __future__ import annotations

from coach.domain.errors import UserError
from coach.domain.profile import Role
from coach.services.changes import Area, Changes
from coach.services.context import AppContext
from coach.services.demo_diary import seed_diary
from coach.services.demo_programmes import THERAPIST, seed_programmes
from coach.services.demo_sessions import seed_sessions
from coach.store.engine import unsynced_writes

DEMO_NAME = "Sam Example"


class AlreadySetUpError(UserError, RuntimeError):
    """Demo data goes only into an empty data folder."""


def seed_demo(context: AppContext) -> Changes:
    if context.profile.is_set_up:
        raise AlreadySetUpError(
            "this data folder already has a profile; demo data goes only into an empty one"
        )
    with unsynced_writes(context.store.engine):  # invented rows: see unsynced_writes
        changes = context.profile.welcome(DEMO_NAME, Role.PATIENT, accepted_notice=True)
        changes |= context.profile.update(
            name=DEMO_NAME,
            role=Role.PATIENT,
            timezone=context.profile.timezone_name(),
            patient_identifier="DEMO-0001",
            therapist_name=THERAPIST.name,
            clinic=THERAPIST.clinic,
            contact=THERAPIST.contact,
        )
        patient = context.own_patient()  # made now, named as the profile
        changes |= seed_diary(patient)
        changes |= seed_programmes(patient)
        # After the programmes: the session history follows whatever programmes the demo holds.
        changes |= seed_sessions(patient)
        return changes | Changes.of(Area.EVERYTHING)
