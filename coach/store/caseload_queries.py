"""The SQL behind the Patients page: one row of figures per patient, for the whole caseload.

A caseload of hundreds of patients with a year of logs each must paint at once, so every figure
is a grouped subquery over all patients, joined to the patient table in a single SELECT: no
query per patient. Portable between SQLite and PostgreSQL (dates compare as dates).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Connection, String, and_, case, cast, func, select

from coach.store.caseload_row import CaseloadRow
from coach.store.schema import (
    exercise_session,
    pain_entry,
    patient,
    programme,
    symptom_response,
)

# How far back a red flag, spreading symptoms or a question keeps a patient flagged.
FLAG_DAYS = 28
PAIN_WEEK = 7


def caseload(conn: Connection, today: date, *, archived: bool = False) -> list[CaseloadRow]:
    """Every (active, or archived) patient's figures as of `today`, by name."""
    since_7 = today - timedelta(days=6)
    since_28 = today - timedelta(days=FLAG_DAYS - 1)
    since_14 = today - timedelta(days=2 * PAIN_WEEK - 1)
    programmes = (
        select(
            programme.c.patient_id.label("pid"),
            func.count().label("active"),
            func.min(programme.c.review_date).label("review"),
        )
        .where(programme.c.archived_at.is_(None), programme.c.is_template.is_(False))
        .group_by(programme.c.patient_id)
        .subquery()
    )
    # The last session, one patient at a time: the greatest day under the patient in
    # ix_exercise_session_patient_pain (patient, day, ...), a single step down that index.
    # Grouping the last 28 days' sessions instead read every one of them, and the page's
    # statement then searched that grouping for each patient without an index.
    session = exercise_session.c
    last_session = (
        select(func.max(session.local_day))
        .where(session.patient_id == patient.c.id)
        .scalar_subquery()
    )
    this_week = pain_entry.c.local_day >= since_7
    week_before = pain_entry.c.local_day >= since_14
    flags_text = cast(pain_entry.c.red_flags, String)
    pains = (
        select(
            pain_entry.c.patient_id.label("pid"),
            func.avg(case((this_week, pain_entry.c.intensity))).label("this_week"),
            func.avg(case((and_(~this_week, week_before), pain_entry.c.intensity))).label(
                "last_week"
            ),
            func.max(
                case(
                    (
                        and_(pain_entry.c.local_day >= since_28, flags_text.not_in(["[]", ""])),
                        1,
                    ),
                    else_=0,
                )
            ).label("red_flag"),
            func.max(
                case(
                    (
                        and_(
                            pain_entry.c.local_day >= since_28,
                            pain_entry.c.question_for_therapist.is_(True),
                        ),
                        1,
                    ),
                    else_=0,
                )
            ).label("question"),
        )
        .where(pain_entry.c.local_day >= since_28, pain_entry.c.local_day <= today)
        .group_by(pain_entry.c.patient_id)
        .subquery()
    )
    spreading = (
        select(symptom_response.c.patient_id.label("pid"), func.count().label("spread"))
        .where(
            symptom_response.c.response == "peripheralized",
            symptom_response.c.local_day >= since_28,
        )
        .group_by(symptom_response.c.patient_id)
        .subquery()
    )
    query = (
        select(
            patient.c.id,
            patient.c.name,
            patient.c.identifier,
            patient.c.date_of_birth,
            func.coalesce(programmes.c.active, 0),
            programmes.c.review,
            last_session,
            pains.c.this_week,
            pains.c.last_week,
            func.coalesce(pains.c.red_flag, 0),
            func.coalesce(spreading.c.spread, 0),
            func.coalesce(pains.c.question, 0),
        )
        .select_from(patient)
        .outerjoin(programmes, programmes.c.pid == patient.c.id)
        .outerjoin(pains, pains.c.pid == patient.c.id)
        .outerjoin(spreading, spreading.c.pid == patient.c.id)
        .where(patient.c.archived_at.is_not(None) if archived else patient.c.archived_at.is_(None))
        .order_by(func.lower(patient.c.name), patient.c.id)
    )
    return [
        CaseloadRow(
            patient_id=int(row[0]),
            name=row[1],
            identifier=row[2] or "",
            date_of_birth=row[3],
            active_programmes=int(row[4]),
            review_date=row[5],
            last_session=row[6],
            pain_this_week=None if row[7] is None else float(row[7]),
            pain_last_week=None if row[8] is None else float(row[8]),
            red_flag=bool(row[9]),
            peripheralized=bool(row[10]),
            question=bool(row[11]),
        )
        for row in conn.execute(query)
    ]
