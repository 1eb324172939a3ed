"""Crash reports that help a developer and can never leak the user's health data.

A report holds what a developer needs to find the bug, and nothing a person typed or recorded:
- the exception's type and every frame (file, line, function, source line), for the exception
  and whatever caused it;
- Coach's, Python's and the libraries' versions, and the platform.
It deliberately leaves out the exception's message and every local variable: messages often
quote data ("KeyError: 'Sam Example'", a note that failed to parse), and a frame's locals are the
data. Paths under the home folder are written from "~", since a user name may be a real name.
No Qt here: the GUI's handler (coach.ui.crash) and any front end can write one.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from coach import __version__

FOLDER = "crash-reports"
KEEP = 20  # the newest reports kept; older ones are removed when a new one is written


def describe(
    kind: type[BaseException], error: BaseException | None, tb: TracebackType | None
) -> str:
    """The traceback as text, with types and frames only (see the module docstring)."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[tuple[type[BaseException], TracebackType | None]] = [(kind, tb)]
    current = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if cause is not None:
            chain.append((type(cause), cause.__traceback__))
        current = cause
    for index, (link_kind, link_tb) in enumerate(reversed(chain)):
        if index:
            lines.append("which led to:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(link_tb):
            lines.append(
                f'  File "{_private(frame.filename)}", line {frame.lineno}, in {frame.name}'
            )
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{link_kind.__module__}.{link_kind.__qualname__} (message left out)")
    return "\n".join(lines)


def _private(filename: str) -> str:
    home = os.path.expanduser("~")
    if home not in {"", "~", "/"} and filename.startswith(home + os.sep):
        return "~" + filename[len(home) :]
    return filename


def write(
    folder: Path,
    kind: type[BaseException],
    error: BaseException | None,
    tb: TracebackType | None,
    *,
    now: datetime,
    versions: Mapping[str, str] | None = None,
) -> Path:
    """Write one report into `folder` (made 0700 if missing) and return its path."""
    import platform  # here, not at start-up: the crash handler is installed before the first paint

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    header = {
        "time (UTC)": now.astimezone(UTC).isoformat(timespec="seconds"),
        "coach": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "thread": threading.current_thread().name,
        **(versions or {}),
    }
    text = "\n".join(f"{key}: {value}" for key, value in header.items())
    text += "\n\n" + describe(kind, error, tb) + "\n"
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}-{threading.get_ident() % 10_000:04d}.txt"
    number = 1
    while path.exists():
        number += 1
        path = path.with_name(f"{path.stem.rsplit('~', 1)[0]}~{number}.txt")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    _thin(folder)
    return path


def _thin(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime_ns)
    for old in reports[:-KEEP]:
        old.unlink(missing_ok=True)
