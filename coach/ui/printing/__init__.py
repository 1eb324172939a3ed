"""Paper output: the programme handout and the progress sheet, drawn with QPainter.

One renderer per document (handout.render_handout, progress_sheet.render_progress_sheet) serves
the print preview, the printer and the PDF; the data comes from coach.services.reports.
"""
