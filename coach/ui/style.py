"""Look and feel shared by every screen: calm colours, large type, generous targets.

Users may be older, in pain and two metres from the screen, so the base font is larger than the
desktop default and scales with the Text size setting. Colours were chosen to keep contrast
(>= 4.5:1 for text) and to stay distinguishable for colour-blind users.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11.0

INK = "#1f2933"
MUTED = "#52606d"
ACCENT = "#1b6ca8"  # blue: actions
ACCENT_DARK = "#124b75"
SURFACE = "#ffffff"
BACKGROUND = "#f3f5f7"
BORDER = "#cbd2d9"
WARNING_BG = "#fff4e5"
WARNING_INK = "#8a4b00"
DANGER_BG = "#fdecec"
DANGER_INK = "#9b1c1c"
GOOD_INK = "#1e6b3a"

# Every size below is written for the Normal text size and multiplied by the user's Text size:
# {pt:N} and {px:N} in the sheet become N points or N pixels times the scale. Widgets take their
# look from a `role` property matched here rather than from a sheet of their own, so that when
# the Text size changes, one new application sheet resizes every control at once (a widget's own
# sheet keeps the sizes it was built with).
_STYLESHEET = """
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QLabel[role="heading"] {{ font-size: {pt:20}pt; font-weight: 600; color: {INK}; }}
QLabel[role="subheading"] {{ font-size: {pt:13}pt; font-weight: 600; color: {INK}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {DANGER_INK}; font-weight: 600; }}
QFrame[role="card"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame[role="warning"] {{
    background: {WARNING_BG}; border: 1px solid #f0c27b; border-radius: 8px;
}}
QFrame[role="danger"] {{
    background: {DANGER_BG}; border: 1px solid #e8a3a3; border-radius: 8px;
}}
QPushButton {{ padding: {px:6}px {px:14}px; min-height: {px:28}px; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; border-radius: 6px;
    font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #9fb3c8; border-color: #9fb3c8; }}
QPushButton[size="large"] {{ font-size: {pt:17}pt; min-height: {px:56}px; min-width: {px:150}px; }}
QPushButton[role="chip"] {{
    padding: {px:6}px {px:14}px; border-radius: {px:16}px; background: white;
    border: 1px solid #9aa5b1;
}}
QPushButton[role="chip"]:checked {{
    background: #e1ecf7; color: {ACCENT_DARK}; border: 2px solid {ACCENT};
}}
QPushButton[role="pill"] {{
    font-size: {pt:12}pt; padding: {px:8}px {px:16}px; border-radius: {px:18}px;
    min-height: {px:24}px; background: white; border: 1px solid #9aa5b1;
}}
QPushButton[role="pill"]:hover {{ border: 2px solid {ACCENT}; }}
QPushButton[role="pill"]:checked {{
    background: {ACCENT}; color: white; border: 2px solid {ACCENT_DARK};
}}
QPushButton[role="scale"] {{
    font-size: {pt:14}pt; font-weight: 600; color: {INK};
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 0;
    min-height: {px:46}px; max-height: {px:46}px; min-width: {px:46}px; max-width: {px:46}px;
}}
QPushButton[role="section"] {{
    font-size: {pt:13}pt; font-weight: 600; border-radius: 6px; padding: 0 {px:10}px;
    min-height: {px:36}px; min-width: {px:22}px; background: white; border: 1px solid {BORDER};
}}
QPushButton[role="symptom"], QPushButton[role="symptom-large"] {{
    font-size: {pt:13}pt; font-weight: 600; color: {INK}; background: {SURFACE};
    border: 1px solid {BORDER}; border-radius: 8px; padding: {px:6}px {px:8}px;
    min-height: {px:56}px;
}}
QPushButton[role="symptom-large"] {{ font-size: {pt:17}pt; min-height: {px:96}px; }}
QPushButton[role="symptom"]:hover, QPushButton[role="symptom-large"]:hover {{
    border: 2px solid {ACCENT};
}}
QPushButton[role="symptom"]:checked, QPushButton[role="symptom-large"]:checked {{
    background: {ACCENT}; color: white; border: 2px solid {ACCENT_DARK};
}}
QPushButton[role="scale"]:hover {{ border: 2px solid {ACCENT}; }}
QPushButton[role="scale"]:checked, QPushButton[role="section"]:checked {{
    background: {ACCENT}; color: white; border: 2px solid {ACCENT_DARK};
}}
QPushButton[role="scale"]:focus {{ border: 2px solid {ACCENT_DARK}; }}
QCheckBox, QRadioButton {{ spacing: {px:10}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {px:22}px; height: {px:22}px; }}
QListWidget#navigation {{
    background: {SURFACE}; border: none; border-right: 1px solid {BORDER};
    font-size: {pt:13}pt; padding-top: 8px; outline: 0;
    min-width: {px:170}px; max-width: {px:170}px;
}}
QListWidget#navigation::item {{ padding: {px:10}px {px:16}px; color: {INK}; }}
QListWidget#navigation::item:selected {{
    background: #e1ecf7; color: {ACCENT_DARK}; border-left: 4px solid {ACCENT};
}}
"""


class _Scaled:
    """Formats "{pt:N}" and "{px:N}" in the sheet as N times the text scale."""

    def __init__(self, scale: float, whole: bool) -> None:
        self.scale = scale
        self.whole = whole

    def __format__(self, spec: str) -> str:
        value = float(spec) * self.scale
        return str(round(value)) if self.whole else f"{value:g}"


def stylesheet(text_scale: float) -> str:
    colours = {k: v for k, v in globals().items() if k.isupper() and str(v).startswith("#")}
    return _STYLESHEET.format(
        pt=_Scaled(text_scale, whole=False), px=_Scaled(text_scale, whole=True), **colours
    )


def text_scale() -> float:
    """The Text size in force (1.0 for Normal), read back from the application font."""
    return QApplication.font().pointSizeF() / BASE_POINT_SIZE


def scaled(pixels: int) -> int:
    """A length chosen for the Normal text size, at the Text size in force: for sizes set in
    code (a dialog's first size, a minimum width) rather than in the sheet."""
    return round(pixels * text_scale())


def apply_style(app: QApplication, text_scale: float) -> None:
    """Set the base font (scaled by the user's Text size) and the shared stylesheet."""
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * text_scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(text_scale))
