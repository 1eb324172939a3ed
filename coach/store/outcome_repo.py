"""Rows of outcome_score and psfs_activity as domain records.

The answers (section scores, PSFS ratings) are kept in the JSON `details` column and the
computed result in `score`, so charts can read the number in SQL while the record stays
complete enough to rescore if a rule is ever corrected.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, delete, insert, select, update

from coach.domain.outcomes import (
    Answers,
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
)
from coach.store import rows
from coach.store.schema import outcome_score, psfs_activity


def _details(answers: Answers) -> dict[str, Any]:
    if isinstance(answers, NprsAnswers):
        return {"pain": answers.pain}
    if isinstance(answers, PsfsAnswers):
        return {"ratings": [{"activity": r.activity, "rating": r.rating} for r in answers.ratings]}
    return {"sections": list(answers.sections)}


def _answers(instrument: Instrument, details: dict[str, Any]) -> Answers:
    if instrument is Instrument.NPRS:
        return NprsAnswers(int(details["pain"]))
    if instrument is Instrument.PSFS:
        return PsfsAnswers(
            tuple(PsfsRating(str(r["activity"]), int(r["rating"])) for r in details["ratings"])
        )
    return SectionAnswers(instrument, tuple(details["sections"]))


def _values(score: OutcomeScore, day: date) -> dict[str, Any]:
    return rows.values(
        outcome_score,
        score,
        instrument=score.instrument.value,
        local_day=day,
        score=score.result.score,
        details=_details(score.answers),
    )


def _record(row: RowMapping) -> OutcomeScore:
    answers = _answers(Instrument(row["instrument"]), row["details"])
    return rows.record(OutcomeScore, row, answers=answers)


def _mine(patient_id: int) -> ColumnElement[bool]:
    return outcome_score.c.patient_id == patient_id


def add(conn: Connection, patient_id: int, score: OutcomeScore, day: date) -> int:
    values = _values(score, day)
    result = conn.execute(
        insert(outcome_score).values(patient_id=patient_id, uid=rows.new_uid(), **values)
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def restore(conn: Connection, patient_id: int, score: OutcomeScore) -> None:
    assert score.id and score.local_day is not None
    values = _values(score, score.local_day)
    mine = (outcome_score.c.id == score.id) & _mine(patient_id)
    if not conn.execute(update(outcome_score).where(mine).values(**values)).rowcount:
        conn.execute(
            insert(outcome_score).values(
                id=score.id, patient_id=patient_id, uid=rows.new_uid(), **values
            )
        )


def get(conn: Connection, patient_id: int, score_id: int) -> OutcomeScore | None:
    query = select(outcome_score).where(outcome_score.c.id == score_id, _mine(patient_id))
    row = conn.execute(query).mappings().first()
    return _record(row) if row else None


def remove(conn: Connection, patient_id: int, score_id: int) -> bool:
    query = delete(outcome_score).where(outcome_score.c.id == score_id, _mine(patient_id))
    return bool(conn.execute(query).rowcount)


def between(conn: Connection, patient_id: int, first: date, last: date) -> list[OutcomeScore]:
    query = (
        select(outcome_score)
        .where(_mine(patient_id))
        .where(outcome_score.c.local_day.between(first, last))
        .order_by(outcome_score.c.recorded_at, outcome_score.c.id)
    )
    return [_record(row) for row in conn.execute(query).mappings()]


def previous(conn: Connection, patient_id: int, score: OutcomeScore) -> OutcomeScore | None:
    """The score of the same instrument recorded just before `score`."""
    query = (
        select(outcome_score)
        .where(_mine(patient_id))
        .where(outcome_score.c.instrument == score.instrument.value)
        .where(outcome_score.c.id != score.id)
        .where(outcome_score.c.recorded_at <= score.recorded_at)
        .order_by(outcome_score.c.recorded_at.desc(), outcome_score.c.id.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return _record(row) if row else None


def history(conn: Connection, patient_id: int, instrument: Instrument) -> list[OutcomeScore]:
    query = (
        select(outcome_score)
        .where(_mine(patient_id))
        .where(outcome_score.c.instrument == instrument.value)
        .order_by(outcome_score.c.recorded_at, outcome_score.c.id)
    )
    return [_record(row) for row in conn.execute(query).mappings()]


def active_activities(conn: Connection, patient_id: int) -> list[str]:
    query = (
        select(psfs_activity.c.name)
        .where(psfs_activity.c.patient_id == patient_id)
        .where(psfs_activity.c.retired_at.is_(None))
        .order_by(psfs_activity.c.id)
    )
    return [str(name) for name in conn.execute(query).scalars()]


def sync_activities(conn: Connection, patient_id: int, names: list[str], now: datetime) -> None:
    """Make `names` the patient's active PSFS list: retire the ones dropped, add the new ones."""
    found = conn.execute(
        select(psfs_activity.c.id, psfs_activity.c.name).where(
            psfs_activity.c.retired_at.is_(None), psfs_activity.c.patient_id == patient_id
        )
    ).all()
    wanted = {name.casefold() for name in names}
    active = {str(name).casefold() for _, name in found}
    for row_id, name in found:
        if str(name).casefold() not in wanted:
            conn.execute(
                update(psfs_activity).where(psfs_activity.c.id == row_id).values(retired_at=now)
            )
    for name in names:
        if name.casefold() not in active:
            conn.execute(
                insert(psfs_activity).values(
                    name=name, created_at=now, patient_id=patient_id, uid=rows.new_uid()
                )
            )
