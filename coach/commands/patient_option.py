"""`--patient ID` on the commands that act on one patient's records (report, handout, export,
programme list / export / import).

A patient's copy has one patient, so the option is never needed there. A therapist's copy with
more than one patient must say which: the identifier or the uid that `coach patients list`
shows. Without it the command stops with one sentence instead of guessing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coach.domain.errors import UserError

if TYPE_CHECKING:
    from coach.services.context import AppContext, PatientContext


class PatientNeeded(UserError):
    """A copy with a caseload, and no --patient to say whose records."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"This copy holds {count} patients: say whose records with --patient ID "
            "(an identifier or uid from `coach patients list`)."
        )


def add_patient_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--patient",
        metavar="ID",
        help="the patient's identifier or uid (needed when the copy holds more than one)",
    )


def chosen_patient(
    context: AppContext, args: argparse.Namespace, *, for_writing: bool = False
) -> PatientContext:
    """The patient --patient names, or the only one; refuse to guess among several. A copy
    without patients gives its own (empty) scope, or with `for_writing` the patient a copy not
    yet set up keeps for its user (AppContext.own_patient_for_writing)."""
    chosen = getattr(args, "patient", None)
    if chosen:
        return context.patient(context.patients.find(chosen).id)
    active = context.patients.list()
    if len(active) > 1:
        raise PatientNeeded(len(active))
    if active:
        return context.patient(active[0].id)
    return context.own_patient_for_writing() if for_writing else context.own_patient()
