"""Validation with pySHACL: the project's shapes, the ontology and vocabularies mixed in, no inference.

Warnings (sh:Warning, such as a headline total that differs from the award counts) are reported but do not
make a graph non-conforming, as with pySHACL's --allow-warnings.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, plugin
from rdflib.namespace import RDF
from rdflib.query import Processor

from . import resources
from .errors import InputError
from .output import nt_lines
from .namespaces import PREFIXES, SH, VOCAB
from .screen import Data, default_screen
from .shapes import shapes_graph
from .vocab import load_graph, vocabulary_graph


@lru_cache(maxsize=1)
def _pyshacl():
    """pySHACL, imported on first use with rdflib's SPARQL (a tenth of a second of start-up that most builds,
    which the screen clears, never need), and rdflib's SPARQL processor replaced by one that parses each query
    text once. pySHACL runs a SHACL-SPARQL constraint once per focus node with the same text and $this bound;
    parsing it anew each time (pyparsing) cost about 30 ms a node, far more than evaluating it (measured with
    bench/). The algebra is not changed by evaluation."""
    import pyshacl
    from rdflib.plugins.sparql.processor import SPARQLProcessor, evalQuery, parseQuery, translateQuery

    class CachedSPARQLProcessor(SPARQLProcessor):
        _translated: dict = {}

        def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
            if isinstance(strOrQuery, str):
                key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
                if key not in self._translated:
                    self._translated[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
                strOrQuery = self._translated[key]
            return evalQuery(self.graph, strOrQuery, initBindings, base)

    globals()["CachedSPARQLProcessor"] = CachedSPARQLProcessor   # rdflib's plugin registry finds it by name here
    plugin.register("sparql", Processor, __name__, "CachedSPARQLProcessor")
    return pyshacl


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and all vocabularies: the terms the data uses, for reasoning."""
    graph = Graph()
    for part in (_ontology_only(), vocabulary_graph()):
        for triple in part:
            graph.add(triple)
    return graph


@dataclass(frozen=True)
class Result:
    """One validation result, its terms as rdflib terms (picklable, so reports merge across processes)."""

    severity: URIRef
    focus: object
    path: object
    shape: object
    component: object
    message: object
    value: object

    def key(self) -> tuple:
        return tuple("" if t is None else str(t) for t in (self.focus, self.shape, self.path, self.value, self.message))


@dataclass
class Report:
    conforms: bool
    results: list[Result]

    @classmethod
    def from_pyshacl(cls, graph: Graph) -> "Report":
        rows = []
        for node in graph.subjects(RDF.type, SH.ValidationResult):
            value = lambda p: graph.value(node, p)  # noqa: E731
            rows.append(Result(value(SH.resultSeverity), value(SH.focusNode), value(SH.resultPath),
                               value(SH.sourceShape), value(SH.sourceConstraintComponent),
                               value(SH.resultMessage), value(SH.value)))
        return cls.of(rows)

    @classmethod
    def of(cls, results) -> "Report":
        unique = sorted(set(results), key=Result.key)
        return cls(not any(r.severity == SH.Violation for r in unique), unique)

    @classmethod
    def merge(cls, reports: list["Report"]) -> "Report":
        return cls.of(r for report in reports for r in report.results)

    def focus_nodes(self) -> set[str]:
        """The IRIs the results are about, in N-Triples form."""
        return {f"<{r.focus}>" for r in self.results if isinstance(r.focus, URIRef)}

    def without(self, nodes: set[str]) -> "Report":
        """The report without the results about these nodes (N-Triples form)."""
        return Report.of(r for r in self.results if f"<{r.focus}>" not in nodes) if nodes else self

    @property
    def graph(self) -> Graph:
        """The report as SHACL's validation report vocabulary (blank nodes; output.turtle labels them by content)."""
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        report = BNode()
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for result in self.results:
            node = BNode()
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            for predicate, term in ((SH.resultSeverity, result.severity), (SH.focusNode, result.focus),
                                    (SH.resultPath, result.path), (SH.sourceShape, result.shape),
                                    (SH.sourceConstraintComponent, result.component),
                                    (SH.resultMessage, result.message), (SH.value, result.value)):
                if term is not None:
                    graph.add((node, predicate, term))
        return graph

    def counts(self) -> dict[str, int]:
        counts = {"Violation": 0, "Warning": 0, "Info": 0}
        for result in self.results:
            name = str(result.severity).rsplit("#", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
        return counts

    def rows(self) -> list[dict]:
        return [{"severity": str(r.severity), "focus": str(r.focus), "path": None if r.path is None else str(r.path),
                 "shape": str(r.shape), "message": None if r.message is None else str(r.message),
                 "value": None if r.value is None else str(r.value)} for r in self.results]

    @property
    def text(self) -> str:
        """Readable, one block per result, sorted: what, where, why."""
        counts = self.counts()
        lines = [f"Conforms: {self.conforms} ({counts['Violation']} violations, {counts['Warning']} warnings)"]
        for row in self.rows():
            lines.append(f"- {row['severity'].rsplit('#', 1)[-1]}: {row['message']}")
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


def _ntriples(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


@lru_cache(maxsize=1)
def _ontology_ntriples() -> bytes:
    return _ntriples(_ontology_only())


def _concepts(data) -> Graph:
    """The descriptions of the vocabulary concepts the data (a Graph or a set of triples) points to."""
    return _describe({o for _, _, o in data if isinstance(o, URIRef) and o.startswith(VOCAB)})


def _describe(concepts) -> Graph:
    described = Graph()
    vocabularies = vocabulary_graph()
    for concept in concepts:
        for triple in vocabularies.triples((concept, None, None)):
            described.add(triple)
    return described


@lru_cache(maxsize=1)
def ontology_data() -> Data:
    return Data().add(_ontology_only())


def screen_findings(data, lines=None, only: set | None = None, merged: bool = False,
                    results: list | None = None) -> set[tuple[str, str]] | None:
    """What the screen (vnkg.screen) finds in the data, as (focus node, shape) pairs; None when the shapes use
    a feature it does not evaluate, or when VNKG_VALIDATOR=pyshacl asks for pySHACL alone. `lines`, the data's
    N-Triples lines when the caller has them, save writing them again for the store the SHACL-SPARQL parts run
    in; `only` limits the focus nodes to these; `merged` runs the merge tests alone (vnkg.screen). With
    `results`, the SHACL-SPARQL constraints whose results the screen writes as pySHACL does add those Results
    to it rather than pairs (Screen.findings' rows)."""
    screen = default_screen()
    if screen is None or os.environ.get("VNKG_VALIDATOR") == "pyshacl":
        return None
    index = Data(ontology_data()).add(data)
    concepts = _describe(index.vocabulary_terms())
    index.add(concepts)
    made: list[ox.Store] = []

    def store() -> ox.Store:
        if not made:
            made.append(ox.Store())
            rows = "\n".join(lines if lines is not None else nt_lines(data)).encode("utf-8")
            for part in (_ontology_ntriples(), _ntriples(concepts), rows):
                made[0].load(part, format=ox.RdfFormat.N_TRIPLES)
        return made[0]
    rows = None if results is None else []
    found = screen.findings(index, store, only, merged, rows)
    if rows:
        results.extend(Result(*row) for row in rows)
    return found


def validate(data, shapes: Graph | None = None, lines=None, screen: bool = True, focus: set | None = None) -> Report:
    """Validate data (an rdflib Graph or a set of triples) with the descriptions of the concepts it points to
    beside it (so sh:class skos:Concept holds for them) and the ontology's class and property axioms mixed in by pySHACL. The vocabularies
    themselves are checked by the tests, not on every build.

    With the project's shapes, the data is screened first (vnkg.screen): when the screen finds nothing, the
    data conforms with no results and pySHACL is not run. VNKG_VALIDATOR=pyshacl always runs pySHACL.
    `focus` limits validation to these focus nodes (pySHACL's focus_nodes)."""
    if focus is not None and not focus:
        return Report(True, [])
    written: list[Result] = []
    if screen and shapes is None:
        if screen_findings(data, lines, only=focus, results=written) == set():
            return Report.of(written)
    concepts = _concepts(data)
    mixed = Graph()
    for part in (data, concepts):
        for triple in part:
            mixed.add(triple)
    try:
        conforms, report, _ = _pyshacl().validate(
            mixed, shacl_graph=shapes if shapes is not None else shapes_graph(), ont_graph=_ontology_only(),
            inference="none", advanced=True, allow_warnings=True, abort_on_first=False, inplace=True,
            focus_nodes=sorted(str(node) for node in focus) if focus else None)
    except Exception as error:  # pySHACL stops, rather than reports, on some literals its SPARQL cannot read
        raise InputError(f"pySHACL could not validate the graph ({type(error).__name__}: {error}); "
                         "look for a literal that is not of its datatype") from error
    return Report.of(with_written(Report.from_pyshacl(report).results, written))


def with_written(results: list[Result], written: list[Result]) -> list[Result]:
    """pySHACL's results, those of the SHACL-SPARQL constraints the screen wrote the results of replaced by the
    screen's (the same results: tests/test_screen.py): when pySHACL runs for another finding, the two may still
    read an ill-typed value each its own way, and one result must not be reported twice."""
    if not written:
        return results
    shapes = default_screen().sparql_written()
    return [r for r in results if r.component != SH.SPARQLConstraintComponent or str(r.shape) not in shapes] + written
