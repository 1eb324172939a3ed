"""One Coach per data folder: a second launch brings the running one forward and exits.

Two copies on one database would each keep their own cache of settings and today's view, and
each take a closing backup; with reminders Coach may also be running unseen in the
background, so starting it again from the menu must find that one. The first copy listens on
a local socket (QLocalServer: a Unix socket, a named pipe on Windows) named for the user and
the data; a later launch connects, says "show" and leaves.

A copy that crashed leaves its socket file behind on Unix; a launch that can neither connect
nor listen removes it and listens again. Two launches at the same moment cannot both remove
the other's socket: removing happens only after connecting has failed twice.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCryptographicHash, QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

CONNECT_MS = 500
SHOW = b"show\n"


def server_name(data: str) -> str:
    """A name per user and per data folder or database URL, short enough for a Unix socket."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        user = "user"
    # Qt's SHA-256, the same digest as hashlib's: importing hashlib loads OpenSSL before the
    # first paint, for one short hash.
    sha256 = QCryptographicHash.Algorithm.Sha256
    digest = QCryptographicHash.hash(f"{user}\0{data}".encode(), sha256).toHex()
    return f"coach-{bytes(digest.data()).decode('ascii')[:20]}"


class RunningInstance(QObject):
    """The first copy's listening end: `activated` when a later launch asks to be shown."""

    activated = Signal()

    def __init__(self, server: QLocalServer) -> None:
        super().__init__(server)
        self.server = server
        server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW.strip()):
            self.activated.emit()
        socket.disconnectFromServer()

    def close(self) -> None:
        self.server.close()


def _hand_over(name: str) -> bool:
    """Ask a running copy to come forward; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(SHOW)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_MS)
    return True


def claim(name: str, parent: QObject | None = None) -> RunningInstance | None:
    """Become the running copy, or hand over to the one already running (None)."""
    if _hand_over(name):
        return None
    server = QLocalServer(parent)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name) and (
        server.serverError() == QAbstractSocket.SocketError.AddressInUseError
    ):
        if _hand_over(name):  # another launch won the race a moment ago
            server.deleteLater()
            return None
        QLocalServer.removeServer(name)  # left behind by a copy that crashed
        server.listen(name)  # failing again (a read-only /tmp, say), Coach runs unguarded
    return RunningInstance(server)
