"""Printed documents of an event or course: name badges, attendance lists, certificates.

They are PDFs written by fpdf2 (``layout``): pure Python, so nothing has to be installed on
a server beyond the wheels (WeasyPrint would need Pango and Cairo), Arabic shaped by
HarfBuzz (uharfbuzz) and set right to left, and the fonts of ``checkin/fonts`` embedded as
TrueType subsets, so a sheet prints the same on every printer and stays small.
"""
