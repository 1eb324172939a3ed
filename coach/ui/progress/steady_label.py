"""An axis that lays out its title's text again only when the text changes.

pyqtgraph's AxisItem rebuilds its title from HTML (a QTextDocument parsed, styled and laid out)
at every change that might touch it: each pen, tick pen and text pen set, each showing of the
label and each change of range while automatic SI prefixes are on, whether the title changed or
not. Building the Progress chart did so some forty times for three titles, two of them empty.
This axis keeps the last HTML and sets it only when it differs; the rest of the update (the
axis's size, its picture, a repaint) happens as before.
"""

from __future__ import annotations

import pyqtgraph as pg


class SteadyLabelAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    _label_html: str | None = None  # what the title holds; None before the first update

    def _updateLabel(self) -> None:
        html = self.labelString()
        if html != self._label_html:
            self._label_html = html
            super()._updateLabel()
            return
        self._adjustSize()
        self.picture = None
        self.update()
