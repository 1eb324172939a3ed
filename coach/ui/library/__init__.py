"""The exercise library screens: the card grid, the filters, the detail view and the dialog for
a user's own exercises. The page that holds them is coach.ui.pages.library."""
