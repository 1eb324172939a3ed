"""The one base of every failure a user can act on.

Whatever layer refuses something (a bad field in domain, a damaged file in store, a foreign file
in exchange, a stale record in services), it raises a `UserError`: the GUI shows `message` at
`field` when the form has that field and otherwise in a dialog titled `title`, and the CLI prints
`message` and exits non-zero. Anything that is not a UserError is a bug and goes to the crash
handler. `title` is None where the layer has nothing better than the front end's generic one.
"""

from __future__ import annotations


class UserError(Exception):
    title: str | None = None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
