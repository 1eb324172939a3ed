"""Questionnaire files (a clinic's licensed ODI/NDI statements) and the programme file's ask.

The statements here are invented placeholders ("Statement A1 (placeholder)"): Coach ships no
copyrighted questionnaire text, not even in its tests. The hostile corpus is small and generated
here: each file must be refused by `coach questionnaire import` with one short line on stderr,
leaving the data folder byte for byte as it was.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import stat
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach import cli
from coach.commands.questionnaire import import_statements
from coach.domain.dosage import Dosage
from coach.domain.outcomes import Instrument
from coach.domain.programme import Programme, ProgrammeItem
from coach.exchange.programme_file import ProgrammeFileError, parse_programme, to_bytes
from coach.exchange.questionnaire_file import (
    MAX_FILE_BYTES,
    QuestionnaireFileError,
    parse_statements,
)
from coach.services.context import AppContext

TODAY = date(2026, 3, 16)


def placeholder(instrument: str = "odi") -> dict[str, Any]:
    return {
        "format": "coach-questionnaire",
        "version": 1,
        "instrument": instrument,
        "source": "Invented for tests",
        "sections": [
            {"statements": [f"Statement {chr(65 + s)}{n} (placeholder)" for n in range(1, 7)]}
            for s in range(10)
        ],
    }


def encoded(document: Any) -> bytes:
    return json.dumps(document).encode("utf-8")


def test_a_placeholder_file_is_read_in_score_order() -> None:
    loaded = parse_statements(encoded(placeholder("ndi")))
    assert loaded.instrument is Instrument.NDI
    assert len(loaded.sections) == 10
    assert loaded.sections[0][0] == "Statement A1 (placeholder)"
    assert loaded.sections[9][5] == "Statement J6 (placeholder)"


def _mutated(change: Any) -> bytes:
    document = copy.deepcopy(placeholder())
    change(document)
    return encoded(document)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def apply(document: Any) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return apply


def _drop(path: tuple[Any, ...]) -> Any:
    def apply(document: Any) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return apply


def hostile() -> list[tuple[str, bytes]]:
    """Each a refusal: wrong kinds, counts, limits, encodings and the strict reader's cases."""
    cases: list[tuple[str, bytes]] = [
        ("empty", b""),
        ("not json", b"statements"),
        ("a list", b"[]"),
        ("truncated", encoded(placeholder())[:-20]),
        ("latin-1", '{"format": "caf\xe9"}'.encode("latin-1")),
        ("too big", b" " * (MAX_FILE_BYTES + 1)),
        ("NaN", encoded(placeholder()).replace(b'"version": 1', b'"version": NaN')),
        (
            "huge number",
            encoded(placeholder()).replace(b'"version": 1', b'"version": 1' + b"0" * 40),
        ),
        ("duplicate key", b'{"format": "coach-questionnaire", "format": "x"}'),
        ("lone surrogate", encoded(placeholder()).replace(b"A1", b"\\ud800")),
        ("NUL", encoded(placeholder()).replace(b"A1", b"\\u0000")),
        ("deep", b"[" * 5000 + b"]" * 5000),
        ("unknown field", _mutated(_set(("extra",), 1))),
        ("unknown section field", _mutated(_set(("sections", 0, "title"), "Pain"))),
    ]
    for key in ("format", "version", "instrument", "sections"):
        cases.append((f"no {key}", _mutated(_drop((key,)))))
    for key, bad in (
        ("format", "coach-programme"),
        ("version", 2),
        ("version", True),
        ("version", "1"),
        ("instrument", "nprs"),
        ("instrument", "ODI"),
        ("instrument", 3),
        ("source", 7),
        ("source", "x" * 301),
        ("source", "two\nlines"),
        ("sections", {}),
        ("sections", []),
    ):
        cases.append((f"{key}={bad!r:.20}", _mutated(_set((key,), bad))))
    nine = _mutated(lambda d: d["sections"].pop())
    eleven = _mutated(lambda d: d["sections"].append(copy.deepcopy(d["sections"][0])))
    cases += [("9 sections", nine), ("11 sections", eleven)]
    for bad in (
        None,
        "text",
        [],
        ["one"] * 5,
        ["one"] * 7,
        ["ok", "ok", "ok", "ok", "ok", ""],
        ["ok", "ok", "ok", "ok", "ok", "   "],
        ["ok", "ok", "ok", "ok", "ok", 5],
        ["ok", "ok", "ok", "ok", "ok", "x" * 301],
        ["ok", "ok", "ok", "ok", "ok", "line\nbreak"],
    ):
        cases.append(
            (f"statements={bad!r:.20}", _mutated(_set(("sections", 3, "statements"), bad)))
        )
    cases.append(("section not an object", _mutated(_set(("sections", 2), ["a"] * 6))))
    return cases


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in sorted(folder.rglob("*"))
        if not p.name.endswith("-shm")
    }


def run_import(context: AppContext, path: Path) -> tuple[int, str, str]:
    """`coach questionnaire import FILE`, in process: the command and cli's error handling."""
    args = argparse.Namespace(run=lambda _: import_statements(context, path))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.run_command(args)
    return code, out.getvalue(), err.getvalue()


def test_every_hostile_file_is_refused_in_one_line_and_writes_nothing(
    patient: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    cases = hostile()
    assert len(cases) >= 40
    before = snapshot(data_dir)
    path = tmp_path / "incoming.json"
    problems = []
    for label, data in cases:
        path.write_bytes(data)
        code, _, stderr = run_import(patient, path)
        lines = stderr.splitlines()
        if code != cli.EXIT_USER_ERROR or len(lines) != 1 or len(lines[0]) > 300:
            problems.append((label, code, stderr[:300]))
        assert snapshot(data_dir) == before, label
    assert problems == []
    assert not (data_dir / "questionnaires").exists()


def test_a_refusal_names_the_field(tmp_path: Path) -> None:
    short = _mutated(_set(("sections", 2, "statements"), ["ok"] * 5))
    with pytest.raises(QuestionnaireFileError) as caught:
        parse_statements(short)
    assert caught.value.message == (
        "This is not a usable questionnaire file: sections[3].statements has 5; it must list "
        "exactly 6 statements (scores 0 to 5)."
    )
    assert caught.value.field == "sections[3].statements"


def test_a_good_file_is_kept_private_in_the_data_folder(
    patient: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odi.json"
    path.write_bytes(encoded(placeholder()))
    code, out, err = run_import(patient, path)
    assert (code, err) == (0, "")
    assert out == "Loaded the statements of the Oswestry Disability Index (ODI).\n"
    kept = data_dir / "questionnaires" / "odi.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert parse_statements(kept.read_bytes()).sections[4][2] == "Statement E3 (placeholder)"
    assert patient.questionnaires.statements(Instrument.NDI) is None


def test_a_spoiled_kept_file_falls_back_to_bare_scores(patient: AppContext, data_dir: Path) -> None:
    (data_dir / "questionnaires").mkdir()
    (data_dir / "questionnaires" / "odi.json").write_bytes(encoded(placeholder("ndi")))
    assert patient.questionnaires.statements(Instrument.ODI) is None


# --- the programme file's "questionnaires" ---------------------------------------------------


def programme() -> Programme:
    return Programme(
        uid="9d1c0000-0000-4000-8000-000000000001",
        name="Back",
        start_date=TODAY,
        items=(ProgrammeItem("bridge", Dosage()),),
    )


def test_a_programme_file_carries_what_it_asks_for() -> None:
    data = to_bytes(programme(), questionnaires=frozenset({Instrument.ODI}))
    assert json.loads(data)["programme"]["questionnaires"] == ["odi"]
    assert parse_programme(data, TODAY).questionnaires == {Instrument.ODI}


def test_a_programme_file_without_the_list_still_imports() -> None:
    data = to_bytes(programme())
    assert "questionnaires" not in json.loads(data)["programme"]
    assert parse_programme(data, TODAY).questionnaires == frozenset()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("odi", "must be a list ([...]), not text"),
        (["nprs"], "lists only odi and ndi"),
        ([1], "lists only odi and ndi"),
        (["odi", "ndi", "odi"], "lists 3; at most 2 fit"),
    ],
)
def test_a_programme_file_asking_for_anything_else_is_refused(value: Any, problem: str) -> None:
    document = json.loads(to_bytes(programme()))
    document["programme"]["questionnaires"] = value
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(encoded(document), TODAY)
    assert caught.value.message == (
        f"This is not a usable programme file: programme.questionnaires {problem}."
    )


def test_a_folder_or_a_missing_file_is_refused_in_one_line(
    patient: AppContext, tmp_path: Path
) -> None:
    assert run_import(patient, tmp_path)[::2] == (
        cli.EXIT_USER_ERROR,
        f"coach: {tmp_path.name} is a folder, not a file.\n",
    )
    assert run_import(patient, tmp_path / "gone.json")[::2] == (
        cli.EXIT_USER_ERROR,
        "coach: The file gone.json does not exist.\n",
    )
