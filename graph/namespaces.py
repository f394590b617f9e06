"""The namespaces of the graph: the project's own, and the standards it reuses."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/vnkg/"
VNKG = Namespace(BASE + "ontology#")       # classes and properties
VOCAB = Namespace(BASE + "vocab/")         # SKOS schemes: vocab/<scheme>/<concept>
ID = Namespace(BASE + "id/")               # facts and entities minted by the builder
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Prefixes written into every output file, in this order.
PREFIXES = {
    "vnkg": VNKG, "id": ID, "vocab": VOCAB, "org": ORG, "foaf": FOAF, "schema": SCHEMA, "eli": ELI,
    "prov": PROV, "nif": NIF, "time": TIME, "skos": SKOS, "dcterms": DCTERMS, "owl": OWL, "rdf": RDF,
    "rdfs": RDFS, "xsd": XSD, "sh": SH,
}
