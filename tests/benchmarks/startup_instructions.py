"""CPU instructions of Coach's usual starts against a bare PySide6 window, counted by callgrind.

On a shared two-core machine the wall times of startup.py vary by a fifth from run to run, so a
saving of a few milliseconds drowns; the instructions a start executes repeat to within a
fraction of a million, so such a saving shows. Counted here, in the same run: the bare window
of startup.py, a patient's usual start (the Today kept at the last exit) and a therapist's (the
Patients page kept from the demo caseload), each seeded and kept as startup.py does.

Each program runs once natively first (its bytecode cached, its first screen kept), then once
under `valgrind --tool=callgrind` with PYTHONHASHSEED=0, so that two runs count alike. Under
callgrind a program runs some fifty times slower: what waits on a timer behaves as on a very
slow machine. Prints every count and its ratio to the bare window's; it does not assert.

    python tests/benchmarks/startup_instructions.py [--keep DIR]

Needs valgrind (Debian: apt-get install valgrind). --keep DIR leaves the callgrind profiles
there, to read with `callgrind_annotate --inclusive=yes`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import BARE_WINDOW

COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str], env: dict[str, str], profile: Path) -> int:
    """The instructions `command` executes, counted by callgrind after one native run."""
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", *command],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = COLLECTED.search(counted.stderr)
    if found is None:
        raise SystemExit(f"callgrind said no total: {counted.stderr[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="leave the callgrind profiles in DIR")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    program = [sys.executable, "-m", "coach"]
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        profiles = Path(args.keep) if args.keep else Path(tmp)
        profiles.mkdir(parents=True, exist_ok=True)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        bare = Path(tmp) / "bare_window.py"
        bare.write_text(BARE_WINDOW, encoding="utf-8")
        patient, caseload = Path(tmp) / "data", Path(tmp) / "caseload"
        for seed in (
            [*program, "--data-dir", str(patient), "demo"],
            [*program, "--data-dir", str(caseload), "demo", "--therapist"],
        ):
            subprocess.run(seed, env=env, check=True, stdout=subprocess.DEVNULL)
        cases = (
            ("bare PySide6 window", [sys.executable, str(bare)]),
            (
                "usual start (patient)",
                [*program, "--data-dir", str(patient), "--quit-after-startup"],
            ),
            ("therapist", [*program, "--data-dir", str(caseload), "--quit-after-startup"]),
        )
        counts = {
            name: instructions(command, env, profiles / f"callgrind.{number}.out")
            for number, (name, command) in enumerate(cases)
        }
    baseline = counts["bare PySide6 window"]
    for name, count in counts.items():
        print(f"{name}: {count / 1e6:,.1f} M instructions, ratio {count / baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
