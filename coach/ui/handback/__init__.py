"""The hand-back on screen: a patient sends progress to their therapist, the therapist imports it.

send_dialog.py is the patient's side, import_dialog.py the therapist's preview, flows.py the
ways in (the File menu, the Progress and Patients pages, a file dropped on the window).
"""
