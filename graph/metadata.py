"""What an article says of itself beside its text: its URL, dates, author, publisher and license, from a saved
page's markup (graph.pages) or from a sidecar file ARTICLE.meta.json next to the article.

Both are untrusted, so every value is checked before it reaches the graph: a URL must be an absolute http(s) IRI
that N-Triples can write, a date a real date, a name one line of text. A page's bad value is dropped (a site's
template is not the user's fault); a sidecar's bad value is an error (the user wrote it and can fix it).
"""
from __future__ import annotations

import json
import re
import stat
from dataclasses import fields, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pyoxigraph import NamedNode

from .errors import InputError, printable
from .facts import PageMeta
from .text import nfc

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 64 * 1024
SIDECAR_FIELDS = ("url", "published", "modified", "author", "publisher", "license")
MAX_URL = 2000
MAX_NAME = 200
MAX_LICENSE = 500
# Vietnam's time zone, for a time a page writes without one (a Vietnamese site writes local time)
LOCAL_ZONE = "+07:00"

# What an IRI in N-Triples may not contain (IRIREF), besides white space
_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x20\x7f]+", re.IGNORECASE)


def clean_url(value) -> str | None:
    """An absolute http(s) URL with a host, or None."""
    if not isinstance(value, str):
        return None
    value = nfc(value.strip())
    if len(value) > MAX_URL or not _IRI.fullmatch(value):
        return None
    try:
        if not urlsplit(value).hostname:
            return None
        NamedNode(value)    # an IRI by RFC 3987, as every store that reads the graph will parse it ("%zz" is not)
    except ValueError:      # a malformed port or IPv6 literal, or no IRI
        return None
    return value


def clean_date(value) -> str | None:
    """An ISO 8601 date or date-time as xsd:date or xsd:dateTime (with its zone, +07:00 when it has none), or None.
    Midnight with no zone is a date alone: that is how htmldate writes a date without a time."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return day.isoformat() if 1900 <= day.year <= 2100 else None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not 1900 <= moment.year <= 2100:
        return None
    if moment.tzinfo is None:
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return moment.date().isoformat()
        return moment.replace(microsecond=0).isoformat() + LOCAL_ZONE
    return moment.replace(microsecond=0).isoformat()


def clean_text(value, limit: int = MAX_NAME) -> str | None:
    """One line of printable text (white space folded), at most `limit` characters, or None."""
    if not isinstance(value, str):
        return None
    value = " ".join(nfc(value).split())
    value = "".join(c for c in value if c.isprintable())
    return value if value and len(value) <= limit else None


def clean_license(value) -> str | None:
    return clean_url(value) or clean_text(value, MAX_LICENSE)


def from_values(values: dict) -> PageMeta:
    """A PageMeta of raw values, each checked; bad values dropped."""
    return PageMeta(url=clean_url(values.get("url")), published=clean_date(values.get("published")),
                    modified=clean_date(values.get("modified")), author=clean_text(values.get("author")),
                    publisher=clean_text(values.get("publisher")), license=clean_license(values.get("license")))


def sidecar_path(article: Path) -> Path:
    """ARTICLE.txt (or ARTICLE.html) -> ARTICLE.meta.json"""
    return article.with_name(article.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(article: Path) -> PageMeta | None:
    """The sidecar's metadata, None when there is none; a bad sidecar is a one-line error naming it."""
    path = sidecar_path(article)
    name = printable(str(path))
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{name}: not a regular file, not article metadata")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_SIDECAR_BYTES + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise InputError(f"{name}: larger than article metadata can be ({MAX_SIDECAR_BYTES // 1024} KB)")
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{name}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    except RecursionError:
        raise InputError(f"{name}: not article metadata (nested too deeply)") from None
    if not isinstance(values, dict):
        raise InputError(f"{name}: not article metadata (a JSON object with {', '.join(SIDECAR_FIELDS)})")
    for key, value in values.items():
        if key not in SIDECAR_FIELDS:
            raise InputError(f"{name}: unknown field {printable(repr(key))[:60]} (known: {', '.join(SIDECAR_FIELDS)})")
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name}: {key} must be a string")
    meta = from_values(values)
    for key, value in values.items():
        if value is not None and getattr(meta, key) is None:
            expected = {"url": "an absolute http(s) URL", "published": "an ISO 8601 date or date-time",
                        "modified": "an ISO 8601 date or date-time"}.get(key, f"one line of at most "
                                                                           f"{MAX_LICENSE if key == 'license' else MAX_NAME} characters")
            raise InputError(f"{name}: {key} is not {expected}: {printable(value[:80])!r}")
    return meta


def combine(page: PageMeta | None, sidecar: PageMeta | None) -> PageMeta | None:
    """The page's metadata with the sidecar's values over it: the user's sidecar knows better than a template."""
    if page is None or sidecar is None:
        return sidecar or page
    return replace(page, **{f.name: getattr(sidecar, f.name) for f in fields(PageMeta)
                            if getattr(sidecar, f.name) is not None})
