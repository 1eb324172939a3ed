"""The parts of the Today page that show the exercise programme: one card per programme with a
Start button, this week's adherence, and what to do when there is no programme yet."""
