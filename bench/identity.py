"""False merges in one graph of many synthetic articles (issue 16): does the build take two people, or two events,
for one?

    python bench/identity.py N [--seed S]

Generates N articles (bench/generate.py, seeded), builds them (every core) and counts in the merged graph:
  - persons with two names (foaf:name): different people under one IRI (the shapes report each as a violation);
  - events with two organizers: two conferences under one IRI;
  - person IRIs whose readable slug another person IRI shares ("Ninh Quốc Tuấn", "Nịnh Quốc Tuấn"): names the keys
    kept apart that an ASCII-folded key would have merged;
  - documents and organizations scoped to the country (id:document/vn/…, id:org/vn/…).
Prints one Markdown row for bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
PREFIXES = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
"""
COUNTS = {
    "persons with two names": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a vnkg:Person ; foaf:name ?a , ?b . "
                              "FILTER (STR(?a) < STR(?b)) }",
    "events with two organizers": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a vnkg:Event ; schema:organizer ?a , ?b . "
                                  "FILTER (STR(?a) < STR(?b)) }",
}
NAME_KEY = re.compile(r"^(https://w3id\.org/vnkg/id/person/[^/]+/.+?)(-[0-9a-f]{8})?$")


def measure(count: int, seed: int) -> dict:
    from vnkg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), str(articles), "--seed", str(seed)],
                       check=True, capture_output=True)
        started = time.perf_counter()
        result = build([articles])
        seconds = time.perf_counter() - started
        store = ox.Store()
        store.bulk_load(path=str(result.asserted_file), format=ox.RdfFormat.N_TRIPLES)
        row = {"articles": result.articles, "build (s)": seconds, "conforms": result.report.conforms,
               "violations": result.report.counts()["Violation"]}
        result.close()
    for name, select in COUNTS.items():
        row[name] = int(next(iter(store.query(PREFIXES + select)))["n"].value)
    persons = [solution["p"].value for solution in store.query(PREFIXES + "SELECT DISTINCT ?p WHERE { ?p a vnkg:Person }")]
    slugs = Counter(NAME_KEY.match(p).group(1) for p in persons if NAME_KEY.match(p))
    row["persons"] = len(persons)
    row["persons sharing a slug with another"] = sum(n for n in slugs.values() if n > 1)
    row["national documents"] = sum(1 for s in store.query(
        PREFIXES + "SELECT DISTINCT ?d WHERE { ?d a vnkg:PolicyDocument FILTER STRSTARTS(STR(?d), "
                   "'https://w3id.org/vnkg/id/document/vn/') }"))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    row = measure(args.count, args.seed)
    print(" | ".join(row))
    print(" | ".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
