"""The fast reasoner gives exactly what owlrl (the reference) gives, on every test article; inferred triples
are the useful ones."""

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from conftest import ARTICLES, ROOT
from vnkg.articles import read_article
from vnkg.emit import emit
from vnkg.extraction import extract
from vnkg.reason import infer, infer_owlrl
from vnkg.validation import ontology_graph

ARTICLE_FILES = sorted((ROOT / "graph" / "articles").glob("*.txt")) + sorted(ARTICLES.glob("*.txt"))
ORG = "http://www.w3.org/ns/org#"


@pytest.fixture(scope="module")
def asserted():
    return emit([extract(read_article(path)) for path in ARTICLE_FILES])


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_fast_path_equals_owlrl_on_each_article(path):
    graph = emit([extract(read_article(path))])
    assert set(infer(graph, ontology_graph())) == set(infer_owlrl(graph, ontology_graph()))


def test_fast_path_equals_owlrl_on_all_articles_together(asserted):
    assert set(infer(asserted, ontology_graph())) == set(infer_owlrl(asserted, ontology_graph()))


def test_inverses_superclasses_and_transitive_hierarchy(asserted):
    inferred = infer(asserted, ontology_graph())
    person = URIRef("https://w3id.org/vnkg/id/person/cao-bang/trieu-dinh-le-db65f285")
    post = URIRef("https://w3id.org/vnkg/id/post/cao-bang/tinh-uy/pho-bi-thu-thuong-truc")
    assert (post, URIRef(ORG + "heldBy"), person) in inferred
    assert (person, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")) in inferred
    unit = URIRef("https://w3id.org/vnkg/id/org/cao-bang/tinh-uy/ban-tuyen-giao")
    body = URIRef("https://w3id.org/vnkg/id/org/cao-bang/tinh-uy")
    assert (unit, URIRef(ORG + "transitiveSubOrganizationOf"), body) in inferred
    assert not any(s == o for s, p, o in inferred if str(p).endswith("#sameAs"))
