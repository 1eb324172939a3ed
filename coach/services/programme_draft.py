"""The programme open in the builder, from opening it to saving it, without Qt.

The Programmes page's widgets show a draft and hand every edit to it; the draft knows what was
opened (a stored programme, the user's template, a shipped starter, or something not saved yet),
whether anything changed since, and how saving it goes (a new programme, or a new version of a
stored one). Keeping this out of the widgets lets the rules be tested without a window, and
gives the page one answer to "is there anything unsaved?" when the user leaves it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from coach.domain.exercise import Exercise
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.progressions import swapped
from coach.services.changes import Changes
from coach.services.programmes import ProgrammeService


class Kind(StrEnum):
    """Where an open programme comes from, which decides what may be done with it."""

    PROGRAMME = "programme"
    TEMPLATE = "template"  # the user's own: editable
    STARTER = "starter"  # shipped: read-only, a starting point


@dataclass(frozen=True)
class DraftSaved:
    """What saving a draft did: the stored programme to reopen, and what changed."""

    programme_id: int
    kind: Kind
    changes: Changes
    # A started programme's edit applies from today; the earlier days keep their prescription.
    from_today: bool = False


class ProgrammeDraft:
    def __init__(self, kind: Kind, value: Programme, *, changed: bool = False) -> None:
        self.kind = kind
        self._value = value
        self._changed = changed

    @classmethod
    def new(cls, service: ProgrammeService) -> ProgrammeDraft:
        """An empty programme starting today, with the therapist's details from Settings."""
        return cls(Kind.PROGRAMME, service.new_programme())

    def started_programme(self, service: ProgrammeService) -> ProgrammeDraft:
        """A new, unsaved programme from this template as it is shown (unsaved until Save)."""
        if not self._value.is_template:
            raise ValueError("only a template starts a programme")
        return ProgrammeDraft(Kind.PROGRAMME, service.from_template(self._value), changed=True)

    # --- what is open --------------------------------------------------------------------------

    @property
    def value(self) -> Programme:
        return self._value

    @property
    def changed(self) -> bool:
        """Edited since it was opened (or, for a programme from a template, never saved)."""
        return self._changed

    @property
    def editable(self) -> bool:
        return self.kind is not Kind.STARTER

    @property
    def stored(self) -> bool:
        return self._value.id is not None

    @property
    def is_template(self) -> bool:
        return self._value.is_template

    @property
    def key(self) -> int | str | None:
        """What identifies it in the list: a starter by uid, a stored programme by id."""
        return self._value.uid if self.kind is Kind.STARTER else self._value.id

    # --- editing -------------------------------------------------------------------------------

    def edit(self, fields: Programme) -> None:
        """Take the programme's own fields (name, notes, author, dates) as edited; the items
        stay as they are."""
        self._take(dataclasses.replace(fields, items=self._value.items))

    def set_items(self, items: Sequence[ProgrammeItem]) -> None:
        self._take(dataclasses.replace(self._value, items=tuple(items)))

    def swap_exercise(self, row: int, exercise: Exercise) -> ProgrammeItem:
        """Put `exercise` (a rung up or down the ladder) in place of item `row`, keeping its
        schedule and, where they suit, its numbers (`coach.domain.progressions.swapped`);
        returns the item now at `row`."""
        items = list(self._value.items)
        items[row] = swapped(items[row], exercise)
        self.set_items(items)
        return self._value.items[row]

    def _take(self, value: Programme) -> None:
        if not self.editable or value == self._value:
            return
        self._value = value
        self._changed = True

    # --- saving --------------------------------------------------------------------------------

    def save(self, service: ProgrammeService) -> DraftSaved:
        """Store the draft: a new programme, or a new version of the stored one."""
        if not self.editable:
            raise ValueError("a starter template is not saved; start a programme from it")
        value = self._value
        if value.id is None:
            new_id, changes = service.create(value)
            return DraftSaved(new_id, self.kind, changes)
        changes = service.save(value)
        started = not value.is_template and value.start_date <= service.today()
        return DraftSaved(value.id, self.kind, changes, from_today=started)

    def save_as_template(self, service: ProgrammeService) -> DraftSaved:
        new_id, changes = service.save_as_template(self._value)
        return DraftSaved(new_id, Kind.TEMPLATE, changes)
