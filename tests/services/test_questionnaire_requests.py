"""Which measures a copy offers, and what each programme asks for (kept in one setting)."""

from __future__ import annotations

import pytest

from coach.domain.outcomes import Instrument
from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.services.settings import QUESTIONNAIRES_ASKED

ODI, NDI = Instrument.ODI, Instrument.NDI


def test_a_patient_is_offered_what_any_programme_asks_for(patient: AppContext) -> None:
    service = patient.questionnaires
    assert service.offered() == (Instrument.NPRS, Instrument.PSFS)
    service.add_asked("back", frozenset({ODI}))
    service.add_asked("neck", frozenset({NDI}))
    assert service.offered() == (Instrument.NPRS, Instrument.PSFS, ODI, NDI)
    service.add_asked("back", frozenset())  # a later import asking nothing takes nothing away
    assert service.asked("back") == {ODI}


def test_ticking_off_removes_only_that_programme(patient: AppContext) -> None:
    service = patient.questionnaires
    service.set_asked("back", frozenset({ODI, NDI}))
    service.set_asked("neck", frozenset({NDI}))
    service.set_asked("back", frozenset())
    assert service.asked("back") == frozenset()
    assert service.offered()[2:] == (NDI,)
    assert patient.settings.get(QUESTIONNAIRES_ASKED) == '{"neck":["ndi"]}'


@pytest.mark.parametrize("spoiled", ['{"back": "odi"', '["odi"]', '{"back": [["odi"], 3]}'])
def test_a_spoiled_setting_offers_only_nprs_and_psfs(patient: AppContext, spoiled: str) -> None:
    patient.settings.set(QUESTIONNAIRES_ASKED, spoiled)
    assert patient.questionnaires.offered() == (Instrument.NPRS, Instrument.PSFS)


def test_a_therapist_copy_offers_all_four(context: AppContext) -> None:
    context.profile.welcome("Dr Lee", Role.THERAPIST, accepted_notice=True)
    assert context.questionnaires.offered() == tuple(Instrument)
