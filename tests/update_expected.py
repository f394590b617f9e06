"""Regenerate queries/expected/ from the current builder. A change in results is a deliberate change of the
expected files, reviewed like code:  python tests/update_expected.py && git diff queries/expected/"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ARTICLES, QUERIES, run_vnkg  # noqa: E402

BUILDS = {"seed": [], "fixtures": sorted(ARTICLES.glob("*.txt"))}


def main() -> int:
    for name, articles in BUILDS.items():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "build"
            done = run_vnkg("build", *articles, "-o", out)
            if done.returncode not in (0, 1):
                sys.stderr.write(done.stderr.decode())
                return 2
            target = QUERIES / "expected" / name
            target.mkdir(parents=True, exist_ok=True)
            for query in sorted(QUERIES.glob("*.rq")):
                result = run_vnkg("query", query, "--data", out, "--format", "csv")
                if result.returncode != 0:
                    sys.stderr.write(result.stderr.decode())
                    return 2
                (target / f"{query.stem}.csv").write_bytes(result.stdout)
                print(f"wrote {target / (query.stem + '.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
