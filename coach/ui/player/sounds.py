"""Cues for a patient who is not looking at the screen: generated sounds and optional speech.

The sounds are short synthesised tones written as WAV files with the `wave` module (no audio
assets to ship or license), each with its own pitch contour so start, hold, release, rest, done
and the last-seconds tick can be told apart without looking. They are written once into the
user's cache folder (or the temp folder) and played with QSoundEffect, which starts with less
delay than a media player.

QtMultimedia and QtTextToSpeech are imported only here and only when wanted: on Linux they fail
to import without libpulse0, and a missing speech engine is common. Either way the session still
runs on visual cues (the `cued` signal makes the player flash), and `notice` says once why there
is no sound or voice.
"""

from __future__ import annotations

import math
import struct
import tempfile
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal

from coach.domain.cues import CueKind
from coach.services.settings import SESSION_SOUND, SESSION_VOICE, SESSION_VOLUME
from coach.services.settings_service import SettingsService

RATE = 22050
# Bump when the tones change, so cached files from an older version are not reused.
SOUND_VERSION = 1

# Each cue: (start Hz, end Hz, seconds) segments played one after another.
TONES: dict[CueKind, tuple[tuple[float, float, float], ...]] = {
    CueKind.START: ((520.0, 780.0, 0.16),),  # rising: go
    CueKind.HOLD: ((880.0, 880.0, 0.28),),  # one steady high note: hold still
    CueKind.RELEASE: ((780.0, 460.0, 0.22),),  # falling: come back
    CueKind.REST: ((392.0, 392.0, 0.18), (330.0, 330.0, 0.26)),  # two low notes
    CueKind.DONE: ((523.0, 523.0, 0.13), (659.0, 659.0, 0.13), (784.0, 784.0, 0.3)),  # chime
    CueKind.TICK: ((1200.0, 1200.0, 0.035),),  # a short click
}


def samples(kind: CueKind) -> list[int]:
    """16-bit samples of a cue: sine sweeps with a soft attack and decay (no clicks)."""
    out: list[int] = []
    for start_hz, end_hz, seconds in TONES[kind]:
        count = int(RATE * seconds)
        phase = 0.0
        fade = max(1, int(RATE * 0.008))
        for i in range(count):
            t = i / count
            phase += 2 * math.pi * (start_hz + (end_hz - start_hz) * t) / RATE
            envelope = min(1.0, i / fade, (count - i) / fade) * (1 - 0.35 * t)
            out.append(round(0.55 * 32767 * envelope * math.sin(phase)))
    return out


def write_wav(path: Path, kind: CueKind) -> None:
    data = samples(kind)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(data)}h", *data))


def sound_folder() -> Path:
    """The user's cache folder for Coach, or the temp folder when it cannot be written."""
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    for candidate in (Path(cache) / "sounds" if cache else None, Path(tempfile.gettempdir())):
        if candidate is None:
            continue
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        return candidate
    raise OSError("no writable folder for the session sounds")


def ensure_wavs(folder: Path) -> dict[CueKind, Path]:
    files = {}
    for kind in CueKind:
        path = folder / f"coach-cue-{kind.value}-v{SOUND_VERSION}.wav"
        if not path.exists():
            partial = path.with_suffix(".tmp")
            write_wav(partial, kind)
            partial.replace(path)
        files[kind] = path
    return files


def sound_effects(
    volume: float, parent: QObject, kinds: tuple[CueKind, ...] = tuple(CueKind)
) -> tuple[dict[CueKind, Any], str]:
    """A QSoundEffect for each of `kinds`, or none and the reason there is no sound.

    Also what the reminders' chime plays (coach.ui.reminders.chime), so both degrade alike.
    """
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError as exc:
        return {}, f"Qt's audio support could not load on this computer ({exc})."
    try:
        files = ensure_wavs(sound_folder())
    except OSError as exc:
        return {}, f"the sound files could not be written ({exc})."
    effects: dict[CueKind, Any] = {}
    for kind in kinds:
        effect = QSoundEffect(parent)
        effect.setSource(QUrl.fromLocalFile(str(files[kind])))
        effect.setVolume(volume)
        effects[kind] = effect
    return effects, ""


class Cues(QObject):
    """Plays each cue as a sound (if on and possible) and says words (if on and possible).

    `cued` is emitted for every cue whether or not anything is heard, for the visual flash.
    """

    cued = Signal(str)

    def __init__(self, settings: SettingsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notice = ""
        self._effects: dict[CueKind, Any] = {}
        self._speech: Any = None
        volume = settings.get(SESSION_VOLUME) / 100
        problems = []
        if settings.get(SESSION_SOUND):
            reason = self._load_sounds(volume)
            if reason:
                problems.append(f"Sounds are off: {reason}")
        if settings.get(SESSION_VOICE):
            reason = self._load_voice(volume)
            if reason:
                problems.append(f"The spoken cues are off: {reason}")
        if problems:
            self.notice = " ".join(problems) + " Follow the screen: it flashes at every change."

    @property
    def has_sound(self) -> bool:
        return bool(self._effects)

    @property
    def has_voice(self) -> bool:
        return self._speech is not None

    def _load_sounds(self, volume: float) -> str:
        self._effects, reason = sound_effects(volume, self)
        return reason

    def _load_voice(self, volume: float) -> str:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            return f"Qt's speech support could not load on this computer ({exc})."
        if not QTextToSpeech.availableEngines():
            return "no speech engine is installed on this computer."
        speech = QTextToSpeech(self)
        speech.setVolume(volume)
        self._speech = speech
        return ""

    def play(self, kind: CueKind) -> None:
        effect = self._effects.get(kind)
        if effect is not None:
            effect.play()
        self.cued.emit(kind.value)

    def say(self, text: str) -> None:
        if self._speech is not None and text:
            self._speech.say(text)
