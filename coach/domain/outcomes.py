"""Outcome measures: NPRS, PSFS, ODI and NDI, scored the published way.

Therapists compare these numbers between visits, so the arithmetic must match the paper forms
exactly (see shared/CLINICAL.md). The ODI and NDI statement texts are copyrighted: Coach records
the ten section scores (0-5, copied from the paper form) under the section names and computes
the result; it never reproduces the statements.

Missing sections: the ODI divides by 5 x the answered sections; the NDI total is scaled to ten
sections the same way, and the result says so. With fewer than MIN_ANSWERED sections the score
is refused: a percentage from a half-empty form would mislead more than it informs.

Bands are looked up on the result rounded to a whole number, as on the paper form (35.6 % is
read as 36 %, "moderate").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from coach.domain.profile import ValidationError

SECTION_MIN = 0
SECTION_MAX = 5
SECTIONS = 10
MIN_ANSWERED = 8
PSFS_MIN_ACTIVITIES = 3
PSFS_MAX_ACTIVITIES = 5
ACTIVITY_NAME_MAX = 120


class Instrument(StrEnum):
    NPRS = "nprs"
    PSFS = "psfs"
    ODI = "odi"
    NDI = "ndi"

    @property
    def label(self) -> str:
        return _INSTRUMENT_LABELS[self]

    @property
    def lower_is_better(self) -> bool:
        return self is not Instrument.PSFS


_INSTRUMENT_LABELS = {
    Instrument.NPRS: "Pain rating (NPRS)",
    Instrument.PSFS: "Activities (PSFS)",
    Instrument.ODI: "Oswestry Disability Index (ODI)",
    Instrument.NDI: "Neck Disability Index (NDI)",
}

ODI_SECTIONS: tuple[str, ...] = (
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Walking",
    "Sitting",
    "Standing",
    "Sleeping",
    "Social life",
    "Travelling",
    "Employment / homemaking",
)
NDI_SECTIONS: tuple[str, ...] = (
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Reading",
    "Headaches",
    "Concentration",
    "Work",
    "Driving",
    "Sleeping",
    "Recreation",
)

# (upper bound of the rounded result, band name), checked in order.
ODI_BANDS: tuple[tuple[int, str], ...] = (
    (20, "Minimal disability"),
    (40, "Moderate disability"),
    (60, "Severe disability"),
    (80, "Crippling disability"),
    (100, "Bed-bound"),
)
NDI_BANDS: tuple[tuple[int, str], ...] = (
    (4, "No disability"),
    (14, "Mild disability"),
    (24, "Moderate disability"),
    (34, "Severe disability"),
    (50, "Complete disability"),
)


@dataclass(frozen=True)
class NprsAnswers:
    pain: int

    def __post_init__(self) -> None:
        if isinstance(self.pain, bool) or not isinstance(self.pain, int):
            raise ValidationError("nprs", "Please choose a pain rating from 0 to 10.")
        if not 0 <= self.pain <= 10:
            raise ValidationError("nprs", "The pain rating must be from 0 to 10.")


@dataclass(frozen=True)
class PsfsRating:
    activity: str
    rating: int


@dataclass(frozen=True)
class PsfsAnswers:
    """3 to 5 activities the patient finds hard, each rated 0 (unable) to 10 (as before)."""

    ratings: tuple[PsfsRating, ...]

    def __post_init__(self) -> None:
        count = len(self.ratings)
        if not PSFS_MIN_ACTIVITIES <= count <= PSFS_MAX_ACTIVITIES:
            raise ValidationError(
                "psfs.activities",
                f"Please name {PSFS_MIN_ACTIVITIES} to {PSFS_MAX_ACTIVITIES} activities "
                f"(you have {count}).",
            )
        cleaned: list[PsfsRating] = []
        seen: set[str] = set()
        for index, item in enumerate(self.ratings):
            name = " ".join(item.activity.split())
            if not name:
                raise ValidationError(f"psfs.activity.{index}", "Please name the activity.")
            if len(name) > ACTIVITY_NAME_MAX:
                raise ValidationError(
                    f"psfs.activity.{index}",
                    f"Please keep the name under {ACTIVITY_NAME_MAX} characters.",
                )
            if name.casefold() in seen:
                raise ValidationError(f"psfs.activity.{index}", "This activity is listed twice.")
            seen.add(name.casefold())
            rating = item.rating
            if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10:
                raise ValidationError(
                    f"psfs.rating.{index}", "Rate the activity from 0 (unable) to 10 (as before)."
                )
            cleaned.append(PsfsRating(name, rating))
        object.__setattr__(self, "ratings", tuple(cleaned))


@dataclass(frozen=True)
class SectionAnswers:
    """The ten ODI or NDI section scores; None is a section left blank or not applicable."""

    instrument: Instrument
    sections: tuple[int | None, ...]

    def __post_init__(self) -> None:
        if self.instrument not in (Instrument.ODI, Instrument.NDI):
            raise ValueError(f"{self.instrument} is not scored by sections")
        prefix = self.instrument.value
        if len(self.sections) != SECTIONS:
            raise ValidationError(f"{prefix}.sections", f"The form has {SECTIONS} sections.")
        names = section_names(self.instrument)
        for index, value in enumerate(self.sections):
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(
                    f"{prefix}.section.{index}", f"{names[index]}: enter a score from 0 to 5."
                )
            if not SECTION_MIN <= value <= SECTION_MAX:
                raise ValidationError(
                    f"{prefix}.section.{index}",
                    f"{names[index]}: section scores run from 0 to 5 (you entered {value}).",
                )
        if self.answered < MIN_ANSWERED:
            raise ValidationError(
                f"{prefix}.sections",
                f"Please score at least {MIN_ANSWERED} of the {SECTIONS} sections "
                f"({self.answered} scored). Fewer would give a misleading result.",
            )

    @property
    def answered(self) -> int:
        return sum(1 for value in self.sections if value is not None)

    @property
    def total(self) -> int:
        return sum(value for value in self.sections if value is not None)


Answers = NprsAnswers | PsfsAnswers | SectionAnswers


def section_names(instrument: Instrument) -> tuple[str, ...]:
    return ODI_SECTIONS if instrument is Instrument.ODI else NDI_SECTIONS


def instrument_of(answers: Answers) -> Instrument:
    if isinstance(answers, NprsAnswers):
        return Instrument.NPRS
    if isinstance(answers, PsfsAnswers):
        return Instrument.PSFS
    return answers.instrument


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


@dataclass(frozen=True)
class Result:
    """A scored questionnaire: the number the charts use and the words a person reads."""

    instrument: Instrument
    score: float  # NPRS 0-10, PSFS mean 0-10, ODI percent 0-100, NDI total 0-50
    text: str  # e.g. "35.6 %" or "18 of 50 (36 %)"
    band: str = ""
    remark: str = ""  # how missing sections were handled, if any


def score(answers: Answers) -> Result:
    if isinstance(answers, NprsAnswers):
        return Result(Instrument.NPRS, float(answers.pain), f"{answers.pain} of 10")
    if isinstance(answers, PsfsAnswers):
        mean = sum(r.rating for r in answers.ratings) / len(answers.ratings)
        return Result(
            Instrument.PSFS,
            mean,
            f"{mean:.1f} of 10 (mean of {len(answers.ratings)} activities)",
        )
    if answers.instrument is Instrument.ODI:
        return _score_odi(answers)
    return _score_ndi(answers)


def _missing_remark(answers: SectionAnswers, how: str) -> str:
    missing = SECTIONS - answers.answered
    if not missing:
        return ""
    sections = "section was" if missing == 1 else "sections were"
    return f"{missing} {sections} not answered; {how}"


def _band(value: float, bands: tuple[tuple[int, str], ...]) -> str:
    rounded = round_half_up(value)
    for upper, name in bands:
        if rounded <= upper:
            return name
    return bands[-1][1]


def _score_odi(answers: SectionAnswers) -> Result:
    percent = answers.total / (SECTION_MAX * answers.answered) * 100
    return Result(
        Instrument.ODI,
        percent,
        f"{percent:.1f} %",
        _band(percent, ODI_BANDS),
        _missing_remark(
            answers,
            f"scored as {answers.total} of {SECTION_MAX * answers.answered} possible points.",
        ),
    )


def _score_ndi(answers: SectionAnswers) -> Result:
    total = answers.total * SECTIONS / answers.answered
    shown = f"{total:.0f}" if total.is_integer() else f"{total:.1f}"
    return Result(
        Instrument.NDI,
        total,
        f"{shown} of 50 ({total * 2:.0f} %)",
        _band(total, NDI_BANDS),
        _missing_remark(
            answers,
            f"the total of {answers.total} was scaled up to all {SECTIONS} sections.",
        ),
    )


class Verdict(StrEnum):
    IMPORTANT = "important"  # at or beyond the clinically important change
    POSSIBLE = "possible"  # inside the published range of important change
    SMALL = "small"  # below it: could be day-to-day variation


@dataclass(frozen=True)
class Threshold:
    low: float
    high: float

    def judge(self, size: float) -> Verdict:
        if size >= self.high:
            return Verdict.IMPORTANT
        if size >= self.low:
            return Verdict.POSSIBLE
        return Verdict.SMALL

    @property
    def text(self) -> str:
        if self.low == self.high:
            return f"{self.low:g}"
        return f"{self.low:g}-{self.high:g}"


def important_change(instrument: Instrument, baseline: float) -> Threshold:
    """The clinically important change for `instrument`, from shared/CLINICAL.md.

    For the NPRS it depends on where the pain started: about 1 point from a baseline of 4 or
    less, 2 points in the middle, 3-4 points from 8 or more.
    """
    if instrument is Instrument.NPRS:
        if baseline <= 4:
            return Threshold(1, 1)
        if baseline < 8:
            return Threshold(2, 2)
        return Threshold(3, 4)
    if instrument is Instrument.PSFS:
        return Threshold(2, 2)
    if instrument is Instrument.ODI:
        return Threshold(6, 10)
    return Threshold(5, 5)


PSFS_ACTIVITY_CHANGE = 3.0


@dataclass(frozen=True)
class Change:
    instrument: Instrument
    previous: float
    current: float
    since: date
    threshold: Threshold
    verdict: Verdict

    @property
    def difference(self) -> float:
        return self.current - self.previous

    @property
    def improved(self) -> bool:
        if self.instrument.lower_is_better:
            return self.difference < 0
        return self.difference > 0

    @property
    def text(self) -> str:
        unit = " points" if self.instrument is not Instrument.ODI else " percentage points"
        size = abs(self.difference)
        if size < 0.05:
            return f"No change since {self.since:%d %b %Y}."
        direction = "better" if self.improved else "worse"
        verdict = {
            Verdict.IMPORTANT: "a clinically important change",
            Verdict.POSSIBLE: "possibly a clinically important change",
            Verdict.SMALL: "smaller than a clinically important change",
        }[self.verdict]
        # "about 1 point", "about 2 points"
        limit = unit.removesuffix("s") if self.threshold.text == "1" else unit
        return (
            f"{size:.1f}{unit} {direction} than on {self.since:%d %b %Y}: {verdict} "
            f"(about {self.threshold.text}{limit})."
        )


def compare(previous: Result, previous_day: date, current: Result) -> Change:
    if previous.instrument is not current.instrument:
        raise ValueError("only scores of the same instrument can be compared")
    threshold = important_change(current.instrument, previous.score)
    return Change(
        current.instrument,
        previous.score,
        current.score,
        previous_day,
        threshold,
        threshold.judge(abs(current.score - previous.score)),
    )


@dataclass(frozen=True)
class ActivityChange:
    activity: str
    previous: int
    current: int

    @property
    def important(self) -> bool:
        return abs(self.current - self.previous) >= PSFS_ACTIVITY_CHANGE


def psfs_activity_changes(
    previous: PsfsAnswers, current: PsfsAnswers
) -> tuple[ActivityChange, ...]:
    """Per-activity change for activities rated both times (a single one needs 3 points)."""
    before = {r.activity.casefold(): r.rating for r in previous.ratings}
    return tuple(
        ActivityChange(r.activity, before[r.activity.casefold()], r.rating)
        for r in current.ratings
        if r.activity.casefold() in before
    )


@dataclass(frozen=True)
class OutcomeScore:
    """One completed measure as stored: the answers, when, and the computed result."""

    answers: Answers
    recorded_at: datetime
    note: str = ""
    id: int = 0
    local_day: date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.recorded_at.tzinfo is None:
            raise ValidationError("recorded_at", "The time needs a time zone.")
        note = self.note.strip()
        if len(note) > 500:
            raise ValidationError("note", "Please keep the note under 500 characters.")
        object.__setattr__(self, "note", note)

    @property
    def instrument(self) -> Instrument:
        return instrument_of(self.answers)

    @property
    def result(self) -> Result:
        return score(self.answers)
