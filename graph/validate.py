"""Validation with pySHACL: the project's shapes, the ontology and vocabularies mixed in, no inference.

Warnings (sh:Warning, such as a headline total that differs from the award counts) are reported but do not
make a graph non-conforming, as with pySHACL's --allow-warnings.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyshacl
from rdflib import BNode, Graph, URIRef, plugin
from rdflib.namespace import RDF
from rdflib.plugins.sparql.processor import SPARQLProcessor, evalQuery, parseQuery, translateQuery
from rdflib.query import Processor

from . import resources
from .namespaces import PREFIXES, SH
from .vocab import load_graph


class CachedSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, parsing each query text once. pySHACL runs a SHACL-SPARQL constraint once per
    focus node with the same text and $this bound; parsing it anew each time (pyparsing) cost about 30 ms a
    node, far more than evaluating it (measured with bench/). The algebra is not changed by evaluation."""

    _translated: dict = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in self._translated:
                self._translated[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = self._translated[key]
        return evalQuery(self.graph, strOrQuery, initBindings, base)


plugin.register("sparql", Processor, __name__, "CachedSPARQLProcessor")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return name_shapes(load_graph([resources.SHAPES_FILE]))


def name_shapes(graph: Graph) -> Graph:
    """Give property and SPARQL constraints written as blank nodes an IRI after their node shape and path
    (shapes#PersonShape-name), so a report's sh:sourceShape says which rule spoke."""
    names: dict[BNode, URIRef] = {}
    for link in (SH.property, SH.sparql):
        for shape, constraint in sorted(graph.subject_objects(link)):
            if not isinstance(constraint, BNode) or not isinstance(shape, URIRef):
                continue
            path = graph.value(constraint, SH.path)
            local = str(path).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if isinstance(path, URIRef) else "sparql"
            name, n = URIRef(f"{shape}-{local}"), 2
            while name in names.values():
                name, n = URIRef(f"{shape}-{local}-{n}"), n + 1
            names[constraint] = name
    named = Graph()
    for prefix, namespace in graph.namespaces():
        named.bind(prefix, namespace)
    for s, p, o in graph:
        named.add((names.get(s, s), p, names.get(o, o)))
    return named


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and all vocabularies: the terms the data uses, mixed into validation and reasoning."""
    return load_graph([resources.ONTOLOGY_FILE] + resources.vocabulary_files())


@dataclass
class Report:
    conforms: bool
    graph: Graph
    text: str

    def results(self) -> list[dict]:
        rows = []
        for result in self.graph.subjects(RDF.type, SH.ValidationResult):
            def get(p):
                value = self.graph.value(result, p)
                return None if value is None else str(value)
            rows.append({"severity": get(SH.resultSeverity), "focus": get(SH.focusNode), "path": get(SH.resultPath),
                         "shape": get(SH.sourceShape), "message": get(SH.resultMessage), "value": get(SH.value)})
        return sorted(rows, key=lambda r: tuple(v or "" for v in r.values()))

    def counts(self) -> dict[str, int]:
        counts = {"Violation": 0, "Warning": 0, "Info": 0}
        for row in self.results():
            counts[(row["severity"] or "").rsplit("#", 1)[-1]] = counts.get((row["severity"] or "").rsplit("#", 1)[-1], 0) + 1
        return counts

    def human(self) -> str:
        """Readable, one block per result, sorted: what, where, why."""
        counts = self.counts()
        lines = [f"Conforms: {self.conforms} ({counts['Violation']} violations, {counts['Warning']} warnings)"]
        for row in self.results():
            lines.append(f"- {(row['severity'] or '').rsplit('#', 1)[-1]}: {row['message']}")
            lines.append(f"    focus: {row['focus']}")
            if row["path"]:
                lines.append(f"    path:  {row['path']}")
            if row["value"]:
                lines.append(f"    value: {row['value'][:200]}")
            lines.append(f"    shape: {row['shape']}")
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def _ontology_only() -> Graph:
    return load_graph([resources.ONTOLOGY_FILE])


@lru_cache(maxsize=1)
def _vocabularies() -> Graph:
    return load_graph(resources.vocabulary_files())


def validate(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate data with the vocabularies' concepts beside it (so sh:class skos:Concept holds for the
    concepts it points to) and the ontology's class and property axioms mixed in by pySHACL."""
    mixed = Graph()
    for triple in data:
        mixed.add(triple)
    for triple in _vocabularies():
        mixed.add(triple)
    conforms, report, _ = pyshacl.validate(
        mixed, shacl_graph=shapes if shapes is not None else shapes_graph(), ont_graph=_ontology_only(),
        inference="none", advanced=True, allow_warnings=True, abort_on_first=False, inplace=True)
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    result = Report(bool(conforms), report, "")
    result.text = result.human()
    return result
