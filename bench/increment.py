"""One more day of articles into a store that holds many (issue 16: under 5 s into a store of 10,000).

    python bench/increment.py                       # 10,000 articles, then a day of 50
    python bench/increment.py --articles 500 --day 20   # a quick look

Steps, each timed as a user runs it (fresh processes, wall seconds, Python start-up included):
  1. `vnkg build --per-article` of the corpus (bench/generate.py, seed 2021) and of the day (seed 2022);
  2. the corpus into stores: `vnkg load --per-article --store DIR` (a new embedded store: bulk-loaded), and
     `vnkg export --per-article --format nq` + `oxigraph load` for an Oxigraph server (the README's bulk route);
  3. the day into each: `vnkg load --per-article` (the embedded store; the server with --update-endpoint);
  4. the same day again (nothing to add: the manifest read and compared), and `vnkg retract` of one article.
Prints the figures; bench/RESULTS.md has them, with the machine.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_export import Server, oxigraph_binary  # noqa: E402  (bench/load_export.py, beside this file)


def timed(*args) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "vnkg", *map(str, args)], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--day", type=int, default=50)
    parser.add_argument("--work", type=Path, help="keep the files here (default: a temporary directory)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="vnkg-bench-increment-"))
    figures: dict[str, object] = {}
    for name, count, seed in (("corpus", args.articles, 2021), ("day", args.day, 2022)):
        articles = work / f"{name}-articles"
        if not articles.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), str(articles), "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
        if not (work / f"{name}-build" / "articles.nq").exists():
            figures[f"build --per-article, {name} ({count} articles)"] = round(
                timed("build", "-q", "--per-article", articles, "-o", work / f"{name}-build")[0], 1)
    corpus, day = work / "corpus-build", work / "day-build"
    figures["articles.nq (MB)"] = round((corpus / "articles.nq").stat().st_size / 1e6)
    figures["graph.ttl (MB)"] = round((corpus / "graph.ttl").stat().st_size / 1e6)

    store = work / "store"
    figures["load the corpus into a new embedded store (s)"] = round(
        timed("load", "--per-article", "--data", corpus, "--store", store)[0], 1)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnkg", "export", "--per-article", "--data", corpus, "--format", "nq",
                    "-o", work / "corpus.nq"], check=True)
    subprocess.run([oxigraph_binary(), "load", "--location", work / "server", "--file", work / "corpus.nq"],
                   check=True, capture_output=True)
    figures["export --per-article + oxigraph load of the corpus (s)"] = round(time.perf_counter() - started, 1)

    seconds, said = timed("load", "--per-article", "--data", day, "--store", store)
    figures["one more day into the embedded store (s)"] = round(seconds, 2)
    figures["  said"] = said
    figures["the same day again, embedded (s)"] = round(timed("load", "--per-article", "--data", day,
                                                              "--store", store)[0], 2)
    server = Server(work / "server")
    try:
        url = f"http://127.0.0.1:{server.port}"
        seconds, said = timed("load", "--per-article", "--data", day, "--endpoint", f"{url}/store",
                              "--update-endpoint", f"{url}/update")
        figures["one more day into the Oxigraph server (s)"] = round(seconds, 2)
        figures["  said "] = said
        figures["the same day again, server (s)"] = round(timed(
            "load", "--per-article", "--data", day, "--endpoint", f"{url}/store",
            "--update-endpoint", f"{url}/update")[0], 2)
        first = next(line for line in open(day / "articles.nq", encoding="utf-8")
                     if "/id/article/" in line.rsplit(" ", 2)[-2])
        article = first.rsplit(" ", 2)[-2][1:-1]
        figures["retract one article, server (s)"] = round(timed(
            "retract", article, "--endpoint", f"{url}/store", "--update-endpoint", f"{url}/update")[0], 2)
    finally:
        server.stop()
    print(json.dumps(figures, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
