"""The caseload's "exercises done" is the Progress page's adherence, patient by patient.

The caseload reads every patient's credit in one statement (coach.store.caseload_credit); the
Progress page reads one patient's through the ledger (ProgressService.adherence). On histories
built to exercise every rule of the ledger (tests/caseloads.py: days skipped entirely, partial
work, more logged than prescribed, fixed weekdays, a flexible "N days a week" item, a version
changed mid-window, one changed before it, an archived programme, an ended one, logs outside
any programme) both must give the same figures for the last 7 and the last 28 days.
tests/store/test_postgres.py checks the same on PostgreSQL. The clock stands on Wednesday
11 March 2026 (tests/conftest.py).
"""

from __future__ import annotations

from caseloads import check_against_progress, make_adherence_caseload

from coach.services.context import AppContext
from tests.adherence_sums import assert_summary_exact


def test_the_caseload_figures_are_the_progress_pages(context: AppContext) -> None:
    check_against_progress(context, make_adherence_caseload(context))


def test_the_summary_both_read_is_what_the_logs_add_up_to(context: AppContext) -> None:
    # The caseload and the Progress page both cap the sums in adherence_day, so their agreement
    # above says nothing about that table; here it is checked against the logs themselves.
    make_adherence_caseload(context)
    with context.store.engine.connect() as conn:
        assert_summary_exact(conn)


def test_days_without_a_session_count_as_nothing_done(context: AppContext) -> None:
    ids = make_adherence_caseload(context)
    entry = next(e for e in context.caseload.entries() if e.figures.patient_id == ids["Skipper"])
    # Three sessions a day prescribed on each of the last seven days; only the fifth day back
    # had any, and its extra bridges and plank earn nothing beyond that day's three.
    assert entry.last_7 is not None
    assert (entry.last_7.prescribed, entry.last_7.done, entry.last_7.full) == (21, 3, 3)
    # Over 28 days the skipped days weigh too: less than what was logged would suggest.
    assert entry.last_28 is not None and entry.last_28.prescribed == 84
    assert entry.last_28.fraction < 0.7


def test_nothing_prescribed_gives_no_figure(context: AppContext) -> None:
    ids = make_adherence_caseload(context)
    entries = {e.figures.patient_id: e for e in context.caseload.entries()}
    for name in ("Starts Tomorrow", "No Programme"):
        assert entries[ids[name]].last_7 is None and entries[ids[name]].last_28 is None


def test_an_ended_programme_prescribes_up_to_its_end_as_its_last_version_had_it(
    context: AppContext,
) -> None:
    ids = make_adherence_caseload(context)
    entry = next(e for e in context.caseload.entries() if e.figures.patient_id == ids["Ended"])
    # Ended ten days ago: nothing in the last seven. Of the 28 days, seven under the version of
    # 40 days ago (two bridges and a plank a day) and eleven under the one of 20 days ago (two
    # planks); each day's extra work earns nothing beyond that.
    assert entry.last_7 is None
    assert entry.last_28 is not None
    assert (entry.last_28.prescribed, entry.last_28.done) == (7 * 3 + 11 * 2, 7 * 3 + 11 * 2)
