"""`coach patients list/add`, and `--patient` on the commands that act on one patient."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import coach

from coach.cli import EXIT_USER_ERROR
from coach.domain.clock import ManualClock
from coach.domain.profile import Role


def _therapist_copy(data_dir: Path) -> None:
    from datetime import UTC, datetime

    from coach.app import build_context

    context = build_context(data_dir, clock=ManualClock(datetime(2026, 3, 11, 9, tzinfo=UTC)))
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    context.close(backup=False)


def test_patients_add_and_list_as_json(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _therapist_copy(data)
    added = coach(
        "patients",
        "add",
        "--name",
        "Jo Doe",
        "--identifier",
        "P-1",
        "--born",
        "1970-02-03",
        data_dir=data,
    )
    assert added.returncode == 0, added.stderr
    assert coach("patients", "add", "--name", "Kim Roe", data_dir=data).returncode == 0
    listed = coach("patients", "list", "--json", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    people = json.loads(listed.stdout)
    assert [(p["name"], p["identifier"]) for p in people] == [("Jo Doe", "P-1"), ("Kim Roe", "")]
    assert people[0]["date_of_birth"] == "1970-02-03" and all(len(p["uid"]) == 32 for p in people)
    again = coach("patients", "add", "--name", "Sam", "--identifier", "P-1", data_dir=data)
    assert again.returncode == EXIT_USER_ERROR and "P-1" in again.stderr


def test_a_caseload_needs_patient_and_takes_an_identifier_or_uid(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _therapist_copy(data)
    coach("patients", "add", "--name", "Jo Doe", "--identifier", "P-1", data_dir=data)
    coach("patients", "add", "--name", "Kim Roe", data_dir=data)
    kim = json.loads(coach("patients", "list", "--json", data_dir=data).stdout)[1]["uid"]
    for command in (
        ("programme", "list"),
        ("export", "csv", "--out", str(tmp_path / "csv")),
        ("report", "--out", str(tmp_path / "r.pdf")),
        ("handout", "--out", str(tmp_path / "h.pdf")),
    ):
        missing = coach(*command, data_dir=data)
        assert missing.returncode == EXIT_USER_ERROR, command
        assert missing.stderr.count("\n") == 1 and "--patient" in missing.stderr, command
    unknown = coach("programme", "list", "--patient", "P-9", data_dir=data)
    assert unknown.returncode == EXIT_USER_ERROR and "P-9" in unknown.stderr
    by_identifier = coach("programme", "list", "--patient", "P-1", data_dir=data)
    assert by_identifier.returncode == 0, by_identifier.stderr
    by_uid = coach("export", "csv", "--out", str(tmp_path / "csv"), "--patient", kim, data_dir=data)
    assert by_uid.returncode == 0, by_uid.stderr


def test_a_patients_copy_needs_no_patient_option(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert coach("demo", "--data-dir", str(data)).returncode == 0
    listed = coach("programme", "list", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    people = json.loads(coach("patients", "list", "--json", data_dir=data).stdout)
    assert len(people) == 1
