"""Which ODI/NDI questionnaires are offered, and a clinic's licensed statements for them.

A patient at home cannot fill in the ODI or NDI without the therapist's paper form, so a
patient's copy offers them only once a programme from a therapist asks for them; a therapist's
copy always does. What each programme asks for is kept in one setting (QUESTIONNAIRES_ASKED,
keyed by programme uid) instead of a programme column: no schema change, and a programme file's
"questionnaires" list maps onto it directly. A programme's asks are only ever added by an import
(never removed by a later one), so a patient keeps every questionnaire a therapist asked for.

Statements loaded from a clinic's questionnaire file (coach.exchange.questionnaire_file) are kept
as `questionnaires/<instrument>.json` in the data folder, readable by the user alone (0600), and
are read back through the same checks as the file they came from.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from coach.domain.outcomes import Instrument
from coach.domain.profile import Role
from coach.exchange.questionnaire_file import (
    INSTRUMENTS,
    QuestionnaireFileError,
    Statements,
    read_statements,
    to_bytes,
)
from coach.services.changes import Area, Changes
from coach.services.profile import ProfileService
from coach.services.settings import QUESTIONNAIRES_ASKED
from coach.services.settings_service import SettingsService
from coach.store import failures

ALWAYS_OFFERED = (Instrument.NPRS, Instrument.PSFS)


class QuestionnaireService:
    def __init__(
        self, settings: SettingsService, profile: ProfileService, folder: Path | None
    ) -> None:
        self._settings = settings
        self._profile = profile
        self._folder = folder
        self._statements: dict[Instrument, Statements | None] = {}

    # --- which are offered ----------------------------------------------------------------------

    def _asked(self) -> dict[str, frozenset[Instrument]]:
        try:
            raw = json.loads(self._settings.get(QUESTIONNAIRES_ASKED) or "{}")
        except ValueError:
            return {}
        if not isinstance(raw, dict):
            return {}
        names = {i.value for i in INSTRUMENTS}
        return {
            str(uid): frozenset(Instrument(v) for v in values if isinstance(v, str) and v in names)
            for uid, values in raw.items()
            if isinstance(values, list)
        }

    def asked(self, uid: str) -> frozenset[Instrument]:
        """The questionnaires the programme with this uid asks the patient for."""
        return self._asked().get(uid, frozenset())

    def set_asked(self, uid: str, instruments: frozenset[Instrument]) -> Changes:
        """Record what one programme asks for (its builder's tick boxes, or an import)."""
        asked = self._asked()
        chosen = frozenset(i for i in instruments if i in INSTRUMENTS)
        if chosen:
            asked[uid] = chosen
        else:
            asked.pop(uid, None)
        text = json.dumps(
            {key: sorted(i.value for i in value) for key, value in sorted(asked.items())},
            separators=(",", ":"),
        )
        changes = self._settings.set(QUESTIONNAIRES_ASKED, "" if not asked else text)
        return changes | Changes.of(Area.OUTCOMES) if changes else changes

    def add_asked(self, uid: str, instruments: frozenset[Instrument]) -> Changes:
        """Turn on what an imported programme asks for, keeping what was asked before."""
        if not instruments:
            return Changes()
        return self.set_asked(uid, self.asked(uid) | instruments)

    def therapist_copy(self) -> bool:
        """A therapist's copy asks for questionnaires; a patient's copy is asked."""
        profile = self._profile.get()
        return profile is not None and profile.role is Role.THERAPIST

    def offered(self) -> tuple[Instrument, ...]:
        """The measures to offer: NPRS and PSFS always, the ODI/NDI as explained above."""
        if self.therapist_copy():
            return tuple(Instrument)
        asked = frozenset().union(*self._asked().values())
        return ALWAYS_OFFERED + tuple(i for i in INSTRUMENTS if i in asked)

    # --- licensed statements --------------------------------------------------------------------

    def _file(self, instrument: Instrument) -> Path | None:
        return self._folder / f"{instrument.value}.json" if self._folder else None

    def statements(self, instrument: Instrument) -> Statements | None:
        """The loaded statements for the ODI or NDI, or None to enter bare scores 0-5."""
        if instrument not in self._statements:
            self._statements[instrument] = self._read_kept(instrument)
        return self._statements[instrument]

    def _read_kept(self, instrument: Instrument) -> Statements | None:
        path = self._file(instrument)
        if path is None or instrument not in INSTRUMENTS:
            return None
        try:
            found = read_statements(path)
        except QuestionnaireFileError:
            return None  # missing or spoiled: the dialog falls back to scores 0-5
        return found if found.instrument is instrument else None

    def load_statements(self, path: Path) -> tuple[Statements, Changes]:
        """Check a questionnaire file and keep its statements; a refused file writes nothing."""
        value = read_statements(path)
        target = self._file(value.instrument)
        if target is None:
            raise QuestionnaireFileError(
                "Statements are kept in a local data folder, and this copy of Coach uses a "
                "server database."
            )
        try:
            _write_private(target, to_bytes(value))
        except OSError as exc:
            raise failures.user_facing(exc, target.parent) or QuestionnaireFileError(
                f"Coach could not keep the statements: {exc.strerror or exc}."
            ) from None
        self._statements[value.instrument] = value
        return value, Changes.of(Area.OUTCOMES)


def _write_private(target: Path, data: bytes) -> None:
    """Through a 0600 temporary file and a rename: never half a file, never readable by others."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".load-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp creates it 0600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
