"""`coach programme list | export | import`, run the way a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from coach.cli import EXIT_USER_ERROR


def coach(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_export_list_and_import_between_two_data_folders(tmp_path: Path) -> None:
    clinic, home = tmp_path / "clinic", tmp_path / "home"
    assert coach(clinic, "demo").returncode == 0
    listed = coach(clinic, "programme", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Low back: extension exercises (3 exercises, from " in listed.stdout
    assert "Starter templates:\n  Core stability for beginners (4 exercises)" in listed.stdout

    out = tmp_path / "extension.coachprogramme"
    exported = coach(
        clinic, "programme", "export", "low back: EXTENSION exercises", "--out", str(out)
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text())["format"] == "coach-programme"

    dry = coach(home, "programme", "import", str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "From: Alex Morgan, Riverside Physio (demo), 555-0142" in dry.stdout
    assert "1. Lying face down" in dry.stdout
    assert "Dry run: nothing was imported." in dry.stdout
    assert "Programmes:\n  (none)" in coach(home, "programme", "list").stdout

    imported = coach(home, "programme", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Imported “Low back: extension exercises”." in imported.stdout
    assert "Low back: extension exercises (3 exercises" in coach(home, "programme", "list").stdout


def test_errors_are_one_sentence_and_a_non_zero_exit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = coach(data, "programme", "export", "Nothing", "--out", str(tmp_path / "x"))
    assert missing.returncode == EXIT_USER_ERROR
    assert missing.stderr.startswith("coach: there is no programme called “Nothing”")
    bad = tmp_path / "bad.coachprogramme"
    bad.write_text("not json")
    refused = coach(data, "programme", "import", str(bad))
    assert refused.returncode == EXIT_USER_ERROR
    assert refused.stderr.count("\n") == 1 and "not valid JSON" in refused.stderr
