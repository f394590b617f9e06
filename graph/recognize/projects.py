"""Projects: programmes of work set up by a document, and investment projects.

    Tỉnh ủy tiến hành hội nghị tổng kết … Đề án số 06-ĐA/TU …      a programme established by 06-ĐA/TU; its owner is
                                                                  the document's issuer, its period the document's
    Thường trực Tỉnh ủy giao Ban Tuyên giáo Tỉnh ủy [chủ trì,] phối hợp với Sở Tư pháp …
                                                                  lead body, co-operating body
    UBND huyện tổ chức lễ khởi công dự án kè bờ sông Ô Lâu đoạn qua xã Hải Phong
                                                                  an investment project: stage, date, place
    Dự án do Ban Quản lý … làm chủ đầu tư, tổng mức đầu tư 85 tỷ đồng   investor, total investment

A programme is a document of a kind that sets one up (vnkg:establishesProjectKind in vocab/document-kinds.ttl)
that an event of the article reviews. The bodies that carry it out and the figures reported on it are read in
the paragraphs about it: the programmes a paragraph names outside the event's lead, else those of the previous
paragraph (a paragraph that names another document, or the lead, ends that). Only a body assigned the work
("giao X", "X chủ trì thực hiện", "do X chủ trì, phối hợp …") leads: "chủ trì hội nghị" chairs an event, and a
speech's "giao" ("Phát biểu chỉ đạo, … giao Ban Tuyên giáo tham mưu …") or a proposed one is work still to come.
An investment project is "dự án" and a name with a proper noun in it ("dự án kè bờ sông Ô Lâu"; not "các dự án",
"dự án đầu tư công"); a bare "Dự án" or "dự án này" refers back to the only one. Its investor, total investment,
place and stages are read only in sentences that name that one project; a stage planned ("dự kiến hoàn thành")
is no stage, and its date is the sentence's only date. What the text does not settle is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc
from ..facts import EventFact, OrgMention, PlaceRef, ProjectFact, ProjectStage, Statistic
from ..layout import CHROME, PARAGRAPH, SLUG
from ..spans import Covered
from ..text import match_key
from ..vocab import Concept, Match, Matcher, Vocabulary
from .dates import DateMention
from .documents import DocumentFindings
from .organizations import OrganizationGrammar
from .statistics import _names_another_document

# An investment project's name runs to a clause mark or a word that opens what is said of it.
_NAME_END = re.compile(r"[,;:.!?()“”\"]|\s(?:do|có|với|được|đã|đang|sẽ|là|nhằm|để|này|vừa|chính thức|từ|trị giá|"
                       r"tổng|thì|mà|và|cho|của|theo|tại|trên địa bàn|thuộc|khi|nên|nhưng|hiện|gồm|ngày|năm|vào|"
                       r"trong|sau|trước|đến|qua các)(?!\w)")
_GENERIC_BEFORE = re.compile(r"(?<!\w)(?:các|những|nhiều|một số|mọi|từng|công trình,)\s+$")
_BACK_REFERENCE = re.compile(r"\s+này(?!\w)")
_ADVERBS = r"(?:(?:đã|được|vừa|mới|chính thức|cũng|tổ chức|đã được|lễ)\s+)*"
_STAGE_AFTER_NAME = re.compile(rf"[\s,]*{_ADVERBS}$")      # "Dự án kè … đã được khởi công"
_STAGE_BEFORE_NAME = re.compile(r"\s*$")                   # "khởi công dự án …"
_CLAUSE_OPEN = re.compile(rf",\s*{_ADVERBS}$")             # "…, khởi công ngày 15/3/2024"
_INVESTOR_BEFORE = re.compile(r"\s+(?:là\s+|làm\s+)?$")     # "UBND huyện Hải Lăng làm chủ đầu tư"
_INVESTOR_AFTER = re.compile(r"\s*(?:là|:)?\s*")           # "chủ đầu tư là UBND huyện …"
_FIGURE_AFTER = re.compile(r"[\s:]*(?:(?:là|của dự án|dự án|được duyệt|được phê duyệt)\s+)*$")
_MONEY = re.compile(r"đồng|usd", re.IGNORECASE)
_ASSIGNED_BEFORE = re.compile(r"(?<!\w)(?:bàn|chuyển|trao|được)\s+$")   # "bàn giao", "được giao": not an assignment
_AS_INVESTOR = re.compile(r"\s+làm\s+chủ\s+đầu\s+tư")
_LEAD_AFTER = re.compile(r"\s*,?\s*chủ\s+trì(?!\w)")
_LIST = re.compile(r"\s*(?:,|và)\s*")
_COMMA = re.compile(r"[\s,]*")


@dataclass(frozen=True)
class _Words:
    cues: Matcher
    stages: Matcher
    kinds: Matcher
    levels: Matcher
    investment: Concept
    general_cues: Matcher       # the cue scheme of events ("phát biểu")


@lru_cache(maxsize=4)
def _words(vocabulary: Vocabulary) -> _Words:
    return _Words(vocabulary.matcher("project-cue"), vocabulary.matcher("project-stage"),
                  vocabulary.matcher("project-kind"), vocabulary.matcher("administrative-level"),
                  vocabulary.concept("project-kind", "investment"), vocabulary.matcher("cue"))


def recognize_projects(doc: Doc, documents: DocumentFindings, events: list[EventFact],
                       organizations: list[OrgMention], dates: list[DateMention],
                       statistics: list[Statistic], province: Concept | None) -> list[ProjectFact]:
    words = _words(doc.vocabulary)
    orgs = _Orgs(organizations)
    programmes = _programmes(doc, documents, events)
    _read_paragraphs(doc, documents, events, programmes, orgs, statistics, words)
    investments = _investments(doc, orgs, dates, statistics, words, province)
    return programmes + investments


class _Orgs:
    def __init__(self, organizations: list[OrgMention]):
        self.at = {m.span[0]: m for m in organizations}
        self.ending = {m.span[1]: m for m in organizations}


# --- programmes of work ---------------------------------------------------------------------------------

def _programmes(doc: Doc, documents: DocumentFindings, events: list[EventFact]) -> list[ProjectFact]:
    found = []
    for identifier in dict.fromkeys(i for event in events for i in event.reviewed):
        document = documents.by_identifier(identifier)
        kind = document and document.kind.prop("establishesProjectKind")
        if not kind:
            continue
        found.append(ProjectFact(doc.vocabulary.by_iri[kind], None, document=identifier, owner=document.issuer,
                                 period=document.period, spans=list(document.spans)))
    return found


def _read_paragraphs(doc: Doc, documents: DocumentFindings, events: list[EventFact], programmes: list[ProjectFact],
                     orgs: _Orgs, statistics: list[Statistic], words: _Words) -> None:
    """The programmes each paragraph is about; in it, the bodies assigned the work, and, when it reports on
    several programmes together, the figures that the statistics recognizer could give to no one document."""
    by_document = {p.document: p for p in programmes}
    if not by_document:
        return
    lead_spans = [span for event in events for span in event.spans[:1]]
    current: list[ProjectFact] = []
    for block in doc.blocks_of(PARAGRAPH):
        named = {m.identifier for m in documents.in_span(block.start, block.end)
                 if not any(a <= m.span[0] < b for a, b in lead_spans)}
        in_lead = any(block.start <= a < block.end for a, _ in lead_spans)
        if named:
            current = [by_document[i] for i in sorted(named)] if named <= by_document.keys() else []
        elif in_lead or _names_another_document(doc, documents, block):
            current = []
        if not current:
            continue
        # "Phát biểu chỉ đạo, … đồng chí giao Ban Tuyên giáo …": a speech assigns the work still to come
        speech = any(m.concept.key == "speak" for m in words.general_cues.finditer(doc.view, block.start,
                                                                                    min(block.end, block.start + 40)))
        for sentence in (s for s in doc.sentences if block.start <= s.start < block.end and not speech):
            leads, cooperating = _assignments(doc, sentence.start, sentence.end, orgs, words)
            for project in current:
                project.leads += [o for o in leads if o not in project.leads]
                project.cooperating += [o for o in cooperating if o not in project.cooperating]
        if len(current) > 1:
            for statistic in statistics:
                if statistic.document is None and block.start <= statistic.span[0] < block.end:
                    for project in current:
                        project.reported.append(statistic.span)


def _assignments(doc: Doc, start: int, end: int, orgs: _Orgs, words: _Words):
    """ "giao X [chủ trì,] phối hợp với Y, Z", "do X chủ trì, phối hợp với Y", "X chủ trì thực hiện": X leads,
    Y and Z co-operate."""
    view = doc.view
    leads, cooperating = [], []
    for cue in words.cues.finditer(view, start, end):
        lead = None
        if cue.concept.key == "assign" and not _ASSIGNED_BEFORE.search(view, max(start, cue.start - 8), cue.start) \
                and not _planned(view, start, cue.start, words):      # "đề nghị giao …", "sẽ giao …"
            lead = orgs.at.get(_skip(view, cue.end))
            if lead and _AS_INVESTOR.match(view, lead.span[1]):
                lead = None                      # "giao UBND huyện làm chủ đầu tư": an investor
        elif cue.concept.key == "lead":
            before = orgs.ending.get(len(view[:cue.start].rstrip()))
            after = words.cues.match_at(view, _skip_comma(view, cue.end), end)
            # "chủ trì hội nghị" chairs an event; "chủ trì, phối hợp", "chủ trì thực hiện" lead the work
            if before and after and after.concept.key in ("cooperate", "carry-out") \
                    and not _planned(view, start, before.span[0], words):
                lead = before
        if lead is None or lead.org in leads:     # "giao X chủ trì": one lead, read from both cues
            continue
        leads.append(lead.org)
        pos = lead.span[1]
        chair = _LEAD_AFTER.match(view, pos, end)
        pos = _skip_comma(view, chair.end() if chair else pos)
        together = words.cues.match_at(view, pos, end)
        if together and together.concept.key == "cooperate":
            other = orgs.at.get(_skip(view, together.end))
            while other:
                if other.org not in cooperating:
                    cooperating.append(other.org)
                joint = _LIST.match(view, other.span[1], end)
                other = orgs.at.get(joint.end()) if joint else None
    return leads, cooperating


def _skip(view: str, pos: int) -> int:
    while pos < len(view) and view[pos] == " ":
        pos += 1
    return pos


def _skip_comma(view: str, pos: int) -> int:
    return _COMMA.match(view, pos).end()


# --- investment projects --------------------------------------------------------------------------------

@dataclass
class _Named:
    project: ProjectFact
    span: tuple[int, int]           # "dự án kè …" or the bare "Dự án" that refers back


def _investments(doc: Doc, orgs: _Orgs, dates: list[DateMention], statistics: list[Statistic],
                 words: _Words, province: Concept | None) -> list[ProjectFact]:
    view, text = doc.view, doc.text
    skip = Covered((b.start, b.end) for b in doc.blocks if b.kind in (SLUG, CHROME))
    sentences = [s for s in doc.sentences if not skip.covers(s.start)]
    full: list[tuple[str, tuple[int, int], int]] = []       # (name, span of the mention, sentence index)
    bare: list[tuple[tuple[int, int], int]] = []
    for index, sentence in enumerate(sentences):
        for m in words.kinds.finditer(view, sentence.start, sentence.end):
            if m.concept != words.investment or _GENERIC_BEFORE.search(view, max(0, m.start - 16), m.start):
                continue
            stop = _NAME_END.search(view, m.end, sentence.end)
            name_end = len(view[:stop.start() if stop else sentence.end].rstrip())
            name = text[m.end:name_end].strip()
            if 2 <= len(name.split()) <= 20 and any(w[0].isupper() for w in name.split()[1:]):
                full.append((name, (m.start, name_end), index))
            elif not name and (text[m.start].isupper() or _BACK_REFERENCE.match(view, m.end)):
                bare.append(((m.start, m.end), index))
    if not full:
        return []
    # One project per name; a shorter name that opens a longer one ("dự án kè bờ sông Ô Lâu" in the headline,
    # "… đoạn qua xã Hải Phong" in the text) is the same project.
    projects: dict[str, ProjectFact] = {}
    names = sorted({match_key(name) for name, _, _ in full}, key=len, reverse=True)
    canonical = {key: next(longer for longer in names if longer == key or longer.startswith(key + " "))
                 for key in names}
    named: list[tuple[_Named, int]] = []
    for name, span, index in sorted(full, key=lambda item: -len(item[0])):
        key = canonical[match_key(name)]
        project = projects.get(key)
        if project is None:
            project = projects[key] = ProjectFact(words.investment, name)
        project.spans.append(span)
        named.append((_Named(project, span), index))
    if len(projects) == 1:
        only = next(iter(projects.values()))
        for span, index in bare:
            only.spans.append(span)
            named.append((_Named(only, span), index))
    by_sentence: dict[int, list[_Named]] = {}
    for mention, index in named:
        by_sentence.setdefault(index, []).append(mention)
    grammar = OrganizationGrammar(doc, province)
    for index, mentions in sorted(by_sentence.items()):
        if len({id(m.project) for m in mentions}) != 1:
            continue                          # two projects in one sentence: whose facts are whose is unsaid
        sentence = sentences[index]
        project = mentions[0].project
        _investor(view, sentence, project, orgs, words)
        _total_investment(view, sentence, project, statistics, words)
        _stages(view, sentence, mentions, project, dates, words)
        if project.place is None:
            project.place = _place(doc, grammar, sentence, mentions, words)
    for project in projects.values():
        project.spans.sort()
    return sorted(projects.values(), key=lambda p: p.spans[0])


def _investor(view: str, sentence, project: ProjectFact, orgs: _Orgs, words: _Words) -> None:
    for cue in words.cues.finditer(view, sentence.start, sentence.end):
        if cue.concept.key != "investor" or project.investor is not None:
            continue
        lead_in = _INVESTOR_BEFORE.search(view, max(sentence.start, cue.start - 8), cue.start)
        before = orgs.ending.get(lead_in.start()) if lead_in else None
        after = orgs.at.get(_INVESTOR_AFTER.match(view, cue.end).end())
        found = before or after
        if found:
            project.investor = found.org


def _total_investment(view: str, sentence, project: ProjectFact, statistics: list[Statistic],
                      words: _Words) -> None:
    for cue in words.cues.finditer(view, sentence.start, sentence.end):
        if cue.concept.key != "total-investment" or project.total_investment is not None:
            continue
        figure = next((s for s in statistics if cue.end <= s.span[0] < sentence.end
                       and _FIGURE_AFTER.fullmatch(view, cue.end, s.span[0]) and _MONEY.search(s.unit)), None)
        if figure:
            project.total_investment = figure.span


def _stages(view: str, sentence, mentions: list[_Named], project: ProjectFact, dates: list[DateMention],
            words: _Words) -> None:
    for cue in words.stages.finditer(view, sentence.start, sentence.end):
        tied = any(
            (m.span[1] <= cue.start and _STAGE_AFTER_NAME.fullmatch(view, m.span[1], cue.start))
            or (cue.end <= m.span[0] and _STAGE_BEFORE_NAME.fullmatch(view, cue.end, m.span[0]))
            or (m.span[1] <= cue.start and _CLAUSE_OPEN.search(view, m.span[1], cue.start))
            for m in mentions)
        if not tied or _planned(view, sentence.start, cue.start, words):
            continue
        in_sentence = [d for d in dates if sentence.start <= d.span[0] < sentence.end and d.iso and not d.founding]
        date = in_sentence[0].iso if len(in_sentence) == 1 else None
        known = next((s for s in project.stages if s.stage == cue.concept), None)
        if known is None:
            project.stages.append(ProjectStage(cue.concept, date, (cue.start, cue.end)))
        elif known.date is None and date:     # the headline's "Khởi công …", dated in the text
            known.date, known.span = date, (cue.start, cue.end)


def _planned(view: str, start: int, pos: int, words: _Words) -> bool:
    """ "dự kiến hoàn thành", "sẽ khởi công", "phấn đấu … hoàn thành": within the words right before the cue."""
    clause = max(start, view.rfind(",", start, pos) + 1, pos - 30)
    return any(m.concept.key == "planned" for m in words.cues.finditer(view, clause, pos))


def _place(doc: Doc, grammar: OrganizationGrammar, sentence, mentions: list[_Named], words: _Words) -> PlaceRef | None:
    """A place in the project's name ("… đoạn qua xã Hải Phong"), else right after a location word that follows
    the name ("dự án … tại xã Hải Phong")."""
    view = doc.view
    for mention in mentions:
        for level in words.levels.finditer(view, mention.span[0], mention.span[1]):
            place = _place_at(grammar, level)
            if place:
                return place
        cue = words.cues.match_at(view, _skip(view, mention.span[1]), sentence.end)
        if cue and cue.concept.key == "location":
            level = words.levels.match_at(view, _skip(view, cue.end), sentence.end)
            place = _place_at(grammar, level) if level else None
            if place:
                return place
    return None


def _place_at(grammar: OrganizationGrammar, level: Match) -> PlaceRef | None:
    name, province, _ = grammar.place_name(level.end, level.concept)
    if province is not None:
        return PlaceRef(None, None, province)
    if name:
        return PlaceRef(level.concept, name, grammar.province)
    return None
