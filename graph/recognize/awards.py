"""Award conferrals (n-ary: award, conferrer, document or achievement, recipient kind, count) and
presentations.

Chunks first, found once per article from the vocabularies: awards with their grade ("Huân chương Lao động
hạng Ba"), recipient counts ("28 tập thể"), cue words, and the organizations, posts and persons found
earlier. Then each clause (a sentence split at ";") is read by the roles of its chunks:
    "Chủ tịch UBND tỉnh đã tặng Bằng khen 28 tập thể, 12 cá nhân …; tặng Bằng khen 14 tập thể …"
        subject, verb, award, recipients; the second clause keeps the subject
    "6 tập thể và 21 cá nhân được Ban Thường vụ Tỉnh ủy tặng Giấy khen"        the passive: recipients first
    "54 đảng viên được nhận Huy hiệu Đảng"                                       the recipient as subject
    "trao Huân chương X hạng Nhất cho 1 cá nhân; hạng Nhì cho 1 cá nhân"         one conferral per grade
    "Bằng khen của Chủ tịch UBND tỉnh", "thừa ủy quyền của Chủ tịch nước, …"     the office that confers
    "trao Huân chương Độc lập hạng Nhì cho Hội Nông dân tỉnh"                    a named recipient counts one
    "trao Huân chương … tặng tập thể, cá nhân xuất sắc"                          kinds without a count
Gates: a proposal ("đề nghị tặng"), a plan ("sẽ tặng"), a tally over years ("Trong 5 năm qua, … được tặng")
and a back-reference ("là một trong 4 đơn vị được tặng") confer nothing.
Presentation: a named person who trao / trao tặng an award ("Đồng chí X, Bí thư Tỉnh ủy trao Huân chương …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..doc import Doc
from ..facts import AwardConferral, OrgMention, OrgRef, PersonMention, Presentation, PostRef
from ..layout import CAPTION, PARAGRAPH, TITLE, Sentence
from ..spans import ByStart, Covered
from ..text import COUNT as NUMBER, parse_number
from ..vocab import Concept, Match
from .documents import DocumentFindings
from .persons import PersonFindings

_ACTIONS = ("confer", "present", "receive")
# Between a subject and its verb: auxiliaries and "ký quyết định".
_FILLER = re.compile(r"(?:\s*(?:đã|cũng|vừa|mới|đồng thời|tiếp tục|quyết định|ký|vinh dự|được|trân trọng)\b)*\s*")
# Between a subject and the document it signs ("Chủ tịch nước đã ký Quyết định số … tặng …").
_SIGNS = re.compile(r"(?:\s*(?:đã|cũng|vừa|mới))*\s*(?:ký|ban hành)\s*")
# A subject's name may run past the organization the grammar found ("Đảng ủy Khối các cơ quan tỉnh").
_NAME_TAIL = re.compile(r"(?:\s+[^\W\d_]+){0,5}")
# Recipients right after the award: "cho", "tặng" (after "trao Huân chương … của Chủ tịch nước").
# "đến thân nhân 5 mẹ": a title given after death goes to the mothers, whose relatives receive it
_MARKER = re.compile(r"\s*[”\"]?\s*(?:(?:cho|tặng|trao tặng|trao cho|đến)\s*:?\s+(?:thân nhân\s+(?:của\s+)?)?|:\s*)?"
                     r"(?:các\s+|những\s+|tổng số\s+)?")
_LATE_MARKER = re.compile(r"[^\d;.:]{0,80}?\bcho\s+(?:các\s+|những\s+)?")
_BEFORE_PASSIVE = re.compile(r"[^\d;.:]{0,60}")
_CHAIN = re.compile(r"[^\d;.:]{0,60}?(?:,|\bvà\b)\s*")
# A period before the verb makes the counts a tally, or a past year's background ("Trong 5 năm qua", "Sau 5 năm
# thực hiện", "Năm 2020, Hội … được tặng …").
_YEARS = re.compile(r"(?<!\w)(?:(?:trong|qua|sau)\s+(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+năm(?!\s*\d)"
                    r"|\d+\s+năm\s+qua|từ năm \d{4} đến nay|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}\s*,"
                    r"|(?<![\w/])(?:trong\s+)?năm\s+(?:\d{4}|qua)\s*,)")
# "Huy hiệu 70 năm, 60 năm … tuổi Đảng" is the Party membership badge of so many years.
_BADGE_YEARS = re.compile(r"huy hiệu\s+\d+\s+năm(?:\s*(?:,|;|và)\s*\d+\s+năm)*(?:\s+tuổi đảng)?")
_BADGE_SUFFIX = re.compile(r"\s+\d+\s+năm(?:\s+tuổi đảng)?")     # "Huy hiệu Đảng 30 năm"
_RECIPIENTS = re.compile(r"\s*[”\"]?\s*((?:cho|tặng|trao tặng|đến)\s+)?(?:thân nhân\s+(?:của\s+)?)?")
_PASSIVE = re.compile(r"\bđược\s+")
_JOINED_PERSON = re.compile(r"(?:\bvà|\bcùng|,)\s+(?:(?:đồng chí|ông|bà)\s+)?$")
_ITEM_SPLIT = re.compile(r"\s*(?:,|\bvà\b)\s*")
_ITEM_END = re.compile(r"\s(?:vì|do|đã|có|về|trong|nhân|nhằm|tại|thuộc)\s|[;.:(]")
_NOT_A_BODY = re.compile(r"(?:lãnh đạo|đại diện|thay mặt)\s*$")
# ";" or a full stop glued to the next sentence after a lowercase word ("đảng viên.Nhân dịp"; not "TP.HCM")
_CLAUSE_END = re.compile(r";|(?<=\w)\.(?=[^\W\d_])")
_OF = re.compile(r"\s*của\s+")
_GRANTED = re.compile(r"\s*(?:,\s*|\bvà\s+)(?:đã\s+)?được\s")
_GENITIVE = re.compile(r"\bcủa\s*$")
_QUOTED_NAME = re.compile(r"\s*[“\"][^”\"\n]{1,80}[”\"]")
# "trao danh hiệu cao quý cho …", "trao các danh hiệu cho …": the title named before
_TITLE_BY_REFERENCE = re.compile(r"\s*(?:[^\W\d_]+\s+)?danh hiệu(?:\s+(?:cao quý|cao quí|vinh dự|này|trên))?\s+"
                                 r"(?:cho|tặng|đến)\b")
_AND = re.compile(r"\s*và\s+(?:của\s+)?")
_VERB_JOIN = re.compile(r"\s*(?:,|\bvà\b|\bhoặc\b)?\s*")
_SUBJECT_OF_PASSIVE = re.compile(r"\s*(?:(?:đã|cũng|vinh dự)\s+)*được\b")
_AFTER_MARKER = re.compile(r"\bcho\s+(?:các\s+|những\s+)?$")
_NEXT_VERB = re.compile(r"(?:,|\bvà\b|\bđồng thời\b)(?:\s*(?:đã|cũng|còn))*\s*$")   # "… và tặng …": same subject
# "Trong 29 đảng viên được tặng …, có 3 đảng viên nhận …": the counts after the first detail it
_COUNT_OPENING = re.compile(rf"trong\s+(?:tổng số\s+)?(?:{NUMBER})\s")
_ACHIEVEMENT = re.compile(r"[^;.]*?(?:có\s+)?thành tích[^;]*")
_DETERMINER = re.compile(r"(?:các\s+|những\s+)?")
_LISTING = re.compile(r"\s(?:có|gồm|là)\s")
# Recipients written between the verb and the award ("tặng thưởng “Trung đoàn X” Huân chương …").
_FRONTED_MARKER = re.compile(r"\s*(?:cho\s+)?" + _DETERMINER.pattern)
_FRONTED_QUOTE = re.compile(r"[“\"][^”\"\n]{1,80}[”\"]\s*")


@dataclass(frozen=True)
class _Patterns:
    counts: re.Pattern          # "28 tập thể", "hai cá nhân"
    more: re.Pattern            # ", cá nhân" right after a count: one number for several kinds
    bare_kinds: re.Pattern      # "tập thể, cá nhân" without a number
    before_award: re.Pattern    # between the verb and the award (a colon opens a list: "khen thưởng: Cờ thi đua …")
    medals: re.Pattern          # a number of medals right before the award ("bốn Huân chương", "12 Huân chương")
    continues: re.Pattern       # a clause that names only awards continues the verb before it
    joined: re.Pattern          # between two awards that share the recipients named after the second


@lru_cache(maxsize=4)
def _patterns(vocabulary) -> _Patterns:
    """The recipient patterns of a vocabulary, compiled once."""
    recipient = vocabulary.matcher("recipient-kind").alternation
    # a number, or a numeral word not itself after a number or a word that makes it something else
    # ("trong năm tập thể …" is "during the year", "mỗi năm")
    numeral = vocabulary.matcher("numeral").alternation
    count = rf"(?:{NUMBER}|(?<!\d\s)(?<!trong\s)(?<!mỗi\s)(?<!hằng\s)(?<!hàng\s){numeral})"
    return _Patterns(
        re.compile(rf"(?<![\w.,/])({count})\s+({recipient})(?!\w)"),
        re.compile(rf"\s*(?:,|và|hoặc)\s*(?:{recipient})(?!\w)"),
        re.compile(rf"(?:{recipient})(?:\s*(?:,|và)\s*(?:các\s+|những\s+)?(?:{recipient}))*(?!\w)"),
        # a number of medals, "danh hiệu (vinh dự Nhà nước)", an opening quote
        re.compile(rf"\s*(?::\s*)?(?:{count}\s+)?(?:danh hiệu\s+)?(?:vinh dự nhà nước\s+)?[“\"]?\s*"),
        re.compile(rf"(?<![\w.,/])({count})\s+[“\"]?\s*$"),
        re.compile(rf"\s*(?:và|đồng thời)?\s*(?:{count}\s+)?"),
        re.compile(rf"\s*(?:,|;|\bvà\b|\bcùng\b)?\s*(?:{count}\s+)?[“\"]?\s*"))


def _number(vocabulary, surface: str) -> int:
    """ "12", "1.200", "06" or a numeral word ("bốn")."""
    if surface[0].isdigit():
        return int(parse_number(surface))
    return int(vocabulary.matcher("numeral").lookup(surface).prop("value"))


@dataclass
class _Award:
    kind: Concept | None        # None: a grade standing alone, of the award before it
    grade: Concept | None
    start: int
    end: int


@dataclass
class _Count:
    number: int
    kind: Concept | None        # None: one number for several kinds ("55.777 tập thể, cá nhân")
    start: int
    end: int
    joint: tuple[Concept, ...] = ()   # the kinds one number counts together ("24 tập thể và cá nhân")


@dataclass
class _Action:
    """An award verb and its roles; a later clause that names only awards continues it."""
    conferrer: OrgRef | PostRef | None
    presenter: list[PersonMention] | None
    behalf: OrgRef | PostRef | None
    cue: Match
    breakdown: int | None = None  # details conferrals reported before this position ("Trong đó, …")
    last: _Award | None = None   # the award a grade standing alone continues
    pending: list["_Read"] = field(default_factory=list)   # awards waiting for the recipients of a later one
    fronted: tuple | None = None  # recipients written between the verb and its first award


@dataclass
class _Read:
    """One award of a clause as read: its number of medals, the holder after "của", where it stands."""
    award: _Award
    medals: int | None
    named_by: OrgRef | PostRef | None
    of: bool                    # "của …" follows the award (named_by None: a holder not read)
    span: tuple[int, int]


def _clauses(doc: Doc, sentence: Sentence) -> list[tuple[int, int]]:
    """A sentence split at ";" and at a full stop glued to the next sentence ("đảng viên.Nhân dịp này")."""
    clauses, pos = [], sentence.start
    for m in _CLAUSE_END.finditer(doc.text, sentence.start, sentence.end):
        if m.group(0) == "." and not (doc.text[m.start() - 1].islower() and doc.text[m.end()].isupper()):
            continue
        clauses.append((pos, m.start()))
        pos = m.end()
        while pos < sentence.end and doc.text[pos].isspace():
            pos += 1
    clauses.append((pos, sentence.end))
    return clauses


def is_headline(doc: Doc, start: int, end: int) -> bool:
    """A title line that reads as a headline: one short sentence without a closing full stop. A lead
    paragraph scraped into the first line is body text."""
    line = doc.text[start:end].rstrip()
    return (len(line) <= 200 and not line.endswith(".")
            and not any(m.group(1).isupper() for m in re.finditer(r"[.!?]\s+(\w)", line)))


class _Awards:
    def __init__(self, doc: Doc, organizations: list[OrgMention], persons: PersonFindings,
                 documents: DocumentFindings):
        vocabulary = doc.vocabulary
        self.doc, self.persons, self.documents = doc, persons, documents
        self.orgs, self.posts = ByStart(organizations), ByStart(persons.posts)
        self.people = ByStart(persons.mentions)
        self.held = Covered(span for h in persons.holdings for span in h.spans)
        self.recipients = vocabulary.matcher("recipient-kind")
        self.grades = vocabulary.matcher("award-grade")
        self.levels = vocabulary.matcher("administrative-level")
        self.cues = ByStart([c for c in vocabulary.matcher("cue").finditer(doc.view)],
                            span=lambda c: (c.start, c.end))
        self.patterns = _patterns(vocabulary)
        self.bare_kinds = self.patterns.bare_kinds
        self.awards = self._find_awards()
        self.counts = self._find_counts()
        # the documents that confer awards: a decision, and the President's decree of 1945-1959 ("sắc lệnh số …")
        self.conferring = {vocabulary.concept("document-kind", key) for key in ("quyet-dinh", "sac-lenh")}

    # --- chunks ------------------------------------------------------------------------------------
    def _find_awards(self) -> ByStart:
        view, vocabulary = self.doc.view, self.doc.vocabulary
        found = []
        badge = vocabulary.concept("award-kind", "huy-hieu-dang")
        for m in vocabulary.matcher("award-kind").finditer(view):
            grade = self.grades.match_at(view, self._skip(m.end))
            end = grade.end if grade else m.end
            years = _BADGE_SUFFIX.match(view, end) if m.concept == badge else None
            found.append(_Award(m.concept, grade.concept if grade else None, m.start, years.end() if years else end))
        taken = Covered((a.start, a.end) for a in found)
        for m in _BADGE_YEARS.finditer(view):
            if not taken.covers(m.start()):
                found.append(_Award(badge, None, m.start(), m.end()))
        # a grade standing alone continues the award before it ("…hạng Nhất cho 1 cá nhân, hạng Nhì cho …")
        graded = Covered((a.start, a.end) for a in found)
        for m in self.grades.finditer(view):
            if not graded.covers(m.start):
                found.append(_Award(None, m.concept, m.start, m.end))
        return ByStart(found, span=lambda a: (a.start, a.end))

    def _find_counts(self) -> ByStart:
        found = []
        for m in self.patterns.counts.finditer(self.doc.view):
            kind = self.recipients.lookup(m.group(2))
            joint, end = (), m.end()
            # "55.777 tập thể, cá nhân": one number for both kinds
            more = self.patterns.more.match(self.doc.view, m.end())
            if more:
                kinds = (kind, self.recipients.lookup(self.doc.view[m.end():more.end()].lstrip(" ,").removeprefix(
                    "và").removeprefix("hoặc")))
                if {k.key for k in kinds if k} == {"collective", "individual"}:
                    joint, end = tuple(sorted(kinds, key=lambda k: k.key)), more.end()
            if kind.key not in ("collective", "individual") or more:
                kind = None
            found.append(_Count(_number(self.doc.vocabulary, m.group(1)), kind, m.start(), end, joint))
        return ByStart(found, span=lambda c: (c.start, c.end))

    def _skip(self, pos: int) -> int:
        while pos < len(self.doc.view) and self.doc.view[pos] == " ":
            pos += 1
        return pos

    def cues_in(self, start: int, end: int, *keys: str):
        return [c for c in self.cues.within(start, end) if c.concept.key in keys and c.end <= end]

    # --- holders: a body or an office ------------------------------------------------------------
    def holder_at(self, pos: int):
        """The post or organization that starts at pos, with its end."""
        post = next(iter(self.posts.at(pos)), None)
        if post:
            return post.post, post.span[1]
        org = next(iter(self.orgs.at(pos)), None)
        return (org.org, org.span[1]) if org else (None, pos)

    def of_holder(self, pos: int, end: int):
        """ "… của Ban Chấp hành Đảng bộ tỉnh", "… của Chủ tịch UBND tỉnh" right after pos."""
        m = _OF.match(self.doc.view, pos, end)
        if not m:
            return None, pos
        holder, after = self.holder_at(m.end())
        return (holder, after) if holder else (None, pos)

    def subject_before(self, pos: int, start: int):
        """The subject of the verb at pos: ("holder", a body or office), ("person", a person mention) or
        (None, None); and where the subject ends."""
        posts = [p for p in self.posts.within(start, pos) if p.span[1] <= pos]
        # "Quyết định số 412/QĐ-UBND tặng …": the code inside a document's number names no subject
        orgs = [m for m in self.orgs.within(start, pos) if m.span[1] <= pos
                and (m.span[0] == 0 or self.doc.view[m.span[0] - 1] not in "-/")]
        people = [p for p in self.people.within(start, pos) if p.span[1] <= pos]
        candidates = ([(p.span, "holder", p.post) for p in posts] + [(m.span, "holder", m.org) for m in orgs]
                      + [(p.span, "person", p) for p in people])
        if not candidates:
            return None, None, pos
        span, kind, value = max(candidates, key=lambda c: (c[0][1], c[1] == "person"))
        if people and self.in_apposition(people[-1], pos):
            return "person", people[-1], span[1]
        if not self.reaches(span[1], pos):
            # a person's posts stand between the name and the verb ("Đồng chí X, Bí thư Tỉnh ủy trao")
            if kind == "holder" and self.held.covers(span[0]):
                person = [p for p in people if p.span[1] <= span[0]]
                if person and not re.search(r"[;.]", self.doc.view[person[-1].span[1]:pos]):
                    return "person", person[-1], span[1]
            return None, None, pos
        if kind == "holder" and self.held.covers(span[0]):
            person = [p for p in people if p.span[1] <= span[0]]
            return ("person", person[-1], span[1]) if person else (None, None, pos)
        if kind == "holder" and _NOT_A_BODY.search(self.doc.view[max(start, span[0] - 14):span[0]]):
            return None, None, pos
        return kind, value, span[1]

    def office_of(self, person: PersonMention, start: int, pos: int):
        """ "Chủ tịch UBND tỉnh Nguyễn Văn A tặng …": the one office the person holds in the clause confers
        (an official who hands over, "trao", only presents)."""
        posts = {h.post for h in self.persons.holdings if h.person == person.name
                 and any(start <= s < pos for s, _ in h.spans[1:])}
        return next(iter(posts)) if len(posts) == 1 else None

    def co_presenters(self, person: PersonMention, start: int) -> list[PersonMention]:
        """ "Đồng chí A, Bí thư Tỉnh ủy và đồng chí B, Chủ tịch UBND tỉnh trao …": both present; the one
        next to the verb first."""
        found = [person]
        for other in reversed([p for p in self.people.within(start, person.span[0]) if p.span[1] <= person.span[0]]):
            gap = self.doc.view[other.span[1]:found[-1].span[0]]
            if re.search(r"[;.\d]", gap) or not _JOINED_PERSON.search(gap) or \
                    [c for c in self.cues.within(other.span[1], found[-1].span[0]) if c.concept.key != "venue"]:
                break
            found.append(other)
        return found

    def in_apposition(self, person: PersonMention, pos: int) -> bool:
        """ "Đồng chí X – Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy trao": only the person's posts stand
        between the name and the verb at pos."""
        gap = self.doc.view[person.span[1]:pos]
        if not re.match(r"\s*[,–—\-(]", gap) or len(gap) > 250 or re.search(r"[\d;.]", gap):
            return False
        # a venue word is a noun inside a name ("Hải Phòng"), no verb of its own
        return not [c for c in self.cues.within(person.span[1], pos) if c.concept.key not in ("on-behalf-of", "venue")]

    def on_behalf(self, start: int, pos: int):
        """ "Thừa ủy quyền của Chủ tịch nước, …" before pos: the office the presenter acts for."""
        for cue in reversed(self.cues_in(start, pos, "on-behalf-of")):
            holder, _ = self.of_holder(cue.end, pos)
            if holder is None:
                holder, _ = self.holder_at(self._skip(cue.end))
            if holder is not None:
                return holder
        return None

    # --- gates -----------------------------------------------------------------------------------
    def gated(self, sentence: Sentence, clause_start: int, pos: int) -> bool:
        """A proposal, a plan or a back-reference in the clause, or a tally over years before the verb."""
        view = self.doc.view
        for cue in self.cues_in(clause_start, pos, "plan"):
            if _FILLER.fullmatch(view, cue.end, pos) or self.reaches(self.holder_at(self._skip(cue.end))[1], pos):
                return True                # "sẽ tặng", "dự kiến UBND tỉnh tặng" (not "Thực hiện Kế hoạch số …")
        for cue in self.cues_in(clause_start, pos, "propose", "one-of"):
            # "theo đề nghị của Sở Nội vụ", "Tờ trình số 5": whose proposal led to the decision, not a proposal
            # "đã trình và được Chủ tịch nước quyết định tặng …": the proposal was granted
            if not (re.search(r"(?:theo|tờ)\s*$", view[max(clause_start, cue.start - 6):cue.start])
                    or _OF.match(view, cue.end) or _GRANTED.match(view, cue.end, pos)):
                return True
        periods = [c.start for c in self.cues_in(sentence.start, pos, "tally-period")]
        periods += [m.start() for m in _YEARS.finditer(view, sentence.start, pos)]
        return bool(periods) and not self.cues_in(sentence.start, pos, "occasion")

    def breakdown(self, sentence: Sentence, pos: int) -> int | None:
        """Where the sentence starts detailing what was reported before: "Trong đó có 5 đảng viên …" (the
        cue), "Trong 29 đảng viên được tặng …, có 3 …" (after the first count)."""
        cues = self.cues_in(sentence.start, pos, "breakdown", "named-recipients")
        if cues:
            return cues[0].start
        opening = _COUNT_OPENING.match(self.doc.view, sentence.start)
        if opening:
            first = next(iter(self.counts.within(opening.start(), pos)), None)
            return first.end if first else None
        return None

    # --- conferrals --------------------------------------------------------------------------------
    def sentences(self) -> list[Sentence]:
        titles = [b for b in self.doc.blocks_of(TITLE) if not is_headline(self.doc, b.start, b.end)]
        return [s for s in self.doc.sentences if s.block.kind in (PARAGRAPH, CAPTION) or s.block in titles]

    def award_after(self, cue_end: int, end: int) -> _Award | None:
        for award in self.awards.within(cue_end, end):
            if award.kind is not None and (self.patterns.before_award.fullmatch(self.doc.view, cue_end, award.start)
                                           or self.fronted_recipients(cue_end, award.start)):
                return award
            return None
        return None

    def fronted_recipients(self, cue_end: int, award_start: int):
        """The recipients between the verb and the award, as recipients_of gives them, or None: a quoted name
        ("tặng thưởng “Đội quân X” Huân chương …", one collective), counts ("tặng 5 tập thể và 7 cá nhân Bằng
        khen"), bodies or persons the grammar reads, each of them ("tặng thưởng Tỉnh ủy X Huân chương …"; "Đảng bộ
        và nhân dân huyện X", where not every item is a name read, gives none)."""
        view = self.doc.view
        pos = _FRONTED_MARKER.match(view, cue_end, award_start).end()
        if pos >= award_start:
            return None
        if _FRONTED_QUOTE.fullmatch(view, pos, award_start):
            return [(self.doc.vocabulary.concept("recipient-kind", "collective"), 1, None)], [], (pos, award_start)
        counts = [c for c in self.counts.within(pos, award_start) if c.end <= award_start]
        if counts and counts[0].start == pos and not view[counts[-1].end:award_start].strip() \
                and all(_CHAIN.fullmatch(view, a.end, b.start) for a, b in zip(counts, counts[1:])):
            groups = _grouped(counts)
            return (groups, [], (counts[0].start, counts[-1].end)) if groups else None
        named = self.named_after(pos, award_start)
        # every recipient a name the grammar read, and nothing else before the award
        if named and not view[named[2][1]:award_start].strip() and \
                len(named[1]) == sum(count for _, count, _ in named[0]):
            return named
        return None

    def read(self) -> tuple[list[AwardConferral], list[Presentation]]:
        conferrals: list[AwardConferral] = []
        presentations: list[Presentation] = []
        for sentence in self.sentences():
            action = None        # the verb whose awards a later clause continues
            carried = None       # the conferrer (and presenters) a later clause without a subject keeps
            for start, end in _clauses(self.doc, sentence):
                verbs = self.cues_in(start, end, *_ACTIONS)
                cues = [c for c in verbs if self.award_after(c.end, end)]
                stops = [c.start for c in self.cues_in(start, end, "propose", "commend")]
                giving = [v for v in verbs if v.concept.key != "receive"]
                if giving and not cues:
                    # "Ban Thường vụ tặng cờ dẫn đầu … cho …; tặng Bằng khen cho …": the body is the subject of both
                    carried = self.subject_of(sentence, start, giving[0], carried)
                if not cues:
                    first = next(iter(self.awards.within(start, end)), None)
                    if action and first and self.patterns.continues.fullmatch(self.doc.view, start, first.start):
                        self.segments(action, None, start, start, end, stops, sentence, conferrals, presentations,
                                      continued=True)
                    else:
                        action = None
                    continue
                for index, cue in enumerate(cues):
                    limit = cues[index + 1].start if index + 1 < len(cues) else end
                    # "… được nhận Huân chương Lao động các hạng": a tally over every grade, not one conferral
                    if self.gated(sentence, start, cue.start) or self.cues_in(cue.end, limit, "all-grades"):
                        action = None
                        continue
                    kind, subject, subject_end = self.subject_before(cue.start, start)
                    behalf = self.on_behalf(sentence.start, cue.start)
                    presenter = None
                    if kind == "person" and cue.concept.key == "present":
                        presenter = self.co_presenters(subject, start)
                    since = cues[index - 1].end if index else start
                    agent, passive = self.passive_agent(since, cue.start)
                    if agent is not None:
                        # "Hội Cựu chiến binh tỉnh vinh dự được Chủ tịch nước tặng …": the body before "được" receives
                        kind, subject, subject_end = self.subject_before(passive, start)
                        kind = kind if kind in ("holder", "person") else None
                    # "Hội Nông dân tỉnh được tặng …", "… đón nhận …": the subject receives
                    receives = kind is not None and (cue.concept.key == "receive" or agent is not None or re.search(
                        r"\bđược\b", self.doc.view[subject_end:cue.start]))
                    presenter = None if receives else presenter
                    if kind == "holder" and not receives:
                        conferrer = subject
                    elif kind == "person" and not receives and cue.concept.key == "confer":
                        conferrer = self.office_of(subject, start, cue.start)
                    elif kind == "person" and not receives and self.heads_state(self.office_of(subject, start,
                                                                                                  cue.start)):
                        # "Chủ tịch nước Võ Văn A trao Huân chương …": the President hands over his own order
                        conferrer = self.office_of(subject, start, cue.start)
                    elif kind is None and (_FILLER.fullmatch(self.doc.view, start, cue.start) or index and
                                           _NEXT_VERB.search(self.doc.view, since, cue.start)):
                        # "…; tặng Bằng khen 14 tập thể", "… và tặng …": the subject is elided
                        conferrer, elided = carried if carried else (None, None)
                        if cue.concept.key == "present" and elided:
                            presenter = elided
                    else:
                        conferrer = None
                    conferrer = behalf or agent or conferrer
                    if behalf is None and self.cues_in(sentence.start, cue.start, "on-behalf-of"):
                        conferrer = None     # acting for someone the text names in a way not read: unknown
                    # "Quyết định của Chủ tịch nước về việc tặng …; trao tặng …": who decided is not the subject of
                    # the next clause
                    genitive = kind == "holder" and not agent and not behalf and self.genitive(subject_end)
                    carried = (None if genitive else conferrer, presenter)
                    action = _Action(conferrer, presenter, behalf, cue, self.breakdown(sentence, cue.start))
                    first_award = self.award_after(cue.end, limit)
                    if first_award is not None:
                        action.fronted = self.fronted_recipients(cue.end, first_award.start)
                    recipient = subject if receives else None
                    self.segments(action, recipient, start, cue.end, limit, stops, sentence, conferrals, presentations,
                                  since=since)
        self.named_recipients(conferrals)
        conferrals = _deduplicated(conferrals)
        self.conferrers_as_written(conferrals)
        self.title_presentations(conferrals, presentations)
        return conferrals, presentations

    def conferrers_as_written(self, conferrals: list[AwardConferral]) -> None:
        """Where the sentence of a conferral names its conferrer: the mention of that body or office nearest
        before the recipients ("Ban Thường vụ Hội LHPN tỉnh tặng …"), the name as the article writes it."""
        for conferral in conferrals:
            sentence = self.doc.sentence_at(conferral.spans[0][0])
            if conferral.conferrer is None or sentence is None:
                continue
            limit = max(end for _, end in conferral.spans)
            if isinstance(conferral.conferrer, PostRef):
                spans = [p.span for p in self.posts.within(sentence.start, limit) if p.post == conferral.conferrer]
            else:
                spans = [m.span for m in self.orgs.within(sentence.start, limit) if m.org == conferral.conferrer]
            conferral.body_names = [max(spans, key=lambda s: s[1])] if spans else []

    def title_presentations(self, conferrals: list[AwardConferral], presentations: list[Presentation]) -> None:
        """ "Đồng chí X, Chủ tịch UBND tỉnh trao danh hiệu cao quý cho thân nhân các mẹ": the honorary title the
        article confers, when it confers one only (a title is an award named "danh hiệu …")."""
        titles = {c.award for c in conferrals if any(label.startswith("danh hiệu") for label in c.award.labels)}
        if len(titles) != 1:
            return
        title = next(iter(titles))
        for sentence in self.doc.sentences_of(PARAGRAPH, CAPTION):
            for cue in self.cues_in(sentence.start, sentence.end, "present"):
                if self.award_after(cue.end, sentence.end) or not _TITLE_BY_REFERENCE.match(self.doc.view, cue.end):
                    continue
                kind, subject, _ = self.subject_before(cue.start, sentence.start)
                if kind != "person" or any(p.presenter == subject.name and p.award == title for p in presentations):
                    continue
                kinds = {c.recipient_kind for c in conferrals if c.award == title}
                presentations.append(Presentation(
                    subject.name, title, next(iter(kinds)) if len(kinds) == 1 else None, None, None,
                    self.on_behalf(sentence.start, cue.start), (sentence.start, sentence.end)))

    def subject_of(self, sentence: Sentence, start: int, verb, carried):
        """What a clause whose verb confers no award we know of hands on to the next clause: its subject (a body
        or office that confers, or persons who present), else what it was handed."""
        if self.gated(sentence, start, verb.start):
            return None
        kind, subject, _ = self.subject_before(verb.start, start)
        behalf = self.on_behalf(sentence.start, verb.start)
        if kind == "holder" and not re.search(r"\bđược\b", self.doc.view[start:verb.start]):
            return (behalf or subject, None)
        if kind == "person" and verb.concept.key == "present":
            return (behalf, self.co_presenters(subject, start))
        if kind is None and _FILLER.fullmatch(self.doc.view, start, verb.start):
            return carried
        return None

    def genitive(self, subject_end: int) -> bool:
        """The holder that ends at subject_end follows "của" ("Quyết định của Chủ tịch nước")."""
        starts = [m.span[0] for m in list(self.posts.within(0, subject_end)) + list(self.orgs.within(0, subject_end))
                  if m.span[1] == subject_end]
        return any(_GENITIVE.search(self.doc.view, max(0, s - 8), s) for s in starts)

    def heads_state(self, office) -> bool:
        """The President of the State (Chủ tịch nước), in whose name the State's orders and titles are given."""
        return (isinstance(office, PostRef) and office.title.key == "chu-tich" and office.org.unit is None
                and office.org.body is not None and office.org.body.key == "nha-nuoc")

    def passive_agent(self, start: int, pos: int):
        """ "được Ban Thường vụ Đảng ủy Khối tặng": the body or office after "được"."""
        for m in _PASSIVE.finditer(self.doc.view, start, pos):
            holder, after = self.holder_at(m.end())
            if holder is not None and self.reaches(after, pos):
                return holder, m.start()
        return None, None

    def reaches(self, pos: int, verb: int) -> bool:
        """Only auxiliaries (and the rest of a long name) stand between pos and the verb."""
        if _FILLER.fullmatch(self.doc.view, pos, verb):
            return True
        tail = _NAME_TAIL.match(self.doc.view, pos, verb)
        if tail and _FILLER.fullmatch(self.doc.view, tail.end(), verb):
            return True
        # "Chủ tịch nước đã ký Quyết định số 412/QĐ-CTN tặng …": the subject signs the decision that confers
        for mention in self.documents.in_span(pos, verb):
            if mention.span[1] <= verb and _SIGNS.fullmatch(self.doc.view, pos, mention.span[0]) \
                    and _FILLER.fullmatch(self.doc.view, mention.span[1], verb):
                return True
        # "được Chủ tịch nước quyết định phong tặng, truy tặng …": a list of award verbs before this one
        verbs = self.cues_in(pos, verb, "confer", "present")
        if not verbs or not _FILLER.fullmatch(self.doc.view, pos, verbs[0].start):
            return False
        ends = [v.end for v in verbs]
        return all(_VERB_JOIN.fullmatch(self.doc.view, e, s) for e, s in zip(ends, [v.start for v in verbs[1:]] + [verb]))

    def segments(self, action, recipient, clause_start: int, pos: int, end: int, stops: list[int],
                 sentence: Sentence, conferrals: list, presentations: list, continued: bool = False,
                 since: int | None = None) -> None:
        """Each award after pos, up to the next award, stop word or `end`, with its recipients. Awards joined
        with no recipients of their own share those of the award after them ("bốn Huân chương … hạng Nhì và 12
        Huân chương … hạng Ba cho các gia đình"; "hạng Nhì; hai Huân chương … hạng Ba cho các cá nhân")."""
        conferrer, cue = action.conferrer, action.cue
        view = self.doc.view
        awards = [a for a in self.awards.within(pos, end)]
        floor = pos
        for index, award in enumerate(awards):
            if award.kind is None:
                if action.last is None:
                    continue
                award = _Award(action.last.kind, award.grade, award.start, award.end)
            action.last = award
            medals = self.patterns.medals.search(view, floor, award.start)
            floor = award.end
            if action.breakdown is not None and any(
                    c.award == award.kind and c.spans[1][1] <= action.breakdown for c in conferrals):
                continue
            limit = min([awards[index + 1].start if index + 1 < len(awards) else end]
                        + [s for s in stops if s > award.start])
            # "Kỷ niệm chương “Vì thế hệ trẻ” của Trung ương Đoàn": the award's own name, then whose it is
            opened = re.search(r"[“\"]\s*$", view[max(0, award.start - 3):award.start])   # "“Bà mẹ …” cho"
            quoted = None if opened else _QUOTED_NAME.match(view, award.end, limit)
            award_end = quoted.end() if quoted else award.end
            named_by, after = self.of_holder(award_end, limit)
            also = []       # "Bằng khen của Bộ trưởng Bộ Công an và Chủ tịch UBND tỉnh": each confers some
            while named_by is not None and (joined := _AND.match(view, after, limit)):
                other, other_end = self.holder_at(joined.end())
                if other is None:
                    break
                also.append(other)
                after = other_end
            verb = cue if index == 0 and not continued else None
            groups, named, recipients_span = self.recipients_of(after, limit, since or clause_start, verb, recipient)
            if verb is not None and action.fronted and not groups:
                groups, named, recipients_span = action.fronted
            # "Bằng khen của Thủ tướng Chính phủ" names the one who confers; named in a way not read: unknown
            of = named_by is not None or bool(_OF.match(view, award_end, limit))
            read = _Read(award, _number(self.doc.vocabulary, medals.group(1)) if medals else None, named_by, of,
                         (award.start if index or continued else clause_start, limit))
            if not groups:
                # awards joined up to the next one, or to the clause's end, wait for the recipients named after it
                if limit == (awards[index + 1].start if index + 1 < len(awards) else end) and \
                        self.patterns.joined.fullmatch(view, after, limit):
                    action.pending.append(read)
                else:
                    action.pending = []
                continue
            document = self.document_for(clause_start, clause_start if continued else cue.start,
                                         recipients_span[1] if recipients_span else after, limit)
            achievement = _ACHIEVEMENT.search(
                self.doc.text, recipients_span[1] if recipients_span else after, limit)
            achievement = achievement.group(0).strip(" .,") if achievement else None
            sharing, action.pending = action.pending + [read], []
            if also and not named:
                groups = [(kind, None, span) for kind, _, span in groups]   # how many each of them gave: not said
            for each in sharing:
                by = each.named_by if each.of else (read.named_by if read.of else conferrer)
                shares = [(kind, self.shared_count(count, each, sharing, named, len(groups)), span)
                          for kind, count, span in groups]
                for number, giver in enumerate([by] + (also if each.of or read.of else [])):
                    self.emit(action, each, giver, shares, named, recipients_span, document, achievement, sentence,
                              conferrals, presentations if not number else [],
                              first=each is sharing[0] and not index and not continued)

    @staticmethod
    def shared_count(count: int | None, award: "_Read", sharing: list, named: list, kinds: int) -> int | None:
        """The count of one award among awards that share their recipients: its own number of medals when the
        recipients are of one kind; a number of recipients (not named ones) shared by several awards is a
        total over them, no one award's."""
        if award.medals is not None and kinds == 1 and (count is None or len(sharing) > 1):
            return award.medals
        return count if len(sharing) == 1 or named else None

    def emit(self, action, read: "_Read", by, groups, named, recipients_span, document, achievement,
             sentence: Sentence, conferrals: list, presentations: list, first: bool) -> None:
        award = read.award
        only = award.kind.prop("conferredOn")
        groups = [g for g in groups if only is None or g[0].iri == only]
        for kind, count, span in groups:
            conferrals.append(AwardConferral(
                award.kind, by, kind, count, document=document, achievement=achievement,
                grade=award.grade, named=list(named),
                spans=[read.span, span or recipients_span or (award.start, award.end)]))
        kinds = {k for k, _, _ in groups}
        for number, person in enumerate(action.presenter or []):
            # one node per presenter and award: the first is read from the sentence, the others from
            # where they differ
            if number:
                span = (person.span[0], award.end)
            elif not first or read.span[0] != sentence.start:
                span = read.span         # a later clause's presentation
            else:
                span = (sentence.start, sentence.end)
            presentations.append(Presentation(
                person.name, award.kind, next(iter(kinds)) if len(kinds) == 1 else None, document,
                read.named_by or action.behalf, action.behalf, span, grade=award.grade))

    def recipients_of(self, pos: int, end: int, clause_start: int, cue, subject):
        """[(kind, count or None, span of that kind's counts or None)], named recipients, the span read."""
        view = self.doc.view
        counts = self.counts.within(pos, end)
        first = counts[0] if counts else None
        if first and (_MARKER.fullmatch(view, pos, first.start) or _LATE_MARKER.fullmatch(view, pos, first.start)):
            chain = [first]
            for count in counts[1:]:
                # "…, 40 tập thể được tặng Giấy khen": the subject of the next verb
                if not _CHAIN.fullmatch(view, chain[-1].end, count.start) or _SUBJECT_OF_PASSIVE.match(view, count.end):
                    break
                chain.append(count)
            return _grouped(chain), [], (chain[0].start, chain[-1].end)
        if cue is not None:
            chain = self.counts_before(clause_start, cue)
            if chain:
                return _grouped(chain), [], (chain[0].start, chain[-1].end)
        if subject is not None:
            # the subject receives: a body is one collective; a person, or an office, one individual
            kind = "collective" if isinstance(subject, OrgRef) else "individual"
            named = [subject] if isinstance(subject, PersonMention) else []
            return ([(self.doc.vocabulary.concept("recipient-kind", kind), 1, None)], named,
                    (clause_start, cue.start if cue else pos))
        if pos > end:           # the award runs to the clause's end: no recipient is written after it
            return [], [], None
        marker = _RECIPIENTS.match(view, pos, end)
        named = self.named_after(marker.end(), end) if marker.group(1) else None
        if named:
            return named
        bare = _DETERMINER.match(view, marker.end(), end)
        kinds = self.bare_kinds.match(view, bare.end(), end)
        return self._kinds(kinds.start(), kinds.end()) if kinds else ([], [], None)

    def _kinds(self, start: int, end: int):
        found = list(dict.fromkeys(m.concept for m in self.recipients.finditer(self.doc.view, start, end)))
        found = [k for k in found if k.key in ("collective", "individual")]
        return [(k, None, None) for k in found], [], (start, end)

    def counts_before(self, start: int, cue) -> list[_Count]:
        """The recipients before their verb: "8 tập thể và 1 cá nhân được Ban Thường vụ tặng …",
        "54 đảng viên được nhận …", "8 tập thể vinh dự nhận …"."""
        view, pos = self.doc.view, cue.start
        counts = [c for c in self.counts.within(start, pos) if c.end <= pos]
        if not counts:
            return []
        last = counts[-1]
        gap = view[last.end:pos]
        passive = re.search(r"\bđược\b", gap)
        if passive:
            if not _BEFORE_PASSIVE.fullmatch(gap, 0, passive.start()) or re.search(r"[\d;]", gap):
                return []
        elif cue.concept.key != "receive" or not _FILLER.fullmatch(gap):
            return []
        chain = [last]
        for count in reversed(counts[:-1]):
            # "tặng Bằng khen cho 5 tập thể, 40 tập thể được …": the 5 are the earlier verb's
            if not _CHAIN.fullmatch(view, count.end, chain[0].start) or _AFTER_MARKER.search(view, start, count.start):
                break
            chain.insert(0, count)
        return chain

    def named_after(self, pos: int, end: int):
        """ "cho Hội Nông dân tỉnh X", "cho ông A và bà B": each named body one collective, each person one
        individual; a lowercase item continues the name before it ("Đảng bộ, chính quyền và nhân dân tỉnh X")."""
        text, view = self.doc.text, self.doc.view
        stop = _ITEM_END.search(view, pos, end)
        phrase_end = stop.start() if stop else end
        if pos >= phrase_end or re.search(r"\d", view[pos:phrase_end]):
            return None
        address = self.doc.vocabulary.matcher("form-of-address")
        collective = individual = 0
        named: list = []
        names = Covered([m.span for m in self.orgs.within(pos, phrase_end)]
                        + [p.span for p in self.people.within(pos, phrase_end)])
        item_start = pos
        items = []
        for m in _ITEM_SPLIT.finditer(view, pos, phrase_end):
            if names.covers(m.start()):
                continue                       # "Sở Giáo dục và Đào tạo" is one name
            items.append((item_start, m.start()))
            item_start = m.end()
        items.append((item_start, phrase_end))
        for index, (s, e) in enumerate(items):
            if s >= e:
                continue
            people = [p for p in self.people.within(s, e) if p.span[1] <= e]
            form = address.match_at(view, s, e)
            if people:
                individual += 1
                named.append(people[0])
            elif self.posts.at(s):
                continue                       # a post in apposition to the person before it
            elif (text[s].isupper() and not form) or self.named_place(s, e):
                if index == 0 or collective or individual:
                    collective += 1
                    named += [m for m in self.orgs.within(s, e)][:1]
            elif index == 0:
                return None                    # "cho các đảng viên": no name
        groups = []
        if collective:
            groups.append((self.doc.vocabulary.concept("recipient-kind", "collective"), collective, None))
        if individual:
            groups.append((self.doc.vocabulary.concept("recipient-kind", "individual"), individual, None))
        return (groups, named, (pos, phrase_end)) if groups else None

    def named_place(self, start: int, end: int) -> bool:
        """ "tỉnh Hà Giang", "xã Tân Hội": a place named by its level, a collective recipient."""
        level = self.levels.match_at(self.doc.view, start, end)
        return bool(level) and self.doc.text[self._skip(level.end):self._skip(level.end) + 1].isupper()

    def document_for(self, clause_start: int, cue_start: int, pos: int, end: int) -> str | None:
        """The document rewarded (after the recipients), else the decision or decree that confers ("Quyết định
        số … về việc tặng", "ký sắc lệnh số … tặng thưởng")."""
        after = self.documents.in_span(pos, end)
        if after:
            return after[0].identifier
        for mention in reversed(self.documents.in_span(clause_start, cue_start)):
            fact = self.documents.by_identifier(mention.identifier)
            if fact is not None and fact.kind in self.conferring:
                return mention.identifier
        return None

    def named_recipients(self, conferrals: list[AwardConferral]) -> None:
        """ "Trong số các tập thể được khen thưởng có A, B…; các cá nhân tiêu biểu có ông X (huyện Y)…" """
        if not conferrals:
            return
        for sentence in self.doc.sentences_of(PARAGRAPH):
            start, end = sentence.start, sentence.end
            if self.cues_in(start, end, *_ACTIONS) and self.counts.within(start, end):
                continue
            for start, end in _clauses(self.doc, sentence):
                first = self.recipients.pattern.search(self.doc.view, start, end)
                kind = self.recipients.match_at(self.doc.view, first.start() if first else end, end)
                listing = _LISTING.search(self.doc.view, kind.end if kind else start, end)
                if kind is None or listing is None:
                    continue
                earlier = [c for c in conferrals if c.recipient_kind == kind.concept and c.spans[0][0] < start]
                if not earlier:
                    continue
                target = earlier[-1]
                if kind.concept.key == "collective":
                    found = self.orgs.within(listing.end(), end)
                else:
                    found = self.people.within(listing.end(), end)
                if target.count is None or len(target.named) + len(found) <= target.count:
                    target.named += found


def _grouped(chain: list[_Count]) -> list[tuple[Concept, int, tuple[int, int]]]:
    """Counts of one kind in one list add up ("4 học sinh đoạt giải Nhì và 10 học sinh đoạt giải Ba"), read
    from the span of that kind's counts; one number for collectives and individuals together ("24 tập thể và cá
    nhân") is a conferral to each kind, how many of each unknown; other counts of several kinds at once leave
    the conferral unread."""
    if len(chain) == 1 and chain[0].joint:
        return [(kind, None, (chain[0].start, chain[0].end)) for kind in chain[0].joint]
    if any(c.kind is None for c in chain):
        return []
    totals: dict[Concept, list] = {}
    for count in chain:
        total = totals.setdefault(count.kind, [0, count.start, count.end])
        total[0] += count.number
        total[2] = count.end
    return [(kind, number, (start, end)) for kind, (number, start, end) in totals.items()]


def _deduplicated(conferrals: list[AwardConferral]) -> list[AwardConferral]:
    """A conferral told twice (a repeated lead, a caption without its conferrer) is one; one whose count is
    unknown gives way to one of the same award and kind whose count is known; an order named without its grade
    while the article lists it by grade is the lead's summary of those ("trao Huân chương … tặng 4 cá nhân")."""
    def key(c: AwardConferral):
        names = tuple(getattr(n, "name", None) or repr(getattr(n, "org", n)) for n in c.named)
        return (c.award, c.grade, c.document, c.recipient_kind, c.count, names)
    kept: dict = {}
    for conferral in conferrals:
        kept.setdefault((key(conferral), conferral.achievement, conferral.conferrer), conferral)
    # told again without its conferrer or its achievement (a caption), it is the same conferral
    known = {k for k, _, conferrer in kept if conferrer is not None}
    achieved = {(k, conferrer) for k, achievement, conferrer in kept if achievement is not None}
    result = [c for (k, achievement, conferrer), c in kept.items()
              if (conferrer is not None or k not in known)
              and (achievement is not None or (k, conferrer) not in achieved)]
    counted: dict = {}
    for c in result:
        if c.count is not None:
            counted.setdefault((c.award, c.recipient_kind), set()).add(c.conferrer)
    graded = {(c.award, c.recipient_kind) for c in result if c.grade is not None}
    # "Huy hiệu Đảng cho 1.797 đảng viên … có 52 đồng chí được trao Huy hiệu 70 năm tuổi Đảng, …": an award told
    # beside its narrower classes is the summary of those; who confers it confers them, when they do not say
    classed = {(c.award.prop("broader"), c.recipient_kind) for c in result if c.award.prop("broader")}
    summaries = [c for c in result if (c.award.iri, c.recipient_kind) in classed]
    for c in result:
        givers = {s.conferrer for s in summaries if s.award.iri == c.award.prop("broader")
                  and s.recipient_kind == c.recipient_kind and s.spans[0][0] < c.spans[0][0]}
        if c.conferrer is None and len(givers) == 1:
            c.conferrer = next(iter(givers))
    result = [c for c in result if c not in summaries]

    def told_with_count(c: AwardConferral) -> bool:
        """Another conferral of this award and kind gives the count; not one another body confers."""
        conferrers = counted.get((c.award, c.recipient_kind), set())
        return bool(conferrers) and (c.conferrer is None or None in conferrers or c.conferrer in conferrers)
    return [c for c in result if (c.count is not None or not told_with_count(c))
            and (c.grade is not None or (c.award, c.recipient_kind) not in graded)]


def recognize_awards(doc: Doc, organizations: list[OrgMention], persons: PersonFindings,
                     documents: DocumentFindings) -> tuple[list[AwardConferral], list[Presentation]]:
    return _Awards(doc, organizations, persons, documents).read()
