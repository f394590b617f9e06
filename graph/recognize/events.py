"""The event an article reports: kind, date, organizer, chairs, speakers, participants, documents reviewed.

    "Sáng 12/1, Tỉnh ủy tiến hành hội nghị tổng kết 4 năm thực hiện Đề án số 06-ĐA/TU …"
The lead is the first body sentence that names an event kind, unless one of the next few reads more like a lead
(dated, organizing or chairing); a kind in a venue's or a document's name ("tại Trung tâm Hội nghị", "Nghị quyết
Đại hội") does not count, nor an event planned ("sẽ tổ chức", "sẽ diễn ra"). When the body names none, the
headline ("Thành phố họp xét …") or a photo caption ("Toàn cảnh hội nghị") may. The kind is the one the organize
cue governs ("tổ chức hội nghị sơ kết"), else the first.
The organizer is the subject of the organize cue, active ("Tỉnh ủy đã long trọng tổ chức lễ kỷ niệm") or passive
("hội nghị do UBND tỉnh tổ chức"), or a body that meets ("UBND tỉnh họp phiên …"), or the body a sitting belongs
to ("phiên họp UBND tỉnh"); several bodies acting together are not one organizer: none is given, but bodies listed
as the one subject ("Tỉnh ủy, HĐND, UBND tỉnh tổ chức") organize it jointly, each of them, named as the list.
When the lead names no organizer, the headline may, if it names the same event ("UBND tỉnh tổng kết công tác thi
đua" above "Sáng 12/1, hội nghị tổng kết … đã diễn ra"), or a sentence soon after that opens with the event's
name ("Hội nghị do Ban Tuyên giáo Tỉnh ủy tổ chức …").
The date is the lead's first date that is not a document's, a founding date or a cut-off ("đến ngày …"), its year
from the date line or what the sentence fixes (dates.sentence_year, dates.period_year), else unknown.
Persons before the chair cue ("chủ trì", "đồng chủ trì"), or after it when it opens the sentence ("Chủ trì hội
nghị có …") or reads "dưới sự chủ trì của …", chair it; persons next to the speak cue speak at it; organizations
in a sentence with the attend cue take part.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..doc import Doc
from ..facts import EventFact, OrgMention, OrgRef
from ..layout import CAPTION, PARAGRAPH, TITLE, Sentence
from ..spans import ByStart, Covered
from ..text import match_key
from ..vocab import Concept, Match, Matcher, Vocabulary
from .dates import DateMention, bounds_a_span, period_year, sentence_year
from .documents import DocumentFindings
from .persons import PersonFindings

# Between a subject and its verb, or a verb and its object: up to three lower-case words ("đã long trọng"),
# after an alias in brackets ("Ban Chỉ đạo … tỉnh (Ban Chỉ đạo) tổ chức").
_ALIAS = re.compile(r"\s*\([^()]{1,60}\)")
_MAX_FILLER_WORDS = 3
# The agent of a passive: "hội nghị do UBND tỉnh tổ chức", "vừa được Huyện ủy tổ chức".
_AGENT = re.compile(r"(?<!\w)(?:do|được)\s+$")
_LEAD_WINDOW = 3
# How many sentences after the lead may take the event up by its name and say who organized it.
_TAKEN_UP_WITHIN = 4
_STALE_YEARS = 2
# Sittings of a council or committee: the body named after the kind holds them.
_SITTINGS = {"phien-hop", "ky-hop"}
# "dưới sự chủ trì của …": the chair follows.
_OF = re.compile(r"\s+của\s")
_LEADS_A_TASK = re.compile(r"\s*,?\s*(?:và\s+)?phối hợp")
# A body named in the venue or an adverbial before the subject is no co-subject ("tại Hội trường Tỉnh ủy, Ban
# Thường vụ Tỉnh ủy tổ chức …", "Thực hiện Kế hoạch của Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy tổ chức …").
_AT = re.compile(r"(?<!\w)(?:tại|của|theo)\s+[^,;]*$")
# A body's term between it and its verb: "HĐND tỉnh khóa XIII, nhiệm kỳ 2021 - 2026 đã tổ chức kỳ họp".
_TERM = re.compile(r"(?:\s*,?\s*(?:khóa\s+[ivxlc\d]+|\(?nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4}\)?))+")
# Between a sitting and its body: its ordinal, a sitting in brackets, the term, "của" ("kỳ họp lần thứ 11
# (phiên họp thứ hai) của HĐND tỉnh", "Kỳ họp thứ 6 HĐND tỉnh khóa XIII").
_ORDINAL = re.compile(r"\s*(?:(?:lần\s+)?thứ\s+[\w]+)?(?:\s*\([^()]{1,40}\))?(?:\s*,)?\s*(của\s+)?$")
# A clause opens before a subject: the sentence's start, a comma after a dated adverbial, a source tag's dash;
# a level word may precede the place ("tỉnh Kon Tum").
_OPENS_CLAUSE = re.compile(r"(?:^|[,:–-])\s*(?:(?:tỉnh|thành phố)\s+)?$")
# What joins two bodies that act together.
_TOGETHER = re.compile(r"\s*(?:,|và|với|cùng|cùng với|phối hợp với|–|-)\s*$")
# What joins the bodies of one list: "Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ tỉnh", "Sở Nội vụ và Sở Tư pháp".
_LISTED = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        if match_key(name) not in seen:
            seen.add(match_key(name))
            out.append(name)
    return out


def _fills(doc: Doc, start: int, end: int) -> bool:
    """Only filler between start and end (lower-case words, no punctuation)."""
    if start > end:
        return False
    if alias := _ALIAS.match(doc.text, start, end):
        start = alias.end()
    if term := _TERM.match(doc.view, start, end):
        start = term.end()
    words = doc.text[start:end].split()
    return len(words) <= _MAX_FILLER_WORDS and all(w.isalpha() and w.islower() for w in words)


@lru_cache(maxsize=4)
def _elided_kinds(vocabulary: Vocabulary) -> Matcher:
    """The kinds as written after an organize cue with their head noun left out: "hội nghị tổng kết" ->
    "tổng kết", "lễ kỷ niệm" -> "kỷ niệm" (the head is the broader kind's name or its last word)."""
    shortened = []
    for concept in vocabulary.concepts("event-kind"):
        broader = vocabulary.by_iri.get(concept.prop("broader") or "")
        if broader is None:
            continue
        heads = {match_key(broader.label_vi), match_key(broader.label_vi).split()[-1]}
        shorts = tuple(key[len(head) + 1:] for key in map(match_key, concept.labels) for head in heads
                       if key.startswith(head + " "))
        if shorts:
            shortened.append(replace(concept, labels=shorts))
    return Matcher(shortened)


class _Reader:
    def __init__(self, doc: Doc, organizations: list[OrgMention]):
        self.doc = doc
        self.kinds = doc.vocabulary.matcher("event-kind")
        self.cues = doc.vocabulary.matcher("cue")
        self.document_kinds = doc.vocabulary.matcher("document-kind")
        self.orgs = ByStart(organizations)
        self.elided = _elided_kinds(doc.vocabulary)
        self.provinces = doc.vocabulary.matcher("province")
        self.province_level = doc.vocabulary.concept("administrative-level", "tinh")
        self.conference = doc.vocabulary.concept("event-kind", "hoi-nghi")
        self.city = doc.vocabulary.concept("administrative-level", "thanh-pho")
        self._cues: dict[tuple[int, int], list[Match]] = {}

    def cues_of(self, start: int, end: int) -> list[Match]:
        """The cues between start and end, read once per sentence."""
        sentence = self.doc.sentence_at(start)
        key = (sentence.start, sentence.end) if sentence and end <= sentence.end else (start, end)
        if key not in self._cues:
            self._cues[key] = list(self.cues.finditer(self.doc.view, *key))
        return [c for c in self._cues[key] if start <= c.start and c.end <= end]

    def cues_in(self, start: int, end: int, key: str) -> list[Match]:
        return [c for c in self.cues_of(start, end) if c.concept.key == key]

    def kind_in(self, sentence: Sentence) -> Match | None:
        # A kind right after a venue word or a document kind names a place or a document ("Trung tâm Hội nghị",
        # "Nghị quyết Đại hội"), not the event.
        names = {c.end for c in self.cues_in(sentence.start, sentence.end, "venue")}
        names |= {d.end for d in self.document_kinds.finditer(self.doc.view, sentence.start, sentence.end)}
        kinds = [k for k in self.kinds.finditer(self.doc.view, sentence.start, sentence.end)
                 if not any(end <= k.start and self.doc.text[end:k.start].isspace() for end in names)]
        for cue in self.cues_in(sentence.start, sentence.end, "organize"):
            governed = next((k for k in kinds if k.start >= cue.end), None)
            if governed and _fills(self.doc, cue.end, governed.start):
                return governed
            # the head left unsaid: "tổ chức tổng kết 10 năm …" is "tổ chức hội nghị tổng kết …"
            elided = next(self.elided.finditer(self.doc.view, cue.end, sentence.end), None)
            if elided and _fills(self.doc, cue.end, elided.start):
                return Match(elided.start, elided.end, self.doc.vocabulary.by_iri[elided.concept.iri])
        return kinds[0] if kinds else None

    def planned(self, sentence: Sentence, kind: Match) -> bool:
        """ "Tỉnh ủy sẽ tổ chức hội nghị", "dự kiến tổ chức đại hội", "Kỳ họp … sẽ diễn ra": not (yet) held."""
        for cue in self.cues_in(sentence.start, sentence.end, "plan"):
            if cue.end <= kind.start and _fills(self.doc, cue.end, kind.start):
                return True
            # "sẽ tổ chức hội nghị" before the kind; after it only the event's own verb ("Kỳ họp … sẽ diễn ra"),
            # not a task the meeting sets ("hội nghị … sẽ tổ chức thực hiện")
            if cue.end <= kind.start and any(_fills(self.doc, cue.end, verb.start) and verb.end <= kind.start
                                             for verb in self.cues_in(cue.end, kind.start, "organize")):
                return True
            if cue.start >= kind.end and any(_fills(self.doc, cue.end, verb.start)
                                             for verb in self.cues_in(cue.end, sentence.end, "take-place")):
                return True
        return False

    def lead(self, dated: ByStart) -> tuple[Sentence, Match] | None:
        """The first sentence naming an event; but a caption-like mention ("… phát biểu tại hội nghị") gives way
        to one of the next few that reads as the lead: it is dated, or organizes or chairs the event."""
        named = []
        for sentence in self.doc.sentences_of(PARAGRAPH):
            if (kind := self.kind_in(sentence)) and not self.planned(sentence, kind):
                named.append((sentence, kind))
                if len(named) == _LEAD_WINDOW:
                    break
        for sentence, kind in named:
            if (dated.within(sentence.start, sentence.end)
                    or self.cues_in(sentence.start, sentence.end, "organize")
                    or self.cues_in(sentence.start, sentence.end, "chair")):
                return sentence, kind
        if named:
            # "Tham dự buổi lễ có …" then "Tại lễ kỷ niệm, …": the generic name and the narrower one are one event
            sentence, kind = named[0]
            narrower = next((k for _, k in named[1:] if k.concept.prop("broader") == kind.concept.iri), None)
            return sentence, Match(kind.start, kind.end, narrower.concept) if narrower else kind
        for sentence in self.doc.sentences_of(TITLE) + self.doc.sentences_of(CAPTION):
            if kind := self.kind_in(sentence):
                return sentence, kind
        return None

    def organizer(self, sentence: Sentence, kind: Match):
        in_sentence = self.orgs.within(sentence.start, sentence.end)
        for cue in self.cues_in(sentence.start, sentence.end, "organize"):
            if cue.end <= kind.start and _fills(self.doc, cue.end, kind.start):
                # active: "Tỉnh ủy đã tổ chức hội nghị"
                subject = [m for m in in_sentence if m.span[1] <= cue.start and _fills(self.doc, m.span[1], cue.start)]
                if subject:
                    return self._alone(subject[-1], in_sentence)
            if cue.start >= kind.end:
                # passive: "hội nghị … do UBND tỉnh tổ chức"
                agent = [m for m in in_sentence if kind.end <= m.span[0] and m.span[1] <= cue.start
                         and _fills(self.doc, m.span[1], cue.start)
                         and _AGENT.search(self.doc.view, max(sentence.start, m.span[0] - 8), m.span[0])]
                if agent:
                    return self._alone(agent[-1], in_sentence)
        # a body that meets: "UBND tỉnh họp phiên thường kỳ", "Thành phố họp xét"
        subject = [m for m in in_sentence if m.span[1] <= kind.start]
        if subject and self.doc.text[subject[-1].span[1]:kind.start].isspace():
            return self._alone(subject[-1], in_sentence)
        # the body a sitting belongs to: "phiên họp UBND tỉnh", "Kỳ họp thứ 6 HĐND tỉnh", "hội nghị lần thứ nhất của
        # Ban Chấp hành Đảng bộ tỉnh", "Hội nghị Ban Thường vụ Tỉnh ủy"; not "Hội nghị Ban Chấp hành Đảng bộ tỉnh
        # lần thứ 18", which its standing committee convenes, nor "Đại hội Đảng bộ tỉnh", a congress of members
        owner = next((m for m in in_sentence if m.span[0] >= kind.end), None)
        between = _ORDINAL.fullmatch(self.doc.view, kind.end, owner.span[0]) if owner else None
        if between and kind.concept.key in _SITTINGS:
            return owner.org
        if between and kind.concept.key == "hoi-nghi" and (
                between.group(1) or (owner.org.unit is not None and owner.org.unit.key == "ban-thuong-vu")):
            return owner.org
        # a narrower conference is its owner's only with "của": "Hội nghị tổng kết của Cụm thi đua số 5"
        if between and between.group(1) and kind.concept.prop("broader") == self.conference.iri:
            return owner.org
        return self._place_subject(sentence, kind)

    def _place_subject(self, sentence: Sentence, kind: Match) -> OrgRef | None:
        """A province that opens the clause and organizes: "Ngày 12/8, tỉnh Kon Tum long trọng tổ chức lễ kỷ niệm",
        "Hôm nay, Hà Nội tổ chức …". Its authorities act as one: an organization classified by the province's
        level ("tỉnh Kon Tum", "thành phố Hải Phòng")."""
        for cue in self.cues_in(sentence.start, sentence.end, "organize"):
            if not (cue.end <= kind.start and _fills(self.doc, cue.end, kind.start)):
                continue
            for place in self.provinces.finditer(self.doc.view, sentence.start, cue.start):
                opening = _OPENS_CLAUSE.search(self.doc.view[sentence.start:place.start])
                if (not opening or not _fills(self.doc, place.end, cue.start)
                        or self.orgs.within(sentence.start + opening.start(), place.end)):
                    continue
                labels = [match_key(label) for label in place.concept.labels]
                if match_key(place.concept.label_vi).startswith(self.city.label_vi):
                    continue                     # "Thành phố Hồ Chí Minh": its name holds the level word
                city = any(label.startswith(self.city.label_vi + " ") for label in labels)
                return OrgRef(self.city if city else self.province_level, province=place.concept)
        return None

    def joint(self, sentence: Sentence, kind: Match) -> list[OrgMention]:
        """The bodies listed as the organize cue's one subject or agent: "Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ tỉnh đã
        tổ chức lễ kỷ niệm", "hội nghị do Sở Nội vụ và Sở Tư pháp tổ chức". The list must open its clause (or
        follow "do"); bodies joined by "phối hợp với", "cùng" or "với" are a lead and its partners, not a list."""
        in_sentence = self.orgs.within(sentence.start, sentence.end)
        for cue in self.cues_in(sentence.start, sentence.end, "organize"):
            if cue.end <= kind.start and _fills(self.doc, cue.end, kind.start):
                subject = [m for m in in_sentence if m.span[1] <= cue.start and _fills(self.doc, m.span[1], cue.start)]
                listed = self._listed(subject[-1], in_sentence) if subject else []
                if len(listed) > 1 and _OPENS_CLAUSE.search(self.doc.view[sentence.start:listed[0].span[0]]):
                    return listed
            if cue.start >= kind.end:
                agent = [m for m in in_sentence if kind.end <= m.span[0] and m.span[1] <= cue.start
                         and _fills(self.doc, m.span[1], cue.start)]
                listed = self._listed(agent[-1], in_sentence) if agent else []
                if len(listed) > 1 and _AGENT.search(self.doc.view, max(sentence.start, listed[0].span[0] - 8),
                                                     listed[0].span[0]):
                    return listed
        return []

    def headline(self, kind: Match) -> tuple[Sentence, Match] | None:
        """The headline, when it names the lead's event (the same kind, or one broader or narrower) with a body
        before it that may organize it: "UBND tỉnh tổng kết công tác thi đua năm 2023" above "Sáng 12/1, hội nghị
        tổng kết … đã diễn ra"."""
        for title in self.doc.sentences_of(TITLE):
            named = self.kind_in(title)
            if named is None:
                # the head left unsaid after the body: "Tỉnh ủy sơ kết …" is "Tỉnh ủy (tổ chức hội nghị) sơ kết …"
                for mention in self.orgs.within(title.start, title.end):
                    after = mention.span[1] + 1
                    elided = self.elided.match_at(self.doc.view, after) \
                        if self.doc.text[mention.span[1]:after] == " " else None
                    if elided:
                        named = Match(elided.start, elided.end, self.doc.vocabulary.by_iri[elided.concept.iri])
                        break
            if named and self._same_event(named.concept, kind.concept):
                return title, named
        return None

    def taken_up(self, lead: Sentence, kind: Match) -> tuple[Sentence, Match] | None:
        """A sentence soon after the lead that opens with the event's name, which says who organized it: "Hội nghị
        do Ban Tuyên giáo Tỉnh ủy tổ chức nhằm …"."""
        later = [s for s in self.doc.sentences_of(PARAGRAPH) if s.start >= lead.end][:_TAKEN_UP_WITHIN]
        for sentence in later:
            named = self.kinds.match_at(self.doc.view, sentence.start)
            if named and self._same_event(named.concept, kind.concept):
                return sentence, named
        return None

    @staticmethod
    def _same_event(named: Concept, kind: Concept) -> bool:
        return named == kind or named.prop("broader") == kind.iri or kind.prop("broader") == named.iri

    def _listed(self, last: OrgMention, in_sentence: list[OrgMention]) -> list[OrgMention]:
        """The list of bodies that ends with `last`; one named in a venue or an adverbial ("tại Hội trường Tỉnh
        ủy, …") is not in it."""
        listed = [last]
        for mention in reversed([m for m in in_sentence if m.span[1] <= last.span[0]]):
            if not _LISTED.fullmatch(self.doc.view, mention.span[1], listed[0].span[0]) \
                    or _AT.search(self.doc.view, max(0, mention.span[0] - 40), mention.span[0]):
                break
            listed.insert(0, mention)
        return listed if len({m.org for m in listed}) == len(listed) else [last]

    def _alone(self, mention: OrgMention, in_sentence: list[OrgMention]):
        """The organizer, unless it is one of several bodies acting together ("Tỉnh ủy, HĐND, UBND tỉnh tổ chức")."""
        before = [m for m in in_sentence if m.span[1] <= mention.span[0]]
        if (before and _TOGETHER.search(self.doc.view, before[-1].span[1], mention.span[0])
                and not _AT.search(self.doc.view, max(0, before[-1].span[0] - 40), before[-1].span[0])):
            return None
        return mention.org

    def chairs(self, sentence: Sentence, persons: PersonFindings) -> list[str]:
        # "Sở Nội vụ chủ trì, phối hợp với …" assigns a task; it chairs no meeting
        chair = [c for c in self.cues_in(sentence.start, sentence.end, "chair")
                 if not _LEADS_A_TASK.match(self.doc.view, c.end)]
        if not chair:
            return []
        people = persons.person_at(sentence.start, sentence.end)
        before = [p for p in people if p.span[1] <= chair[0].start]
        if before:
            return [p.name for p in before]
        # "Chủ trì hội nghị có …", "dưới sự chủ trì của đồng chí …": the chairs follow, up to the attendees
        opening = self.doc.text[sentence.start:chair[0].start].split()
        opens = len(opening) <= 3 and all(w.isalpha() for w in opening)    # "Chủ trì", "Tham dự và chủ trì"
        if not opens and not _OF.match(self.doc.view, chair[0].end):
            return []
        attend = self.cues_in(chair[0].end, sentence.end, "attend")
        stop = attend[0].start if attend else sentence.end
        return [p.name for p in people if p.span[1] <= stop]


def recognize_events(doc: Doc, dates: list[DateMention], organizations: list[OrgMention],
                     persons: PersonFindings, documents: DocumentFindings) -> list[EventFact]:
    reader = _Reader(doc, organizations)
    doc_spans = Covered(m.span for m in documents.mentions)
    lead = reader.lead(ByStart(d for d in dates if not doc_spans.covers(d.span[0]) and not d.founding))
    if lead is None:
        return []
    sentence, kind = lead
    when = next((d for d in dates if sentence.start <= d.span[0] < sentence.end
                 and not doc_spans.covers(d.span[0]) and not d.founding and not bounds_a_span(doc, d)), None)
    event_date = when.iso if when else None
    if when and not when.year_written:
        year = (sentence_year(doc, sentence.start, sentence.end, when, dates, doc_spans)
                or period_year(doc, sentence.start, sentence.end, when, doc_spans,
                               [(b.start, b.end) for b in doc.blocks_of(PARAGRAPH)]))
        # A date line years after the year the lead itself names is a crawl or print date, not the article's.
        if year and (event_date is None or int(event_date[:4]) - year >= _STALE_YEARS):
            event_date = f"{year:04d}-{when.month:02d}-{when.day:02d}"
    event = EventFact(kind.concept, event_date, None, spans=[(sentence.start, sentence.end)])
    # the lead's organizer; with none, the headline's or a later sentence's when they name the same event
    titled = reader.headline(kind) if sentence.block.kind != TITLE else None
    taken_up = reader.taken_up(sentence, kind)
    for where, named in [(sentence, kind)] + [found for found in (titled, taken_up) if found]:
        if organizer := reader.organizer(where, named):
            event.organizer = organizer
        elif joint := reader.joint(where, named):
            event.joint_organizers = [m.org for m in joint]
            event.joint_written = (joint[0].span[0], joint[-1].span[1])
        else:
            continue
        if (where.start, where.end) not in event.spans:
            event.spans.append((where.start, where.end))
        break
    event.reviewed = list(dict.fromkeys(m.identifier for m in documents.in_span(sentence.start, sentence.end)))
    for other in doc.sentences_of(PARAGRAPH, CAPTION):
        found = {c.concept.key for c in reader.cues_of(other.start, other.end)}
        if chairs := reader.chairs(other, persons):
            event.chairs += chairs
            if (other.start, other.end) not in event.spans:
                event.spans.append((other.start, other.end))
        people = persons.person_at(other.start, other.end)
        if "speak" in found and people:
            event.speakers += [p.name for p in people]
        if "attend" in found:
            event.participants += [m.org for m in reader.orgs.within(other.start, other.end)]
    event.chairs = _unique(event.chairs)
    event.speakers = _unique(event.speakers)
    event.participants = list(dict.fromkeys(event.participants))
    return [event]
