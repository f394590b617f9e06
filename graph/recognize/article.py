"""The article's own facts: headline, date line, byline, province, and the award total its headline claims."""
from __future__ import annotations

import re
from datetime import date

from ..doc import Doc
from ..facts import ArticleMeta
from ..layout import AUTHOR, CLOCK, FULL_DATE, PARAGRAPH, TITLE, UPDATED
from ..text import COUNT as NUMBER, parse_number


def _updated(doc: Doc, start: int, end: int) -> str | None:
    """The date line's date and time, in whatever order and separators ("10:27 | 25/11/2022",
    "Thứ Năm, 12/01/2023 - 15:30", "(29/07/2024)"); midnight when it gives no time."""
    line = doc.text[start:end]
    found = FULL_DATE.search(line)
    if not found:
        return None
    d, _, mo, y = found.groups()
    clock = next((c for c in CLOCK.finditer(line) if c.end() <= found.start() or c.start() >= found.end()), None)
    hh, mm = clock.groups() if clock else ("0", "00")
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if int(hh) > 23 or int(mm) > 59:
        hh, mm = "0", "00"
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{int(mm):02d}:00+07:00"


def _credited(doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The name in a byline: after a credit label ("Tin, ảnh: DUY THỈNH"), before an affiliation in brackets."""
    label = doc.vocabulary.matcher("page-chrome").match_at(doc.view, start, end)
    if label and label.concept.key == "credit":
        start = label.end
    name = re.match(r"\s*([^(|–]*?)\s*(?:[(|–]|$)", doc.text[start:end])
    return name.group(1), (start + name.start(1), start + name.end(1))


def headline_total(doc: Doc, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """ "27 tập thể, cá nhân được tặng…": one count before several recipient kinds is a total;
    "4 tập thể, 5 cá nhân" sums. Only a headline that speaks of awards states one ("Khen thưởng 20 tập thể,
    cá nhân", "hơn 5.000 trường hợp nhận khen thưởng"), not one that proposes or praises them, nor a lead
    paragraph scraped into the title line (several sentences, a closing full stop)."""
    from .awards import is_headline     # here, not at the top: this function is the awards' part of the module
    if not is_headline(doc, start, end):
        return None
    found = list(doc.vocabulary.matcher("cue").finditer(doc.view, start, end))
    cues = {c.concept.key for c in found}
    # the bare verbs (tặng, trao, nhận) name no award by themselves ("Tặng quà 200 học sinh"); "khen thưởng" does
    awarded = any(c.concept.key == "confer" and " " in doc.view[c.start:c.end] for c in found) or next(
        iter(doc.vocabulary.matcher("award-kind").finditer(doc.view, start, end)), None)
    if not awarded or cues & {"propose", "commend"}:
        return None
    kinds = doc.vocabulary.matcher("recipient-kind").alternation
    joined = rf"(?<![\w.,/])(?:{NUMBER})\s+{kinds}(?:\s*(?:,|và)\s*(?:(?:{NUMBER})\s+)?{kinds})*(?!\w)"
    m = re.compile(joined).search(doc.view, start, end)
    if not m:
        return None
    total = sum(parse_number(n) for n in re.findall(NUMBER, m.group(0)))
    return int(total), m.span()


def recognize_article(doc: Doc) -> ArticleMeta:
    title = next(iter(doc.blocks_of(TITLE)), None)
    meta = ArticleMeta(headline=doc.text[title.start:title.end] if title else None,
                       headline_span=(title.start, title.end) if title else None)
    for block in doc.blocks_of(UPDATED):
        meta.updated = _updated(doc, block.start, block.end)
        if meta.updated:
            meta.updated_span = (block.start, block.end)
            break
    for block in doc.blocks_of(AUTHOR):
        author, span = _credited(doc, block.start, block.end)
        if author:
            meta.author, meta.author_span = author, span
    provinces = doc.vocabulary.matcher("province")
    for block in doc.blocks_of(TITLE) + doc.blocks_of(PARAGRAPH)[:2]:
        found = next(iter(provinces.finditer(doc.view, block.start, block.end)), None)
        if found:
            meta.province, meta.province_span = found.concept, (found.start, found.end)
            break
    if title and (total := headline_total(doc, title.start, title.end)):
        meta.headline_total, meta.headline_total_span = total
    return meta


def article_date(meta: ArticleMeta) -> date | None:
    return date.fromisoformat(meta.updated[:10]) if meta.updated else None
