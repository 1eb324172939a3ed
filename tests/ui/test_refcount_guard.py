"""Guard against PySide6 6.12 leaking references to None, True and False (refcount_guard.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PAINT_A_LOT = """
import sys
{prelude}
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPen
app = QGuiApplication(sys.argv[:1])
image = QImage(8, 8, QImage.Format.Format_ARGB32)
painter = QPainter(image)
before = sys.getrefcount(None)
pen = QPen()
for _ in range(200_000):
    painter.setPen(pen)
    pen.isCosmetic()
painter.end()
print("survived", before)
"""


def _run(prelude: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PAINT_A_LOT.format(prelude=prelude)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


def test_importing_the_ui_package_keeps_painting_alive() -> None:
    result = _run("import coach.ui")
    assert result.returncode == 0, result.stderr
    assert "survived" in result.stdout


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_bug_is_still_there_without_the_guard() -> None:
    """When this starts failing, PySide6 has fixed the leak and the guard can go."""
    result = _run("")
    assert result.returncode != 0
    assert "_dealloc" in result.stderr
