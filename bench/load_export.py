"""Load and export, as a user runs them: `vnkg export` and `vnkg load` in fresh processes on one build.

    python bench/load_export.py                  # 203 synthetic articles: about 186,000 triples
    python bench/load_export.py --articles 20    # a quick look

Measured (wall seconds, best of --runs, Python start-up included):
  - `vnkg export --format nt|nq|ttl -o FILE`;
  - `vnkg load --endpoint` into an Oxigraph server (the `oxigraph` package's binary, started here on 127.0.0.1
    with the README's options) that is empty, then again into the same server (a replace of the graphs); the same
    with `--bulk` (Oxigraph's bulk loader over HTTP);
  - `vnkg load --store DIR` (the embedded store, a fresh directory);
  - the README's bulk route for large corpora: `vnkg export --format nq` then `oxigraph load --location DIR`.
Targets (issue 15): load under 3 s, export to N-Triples under 1 s, at about 186,000 triples. The figures are
written to bench/RESULTS.md by hand, with the machine (bench/run.py's machine line is printed).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"load into an empty Oxigraph server": 3.0, "load --bulk into an empty Oxigraph server": 3.0,
           "export --format nt": 1.0}


def vnkg(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnkg", "-q", *args], check=True)
    return time.perf_counter() - started


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        sys.exit("the oxigraph server is not installed: pip install '.[test]'")
    return found


class Server:
    def __init__(self, location: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                                         f"127.0.0.1:{self.port}", "--union-default-graph"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/query?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def measure(build: Path, work: Path, runs: int) -> dict[str, float]:
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for run in range(runs):
        for fmt in ("nt", "nq", "ttl"):
            keep(f"export --format {fmt}", vnkg("export", "--data", str(build), "-o", str(work / f"out.{fmt}")))
        for bulk in ([], ["--bulk"]):
            location = work / f"oxigraph-{run}"
            server = Server(location)
            how = " --bulk" if bulk else ""
            try:
                endpoint = f"http://127.0.0.1:{server.port}/store"
                keep(f"load{how} into an empty Oxigraph server",
                     vnkg("load", "--data", str(build), "--endpoint", endpoint, *bulk))
                keep(f"load{how} again (replace) into that server",
                     vnkg("load", "--data", str(build), "--endpoint", endpoint, *bulk))
            finally:
                server.stop()
                shutil.rmtree(location, ignore_errors=True)
        store = work / f"store-{run}"
        keep("load --store (embedded, new directory)", vnkg("load", "--data", str(build), "--store", str(store)))
        shutil.rmtree(store, ignore_errors=True)
        bulk = work / f"bulk-{run}"
        started = time.perf_counter()
        vnkg("export", "--data", str(build), "-o", str(work / "graph.nq"))
        subprocess.run([oxigraph_binary(), "load", "--location", str(bulk), "--file", str(work / "graph.nq")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        keep("export --format nq, then oxigraph load (bulk)", time.perf_counter() - started)
        shutil.rmtree(bulk, ignore_errors=True)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=203)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where articles and builds go (git-ignored)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate
    from run import machine

    articles = args.work / f"articles-{args.articles}"
    generate(args.articles, articles)
    build = args.work / f"load-build-{args.articles}"
    vnkg("build", "-o", str(build), str(articles))
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        triples = sum(1 for _ in open(_export_nt(build, Path(tmp)), "rb"))
        best = measure(build, Path(tmp), args.runs)
    print(f"Machine: {machine()}.")
    print(f"{args.articles} synthetic articles, {triples:,} triples (asserted and inferred, N-Triples lines); "
          f"wall seconds, best of {args.runs}, fresh processes:\n")
    print("| | seconds | target |\n|---|---:|---:|")
    for name, seconds in best.items():
        target = f"< {TARGETS[name]:g} s" if name in TARGETS else ""
        print(f"| `{name}` | {seconds:.2f} | {target} |")
    return 0


def _export_nt(build: Path, tmp: Path) -> Path:
    out = tmp / "count.nt"
    vnkg("export", "--data", str(build), "-o", str(out))
    return out


if __name__ == "__main__":
    sys.exit(main())
