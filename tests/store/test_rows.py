"""The one row mapping (coach.store.rows): fields and columns matched by name, enums by value."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

from coach.store import rows


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Thing:
    name: str
    colour: Colour
    size: int = 1
    label: str = "kept"  # no column: never written, keeps its default when read
    id: int = 0


metadata = MetaData()
things = Table(
    "thing",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(20)),
    Column("colour", String(8)),
    Column("size", Integer),
    Column("extra", String(8)),
)


def test_a_record_goes_in_and_comes_back_by_field_name() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    value = Thing("ball", Colour.BLUE, size=3, label="not stored", id=99)
    written = rows.values(things, value, extra="x")
    assert written == {"name": "ball", "colour": "blue", "size": 3, "extra": "x"}
    with engine.begin() as conn:
        conn.execute(things.insert().values(written))
        row = conn.execute(select(things)).mappings().one()
        back = rows.record(Thing, row)
        renamed = rows.record(Thing, row, name="given wins")
    assert back == Thing("ball", Colour.BLUE, size=3, id=1)
    assert isinstance(back.colour, Colour) and renamed.name == "given wins"
