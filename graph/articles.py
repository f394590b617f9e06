"""Reading article files: bytes to the normalized text the graph stores, or a one-line error."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError
from .text import decode, normalize

MAX_BYTES = 64 * 1024 * 1024
_HTML = re.compile(r"^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def read_article(path: Path) -> str:
    """The article's text: decoded (UTF-8, UTF-16 with BOM, Windows-1258), universal newlines, NFC."""
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article (give the .txt files in it)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: {size} bytes is larger than the {MAX_BYTES // (1024 * 1024)} MiB an article may have")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
    text = normalize(decode(data, name))
    if not text.strip():
        raise InputError(f"{name}: empty article (no text)")
    if _HTML.match(text):
        raise InputError(f"{name}: an HTML page, not article text; save the page as plain text first")
    return text
