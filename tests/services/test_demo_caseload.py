"""The therapist's demo caseload: about 25 invented patients, each Patients-page flag shown."""

from __future__ import annotations

from collections import Counter

from coach.domain.profile import Role
from coach.services.caseload import Flag
from coach.services.context import AppContext
from coach.services.demo_caseload import seed_caseload


def test_the_demo_caseload_shows_every_flag_and_varied_adherence(context: AppContext) -> None:
    made: list[tuple[int, int]] = []
    seed_caseload(context, progress=lambda done, of: made.append((done, of)))
    assert made == [(done, 25) for done in range(1, 26)]
    profile = context.profile.get()
    assert profile is not None and profile.role is Role.THERAPIST
    entries = context.caseload.entries()
    assert len(entries) == 25
    identifiers = {entry.figures.identifier for entry in entries}
    assert identifiers == {f"DEMO-{1001 + index}" for index in range(25)}
    flags = Counter(flag for entry in entries for flag in entry.flags)
    assert set(flags) == set(Flag)
    # Not everyone is flagged, or "needs attention" would say nothing.
    assert sum(1 for entry in entries if not entry.flags) >= 5
    adherence_28 = sorted(e.last_28.fraction for e in entries if e.last_28 is not None)
    assert adherence_28[-1] > 2 * adherence_28[0]  # adherence differs from patient to patient
    trends = {entry.pain_trend for entry in entries}
    assert len(trends) > 5
