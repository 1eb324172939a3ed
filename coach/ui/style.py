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

_STYLESHEET = """
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QLabel[role="heading"] {{ font-size: {h1}pt; font-weight: 600; color: {INK}; }}
QLabel[role="subheading"] {{ font-size: {h2}pt; font-weight: 600; color: {INK}; }}
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
QPushButton {{ padding: 6px 14px; min-height: 28px; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; border-radius: 6px;
    font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #9fb3c8; border-color: #9fb3c8; }}
QListWidget#navigation {{
    background: {SURFACE}; border: none; border-right: 1px solid {BORDER};
    font-size: {nav}pt; padding-top: 8px; outline: 0;
}}
QListWidget#navigation::item {{ padding: 10px 16px; color: {INK}; }}
QListWidget#navigation::item:selected {{
    background: #e1ecf7; color: {ACCENT_DARK}; border-left: 4px solid {ACCENT};
}}
"""


def stylesheet(text_scale: float) -> str:
    colours = {k: v for k, v in globals().items() if k.isupper() and str(v).startswith("#")}
    return _STYLESHEET.format(
        h1=round(20 * text_scale), h2=round(13 * text_scale), nav=round(13 * text_scale), **colours
    )


def apply_style(app: QApplication, text_scale: float) -> None:
    """Set the base font (scaled by the user's Text size) and the shared stylesheet."""
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * text_scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(text_scale))
