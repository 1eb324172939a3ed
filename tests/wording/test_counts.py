"""Whole counts and lengths in words, with the singular where it belongs."""

from __future__ import annotations

import pytest

from coach.wording.counts import partly_text, session_length_text, sessions_done_text


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "Under a minute a session."),
        (1, "About 1 minute a session."),
        (4, "About 4 minutes a session."),
    ],
)
def test_session_length(minutes: int, words: str) -> None:
    assert session_length_text(minutes) == words


def test_sessions_done() -> None:
    assert sessions_done_text(1, 0, 1) == "1 of 1 session done"
    assert sessions_done_text(2, 1, 4) == "2 of 4 sessions done, 1 partly"
    assert partly_text(0) == "done in full"
    assert partly_text(1) == "done in full, and 1 session partly (each counted in part)"
