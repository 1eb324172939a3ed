"""The built wheel carries the exercise assets and the migrations, and finds them installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("coach-*.whl"))


def test_wheel_contains_assets_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "assets" / "exercises").glob("*.json")}
    in_wheel = {Path(n).name for n in names if n.startswith("coach/assets/exercises/")}
    assert shipped and shipped <= in_wheel
    assert "coach/store/migrations/script.py.mako" in names
    assert any(n.startswith("coach/store/migrations/versions/0001") for n in names)
    assert not any("__pycache__" in n for n in names)


def test_installed_wheel_finds_its_own_assets(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "import coach.paths as p, json; d = p.exercises_dir(); "
        "print(d); print(len(list(d.glob('*.json'))))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"PATH": os.environ.get("PATH", "")},
    )
    folder, count = result.stdout.split()
    assert Path(folder) == target / "coach" / "assets" / "exercises"
    assert int(count) == len(list((ROOT / "assets" / "exercises").glob("*.json")))
