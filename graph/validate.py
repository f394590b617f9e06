"""Validation with pySHACL: the project's shapes, the ontology and vocabularies mixed in, no inference.

Warnings (sh:Warning, such as a headline total that differs from the award counts) are reported but do not
make a graph non-conforming, as with pySHACL's --allow-warnings.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF

from . import resources
from .namespaces import PREFIXES, SH
from .vocab import load_graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return load_graph([resources.SHAPES_FILE])


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and all vocabularies: the terms the data uses, mixed into validation and reasoning."""
    return load_graph([resources.ONTOLOGY_FILE] + resources.vocabulary_files())


@dataclass
class Report:
    conforms: bool
    graph: Graph
    text: str

    def results(self) -> list[dict]:
        rows = []
        for result in self.graph.subjects(RDF.type, SH.ValidationResult):
            def get(p):
                value = self.graph.value(result, p)
                return None if value is None else str(value)
            rows.append({"severity": get(SH.resultSeverity), "focus": get(SH.focusNode), "path": get(SH.resultPath),
                         "shape": get(SH.sourceShape), "message": get(SH.resultMessage), "value": get(SH.value)})
        return sorted(rows, key=lambda r: tuple(v or "" for v in r.values()))

    def counts(self) -> dict[str, int]:
        counts = {"Violation": 0, "Warning": 0, "Info": 0}
        for row in self.results():
            counts[(row["severity"] or "").rsplit("#", 1)[-1]] = counts.get((row["severity"] or "").rsplit("#", 1)[-1], 0) + 1
        return counts

    def human(self) -> str:
        """Readable, one block per result, sorted: what, where, why."""
        counts = self.counts()
        lines = [f"Conforms: {self.conforms} ({counts['Violation']} violations, {counts['Warning']} warnings)"]
        for row in self.results():
            lines.append(f"- {(row['severity'] or '').rsplit('#', 1)[-1]}: {row['message']}")
            lines.append(f"    focus: {row['focus']}")
            if row["path"]:
                lines.append(f"    path:  {row['path']}")
            if row["value"]:
                lines.append(f"    value: {row['value'][:200]}")
            lines.append(f"    shape: {row['shape']}")
        return "\n".join(lines) + "\n"


def validate(data: Graph, shapes: Graph | None = None) -> Report:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes if shapes is not None else shapes_graph(), ont_graph=ontology_graph(),
        inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    report_text = ""
    result = Report(bool(conforms), report, report_text)
    result.text = result.human()
    return result
