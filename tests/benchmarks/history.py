"""Ten years of heavy use: how fast are the adherence series and the Progress page?

Generates, into a temporary database, ten years of a made-up patient who does about three
sessions a day of an eight-exercise programme (edited twice over the years; some sessions
partial, some days missed), rates pain most days, checks in on most evenings, and records 40
treatments and a monthly NPRS. Rows go in with executemany in one transaction per table, and
the per-day summaries are then rebuilt from them (the stores keep them as they write).

Then prints, alternating the runs so machine load affects both sides alike:
- the all-time daily adherence series from ProgressService against a bare SQL GROUP BY over the
  same log rows (goal: ratio <= 2);
- opening the Progress page on "All" until the chart's first paint with the data, against a
  bare pyqtgraph plot of the same arrays (bars and two pain lines) until its first paint
  (goal: ratio <= 3). While the figures are computed off the GUI thread the benchmark waits
  in an event loop, idle as the application is, and prints when they were shown; garbage is
  collected as the application collects it, on the GUI thread;
- peak memory: the process's peak resident size, and the peak of Python allocations while one
  all-time overview is computed (tracemalloc).
It reports; it does not assert (timings are not tests).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/history.py [--years N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXERCISES = (
    "prone-press-up",
    "chin-tuck",
    "bridge",
    "bird-dog",
    "cat-camel",
    "dead-bug",
    "side-plank",
    "clamshell",
)
TREATMENT_KINDS = (
    "physical_therapy_visit",
    "massage",
    "epidural_steroid_injection",
    "nsaid",
    "acupuncture",
)
TODAY = date(2026, 3, 11)
ZONE = "Europe/Berlin"


def paint_spy() -> Any:
    """An event filter whose `seen` turns True at the first paint of what it watches."""
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    return Painted()


def generate(context: Any, years: int, seed: int = 7) -> dict[str, int]:
    """Bulk-insert the history; returns row counts."""
    from sqlalchemy import insert

    from coach.store import adherence_days, progress_days
    from coach.store.rows import new_uid
    from coach.store.schema import (
        daily_checkin,
        exercise_log,
        exercise_session,
        outcome_score,
        pain_entry,
        programme,
        programme_item,
        programme_version,
        treatment,
    )

    rng = random.Random(seed)
    tz = ZoneInfo(ZONE)
    first = TODAY - timedelta(days=365 * years)
    days = (TODAY - first).days + 1
    created = datetime(2016, 1, 1, tzinfo=UTC)
    item_rows: list[dict[str, Any]] = []
    version_rows: list[dict[str, Any]] = []
    # Three versions: the programme was edited twice; every item three times a day.
    for version_id, since in (
        (1, first),
        (2, first + timedelta(days=900)),
        (3, TODAY - timedelta(days=700)),
    ):
        version_rows.append(
            {"id": version_id, "programme_id": 1, "effective_from": since, "created_at": created}
        )
        for position, exercise in enumerate(EXERCISES):
            item_rows.append(
                {
                    "version_id": version_id,
                    "position": position,
                    "exercise_id": exercise,
                    "sets": 2 + version_id % 2,
                    "reps": 10,
                    "hold_s": 2.0,
                    "rest_s": 30.0,
                    "move_s": 2.0,
                    "return_s": 2.0,
                    "sides": "none",
                    "times_per_day": 3,
                    "days_mask": 127 if position < 6 else 0b0010101,
                    "days_per_week": None,
                }
            )
    sessions: list[dict[str, Any]] = []
    logs: list[dict[str, Any]] = []
    pains: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    session_id = 0
    for n in range(days):
        day = first + timedelta(days=n)
        version = 1 if n < 900 else (2 if day < TODAY - timedelta(days=700) else 3)
        sets = 2 + version % 2
        level = 5.5 + 1.5 * (n % 120) / 120 - 2.0 * n / days
        if rng.random() < 0.95:
            for hour in (8, 13, 19):
                if rng.random() < 0.05:
                    continue
                session_id += 1
                start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=tz)
                sessions.append(
                    {
                        "id": session_id,
                        "programme_id": 1,
                        "version_id": version,
                        "started_at": start,
                        "ended_at": start + timedelta(minutes=20),
                        "local_day": day,
                        "timezone": ZONE,
                        "status": "completed",
                        "pain_before": max(0, min(10, round(level + rng.uniform(-1, 1)))),
                        "pain_after": max(0, min(10, round(level - 0.5 + rng.uniform(-1, 1)))),
                    }
                )
                for exercise in EXERCISES:
                    roll = rng.random()
                    status = "done" if roll < 0.85 else ("partial" if roll < 0.95 else "skipped")
                    done_sets = sets if status == "done" else (1 if status == "partial" else 0)
                    logs.append(
                        {
                            "session_id": session_id,
                            "exercise_id": exercise,
                            "local_day": day,
                            "started_at": start,
                            "ended_at": start + timedelta(minutes=2),
                            "status": status,
                            "planned_sets": sets,
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
                    "recorded_at": datetime(day.year, day.month, day.day, 9, 0, tzinfo=tz),
                    "local_day": day,
                    "intensity": max(0, min(10, round(level + rng.uniform(-1.5, 1.5)))),
                    "body_regions": ["low_back"],
                    "qualities": ["aching"],
                    "red_flags": [],
                }
            )
        if rng.random() < 0.6:
            checkins.append(
                {
                    "local_day": day,
                    "recorded_at": datetime(day.year, day.month, day.day, 21, 0, tzinfo=tz),
                    "worst_pain": max(0, min(10, round(level + 2))),
                    "typical_pain": max(0, min(10, round(level))),
                }
            )
    treatments = [
        {
            "occurred_on": first + timedelta(days=int(days * (i + 0.5) / 40)),
            "recorded_at": created,
            "kind": TREATMENT_KINDS[i % len(TREATMENT_KINDS)],
            "site": "L4-L5" if i % len(TREATMENT_KINDS) == 2 else "",
        }
        for i in range(40)
    ]
    scores = [
        {
            "instrument": "nprs",
            "recorded_at": datetime(d.year, d.month, d.day, 10, 0, tzinfo=tz),
            "local_day": d,
            "score": float(5 - 3 * m / (12 * years)),
            "details": {"pain": round(5 - 3 * m / (12 * years))},
        }
        for m in range(12 * years)
        if (d := first + timedelta(days=30 * m + 3)) <= TODAY
    ]
    patient_id = context.own_patient().patient_id  # the patient the welcome made
    with context.store.engine.begin() as conn:
        conn.execute(
            insert(programme),
            [
                {
                    "id": 1,
                    "uid": "benchmark-programme",
                    "patient_id": patient_id,
                    "name": "Back care (benchmark)",
                    "start_date": first,
                    "created_at": created,
                }
            ],
        )
        conn.execute(insert(programme_version), version_rows)
        conn.execute(insert(programme_item), item_rows)
        for table, rows in (
            (exercise_session, sessions),
            (exercise_log, logs),
            (pain_entry, pains),
            (daily_checkin, checkins),
            (treatment, treatments),
            (outcome_score, scores),
        ):
            owned = {"patient_id": patient_id}
            conn.execute(insert(table), [{**row, **owned, "uid": new_uid()} for row in rows])
        # What the session and diary stores keep as they write.
        adherence_days.rebuild(conn, patient_id)
        progress_days.rebuild(conn, patient_id)
    return {
        "days": days,
        "sessions": len(sessions),
        "exercise logs": len(logs),
        "pain entries": len(pains),
        "check-ins": len(checkins),
        "treatments": len(treatments),
        "outcome scores": len(scores),
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def alternate(
    runs: int, a: Callable[[], float], b: Callable[[], float]
) -> tuple[list[float], list[float]]:
    first: list[float] = []
    second: list[float] = []
    for _ in range(runs):
        first.append(a())
        second.append(b())
    return first, second


def patient_copy(folder: str) -> Any:
    """A patient's copy in `folder`, its clock stopped on TODAY, ready for `generate`."""
    from coach.app import build_context
    from coach.domain.clock import ManualClock
    from coach.domain.profile import Role

    clock = ManualClock(datetime(TODAY.year, TODAY.month, TODAY.day, 17, 0, tzinfo=UTC))
    context = build_context(Path(folder) / "data", clock=clock)
    context.profile.welcome("Benchmark Patient", Role.PATIENT, accepted_notice=True)
    context.profile.update(name="Benchmark Patient", role=Role.PATIENT, timezone=ZONE)
    return context


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from sqlalchemy import Float, cast, func, select

    from coach.store.schema import exercise_log

    with tempfile.TemporaryDirectory(prefix="coach-history-") as folder:
        context = patient_copy(folder)
        started = time.perf_counter()
        counts = generate(context, args.years)
        print(
            f"Generated in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v} {k}" for k, v in counts.items())
        )

        progress = context.own_patient().progress
        span = progress.span()
        assert span is not None
        first, last = span
        log = exercise_log.c

        def service() -> float:
            start = time.perf_counter()
            series = progress.daily_adherence(first, last)
            elapsed = time.perf_counter() - start
            assert series
            return elapsed

        def bare() -> float:
            query = (
                select(
                    log.local_day,
                    cast(func.sum(log.done_sets), Float) / func.sum(log.planned_sets),
                )
                .where(log.local_day.between(first, last))
                .group_by(log.local_day)
            )
            start = time.perf_counter()
            with context.store.engine.connect() as conn:
                rows = conn.execute(query).all()
            elapsed = time.perf_counter() - start
            assert rows
            return elapsed

        def per_item() -> float:
            # The least the definition needs: credit per day and exercise, before any capping.
            query = (
                select(log.local_day, log.exercise_id, func.sum(log.done_sets))
                .where(log.local_day.between(first, last))
                .group_by(log.local_day, log.exercise_id)
            )
            start = time.perf_counter()
            with context.store.engine.connect() as conn:
                conn.execute(query).all()
            return time.perf_counter() - start

        service()
        bare()  # warm the page cache and the pool before timing
        ours, base = alternate(args.runs, service, bare)
        _, item_base = alternate(args.runs, service, per_item)
        print(
            f"Daily adherence, all {counts['days']} days: service {median_ms(ours):.0f} ms; "
            f"bare GROUP BY local_day {median_ms(base):.0f} ms, ratio "
            f"{median_ms(ours) / median_ms(base):.2f} (goal <= 2); bare GROUP BY local_day, "
            f"exercise_id {median_ms(item_base):.0f} ms, ratio "
            f"{median_ms(ours) / median_ms(item_base):.2f}"
        )

        shown_ms, figures_ms, pages, plots = time_page(context, args.runs)
        page_ms, plot_ms = median_ms(pages), median_ms(plots)
        print(
            f"Progress page on 'All': first paint {shown_ms:.0f} ms (figures still loading off "
            f"the GUI thread), figures shown {figures_ms:.0f} ms, chart painted with all data "
            f"{page_ms:.0f} ms; bare pyqtgraph plot of the same arrays {plot_ms:.0f} ms; ratios "
            f"{shown_ms / plot_ms:.2f} and {page_ms / plot_ms:.2f} (goal <= 3)"
        )
        # The machine's speed drifts by more than a fifth between runs of a few seconds; each
        # page run is followed by its bare run, so the ratio within a pair is the steadier one.
        pairs = sorted(page / plot for page, plot in zip(pages, plots, strict=True))
        low, _, high = statistics.quantiles(pairs, n=4)
        print(
            f"  the same, pair by pair (each page run against the bare run after it): median "
            f"{statistics.median(pairs):.2f}, quartiles {low:.2f} to {high:.2f} (goal <= 3)"
        )

        tracemalloc.start()
        progress.overview(first, last)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        print(
            f"Peak memory: process resident {rss * scale / 2**20:.0f} MiB; Python allocations "
            f"during one all-time overview {peak / 2**20:.1f} MiB"
        )
        context.close(backup=False)
    return 0


def time_page(context: Any, runs: int) -> tuple[float, float, list[float], list[float]]:
    """Median ms from building the Progress page on 'All' to its first paint and to its figures
    being shown (the overview computed off the GUI thread and handed to the widgets); then, run
    by run in turn, the seconds to the chart's first paint with the data and from building a
    bare PlotWidget of the same arrays to its first paint."""
    import numpy as np
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    import coach.ui  # noqa: F401  (the PySide6 reference-count guard runs on import)
    from coach.ui.context import UiContext
    from coach.ui.gui_gc import GuiThreadCollector
    from coach.ui.hub import ChangeHub
    from coach.ui.pages.progress import PRESETS, ProgressPage
    from coach.ui.progress.chart import DAY_S, day_x
    from coach.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import pyqtgraph as pg  # both sides start with it imported

    # Garbage is collected as in the application: on the GUI thread's timer, never on the
    # worker computing the figures (coach/ui/gui_gc.py), for both sides alike.
    collector = GuiThreadCollector()
    collector.start()

    runner = TaskRunner()
    ui = UiContext(app=context, hub=ChangeHub(), tasks=runner)
    overview_box: list[Any] = []

    shown_times: list[float] = []
    figures_times: list[float] = []

    def page_once() -> float:
        start = time.perf_counter()
        page = ProgressPage(ui)
        page.range_buttons[len(PRESETS) - 1].setChecked(True)  # "All"
        loaded: list[bool] = []
        page.loaded.connect(lambda: loaded.append(True))
        page.resize(1100, 900)
        first_paint = paint_spy()
        page.chart.widget.viewport().installEventFilter(first_paint)
        page.show()
        while not first_paint.seen:
            app.processEvents()
        shown_times.append(time.perf_counter() - start)
        if not loaded:
            # Wait as the application does, idle in its event loop: spinning processEvents here
            # would take the interpreter from the worker thread computing the figures.
            waiting = QEventLoop()
            page.loaded.connect(waiting.quit)
            waiting.exec()
        figures_times.append(time.perf_counter() - start)
        spy = paint_spy()
        page.chart.widget.viewport().installEventFilter(spy)
        page.chart.widget.viewport().update()
        while not spy.seen:
            app.processEvents()
        elapsed = time.perf_counter() - start
        overview_box[:] = [page.overview]
        page.close()
        page.deleteLater()
        app.processEvents()
        return elapsed

    page_once()  # first construction pays one-off costs (stylesheets, fonts) for both sides
    overview = overview_box[0]
    weeks = overview.weekly
    bar_x = np.array([(day_x(w.first) + day_x(w.last)) / 2 for w in weeks])
    bar_h = np.array([w.percent for w in weeks])
    pain_x = np.array([day_x(p.day) for p in overview.pain])
    pain_mean = np.array([p.mean for p in overview.pain])
    pain_worst = np.array([p.worst for p in overview.pain])

    def bare_once() -> float:
        start = time.perf_counter()
        widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        widget.addItem(pg.BarGraphItem(x=bar_x, height=bar_h, width=DAY_S * 6))
        widget.plot(pain_x, pain_mean)
        widget.plot(pain_x, pain_worst)
        widget.resize(1100, 400)
        spy = paint_spy()
        widget.viewport().installEventFilter(spy)
        widget.show()
        while not spy.seen:
            app.processEvents()
        elapsed = time.perf_counter() - start
        widget.close()
        widget.deleteLater()
        app.processEvents()
        return elapsed

    bare_once()
    shown_times.clear()
    figures_times.clear()
    ours, base = alternate(runs, page_once, bare_once)
    runner.wait()
    collector.stop()
    return median_ms(shown_times), median_ms(figures_times), ours, base


if __name__ == "__main__":
    sys.exit(main())
