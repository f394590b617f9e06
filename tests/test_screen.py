"""The screen (vnkg.screen) finds exactly what pySHACL reports, as (focus node, shape) pairs: on every shape
fixture, on the test articles, and on builds damaged at random. When it finds nothing pySHACL is not run, so a
pair it missed would be a violation nobody reports; these tests are what makes skipping pySHACL safe."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from conftest import ARTICLES, ROOT, run_vnkg
from test_shapes import FIXTURES, load
from vnkg.articles import read_article
from vnkg.errors import InputError
from vnkg.emit import emit
from vnkg.extraction import extract
from vnkg.screen import MERGE_COMPONENTS, compile_shapes, default_screen
from vnkg import validation
from vnkg.validation import screen_findings, shapes_graph, validate


def pyshacl_pairs(graph: Graph) -> set[tuple[str, str]]:
    return {(r["focus"], r["shape"]) for r in validate(graph, screen=False).rows()}


def build_graph(paths) -> Graph:
    return emit([extract(read_article(p), str(p)) for p in paths], build=URIRef("https://w3id.org/vnkg/id/build/test"))


ARTICLE_GRAPH = build_graph(sorted(ARTICLES.glob("*.txt")) + [ROOT / "graph" / "articles" / "000_911fb93c9fb50e44.txt"])


def test_the_project_shapes_compile():
    assert default_screen() is not None


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_")))
def test_screen_finds_what_pyshacl_reports_on_each_fixture(name):
    graph = load(name)
    assert screen_findings(graph) == pyshacl_pairs(graph)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_")))
def test_the_merge_tests_find_what_pyshacl_reports_with_a_merge_component(name):
    """The cross-chunk check of a build runs the merge tests alone and keeps pySHACL's results of these
    components: the two must be the same constraints."""
    graph = load(name)
    reported = {(str(r.focus), str(r.shape)) for r in validate(graph, screen=False).results
                if r.component in MERGE_COMPONENTS}
    assert screen_findings(graph, merged=True) == reported


def test_the_merge_tests_read_the_paths_they_count_and_what_sparql_reads():
    predicates = default_screen().merge_predicates()
    foaf_name = URIRef("http://xmlns.com/foaf/0.1/name")                      # sh:maxCount 1
    holds = URIRef("http://www.w3.org/ns/org#holds")                           # in EventShape's SPARQL
    denoted_by = URIRef("https://w3id.org/vnkg/ontology#denotedBy")            # sh:minCount and sh:class only
    assert {RDF.type, foaf_name, holds} <= predicates and denoted_by not in predicates
    any_predicate = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] .""")
    assert compile_shapes(any_predicate)[0].sparql
    from vnkg.screen import Screen
    assert Screen(compile_shapes(any_predicate)).merge_predicates() is None


def test_the_merge_tests_of_the_shapes_that_may_target_an_entity_read_only_what_those_shapes_read():
    """The cross-chunk check reads, of the entities several chunks describe, what the shapes that may target them
    read: a person's check does not pull in the articles' texts, which the quote check reads of a span."""
    screen, ontology = default_screen(), validation.ontology_data()
    vnkg, nif = "https://w3id.org/vnkg/ontology#", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    foaf_name, is_string = URIRef("http://xmlns.com/foaf/0.1/name"), URIRef(nif + "isString")
    person = screen.merge_predicates(ontology, {URIRef(vnkg + "Person")}, {RDF.type, foaf_name})
    assert foaf_name in person and is_string not in person
    assert URIRef(vnkg + "headlineAwardTotal") not in person
    article = screen.merge_predicates(ontology, {URIRef(vnkg + "Article")}, {RDF.type})
    assert URIRef(vnkg + "headlineAwardTotal") in article
    # a subclass is targeted by its superclass's shapes; the quote's SPARQL target by the predicates it requires
    unit = screen.merge_predicates(ontology, {URIRef(vnkg + "OrganizationalUnit")}, {RDF.type})
    assert screen.merge_predicates(ontology, {URIRef(vnkg + "Organization")}, {RDF.type}) <= unit
    span = {URIRef(nif + name) for name in ("referenceContext", "beginIndex", "endIndex", "anchorOf")}
    assert is_string in screen.merge_predicates(ontology, set(), span)
    assert is_string not in screen.merge_predicates(ontology, set(), span - {URIRef(nif + "anchorOf")})


def test_screen_finds_what_pyshacl_reports_on_the_articles():
    assert screen_findings(ARTICLE_GRAPH) == pyshacl_pairs(ARTICLE_GRAPH)


@pytest.mark.parametrize("name", ['"Bế Thanh Tịnh"@vi-VN', '"Bế Thanh Tịnh"@VI', '"Bế Thanh Tịnh"@en',
                                  '"Bế Thanh Tịnh"', '" Bế Thanh Tịnh"@vi', '"Bế Thanh Tịnh"@vi, "Bế Tịnh"@vi'])
def test_edge_values_are_read_as_pyshacl_reads_them(name):
    """Language tags with a region or in capitals, a missing tag, a stray space, two values."""
    graph = load("PersonShape.ok.ttl")
    graph.remove((None, URIRef("http://xmlns.com/foaf/0.1/name"), None))
    graph.parse(data=f"<https://example.org/test/focus> <http://xmlns.com/foaf/0.1/name> {name} .", format="turtle")
    assert screen_findings(graph) == pyshacl_pairs(graph)


@pytest.mark.parametrize("offset", ['"17"^^xsd:nonNegativeInteger', '"-1"^^xsd:nonNegativeInteger',
                                    '"x"^^xsd:nonNegativeInteger', '"17"^^xsd:integer', '"17"', '"017"^^xsd:nonNegativeInteger'])
def test_edge_datatypes_are_read_as_pyshacl_reads_them(offset):
    graph = load("MentionShape.ok.ttl")
    begin = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex")
    graph.remove((None, begin, None))
    graph.parse(data="@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                     f"<https://example.org/test/focus> <{begin}> {offset} .", format="turtle")
    assert_screen_agrees(graph)


def test_a_clean_screen_gives_an_empty_conforming_report_and_a_finding_gives_pyshacls():
    seed = build_graph([ROOT / "graph" / "articles" / "000_911fb93c9fb50e44.txt"])
    assert screen_findings(seed) == set()
    clean = validate(seed)
    assert (clean.conforms, clean.rows()) == (True, [])
    bad = load("PersonShape.bad.ttl")
    assert validate(bad).rows() == validate(bad, screen=False).rows() != []


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_")))
def test_the_report_is_pyshacls_with_the_sparql_results_the_screen_writes(name):
    """The screen writes the results of most SHACL-SPARQL constraints itself: the report is still pySHACL's,
    result for result (focus, path, shape, component, message, value, severity)."""
    graph = load(name)
    assert validate(graph).results == validate(graph, screen=False).results


def test_sparql_results_are_written_without_pyshacl(monkeypatch):
    """A post attested for two persons on one day: the warning is written from the screen's SPARQL alone (on a
    large merged graph rdflib's join took most of the build's check)."""
    graph = load("SingleHolderShape.bad.ttl")
    expected = validate(graph, screen=False).results
    monkeypatch.setattr(validation, "_pyshacl", lambda: pytest.fail("pySHACL ran"))
    report = validate(graph)
    assert report.results == expected and {str(r.shape) for r in report.results} == {
        "https://w3id.org/vnkg/shapes#SingleHolderShape"}


def test_the_merge_tests_write_the_sparql_results_pyshacl_reports():
    """What the cross-chunk check keeps: the pairs of the merge tests the screen does not write, and the results it
    does write, are together pySHACL's results with a merge component."""
    for name in ("SingleHolderShape.bad.ttl", "ChairHoldsPostShape.bad.ttl", "PersonShape.bad.ttl"):
        graph = load(name)
        written = []
        pairs = screen_findings(graph, merged=True, results=written)
        reported = [r for r in validate(graph, screen=False).results if r.component in MERGE_COMPONENTS]
        assert set(written) == {r for r in reported if str(r.shape) in default_screen().sparql_written()}, name
        assert pairs == {(str(r.focus), str(r.shape)) for r in reported if r not in written}, name


def test_a_shape_with_a_feature_the_screen_does_not_know_leaves_validation_to_pyshacl():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ; sh:closed true .""")
    assert compile_shapes(shapes) is None
    assert compile_shapes(shapes_graph()) is not None


# Damage that shapes look at: a triple gone, a second value, a literal with another datatype, language or text,
# a node retyped.
subjects = sorted({s for s in ARTICLE_GRAPH.subjects() if isinstance(s, URIRef)})
damage = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 10**6)),
    st.tuples(st.just("second value"), st.integers(0, 10**6), st.sampled_from(["x", "", " y", "06-ĐA/TU", "12"])),
    st.tuples(st.just("retype literal"), st.integers(0, 10**6),
              st.sampled_from([XSD.integer, XSD.nonNegativeInteger, XSD.date, XSD.string, XSD.gYear, None])),
    st.tuples(st.just("language"), st.integers(0, 10**6), st.sampled_from(["vi", "en", "vi-VN", "fr", None])),
    st.tuples(st.just("lexical"), st.integers(0, 10**6), st.sampled_from(["-1", "abc", "2020-13-45", " ", "07"])),
    st.tuples(st.just("retype node"), st.integers(0, 10**6), st.integers(0, 10**6)),
)


def damaged(edits) -> Graph:
    graph = Graph()
    triples = sorted(ARTICLE_GRAPH)
    for triple in triples:
        graph.add(triple)
    literals = [t for t in triples if isinstance(t[2], Literal)]
    types = sorted(set(ARTICLE_GRAPH.objects(None, RDF.type)))
    for edit in edits:
        kind, n = edit[0], edit[1]
        if kind == "drop":
            graph.remove(triples[n % len(triples)])
        elif kind == "second value":
            s, p, _ = literals[n % len(literals)]
            graph.add((s, p, Literal(edit[2])))
        elif kind == "retype literal":
            s, p, o = literals[n % len(literals)]
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o), datatype=edit[2])))
        elif kind == "language":
            s, p, o = literals[n % len(literals)]
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o), lang=edit[2])))
        elif kind == "lexical":
            s, p, o = literals[n % len(literals)]
            graph.remove((s, p, o))
            graph.add((s, p, Literal(edit[2], datatype=o.datatype, lang=o.language)))
        else:
            graph.set((subjects[n % len(subjects)], RDF.type, types[edit[2] % len(types)]))
    return graph


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(damage, min_size=1, max_size=4))
def test_on_damaged_builds_the_screen_passes_nothing_pyshacl_would_report(edits):
    """What skipping pySHACL relies on: when pySHACL has anything to report, the screen finds something; and the
    Core constraints (property shapes) give exactly pySHACL's (focus node, shape) pairs. SHACL-SPARQL results may
    fall on other nodes on damaged data, as rdflib and pyoxigraph read ill-typed values each their own way."""
    assert_screen_agrees(damaged(edits))


def assert_screen_agrees(graph: Graph) -> None:
    found = screen_findings(graph)
    try:
        reported = pyshacl_pairs(graph)
    except InputError:      # pySHACL gave up on this graph: the screen must not call it clean
        assert found
        return
    assert found or not reported
    sparql = {c.shape for c in default_screen().checks if c.sparql or c.sparql_targets}
    assert {p for p in found if p[1] not in sparql} == {p for p in reported if p[1] not in sparql}


def test_a_build_writes_the_same_files_with_the_screen_as_with_pyshacl_alone(fixtures_build, tmp_path):
    """The test articles include a headline total that differs from its award counts: the screen finds it, and
    pySHACL's warning is what the report says, exactly as when pySHACL validates every chunk."""
    out = tmp_path / "pyshacl-alone"
    done = run_vnkg("build", *sorted(ARTICLES.glob("*.txt")), "-o", out, env={"VNKG_VALIDATOR": "pyshacl"})
    assert done.returncode == 0, done.stderr.decode()
    assert b"HeadlineTotalShape" in (fixtures_build / "shacl-report.ttl").read_bytes()
    for name in ("graph.ttl", "inferred.ttl", "shacl-report.ttl", "shacl-report.txt"):
        assert (fixtures_build / name).read_bytes() == (out / name).read_bytes(), name
