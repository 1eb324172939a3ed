"""Take the screenshots that Coach's AppStream metainfo shows in software centres.

Software centres want real pictures of the app. This opens the main window on a throwaway data
folder seeded with the demo patient (invented data, no real person's), lays it out at a 16:9 size
and saves what Qt draws for each page named, so the pictures can be retaken whenever the window
changes:

    QT_QPA_PLATFORM=offscreen python packaging/screenshot.py [PAGE_TITLE ...]

It writes packaging/screenshots/<page>.png (default pages: Diary and Exercises); the metainfo
points at the published copies.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from coach.app import build_context
from coach.services.demo import seed_demo
from coach.services.settings import TEXT_SCALE
from coach.ui.application import ensure_application
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.style import apply_style
from coach.ui.tasks import TaskRunner

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SIZE = (1280, 720)
DEFAULT_PAGES = ("Diary", "Exercises")


def main(argv: list[str]) -> int:
    app = ensure_application()
    with tempfile.TemporaryDirectory(prefix="coach-screenshot-") as folder:
        context = build_context(folder)
        try:
            seed_demo(context)
            apply_style(app, context.settings.get(TEXT_SCALE))
            ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
            window = MainWindow(ui)
            window.resize(*SIZE)
            window.show()
            titles = [page.title for page in window.pages]
            SCREENSHOTS.mkdir(exist_ok=True)
            for wanted in argv or DEFAULT_PAGES:
                if wanted not in titles:
                    print(f"no page {wanted!r}; pages: {', '.join(titles)}", file=sys.stderr)
                    return 2
                window.navigation.setCurrentRow(titles.index(wanted))
                # Pages load in the background: let the workers finish and deliver their
                # results through the event loop before the window is drawn.
                for _ in range(10):
                    ui.tasks.wait()
                    app.processEvents()
                target = SCREENSHOTS / f"{wanted.lower()}.png"
                window.grab().save(str(target))
                print(f"saved {target}")
            window.close()
            ui.tasks.wait()
        finally:
            context.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
