"""Pages of the main window, in navigation order.

A page appears here only when its feature is delivered: no placeholder pages. Each entry names
the page (title and key, for the navigation) and the module whose `create_page(ui) -> Page`
builds it. Only the first page shown is built at start-up; the others, and the modules behind
them, when first opened, so the window appears quickly. tests/ui/test_main_window.py checks that
each entry agrees with its page class.
"""

from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    key: str
    title: str
    module: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", "Today", "coach.ui.pages.today"),
    PageSpec("programmes", "Programmes", "coach.ui.pages.programmes"),
    PageSpec("diary", "Diary", "coach.ui.pages.diary"),
    PageSpec("progress", "Progress", "coach.ui.pages.progress"),
    PageSpec("library", "Exercises", "coach.ui.pages.library"),
)
