"""The build on Dask against the local build, and the merge in shards: figures for bench/RESULTS.md.

    python bench/cluster.py --articles 500          # local (2 processes) vs a LocalCluster of 2 workers
    python bench/cluster.py --articles 10000 --skip-merge

Each measurement runs in a fresh process (python start-up and imports excluded, as in bench/run.py): wall time of
build + writing the files, peak resident memory of the process tree (a LocalCluster's workers are children of
that process), and whether the files are byte-identical. The merge alone is timed on the same chunk outputs in
1 shard and in 2 (on 2 processes). `sources` is timed on the local build's store, over every article and
for one (--param article=IRI). Prints the figures as JSON and Markdown rows.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PeakMemory  # noqa: E402  (bench/run.py, beside this file)


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for name in ("graph.ttl", "inferred.ttl", "shacl-report.ttl"):
        sha.update((folder / name).read_bytes())
    return sha.hexdigest()[:16]


def measure_build(mode: str, articles: Path, out: Path, workers: int) -> dict:
    from vnkg.pipeline import build, write_build

    paths = sorted(articles.glob("*.txt"))
    with PeakMemory() as memory:
        started = time.perf_counter()
        if mode == "local":
            result = build(paths, jobs=workers)
        else:
            from vnkg.cluster import build_on_cluster

            result = build_on_cluster(paths, "local", workers=workers)
        built = time.perf_counter() - started
        write_build(result, out)
        wall = time.perf_counter() - started
    row = {"mode": mode, "articles": len(paths), "workers": workers, "build (s)": round(built, 2),
           "build and write (s)": round(wall, 2), "peak memory (MB)": round(memory.peak / 1024),
           "files": _digest(out), "triples": result.triples,
           "stage CPU seconds": {k: round(v, 2) for k, v in result.seconds.items()},
           "graph.ttl bytes": (out / "graph.ttl").stat().st_size,
           "inferred.ttl bytes": (out / "inferred.ttl").stat().st_size}
    result.close()
    if mode == "local":
        row.update(measure_sources(out))
    return row


def measure_sources(build: Path) -> dict:
    """`sources` over every article against `sources --param article=IRI` for one, on the in-memory store of
    the build (best of 3, CSV written)."""
    from vnkg.query import bind_parameters, load_store, resolve_query, run_query

    store = load_store([build])
    path, text = resolve_query("sources")
    article = next(iter(store.query("SELECT ?a WHERE { ?m <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
                                    "nif-core#referenceContext> ?a } LIMIT 1", use_default_graph_as_union=True)))["a"].value
    figures = {}
    for name, query in (("sources, all (s)", text), ("sources, one article (s)", bind_parameters(
            text, [f"article={article}"]))):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            answer = run_query(store, query, path, "csv")
            best = min(best, time.perf_counter() - started)
        figures[name] = round(best, 4)
        figures[name.replace("(s)", "rows")] = answer.count(b"\r\n") - 1
    return figures


def measure_merge(articles: Path, shards: int) -> dict:
    """The chunks processed once (2 processes), then the merge alone in `shards` ranges on 2 processes."""
    from vnkg.merge import merge
    from vnkg.pipeline import LocalRunner, _process, new_workdir, plan_build

    plan = plan_build(sorted(articles.glob("*.txt")))
    runner = LocalRunner(2)
    workdir = new_workdir()
    tasks = [(chunk, plan.build_node, workdir.name, i, False) for i, chunk in enumerate(plan.chunks)]
    results = runner.map(_process, tasks)
    chunk_bytes = sum(Path(r.asserted).stat().st_size + Path(r.inferred).stat().st_size for r in results)
    runner.shards = shards
    started = time.perf_counter()
    result = merge(results, plan.articles, [], workdir, runner)
    wall = time.perf_counter() - started
    digest = hashlib.sha256(result.asserted_file.read_bytes() + result.inferred_file.read_bytes()).hexdigest()[:16]
    result.close()
    return {"shards": shards, "merge wall (s)": round(wall, 2), "chunk files (MB)": round(chunk_bytes / 1e6, 1),
            "merged": digest}


def _fresh(function, *args) -> dict:
    """function(*args) in a new Python process (this script again), its figures back as JSON."""
    done = subprocess.run([sys.executable, __file__, "--measure", json.dumps([function.__name__, *map(str, args)])],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--skip-merge", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        name, *values = json.loads(args.measure)
        if name == "measure_build":
            row = measure_build(values[0], Path(values[1]), Path(values[2]), int(values[3]))
        else:
            row = measure_merge(Path(values[0]), int(values[1]))
        print(json.dumps(row, ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory(prefix="vnkg-bench-cluster-") as folder:
        articles = Path(folder) / "articles"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.articles), str(articles),
                        "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        rows, merges = [], []
        for mode in ("local", "local-cluster"):
            rows.append(_fresh(measure_build, mode, articles, Path(folder) / mode, args.workers))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)     # each as it comes (long runs)
        for shards in () if args.skip_merge else (1, 2):
            merges.append(_fresh(measure_merge, articles, shards))
            print(json.dumps(merges[-1], ensure_ascii=False), flush=True)
    print(json.dumps({"builds": rows, "merges": merges}, indent=1, ensure_ascii=False))
    local = rows[0]["build and write (s)"]
    for row in rows:
        print(f"| {row['articles']:,} | {row['mode']} | {row['workers']} | {row['build and write (s)']:.1f} | "
              f"{100 * (row['build and write (s)'] / local - 1):+.0f}% | {row['peak memory (MB)']:,} | {row['files']} |")
    print(f"| {args.articles:,} | {rows[0]['sources, all (s)']:.3f} ({rows[0]['sources, all rows']:,} rows) | "
          f"{rows[0]['sources, one article (s)']:.4f} ({rows[0]['sources, one article rows']} rows) |")
    for row in merges:
        print(f"| {args.articles:,} | {row['shards']} | {row['merge wall (s)']:.2f} | {row['chunk files (MB)']} | "
              f"{row['merged']} |")


if __name__ == "__main__":
    main()
