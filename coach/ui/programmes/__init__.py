"""The programme builder's parts: the item and programme list models, the library picker, the
dosage editor and the import preview dialog (the page itself is coach/ui/pages/programmes.py)."""
