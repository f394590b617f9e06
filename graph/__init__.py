"""vnkg: Vietnamese government news to a knowledge graph in RDF."""

__version__ = "0.1.0"
