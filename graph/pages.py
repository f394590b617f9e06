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
  ".../2021/01/27-tap-the-..." (27 counts something) is no date; on a page without metadata it takes any date it
  finds (a related article's, the day the page was saved). So it reads the structured metadata alone
  (article:published_time, JSON-LD, microdata), then the article's own date line alone; never the URL.
- htmldate drops a date after today, which would make a build depend on the day it runs: the bound is fixed.

The stored text is the headline on its first line, then the main text: what the recognizers read, as for a page
saved as plain text.
"""
from __future__ import annotations

import logging
import re
from copy import deepcopy
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
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# the date line stands within a few elements and characters of the headline
_DATELINE_ELEMENTS = 200
_DATELINE_CHARS = 300
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


def _find_dates(tree, extensive: bool = False) -> tuple[str | None, str | None]:
    """htmldate's publication and modification dates in a tree; url="" stops it from reading the canonical link's
    path."""
    from htmldate import find_date

    published, modified = (clean_date(find_date(tree, url="", original_date=original, extensive_search=extensive,
                                                max_date=_LATEST, outputformat="%Y-%m-%dT%H:%M:%S%z"))
                           for original in (True, False))
    # the same moment, or the same day told without its time, is no modification
    if modified and published and (modified == published or modified == published[:10]):
        modified = None
    return published, modified


def _empty_page():
    """A page to give htmldate (a tree: htmldate would download a string that looks like a URL), and its body."""
    from lxml.html import document_fromstring

    page = document_fromstring("<html><body></body></html>")
    return page, page.find("body")


def _structured(tree):
    """A page of the tree's structured metadata about dates alone: the meta elements that name a date or time
    (not og:image, whose URL's path may hold one), JSON-LD, microdata dates."""
    page, body = _empty_page()
    named = " or ".join(f'contains(translate(@{attribute}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"),'
                        f' "{word}")' for attribute in ("name", "property", "itemprop", "http-equiv")
                        for word in ("date", "time", "publish", "modif", "updat", "creat"))
    for element in tree.xpath(f'//meta[{named}] | //script[@type="application/ld+json"] | '
                              '//*[@itemprop="datePublished" or @itemprop="dateModified" or @itemprop="dateCreated"]'):
        copied = deepcopy(element)
        copied.tail = None
        body.append(copied)
    return page


def _start(element, limit: int) -> str:
    """The first `limit` characters of an element's text, without reading all of a large one."""
    pieces, size = [], 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return match_key("".join(pieces))[:limit]


def _dateline(tree, title: str, body: str):
    """A page of the text between the headline and the article's first words, where the article's own date line
    stands ("Cập nhật: 08:15 | 22/06/2022"); None when the headline or the text is not found near each other.
    Dates elsewhere on the page (a related list, the day the page was saved) are not the article's."""
    if not title:
        return None
    key, opening = match_key(title), match_key(body.lstrip().split("\n", 1)[0])[:40]
    order = [e for e in tree.iter() if isinstance(e.tag, str)]
    heading = next((i for i, e in enumerate(order) if e.tag in _HEADINGS and _start(e, len(key) + 1) == key), None)
    if heading is None or not opening:
        return None
    inside = set(order[heading].iter())
    pieces = [order[heading].tail or ""]
    for element in order[heading + 1:heading + _DATELINE_ELEMENTS]:
        if element in inside:
            continue
        if _start(element, len(opening)) == opening:
            text = " ".join(" ".join(pieces).split())
            if not text or len(text) > _DATELINE_CHARS:
                return None
            page, paragraph = _empty_page()
            paragraph.text = text
            return page
        if element.tag not in ("script", "style"):
            pieces.append(element.text or "")
        pieces.append(element.tail or "")
    return None


def _dates(tree, title: str, body: str) -> tuple[str | None, str | None]:
    """The page's publication and modification dates: its structured metadata (article:published_time, JSON-LD,
    microdata), else the article's date line; never the URL, nor a date elsewhere on the page."""
    published, modified = _find_dates(_structured(tree))
    if published or modified:
        return published, modified
    dateline = _dateline(tree, title, body)
    # the date line alone is read, so htmldate's search of every date in it is safe there
    return _find_dates(dateline, extensive=True)[0] if dateline is not None else None, None


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
    original = deepcopy(tree)
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
    published, modified = _dates(original, title, body)
    meta = from_values({"url": document.url, "published": published, "modified": modified,
                        "author": document.author, "publisher": document.sitename, "license": document.license})
    return text, meta
