"""vnkg: Vietnamese government news to a knowledge graph in RDF.

The library's calls (see vnkg.api): build_graph(article) -> rdflib.Graph, extract(article) -> facts,
validate(graph) -> SHACL report. They are imported on first use, so `vnkg` on the command line starts fast.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# vnkg reports through the "vnkg" logger (skipped articles, store warnings, stage timings); an application
# configures logging as it likes, the command line shows them on stderr (vnkg.cli).
logging.getLogger(__name__).addHandler(logging.NullHandler())

from .version import __version__
__all__ = ["__version__", "build_graph", "extract", "validate"]

if TYPE_CHECKING:
    from .api import build_graph, extract, validate


def __getattr__(name: str):
    if name in ("build_graph", "extract", "validate"):
        from .api import build_graph, extract, validate

        return {"build_graph": build_graph, "extract": extract, "validate": validate}[name]
    raise AttributeError(f"module 'vnkg' has no attribute {name!r}")
