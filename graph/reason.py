"""Reasoning: OWL 2 RL entailments of the asserted facts, kept apart from them.

inferred.ttl holds only entailments that add information about the data:
  - not already asserted, and not part of the ontology or vocabularies;
  - no literal subjects, no reflexive owl:sameAs, no axiomatic rdf:/rdfs:/owl:/xsd: triples, no owl:Thing;
  - about the graph's own nodes (IRIs under id:), never new statements about the ontology's terms.

Two engines give the same triples:
  - `infer_owlrl`: owlrl's OWL-RL closure over ontology + data, then the filter. The reference; its cost grows
    fast with the graph (every rule over every triple until nothing changes).
  - `infer` (the default): the schema is closed once per process (sub-class and sub-property hierarchies,
    inverses, domains, ranges, transitive properties), then only the rules the data can fire are applied:
    cax-sco, prp-spo1, prp-spo2 (chains of two properties), prp-inv1/2, prp-dom, prp-rng, prp-trp.
    tests/test_reasoning.py checks that it equals the
    reference on every test article; bench/ measures both.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import owlrl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .namespaces import ID

_AXIOMATIC = (str(RDF), str(RDFS), str(OWL), str(XSD))
_NOISE_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
# rdflib's namespace attributes are looked up at each use: the closure's loops use these (4% of its time)
_TYPE, _SAME_AS, _DATA = RDF.type, OWL.sameAs, str(ID)


def _informative(triple, asserted: Graph, ontology: Graph) -> bool:
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode):
        return False
    if not s.startswith(_DATA):
        return False
    if p == _SAME_AS and s == o:
        return False
    if p == _TYPE and o in _NOISE_OBJECTS:
        return False
    if p.startswith(_AXIOMATIC) and p != _TYPE and p != _SAME_AS:
        return False
    return triple not in asserted and triple not in ontology


def _new_graph(like: Graph) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in like.namespaces():
        graph.bind(prefix, namespace)
    return graph


def infer_owlrl(asserted: Graph, ontology: Graph) -> Graph:
    """The reference: owlrl's full OWL-RL closure, filtered to what informs about the data."""
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in asserted:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    inferred = _new_graph(asserted)
    for triple in closure:
        if _informative(triple, asserted, ontology):
            inferred.add(triple)
    return inferred


class Schema:
    """The ontology's closed hierarchies, computed once."""

    def __init__(self, ontology: Graph):
        self.superclasses = self._closure(ontology, RDFS.subClassOf, OWL.equivalentClass)
        self.superproperties = self._closure(ontology, RDFS.subPropertyOf, OWL.equivalentProperty)
        self.inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
        for p, q in ontology.subject_objects(OWL.inverseOf):
            self.inverses[p].add(q)
            self.inverses[q].add(p)
        self.domains = self._values(ontology, RDFS.domain)
        self.ranges = self._values(ontology, RDFS.range)
        self.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        # prp-spo2: "p1 then p2 implies q", indexed by either link of the chain
        self.chains_by_first: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)
        self.chains_by_second: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)
        for implied, chain in ontology.subject_objects(OWL.propertyChainAxiom):
            links = list(Collection(ontology, chain))
            if len(links) != 2:
                raise NotImplementedError(f"a property chain of {len(links)} links ({implied}): only 2 are applied")
            first, second = links
            self.chains_by_first[first].append((second, implied))
            self.chains_by_second[second].append((first, implied))

    @staticmethod
    def _values(ontology: Graph, predicate) -> dict[URIRef, set]:
        values: dict[URIRef, set] = defaultdict(set)
        for s, o in ontology.subject_objects(predicate):
            values[s].add(o)
        return values

    @staticmethod
    def _closure(ontology: Graph, sub, equivalent) -> dict[URIRef, set[URIRef]]:
        direct: dict[URIRef, set[URIRef]] = defaultdict(set)
        for a, b in ontology.subject_objects(sub):
            direct[a].add(b)
        for a, b in ontology.subject_objects(equivalent):
            direct[a].add(b)
            direct[b].add(a)
        closed: dict[URIRef, set[URIRef]] = {}
        for start in list(direct):
            seen, todo = {start}, [start]
            while todo:
                for parent in direct.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            closed[start] = seen
        return closed

    def classes_of(self, cls) -> set:
        return self.superclasses.get(cls, {cls})

    def properties_of(self, prop) -> set:
        return self.superproperties.get(prop, {prop})


@lru_cache(maxsize=4)
def _schema(ontology: Graph) -> Schema:
    return Schema(ontology)


def infer(asserted: Graph, ontology: Graph) -> Graph:
    """The same entailments as infer_owlrl, by applying only the rules the data can fire."""
    inferred = _new_graph(asserted)
    for triple in infer_triples(set(asserted), ontology):
        inferred.add(triple)
    return inferred


def infer_triples(asserted: set, ontology: Graph) -> set:
    """infer, on a set of triples (what the build passes: no rdflib Graph to fill)."""
    schema = _schema(ontology)
    known = asserted
    derived: set = set()
    todo = list(known)

    def add(triple):
        if triple not in known and triple not in derived:
            derived.add(triple)
            todo.append(triple)

    by_transitive: dict[URIRef, dict] = defaultdict(lambda: defaultdict(set))
    # the edges of properties in a chain, both ways: a chain fires whichever of its links comes second
    chained = set(schema.chains_by_first) | set(schema.chains_by_second)
    forward: dict[URIRef, dict] = defaultdict(lambda: defaultdict(set))
    backward: dict[URIRef, dict] = defaultdict(lambda: defaultdict(set))
    while todo:
        s, p, o = todo.pop()
        if p == _TYPE:
            for cls in schema.classes_of(o):
                add((s, _TYPE, cls))
            continue
        for q in schema.properties_of(p):
            add((s, q, o))
            for domain in schema.domains.get(q, ()):
                add((s, _TYPE, domain))
            if not isinstance(o, Literal):
                for inverse in schema.inverses.get(q, ()):
                    add((o, inverse, s))
                for range_ in schema.ranges.get(q, ()):
                    add((o, _TYPE, range_))
            if q in chained and not isinstance(o, Literal):
                forward[q][s].add(o)
                backward[q][o].add(s)
                for second, implied in schema.chains_by_first.get(q, ()):
                    for after in list(forward[second].get(o, ())):
                        add((s, implied, after))
                for first, implied in schema.chains_by_second.get(q, ()):
                    for before in list(backward[first].get(s, ())):
                        add((before, implied, o))
            if q in schema.transitive:
                edges = by_transitive[q]
                edges[s].add(o)
                for before, afters in list(edges.items()):
                    if s in afters:
                        add((before, q, o))
                for after in list(edges.get(o, ())):
                    add((s, q, after))
    return {triple for triple in derived if _informative(triple, known, ontology)}
