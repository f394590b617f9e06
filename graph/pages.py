"""Saved web pages: the article's main text and what the page says of itself.

trafilatura finds the main text (menus, breadcrumbs, share buttons, related lists, comments and footers are left
out) and the page's metadata (title, canonical URL, author, site name, license); htmldate its dates. Both are given
the parsed tree, never a URL nor a string that could be one (htmldate downloads a string that looks like a URL),
so a page can never make vnkg fetch anything; lxml's HTML parser reads no DTD and no external entity.

Three corrections to what the libraries do by default, each tested:
- trafilatura drops <figcaption>, and a caption often names who presented an award: captions (and the cells of the
  one-column tables that stack an image over its caption) become paragraphs before extraction, so they stay when
  their figure is in the article.
- htmldate reads a date in the canonical URL's path before the page's own metadata, and a slug
  ".../2021/01/27-tap-the-..." (27 counts something) is no date: the URL is never used for a date, so structured
  metadata (article:published_time, JSON-LD) comes first, then the page's date line.
- htmldate drops a date after today, which would make a build depend on the day it runs: the bound is fixed.

The stored text is the headline on its first line, then the main text: what the recognizers read, as for a page
saved as plain text.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from .errors import InputError
from .facts import PageMeta
from .metadata import clean_date, from_values
from .text import match_key, normalize

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
# A saved page carries its styles and scripts: a few hundred kilobytes, a few megabytes with images inlined.
MAX_PAGE_BYTES = 8 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
# A page is HTML by its content: a doctype, an <html>, <head> or <body> (after white space and comments such as
# the "<!-- saved from url=... -->" browsers write), or an XML declaration before one.
# Possessive repeats and comments that cannot span "-->": linear time on any input.
_SPACE = r"(?:\s|<!--(?:(?!-->).)*-->)*+"
_MARKUP = re.compile(rf"{_SPACE}(?:<\?xml[^>]{{0,200}}>{_SPACE})?<(?:!doctype\s+html\b|html\b|head\b|body\b|meta\b|title\b)",
                     re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z!/]")
# Letters only Vietnamese writes (breve, horn, stroke, hook above, dot below, and the circumflex vowels with a
# tone): a Vietnamese text has them in most words, another Latin-script language in almost none.
_VIETNAMESE = re.compile("[ăằắẳẵặầấẩẫậđềếểễệồốổỗộơờớởỡợưừứửữựảạẻẽẹỉĩịỏọủũụỳỷỹỵ]", re.IGNORECASE)
_MIN_WORDS = 20     # fewer is a list of links or a teaser, not an article
_MIN_VIETNAMESE_WORDS = 0.2
# htmldate's upper bound on dates (its default is today)
_LATEST = "2099-12-31"

for _library in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # their warnings (a page's bad markup) would print on stderr around vnkg's one-line messages
    logging.getLogger(_library).addHandler(logging.NullHandler())
    logging.getLogger(_library).propagate = False


def looks_like_page(head: bytes, path: Path) -> bool:
    """Whether a file is a web page, by the first bytes of its content, or by its extension and a tag in them."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        start = head[2:].decode("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be", errors="ignore")
    else:
        start = head.decode("latin-1").removeprefix("\xef\xbb\xbf")   # the markup is ASCII either way
    return bool(_MARKUP.match(start)) or (path.suffix.lower() in PAGE_SUFFIXES and bool(_TAG.search(start)))


def _keep_captions(tree) -> None:
    """Captions as paragraphs: <figcaption>, and the cells of a one-column table, which news sites use to stack an
    image over its caption (trafilatura would write it as a table row, "| caption |")."""
    for element in tree.iter("figcaption"):
        element.tag = "p"
    for element in tree.iter("figure"):
        element.tag = "div"
    stacked = []
    for table in tree.iter("table"):
        rows = [row for row in table.iter("tr") if _owner(row) is table]
        if rows and all(sum(1 for c in row if c.tag in ("td", "th")) <= 1 for row in rows):
            parts = [e for e in table.iter("thead", "tbody", "tfoot") if _owner(e) is table]
            stacked.append((table, parts, rows))
    for table, parts, rows in stacked:
        for element in [table, *parts, *rows]:
            element.tag = "div"
        for row in rows:
            for cell in row:
                if cell.tag in ("td", "th"):
                    cell.tag = "p"


def _owner(element):
    """The table an element (a row, a body) belongs to."""
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _dates(tree) -> tuple[str | None, str | None]:
    """The page's publication and modification dates: structured metadata first, then its date line; never the
    URL (url="" stops htmldate from reading the canonical link's path)."""
    from htmldate import find_date

    found = {}
    for original in (True, False):
        value = find_date(tree, url="", original_date=original, extensive_search=False, max_date=_LATEST,
                          outputformat="%Y-%m-%dT%H:%M:%S%z")
        found[original] = clean_date(value)
    published, modified = found[True], found[False]
    # the same moment, or the same day told without its time, is no modification
    if modified and published and (modified == published or modified == published[:10]):
        modified = None
    return published, modified


def _is_vietnamese(text: str) -> bool:
    words = text.split()
    return sum(1 for w in words if _VIETNAMESE.search(w)) >= _MIN_VIETNAMESE_WORDS * len(words)


def read_page(html: str, name: str) -> tuple[str, PageMeta]:
    """The article's text (headline line, then the main text; NFC) and what the page says of it."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InputError(f"{name}: an HTML page that cannot be parsed")
    published, modified = _dates(tree)
    _keep_captions(tree)
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                           include_images=False, include_links=False, deduplicate=False)
    body = normalize(document.text or "") if document is not None else ""
    if len(body.split()) < _MIN_WORDS:
        raise InputError(f"{name}: an HTML page with no article text found in it (a section or home page?)")
    if not _is_vietnamese(body):
        raise InputError(f"{name}: an HTML page whose text is not Vietnamese news; vnkg reads Vietnamese articles")
    title = " ".join(normalize(document.title or "").split())
    first_line = body.lstrip().split("\n", 1)[0]
    text = body if not title or match_key(first_line) == match_key(title) else f"{title}\n{body}"
    meta = from_values({"url": document.url, "published": published, "modified": modified,
                        "author": document.author, "publisher": document.sitename, "license": document.license})
    return text, meta
