"""Paper output: the programme handout and the progress sheet, drawn with QPainter.

Each is one `Document` (document.py): handout.Handout and progress_sheet.ProgressSheet build
their data from coach.services.reports, draw it and name the file, and the print preview, the
printer, "Save as PDF" (actions.py) and the CLI (headless.py) all take any Document.
"""
