"""The Progress page's own share of opening on "All": the GUI path with the figures free.

history.py times the page from construction until its chart is painted with ten years of data,
against a bare pyqtgraph plot of the same arrays. That time is the figures' computation (off the
GUI thread, but holding the interpreter lock most of the while, so it adds to the GUI's work
rather than overlapping it) plus the page's own construction, first paint, handling of the
figures and final paint. To see the second part alone, this runs the same timing
(history.time_page) with ProgressService.overview answering at once with figures computed
beforehand for the same range, and prints it against the bare plot measured in the same run.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/progress_gui.py [--years N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from unittest import mock

import history  # the sibling script (on sys.path): its generator and page timing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from coach.services.progress import Overview, ProgressService

    with tempfile.TemporaryDirectory(prefix="coach-progress-gui-") as folder:
        context = history.patient_copy(folder)
        history.generate(context, args.years)
        progress = context.own_patient().progress
        span = progress.span()
        assert span is not None
        started = time.perf_counter()
        ready = progress.overview(*span)
        computed_ms = (time.perf_counter() - started) * 1000

        def at_once(service: ProgressService, first: date, last: date) -> Overview:
            assert (first, last) == span  # "All" asks for the whole span, as computed
            return ready

        with mock.patch.object(ProgressService, "overview", at_once):
            shown_ms, figures_ms, page_ms, plot_ms = history.time_page(context, args.runs)
        print(
            f"Progress page on 'All', figures computed beforehand ({computed_ms:.0f} ms once, "
            f"not counted): first paint {shown_ms:.0f} ms, figures shown {figures_ms:.0f} ms, "
            f"chart painted with all data {page_ms:.0f} ms; bare pyqtgraph plot of the same "
            f"arrays {plot_ms:.0f} ms; ratio {page_ms / plot_ms:.2f} (the page's goal, figures "
            "included, is <= 3)"
        )
        context.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
