"""One Coach per data folder: a second launch hands over to the running one and leaves, a
socket left by a crashed copy is taken over, and different data folders do not meet."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from coach.paths import resolve_data_dir
from coach.ui.single_instance import claim, server_name


def test_a_second_claim_hands_over_and_the_first_comes_forward(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = server_name(str(tmp_path / "data"))
    first = claim(name)
    assert first is not None
    try:
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert claim(name) is None
        other = claim(server_name(str(tmp_path / "other data")))
        assert other is not None  # another data folder is another Coach
        other.close()
    finally:
        first.close()


def test_names_differ_by_data_and_fit_a_unix_socket_path(tmp_path: Path) -> None:
    one, two = server_name(str(tmp_path / "a")), server_name(str(tmp_path / "b"))
    assert one != two and one == server_name(str(tmp_path / "a"))
    assert len(one) < 40


def test_the_name_is_the_one_earlier_versions_listen_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Coach already running from before an update must still be found: the name is
    # coach- and the first 20 hex digits of SHA-256 over user NUL data, as it always was.
    monkeypatch.setenv("LOGNAME", "jo")
    assert server_name("/home/jo/Coach data") == "coach-f3b8cc7e8fba4673f459"


@pytest.mark.skipif(os.name != "posix", reason="stale socket files are a Unix matter")
def test_a_socket_left_by_a_crashed_copy_is_taken_over(tmp_path: Path) -> None:
    name = server_name(str(tmp_path / "crashed"))
    probe = QLocalServer()
    assert probe.listen(name)
    path = probe.fullServerName()
    probe.close()
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(path)  # bound, never unlinked: what a killed process leaves behind
    crashed.close()
    assert Path(path).exists()
    instance = claim(name)
    assert instance is not None
    try:
        assert instance.server.isListening()
    finally:
        instance.close()


def wait_until_listening(name: str, process: subprocess.Popen[str]) -> None:
    for _ in range(600):  # the first copy needs a few seconds to start
        if process.poll() is not None:
            raise AssertionError(f"the first Coach exited: {process.communicate()}")
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(100):
            probe.disconnectFromServer()
            return
        time.sleep(0.05)
    raise AssertionError("the first Coach never listened")


@pytest.mark.slow
def test_a_second_launch_leaves_the_data_to_the_running_coach(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    command = [sys.executable, "-m", "coach", "--data-dir", str(data)]
    # The demo patient: a Coach that opens this data keeps its first screen when it exits.
    subprocess.run([*command, "demo"], env=env, capture_output=True, check=True, timeout=60)
    first = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_until_listening(server_name(str(resolve_data_dir(data))), first)
        second = subprocess.run(
            [*command, "--quit-after-startup"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        # A copy that opened the data would have kept its first screen at exit.
        assert not (data / "first-screen.json").exists()
        assert first.poll() is None
    finally:
        first.terminate()
        first.communicate(timeout=30)
