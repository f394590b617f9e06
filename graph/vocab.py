"""The gazetteers: SKOS concept schemes in ontology/vocab/, read into label matchers.

Every recognizer learns its words from here: adding a post title, an award kind or a province is a Turtle
edit. Labels are matched on the text's view (see text.py): case-folded, one tone placement, any run of
white space between words. ASCII-folded hiddenLabels are for search only: as patterns they would match
the slug lines and ordinary words ("ba" is "three", not "bà").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from . import resources
from .namespaces import VNKG, VOCAB
from .terms import parse_turtle
from .text import match_key, view


@dataclass(frozen=True)
class Concept:
    iri: str
    scheme: str          # the scheme's slug, e.g. "post-title"
    key: str             # the concept's local name, e.g. "pho-bi-thu"
    label_vi: str
    label_en: str
    labels: tuple[str, ...]                      # vi labels used for matching (pref, alt, toned hidden)
    props: dict = field(default_factory=dict, compare=False, hash=False)

    def prop(self, name: str, default=None):
        return self.props.get(name, default)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    concept: Concept


class Matcher:
    """Finds the labels of one scheme in a view string, longest label first, whole words only."""

    def __init__(self, concepts: list[Concept]):
        self.by_label: dict[str, Concept] = {}
        for concept in concepts:
            for label in concept.labels:
                self.by_label.setdefault(match_key(label), concept)
        alternatives = sorted(self.by_label, key=lambda s: (-len(s), s))
        patterns = [r"\s+".join(re.escape(word) for word in label.split()) for label in alternatives]
        # The bare alternation, for recognizers that embed a scheme in a larger pattern.
        self.alternation = "(?:" + ("|".join(patterns) or r"(?!)") + ")"
        self.pattern = re.compile(rf"(?<!\w){self.alternation}(?![\w%])")

    def _concept(self, surface: str) -> Concept:
        return self.by_label[" ".join(surface.split())]

    def finditer(self, text_view: str, start: int = 0, end: int | None = None):
        end = len(text_view) if end is None else end
        for m in self.pattern.finditer(text_view, start, end):
            yield Match(m.start(), m.end(), self._concept(m.group(0)))

    def match_at(self, text_view: str, pos: int, end: int | None = None) -> Match | None:
        m = self.pattern.match(text_view, pos, len(text_view) if end is None else end)
        return Match(m.start(), m.end(), self._concept(m.group(0))) if m else None

    def lookup(self, surface: str) -> Concept | None:
        return self.by_label.get(match_key(surface))


_PROPS = {
    VNKG.identifierCode: "identifierCode",
    VNKG.administrativeLevel: "administrativeLevel",
    VNKG.isUnitKind: "isUnitKind",
    VNKG.citedByNumber: "citedByNumber",
    VNKG.boundProperty: "boundProperty",
    VNKG.conferredOn: "conferredOn",
    VNKG.establishesProjectKind: "establishesProjectKind",    # a document kind that sets up a programme
    VNKG.singleHolder: "singleHolder",
    VNKG.namedByTask: "namedByTask",
    VNKG.onlyWithTask: "onlyWithTask",
    VNKG.namedByMembers: "namedByMembers",
    SKOS.broader: "broader",
    SKOS.related: "related",
    RDF.value: "value",            # the number a numeral word stands for
}


class Vocabulary:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.schemes: dict[str, list[Concept]] = {}
        self.by_iri: dict[str, Concept] = {}
        for iri in sorted(graph.subjects(RDF.type, SKOS.Concept)):
            scheme_iri = graph.value(iri, SKOS.inScheme)
            if scheme_iri is None or not str(scheme_iri).startswith(str(VOCAB)):
                continue
            scheme = str(scheme_iri)[len(str(VOCAB)):]
            pref = {lit.language: str(lit) for lit in graph.objects(iri, SKOS.prefLabel) if isinstance(lit, Literal)}
            labels = [pref.get("vi", "")]
            labels += sorted(str(l) for l in graph.objects(iri, SKOS.altLabel) if getattr(l, "language", None) == "vi")
            labels += sorted(str(l) for l in graph.objects(iri, SKOS.hiddenLabel)
                             if getattr(l, "language", None) == "vi" and not str(l).isascii())
            props = {}
            for predicate, name in _PROPS.items():
                value = graph.value(iri, predicate)
                if value is not None:
                    props[name] = value.toPython() if isinstance(value, Literal) else str(value)
            concept = Concept(str(iri), scheme, str(iri).rsplit("/", 1)[-1], pref.get("vi", ""), pref.get("en", ""),
                              tuple(dict.fromkeys(l for l in labels if l)), props)
            self.schemes.setdefault(scheme, []).append(concept)
            self.by_iri[str(iri)] = concept
        self._matchers: dict[str, Matcher] = {}
        self._abbreviations: frozenset[str] | None = None

    def concepts(self, scheme: str) -> list[Concept]:
        return self.schemes.get(scheme, [])

    def matcher(self, scheme: str) -> Matcher:
        if scheme not in self._matchers:
            self._matchers[scheme] = Matcher(self.concepts(scheme))
        return self._matchers[scheme]

    def concept(self, scheme: str, key: str) -> Concept:
        return self.by_iri[f"{VOCAB}{scheme}/{key}"]

    @property
    def abbreviations(self) -> frozenset[str]:
        """Labels written with a full stop ("TP." for thành phố, "TX." for thị xã): a sentence does not end at it."""
        if self._abbreviations is None:
            self._abbreviations = frozenset(label for concepts in self.schemes.values() for concept in concepts
                                            for label in concept.labels if label.endswith(".") and " " not in label)
        return self._abbreviations

    def words(self, scheme: str) -> set[str]:
        """All matching labels of a scheme, as view strings (for quick membership tests)."""
        return {view(label) for concept in self.concepts(scheme) for label in concept.labels}


def load_graph(paths: list[Path]) -> Graph:
    return parse_turtle(paths)


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    """All SKOS schemes, parsed once per process (the extractor, the reasoner and the validator share it)."""
    return load_graph(resources.vocabulary_files())


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary(vocabulary_graph())
