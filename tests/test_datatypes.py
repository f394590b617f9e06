"""Counts and offsets are xsd:integer with sh:minInclusive 0, datatypes every store keeps (Oxigraph, Jena and
Virtuoso gave xsd:nonNegativeInteger back differently): the build emits them, the shapes reject a negative one,
and the screen reads sh:minInclusive as pySHACL does (so pySHACL is still skipped on a clean chunk)."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from test_shapes import load
from vnkg.validation import screen_findings, validate

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
VNKG = "https://w3id.org/vnkg/ontology#"
FOCUS = URIRef("https://example.org/test/focus")
COUNTS_AND_OFFSETS = [URIRef(NIF + "beginIndex"), URIRef(NIF + "endIndex"), URIRef(VNKG + "recipientCount"),
                      URIRef(VNKG + "headlineAwardTotal")]


def test_the_build_writes_counts_and_offsets_as_xsd_integer(fixtures_build):
    graph = Graph().parse(fixtures_build / "graph.ttl")
    found = {p: {o.datatype for o in graph.objects(None, p)} for p in COUNTS_AND_OFFSETS}
    assert found == {p: {XSD.integer} for p in COUNTS_AND_OFFSETS}


def with_begin(value: str) -> Graph:
    graph = load("MentionShape.ok.ttl")
    graph.remove((FOCUS, URIRef(NIF + "beginIndex"), None))
    graph.parse(data=f"@prefix xsd: <{XSD}> .\n<{FOCUS}> <{NIF}beginIndex> {value} .", format="turtle")
    return graph


def test_an_offset_as_xsd_integer_conforms_and_a_negative_one_is_reported_by_its_minimum():
    assert validate(with_begin('"17"^^xsd:integer')).rows() == []
    results = validate(with_begin('"-1"^^xsd:integer'), screen=False).results
    assert "http://www.w3.org/ns/shacl#MinInclusiveConstraintComponent" in [str(r.component) for r in results
                                                                            if r.focus == FOCUS]


def with_count(value: str) -> Graph:
    graph = load("AwardConferralShape.ok.ttl")
    graph.remove((FOCUS, URIRef(VNKG + "recipientCount"), None))
    graph.parse(data=f"@prefix xsd: <{XSD}> .\n<{FOCUS}> <{VNKG}recipientCount> {value} .", format="turtle")
    return graph


def test_a_negative_count_is_a_violation():
    assert validate(with_count('"4"^^xsd:integer')).rows() == []
    report = validate(with_count('"-4"^^xsd:integer'))
    assert not report.conforms and any(r["focus"] == str(FOCUS) for r in report.rows())


@pytest.mark.parametrize("value", ['"-1"^^xsd:integer', '"0"^^xsd:integer', '"+5"^^xsd:integer', '"-0"^^xsd:integer',
                                   '"x"^^xsd:integer', '"1.5"^^xsd:decimal', '"-1.5"^^xsd:decimal', '"5"',
                                   '"5"@vi', '"-1e0"^^xsd:double', '"17"^^xsd:nonNegativeInteger', '<https://x.org/5>'])
def test_the_screen_reads_the_minimum_as_pyshacl_does(value):
    graph = with_count(value)
    assert screen_findings(graph) == {(r["focus"], r["shape"]) for r in validate(graph, screen=False).rows()}
