"""The first screen of the next start, kept in a small file so the window can show it at once.

Importing SQLAlchemy and opening the database take most of Coach's start-up: the window alone
paints in about a third of the time. So at a clean exit, once the database is closed, Coach keeps
what the Today page will show on the next few days, with the window's place and the text size,
and the database file's identity (size, modification time, inode). The next start shows that
straight away if the file is exactly as it was left and today is one of the days kept; the
services then load and the page reloads from the database. Any write in between (by Coach, the
command line, a restore or another program) changes the file's identity, and the cache is ignored.
A therapist's copy left on the Patients page keeps that page's table instead, for the same days
(kept_caseload.py): the figures depend only on the data and the day.

Nothing here imports the database layer. The file sits in the data folder with the database's
permissions (0600); losing it costs only speed. It holds names and figures already in the
database, never more.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.services.settings import LAST_PAGE, TEXT_SCALE, WINDOW_GEOMETRY

if TYPE_CHECKING:
    from coach.services.caseload import CaseloadEntry
    from coach.services.context import AppContext
    from coach.services.kept_caseload import KeptCaseload
    from coach.services.today_view import TodayView

FILE_NAME = "first-screen.json"
FORMAT = 4  # 2: names the patient shown; 3: and whether a therapist keeps it; 4: the caseload
DAYS_KEPT = 3  # today and the next two days: Coach is usually opened again within that


@dataclass(frozen=True)
class FirstScreen:
    time_zone: str
    text_scale: float
    geometry: str
    last_page: str
    views: tuple[TodayView, ...]
    patient_id: int  # whose Today this is: the screen is shown only if that patient opens
    therapist: bool = False  # a therapist's copy: its window has the Patients page and banner
    caseloads: tuple[KeptCaseload, ...] = ()  # kept when a therapist's copy opens on Patients

    def view_on(self, day: date) -> TodayView | None:
        return next((view for view in self.views if view.day == day), None)

    def caseload_on(self, day: date) -> list[CaseloadEntry] | None:
        """The Patients page's entries as of `day`, flagged as the page flags them."""
        kept = next((caseload for caseload in self.caseloads if caseload.day == day), None)
        return None if kept is None else kept.entries()


def capture(app: AppContext, *, caseload: bool = False) -> FirstScreen | None:
    """What the next start should show, from the open patient's services, and with `caseload`
    (a therapist's copy that opens on the Patients page) the caseload's figures; None before
    the welcome, or in a therapist's copy without active patients."""
    if not app.profile.is_set_up:
        return None
    unopened = app.opened_patient_id is None and not app.profile_is_patient()
    if unopened and app.patients.first_id() is None:
        return None
    patient = app.opened_patient()
    today = app.profile.today()
    days = [today + timedelta(days=n) for n in range(DAYS_KEPT)]
    views: tuple[TodayView, ...] = ()
    caseloads: tuple[KeptCaseload, ...] = ()
    if caseload:  # the window opens on the Patients page: no patient's Today is kept then
        from coach.services.kept_caseload import KeptCaseload

        caseloads = tuple(KeptCaseload(day, tuple(app.caseload.entries(on=day))) for day in days)
        if not caseloads[0].rows:
            return None  # only archived patients: the page asks the database what to show
    else:
        views = tuple(patient.today.view(day) for day in days)
    return FirstScreen(
        time_zone=app.profile.timezone_name(),
        text_scale=app.settings.get(TEXT_SCALE),
        geometry=app.settings.get(WINDOW_GEOMETRY),
        last_page=app.settings.get(LAST_PAGE),
        views=views,
        patient_id=patient.patient_id,
        therapist=not app.profile_is_patient(),
        caseloads=caseloads,
    )


def save(database: Path, screen: FirstScreen | None) -> None:
    """Keep `screen` beside the closed database (or drop the old one when there is none)."""
    target = database.with_name(FILE_NAME)
    if screen is None:
        target.unlink(missing_ok=True)
        return
    data = {
        "format": FORMAT,
        "database": fingerprint(database),
        "time_zone": screen.time_zone,
        "text_scale": screen.text_scale,
        "geometry": screen.geometry,
        "last_page": screen.last_page,
        "views": _views_json(screen.views),
        "patient_id": screen.patient_id,
        "therapist": screen.therapist,
        "caseloads": _caseloads_json(screen.caseloads),
    }
    partial = target.with_name(FILE_NAME + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(partial, target)


def load(database: Path) -> FirstScreen | None:
    """The kept screen if the database is exactly as it was when the screen was kept."""
    try:
        with open(database.with_name(FILE_NAME), encoding="utf-8") as source:
            data = json.load(source)
        if data["format"] != FORMAT or data["database"] != fingerprint(database):
            return None
        return FirstScreen(
            time_zone=str(data["time_zone"]),
            text_scale=float(data["text_scale"]),
            geometry=str(data["geometry"]),
            last_page=str(data["last_page"]),
            views=_views(data["views"]),
            patient_id=int(data["patient_id"]),
            therapist=data["therapist"] is True,
            caseloads=_caseloads(data["caseloads"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no file, or one from another version or damaged: start the usual way


def _views_json(views: tuple[TodayView, ...]) -> list[Any]:
    if not views:
        return []
    from coach.services.today_view import to_json

    return [to_json(view) for view in views]


def _views(raw: Any) -> tuple[TodayView, ...]:
    """The kept Today views; a caseload's screen has none, and then nothing more is imported."""
    if raw == []:
        return ()
    from coach.services.today_view import from_json

    return tuple(from_json(view) for view in raw)


def _caseloads_json(caseloads: tuple[KeptCaseload, ...]) -> list[Any]:
    if not caseloads:
        return []
    from coach.services.kept_caseload import caseload_json

    return [caseload_json(kept) for kept in caseloads]


def _caseloads(raw: Any) -> tuple[KeptCaseload, ...]:
    """The kept caseloads; a patient's screen has none, and then nothing more is imported."""
    if raw == []:
        return ()
    from coach.services.kept_caseload import caseload_from_json

    return tuple(caseload_from_json(kept) for kept in raw)


def fingerprint(database: Path) -> list[Any]:
    """The identity of the database and its write-ahead log: changed by any write. (Not the
    change time: opening the database re-applies its permissions, which touches it.)"""
    parts: list[Any] = []
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            found = path.stat()
        except FileNotFoundError:
            parts.append(None)
            continue
        parts.append([found.st_size, found.st_mtime_ns, found.st_ino])
    return parts
