"""Reading article files: bytes to the normalized text the graph stores (and, for a saved web page or an article
with a sidecar ARTICLE.meta.json, what it says of itself), or a one-line error."""
from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, printable
from .facts import PageMeta
from .metadata import combine, is_sidecar, read_sidecar
from .pages import MAX_PAGE_BYTES, PAGE_SUFFIXES, SNIFF_BYTES, looks_like_page, read_page
from .text import decode, normalize

# A news article is a few to a few tens of kilobytes. Extraction holds an article's graph in memory (rdflib,
# pySHACL) and its cost grows faster than its size: 0.45 MB of text took 0.66 GB, 2 MB took 5.3 GB
# (bench/RESULTS.md). A larger file is refused before it is read; a saved page may be larger (pages.MAX_PAGE_BYTES),
# but the text found in it is held to the same limit.
MAX_BYTES = 512 * 1024
ARTICLE_SUFFIXES = (".txt",) + PAGE_SUFFIXES
STDIN = "-"                         # the article (or query) is read from standard input, as Unix tools do
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Article:
    text: str                       # NFC, universal newlines: what the graph stores
    page: PageMeta | None = None    # what the page or the sidecar says of it


def _too_large(name: str, size: int, limit: int = MAX_BYTES, what: str = "an article") -> str:
    return (f"{name}: {size / 1024 / 1024:.1f} MB is larger than {what} can be ({limit // 1024} KB); "
            f"split it into one file per article")


def article_paths(paths: list[Path]) -> list[Path | str]:
    """The files to read: each path given, and for a directory its articles and saved pages (*.txt, *.html, *.htm,
    *.xhtml, not in subfolders, where a browser keeps a saved page's images and scripts), in name order. A directory
    with none is an error message (a str) in their place."""
    found: list[Path | str] = []
    for path in paths:
        if str(path) == STDIN or not path.is_dir():
            found.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and not is_sidecar(p)
                        and not p.name.startswith(".") and not p.is_dir())
        found.extend(inside or [f"{printable(str(path))}: a directory with no article in it "
                                f"(vnkg reads the {', '.join(ARTICLE_SUFFIXES)} files in it)"])
    return found


def read(path: Path) -> Article:
    """The article's text: decoded (UTF-8, UTF-16 with BOM, Windows-1258), universal newlines, NFC; a saved page's
    main text and metadata; and the sidecar's metadata over the page's. `-` reads standard input."""
    if str(path) == STDIN:
        return _from_stream(sys.stdin.buffer, STDIN_NAME, None)
    name = printable(str(path))
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article (give the .txt files in it)")
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):    # /dev/zero never ends, a named pipe blocks until written
            raise InputError(f"{name}: not a regular file (a device, pipe or socket), not an article")
        with path.open("rb") as stream:
            return _from_stream(stream, name, path, status.st_size)
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None


def _from_stream(stream, name: str, path: Path | None, size: int = 0) -> Article:
    """An article from an open binary stream, read no further than the limit for what it is (text or page)."""
    try:
        data = stream.read(SNIFF_BYTES)
        page = looks_like_page(data, path or Path(name))
        limit, what = (MAX_PAGE_BYTES, "a saved page") if page else (MAX_BYTES, "an article")
        if size > limit:
            raise InputError(_too_large(name, size, limit, what))
        data += stream.read(limit + 1 - len(data))   # the limit holds even if the file grew since stat()
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
    if len(data) > limit:
        raise InputError(_too_large(name, len(data), limit, what))
    text = normalize(decode(data, name))
    meta = None
    if page:
        text, meta = read_page(text, name)
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise InputError(_too_large(name, len(text.encode("utf-8")), what="an article's text"))
    if not text.strip():
        raise InputError(f"{name}: empty article (no text)")
    return Article(text, combine(meta, read_sidecar(path) if path is not None else None))


def read_article(path: Path) -> str:
    return read(path).text
