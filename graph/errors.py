"""The errors vnkg reports, and the exit codes they map to (pySHACL's convention)."""
from __future__ import annotations

import re

CONFORMS = 0
NOT_CONFORMING = 1
ERROR = 2  # usage, input or runtime error


class VnkgError(Exception):
    """An error with a one-line message for the user; `code` is the process exit code."""

    code = ERROR


class UsageError(VnkgError):
    """The command line asks for something that cannot be done."""


class InputError(VnkgError):
    """An input file (article, RDF, query) is missing, unreadable or malformed."""


class StoreError(VnkgError):
    """A triple store or SPARQL endpoint refused or failed a request."""


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def redact(text: str) -> str:
    """Any URL's user and password taken out of a message ('http://u:p@host' -> 'http://***@host')."""
    return _USERINFO.sub(r"\1***@", text)


def printable(text: str) -> str:
    """A message or file name safe to print on one line: newlines, escape sequences and other control
    characters shown as Python escapes ('a\\nb' stays visible, a terminal escape cannot act)."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
