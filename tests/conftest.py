"""Shared fixtures: the project's paths, a way to run vnkg as users do, and builds made once per session."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "articles"
QUERIES = ROOT / "queries"

# The tests exercise this checkout's graph/ folder as the import package `vnkg` (its installed name), whatever
# vnkg is installed in the interpreter: a directory holding one link, vnkg -> graph/, goes first on the path, in
# this process and in every vnkg the tests start.
SOURCE_PATH = Path(tempfile.mkdtemp(prefix="vnkg-source-"))
(SOURCE_PATH / "vnkg").symlink_to(ROOT / "graph", target_is_directory=True)
atexit.register(shutil.rmtree, SOURCE_PATH, ignore_errors=True)
sys.path.insert(0, str(SOURCE_PATH))


def source_environment(**extra) -> dict:
    """The environment for a vnkg process the tests start: this checkout's code first on its path."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(SOURCE_PATH) + os.pathsep + environment.get("PYTHONPATH", "")
    environment.update(extra)
    return environment


def run_vnkg(*args, cwd: Path | None = None, env: dict | None = None, input: bytes | None = None):
    """vnkg in a fresh process, as a user runs it (python -m vnkg, this checkout's code)."""
    environment = source_environment(**(env or {}))
    return subprocess.run([sys.executable, "-m", "vnkg", *map(str, args)], cwd=cwd or ROOT, env=environment,
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


@pytest.fixture(scope="session")
def escaping_build(tmp_path_factory) -> Path:
    """The build of an article we wrote with a <script>, an <img onerror> and HTML entities in its text."""
    out = tmp_path_factory.mktemp("escaping") / "build"
    done = run_vnkg("build", ROOT / "tests" / "review" / "escaping.txt", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return out


def report_in_one_chunk_and_in_two(paths: list[Path]) -> str:
    """The report of a build of the articles, which must be the same validated together and one chunk each."""
    from vnkg.pipeline import build

    reports = []
    for chunk_size in (25, 1):
        result = build(paths, jobs=1, chunk_size=chunk_size)
        reports.append(result.report.text)
        result.close()
    assert reports[0] == reports[1]
    return reports[1]
