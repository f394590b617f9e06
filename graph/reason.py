"""Reasoning: the OWL 2 RL closure (owlrl) of ontology + asserted facts, kept apart from the facts.

inferred.ttl holds only entailments that add information about the data:
  - not already asserted, and not part of the ontology or vocabularies;
  - no literal subjects, no reflexive owl:sameAs, no axiomatic rdf:/rdfs:/owl:/xsd: triples;
  - about the graph's own nodes (IRIs under id:), never new statements about the ontology's terms.
"""
from __future__ import annotations

import owlrl
from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .namespaces import ID

_AXIOMATIC = (str(RDF), str(RDFS), str(OWL), str(XSD))
_NOISE_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


def _informative(triple, asserted: Graph, ontology: Graph) -> bool:
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode):
        return False
    if not str(s).startswith(str(ID)):
        return False
    if p == OWL.sameAs and s == o:
        return False
    if p == RDF.type and o in _NOISE_OBJECTS:
        return False
    if str(p).startswith(_AXIOMATIC) and p not in (RDF.type, OWL.sameAs):
        return False
    return triple not in asserted and triple not in ontology


def infer(asserted: Graph, ontology: Graph) -> Graph:
    """The informative OWL-RL entailments of the asserted graph under the ontology."""
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in asserted:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    inferred = Graph(bind_namespaces="none")
    for prefix, namespace in asserted.namespaces():
        inferred.bind(prefix, namespace)
    for triple in closure:
        if _informative(triple, asserted, ontology):
            inferred.add(triple)
    return inferred


