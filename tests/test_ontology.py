"""The ontology and vocabularies: they parse, reason cleanly, declare every term the code and queries use,
and keep their labels in order."""
import re
from collections import Counter
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from conftest import QUERIES, ROOT
from vnkg import resources
from vnkg.namespaces import PREFIXES, VNKG
from vnkg.text import ascii_fold, old_tone
from vnkg.vocab import load_graph

ONTOLOGY = load_graph([resources.ONTOLOGY_FILE])
VOCABULARIES = load_graph(resources.vocabulary_files())


def test_own_terms_have_vietnamese_and_english_labels_and_a_definition():
    own = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and str(s).startswith(str(VNKG))}
    assert len(own) > 30
    for term in own:
        languages = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}
        assert {"vi", "en"} <= languages, term
        assert any(ONTOLOGY.objects(term, SKOS.definition)), term


def test_the_closure_over_the_seed_graph_is_consistent(seed_build):
    graph = Graph()
    for g in (ONTOLOGY, VOCABULARIES, Graph().parse(seed_build / "graph.ttl")):
        for triple in g:
            graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert list(graph.subjects(RDF.type, OWL.Nothing)) == []
    persons = set(graph.subjects(RDF.type, URIRef(str(VNKG) + "Person")))
    same = [(a, b) for a, b in graph.subject_objects(OWL.sameAs) if a != b and a in persons and b in persons]
    assert same == []


def _used_terms(text: str) -> set[str]:
    """prefix:local names of the project's known namespaces used in a text (code or SPARQL)."""
    found = set()
    for prefix, local in re.findall(r"\b(vnkg|org|foaf|schema|eli|prov|nif|time|dcterms|skos):([A-Za-z_][\w]*)", text):
        found.add(str(PREFIXES[prefix]) + local)
    for name, local in re.findall(r"\b(VNKG|ORG|FOAF|SCHEMA|ELI|PROV|NIF|TIME|DCTERMS|SKOS)\.([A-Za-z_]\w*)", text):
        found.add(str(PREFIXES[name.lower()]) + local)
    return found


def test_every_term_used_in_graph_and_queries_is_declared():
    texts = [p.read_text(encoding="utf-8") for p in list((ROOT / "graph").rglob("*.py")) + list(QUERIES.glob("*.rq"))]
    used = set().union(*(_used_terms(t) for t in texts))
    declared = {str(s) for s in ONTOLOGY.subjects(RDF.type, None)} | {str(s) for s in VOCABULARIES.subjects()}
    skos_vocabulary = {str(SKOS) + t for t in ("Concept", "ConceptScheme", "prefLabel", "altLabel", "hiddenLabel",
                                               "inScheme", "broader", "definition", "closeMatch")}
    undeclared = sorted(used - declared - skos_vocabulary)
    assert undeclared == [], f"undeclared terms: {undeclared}"


def test_no_concept_has_two_preflabels_in_one_language():
    counts = Counter((s, o.language) for s, o in VOCABULARIES.subject_objects(SKOS.prefLabel))
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_concept_has_a_vietnamese_and_an_english_preflabel():
    for concept in VOCABULARIES.subjects(RDF.type, SKOS.Concept):
        assert {o.language for o in VOCABULARIES.objects(concept, SKOS.prefLabel)} == {"vi", "en"}, concept


def test_hidden_labels_cover_the_other_tone_placement_and_ascii():
    """A label that can be written with the other tone placement, or with diacritics, has hiddenLabels for
    those forms (`python -m vnkg.hidden_labels` writes them)."""
    missing = []
    for concept in VOCABULARIES.subjects(RDF.type, SKOS.Concept):
        labels = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in VOCABULARIES.objects(concept, p)
                  if isinstance(o, Literal) and o.language == "vi"]
        hidden = {str(o) for o in VOCABULARIES.objects(concept, SKOS.hiddenLabel)}
        for label in labels:
            for form in (old_tone(label), ascii_fold(label)):
                if form != label and form not in labels and form not in hidden:
                    missing.append((str(concept), form))
    assert missing == []


@pytest.mark.parametrize("path", sorted(Path(resources.ONTOLOGY_DIR).rglob("*.ttl")), ids=lambda p: p.name)
def test_every_turtle_file_parses(path):
    assert len(Graph().parse(path)) > 0
