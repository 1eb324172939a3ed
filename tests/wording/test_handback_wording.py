"""Names for the hand-back's rows and its therapist, as the CLI and the GUI print them."""

from __future__ import annotations

from coach.exchange.progress_rows import Kind
from coach.wording.handback import KIND_LABELS, kind_label, therapist_line


def test_every_kind_of_row_has_a_name() -> None:
    assert set(KIND_LABELS) == {kind.value for kind in Kind}
    assert kind_label(Kind.PAIN_ENTRIES) == "Pain entries"


def test_the_therapist_line_leaves_out_what_is_not_known() -> None:
    assert therapist_line("Dr Lee", "Riverside Physio") == "Dr Lee, Riverside Physio"
    assert therapist_line("", "Riverside Physio") == "Riverside Physio"
    assert therapist_line("", "") == "your therapist"
