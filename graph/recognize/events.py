"""The event an article reports: kind, date, organizer, chairs, speakers, participants, documents reviewed.

    "Sáng 12/1, Tỉnh ủy tiến hành hội nghị tổng kết 4 năm thực hiện Đề án số 06-ĐA/TU …"
The first body sentence that names an event kind is the lead: its organizer is the organization just before
the organize cue ("tổ chức", "tiến hành"), its date the first date that is not a document's. Persons in a
sentence with the chair cue ("chủ trì") chair it; persons next to the speak cue ("phát biểu") speak at it;
organizations in a sentence with the attend cue ("dự") take part.
"""
from __future__ import annotations

from ..doc import Doc
from ..facts import EventFact, OrgMention
from ..layout import CAPTION, PARAGRAPH
from ..spans import ByStart, Covered
from ..text import match_key
from .dates import DateMention
from .documents import DocumentFindings
from .persons import PersonFindings


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        if match_key(name) not in seen:
            seen.add(match_key(name))
            out.append(name)
    return out


def recognize_events(doc: Doc, dates: list[DateMention], organizations: list[OrgMention],
                     persons: PersonFindings, documents: DocumentFindings) -> list[EventFact]:
    kinds = doc.vocabulary.matcher("event-kind")
    cues = doc.vocabulary.matcher("cue")
    lead = None
    for sentence in doc.sentences_of(PARAGRAPH):
        kind = next(iter(kinds.finditer(doc.view, sentence.start, sentence.end)), None)
        if kind:
            lead = sentence, kind
            break
    if lead is None:
        return []
    sentence, kind = lead
    doc_spans = Covered(m.span for m in documents.mentions)
    event_date = next((d.iso for d in dates if sentence.start <= d.span[0] < sentence.end
                       and not doc_spans.covers(d.span[0])), None)
    organize = [c for c in cues.finditer(doc.view, sentence.start, kind.start) if c.concept.key == "organize"]
    orgs = ByStart(organizations)
    in_sentence = orgs.within(sentence.start, sentence.end)
    organizer = None
    if organize:
        before = [m for m in in_sentence if m.span[1] <= organize[-1].start]
        organizer = before[-1].org if before else None
    elif in_sentence:
        organizer = in_sentence[0].org
    event = EventFact(kind.concept, event_date, organizer, spans=[(sentence.start, sentence.end)])
    event.reviewed = list(dict.fromkeys(m.identifier for m in documents.in_span(sentence.start, sentence.end)))
    for other in doc.sentences_of(PARAGRAPH, CAPTION):
        found = {c.concept.key for c in cues.finditer(doc.view, other.start, other.end)}
        people = persons.person_at(other.start, other.end)
        if "chair" in found and people:
            event.chairs += [p.name for p in people]
            event.spans.append((other.start, other.end))
        if "speak" in found and people:
            event.speakers += [p.name for p in people]
        if "attend" in found:
            event.participants += [m.org for m in orgs.within(other.start, other.end)]
    event.chairs = _unique(event.chairs)
    event.speakers = _unique(event.speakers)
    event.participants = list(dict.fromkeys(event.participants))
    return [event]
