"""The Today view and the first screen kept between runs: built from the data, true for the days
it names, and ignored as soon as the database has been written to."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from caseloads import make_caseload
from histories import Done, History, Item

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.domain.profile import Role
from coach.services import first_screen, kept_caseload
from coach.services.context import AppContext
from coach.services.settings import TEXT_SCALE
from coach.services.today_view import from_json, to_json

MONDAY = date(2026, 3, 9)  # the conftest clock is Wednesday 11 March 2026


def seeded(context: AppContext) -> AppContext:
    """A patient with a programme since Monday and sessions on Monday and today."""
    context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
    history = History(context.store.engine)
    programme_id = history.programme(
        MONDAY, [Item("prone-press-up", times_per_day=2), Item("bridge")], name="Back"
    )
    history.session(MONDAY, programme_id, [Done("prone-press-up"), Done("bridge")])
    history.session(MONDAY + timedelta(days=2), programme_id, [Done("prone-press-up")])
    return context


def test_the_view_says_what_today_holds(context: AppContext) -> None:
    view = seeded(context).own_patient().today.view(context.profile.today())
    assert view.name == "Robin" and view.has_active_programme and not view.checked_in
    [programme] = view.programmes
    assert programme.name == "Back"
    assert [(i.name, i.progress, i.done) for i in programme.items] == [
        ("Press-up lying face down", "1 of 2 sessions done", False),
        ("Bridge", "0 of 1 session done", False),
    ]
    assert [d.first for d in view.week_days] == [MONDAY + timedelta(days=n) for n in range(3)]
    assert view.week is not None and view.week.prescribed == 9


def test_the_view_survives_its_file_format(context: AppContext) -> None:
    view = seeded(context).own_patient().today.view(context.profile.today())
    assert from_json(json.loads(json.dumps(to_json(view)))) == view


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("programmes"),
        lambda d: d.update(name=3),
        lambda d: d.update(day="yesterday"),
        lambda d: d["programmes"][0].update(id=True),
        lambda d: d["programmes"][0]["items"][0].append("extra"),
    ],
)
def test_a_damaged_view_is_refused(context: AppContext, damage: object) -> None:
    data = to_json(seeded(context).own_patient().today.view(context.profile.today()))
    damage(data)  # type: ignore[operator]
    with pytest.raises((KeyError, TypeError, ValueError)):
        from_json(data)


def test_a_view_built_ahead_is_what_that_day_shows(context: AppContext, clock: ManualClock) -> None:
    seeded(context)
    today = context.profile.today()
    ahead = [context.own_patient().today.view(today + timedelta(days=n)) for n in (1, 5)]
    clock.advance(timedelta(days=1).total_seconds())
    assert context.own_patient().today.view(context.profile.today()) == ahead[0]
    clock.advance(timedelta(days=4).total_seconds())  # Monday: a new week
    assert context.own_patient().today.view(context.profile.today()) == ahead[1]
    assert len(ahead[1].week_days) == 1


def keep_and_close(data_dir: Path, clock: ManualClock) -> AppContext:
    context = build_context(data_dir, clock=clock)
    screen = first_screen.capture(context)
    context.close(backup=False)
    assert context.paths is not None
    first_screen.save(context.paths.database, screen)
    return context


def test_the_kept_screen_holds_while_the_database_is_untouched(
    data_dir: Path, clock: ManualClock
) -> None:
    context = build_context(data_dir, clock=clock)
    seeded(context).settings.set(TEXT_SCALE, 1.25)
    context.close(backup=False)
    closed = keep_and_close(data_dir, clock)
    assert closed.paths is not None
    database = closed.paths.database
    kept = first_screen.load(database)
    assert kept is not None
    assert (kept.time_zone, kept.text_scale) == ("UTC", 1.25)
    today = date(2026, 3, 11)
    assert [v.day for v in kept.views] == [today + timedelta(days=n) for n in range(3)]
    assert kept.view_on(today) is not None and kept.view_on(today - timedelta(days=1)) is None
    assert first_screen.load(database) == kept  # reading it changes nothing
    assert stat.S_IMODE(os.stat(database.with_name(first_screen.FILE_NAME)).st_mode) == 0o600

    again = build_context(data_dir, clock=clock)  # opening and reading alone changes nothing
    assert again.profile.get() is not None
    again.close(backup=False)
    assert first_screen.load(database) == kept

    written = build_context(data_dir, clock=clock)
    written.settings.set(TEXT_SCALE, 1.5)
    written.close(backup=False)
    assert first_screen.load(database) is None


def test_nothing_is_kept_before_the_welcome(data_dir: Path, clock: ManualClock) -> None:
    context = build_context(data_dir, clock=clock)
    assert context.paths is not None
    (context.paths.root / first_screen.FILE_NAME).write_text("{}", encoding="utf-8")
    context.close(backup=False)
    keep_and_close(data_dir, clock)
    assert not (context.paths.root / first_screen.FILE_NAME).exists()


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[]", '{"format": 99}', '{"format": 1, "database": null}'],
)
def test_a_foreign_or_damaged_file_is_ignored(
    data_dir: Path, clock: ManualClock, text: str
) -> None:
    context = build_context(data_dir, clock=clock)
    seeded(context)
    context.close(backup=False)
    closed = keep_and_close(data_dir, clock)
    assert closed.paths is not None
    kept_file = closed.paths.root / first_screen.FILE_NAME
    data = json.loads(kept_file.read_text(encoding="utf-8"))
    data["views"][0]["programmes"] = "Back"
    kept_file.write_text(json.dumps(data), encoding="utf-8")
    assert first_screen.load(closed.paths.database) is None
    kept_file.write_text(text, encoding="utf-8")
    assert first_screen.load(closed.paths.database) is None


def test_a_therapists_caseload_is_kept_as_the_page_shows_it_on_each_day(
    data_dir: Path, clock: ManualClock
) -> None:
    context = build_context(data_dir, clock=clock)
    make_caseload(context)
    ann = next(e for e in context.caseload.entries() if e.figures.name == "Ann Example")
    born = date(1970, 5, 17)
    context.patients.update(ann.figures.patient_id, name="Ann Example", date_of_birth=born)
    today = context.profile.today()
    screen = first_screen.capture(context, caseload=True)
    assert screen is not None and screen.views == ()  # no patient's Today beside the caseload
    ahead = [context.caseload.entries(on=today + timedelta(days=n)) for n in range(3)]
    context.close(backup=False)
    assert context.paths is not None
    first_screen.save(context.paths.database, screen)
    kept = first_screen.load(context.paths.database)
    assert kept is not None
    for n, entries in enumerate(ahead):
        assert kept.caseload_on(today + timedelta(days=n)) == [
            replace(e, figures=replace(e.figures, date_of_birth=None)) for e in entries
        ]
    assert kept.caseload_on(today + timedelta(days=3)) is None
    text = (context.paths.root / first_screen.FILE_NAME).read_text(encoding="utf-8")
    assert "1970" not in text  # not shown on the page, so not kept


def test_a_caseload_of_archived_patients_alone_is_not_kept(context: AppContext) -> None:
    make_caseload(context)
    for entry in context.caseload.entries():
        context.patients.archive(entry.figures.patient_id)
    assert first_screen.capture(context, caseload=True) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: row.pop(),
        lambda row: row.append("extra"),
        lambda row: row.__setitem__(0, True),
        lambda row: row.__setitem__(1, None),
        lambda row: row.__setitem__(5, "last week"),
        lambda row: row.__setitem__(8, "-2"),
        lambda row: row.__setitem__(10, 1),
        lambda row: row.__setitem__(7, ["2026-03-01", "2026-03-28", 1.0]),
        lambda row: row.__setitem__(7, "71 %"),
    ],
)
def test_a_damaged_caseload_row_is_refused(context: AppContext, damage: object) -> None:
    make_caseload(context)
    row = kept_caseload.to_json(context.caseload.entries()[0])
    assert kept_caseload.from_json(list(row)).figures.name == "Ann Example"
    damage(row)  # type: ignore[operator]
    with pytest.raises((TypeError, ValueError)):
        kept_caseload.from_json(row)
