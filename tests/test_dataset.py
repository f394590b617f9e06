"""The build describes itself (void.ttl: VoID and DCAT), the ontology carries its version IRI and license, and
`--no-text` leaves the articles' whole texts out while every quote stays checked and every query answers."""
import re

import pyoxigraph as ox
import pytest

from conftest import ARTICLES, QUERIES, ROOT, run_vnkg
from test_store import OxigraphServer
from test_stores_suite import expected, rows

from vnkg import __version__

QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))
VOID_GRAPH = "https://w3id.org/vnkg/graph/void"
PREFIXES = """PREFIX void: <http://rdfs.org/ns/void#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


def store_of(*files) -> ox.Store:
    store = ox.Store()
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def select(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(term.value if term is not None else None for term in solution)
            for solution in store.query(PREFIXES + query)]


def count(path) -> int:
    return sum(1 for _ in ox.parse(path=str(path)))


@pytest.fixture(scope="module")
def no_text_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("no-text") / "build"
    done = run_vnkg("build", *sorted(ARTICLES.glob("*.txt")), "-o", out, "--no-text")
    assert done.returncode == 0, done.stderr.decode()
    return out


# --- the description -----------------------------------------------------------------------------------------

def test_the_build_writes_a_description_that_counts_its_triples_and_entities(fixtures_build):
    void = fixtures_build / "void.ttl"
    store = store_of(fixtures_build / "graph.ttl", fixtures_build / "inferred.ttl")
    description = store_of(void)
    [(dataset, triples, entities)] = select(description, """SELECT ?d ?t ?e WHERE {
        ?d a void:Dataset , dcat:Dataset ; void:triples ?t ; void:entities ?e }""")
    assert int(triples) == count(fixtures_build / "graph.ttl") + count(fixtures_build / "inferred.ttl")
    typed = select(store_of(fixtures_build / "graph.ttl"), "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }")
    assert int(entities) == int(typed[0][0])
    # entities per class, over the asserted and the inferred types
    partitions = dict(select(description, "SELECT ?c ?n WHERE { ?d void:classPartition [ void:class ?c ; void:entities ?n ] }"))
    actual = dict(select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"))
    assert partitions == actual
    assert int(partitions["https://w3id.org/vnkg/ontology#Person"]) > 0
    assert int(partitions["http://xmlns.com/foaf/0.1/Person"]) > 0      # an inferred class counts too
    properties = dict(select(description, "SELECT ?p ?n WHERE { ?d void:propertyPartition [ void:property ?p ; void:triples ?n ] }"))
    assert properties == dict(select(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"))
    subsets = dict(select(description, "SELECT ?desc ?n WHERE { ?d void:subset [ void:triples ?n ; dcterms:description ?desc ] }"))
    assert sorted(int(n) for n in subsets.values()) == sorted([count(fixtures_build / "graph.ttl"),
                                                               count(fixtures_build / "inferred.ttl")])


def test_the_description_names_vocabularies_software_build_sources_and_ontology(fixtures_build):
    description = store_of(fixtures_build / "void.ttl")
    data = store_of(fixtures_build / "graph.ttl")
    vocabularies = {v for (v,) in select(description, "SELECT ?v WHERE { ?d void:vocabulary ?v }")}
    assert {"https://w3id.org/vnkg/ontology#", "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/",
            "https://w3id.org/vnkg/vocab/post-title"} <= vocabularies
    [(software, build, ontology)] = select(description, """SELECT ?s ?b ?o WHERE {
        ?d dcterms:creator ?s ; prov:wasGeneratedBy ?b ; dcterms:conformsTo ?o }""")
    # they are the nodes graph.ttl describes: the software with its version, the build that used the articles
    assert select(data, f"SELECT ?v WHERE {{ <{software}> a vnkg:Software ; schema:softwareVersion ?v }}") == [(__version__,)]
    assert bool(data.query(PREFIXES + f"ASK {{ <{build}> a vnkg:Build ; prov:used ?article }}"))
    assert ontology == f"https://w3id.org/vnkg/ontology/{__version__}"
    sources = {s for (s,) in select(description, "SELECT ?s WHERE { ?d dcterms:source ?s }")}
    articles = {a for (a,) in select(data, "SELECT ?a WHERE { ?a a vnkg:Article }")}
    assert sources == articles and len(articles) == len(list(ARTICLES.glob("*.txt")))
    # no license given: the description says so and points to each article's own
    assert select(description, "SELECT ?l WHERE { ?d dcterms:license ?l }") == []
    assert len(select(description, "SELECT ?r WHERE { ?d dcterms:rights ?r }")) == 1


def test_the_description_repeats_no_triple_of_the_data(fixtures_build):
    """A store's union default graph would count a triple in two graphs twice."""
    description = {str(t) for t in ox.parse(path=str(fixtures_build / "void.ttl"))}
    data = {str(t) for name in ("graph.ttl", "inferred.ttl") for t in ox.parse(path=str(fixtures_build / name))}
    assert description and not description & data


def test_the_description_is_deterministic(fixtures_build, tmp_path):
    again = tmp_path / "again"
    done = run_vnkg("build", *sorted(ARTICLES.glob("*.txt"), reverse=True), "-o", again, "-j", "1")
    assert done.returncode == 0, done.stderr.decode()
    assert (again / "void.ttl").read_bytes() == (fixtures_build / "void.ttl").read_bytes()


def test_a_license_given_to_the_build_is_the_data_s_license(tmp_path):
    license = "https://creativecommons.org/licenses/by/4.0/"
    done = run_vnkg("build", "-o", tmp_path / "b", "--license", license)
    assert done.returncode == 0, done.stderr.decode()
    description = store_of(tmp_path / "b" / "void.ttl")
    assert select(description, "SELECT ?l WHERE { ?d dcterms:license ?l }") == [(license,)]
    assert select(description, "SELECT ?r WHERE { ?d dcterms:rights ?r }") == []
    done = run_vnkg("build", "-o", tmp_path / "c", "--license", "CC BY 4.0")
    assert done.returncode == 2 and b"not an absolute IRI" in done.stderr
    assert not (tmp_path / "c").exists()


def test_load_puts_the_description_in_its_own_named_graph_and_queries_answer_as_before(fixtures_build, tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        done = run_vnkg("load", "--data", fixtures_build, "--endpoint", f"{server.url}/store")
        assert done.returncode == 0, done.stderr.decode()
        assert VOID_GRAPH.encode() in done.stdout
        assert len(server.triples(VOID_GRAPH)) == count(fixtures_build / "void.ttl") > 0
        for name in QUERY_NAMES:
            answer = run_vnkg("query", name, "--endpoint", f"{server.url}/query", "--format", "csv")
            assert answer.returncode == 0, answer.stderr.decode()
            assert rows(answer.stdout) == expected(name), name
    finally:
        server.stop()


def test_the_description_is_in_its_own_graph_locally_and_in_the_quad_exports(fixtures_build):
    done = run_vnkg("query", str(_graph_query_file(fixtures_build)), "--data", fixtures_build, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines()[1:] == [VOID_GRAPH]
    quads = ox.parse(run_vnkg("export", "--data", fixtures_build, "--format", "nq").stdout, format=ox.RdfFormat.N_QUADS)
    in_void = sum(1 for q in quads if q.graph_name.value == VOID_GRAPH)
    assert in_void == count(fixtures_build / "void.ttl")


def _graph_query_file(build):
    path = build.parent / "graph-of-description.rq"
    path.write_text(PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a void:Dataset } }\n", encoding="utf-8")
    return path


# --- the ontology ----------------------------------------------------------------------------------------------

def test_the_ontology_has_a_version_iri_and_a_license_matching_the_package():
    ontology = store_of(ROOT / "ontology" / "vnkg.ttl")
    [(info, version_iri, license)] = select(ontology, """SELECT ?i ?v ?l WHERE {
        <https://w3id.org/vnkg/ontology> a owl:Ontology ; owl:versionInfo ?i ; owl:versionIRI ?v ;
        dcterms:license ?l }""")
    assert info == __version__ and version_iri == f"https://w3id.org/vnkg/ontology/{__version__}"
    assert license == "https://spdx.org/licenses/MIT"
    assert re.search(r"^MIT License", (ROOT / "LICENSE").read_text(encoding="utf-8"))


# --- --no-text ---------------------------------------------------------------------------------------------------

def test_no_text_leaves_the_whole_texts_out_and_keeps_every_quote_at_its_offsets(fixtures_build, no_text_build):
    full = store_of(fixtures_build / "graph.ttl")
    texts = dict(select(full, "SELECT ?a ?t WHERE { ?a nif:isString ?t }"))
    assert texts
    data = store_of(no_text_build / "graph.ttl")
    assert select(data, "SELECT ?t WHERE { ?a nif:isString ?t }") == []
    mentions = select(data, """SELECT ?a ?b ?e ?q WHERE {
        ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?q }""")
    assert len(mentions) > 100
    for article, begin, end, quote in mentions:
        assert texts[article][int(begin):int(end)] == quote
    # everything else is the same graph
    full_lines = {str(t) for t in ox.parse(path=str(fixtures_build / "graph.ttl")) if "isString" not in str(t.predicate)}
    assert {str(t) for t in ox.parse(path=str(no_text_build / "graph.ttl"))} == full_lines


def test_no_text_counts_and_describes_what_it_wrote(fixtures_build, no_text_build):
    assert count(no_text_build / "graph.ttl") == count(fixtures_build / "graph.ttl") - len(list(ARTICLES.glob("*.txt")))
    [(triples,)] = select(store_of(no_text_build / "void.ttl"), "SELECT ?t WHERE { ?d a dcat:Dataset ; void:triples ?t }")
    assert int(triples) == count(no_text_build / "graph.ttl") + count(no_text_build / "inferred.ttl")
    [(description,)] = select(store_of(no_text_build / "void.ttl"), "SELECT ?t WHERE { ?d a dcat:Dataset ; dcterms:description ?t }")
    assert "--no-text" in description


def test_no_text_validates_the_quotes_against_the_texts_before_leaving_them_out(tmp_path):
    """The build validates (quotes against texts included) on triples that still hold the texts; only the
    written files lack them."""
    from vnkg import resources
    from vnkg.pipeline import build, write_build

    result = build(resources.bundled_articles(), jobs=1)
    try:
        validated = result.asserted_file.read_text(encoding="utf-8")
        assert "nif-core#isString>" in validated and result.report.conforms
        asserted_before = result.triples[0]
        write_build(result, tmp_path / "out", keep_text=False)
        assert "isString" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
        assert result.triples[0] == asserted_before - 1
    finally:
        result.close()


def test_no_text_build_conforms_and_every_query_answers_as_with_the_texts(no_text_build):
    done = run_vnkg("validate", no_text_build)
    assert done.returncode == 0 and done.stdout.startswith(b"Conforms: True"), done.stdout.decode()
    for name in QUERY_NAMES:
        answer = run_vnkg("query", name, "--data", no_text_build, "--format", "csv")
        assert answer.returncode == 0, answer.stderr.decode()
        assert rows(answer.stdout) == expected(name), name
