"""Page sources: a report file becomes a sequence of ``creditdiff.pages.Page``.

Each source (a PDF's text layer through pdfplumber, and later others) is one module here;
the format parsers read only the page model, never a library's page objects.
"""
