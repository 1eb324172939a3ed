"""Pages of the main window, in navigation order.

A page appears here only when its feature is delivered: no placeholder pages. Each entry is a
module path with a `create_page(ui: UiContext) -> Page` function, imported when the window is
built (pages whose content is heavy import it lazily themselves).
"""

PAGE_MODULES: tuple[str, ...] = (
    "coach.ui.pages.today",
    "coach.ui.pages.diary",
    "coach.ui.pages.library",
)
