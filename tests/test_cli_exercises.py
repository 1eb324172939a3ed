"""`coach exercises list` and `coach illustrations`, run the way a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import EXIT_USER_ERROR
from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir


def coach(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def test_list_prints_one_line_per_exercise() -> None:
    result = coach("exercises", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    exercises, _ = load_library(exercises_dir())
    assert lines[-1] == f"{len(exercises)} exercises"
    press_up = next(line for line in lines if line.startswith("prone-press-up "))
    assert "mckenzie" in press_up and "prone" in press_up
    assert press_up.endswith("Press-up lying face down")
    assert result.stderr == ""


def test_list_json_has_every_field() -> None:
    result = coach("exercises", "list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data) >= 60
    bird_dog = next(item for item in data if item["id"] == "bird-dog")
    assert bird_dog["category"] == "core"
    assert bird_dog["dosage"]["sides"] == "alternate"
    assert bird_dog["illustration"]["keyframes"]
    assert bird_dog == json.loads((exercises_dir() / "bird-dog.json").read_text("utf-8"))


def test_list_reports_bad_files_and_still_lists_the_rest(tmp_path: Path) -> None:
    (tmp_path / "bridge.json").write_bytes((exercises_dir() / "bridge.json").read_bytes())
    (tmp_path / "oops.json").write_text("[1, 2", "utf-8")
    result = coach("exercises", "list", "--folder", str(tmp_path))
    assert result.returncode == 1
    assert "bridge" in result.stdout and "1 exercises" in result.stdout
    assert result.stderr.startswith("coach: oops.json: (file): is not valid JSON")


@pytest.mark.parametrize(("fmt", "size"), [("png", 120), ("svg", 200)])
def test_illustrations_writes_each_keyframe(tmp_path: Path, fmt: str, size: int) -> None:
    out = tmp_path / "figures"
    result = coach(
        "illustrations",
        "--out",
        str(out),
        "--format",
        fmt,
        "--size",
        str(size),
        "--exercise",
        "prone-press-up",
        "--exercise",
        "cat-camel",
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        f"cat-camel--back-hollow.{fmt}",
        f"cat-camel--back-rounded.{fmt}",
        f"cat-camel--hands-and-knees.{fmt}",
        f"prone-press-up--hands-by-shoulders.{fmt}",
        f"prone-press-up--pressed-up.{fmt}",
    ]
    assert f"Wrote 5 {fmt.upper()} files" in result.stdout
    sample = out / f"prone-press-up--pressed-up.{fmt}"
    if fmt == "png":
        assert sample.read_bytes().startswith(b"\x89PNG")
        # The PNG header carries width and height as big-endian numbers at bytes 16-24.
        header = sample.read_bytes()[16:24]
        assert int.from_bytes(header[:4], "big") == size
        assert int.from_bytes(header[4:], "big") == size
    else:
        text = sample.read_text("utf-8")
        assert f'viewBox="0 0 {size} {size}"' in text
        assert "<title>Press-up lying face down: pressed-up</title>" in text


def test_illustrations_refuses_bad_options(tmp_path: Path) -> None:
    result = coach("illustrations", "--out", str(tmp_path), "--size", "5")
    assert result.returncode == EXIT_USER_ERROR
    assert "--size must be between" in result.stderr
    result = coach("illustrations", "--out", str(tmp_path), "--exercise", "no-such-thing")
    assert result.returncode == EXIT_USER_ERROR
    assert "no exercise with id no-such-thing" in result.stderr
    result = coach("illustrations", "--out", str(tmp_path), "--format", "gif")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
