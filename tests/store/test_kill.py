"""kill -9 at random points: every exercise the writer acknowledged survives, and the database
passes integrity_check. The kills land anywhere: while opening and migrating, between commits,
and in the middle of one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("kill_writer.py")
KILLS = 24
SEED = 15


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_acknowledged_rows_survive_kill_minus_nine(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data = tmp_path / "data"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    acknowledged: set[int] = set()
    killed_while_logging = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 0.6))  # often still opening or migrating
        else:
            for _ in range(rng.randrange(1, 40)):
                line = child.stdout.readline()
                if not line:
                    break
                acknowledged.add(int(line.split()[1]))
            killed_while_logging += 1
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors
        acknowledged.update(int(line.split()[1]) for line in rest.splitlines())

        if not (data / "coach.db").exists():
            continue  # killed before it created the file: nothing to check yet
        conn = sqlite3.connect(data / "coach.db")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {row[0] for row in conn.execute("SELECT id FROM exercise_log")}
        finally:
            conn.close()
        assert acknowledged <= stored
    print(
        f"kill -9: {KILLS} kills ({killed_while_logging} while logging), "
        f"{len(acknowledged)} acknowledged rows, all present"
    )
    assert killed_while_logging >= 15 and len(acknowledged) >= 100
