"""The layout of a provincial news page: which lines are the title, the date line, body, slugs, captions,
the byline and page chrome; and the sentences inside them.

A page as scraped looks like:
    Title line
    Cập nhật: 19:52 | 12/01/2021
    body paragraphs ...
    cao bang 27 tap the ...          <- photo slug: the title folded to lowercase ASCII (or "… ảnh 1")
    Các đại biểu dự hội nghị.        <- its caption
    Vũ Tiệp                          <- byline
      • Xin chờ trong giây lát...    <- chrome
Slugs and chrome yield no facts; captions do.

Real pages vary around that: chrome before the title ("Banner", a print banner, an image file name), a date line
in many shapes ("13/01/2023 10:34", "(29/07/2024)", "Thứ Năm, 12/01/2023 - 15:30", "Ngày cập nhật 30/03/2017"),
view counters and credits ("Lượt xem: 558", "Tin, ảnh: …"), and excerpts that start mid-article: a first line
that reads as body text (it closes a sentence, or opens with a dated lead "Sáng 27/5, …") is no title, and the
article then has none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import ascii_fold, view
from .vocab import Vocabulary

TITLE, UPDATED, PARAGRAPH, SLUG, CAPTION, AUTHOR, CHROME = (
    "title", "updated", "paragraph", "slug", "caption", "author", "chrome")


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    block: Block
    start: int
    end: int


_SLUG = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){2,}")
_BULLETS = " \t\u00a0•·-–—*|"
_END_PUNCT = re.compile(r"[.!?:;,“”\"]\s*$")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(_BULLETS + "\u200b\ufeff")
        if stripped:
            offset = pos + line.index(stripped)
            yield offset, offset + len(stripped)
        pos += len(line) + 1


def _is_byline(line: str) -> bool:
    """A name of one to six capitalised words, perhaps with an affiliation after a dash ("Phùng Vị – HND tỉnh")."""
    words = re.split(r"\s+[–-]\s+|\s*\(", line, maxsplit=1)[0].split()
    return (1 <= len(words) <= 6 and not _END_PUNCT.search(line) and not any(c.isdigit() for c in line)
            and all(w[0].isupper() for w in words))


def _is_slug(line: str, title_words: list[str]) -> bool:
    """A photo slug: the title folded to lowercase ASCII, punctuation dropped or not."""
    if _SLUG.fullmatch(line):
        return True
    words = re.findall(r"[a-z0-9]+", line)
    return (line.isascii() and line == line.lower() and len(words) >= 3
            and words == title_words[:len(words)])


# A date line: a full date with, around it, only a time, a weekday, a time zone, a chrome label and a word or two.
FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
CLOCK = re.compile(r"(?<!\d)(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*(?:AM|PM|SA|CH))?(?!\d)")
_TIME_ZONE = re.compile(r"\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}\s*\)?", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|bmp)", re.IGNORECASE)
# An image's alt text: the headline and the image's number ("… Nghị quyết 10-NQ/TU ảnh 1"); a caption follows.
_ALT_TEXT = re.compile(r".*\sảnh\s+\d{1,2}")
_PHONE = re.compile(r"\+?\(?\d{2,4}\)?(?:[ .-]?\d{2,4}){2,4}")
# Body text: the line closes a sentence; or it opens with a dated lead ("Sáng 27/5, …", "Ngày 30-10, …").
_CLOSES_SENTENCE = re.compile(r"[.…]\s*[”\"’)]*\s*$")
_MAX_TITLE_WORDS = 60
# A live blog's entry opens with its clock time ("11h35: …"): an entry, not the article's title.
_LIVE_ENTRY = re.compile(r"\d{1,2}\s*[hH:]\s*\d{2}\s*:")


def _is_dateline(line_view: str, words: Vocabulary) -> bool:
    if len(line_view) > 90 or not FULL_DATE.search(line_view):
        return False
    rest = _TIME_ZONE.sub(" ", CLOCK.sub(" ", FULL_DATE.sub(" ", line_view)))
    for scheme in ("page-chrome", "day-part"):
        rest = words.matcher(scheme).pattern.sub(" ", rest)
    return len(re.findall(r"\w+", rest)) <= 2


def _is_section(line: str) -> bool:
    words = line.split()
    return len(words) <= 3 and all(w.isalpha() for w in words)


def _is_lead(line: str, line_view: str, lead_opening: re.Pattern) -> bool:
    return bool(_CLOSES_SENTENCE.search(line) or len(line.split()) > _MAX_TITLE_WORDS
                or lead_opening.match(line_view) or _LIVE_ENTRY.match(line))


@lru_cache(maxsize=4)
def _lead_opening(parts: str) -> re.Pattern:
    return re.compile(rf"{parts}(?:\s+(?:nay|qua|hôm qua))?\s*\(?\d{{1,2}}(?:[/.]|\s*[-–]\s*)\d{{1,2}}\b")


_LEADING_COUNT = re.compile(r"\d[\d.,]*\s+")


def _counted_chrome(chrome, text_view: str, start: int, end: int):
    """A page counter written number first ("1,967 lượt xem"): the whole line is the label and its count."""
    count = _LEADING_COUNT.match(text_view, start, end)
    label = count and chrome.match_at(text_view, count.end(), end)
    return label if label and label.end == end else None


def layout(text: str, vocabulary: Vocabulary) -> list[Block]:
    chrome = vocabulary.matcher("page-chrome")
    lead_opening = _lead_opening(vocabulary.matcher("day-part").alternation)
    text_view = view(text)
    blocks: list[Block] = []
    after_slug = False
    title_words: list[str] = []
    seen_title = False
    lines = list(_lines(text))

    def headline_like(index: int) -> bool:
        if index >= len(lines):
            return False
        start, end = lines[index]
        line, line_view = text[start:end], text_view[start:end]
        return not (_is_dateline(line_view, vocabulary) or chrome.match_at(text_view, start, end)
                    or _is_slug(line, []) or _is_lead(line, line_view, lead_opening))

    in_related = False
    for index, (start, end) in enumerate(lines):
        line, line_view = text[start:end], text_view[start:end]
        opening = chrome.match_at(text_view, start, end) or _counted_chrome(chrome, text_view, start, end)
        # the headlines listed under "Tin liên quan", up to a line of body text
        in_related = (in_related and not _is_lead(line, line_view, lead_opening)) or bool(
            opening and opening.concept.key == "related")
        if in_related:
            kind = CHROME
        elif _is_dateline(line_view, vocabulary) or (opening and opening.concept.key == "updated"):
            kind = UPDATED
        elif opening and opening.concept.key == "credit":
            kind = AUTHOR
        elif opening or _IMAGE_FILE.fullmatch(line) or _PHONE.fullmatch(line):
            kind = CHROME
        elif not seen_title and _is_section(line) and headline_like(index + 1):
            kind = CHROME     # a section name above the title ("Thời sự", "Tin hoạt động")
        elif not seen_title:
            # The first line of content is the title, unless it is a slug or reads as body text.
            seen_title = True
            if _is_slug(line, []) or _is_lead(line, line_view, lead_opening):
                kind = SLUG if _is_slug(line, []) else PARAGRAPH
            else:
                kind = TITLE
                title_words = re.findall(r"[a-z0-9]+", ascii_fold(line).lower())
        elif _is_slug(line, title_words) or _ALT_TEXT.fullmatch(line_view):
            kind = SLUG
        elif all(b.kind != PARAGRAPH for b in blocks) and _is_byline(line):
            kind = AUTHOR     # a byline under the title ("HÀN GIANG |")
        elif after_slug:
            kind = CAPTION
        else:
            kind = PARAGRAPH
        after_slug = kind == SLUG
        blocks.append(Block(kind, start, end))
    # The byline is the last line before the trailing chrome, when it looks like a name.
    for index in range(len(blocks) - 1, 0, -1):
        block = blocks[index]
        if block.kind == CHROME:
            continue
        if block.kind == PARAGRAPH and _is_byline(text[block.start:block.end]):
            blocks[index] = Block(AUTHOR, block.start, block.end)
        break
    return blocks


# A sentence ends at . ! ? or … (with closing quotes), before white space and a capital, digit or quote.
_BOUNDARY = re.compile(r"(?<=[.!?…])[”\"’)]*(\s+)(?=[\w“\"(])")


def sentences(text: str, block: Block, abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    """The sentences of a block. A full stop that ends an abbreviation of the vocabularies ("Hội LHPN TP. Nha
    Trang") ends no sentence."""
    found, start = [], block.start
    for m in _BOUNDARY.finditer(text, block.start, block.end):
        following = text[m.end()]
        if not (following.isupper() or following.isdigit() or following in "“\"("):
            continue
        if text[max(text.rfind(" ", block.start, m.start()), text.rfind("\n", block.start, m.start())) + 1:
                m.start()].lstrip("(“\"") in abbreviations:
            continue
        found.append(Sentence(block, start, m.start(1)))
        start = m.end()
    if start < block.end:
        found.append(Sentence(block, start, block.end))
    return found
