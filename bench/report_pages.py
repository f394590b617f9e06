"""Time `vnkg report` (the static review pages) on a build of synthetic articles. Prints a Markdown section for
bench/RESULTS.md.

    python bench/report_pages.py                 # 1,000 articles (bench/generate.py, seed 2021) in bench/out/
    python bench/report_pages.py --articles 100 --jobs 1

The articles and their build are made first (not timed); then `vnkg report` runs in a fresh process, as a user
runs it: load the build, render every page, write the directory and put it in place.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, help="vnkg report -j (default: one process per core)")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where articles, build and pages go")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    articles = args.work / f"articles-{args.articles}"
    build = args.work / f"build-{args.articles}"
    pages = args.work / f"report-{args.articles}"
    generate(args.articles, articles)
    if not (build / "graph.ttl").exists():
        done = subprocess.run([sys.executable, "-m", "vnkg", "build", "-q", "-o", str(build), str(articles)])
        if done.returncode not in (0, 1):      # 1: written, with SHACL violations (the 1,000 set has some)
            raise SystemExit(f"the build failed (exit {done.returncode})")
    command = [sys.executable, "-m", "vnkg", "report", "-q", "--data", str(build), "-o", str(pages)]
    if args.jobs:
        command += ["-j", str(args.jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    files = [p for p in pages.rglob("*") if p.is_file()]
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    jobs = args.jobs or os.cpu_count()
    print(f"## vnkg report ({time.strftime('%Y-%m-%d')})\n")
    print(f"{args.articles} synthetic articles, {len(files)} files ({megabytes:.0f} MB), {jobs} process(es), "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores:\n")
    print("| articles | files | MB | seconds |\n|---:|---:|---:|---:|")
    print(f"| {args.articles} | {len(files)} | {megabytes:.0f} | {seconds:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
