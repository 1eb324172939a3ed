"""How each series of the progress chart looks, told apart by more than colour.

Colours are from the Okabe-Ito palette, chosen to stay distinct with the common colour-vision
deficiencies. Each series also differs in something colour-blind users and greyscale prints
keep: the bars are filled and pale, mean pain is a solid dark line, worst pain a dashed one,
treatments dotted verticals, and each outcome measure has its own marker shape. Pens are 1 px
wide: wider pens make Qt draw long lines many times slower.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.outcomes import Instrument

SKY_BLUE = "#56B4E9"
VERMILLION = "#D55E00"
BLUE = "#0072B2"
BLUISH_GREEN = "#009E73"
ORANGE = "#E69F00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#6b7280"

ADHERENCE_FILL = SKY_BLUE
PAIN_MEAN = VERMILLION
PAIN_WORST = "#333333"
TREATMENT = REDDISH_PURPLE
NOTHING_DONE = BLUE  # a cross on the axis: prescribed, but nothing done
TARGET = GREY  # the 80 % line
HOVER = "#9aa5b1"


@dataclass(frozen=True)
class Marker:
    symbol: str  # pyqtgraph symbol code
    colour: str
    on_pain_axis: bool  # 0-10 scales share the pain axis; percentages the adherence axis
    name: str


MARKERS: dict[Instrument, Marker] = {
    Instrument.NPRS: Marker("o", BLUE, True, "NPRS pain rating"),
    Instrument.PSFS: Marker("t", BLUISH_GREEN, True, "PSFS activities (higher is better)"),
    Instrument.ODI: Marker("s", ORANGE, False, "ODI disability %"),
    Instrument.NDI: Marker("d", BLACK, False, "NDI disability %"),
}
