"""The layout of a provincial news page: which lines are the title, the date line, body, slugs, captions,
the byline and page chrome; and the sentences inside them.

A page as scraped looks like:
    Title line
    Cập nhật: 19:52 | 12/01/2021
    body paragraphs ...
    cao bang 27 tap the ...          <- photo slug: the title folded to lowercase ASCII
    Các đại biểu dự hội nghị.        <- its caption
    Vũ Tiệp                          <- byline
      • Xin chờ trong giây lát...    <- chrome
Slugs and chrome yield no facts; captions do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
    words = line.split()
    return (1 <= len(words) <= 6 and not _END_PUNCT.search(line) and not any(c.isdigit() for c in line)
            and all(w[0].isupper() for w in words))


def _is_slug(line: str, title_words: list[str]) -> bool:
    """A photo slug: the title folded to lowercase ASCII, punctuation dropped or not."""
    if _SLUG.fullmatch(line):
        return True
    words = re.findall(r"[a-z0-9]+", line)
    return (line.isascii() and line == line.lower() and len(words) >= 3
            and words == title_words[:len(words)])


def layout(text: str, vocabulary: Vocabulary) -> list[Block]:
    chrome = vocabulary.matcher("page-chrome")
    text_view = view(text)
    blocks: list[Block] = []
    after_slug = False
    title_words: list[str] = []
    for start, end in _lines(text):
        line = text[start:end]
        opening = chrome.match_at(text_view, start, end)
        if not blocks:
            kind = TITLE
            title_words = re.findall(r"[a-z0-9]+", ascii_fold(line).lower())
        elif opening and opening.concept.key == "updated":
            kind = UPDATED
        elif opening:
            kind = CHROME
        elif _is_slug(line, title_words):
            kind = SLUG
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


def sentences(text: str, block: Block) -> list[Sentence]:
    found, start = [], block.start
    for m in _BOUNDARY.finditer(text, block.start, block.end):
        following = text[m.end()]
        if not (following.isupper() or following.isdigit() or following in "“\"("):
            continue
        found.append(Sentence(block, start, m.start(1)))
        start = m.end()
    if start < block.end:
        found.append(Sentence(block, start, block.end))
    return found
