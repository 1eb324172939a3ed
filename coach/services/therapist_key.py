"""The therapist's key pair: made on first need, kept 0600 in the data folder, carried by backups.

Programme files a therapist's copy writes carry the public key; progress files come back sealed
to it (coach.exchange.sealing). The private key is the file keys/therapist.key (base64 text,
owner-only, written through a temporary file and a rename). So that every backup carries it,
the database holds a copy too (the setting KEY_COPIES, a list: a copy restored from a backup
taken before a new key was made still opens files sealed to the old key). A missing key file is
written again from that copy on the next use, which is how restoring a backup brings it back.
The database file is owner-only like the key file.

A copy without a data folder (a --database server URL, or an in-memory test store) has no place
for the key file: asking for a key there raises KeyNeedsFolderError, one sentence saying so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coach.domain.errors import UserError
from coach.exchange.sealing import BadKeyError, KeyPair, decode_key, encode_key
from coach.paths import DataPaths, secure_file
from coach.services.database import Database
from coach.store import failures, settings_repo

KEY_FILE = "therapist.key"
# The private keys this copy has had, newest last, as base64 text (see the module docstring).
KEY_COPIES = "handback.private_keys"


class KeyNeedsFolderError(UserError):
    title = "No key in this copy"

    def __init__(self) -> None:
        super().__init__(
            "Sealed progress files need a data folder to keep the therapist's key in; this "
            "copy uses a server database, so it cannot make or open them."
        )


class TherapistKeyService:
    def __init__(self, db: Database, paths: DataPaths | None) -> None:
        self._db = db
        self._paths = paths
        self._cache: list[KeyPair] | None = None

    @property
    def available(self) -> bool:
        """Whether this copy can hold a key at all (it has a data folder)."""
        return self._paths is not None

    @property
    def path(self) -> Path:
        if self._paths is None:
            raise KeyNeedsFolderError()
        return self._paths.keys / KEY_FILE

    def exists(self) -> bool:
        """Whether a key was made already (asking never makes one)."""
        return self._paths is not None and bool(self._known())

    def key_pair(self) -> KeyPair:
        """The current key pair, made (and stored) the first time it is needed."""
        known = self._known()
        if known:
            return known[-1]
        made = KeyPair.generate()
        self._write_file(made)
        self._write_copies([made])
        self._cache = [made]
        return made

    def fingerprint(self) -> str:
        """The current key's fingerprint, for a therapist to read out over the phone."""
        return self.key_pair().fingerprint

    def find(self, fingerprint: str) -> KeyPair | None:
        """The key pair of that fingerprint, if this copy holds it (never makes one)."""
        if self._paths is None:
            raise KeyNeedsFolderError()
        return next((k for k in self._known() if k.fingerprint == fingerprint), None)

    def _known(self) -> list[KeyPair]:
        """Every key pair this copy holds, the current one last; repairs a missing file or
        a missing database copy from the other."""
        if self._cache is not None:
            return self._cache
        path = self.path
        copies = self._read_copies()
        current = self._read_file(path)
        if current is None and copies:
            current = copies[-1]
            self._write_file(current)
        if current is not None and current not in copies:
            copies.append(current)
            self._write_copies(copies)
        if current is not None:  # the file's key is the current one
            copies = [k for k in copies if k != current] + [current]
        self._cache = copies
        return copies

    @staticmethod
    def _read_file(path: Path) -> KeyPair | None:
        try:
            text = path.read_text("ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise BadKeyError(f"Coach could not read its key file {path}: {exc}.") from None
        return KeyPair.from_private(decode_key(text))

    def _write_file(self, keys: KeyPair) -> None:
        folder = self.path.parent
        with failures.translated(folder):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")  # made 0600
            try:
                with os.fdopen(handle, "w", encoding="ascii") as out:
                    out.write(encode_key(keys.private) + "\n")
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        secure_file(self.path)

    def _read_copies(self) -> list[KeyPair]:
        with self._db.read() as conn:
            stored = settings_repo.get(conn, KEY_COPIES)
        if not isinstance(stored, list):
            return []
        return [KeyPair.from_private(decode_key(text)) for text in stored if isinstance(text, str)]

    def _write_copies(self, keys: list[KeyPair]) -> None:
        with self._db.transaction() as conn:
            settings_repo.put(
                conn, KEY_COPIES, [encode_key(k.private) for k in keys], self._db.clock.now()
            )
