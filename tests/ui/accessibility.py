"""What a screen reader finds on a screen: controls without a name, and the Tab key's order.

`unnamed(root)` walks the QAccessible tree Qt gives assistive technology (the same interfaces
Orca or NVDA read through AT-SPI or UI Automation), not the widget tree: a button whose only
label is an icon, or a field whose caption is a separate QLabel with no buddy, has no name
there even though a sighted user sees what it is for.

`tab_chain(root)` follows the focus chain the Tab key follows; `against_reading_order(chain)`
returns each step that jumps back up the screen (other than up into the next column to the
right) or leftwards along a line, which a keyboard user experiences as focus vanishing
somewhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role

# Roles a user operates: each needs a name to be announced as more than "button" or "edit".
NEEDS_NAME = {
    Role.Button,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Slider,
    Role.Dial,
    Role.PageTab,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.List,
    Role.Table,
    Role.Tree,
}
# Named by Qt for its own parts of compound widgets (the arrows of a spin box, a scroll bar's
# buttons): they are not in the Tab order and readers skip them.
SKIPPED_PARENTS = {Role.ScrollBar, Role.SpinBox, Role.ComboBox}


@dataclass(frozen=True)
class Unnamed:
    role: str
    widget: str  # the QObject's class and object name, to find it in the code

    def __str__(self) -> str:
        return f"unnamed {self.role}: {self.widget}"


def _where(interface: QAccessibleInterface) -> str:
    thing = interface.object()
    if thing is None:
        return "?"
    name = thing.objectName()
    parent = thing.parent()
    owner = f" in {type(parent).__name__}({parent.objectName()})" if parent is not None else ""
    return f"{type(thing).__name__}({name}){owner}"


def unnamed(root: QWidget) -> list[Unnamed]:
    """Every visible control under `root` that assistive technology would read without a name."""
    interface = QAccessible.queryAccessibleInterface(root)
    assert interface is not None
    found: list[Unnamed] = []
    _walk(interface, found, depth=0)
    return found


def _walk(interface: QAccessibleInterface, found: list[Unnamed], depth: int) -> None:
    if depth > 60:
        return
    state = interface.state()
    if state.invisible:
        return
    role = interface.role()
    if role in NEEDS_NAME and not interface.text(QAccessible.Text.Name).strip():
        found.append(Unnamed(role.name, _where(interface)))
    if role in SKIPPED_PARENTS:
        return
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None and child.isValid():
            _walk(child, found, depth + 1)


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab visits, in the order it visits them."""
    chain: list[QWidget] = []
    start = root.nextInFocusChain()
    widget = start
    for _ in range(2000):
        if _takes_tab(widget, root) and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return chain


def _takes_tab(widget: QWidget, root: QWidget) -> bool:
    return (
        (widget is root or root.isAncestorOf(widget))
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and not widget.visibleRegion().isEmpty()
    )


def against_reading_order(chain: list[QWidget], root: QWidget) -> list[str]:
    """Steps of `chain` that go back up the screen, or left along the same line."""
    steps = []
    for before, after in pairwise(chain):
        first = before.mapTo(root, QPoint(0, 0))
        second = after.mapTo(root, QPoint(0, 0))
        same_line = abs(first.y() - second.y()) < min(before.height(), after.height()) / 2
        # Up into a column wholly to the right is reading on in the next column.
        next_column = second.x() >= first.x() + before.width()
        going_up = second.y() + after.height() <= first.y() and not next_column
        going_left = same_line and second.x() + after.width() <= first.x()
        if going_up or going_left:
            steps.append(f"{_name(before)} -> {_name(after)}")
    return steps


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__
