"""What goes on paper: the programme handout and the progress sheet, as plain data.

Printing draws with QPainter in coach/ui/printing; everything it prints is decided here, without
Qt, from the same services the pages use (the progress figures come from ProgressService, so the
sheet and the Progress page never disagree). Each report is a frozen tree of dataclasses holding
finished words and numbers: the renderer lays them out and never asks the database anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain.adherence import Adherence
from coach.domain.adherence_ledger import week_start
from coach.domain.diary import PainEntry
from coach.domain.dosage import Dosage
from coach.domain.errors import UserError
from coach.domain.exercise import Exercise, Illustration, Region
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.safety import RED_FLAGS, URGENT_ADVICE
from coach.domain.sides import Sides
from coach.domain.symptoms import SymptomRegion, level_name
from coach.services.context import PatientContext
from coach.services.dosage_words import duration, rest, times
from coach.services.programme_words import progression, schedule
from coach.services.progress import Overview
from coach.store import report_queries
from coach.wording.counts import partly_text

TICK_DAYS = 14  # the handout's tick grid covers two weeks
# Past about six months a bar a day is too thin to read; the Progress page switches there too.
WEEKLY_BARS_AFTER = 183
NONE_IN_PERIOD = "None in this period."


class ReportError(UserError, ValueError):
    """A report that cannot be made, in words a user can act on."""

    title = "Nothing to print"


# --- the programme handout -----------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    clinic: str
    contact: str

    @property
    def empty(self) -> bool:
        return not (self.name or self.clinic or self.contact)


@dataclass(frozen=True)
class TickGrid:
    """Boxes to tick: one column per day, one row per time of day."""

    days: int
    times_per_day: int


@dataclass(frozen=True)
class HandoutExercise:
    number: int
    name: str
    dosage: str  # one line: "2 sets of 10, hold 5 seconds, each side, 3 times a day, every day"
    details: tuple[str, ...]  # rest between sets, weekly progression, the therapist's note
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    stop_rules: tuple[str, ...]
    illustration: Illustration | None
    # The keyframes to picture: start, any listed between them, and end; or one when the
    # exercise holds a single pose (its start and end are the same), so the paper does not
    # show two identical pictures.
    poses: tuple[str, ...]
    image_path: str | None  # a custom exercise's own picture, when it has no drawn figure
    grid: TickGrid


@dataclass(frozen=True)
class HandoutData:
    programme: str
    patient: str
    starts: date | None  # None for a template: it starts when a programme is made from it
    goal: str
    notes: str
    therapist: Contact
    exercises: tuple[HandoutExercise, ...]
    red_flags: tuple[str, ...]
    urgent_advice: str
    printed_on: date


def dosage_line(dosage: Dosage, item: ProgrammeItem | None = None) -> str:
    """The whole prescription in one short line, as a therapist would write it on a handout."""
    parts: list[str] = []
    if dosage.reps == 1 and dosage.hold_s:
        hold = f"hold {duration(dosage.hold_s)}"
        parts.append(hold if dosage.sets == 1 else f"{times(dosage.sets)}: {hold}")
    else:
        parts.append(
            f"{dosage.sets} sets of {dosage.reps}"
            if dosage.sets > 1
            else f"{dosage.reps} repetition{'s' if dosage.reps != 1 else ''}"
        )
        if dosage.hold_s:
            parts.append(f"hold {duration(dosage.hold_s)}")
    side = {
        Sides.NONE: "",
        Sides.BOTH: "each side",
        Sides.ALTERNATE: "alternating sides",
        Sides.LEFT: "left side only",
        Sides.RIGHT: "right side only",
    }[dosage.sides]
    if side:
        parts.append(side)
    parts.append(schedule(item) if item is not None else f"{times(dosage.times_per_day)} a day")
    line = ", ".join(parts)
    return line[0].upper() + line[1:]


def pictured_poses(illustration: Illustration | None) -> tuple[str, ...]:
    """The keyframes a handout pictures (see HandoutExercise.poses)."""
    if illustration is None:
        return ()
    start, end = illustration.start, illustration.end
    if start == end or illustration.keyframe(start) == illustration.keyframe(end):
        return (start,)
    names = [frame.name for frame in illustration.keyframes]
    first, last = names.index(start), names.index(end)
    return tuple(names[first : last + 1]) if first < last else (start, end)


def _handout_exercise(
    number: int, item: ProgrammeItem, exercise: Exercise, dosage: Dosage
) -> HandoutExercise:
    details = [line for line in (rest(dosage),) if line]
    if item.progression is not None:
        details.append(progression(item.progression))
    if item.note:
        details.append(f"Note: {item.note}")
    return HandoutExercise(
        number=number,
        name=exercise.name,
        dosage=dosage_line(dosage, item),
        details=tuple(details),
        steps=exercise.steps,
        cautions=exercise.cautions,
        stop_rules=exercise.stop_rules,
        illustration=exercise.illustration,
        poses=pictured_poses(exercise.illustration),
        image_path=exercise.image_path,
        grid=TickGrid(TICK_DAYS, dosage.times_per_day),
    )


def _red_flags(neck: bool) -> tuple[str, ...]:
    return tuple(flag.text for flag in RED_FLAGS if neck or not flag.neck_only)


def handout(context: PatientContext, programme_id: int) -> HandoutData:
    """The handout for one stored programme or template, as prescribed today."""
    programme = context.programmes.get(programme_id, context.programmes.today())
    if programme is None:
        raise ReportError(f"There is no programme number {programme_id}.")
    return handout_of(context, programme)


def handout_of(context: PatientContext, programme: Programme) -> HandoutData:
    """The handout for a programme as given (a shipped starter template has no id to load)."""
    today = context.programmes.today()
    exercises: list[HandoutExercise] = []
    neck = False
    for number, item in enumerate(programme.items, start=1):
        exercise = context.app.exercises.get(item.exercise_id)
        if exercise is None:
            raise ReportError(
                f"Exercise {number} of '{programme.name}' ({item.exercise_id}) is not in the "
                "library any more."
            )
        neck = neck or Region.CERVICAL in exercise.regions
        dosage = item.dosage_on(today, programme.start_date)
        exercises.append(_handout_exercise(number, item, exercise, dosage))
    profile = context.profile.get()
    author = programme.author
    therapist = Contact(
        author.name or _therapist_name(context),
        author.clinic or (profile.clinic if profile else ""),
        author.contact or (profile.contact if profile else ""),
    )
    return HandoutData(
        programme=programme.name,
        patient=context.name(),
        starts=None if programme.is_template else programme.start_date,
        goal=programme.goal,
        notes=programme.notes,
        therapist=therapist,
        exercises=tuple(exercises),
        red_flags=_red_flags(neck),
        urgent_advice=URGENT_ADVICE,
        printed_on=today,
    )


def _therapist_name(context: PatientContext) -> str:
    """The therapist: the user of a therapist's copy, else the one a patient keeps in Settings."""
    profile = context.profile.get()
    if profile is None:
        return ""
    return profile.name if profile.role is Role.THERAPIST else profile.therapist_name


def find_programme(context: PatientContext, name: str) -> Programme:
    """The programme called `name` (case and spacing ignored), or a ReportError listing them."""
    wanted = " ".join(name.split()).casefold()
    known = context.programmes.programmes()
    for programme in known:
        if programme.name.casefold() == wanted:
            return programme
    names = ", ".join(f"'{p.name}'" for p in known) or "none yet"
    raise ReportError(f"There is no programme called '{name}'. Programmes: {names}.")


def handouts_for_today(context: PatientContext) -> list[HandoutData]:
    """One handout per programme in force today, for printing them all at once."""
    active = context.programmes.active_on(context.programmes.today())
    if not active:
        raise ReportError("No programme is in force today, so there is no handout to print.")
    return [handout(context, p.id) for p in active if p.id is not None]


# --- the progress sheet --------------------------------------------------------------------


@dataclass(frozen=True)
class SheetHeader:
    patient: str
    date_of_birth: date | None
    patient_id: str
    therapist: str
    clinic: str
    contact: str
    first: date
    last: date
    printed_on: date


@dataclass(frozen=True)
class SummaryTile:
    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class Bar:
    """Adherence over first..last (a day or a week); absent where nothing was prescribed."""

    first: date
    last: date
    percent: float


@dataclass(frozen=True)
class PainPoint:
    day: date
    mean: float
    worst: float


@dataclass(frozen=True)
class Marker:
    number: int
    day: date
    label: str


@dataclass(frozen=True)
class ChartSeries:
    first: date
    last: date
    weekly_bars: bool
    bars: tuple[Bar, ...]
    pain: tuple[PainPoint, ...]
    treatments: tuple[Marker, ...]


@dataclass(frozen=True)
class WeekRow:
    first: date
    last: date
    prescribed: float | None  # sessions, a whole number; None: nothing prescribed that week
    done: float | None  # sessions done in full, a whole number (the fraction is in adherence)
    adherence: float | None  # percent
    mean_pain: float | None
    worst_pain: float | None


@dataclass(frozen=True)
class OutcomeRow:
    day: date
    measure: str
    score: str
    change: str  # against the score before it; "First score" for the first one
    important: bool | None  # None: nothing to compare with


@dataclass(frozen=True)
class TreatmentRow:
    number: int  # the marker number on the chart
    day: date
    treatment: str
    detail: str


@dataclass(frozen=True)
class DayNote:
    """One dated line: a peripheralization, a red flag reported, or a question."""

    day: date
    text: str


@dataclass(frozen=True)
class ProgrammeLine:
    exercise: str
    dosage: str


@dataclass(frozen=True)
class ProgrammeSummary:
    name: str
    since: date
    lines: tuple[ProgrammeLine, ...]


@dataclass(frozen=True)
class ProgressSheetData:
    header: SheetHeader
    tiles: tuple[SummaryTile, ...]
    chart: ChartSeries
    weeks: tuple[WeekRow, ...]
    outcomes: tuple[OutcomeRow, ...]
    treatments: tuple[TreatmentRow, ...]
    peripheralizations: tuple[DayNote, ...]
    red_flags: tuple[DayNote, ...]
    programmes: tuple[ProgrammeSummary, ...]
    questions: tuple[DayNote, ...]
    pain_change: str  # the start/end pain comparison in words, or why there is none


def _tiles(overview: Overview) -> tuple[SummaryTile, ...]:
    summary = overview.summary
    period = summary.adherence
    if period is None:
        adherence = SummaryTile("Adherence", "—", "Nothing was prescribed in this period.")
        sessions = SummaryTile("Sessions done", "—", "Nothing was prescribed in this period.")
    else:
        adherence = SummaryTile(
            "Adherence", f"{period.percent:.0f} %", "of the prescribed exercises done"
        )
        sessions = SummaryTile(
            "Sessions done",
            f"{period.full} of {period.sessions}",
            partly_text(period.partly),
        )
    change = summary.pain
    if change is None:
        pain = SummaryTile("Pain (0-10)", "—", "Too few days with pain ratings to compare.")
    else:
        pain = SummaryTile(
            "Pain (0-10)",
            f"{change.start:.1f} → {change.end:.1f}",
            {
                "important": "a clinically important change",
                "possible": "possibly a clinically important change",
                "small": "smaller than a clinically important change",
            }[change.verdict.value],
        )
    streak = summary.streak
    streak_tile = SummaryTile(
        "Current streak",
        f"{streak.days} day{'s' if streak.days != 1 else ''}",
        "days in a row at 80 % or more" + (f", since {streak.since:%d %b}" if streak.since else ""),
    )
    return adherence, sessions, pain, streak_tile


def _bars(overview: Overview, weekly: bool) -> tuple[Bar, ...]:
    series: Sequence[Adherence] = overview.weekly if weekly else overview.daily
    return tuple(Bar(a.first, a.last, a.percent) for a in series)


def _weeks(overview: Overview) -> tuple[WeekRow, ...]:
    by_week = {week_start(a.first): a for a in overview.weekly}
    pain_by_week: dict[date, list[tuple[float, float]]] = {}
    for point in overview.pain:
        pain_by_week.setdefault(week_start(point.day), []).append((point.mean, point.worst))
    rows: list[WeekRow] = []
    monday = week_start(overview.first)
    last = min(overview.last, overview.today)
    while monday <= last:
        week = by_week.get(monday)
        pains = pain_by_week.get(monday, [])
        rows.append(
            WeekRow(
                first=max(monday, overview.first),
                last=min(monday + timedelta(days=6), last),
                prescribed=float(week.sessions) if week else None,
                done=float(week.full) if week else None,
                adherence=week.percent if week else None,
                mean_pain=sum(p[0] for p in pains) / len(pains) if pains else None,
                worst_pain=max(p[1] for p in pains) if pains else None,
            )
        )
        monday += timedelta(days=7)
    return tuple(rows)


def _outcomes(context: PatientContext, first: date, last: date) -> tuple[OutcomeRow, ...]:
    rows: list[OutcomeRow] = []
    for score in context.outcomes.between(first, last):
        if score.local_day is None:
            continue
        change = context.outcomes.change(score)
        rows.append(
            OutcomeRow(
                day=score.local_day,
                measure=score.instrument.label,
                score=score.result.text,
                change=change.text if change else "First score: nothing to compare with.",
                important=(change.verdict.value == "important") if change else None,
            )
        )
    return tuple(rows)


def _pain_text(entry: PainEntry) -> str:
    parts = [entry.note, entry.worse and f"Worse with: {entry.worse}"]
    return " ".join(p for p in parts if p) or f"Pain {entry.intensity} of 10 (no note written)."


def _spreads(context: PatientContext, first: date, last: date) -> tuple[DayNote, ...]:
    with context.db.read() as conn:
        rows = report_queries.peripheralizations(conn, context.patient_id, first, last)
    notes = []
    for row in rows:
        region = SymptomRegion(row.region)
        exercise = context.app.exercises.get(row.exercise_id)
        name = exercise.name if exercise else row.exercise_id
        notes.append(
            DayNote(
                row.local_day,
                f"{name}: symptoms spread from {level_name(region, row.level_before).lower()} "
                f"to {level_name(region, row.level_after).lower()}.",
            )
        )
    return tuple(notes)


def _red_flag_notes(entries: Sequence[PainEntry]) -> tuple[DayNote, ...]:
    texts = {flag.key: flag.text for flag in RED_FLAGS}
    return tuple(
        DayNote(entry.local_day, "; ".join(texts[key] for key in entry.red_flags) + ".")
        for entry in entries
        if entry.red_flags and entry.local_day is not None
    )


def _programmes(context: PatientContext, day: date) -> tuple[ProgrammeSummary, ...]:
    found: list[ProgrammeSummary] = []
    for programme in context.programmes.active_on(day):
        if programme.id is None:
            continue
        current = context.programmes.get(programme.id, day) or programme
        lines = []
        for item in current.items:
            exercise = context.app.exercises.get(item.exercise_id)
            lines.append(
                ProgrammeLine(
                    exercise.name if exercise else item.exercise_id,
                    dosage_line(item.dosage_on(day, current.start_date), item),
                )
            )
        found.append(ProgrammeSummary(current.name, current.start_date, tuple(lines)))
    return tuple(found)


def progress_sheet(context: PatientContext, first: date, last: date) -> ProgressSheetData:
    """The progress sheet for local days first..last (inclusive; days after today left out)."""
    today = context.progress.today()
    if first > last:
        raise ReportError(f"The period starts ({first:%d %b %Y}) after it ends ({last:%d %b %Y}).")
    if first > today:
        raise ReportError(f"The period starts after today ({first:%d %b %Y}).")
    last = min(last, today)
    overview = context.progress.overview(first, last)
    entries = context.diary.pain_between(first, last)
    if overview.empty and not entries:
        raise ReportError(
            f"Nothing was recorded between {first:%d %b %Y} and {last:%d %b %Y}: "
            "no exercises prescribed, no pain ratings, treatments or scores."
        )
    profile = context.profile.get()
    patient = context.app.patients.get(context.patient_id)
    header = SheetHeader(
        patient=patient.name,
        date_of_birth=patient.date_of_birth,
        patient_id=patient.identifier,
        therapist=_therapist_name(context),
        clinic=profile.clinic if profile else "",
        contact=profile.contact if profile else "",
        first=first,
        last=last,
        printed_on=today,
    )
    treatments = tuple(
        TreatmentRow(
            number,
            t.occurred_on,
            t.kind.label,
            "; ".join(part for part in (t.site, t.provider, t.note) if part),
        )
        for number, t in enumerate(overview.treatments, start=1)
    )
    weekly = (last - first).days + 1 > WEEKLY_BARS_AFTER
    chart = ChartSeries(
        first,
        last,
        weekly,
        _bars(overview, weekly),
        tuple(PainPoint(p.day, p.mean, p.worst) for p in overview.pain),
        tuple(Marker(t.number, t.day, t.treatment) for t in treatments),
    )
    summary = overview.summary
    return ProgressSheetData(
        header=header,
        tiles=_tiles(overview),
        chart=chart,
        weeks=_weeks(overview),
        outcomes=_outcomes(context, first, last),
        treatments=treatments,
        peripheralizations=_spreads(context, first, last),
        red_flags=_red_flag_notes(entries),
        programmes=_programmes(context, last),
        questions=tuple(
            DayNote(e.local_day, _pain_text(e))
            for e in entries
            if e.question_for_therapist and e.local_day is not None
        ),
        pain_change=summary.pain.text if summary.pain else summary.pain_reason,
    )


def default_period(context: PatientContext, days: int = 28) -> tuple[date, date]:
    """The last four weeks up to today: what a therapist usually reviews at an appointment."""
    today = context.progress.today()
    return today - timedelta(days=days - 1), today
