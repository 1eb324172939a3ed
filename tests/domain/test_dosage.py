"""The dosage fields are declared once (coach.domain.dosage.NUMBERS); these tests hold the
declaration and the Dosage type together, so a new field cannot be half added."""

from __future__ import annotations

from dataclasses import fields

import pytest

from coach.domain.dosage import FIELDS, NUMBERS, SESSION_FIELDS, Dosage, NumberField
from coach.domain.profile import ValidationError


def test_every_number_of_a_dosage_is_declared_with_its_range() -> None:
    numbers = [f.name for f in fields(Dosage) if f.name != "sides"]
    assert [number.name for number in NUMBERS] == numbers
    assert tuple(f.name for f in fields(Dosage)) == FIELDS
    assert "days_per_week" not in SESSION_FIELDS and "sides" in SESSION_FIELDS


@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: n.name)
def test_the_declared_range_is_what_a_dosage_accepts(number: NumberField) -> None:
    low = int(number.low) if number.whole else number.low
    assert getattr(Dosage(**{number.name: low}), number.name) == low  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        Dosage(**{number.name: number.high + 1})  # type: ignore[arg-type]
    assert refused.value.field == number.name and number.label in refused.value.message
