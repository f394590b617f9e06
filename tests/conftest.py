"""Shared fixtures: the project's paths, a way to run vnkg as users do, and builds made once per session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "articles"
QUERIES = ROOT / "queries"


def run_vnkg(*args, cwd: Path | None = None, env: dict | None = None, input: bytes | None = None):
    """vnkg in a fresh process, as a user runs it (python -m graph, from the checkout)."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(ROOT) + os.pathsep + environment.get("PYTHONPATH", "")
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "graph", *map(str, args)], cwd=cwd or ROOT, env=environment,
                          capture_output=True, input=input, timeout=600)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The build of the bundled article."""
    out = tmp_path_factory.mktemp("seed") / "build"
    done = run_vnkg("build", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return out


@pytest.fixture(scope="session")
def fixtures_build(tmp_path_factory) -> Path:
    """One build of all the test articles together (several provinces, a district, another genre)."""
    out = tmp_path_factory.mktemp("fixtures") / "build"
    done = run_vnkg("build", *sorted(ARTICLES.glob("*.txt")), "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return out
