"""Pages of the main window, in navigation order.

A page appears here only when its feature is delivered: no placeholder pages. Each entry names
the page (title and key, for the navigation) and the module whose `create_page(ui) -> Page`
builds it. Only the first page shown is built at start-up; the others, and the modules behind
them, when first opened, so the window appears quickly. A therapist's copy starts with the
Patients page (`pages_for`); a patient's own copy never shows it. tests/ui/test_main_window.py
checks that each entry agrees with its page class.
"""

from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    key: str
    title: str
    module: str


# A patient's first page, and what a patient's kept first screen shows (ui/application.py).
TODAY_PAGE = PageSpec("today", "Today", "coach.ui.pages.today")

PAGES: tuple[PageSpec, ...] = (
    TODAY_PAGE,
    PageSpec("programmes", "Programmes", "coach.ui.pages.programmes"),
    PageSpec("diary", "Diary", "coach.ui.pages.diary"),
    PageSpec("progress", "Progress", "coach.ui.pages.progress"),
    PageSpec("library", "Exercises", "coach.ui.pages.library"),
)

# The caseload: first in a therapist's copy, absent from a patient's.
PATIENTS_PAGE = PageSpec("patients", "Patients", "coach.ui.pages.patients")


def pages_for(therapist: bool) -> tuple[PageSpec, ...]:
    """The pages of a therapist's copy, or of a patient's own copy."""
    return (PATIENTS_PAGE, *PAGES) if therapist else PAGES


def opening_page(last_page: str, therapist: bool) -> str:
    """The key of the page a window opens on: the one shown last, else the first."""
    keys = [spec.key for spec in pages_for(therapist)]
    return last_page if last_page in keys else keys[0]
