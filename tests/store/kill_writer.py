"""The writer the kill -9 test kills: logs exercises through the services, one commit each.

Run as `python kill_writer.py DATA_DIR`. After each exercise is committed it prints
"ack <log id>" and flushes: an acknowledged row is one the user was told is saved.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from coach.app import build_context
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.session_engine import ExerciseRecord, Outcome, SessionItem


def main(data_dir: str) -> None:
    context = build_context(data_dir)
    if not context.profile.is_set_up:
        context.profile.welcome("Test patient", Role.PATIENT, accepted_notice=True)
    session_id, _ = context.own_patient().sessions.start(None, pain_before=3)
    item = SessionItem(None, "bridge", "Bridge", Dosage(sets=2, reps=10))
    while True:
        now = context.clock.now()
        record = ExerciseRecord(
            item_index=0,
            item=item,
            outcome=Outcome.DONE,
            reps_done=20,
            reps_planned=20,
            full_sets=2,
            fraction=1.0,
            hold_s=0.0,
            started=0.0,
            ended=30.0,
            started_at=now - timedelta(seconds=30),
            ended_at=now,
        )
        log_id, _ = context.own_patient().sessions.log_exercise(session_id, record)
        print(f"ack {log_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
