"""Recognizers: each finds one kind of thing in a Doc and returns typed facts with spans.

They run in the order of extraction.py; a recognizer may use what earlier ones found, never the reverse.
"""
