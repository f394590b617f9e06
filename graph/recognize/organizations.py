"""Organizations and places, from the organization-kind, administrative-level and province schemes.

An organization mention is   [unit kind] body kind [level word] [place name]   and starts with a capital
("các huyện ủy" is a generic plural, not a body):
    "Ban Tuyên giáo Tỉnh ủy"             unit + body (province from context)
    "Tỉnh ủy Tuyên Quang"               body + province
    "Ủy ban MTTQ huyện Na Hang"         body + level + place
    "Ban Thường vụ, Trưởng Ban … Tỉnh ủy"  unit whose body is elided: taken from the next mention in the list
"Ban Chấp hành Đảng bộ tỉnh" is an altLabel of Tỉnh ủy: one body, two names. National bodies ("Bộ Chính trị",
"Ban Tuyên giáo Trung ương", "Bộ Y tế") have the level quốc gia and no place; a body whose name opens with a unit's
("Ban Tuyên giáo Trung ương") is preferred to the unit.
"""
from __future__ import annotations

import re
from dataclasses import replace
from weakref import WeakKeyDictionary

from ..doc import Doc
from ..facts import OrgMention, OrgRef
from ..text import match_key
from ..vocab import Concept, Match, Matcher, Vocabulary

_CAP_WORD = re.compile(r"[^\W\d_][\w]*")
_WORD = re.compile(r"[^\W\d_]+")
_ELISION_END = re.compile(r"\s*(?:[,;.)]|và\b|$)")
# The task of an ad hoc body: words (a number, "Covid-19" too) joined by spaces, commas or dashes, up to the level
# word ("Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh"). Words that open a clause or a complement do not name a
# task ("Ban Chỉ đạo làm việc tại huyện …", "Hội đồng đề nghị các xã …"): then it is no name.
_TASK_WORD = re.compile(r"\w+(?:-\w+)*")
_TASK_JOINT = re.compile(r"(?: |, | [-–] )")
_TASK_STOP = frozenset("tại ở với của cho đã đang sẽ vừa được do là có các những về đến từ trong".split())
_MAX_TASK_WORDS = 14
# Stop words that tasks do hold: "Quy chế dân chủ ở cơ sở", "các chương trình mục tiêu quốc gia" (but "các huyện"
# after a body is its object).
_IN_A_TASK = re.compile(r"ở cơ sở(?!\w)|(?:các|những) (?!(?:tỉnh|huyện|quận|thành phố|thị xã|xã|phường|thị trấn|"
                        r"thôn|sở|ngành|cấp|đơn vị|địa phương|cơ quan)(?!\w))")
# Verbs a sentence goes on with after a bare body, which no task opens with ("Ban Chỉ đạo kiểm tra công tác giảm
# nghèo huyện …" is the committee inspecting a district, not a committee of that name).
_OPENS_A_CLAUSE = re.compile(r"(?:kiểm tra|giám sát|làm việc|thăm|khảo sát|chỉ đạo|yêu cầu|đề nghị|quyết định|thống nhất|"
                             r"nhất trí|kiến nghị|đề xuất|trình|báo cáo|họp|tổng kết|sơ kết|ghi nhận|đánh giá cao)(?!\w)")
# What a task cannot hold: a verb of the event or its people ("Ban Chỉ đạo tổ chức hội nghị … huyện", "Hội đồng
# họp xét … xã"), nor a body or an event's name.
_NOT_IN_A_TASK = frozenset({"organize", "chair", "attend", "take-place", "plan", "speak", "report", "present",
                            "issue", "approve", "receive", "on-behalf-of", "occasion"})


# The members that name a grouping of bodies: its number ("Cụm thi đua số 3") or a plural of its members ("Khối thi
# đua các cơ quan Đảng", "Cụm thi đua các tỉnh Trung du và miền núi phía Bắc"), which ends where the clause goes on:
# at a verb of the event, an auxiliary, a preposition, a comma or a stop.
_NUMBERED = re.compile(r"số\s+\d+(?!\w)|\d+(?=[,;.:)]|\s+(?:đã|vừa|đang|sẽ|tổ chức|tiến hành)\b)")
_PLURAL = re.compile(r"(?:các|những|\d+)\s+(?=\w)")
_MEMBER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MEMBERS_STOP = frozenset("đã vừa đang sẽ tại ở với cho do được là có cùng họp năm về trong nhằm để".split())
_MAX_MEMBER_WORDS = 10
_EVENT_WORDS: "WeakKeyDictionary[Vocabulary, Matcher]" = WeakKeyDictionary()


def _event_words(vocabulary: Vocabulary) -> Matcher:
    """The event kinds and their tails ("hội nghị sơ kết", "sơ kết", "kỷ niệm"): where a name by members ends."""
    if vocabulary not in _EVENT_WORDS:
        tails = []
        for concept in vocabulary.concepts("event-kind"):
            labels = {" ".join(words[i:]) for words in (label.split() for label in concept.labels)
                      for i in range(len(words) - 1)}
            tails.append(replace(concept, labels=tuple(sorted(labels))))
        _EVENT_WORDS[vocabulary] = Matcher(tails)
    return _EVENT_WORDS[vocabulary]


_COMPILED: "WeakKeyDictionary[Vocabulary, tuple[Matcher, Matcher, set[str]]]" = WeakKeyDictionary()


def _compiled(vocabulary: Vocabulary) -> tuple[Matcher, Matcher, set[str]]:
    """The unit and body matchers and the surnames, built once per vocabulary (not per article)."""
    if vocabulary not in _COMPILED:
        kinds = vocabulary.concepts("organization-kind")
        broader = {c.prop("broader") for c in kinds}
        # A kind with narrower kinds ("Sở") is matched through them ("Sở Nội vụ").
        _COMPILED[vocabulary] = (Matcher([c for c in kinds if c.prop("isUnitKind")]),
                                 Matcher([c for c in kinds if not c.prop("isUnitKind") and c.iri not in broader]),
                                 vocabulary.words("surname"))
    return _COMPILED[vocabulary]


class OrganizationGrammar:
    def __init__(self, doc: Doc, province: Concept | None):
        vocabulary = doc.vocabulary
        self.units, self.bodies, self.surnames = _compiled(vocabulary)
        self.levels = vocabulary.matcher("administrative-level")
        self.provinces = vocabulary.matcher("province")
        self.foreign_states = vocabulary.matcher("foreign-state")
        # the lowercase words of a state's formal name ("nước Cộng hòa dân chủ nhân dân Lào"); any other lowercase
        # word ("và", "thăm") ends the search for the state's name
        self.formal_name_words = frozenset(word for label in vocabulary.concept("state-name-word", "formal-name").labels
                                           for word in label.lower().split())
        self.state = vocabulary.concept("organization-kind", "nha-nuoc")
        self.province_level = vocabulary.concept("administrative-level", "tinh")
        self.national_level = vocabulary.concept("administrative-level", "quoc-gia")
        self.doc, self.province = doc, province

    def task(self, pos: int) -> tuple[str, Match] | None:
        """ "phát triển du lịch tỉnh": the task an ad hoc body is named after, and the level word that ends it."""
        view, words = self.doc.view, []
        if self.levels.match_at(view, pos) or _OPENS_A_CLAUSE.match(view, pos):
            return None     # "Ban Chỉ đạo tỉnh …": the level word follows the body itself
        while len(words) < _MAX_TASK_WORDS:
            if words:
                joint = _TASK_JOINT.match(view, pos)
                if not joint:
                    return None
                level = self.levels.match_at(view, joint.end())
                if level and joint.group(0) == " " and self._ends_a_task(level):
                    start = words[0][0]
                    if any(True for _ in self.bodies.finditer(view, start, pos)) \
                            or any(True for _ in self.units.finditer(view, start, pos)) \
                            or any(True for _ in self.doc.vocabulary.matcher("event-kind").finditer(view, start, pos)) \
                            or any(c.concept.key in _NOT_IN_A_TASK
                                   for c in self.doc.vocabulary.matcher("cue").finditer(view, start, pos)):
                        return None
                    return self.doc.text[start:pos], level
                pos = joint.end()
            word = _TASK_WORD.match(self.doc.text, pos)
            if not word or (word.group(0).lower() in _TASK_STOP and not _IN_A_TASK.match(view, word.start())):
                return None
            words.append((word.start(), word.end()))
            pos = word.end()
        return None

    def members(self, pos: int) -> tuple[str, int] | None:
        """ "số 3", "các tỉnh Trung du và miền núi phía Bắc": the members that name a grouping, and their end."""
        view, text = self.doc.view, self.doc.text
        if numbered := _NUMBERED.match(view, pos):
            return text[pos:numbered.end()], numbered.end()
        plural = _PLURAL.match(view, pos)
        if not plural:
            return None
        stops = self.doc.vocabulary.matcher("cue")
        end, count, at = plural.end(), 0, plural.end()
        while count < _MAX_MEMBER_WORDS:
            word = _MEMBER_WORD.match(text, at)
            if not word or word.group(0).lower() in _MEMBERS_STOP or stops.match_at(view, at) \
                    or _event_words(self.doc.vocabulary).match_at(view, at):
                break
            end, count = word.end(), count + 1
            # words go on after a space, or after a comma before a level word ("các huyện, thành phố")
            if view.startswith(" ", end) or (view.startswith(", ", end) and self.levels.match_at(view, end + 2)):
                at = self._skip(end + (1 if view.startswith(",", end) else 0))
                continue
            break
        else:
            return None     # no end in sight: a clause, not a name
        return (text[pos:end], end) if count else None

    def _ends_a_task(self, level: Match) -> bool:
        """A level word ends the task when a place follows it ("huyện Bảo Yên") or no name goes on; a lowercase
        word after a level below the district makes one word with it ("nông thôn mới", "an sinh xã hội")."""
        if level.concept == self.national_level:
            return False
        after = self._skip(level.end)
        if self.provinces.match_at(self.doc.view, after) or self.capitalized_run(after):
            return True
        word = _CAP_WORD.match(self.doc.text, after)
        return not word or level.concept.prop("broader") in (None, self.province_level.iri)

    def _skip(self, pos: int) -> int:
        while pos < len(self.doc.text) and self.doc.view[pos] == " ":
            pos += 1
        return pos

    def _lowercase_next(self, pos: int) -> bool:
        """A lowercase word, not a level word, follows: the unit's body is left unsaid ("Trưởng ban Kinh tế -
        Ngân sách trình bày")."""
        pos = self._skip(pos)
        word = _CAP_WORD.match(self.doc.text, pos)
        return bool(word and word.group(0)[0].islower() and not self.levels.match_at(self.doc.view, pos))

    def capitalized_run(self, pos: int, most: int = 4) -> tuple[str, int] | None:
        """A run of capitalised words at pos ("Lâm Bình"), as written; None if the first is lowercase."""
        text, words, end = self.doc.text, [], pos
        while len(words) < most:
            m = _CAP_WORD.match(text, self._skip(end) if words else end)
            if not m or not m.group(0)[0].isupper():
                break
            words.append(m.group(0))
            end = m.end()
        return (" ".join(words), end) if words else None

    def place_name(self, pos: int, level: Concept | None) -> tuple[str | None, Concept | None, int]:
        """The name after a body or level word: a province (for province-level bodies) or a local place."""
        if level == self.national_level:
            return None, None, pos    # "Trung ương" names no place
        pos = self._skip(pos)
        province = self.provinces.match_at(self.doc.view, pos)
        if province and (level is None or level == self.province_level):
            return None, province.concept, province.end
        if level == self.province_level:
            return None, None, pos    # "HĐND tỉnh Nông Quang Khải": the name is a person, not a place
        run = self.capitalized_run(pos)
        if run:
            name, end = run
            words = name.split()
            if level is not None and self.provinces.lookup(f"{level.label_vi} {name}"):
                return name, None, end    # "UBND Thành phố Hồ Chí Minh": a city that is a province, by name
            # Three or more capitalised words opening with a family name are a person ("Bí thư Huyện ủy
            # Nguyễn Văn An"); place names are mostly two syllables ("Lâm Bình", "Na Hang").
            if len(words) >= 3 and words[0].lower() in self.surnames:
                return None, None, pos
            # "xã Thượng Đức Nguyễn Thị Hà": the place ends where a name of three or more words opens
            longer = self.capitalized_run(pos, most=8)[0].split()
            for k in range(1, len(words)):
                if words[k].lower() in self.surnames and len(longer) - k >= 3:
                    words = words[:k]
                    return " ".join(words), None, self.capitalized_run(pos, most=k)[1]
            return name, None, end
        return None, None, pos

    def foreign_after_of(self, pos: int) -> bool:
        """ "(Huân chương …) của nước CHDCND Lào": a state named in lowercase "nước" after "của"."""
        body = self.bodies.match_at(self.doc.view, pos)
        return (body is not None and body.concept == self.state and self.doc.view.endswith("của ", 0, pos)
                and self.foreign_state(body.end) is not None)

    def foreign_state(self, pos: int) -> Match | None:
        """The foreign state named right after "Nhà nước" / "nước" at pos, after at most six words of its formal
        name ("nước CHDCND Lào", "Nhà nước Cộng hòa dân chủ nhân dân Lào")."""
        text = self.doc.text
        for _ in range(7):
            pos = self._skip(pos)
            found = self.foreign_states.match_at(self.doc.view, pos)
            if found:
                return found
            word = _WORD.match(text, pos)
            if not word or not (word.group(0)[0].isupper() or word.group(0).lower() in self.formal_name_words):
                return None
            pos = word.end()
        return None

    def parse(self, pos: int, after_title: bool = False, title_end: int | None = None) -> tuple[OrgRef, int] | None:
        """The organization mention starting at pos, with its end. Right after a post title the name may
        start in lowercase ("Chủ tịch nước", "Trưởng ban Tuyên giáo"). `title_end` is the end of a title that
        starts at pos: "Thường trực" is then a unit of a local body ("Thường trực Tỉnh ủy") but the post of
        a national one ("Thường trực Ban Bí thư")."""
        text_view = self.doc.view
        if not after_title and not self.doc.text[pos:pos + 1].isupper() and not self.foreign_after_of(pos):
            return None
        unit = self.units.match_at(text_view, pos)
        whole = self.bodies.match_at(text_view, pos)
        if unit and whole and whole.end > unit.end:
            unit = None       # a body whose name opens with a unit's: "Ban Tuyên giáo Trung ương"
        body_pos = self._skip(unit.end) if unit else pos
        body = self.bodies.match_at(text_view, body_pos)
        if unit and body and unit.end == title_end \
                and body.concept.prop("administrativeLevel") == self.national_level.iri:
            return None
        if body is None:
            if unit and (_ELISION_END.match(text_view, unit.end) or (after_title and self._lowercase_next(unit.end))):
                return OrgRef(None, unit.concept, province=self.province), unit.end
            return None
        if unit is None and not after_title and not self.doc.text[body.start].isupper() \
                and not self.foreign_after_of(body.start):
            return None
        if body.concept.prop("namedByMembers") and unit is None:
            # a grouping named by its members: "Cụm thi đua số 3", "Khối thi đua các cơ quan Đảng"
            named = self.members(self._skip(body.end)) if self.doc.text[body.end:body.end + 1] == " " else None
            return (OrgRef(body.concept, None, None, None, self.province, named[0]), named[1]) if named else None
        if body.concept.prop("namedByTask") and unit is None:
            # an ad hoc body: "Ban Chỉ đạo xây dựng nông thôn mới huyện Bảo Yên", "Hội đồng … thành phố"
            named = self.task(self._skip(body.end)) if self.doc.text[body.end:body.end + 1] == " " else None
            if named:
                task, level = named
                place, province, after = self.place_name(level.end, level.concept)
                return (OrgRef(body.concept, None, level.concept, place, province or self.province, task),
                        after if place or province else level.end)
            if body.concept.prop("onlyWithTask"):
                return None     # "Hội đồng" alone names no body we can tell
        inherent = body.concept.prop("administrativeLevel")
        level, end = None, body.end
        if inherent:
            level = self.doc.vocabulary.by_iri[inherent]
            written = self.levels.match_at(text_view, self._skip(end))
            if written and written.concept == level and level != self.national_level:
                end = written.end     # "Sở Nội vụ tỉnh": the level word the body implies, written out
        else:
            if self.bodies.match_at(text_view, self._skip(end)):
                return None   # "Đảng ủy UBND tỉnh", "Đảng ủy Công an tỉnh": a body of a body, not modelled
            found = self.levels.match_at(text_view, self._skip(end))
            if found:
                level, end = found.concept, found.end
            else:
                level = self.province_level   # an unplaced body in a provincial report is the province's
                if not self.provinces.match_at(text_view, self._skip(end)):
                    run = self.capitalized_run(self._skip(end), most=1)
                    if run and run[0].lower() not in self.surnames:
                        return None   # "Đảng ủy Quân sự tỉnh": a name we do not know, not the province's body
        if level == self.national_level:
            foreign = self.foreign_state(end) if body.concept == self.state and unit is None else None
            if foreign:     # "Nhà nước Lào": another state, named by its short name
                return OrgRef(body.concept, None, level, foreign.concept.label_vi, None), foreign.end
            return OrgRef(body.concept, unit.concept if unit else None, level, None, None), end
        place, province, after = self.place_name(end, level)
        if place or province:
            end = after
        return OrgRef(body.concept, unit.concept if unit else None, level, place, province or self.province), end


def recognize_organizations(doc: Doc, province: Concept | None, titles: list[Match]) -> list[OrgMention]:
    """Every organization mention. `titles` are the post titles found first: a mention may not start inside
    one ("Phó Bí thư Thường trực Tỉnh ủy" is the title "Phó Bí thư Thường trực" of "Tỉnh ủy"), except at its
    last word, which a title may share with the organization ("Trưởng Ban" + "Ban Tuyên giáo")."""
    grammar = OrganizationGrammar(doc, province)
    starts = sorted({m.start for matcher in (grammar.units, grammar.bodies) for m in matcher.finditer(doc.view)})
    inside = {pos for t in titles for pos in range(t.start + 1, t.end) if pos != _last_word(doc, t)}
    after_titles = {grammar._skip(t.end) for t in titles} | {_last_word(doc, t) for t in titles}
    title_ends = {t.start: t.end for t in titles}
    mentions: list[OrgMention] = []
    covered = -1
    for start in starts:
        if start < covered or start in inside:
            continue
        parsed = grammar.parse(start, after_title=start in after_titles, title_end=title_ends.get(start))
        if parsed:
            org, end = parsed
            mentions.append(OrgMention(org, (start, end)))
            covered = end
    mentions = _resolve_units_before_a_verb(doc, mentions)
    _resolve_elided_bodies(doc, mentions)
    _resolve_unnamed_places(grammar, mentions)
    _resolve_bare_bodies(grammar, mentions)
    _one_spelling_per_task(mentions)
    _resolve_short_names(doc, mentions)
    return mentions


def _resolve_short_names(doc: Doc, mentions: list[OrgMention]) -> None:
    """ "Ban Chỉ đạo phát triển du lịch tỉnh (Ban Chỉ đạo)": the name in brackets is the short name the article
    then uses, so "Trưởng Ban Chỉ đạo" further on is of that committee, not of a bare one."""
    named: dict[Concept, OrgRef] = {}
    for mention, following in zip(mentions, mentions[1:] + [None]):
        org = mention.org
        if org.task is None and org.unit is None and org.place is None and org.body in named:
            mention.org = named[org.body]
        elif org.task and following and following.org.body == org.body and following.org.task is None \
                and doc.text[mention.span[1]:following.span[0]].strip() == "(" \
                and doc.text[following.span[1]:following.span[1] + 1] == ")":
            named[org.body] = org


def _one_spelling_per_task(mentions: list[OrgMention]) -> None:
    """A headline capitalises what the body writes in lowercase ("… và Miền núi phía Bắc"): one body, one name; the
    spelling with the fewest capitals is the one the text writes in running prose."""
    spellings: dict[str, str] = {}
    for mention in mentions:
        task = mention.org.task
        if task:
            key = match_key(task)
            if key not in spellings or sum(map(str.isupper, task)) < sum(map(str.isupper, spellings[key])):
                spellings[key] = task
    for mention in mentions:
        if mention.org.task:
            mention.org = replace(mention.org, task=spellings[match_key(mention.org.task)])


def _resolve_units_before_a_verb(doc: Doc, mentions: list[OrgMention]) -> list[OrgMention]:
    """ "Phó Trưởng ban Kinh tế - Ngân sách trình bày …": a unit after a title with its body unsaid and no list
    around it takes the body of another mention of the same unit in the article ("Ban Kinh tế - Ngân sách HĐND
    tỉnh"); with none, it is dropped (a council's committee is not the Tỉnh ủy's)."""
    kept = []
    for mention in mentions:
        org = mention.org
        if org.body is None and not _ELISION_END.match(doc.view, mention.span[1]):
            named = next((m.org for m in mentions if m.org.unit == org.unit and m.org.body is not None), None)
            if named is None:
                continue
            mention.org = org.with_body(named)
        kept.append(mention)
    return kept


_ONE_APPOSITION = re.compile(r"\s*,\s*[^,;.:()]{1,30}")


def _resolve_bare_bodies(grammar: OrganizationGrammar, mentions: list[OrgMention]) -> None:
    """ "Bí thư Đảng ủy, Chủ tịch UBND xã Kim Phú": a body named bare (no level word, no place) takes the level
    and place of the next body in the same apposition when that one is below the province."""
    text, view = grammar.doc.text, grammar.doc.view
    for mention, following in zip(mentions, mentions[1:]):
        org, other = mention.org, following.org
        if org.body is None or org.body.prop("administrativeLevel") or org.unit or org.place \
                or grammar.bodies.match_at(view, mention.span[0]) is None \
                or grammar.bodies.match_at(view, mention.span[0]).end != mention.span[1]:
            continue
        if other.level is None or other.level.prop("broader") is None \
                or not _ONE_APPOSITION.fullmatch(text, mention.span[1], following.span[0]):
            continue
        mention.org = OrgRef(org.body, None, other.level, other.place, org.province)


def _resolve_unnamed_places(grammar: OrganizationGrammar, mentions: list[OrgMention]) -> None:
    """ "Huyện ủy" or "UBND huyện" with no name, in an article about one district, is that district's:
    the place is taken from a mention of the same level that names it ("Huyện ủy Bắc Mê", "huyện Bắc Mê")."""
    named: dict[str, str] = {}
    for mention in mentions:
        if mention.org.place and mention.org.level:
            named.setdefault(mention.org.level.iri, mention.org.place)
    for m in grammar.levels.finditer(grammar.doc.view):
        place, _, _ = grammar.place_name(m.end, m.concept)
        if place:
            named.setdefault(m.concept.iri, place)
    for mention in mentions:
        org = mention.org
        # a national body has no place: "Chủ tịch nước" is not of the "Nhà nước Lào" named elsewhere
        if org.body and org.level and org.level not in (grammar.province_level, grammar.national_level) \
                and not org.place:
            place = named.get(org.level.iri)
            if place:
                mention.org = OrgRef(org.body, org.unit, org.level, place, org.province, org.task)


def _last_word(doc: Doc, title: Match) -> int:
    return doc.text.rfind(" ", title.start, title.end) + 1


def _resolve_elided_bodies(doc: Doc, mentions: list[OrgMention]) -> None:
    """ "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy": the first unit's body is the next one's.
    With no such neighbour in the sentence, a party unit belongs to the province's Tỉnh ủy."""
    tinh_uy = doc.vocabulary.concept("organization-kind", "tinh-uy")
    level = doc.vocabulary.concept("administrative-level", "tinh")
    for index, mention in enumerate(mentions):
        if mention.org.body is not None:
            continue
        sentence = doc.sentence_at(mention.span[0])
        neighbour = next((m for m in mentions[index + 1:] if m.org.body is not None
                          and sentence and m.span[0] < sentence.end), None)
        if neighbour:
            mention.org = mention.org.with_body(neighbour.org)
        else:
            mention.org = OrgRef(tinh_uy, mention.org.unit, level, None, mention.org.province)


def recognize_places(doc: Doc, province: Concept | None) -> list[tuple[int, int]]:
    """Spans of places: province names and level word + name ("huyện Hàm Yên"). They are never persons."""
    grammar = OrganizationGrammar(doc, province)
    # A province's name right after a family name is a given name ("Trương Hòa Bình"), not the place.
    spans = [(m.start, m.end) for m in grammar.provinces.finditer(doc.view)
             if not _after_family_name(grammar, m.start)]
    for m in grammar.levels.finditer(doc.view):
        place, named_province, end = grammar.place_name(m.end, m.concept)
        if place or named_province:
            spans.append((m.start, end))
    return spans


_LAST_WORD = re.compile(r"(\w+) $")


def _after_family_name(grammar: OrganizationGrammar, pos: int) -> bool:
    before = _LAST_WORD.search(grammar.doc.text, max(0, pos - 12), pos)
    return bool(before and before.group(1)[0].isupper() and before.group(1).lower() in grammar.surnames)
