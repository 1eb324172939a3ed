"""What goes into the pain and treatment diary, and what counts as a believable entry.

Patients are told to "keep a pain diary to see which treatments help". The diary only helps if
its entries can be trusted later, so the rules live here, once: pain is 0-10, an entry is not
dated in the future (a few minutes of slack for a clock that runs fast), a check-in is for a day
that has begun, and free text stays a readable length. Each record type validates itself when
built; the services add the checks that need the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from coach.domain.profile import ValidationError
from coach.domain.safety import RED_FLAGS

# A clock a little ahead of the device the entry was typed on should not block a save.
FUTURE_SLACK = timedelta(minutes=5)
TEXT_MAX = 500
SHORT_TEXT_MAX = 120
PAIN_MIN = 0
PAIN_MAX = 10


class Side(StrEnum):
    LEFT = "left"
    CENTRAL = "central"
    RIGHT = "right"


@dataclass(frozen=True)
class BodyRegion:
    key: str
    label: str
    side: Side


def _paired(key: str, left: str, right: str) -> tuple[BodyRegion, BodyRegion]:
    return (
        BodyRegion(f"left_{key}", left, Side.LEFT),
        BodyRegion(f"right_{key}", right, Side.RIGHT),
    )


# From the neck down to the feet, then the arms from shoulder to hand. Keys are stored in the
# database, so they never change; labels may.
BODY_REGIONS: tuple[BodyRegion, ...] = (
    *_paired("neck", "Left side of the neck", "Right side of the neck"),
    BodyRegion("neck", "Neck (middle)", Side.CENTRAL),
    *_paired("shoulder_blade", "Left shoulder blade", "Right shoulder blade"),
    BodyRegion("upper_back", "Between the shoulder blades", Side.CENTRAL),
    *_paired("low_back", "Left low back", "Right low back"),
    BodyRegion("low_back", "Low back (middle)", Side.CENTRAL),
    *_paired("buttock", "Left buttock", "Right buttock"),
    *_paired("hip", "Left hip and groin", "Right hip and groin"),
    *_paired("thigh_front", "Front of the left thigh", "Front of the right thigh"),
    *_paired("thigh_back", "Back of the left thigh", "Back of the right thigh"),
    *_paired("knee", "Left knee", "Right knee"),
    *_paired("shin", "Left shin", "Right shin"),
    *_paired("calf", "Left calf", "Right calf"),
    *_paired("foot", "Left foot and ankle", "Right foot and ankle"),
    *_paired("shoulder", "Left shoulder", "Right shoulder"),
    *_paired("upper_arm", "Left upper arm", "Right upper arm"),
    *_paired("forearm", "Left elbow and forearm", "Right elbow and forearm"),
    *_paired("hand", "Left wrist and hand", "Right wrist and hand"),
)
REGIONS_BY_KEY: dict[str, BodyRegion] = {region.key: region for region in BODY_REGIONS}
_REGION_ORDER = {region.key: index for index, region in enumerate(BODY_REGIONS)}


class PainQuality(StrEnum):
    ACHING = "aching"
    SHARP = "sharp"
    BURNING = "burning"
    NUMBNESS = "numbness"
    TINGLING = "tingling"
    WEAKNESS = "weakness"

    @property
    def label(self) -> str:
        return self.value.capitalize()


RED_FLAG_KEYS = frozenset(flag.key for flag in RED_FLAGS)


class TreatmentKind(StrEnum):
    """The treatments worth a diary entry (shared/CLINICAL.md), plus 'other'."""

    FACET_INJECTION = "facet_joint_injection"
    EPIDURAL_STEROID = "epidural_steroid_injection"
    MEDIAL_BRANCH_BLOCK = "medial_branch_block"
    RADIOFREQUENCY_ABLATION = "radiofrequency_ablation"
    PRP = "prp_injection"
    NERVE_PAIN_MEDICATION = "nerve_pain_medication"
    NSAID = "nsaid"
    MUSCLE_RELAXANT = "muscle_relaxant"
    PHYSICAL_THERAPY = "physical_therapy_visit"
    CHIROPRACTIC = "chiropractic"
    MASSAGE = "massage"
    ACUPUNCTURE = "acupuncture"
    CBT_MINDFULNESS = "cbt_mindfulness"
    SPINAL_CORD_STIMULATION = "spinal_cord_stimulation"
    DISCECTOMY = "surgery_discectomy"
    LAMINECTOMY = "surgery_laminectomy"
    FUSION = "surgery_fusion"
    FORAMINOTOMY = "surgery_foraminotomy"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TREATMENT_LABELS[self]

    @property
    def site_prompt(self) -> str:
        """What the 'site' field means for this kind; empty when it does not apply."""
        if self in _SPINAL:
            return "Spinal level or site (for example L4-L5)"
        if self in _MEDICINES:
            return "Medicine and dose"
        if self in (TreatmentKind.PRP, TreatmentKind.ACUPUNCTURE, TreatmentKind.OTHER):
            return "Site"
        return ""


_TREATMENT_LABELS: dict[TreatmentKind, str] = {
    TreatmentKind.FACET_INJECTION: "Facet joint injection",
    TreatmentKind.EPIDURAL_STEROID: "Epidural steroid injection",
    TreatmentKind.MEDIAL_BRANCH_BLOCK: "Medial branch block",
    TreatmentKind.RADIOFREQUENCY_ABLATION: "Radiofrequency ablation",
    TreatmentKind.PRP: "PRP injection",
    TreatmentKind.NERVE_PAIN_MEDICATION: "Nerve-pain medicine started or changed",
    TreatmentKind.NSAID: "Anti-inflammatory painkiller (NSAID)",
    TreatmentKind.MUSCLE_RELAXANT: "Muscle relaxant",
    TreatmentKind.PHYSICAL_THERAPY: "Physical-therapy visit",
    TreatmentKind.CHIROPRACTIC: "Chiropractic care",
    TreatmentKind.MASSAGE: "Massage",
    TreatmentKind.ACUPUNCTURE: "Acupuncture",
    TreatmentKind.CBT_MINDFULNESS: "CBT or mindfulness",
    TreatmentKind.SPINAL_CORD_STIMULATION: "Spinal cord stimulation",
    TreatmentKind.DISCECTOMY: "Surgery: discectomy",
    TreatmentKind.LAMINECTOMY: "Surgery: laminectomy",
    TreatmentKind.FUSION: "Surgery: spinal fusion",
    TreatmentKind.FORAMINOTOMY: "Surgery: foraminotomy",
    TreatmentKind.OTHER: "Other treatment",
}
_SPINAL = frozenset(
    {
        TreatmentKind.FACET_INJECTION,
        TreatmentKind.EPIDURAL_STEROID,
        TreatmentKind.MEDIAL_BRANCH_BLOCK,
        TreatmentKind.RADIOFREQUENCY_ABLATION,
        TreatmentKind.SPINAL_CORD_STIMULATION,
        TreatmentKind.DISCECTOMY,
        TreatmentKind.LAMINECTOMY,
        TreatmentKind.FUSION,
        TreatmentKind.FORAMINOTOMY,
    }
)
_MEDICINES = frozenset(
    {TreatmentKind.NERVE_PAIN_MEDICATION, TreatmentKind.NSAID, TreatmentKind.MUSCLE_RELAXANT}
)


def check_scale(field_name: str, value: object, what: str) -> int:
    """A whole number from 0 to 10, or a ValidationError naming `field_name`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field_name, f"Please choose {what} from 0 to 10.")
    if not PAIN_MIN <= value <= PAIN_MAX:
        raise ValidationError(field_name, f"{what.capitalize()} must be from 0 to 10.")
    return value


def clean_text(field_name: str, value: str, limit: int = TEXT_MAX) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(field_name, f"Please keep this under {limit} characters.")
    return text


def check_not_future(field_name: str, moment: datetime, now: datetime) -> None:
    if moment.tzinfo is None:
        raise ValidationError(field_name, "The time needs a time zone.")
    if moment > now + FUTURE_SLACK:
        raise ValidationError(
            field_name, "That time is in the future. Diary entries are for what has happened."
        )


def check_day_not_future(field_name: str, day: date, today: date) -> None:
    if day > today:
        raise ValidationError(field_name, "That day is still to come; pick today or earlier.")


@dataclass(frozen=True)
class PainEntry:
    """How much it hurt, where, and what it was like, at one moment."""

    recorded_at: datetime
    intensity: int
    regions: tuple[str, ...] = ()
    qualities: tuple[PainQuality, ...] = ()
    worse: str = ""
    better: str = ""
    medication: str = ""
    note: str = ""
    question_for_therapist: bool = False
    red_flags: tuple[str, ...] = ()
    id: int = 0
    local_day: date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.recorded_at.tzinfo is None:
            raise ValidationError("recorded_at", "The time needs a time zone.")
        check_scale("intensity", self.intensity, "how much it hurts")
        unknown = [key for key in self.regions if key not in REGIONS_BY_KEY]
        if unknown:
            raise ValidationError("regions", f"Unknown body region {unknown[0]!r}.")
        flags = [key for key in self.red_flags if key not in RED_FLAG_KEYS]
        if flags:
            raise ValidationError("red_flags", f"Unknown warning sign {flags[0]!r}.")
        # Canonical order and no repeats, so equal entries compare equal and undo is exact.
        object.__setattr__(
            self, "regions", tuple(sorted(set(self.regions), key=_REGION_ORDER.__getitem__))
        )
        object.__setattr__(
            self,
            "qualities",
            tuple(q for q in PainQuality if q in {PainQuality(v) for v in self.qualities}),
        )
        object.__setattr__(
            self, "red_flags", tuple(f.key for f in RED_FLAGS if f.key in set(self.red_flags))
        )
        for name in ("worse", "better", "medication", "note"):
            object.__setattr__(self, name, clean_text(name, getattr(self, name)))

    @property
    def region_labels(self) -> tuple[str, ...]:
        return tuple(REGIONS_BY_KEY[key].label for key in self.regions)


@dataclass(frozen=True)
class CheckIn:
    """The end-of-day summary: worst and typical pain, sleep last night, activity today."""

    day: date
    worst_pain: int
    typical_pain: int
    sleep_quality: int | None = None  # 0 = very poor, 10 = very good
    activity_level: int | None = None  # 0 = rested all day, 10 = very active
    note: str = ""
    id: int = 0
    recorded_at: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_scale("worst_pain", self.worst_pain, "the worst pain today")
        check_scale("typical_pain", self.typical_pain, "the usual pain today")
        if self.typical_pain > self.worst_pain:
            raise ValidationError(
                "typical_pain", "The usual pain cannot be higher than the worst pain."
            )
        if self.sleep_quality is not None:
            check_scale("sleep_quality", self.sleep_quality, "how well you slept")
        if self.activity_level is not None:
            check_scale("activity_level", self.activity_level, "how active you were")
        object.__setattr__(self, "note", clean_text("note", self.note))


@dataclass(frozen=True)
class Treatment:
    kind: TreatmentKind
    occurred_on: date
    site: str = ""
    provider: str = ""
    note: str = ""
    id: int = 0
    recorded_at: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        try:
            kind = TreatmentKind(self.kind)
        except ValueError:
            raise ValidationError("kind", "Please choose what kind of treatment it was.") from None
        object.__setattr__(self, "kind", kind)
        site = clean_text("site", self.site, SHORT_TEXT_MAX) if kind.site_prompt else ""
        object.__setattr__(self, "site", site)
        object.__setattr__(self, "provider", clean_text("provider", self.provider, SHORT_TEXT_MAX))
        object.__setattr__(self, "note", clean_text("note", self.note))
