"""A year of one patient's records as a progress file: how big, and how fast out and in?

Generates a year of heavy use with the history benchmark's generator (about three sessions a
day of an eight-exercise programme, pain most days, check-ins, treatments, monthly NPRS), then,
alternating the runs so machine load affects both sides alike, prints:
- the sealed file's size;
- export (read the rows, seal, write) against a baseline of a bare read of the same rows plus
  json.dumps of them (ratio);
- import into a therapist's empty copy (open, check every row, store in one transaction)
  against a baseline of inserting the same rows with executemany (ratio).
It reports; it does not assert (timings are not tests).

    python tests/benchmarks/handback.py [--years N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from history import TODAY, ZONE, alternate, generate, median_ms  # the sibling script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from sqlalchemy import text

    from coach.app import build_context
    from coach.domain.clock import ManualClock
    from coach.domain.profile import Role
    from coach.exchange.sealing import KeyPair, encode_key
    from coach.services import handback_state
    from coach.services.handback_state import Recipient
    from coach.services.therapist_key import KEY_COPIES
    from coach.store import handback_rows, settings_repo

    with tempfile.TemporaryDirectory(prefix="coach-handback-") as folder:
        root = Path(folder)
        clock = ManualClock(datetime.combine(TODAY, clock_time(20, 0), UTC))
        home = build_context(root / "home", clock=clock)
        home.profile.welcome("Benchmark Patient", Role.PATIENT, accepted_notice=True)
        home.profile.update(name="Benchmark Patient", role=Role.PATIENT, timezone=ZONE)
        counts = generate(home, args.years)
        print("Generated: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        with home.db.transaction() as conn:  # the generator's NPRS scores are not their answers
            conn.execute(text("UPDATE outcome_score SET score = json_extract(details, '$.pain')"))
        keys = KeyPair.generate()
        me = home.own_patient()
        with home.db.transaction() as conn:
            recipient = Recipient(keys.public, "Dr Bench", "", "", "p-uid", "Bench", "")
            handback_state.save_recipient(conn, recipient, clock.now())
        first = TODAY - timedelta(days=365 * args.years)
        out = root / "year.coachprogress"

        def export_once() -> float:
            started = time.perf_counter()
            me.progress_export.export(out, since=first)
            return time.perf_counter() - started

        def dump_once() -> float:
            started = time.perf_counter()
            with home.db.read() as conn:
                rows = handback_rows.read_range(conn, me.patient_id, first, TODAY)
            json.dumps(rows, default=str)
            return time.perf_counter() - started

        export_s, dump_s = alternate(args.runs, export_once, dump_once)
        size = out.stat().st_size
        total = sum(me.progress_export.plan(first).counts.values())
        print(f"File: {size / 1024 / 1024:.2f} MB sealed, {total} rows ({size / total:.0f} B/row)")
        print(
            f"Export: {median_ms(export_s):.0f} ms; bare read + json.dumps "
            f"{median_ms(dump_s):.0f} ms; ratio {median_ms(export_s) / median_ms(dump_s):.1f}"
        )

        def import_once(n: list[int] = [0]) -> float:  # noqa: B006 - a run counter
            n[0] += 1
            clinic = build_context(root / f"clinic-{n[0]}", clock=clock)
            clinic.profile.welcome("Dr Bench", Role.THERAPIST, accepted_notice=True)
            with clinic.db.transaction() as conn:  # the therapist's key, as a restore leaves it
                settings_repo.put(conn, KEY_COPIES, [encode_key(keys.private)], clock.now())
            started = time.perf_counter()
            service = clinic.progress_import
            service.commit(service.preview(out))
            elapsed = time.perf_counter() - started
            clinic.close(backup=False)
            return elapsed

        def insert_once(n: list[int] = [0]) -> float:  # noqa: B006 - a run counter
            """The same rows copied table by table with executemany, nothing checked."""
            n[0] += 1
            target = build_context(root / f"bare-{n[0]}", clock=clock)
            target.profile.welcome("Dr Bench", Role.THERAPIST, accepted_notice=True)
            _, patient = target.patients.add(name="Bench")
            unlinked = {"programme_id": None, "version_id": None, "item_id": None}
            started = time.perf_counter()
            with home.db.read() as source, target.db.transaction() as conn:
                for table in handback_rows.TABLES.values():
                    mine = table.select().where(table.c.patient_id == me.patient_id)
                    rows = [
                        {
                            **row,
                            **{k: v for k, v in unlinked.items() if k in row},
                            "patient_id": patient.id,
                        }
                        for row in source.execute(mine).mappings()
                    ]
                    if rows:
                        conn.execute(table.insert(), rows)
            elapsed = time.perf_counter() - started
            target.close(backup=False)
            return elapsed

        import_s, insert_s = alternate(args.runs, import_once, insert_once)
        print(
            f"Import: {median_ms(import_s):.0f} ms; bare copy of the same rows "
            f"{median_ms(insert_s):.0f} ms; ratio {median_ms(import_s) / median_ms(insert_s):.1f}"
        )
        home.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
