"""The demo's programmes: the therapist's extension programme with one edit in its history,
and the evening core programme; both valid and active today."""

from __future__ import annotations

from datetime import timedelta

from coach.services.context import AppContext
from coach.services.demo_diary import DAYS
from coach.services.demo_programmes import EDIT_AFTER_DAYS, seed_programmes


def test_demo_programmes_have_a_history_that_the_edit_left_alone(patient: AppContext) -> None:
    mine = patient.own_patient()
    seed_programmes(mine)
    service = mine.programmes
    today = service.today()
    by_name = {p.name: p for p in service.active_on(today)}
    extension = by_name["Low back: extension exercises"]
    core = by_name["Evening core"]
    start = today - timedelta(days=DAYS - 1)
    assert extension.start_date == start and extension.author.name == "Alex Morgan"
    assert extension.id is not None and core.id is not None
    edit = start + timedelta(days=EDIT_AFTER_DAYS)
    assert service.version_days(extension.id) == [start, edit]
    before = {p.item.exercise_id for p in service.prescription_on(edit - timedelta(days=1))}
    after = {p.item.exercise_id for p in service.prescription_on(edit)}
    assert "prone-on-elbows" in before and "prone-on-elbows" not in after
    assert len(core.items) == 2 and not core.is_long and not extension.is_long
