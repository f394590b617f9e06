"""Persons, post titles, posts and who holds them.

Word orders the genre uses:
    "đồng chí Triệu Đình Lê, Phó Bí thư Thường trực Tỉnh ủy"          name, then posts (apposition)
    "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy"            several posts in one apposition
    "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nông Quang Khải"          posts, then name
    "Chủ trì hội nghị có các đồng chí: A, post; B, post, post."        a colon list
    "Đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị…"                 the post alone: a back-reference
    "ông Lò Văn Sinh - Giám đốc Sở Y tế - cho biết"                   a dash (or a bracket) instead of the comma
    "A, Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ; Trưởng Ban …."  the last post of a list after a semicolon
Posts in one apposition are separated by commas or "và". A post is held only in apposition to a name: a title
elsewhere in the sentence ("có đồng chí A và lãnh đạo UBND tỉnh") is no holding.
A name is a run of two to five capitalised words that opens with a family name (surname scheme) or
follows a form of address ("đồng chí", "ông", "bà"); the form of address is not part of the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from ..doc import Doc
from ..facts import Holding, OrgMention, OrgRef, PersonMention, PostMention, PostRef
from ..layout import CAPTION, PARAGRAPH, TITLE
from ..spans import ByStart, Covered
from ..vocab import Match, Vocabulary

_WORD = re.compile(r"\w+")
_ABBREVIATION = re.compile(r"[A-ZĐƯ]{2,5}|ThS|CN|BS|KS")
# between two posts of one apposition: ", " or " và " (a former post, "nguyên …", stays in the apposition)
_APPOSITION = re.compile(r"\s*,\s*(?:nguyên\s+)?|\s+và\s+(?:nguyên\s+)?")
# "nguyên Chủ tịch UBND tỉnh": a post held before, not now
_FORMER = re.compile(r"(?:^|\s)nguyên(?:\s+là)?\s*$")
# between posts and the name they precede: a space, or "(cũ)" after a province merged away
_BEFORE_NAME = re.compile(r"\s*(?:\(cũ\)\s*)?")
# between a name and the posts that follow it: a comma, a colon, a dash or an opening bracket
_AFTER_NAME = re.compile(r"\s*[,:(]\s*|\s*[-–—]\s*")
# a post chain after "; " that is the last item of its sentence continues the previous holder's chain
_CONTINUATION = re.compile(r"\s*;\s*")
_SENTENCE_END = re.compile(r"\s*(?:[.!?…]|$)")
# between two bodies of one joint name: "Đoàn đại biểu Quốc hội-Hội đồng nhân dân tỉnh", "… và Hội đồng nhân dân …"
_JOINED = re.compile(r"\s*[-–]\s*|\s+và\s+")


@dataclass
class PersonFindings:
    mentions: list[PersonMention] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    _index: ByStart | None = field(default=None, repr=False)

    def person_at(self, start: int, end: int) -> list[PersonMention]:
        if self._index is None or len(self._index.items) != len(self.mentions):
            self._index = ByStart(self.mentions)
        return [m for m in self._index.within(start, end) if m.span[1] <= end]


_AFTER_A_NAME = re.compile(r"(?:^|\s)[A-ZĐ]\w*\s*,\s*$")


def find_titles(doc: Doc) -> list[Match]:
    """Post titles written with a capital ("bí thư, trưởng ban … các huyện ủy" are generic roles), or in lowercase
    in apposition right after a capitalised word ("Ông Lê Văn A, chủ tịch UBND tỉnh")."""
    return [m for m in doc.vocabulary.matcher("post-title").finditer(doc.view)
            if doc.text[m.start].isupper() or _AFTER_A_NAME.search(doc.text[max(0, m.start - 16):m.start])]


_IMPLIED: "WeakKeyDictionary[Vocabulary, dict[str, OrgRef]]" = WeakKeyDictionary()


def _implied_bodies(vocabulary: Vocabulary) -> dict[str, OrgRef]:
    """Titles held in one national body only (skos:related in the post-title scheme): "Tổng Bí thư", "Thủ tướng"."""
    if vocabulary not in _IMPLIED:
        national = vocabulary.concept("administrative-level", "quoc-gia")
        implied = {}
        for title in vocabulary.concepts("post-title"):
            body = title.prop("related")
            if body in vocabulary.by_iri:
                implied[title.iri] = OrgRef(vocabulary.by_iri[body], None, national, None, None)
        _IMPLIED[vocabulary] = implied
    return _IMPLIED[vocabulary]


def recognize_posts(doc: Doc, titles: list[Match], organizations: list[OrgMention]) -> list[PostMention]:
    by_start = {m.span[0]: m for m in organizations}
    implied = _implied_bodies(doc.vocabulary)
    posts = []
    inside = Covered([(m.span[0] + 1, m.span[1]) for m in organizations])
    for title in titles:
        if inside.covers(title.start):
            continue      # "Chủ tịch nước" in "Văn phòng Chủ tịch nước" is a name's part, not a post
        after = title.end
        while after < len(doc.text) and doc.view[after] == " ":
            after += 1
        shared = doc.text.rfind(" ", title.start, title.end) + 1   # "Trưởng Ban" + "Ban Tuyên giáo…"
        org = by_start.get(after) or by_start.get(shared)
        inner = by_start.get(title.start)     # "Tỉnh ủy viên": the title names its body
        if org is None and inner and inner.span[1] < title.end:
            org = inner
        if org:
            posts.append(PostMention(PostRef(title.concept, org.org), (title.start, max(org.span[1], title.end))))
        elif title.concept.iri in implied:      # "Tổng Bí thư Tô Lâm": the one national body the title is of
            posts.append(PostMention(PostRef(title.concept, implied[title.concept.iri]), (title.start, title.end)))
    return posts


# a title whose body the text does not name, up to the next comma, semicolon, "và" or the end of the sentence:
# "Bộ trưởng", "Ủy viên Đảng đoàn" (of a body named later or not at all)
_BARE_REST = re.compile(r"(?:\s+[A-ZĐ]\w*(?:\s+\w+){0,3})?(?=\s*[,;.]|\s+và\s|\s*$)")


def bare_titles(doc: Doc, titles: list[Match], posts: list[PostMention],
                organizations: list[OrgMention]) -> list[tuple[int, int]]:
    """Spans of titles written with a capital that name no body vnkg reads ("A - Ủy viên Trung ương Đảng, Bộ
    trưởng, Chủ nhiệm Ủy ban Dân tộc"): no post of their own, but they keep the posts around them in one
    apposition."""
    taken = Covered([p.span for p in posts] + [m.span for m in organizations])
    spans = []
    for title in titles:
        rest = _BARE_REST.match(doc.text, title.end)
        if doc.text[title.start].isupper() and not taken.covers(title.start) and rest:
            spans.append((title.start, rest.end()))
    return spans


def _bridged(doc: Doc, start: int, end: int, separator: re.Pattern, bare: dict[int, int]) -> bool:
    """Whether text[start:end] is the separator, or separators around bare titles (bare_titles, by start)."""
    pos = start
    while (m := separator.match(doc.text, pos, end)) is not None:
        if m.end() == end:
            return True
        if m.end() not in bare or bare[m.end()] > end:
            return False
        pos, separator = bare[m.end()], _APPOSITION
    return False


_WORDS: "WeakKeyDictionary[Vocabulary, dict[str, set[str]]]" = WeakKeyDictionary()


def _words(vocabulary: Vocabulary, scheme: str) -> set[str]:
    """vocabulary.words(scheme), computed once per vocabulary: it is asked for every candidate name."""
    cache = _WORDS.setdefault(vocabulary, {})
    if scheme not in cache:
        cache[scheme] = vocabulary.words(scheme)
    return cache[scheme]


def find_names(doc: Doc, excluded: list[tuple[int, int]]) -> list[PersonMention]:
    surnames = _words(doc.vocabulary, "surname")
    forms_of_address = _words(doc.vocabulary, "form-of-address")
    address = doc.vocabulary.matcher("form-of-address")
    excluded = Covered(excluded)
    names = []
    for sentence in doc.sentences_of(PARAGRAPH, CAPTION, TITLE):
        words = [m for m in _WORD.finditer(doc.text, sentence.start, sentence.end)]
        i = 0
        while i < len(words):
            run = []
            j = i
            while j < len(words) and len(run) < 5 and words[j].group(0)[0].isupper() \
                    and not words[j].group(0)[0].isdigit() and not excluded.covers(words[j].start()) \
                    and (not run or doc.text[run[-1].end():words[j].start()] == " "):
                run.append(words[j])
                j += 1
            # "Ông Ma Văn Thắm" at the start of a sentence: the form of address is not part of the name
            if run and address.match_at(doc.view, run[0].start(), run[0].end()) and len(run) > 2:
                run = run[1:]
            # "TS Thái Văn Thành", "NSƯT Lò Văn Biên": an abbreviated degree or honour is not part of the name
            while len(run) > 2 and _ABBREVIATION.fullmatch(run[0].group(0)) and run[1].group(0).lower() in surnames:
                run = run[1:]
            if len(run) >= 2:
                start, end = run[0].start(), run[-1].end()
                before = doc.view[max(sentence.start, start - 12):start]
                addressed = any(before.rstrip().endswith(view_label) for view_label in forms_of_address)
                if run[0].group(0).lower() in surnames or addressed:
                    names.append(PersonMention(doc.text[start:end], (start, end)))
            i = max(j, i + 1)
    return names


_AND = re.compile(r"\s+và\s+")


def _groups(doc: Doc, posts: list[PostMention], names: list[PersonMention],
            bare: dict[int, int]) -> list[list[PostMention]]:
    """Posts separated only by commas or "và" (and bare titles) form one apposition. A chain right before a name
    is split at its last "và": "A, Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh B" names two people."""
    groups: list[list[PostMention]] = []
    for post in sorted(posts, key=lambda p: p.span):
        if groups and _bridged(doc, groups[-1][-1].span[1], post.span[0], _APPOSITION, bare):
            groups[-1].append(post)
        else:
            groups.append([post])
    name_starts = ByStart(names)
    split: list[list[PostMention]] = []
    for group in groups:
        end = group[-1].span[1]
        ands = [k for k in range(1, len(group)) if _AND.fullmatch(doc.text[group[k - 1].span[1]:group[k].span[0]])]
        if ands and any(doc.text[end:name.span[0]].strip() == "" for name in name_starts.within(end, end + 4)):
            split += [group[:ands[-1]], group[ands[-1]:]]
        else:
            split.append(group)
    return split


def _runs_into_a_name(doc: Doc, group: list[PostMention], organizations: ByStart, names: ByStart) -> bool:
    """Whether a post chain's body is joined to more bodies that run into a name: "A, Chánh Văn phòng Đoàn đại
    biểu Quốc hội-Hội đồng nhân dân tỉnh B" is B's post, in a joint body's name not read whole, so it is no one's
    (not A's apposition)."""
    pos = group[-1].span[1]
    joined = False
    while (m := _JOINED.match(doc.text, pos)) and (following := organizations.within(m.end(), m.end() + 1)):
        pos, joined = max(o.span[1] for o in following), True
    return joined and any(not doc.text[pos:n.span[0]].strip() for n in names.within(pos, pos + 3))


_LIST_ITEM_OPENING = re.compile(r"\s*(?:(?:các\s+)?đồng\s+chí\s+)?")


def _shared_by_a_list(doc: Doc, groups: list[list[PostMention]], owner: dict[int, PersonMention],
                      names: list[PersonMention]) -> list[tuple[int, PersonMention]]:
    """ "các đồng chí Ủy viên Bộ Chính trị: A, Thủ tướng Chính phủ; B, Chủ tịch Quốc hội; …": a post after a form
    of address (or a plural "các") and before a colon is held by each name that opens an item of the list; the list ends at the
    first item that does not open with a name, at the next such heading, or with the sentence."""
    address = _words(doc.vocabulary, "form-of-address")
    by_start = {name.span[0]: name for name in names}
    shared = []
    for index, group in enumerate(groups):
        end = group[-1].span[1]
        if index in owner or doc.text[end:end + 1] != ":":
            continue
        before = doc.view[max(0, group[0].span[0] - 16):group[0].span[0]].rstrip()
        sentence = doc.sentence_at(end)
        if sentence is None or not (any(before.endswith(a) for a in address) or _PLURAL.search(before + " ")):
            continue
        stop = next((g[0].span[0] for g in groups[index + 1:] if doc.text[g[-1].span[1]:g[-1].span[1] + 1] == ":"),
                    sentence.end)
        item = end + 1
        while item < stop:
            opening = _LIST_ITEM_OPENING.match(doc.view, item)
            name = by_start.get(opening.end())
            if name is None:
                break
            shared.append((index, name))
            semicolon = doc.text.find(";", name.span[1], stop)
            if semicolon < 0:
                break
            item = semicolon + 1
    return shared


_ADDRESSED = r"(?:(?:ông|bà|đồng\s+chí)\s+)?"
_TO_POST = r"(?:làm|giữ\s+chức(?:\s+(?:vụ|danh))?)\s+"
# A council's personnel vote names the post of each person it concerns. A dismissed official held the post until
# the vote; an elected one holds it from the vote on. A nominee ("dự kiến", "giới thiệu để bầu") holds nothing.
#   "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông A"     post, then the name
#   "bầu bổ sung chức danh Ủy viên UBND tỉnh đối với bà B"
_VOTE_ON_POST = re.compile(r"(?:miễn\s+nhiệm|bãi\s+nhiệm|bầu(?:\s+bổ\s+sung)?)\s+"
                           r"(?:chức\s+(?:danh|vụ)\s+)?$")
_VOTE_POST_TO_NAME = re.compile(r"(?:\s*,?\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?\s*,?\s+đối\s+với\s+" + _ADDRESSED)
#   "bầu ông C, Giám đốc Sở Nội vụ, làm Phó Chủ tịch UBND tỉnh"  the name (its posts now around it), then the post
#   "bầu Giám đốc Sở Nội vụ C giữ chức …; Bí thư Huyện ủy D giữ chức …"   voted, clause after clause
#   "ông D được bầu giữ chức Chủ tịch HĐND tỉnh"
# These are matched on the view with every post chain blanked out, so that a name's own posts do not count.
_VOTE_ON_NAME = re.compile(r"\bbầu\s+(?:bổ\s+sung\s+)?" + _ADDRESSED + r"$")
_NAME_TO_VOTED_POST = re.compile(r"[\s,]*" + _TO_POST)
_NAME_ELECTED_TO_POST = re.compile(r"[\s,]*(?:đã\s+)?được\s+bầu\s+(?:bổ\s+sung\s+)?" + _TO_POST)
_NAMES_JOINED = re.compile(r"[\s,]*(?:và\s+)?" + _ADDRESSED)
_VOTE = re.compile(r"\bbầu\b")
_NOT_YET = re.compile(r"\b(?:dự\s+kiến|sẽ|đề\s+cử|giới\s+thiệu|ứng\s+cử)\b")


def _personnel_votes(doc: Doc, groups: list[list[PostMention]], taken: set[int],
                     names: list[PersonMention]) -> list[tuple[int, PersonMention]]:
    blanked = list(doc.view)
    for group in groups:
        blanked[group[0].span[0]:group[-1].span[1]] = " " * (group[-1].span[1] - group[0].span[0])
    blanked = "".join(blanked)
    starting = ByStart(names)
    voted = []
    for index, group in enumerate(groups):
        if index in taken:
            continue
        start, end = group[0].span[0], group[-1].span[1]
        sentence = doc.text.rfind(".", 0, start) + 1
        clause = max(doc.text.rfind(";", 0, start) + 1, sentence)
        if _NOT_YET.search(doc.view, clause, start):
            continue
        if _VOTE_ON_POST.search(doc.view[clause:start]):
            # "đối với ông A", "đối với Phó Bí thư Tỉnh ủy A và Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy B"
            to_name = _VOTE_POST_TO_NAME.match(doc.view, end)
            pos = to_name.end() if to_name else None
            while pos is not None:
                name = next(iter(starting.within(pos, pos + 200)), None)
                if name is None or not _NAMES_JOINED.fullmatch(blanked, pos, name.span[0]):
                    break
                voted.append((index, name))
                pos = name.span[1]
            continue
        earlier = [n for n in names if clause <= n.span[0] and n.span[1] <= start]
        if not earlier:
            continue
        name = earlier[-1]
        before = blanked[clause:name.span[0]]
        on_name = _VOTE_ON_NAME.search(before) or (not before.strip() and _VOTE.search(doc.view, sentence, clause))
        if (on_name and _NAME_TO_VOTED_POST.fullmatch(blanked, name.span[1], start)) \
                or _NAME_ELECTED_TO_POST.fullmatch(blanked, name.span[1], start):
            voted.append((index, name))
    return voted


def _told_more_precisely(holdings: list[Holding], name: PersonMention, post: PostMention) -> bool:
    """ "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với Phó Chủ tịch Thường trực UBND tỉnh A": the vote names
    the seat A holds by its generic title; A's own apposition names it precisely."""
    generic = post.post.title.label_vi + " "
    return any(h.person == name.name and h.post.org == post.post.org and h.post.title.label_vi.startswith(generic)
               for h in holdings)


_PLURAL = re.compile(r"(?:^|\s)các\s+$")
_PLURAL_TO_NAMES = re.compile(r"\s*(?:là\s+|gồm\s+|:\s*)?" + _ADDRESSED)
_NEXT_NAME = re.compile(r"\s*,\s*" + _ADDRESSED + r"|\s+và\s+" + _ADDRESSED)


def _shared_by_names(doc: Doc, groups: list[list[PostMention]], names: list[PersonMention]
                     ) -> list[tuple[int, PersonMention]]:
    """ "các Phó Chủ tịch HĐND tỉnh là ông A và ông B", "các Phó Chủ tịch UBND tỉnh C, D": a plural post before
    a list of names is held by each of them."""
    by_start = {name.span[0]: name for name in names}
    shared = []
    for index, group in enumerate(groups):
        start, end = group[0].span[0], group[-1].span[1]
        if not _PLURAL.search(doc.view[max(0, start - 6):start]):
            continue
        opening = _PLURAL_TO_NAMES.match(doc.view, end)
        name = by_start.get(opening.end())
        while name is not None:
            shared.append((index, name))
            following = _NEXT_NAME.match(doc.view, name.span[1])
            name = by_start.get(following.end()) if following else None
    return shared


def recognize_persons(doc: Doc, titles: list[Match], organizations: list[OrgMention],
                      places: list[tuple[int, int]], other: list[tuple[int, int]]) -> PersonFindings:
    """Names, posts, who holds which post, and post-only back-references resolved to the holder."""
    posts = recognize_posts(doc, titles, organizations)
    excluded = [m.span for m in organizations] + [(t.start, t.end) for t in titles] + places + other
    names = find_names(doc, excluded)
    findings = PersonFindings(list(names), [], posts)
    bare = dict(bare_titles(doc, titles, posts, organizations))
    groups = _groups(doc, posts, names, bare)
    starting = ByStart(range(len(groups)), span=lambda i: groups[i][0].span)
    ending = ByStart(range(len(groups)), span=lambda i: (groups[i][-1].span[1], groups[i][-1].span[1]))
    # A group right after a name (", post, post") is that name's; else a group right before a name
    # ("post, post Name") is. A group between two names goes to the first: the apposition is the surer sign
    # (a capitalised run right after an organization is as often a place).
    # A name written after its posts ("Bí thư Tỉnh ủy A, Chủ tịch UBND tỉnh B") starts a list in that style: there
    # the group after A and right before B is B's.
    before_of: dict[int, int] = {}
    for position, name in enumerate(names):
        before = [i for i in ending.within(name.span[0] - 10, name.span[0] + 1)
                  if _BEFORE_NAME.fullmatch(doc.view, groups[i][-1].span[1], name.span[0])]
        if before:
            before_of[position] = before[-1]
    owner: dict[int, PersonMention] = {}
    bodies, by_start = ByStart(organizations), ByStart(names)
    for position, name in enumerate(names):
        after = [i for i in starting.within(name.span[1], name.span[1] + 120)[:1]
                 if _bridged(doc, name.span[1], groups[i][0].span[0], _AFTER_NAME, bare)
                 and not _runs_into_a_name(doc, groups[i], bodies, by_start)]
        if after and not (position in before_of and after[0] in before_of.values()):
            owner[after[0]] = name
    for position, index in before_of.items():
        if index not in owner:
            owner[index] = names[position]
    for index in sorted(owner):
        follow = index + 1
        if follow < len(groups) and follow not in owner and owner[index].span[1] <= groups[index][0].span[0] \
                and _CONTINUATION.fullmatch(doc.text[groups[index][-1].span[1]:groups[follow][0].span[0]]) \
                and _SENTENCE_END.match(doc.text, groups[follow][-1].span[1]):
            owner[follow] = owner[index]
    shared = _shared_by_a_list(doc, groups, owner, names)
    headings = {index for index, _ in shared}
    voted = _personnel_votes(doc, groups, set(owner) | headings, names)
    plural = _shared_by_names(doc, groups, names)
    former = {post.span for post in posts if _FORMER.search(doc.view[max(0, post.span[0] - 12):post.span[0]])}
    for index, name in sorted(owner.items()) + shared + voted + plural:
        for post in groups[index]:
            if post.span not in former and not _told_more_precisely(findings.holdings, name, post):
                findings.holdings.append(Holding(name.name, post.post, [name.span, post.span]))
    # A post alone after a form of address refers back to its holder.
    holders: dict[PostRef, str] = {}
    for holding in findings.holdings:
        holders.setdefault(holding.post, holding.person)
    address = _words(doc.vocabulary, "form-of-address")
    for index, group in enumerate(groups):
        if index in owner or index in headings:
            continue
        before = doc.view[max(0, group[0].span[0] - 12):group[0].span[0]].rstrip()
        if not any(before.endswith(a) for a in address):
            continue
        person = next((holders[p.post] for p in group if p.post in holders), None)
        if person:
            findings.mentions.append(PersonMention(person, (group[0].span[0], group[-1].span[1])))
    findings.mentions.sort(key=lambda m: m.span)
    return findings
