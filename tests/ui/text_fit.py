"""Finds text a user cannot read in full: clipped labels, elided buttons, tabs, items and headers.

Why a walker and not screenshots: a clipped word is easy to miss by eye on one page at one text
size, and there are five pages, three text sizes and two window sizes. Each check asks Qt the
same question its layout asks (the size the text needs) and compares it with the size the widget
got. Only what a user can see is checked: hidden widgets, the parts of a scroll area outside its
viewport and rows scrolled out of view are skipped.

`misfits(root)` returns one `Misfit` per problem; tests print them, so a failure names the
widget, its text and both sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

# Rounding in the styles' own size hints: a pixel short is not a clipped letter.
SLACK = 1


@dataclass(frozen=True)
class Misfit:
    kind: str  # what is wrong: "clipped", "elided", "too small"...
    widget: str  # class name and object or accessible name
    text: str
    needed: int
    got: int

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget} {self.text!r} needs {self.needed}, has {self.got}"


def describe(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}({name})" if name else type(widget).__name__


def visible_widgets(root: QWidget) -> list[QWidget]:
    """`root` and every descendant a user can see now (shown, with a non-empty visible part)."""
    found = [root] if root.isVisible() else []
    for child in root.findChildren(QWidget):
        if child.isVisible() and not child.visibleRegion().isEmpty():
            found.append(child)
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label(widget: QLabel) -> list[Misfit]:
    text = widget.text()
    if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
        return []
    inner = widget.contentsRect().adjusted(
        widget.margin(), widget.margin(), -widget.margin(), -widget.margin()
    )
    if widget.wordWrap():
        if widget.textFormat() != Qt.TextFormat.RichText and not QtGui.Qt.mightBeRichText(text):
            shown = _plain(text) if widget.buddy() is not None else text
            word = _longest_word(shown, widget.fontMetrics())
            if word > inner.width() + SLACK:
                return [Misfit("word cut", describe(widget), text, word, inner.width())]
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + SLACK:
            return [Misfit("cut off below", describe(widget), text, needed, widget.height())]
        return []
    hint = widget.sizeHint()
    found = []
    if hint.width() > widget.width() + SLACK and inner.width() < hint.width():
        found.append(Misfit("clipped", describe(widget), text, hint.width(), widget.width()))
    if hint.height() > widget.height() + SLACK:
        found.append(
            Misfit("cut off below", describe(widget), text, hint.height(), widget.height())
        )
    return found


def _button(widget: QAbstractButton) -> list[Misfit]:
    text = _plain(widget.text())
    if not text:
        return []
    hint = widget.sizeHint()
    found = []
    if hint.width() > widget.width() + SLACK:
        found.append(Misfit("clipped", describe(widget), text, hint.width(), widget.width()))
    if hint.height() > widget.height() + SLACK:
        found.append(
            Misfit("cut off below", describe(widget), text, hint.height(), widget.height())
        )
    if isinstance(widget, (QCheckBox, QRadioButton)):
        found.extend(_indicator(widget, text))
    return found


def _indicator(widget: QCheckBox | QRadioButton, text: str) -> list[Misfit]:
    """A tick box or round button smaller than the capital letters beside it is hard to hit and
    shows the text size did not reach it (the desktop default is 13 px at every size). About
    twice the height of the capitals is wanted."""
    option = QStyleOptionButton()
    option.initFrom(widget)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(widget, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    side = widget.style().subElementRect(element, option, widget).height()
    wanted = round(QFontMetrics(widget.font()).capHeight() * 1.8)
    if side < wanted - SLACK:
        return [Misfit("small tick box", describe(widget), text, wanted, side)]
    return []


def _combo(widget: QComboBox) -> list[Misfit]:
    text = widget.currentText()
    if not text or widget.isEditable():
        return []
    option = QStyleOptionComboBox()
    widget.initStyleOption(option)
    field = widget.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget
    )
    needed = widget.fontMetrics().horizontalAdvance(text)
    if needed > field.width() + SLACK:
        return [Misfit("clipped", describe(widget), text, needed, field.width())]
    return []


def _group(widget: QGroupBox) -> list[Misfit]:
    needed = widget.fontMetrics().horizontalAdvance(_plain(widget.title()))
    if needed > widget.width():
        return [Misfit("clipped", describe(widget), widget.title(), needed, widget.width())]
    return []


def _tabs(widget: QTabBar) -> list[Misfit]:
    found = []
    metrics = widget.fontMetrics()
    for index in range(widget.count()):
        text = _plain(widget.tabText(index))
        needed = metrics.horizontalAdvance(text)
        got = widget.tabRect(index).width()
        got = min(got, widget.tabRect(index).intersected(widget.rect()).width())
        # The tab's own frame and padding take part of its width; text narrower than what is left
        # is elided by QTabBar (elideMode) or cut off.
        room = got - widget.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, widget)
        if needed > room + SLACK:
            found.append(Misfit("elided tab", describe(widget), text, needed, room))
    return found


def _header(widget: QHeaderView) -> list[Misfit]:
    model = widget.model()
    if model is None:
        return []
    found = []
    for section in range(widget.count()):
        if widget.isSectionHidden(section):
            continue
        text = model.headerData(section, widget.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        if widget.orientation() == Qt.Orientation.Horizontal:
            needed, got = (
                widget.sectionSizeFromContents(section).width(),
                widget.sectionSize(section),
            )
        else:
            needed, got = (
                widget.sectionSizeFromContents(section).height(),
                widget.sectionSize(section),
            )
        if needed > got + SLACK:
            found.append(Misfit("clipped header", describe(widget), str(text), needed, got))
    return found


def _items(view: QAbstractItemView) -> list[Misfit]:
    """Each item in view whose text the delegate would draw narrower or shorter than it needs."""
    model = view.model()
    if model is None:
        return []
    found = []
    shown = view.viewport().rect()
    for index in _indexes(view, model, QModelIndex()):
        rect = view.visualRect(index)
        if not rect.isValid() or not shown.intersects(rect):
            continue
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            continue
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.rect = QRect(rect)
        option.font = view.font()
        option.fontMetrics = QFontMetrics(view.font())
        delegate = view.itemDelegateForIndex(index)
        hint = delegate.sizeHint(option, index)
        shown_text = getattr(delegate, "shown_text", None)
        if shown_text is not None:  # a delegate that lays out its own text says what it drew
            drawn = shown_text(option, index)
            if " ".join(drawn.split()) != " ".join(text.split()):
                found.append(Misfit("elided item", describe(view), text, len(text), len(drawn)))
            continue
        width = min(rect.right(), shown.right()) - rect.left() + 1
        wraps = isinstance(view, (QTableView, QTreeView)) and view.wordWrap()
        if wraps:
            word = _longest_word(text, option.fontMetrics)
            # The space a view item keeps each side of its text, as QCommonStyle computes it.
            margin = (
                view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
            )
            if word > width - 2 * margin:
                found.append(Misfit("word cut in item", describe(view), text, word, width))
            elif hint.height() > rect.height() + SLACK:
                found.append(
                    Misfit("cut off item", describe(view), text, hint.height(), rect.height())
                )
        elif hint.width() > width + SLACK:
            found.append(Misfit("elided item", describe(view), text, hint.width(), width))
        elif hint.height() > rect.height() + SLACK:
            found.append(Misfit("cut off item", describe(view), text, hint.height(), rect.height()))
    return found


def _longest_word(text: str, metrics: QFontMetrics) -> int:
    """The width of the longest piece of `text` that Qt's line breaking cannot split (a path
    breaks after its slashes, a word does not break at all)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    widest, start = 0, 0
    while (end := finder.toNextBoundary()) != -1:
        widest = max(widest, metrics.horizontalAdvance(text[start:end].rstrip()))
        start = end
    return widest


def _sideways(area: QAbstractScrollArea) -> list[Misfit]:
    """A page, form or table wider than its window: part of it out of sight behind a
    horizontal scroll bar, which people who enlarge the text rarely think of scrolling."""
    bar = area.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        return [Misfit("scrolls sideways", describe(area), "", bar.maximum(), 0)]
    # With the bar turned off, what is wider than the window is simply cut off at the side.
    inside = area.widget() if isinstance(area, QScrollArea) else None
    if inside is not None and inside.width() > area.viewport().width() + SLACK:
        return [
            Misfit(
                "cut off at the side", describe(inside), "", inside.width(), area.viewport().width()
            )
        ]
    return []


def _indexes(
    view: QAbstractItemView, model: QAbstractItemModel, parent: QModelIndex
) -> list[QModelIndex]:
    # A list shows one column (and QListWidget's model hides columnCount from Python).
    columns = (
        [view.modelColumn()] if isinstance(view, QListView) else range(model.columnCount(parent))
    )
    found = []
    for row in range(min(model.rowCount(parent), 500)):
        for column in columns:
            index = model.index(row, column, parent)
            found.append(index)
            if isinstance(view, QTreeView) and column == 0 and model.hasChildren(index):
                found.extend(_indexes(view, model, index))
    return found


def _small_text(widget: QWidget, base: float) -> list[Misfit]:
    """Text drawn smaller than the chosen text size: a size fixed in points or pixels somewhere
    that the Text size setting never reaches."""
    text = ""
    if isinstance(widget, QLabel):
        text = widget.text()
    elif isinstance(widget, QAbstractButton):
        text = _plain(widget.text())
    elif isinstance(widget, QTabBar) and widget.count():
        text = widget.tabText(0)
    if not text:
        return []
    size = widget.font().pointSizeF()
    if size < 0:
        size = widget.font().pixelSize() * 72 / max(1.0, widget.logicalDpiY())
    if size < base - 0.5:
        return [
            Misfit("smaller than the text size", describe(widget), text, round(base), round(size))
        ]
    return []


# Most specific first: a header is an item view, a check box a button.
_TEXT_CHECKS: tuple[tuple[type[Any], Callable[[Any], list[Misfit]]], ...] = (
    (QLabel, _label),
    (QAbstractButton, _button),
    (QComboBox, _combo),
    (QTabBar, _tabs),
    (QHeaderView, _header),
    (QAbstractItemView, _items),
)
_CONTAINER_CHECKS: tuple[tuple[type[Any], Callable[[Any], list[Misfit]]], ...] = (
    (QAbstractScrollArea, _sideways),
    (QGroupBox, _group),
)


def misfits(root: QWidget, *, small_below: float | None = None) -> list[Misfit]:
    """Every text under `root` that does not fit its widget; with `small_below` (points), also
    text smaller than that."""
    found: list[Misfit] = []
    for widget in visible_widgets(root):
        # The first matching kind checks the widget's text; the others look at what it holds.
        check = next((check for kind, check in _TEXT_CHECKS if isinstance(widget, kind)), None)
        if check is not None:
            found.extend(check(widget))
        for kind, extra in _CONTAINER_CHECKS:
            if isinstance(widget, kind):
                found.extend(extra(widget))
        if small_below is not None:
            found.extend(_small_text(widget, small_below))
    return found + overlaps(root)


def overlaps(root: QWidget) -> list[Misfit]:
    """Text widgets drawn over one another: two shown children of one parent whose rectangles
    cross (a layout that lost track of a widget, or text left behind when a page was refilled)."""
    found: list[Misfit] = []
    for parent in [root, *root.findChildren(QWidget)]:
        texts = [
            child
            for child in parent.children()
            if isinstance(child, (QLabel, QAbstractButton))
            and child.isVisible()
            and (child.text() if not isinstance(child, QLabel) or child.pixmap().isNull() else "")
        ]
        for index, first in enumerate(texts):
            for second in texts[index + 1 :]:
                common = first.geometry().intersected(second.geometry())
                if common.width() > SLACK and common.height() > SLACK:
                    found.append(
                        Misfit("overlaps", describe(first), first.text(), 0, common.width())
                    )
    return found


def base_point_size() -> float:
    return QApplication.font().pointSizeF()
