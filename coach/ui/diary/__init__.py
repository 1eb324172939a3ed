"""The diary's widgets: the pain entry form, the check-in, treatment and outcome dialogs, the
body map, the 0-10 picker and the timeline model. The page itself is coach.ui.pages.diary."""
