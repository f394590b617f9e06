"""Reading article files: bytes to the normalized text the graph stores, or a one-line error."""
from __future__ import annotations

import re
import stat
from pathlib import Path

from .errors import InputError, printable
from .text import decode, normalize

# A news article is a few to a few tens of kilobytes. Extraction holds an article's graph in memory (rdflib,
# pySHACL) and its cost grows faster than its size: 0.45 MB of text took 0.66 GB, 2 MB took 5.3 GB
# (bench/RESULTS.md). A larger file is refused before it is read.
MAX_BYTES = 512 * 1024
_HTML = re.compile(r"^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def _too_large(name: str, size: int) -> str:
    return (f"{name}: {size / 1024 / 1024:.1f} MB is larger than an article can be ({MAX_BYTES // 1024} KB); "
            f"split it into one file per article")


def read_article(path: Path) -> str:
    """The article's text: decoded (UTF-8, UTF-16 with BOM, Windows-1258), universal newlines, NFC."""
    name = printable(str(path))
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article (give the .txt files in it)")
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):    # /dev/zero never ends, a named pipe blocks until written
            raise InputError(f"{name}: not a regular file (a device, pipe or socket), not an article")
        if status.st_size > MAX_BYTES:
            raise InputError(_too_large(name, status.st_size))
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)   # the limit holds even if the file grew since stat()
        if len(data) > MAX_BYTES:
            raise InputError(_too_large(name, len(data)))
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
    text = normalize(decode(data, name))
    if not text.strip():
        raise InputError(f"{name}: empty article (no text)")
    if _HTML.match(text):
        raise InputError(f"{name}: an HTML page, not article text; save the page as plain text first")
    return text
