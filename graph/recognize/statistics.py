"""Statistics: the figures a body paragraph reports, with qualifier, unit, what is counted, and document.

    "tổng số trên 6.400 phiếu"      -> 6400, more than, unit "phiếu"
    "gần 87% ý kiến đánh giá …"     -> 87, nearly, unit "%"
    "giảm từ 14 thôn xuống còn 2 thôn" -> two figures
Not figures: dates, years, periods, review spans ("qua 4 năm": a time unit follows), document numbers,
award counts, numbers inside names; and nothing in the title, captions, slugs or byline.
The document is the one the paragraph reports on: the only document its sentences name outside the lead;
otherwise the one the previous paragraph reported on; otherwise, when the event reviewed only one, that one.
"""
from __future__ import annotations

import re

from ..doc import Doc
from ..facts import EventFact, Statistic
from ..layout import PARAGRAPH
from ..spans import Covered
from ..text import parse_number
from .documents import DocumentFindings

NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)")
_CLAUSE_END = re.compile(r"[,;:.(]|\s(?:và|với|cho|trong đó|chiếm)\s")


def recognize_statistics(doc: Doc, excluded: list[tuple[int, int]], documents: DocumentFindings,
                         events: list[EventFact]) -> list[Statistic]:
    vocabulary = doc.vocabulary
    units = vocabulary.matcher("unit")
    unit_here = re.compile(rf"\s*({units.alternation})(?![\w])")
    time_unit = re.compile(rf"\s+{vocabulary.matcher('time-unit').alternation}(?!\w)")
    qualifiers = vocabulary.matcher("number-qualifier")
    qualifier_before = re.compile(rf"(?<!\w)({qualifiers.alternation})\s+$")
    exact = vocabulary.concept("number-qualifier", "exact")
    lead_spans = [span for event in events for span in event.spans[:1]]
    reviewed = {i for event in events for i in event.reviewed}
    found: list[Statistic] = []
    current: str | None = None
    excluded = Covered(excluded)
    for block in doc.blocks_of(PARAGRAPH):
        named = {m.identifier for m in documents.in_span(block.start, block.end)
                 if not any(a <= m.span[0] < b for a, b in lead_spans)}
        in_lead = any(block.start <= a < block.end for a, _ in lead_spans)
        if len(named) == 1:
            current = next(iter(named))
        elif named or in_lead:
            current = None
        document = current or (next(iter(reviewed)) if len(reviewed) == 1 else None)
        for m in NUMBER.finditer(doc.text, block.start, block.end):
            if excluded.covers(m.start()):
                continue
            unit_match = unit_here.match(doc.view, m.end())
            if unit_match is None and time_unit.match(doc.view, m.end()):
                continue
            if unit_match:
                unit, unit_end = doc.text[unit_match.start(1):unit_match.end(1)], unit_match.end(1)
            else:
                word = re.compile(r"\s+(\w+)").match(doc.text, m.end())
                if word is None:
                    continue
                unit, unit_end = word.group(1), word.end(1)
            head = doc.view[max(block.start, m.start() - 16):m.start()]
            q = qualifier_before.search(head)
            qualifier = qualifiers.lookup(q.group(1)) if q else exact
            start = m.start() - (len(head) - q.start()) if q else m.start()
            tail_end = _CLAUSE_END.search(doc.text, unit_end, block.end)
            what = doc.text[unit_end:tail_end.start() if tail_end else block.end].strip()
            if len(what.split()) < 2:
                clause_start = max(doc.text.rfind(c, block.start, start) for c in ",;.:")
                what = doc.text[max(clause_start + 1, block.start):start].strip()
            found.append(Statistic(parse_number(m.group(1)), doc.text[start:unit_end], qualifier, unit, what,
                                   document, (start, unit_end)))
    return found
