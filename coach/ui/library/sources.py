"""Where an exercise's default amount comes from, said as a citation a reader can look up.

The shipped exercise files record their source as "CLINICAL.md: <kind of exercise>, <amount>"
(assets/exercises/README.md): CLINICAL.md is the project's summary of published sources and
clinic patient guides, a name that means nothing to a patient. On screen that becomes the usual
amount in words and the published work behind that kind of exercise, for further reading. The
works are cited for the kind of exercise, not for each number: the numbers are common clinic
practice, and the therapist changes them for each patient. Any other source text (the user's
own exercise, a file from elsewhere) is shown as it is.
"""

from __future__ import annotations

INTERNAL_PREFIX = "CLINICAL.md:"

MCKENZIE_LUMBAR = (
    "McKenzie R, May S. The Lumbar Spine: Mechanical Diagnosis and Therapy. 2nd ed. "
    "Spinal Publications; 2003."
)
MCKENZIE_CERVICAL = (
    "McKenzie R, May S. The Cervical and Thoracic Spine: Mechanical Diagnosis and Therapy. "
    "2nd ed. Spinal Publications; 2006."
)
CORE = (
    "McGill S. Low Back Disorders: Evidence-Based Prevention and Rehabilitation. 3rd ed. "
    "Human Kinetics; 2016."
)
HAMSTRING = (
    "Bandy WD, Irion JM, Briggler M. The effect of time and frequency of static stretching on "
    "flexibility of the hamstring muscles. Phys Ther. 1997;77(10):1090-1096."
)
STRETCHING = (
    "Garber CE, et al. American College of Sports Medicine position stand: quantity and "
    "quality of exercise for developing and maintaining cardiorespiratory, musculoskeletal, "
    "and neuromotor fitness in apparently healthy adults. Med Sci Sports Exerc. "
    "2011;43(7):1334-1359."
)
NERVES = "Butler DS. The Sensitive Nervous System. Noigroup Publications; 2000."

# (how the recorded kind of exercise may start, the work to cite), most specific first.
_WORKS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("mckenzie cervical",), MCKENZIE_CERVICAL),
    (("mckenzie",), MCKENZIE_LUMBAR),
    (("core strengthening",), CORE),
    (("flexibility: supine hamstring", "flexibility: hamstring"), HAMSTRING),
    (("flexibility",), STRETCHING),
    (("neural mobility",), NERVES),
)


def source_words(recorded: str) -> str:
    """The sentence shown under "How much" for an exercise's `dosage_source`."""
    if not recorded.startswith(INTERNAL_PREFIX):
        return f"Where this amount comes from: {recorded}"
    usual = recorded.removeprefix(INTERNAL_PREFIX).strip()
    work = next(
        (cited for starts, cited in _WORKS if usual.lower().startswith(starts)),
        None,
    )
    said = f"The usual starting amount in clinics ({usual})."
    return f"{said} Further reading: {work}" if work else said
