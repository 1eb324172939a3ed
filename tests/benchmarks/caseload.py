"""A large caseload: how fast are the caseload figures and the Patients page, and how much memory?

Generates, into a temporary therapist's copy, N made-up patients (500 by default) with a year of
history each: one programme of eight exercises four times a day, about 8,000 exercise logs a
patient (some partial or skipped, some days missed), pain rated most days, and a few symptom
answers. Rows go in with executemany through SQLAlchemy core, one transaction per patient, and
each patient's per-day adherence summary (adherence_day) is then rebuilt from those logs.

Then prints, alternating the runs so machine load affects both sides alike:
- the caseload figures (CaseloadService.entries: adherence as done over prescribed, capped per
  item and day, with every flag) against a bare SQL query that sums done and prescribed sets per
  patient over the same 28 days (`bare_query`; goal: ratio <= 2);
- the Patients page from construction to the table's first paint, every figure filled, against
  the same bare query (goal: ratio <= 2), and how much of it was reading the figures (timed
  inside the page's own read) and how much the widgets, model, sizing and painting;
- peak resident memory (resource.getrusage) of this process with N patients, against a fresh
  process that does the same with one patient.
It reports; it does not assert (timings are not tests).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/caseload.py [--patients N] [--runs N]
        [--keep DIR]

With --keep the patients are generated into DIR once and opened from there on later runs with
the same --patients, so that iterating on the code does not pay for seeding every time.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from history import EXERCISES, alternate, median_ms, paint_spy  # the sibling script (on sys.path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 3, 11)
DAYS = 365
CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def generate_patient(conn: Any, index: int, rng: random.Random) -> int:
    """One patient's year; returns the number of exercise logs written."""
    from sqlalchemy import insert

    from coach.store import adherence_days, progress_days
    from coach.store.schema import (
        exercise_log,
        exercise_session,
        pain_entry,
        patient,
        programme,
        programme_item,
        programme_version,
        symptom_response,
    )

    first = TODAY - timedelta(days=DAYS - 1)
    made = conn.execute(
        insert(patient).values(
            uid=f"bench-patient-{index}",
            name=f"Patient {index:04d} Example",
            identifier=f"BENCH-{index}",
            created_at=CREATED,
            updated_at=CREATED,
        )
    ).inserted_primary_key
    pid = int(made[0])
    programme_id = conn.execute(
        insert(programme).values(
            uid=f"bench-programme-{index}",
            name="Back care (benchmark)",
            start_date=first,
            review_date=TODAY + timedelta(days=rng.randint(-10, 40)),
            created_at=CREATED,
            patient_id=pid,
        )
    ).inserted_primary_key[0]
    version_id = conn.execute(
        insert(programme_version).values(
            programme_id=programme_id, effective_from=first, created_at=CREATED
        )
    ).inserted_primary_key[0]
    conn.execute(
        insert(programme_item),
        [
            {
                "version_id": version_id,
                "position": position,
                "exercise_id": exercise,
                "sets": 2,
                "reps": 10,
                "hold_s": 2.0,
                "rest_s": 30.0,
                "move_s": 2.0,
                "return_s": 2.0,
                "sides": "none",
                "times_per_day": 4,
                "days_mask": 127,
                "days_per_week": None,
            }
            for position, exercise in enumerate(EXERCISES)
        ],
    )
    adherence = rng.uniform(0.45, 0.95)
    quiet_from = DAYS - rng.choice((0, 0, 0, 0, 10))  # a few have stopped for ten days
    sessions: list[dict[str, Any]] = []
    logs: list[dict[str, Any]] = []
    pains: list[dict[str, Any]] = []
    session_id_base = pid * 10_000
    for n in range(DAYS):
        day = first + timedelta(days=n)
        level = 6.0 - 3.0 * n / DAYS + rng.uniform(-1, 1)
        if n < quiet_from and rng.random() < adherence + 0.05:
            for hour in (8, 12, 16, 20):
                if rng.random() < 0.05:
                    continue
                start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
                session_id = session_id_base + len(sessions)
                sessions.append(
                    {
                        "id": session_id,
                        "patient_id": pid,
                        "uid": f"bench-s-{session_id}",
                        "programme_id": programme_id,
                        "version_id": version_id,
                        "started_at": start,
                        "ended_at": start + timedelta(minutes=20),
                        "local_day": day,
                        "timezone": "UTC",
                        "status": "completed",
                        "pain_before": max(0, min(10, round(level))),
                        "pain_after": max(0, min(10, round(level - 0.5))),
                    }
                )
                for exercise in EXERCISES:
                    roll = rng.random()
                    status = "done" if roll < 0.85 else ("partial" if roll < 0.95 else "skipped")
                    done_sets = 2 if status == "done" else (1 if status == "partial" else 0)
                    logs.append(
                        {
                            "patient_id": pid,
                            "uid": f"bench-l-{session_id}-{exercise}",
                            "session_id": session_id,
                            "exercise_id": exercise,
                            "local_day": day,
                            "started_at": start,
                            "ended_at": start + timedelta(minutes=2),
                            "status": status,
                            "planned_sets": 2,
                            "planned_reps": 10,
                            "planned_hold_s": 2.0,
                            "planned_sides": "none",
                            "done_sets": done_sets,
                            "done_reps": done_sets * 10,
                            "done_hold_s": 2.0,
                        }
                    )
        if rng.random() < 0.85:
            pains.append(
                {
                    "patient_id": pid,
                    "uid": f"bench-p-{pid}-{n}",
                    "recorded_at": datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                    "local_day": day,
                    "intensity": max(0, min(10, round(level))),
                    "body_regions": ["low_back"],
                    "qualities": ["aching"],
                    "red_flags": ["bladder_bowel"] if n == DAYS - 3 and index % 40 == 0 else [],
                    "question_for_therapist": n == DAYS - 2 and index % 15 == 0,
                }
            )
    conn.execute(insert(exercise_session), sessions)
    result = conn.execute(insert(exercise_log).returning(exercise_log.c.id), logs)
    log_ids = [row[0] for row in result]
    # The lumbar answer after the first exercise of the last 20 sessions.
    answers = [
        {
            "patient_id": pid,
            "uid": f"bench-r-{log_id}",
            "log_id": log_id,
            "region": "lumbar",
            "level_before": 3,
            "level_after": 4 if k == 0 and index % 25 == 0 else 2,
            "response": "peripheralized" if k == 0 and index % 25 == 0 else "centralized",
            "recorded_at": CREATED,
            "local_day": TODAY - timedelta(days=1),
        }
        for k, log_id in enumerate(log_ids[-8 * 20 :: 8])
    ]
    if answers:
        conn.execute(insert(symptom_response), answers)
    if pains:
        conn.execute(insert(pain_entry), pains)
    # The rows went in directly, so the per-day summaries the app keeps with each write are
    # summed here, as the app would have them (the bare baseline still reads the raw logs).
    adherence_days.rebuild(conn, pid)
    progress_days.rebuild(conn, pid)
    return len(logs)


def build(folder: Path, patients: int) -> tuple[Any, int]:
    """The therapist's copy in `folder` with `patients` generated patients, and its number of
    exercise logs. A folder this already generated the same number into (its `seeded` file
    says how many, and how many logs) is opened as it is."""
    from coach.app import build_context
    from coach.domain.clock import ManualClock
    from coach.domain.profile import Role

    clock = ManualClock(datetime(TODAY.year, TODAY.month, TODAY.day, 17, tzinfo=UTC))
    seeded = folder / "seeded"
    kept = seeded.read_text().split() if seeded.exists() else []
    if kept[:1] == [str(patients)]:
        return build_context(folder / "data", clock=clock), int(kept[1])
    if (folder / "data").exists():
        raise SystemExit(f"{folder} holds other data: give --keep an empty or new folder")
    context = build_context(folder / "data", clock=clock)
    context.profile.welcome("Benchmark Therapist", Role.THERAPIST, accepted_notice=True)
    context.profile.update(name="Benchmark Therapist", role=Role.THERAPIST, timezone="UTC")
    rng = random.Random(11)
    logs = 0
    for index in range(patients):
        with context.store.engine.begin() as conn:
            logs += generate_patient(conn, index, rng)
    seeded.write_text(f"{patients} {logs}\n")
    return context, logs


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss * (1 if sys.platform == "darwin" else 1024) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate the patients into DIR once and reuse them on later runs",
    )
    parser.add_argument(
        "--rss-only", action="store_true", help=argparse.SUPPRESS
    )  # the one-patient side of the memory comparison, in its own process
    args = parser.parse_args()

    # The one-patient side first, while this process is still small: a child starts with its
    # parent's peak resident size (fork), so starting it later would report this one's.
    one = 0.0
    if not args.rss_only:
        one = float(
            subprocess.run(
                [sys.executable, __file__, "--patients", "1", "--rss-only"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    with tempfile.TemporaryDirectory(prefix="coach-caseload-") as name:
        folder = Path(name) if args.keep is None or args.rss_only else args.keep
        folder.mkdir(parents=True, exist_ok=True)
        reused = (folder / "seeded").exists()
        started = time.perf_counter()
        context, logs = build(folder, args.patients)
        built_s = time.perf_counter() - started
        if args.rss_only:
            context.caseload.entries()
            time_page(context, 1)
            context.close(backup=False)
            print(f"{peak_rss_mib():.1f}")
            return 0
        print(
            f"{'Opened the kept' if reused else 'Generated'} {args.patients} patients in "
            f"{built_s:.1f} s: {logs} exercise logs "
            f"({logs // max(1, args.patients)} a patient)"
        )
        timings(context, args.runs)
        ours = peak_rss_mib()
        print(
            f"Peak resident memory: {ours:.0f} MiB with {args.patients} patients, {one:.0f} MiB "
            f"with 1 (same steps, its own process); ratio {ours / one:.2f}"
        )
        context.close(backup=False)
    return 0


def bare_query() -> Any:
    """The baseline the goals are set against: per patient, the done sets of the logs over the
    same 28 days, and the prescribed sets of their programmes' items over those days (each
    item's sets x times a day x 28; no weekdays, versions or caps: bare)."""
    from sqlalchemy import func, select

    from coach.store.schema import exercise_log, programme, programme_item, programme_version

    log, item, prog = exercise_log.c, programme_item.c, programme.c
    since = TODAY - timedelta(days=27)
    done = (
        select(log.patient_id.label("pid"), func.sum(log.done_sets).label("sets"))
        .where(log.local_day.between(since, TODAY))
        .group_by(log.patient_id)
        .subquery()
    )
    prescribed = (
        select(
            prog.patient_id.label("pid"),
            (func.sum(item.sets * item.times_per_day) * 28).label("sets"),
        )
        .select_from(
            programme.join(programme_version, programme_version.c.programme_id == prog.id).join(
                programme_item, item.version_id == programme_version.c.id
            )
        )
        .where(prog.archived_at.is_(None), prog.is_template.is_(False))
        .group_by(prog.patient_id)
        .subquery()
    )
    return select(prescribed.c.pid, done.c.sets, prescribed.c.sets).outerjoin(
        done, done.c.pid == prescribed.c.pid
    )


def timings(context: Any, runs: int) -> None:
    query = bare_query()

    def bare() -> float:
        start = time.perf_counter()
        with context.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        elapsed = time.perf_counter() - start
        assert rows
        return elapsed

    def service() -> float:
        start = time.perf_counter()
        entries = context.caseload.entries()
        elapsed = time.perf_counter() - start
        assert entries
        return elapsed

    bare()
    service()  # warm the page cache and the pool before timing
    ours, base = alternate(runs, service, bare)
    print(
        f"Caseload figures, 28 days: CaseloadService {median_ms(ours):.0f} ms; bare SUM of done "
        f"and prescribed sets per patient {median_ms(base):.0f} ms; ratio "
        f"{median_ms(ours) / median_ms(base):.2f} (goal <= 2)"
    )
    page, page_base, figures = time_page(context, runs, bare)
    print(
        f"Patients page to its first paint, every figure filled: {page:.0f} ms; the bare query "
        f"{page_base:.0f} ms; ratio {page / page_base:.2f} (goal <= 2)"
    )
    print(
        f"  of which reading the caseload figures {figures:.0f} ms and the page's widgets, "
        f"model, sizing and first paint {page - figures:.0f} ms (medians of the same runs)"
    )


def time_page(context: Any, runs: int, bare: Any = None) -> tuple[float, float, float]:
    """Median ms from building the Patients page to the table's first paint (the caseload is
    read synchronously when the page is shown, so that paint has every figure), alternated with
    `bare`; the bare query's median; and the median of the time the page spent reading the
    caseload figures within those runs."""
    from PySide6.QtWidgets import QApplication

    import coach.ui  # noqa: F401  (the PySide6 reference-count guard runs on import)
    from coach.ui.context import UiContext
    from coach.ui.hub import ChangeHub
    from coach.ui.pages.patients import PatientsPage
    from coach.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])

    runner = TaskRunner()
    ui = UiContext(app=context, hub=ChangeHub(), tasks=runner)
    service = context.caseload
    read = service.entries
    reading: list[float] = []

    def timed_entries(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        entries = read(*args, **kwargs)
        reading.append(time.perf_counter() - start)
        return entries

    service.entries = timed_entries  # the page's own read, timed where it happens

    def page_once() -> float:
        start = time.perf_counter()
        page = PatientsPage(ui)
        page.resize(1100, 800)
        painted = paint_spy()
        page.table.viewport().installEventFilter(painted)
        page.show()
        while not painted.seen:
            app.processEvents()
        elapsed = time.perf_counter() - start
        assert page.model.rowCount() > 0
        page.close()
        page.deleteLater()
        app.processEvents()
        return elapsed

    page_once()  # the first construction pays one-off costs (stylesheets, fonts)
    if bare is None:
        return 0.0, 0.0, 0.0
    reading.clear()
    ours, base = alternate(runs, page_once, bare)
    runner.wait()
    return median_ms(ours), median_ms(base), median_ms(reading)


if __name__ == "__main__":
    sys.exit(main())
