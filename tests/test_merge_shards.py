"""The merge in ranges of subjects (shards), each merged on its own: the files are the shards in order, byte for
byte the files of a merge in one piece, and the report is the same."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLES, ROOT, source_environment
from test_build import POST, chair_report, write_articles


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """The test articles, the bundled one, articles that share entities across chunks (a conflict, a chair's post
    given by another article) and small generated ones (bench/generate.py, seeded)."""
    folder = tmp_path_factory.mktemp("many")
    generated = folder / "generated"
    done = subprocess.run([sys.executable, ROOT / "bench" / "generate.py", "40", generated, "--seed", "7"],
                          env=source_environment(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    shared = folder / "shared"
    shared.mkdir()
    write_articles(shared, [
        chair_report(kind="tổng kết", number="06", day="12", month="01", post="", organizer="Tỉnh ủy"),
        chair_report(kind="sơ kết", number="07", day="20", month="06", post=POST, organizer="Tỉnh ủy"),
        chair_report(kind="tổng kết", number="06", day="12", month="01", post=POST, organizer="Ban Thường vụ Tỉnh ủy",
                     issued="21")])
    return [*sorted(ARTICLES.glob("*.txt")), *sorted((ROOT / "graph" / "articles").glob("*.txt")), generated, shared]


def test_a_merge_in_many_shards_writes_the_files_of_a_merge_in_one(many_articles, tmp_path):
    from vnkg.output import write_turtle
    from vnkg.pipeline import build, write_build

    whole = build(many_articles, jobs=1, chunk_size=4, shards=1)
    parts = build(many_articles, jobs=2, chunk_size=4, shards=7)
    try:
        assert whole.asserted_file.read_bytes() == parts.asserted_file.read_bytes()
        assert whole.inferred_file.read_bytes() == parts.inferred_file.read_bytes()
        assert parts.report.results == whole.report.results and not whole.report.conforms   # the conflict is seen
        assert (parts.counts, parts.triples) == (whole.counts, whole.triples)
        written = {}
        for name, result in (("whole", whole), ("parts", parts)):
            written[name] = {path.name: path.read_bytes() for path in write_build(result, tmp_path / name)}
        assert written["whole"] == written["parts"]
        for name, lines in (("graph.ttl", parts.asserted_file), ("inferred.ttl", parts.inferred_file)):
            in_one_piece = io.BytesIO()     # the Turtle of all the lines at once: the shards' pieces are its parts
            write_turtle(lines, in_one_piece)
            assert written["parts"][name] == in_one_piece.getvalue()
    finally:
        whole.close()
        parts.close()


def test_a_shard_reads_exactly_its_range_of_a_sorted_file(tmp_path):
    """Each range of a sorted file is found by bisection; the ranges in order give the file back, whatever the
    bounds (before the first subject, between two, equal to one, after the last)."""
    from vnkg.workfiles import range_lines

    subjects = [f"<https://w3id.org/vnkg/id/{name}>" for name in ("a", "b", "bb", "b/c", "ứ", "z")]
    lines = sorted(f"{s} <https://w3id.org/vnkg/ontology#p> \"{n}\" .\n" for s in subjects for n in range(3))
    path = tmp_path / "sorted.nt"
    path.write_text("".join(lines), encoding="utf-8")
    candidates = sorted(set(subjects) | {"<https://w3id.org/vnkg/id/0>", "<https://w3id.org/vnkg/id/bc>",
                                         "<https://w3id.org/vnkg/id/zz>"})
    for first in range(len(candidates)):
        for last in range(first + 1, len(candidates)):
            edges = [None, candidates[first], candidates[last], None]
            pieces = [list(range_lines(path, lo, hi)) for lo, hi in zip(edges, edges[1:])]
            assert sum(pieces, []) == lines
            assert all(line >= candidates[first] for line in pieces[1] + pieces[2])
            assert all(line < candidates[last] for line in pieces[0] + pieces[1])


def test_a_merge_of_more_files_than_it_may_open_goes_in_passes(tmp_path):
    """Past its fan-in the merge goes through temporary runs: the same lines, and the runs are removed."""
    import random

    from vnkg.workfiles import merged_range

    rng = random.Random(5)
    lines = [f"<https://w3id.org/vnkg/id/{n:04d}> <https://w3id.org/vnkg/ontology#p> \"{k}\" .\n"
             for n in range(300) for k in range(2)]
    paths = []
    for number in range(23):
        path = tmp_path / f"chunk-{number}.nt"
        path.write_text("".join(sorted(set(rng.sample(lines, 40)))), encoding="utf-8")
        paths.append(str(path))
    lo, hi = "<https://w3id.org/vnkg/id/0050>", "<https://w3id.org/vnkg/id/0250>"
    expected = sorted({line for path in paths for line in open(path, encoding="utf-8") if lo <= line < hi})
    for fan_in in (2, 3, 5, 100):
        assert list(merged_range(paths, lo, hi, str(tmp_path / "shard"), fan_in=fan_in)) == expected
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"chunk-{n}.nt" for n in range(23))


def test_the_cross_chunk_check_runs_by_shard(many_articles):
    """The check of the entities several chunks share is split like the merge: one task per range that holds
    some, in parallel; and it finds what one check of everything finds (the conflict above)."""
    from vnkg.merge import merge
    from vnkg.pipeline import LocalRunner, _process, new_workdir, plan_build

    class Recording(LocalRunner):
        def map(self, function, tasks, progress=None, kind="shard"):
            self.calls.append((kind, len(tasks)))
            return super().map(function, tasks, progress, kind)

    plan = plan_build(many_articles, chunk_size=4)
    reports = []
    for shards in (1, 5):
        workdir = new_workdir()
        tasks = [(chunk, plan.build_node, workdir.name, i, False) for i, chunk in enumerate(plan.chunks)]
        results = LocalRunner(1).map(_process, tasks)
        runner = Recording(2)
        runner.shards, runner.calls = shards, []
        result = merge(results, plan.articles, [], workdir, runner)
        reports.append(result.report.results)
        result.close()
        checks = [count for kind, count in runner.calls if kind == "check"]
        assert checks == [1] if shards == 1 else checks[0] > 1
    assert reports[0] == reports[1] and reports[0]


def test_the_cross_chunk_check_in_small_pieces_finds_what_it_finds_in_one(many_articles, monkeypatch):
    """However few triples of shared entities a task of the check may take (each task reads its piece and what it
    leads to from the shards' files), the report is the same, and each file is read either way (by bisection for
    a few subjects, or read through for many)."""
    from vnkg import merge as merging
    from vnkg.merge import merge
    from vnkg.pipeline import LocalRunner, _process, new_workdir, plan_build

    class Recording(LocalRunner):
        def map(self, function, tasks, progress=None, kind="shard"):
            self.calls.append((kind, len(tasks)))
            return super().map(function, tasks, progress, kind)

    plan = plan_build(many_articles, chunk_size=4)
    found = {}
    for budget, lookup_bytes in ((20_000, 1 << 13), (30, 1 << 13), (30, 0), (1, 1 << 30)):
        monkeypatch.setattr(merging, "CHECK_LINES", budget)
        monkeypatch.setattr(merging, "LOOKUP_BYTES", lookup_bytes)
        workdir = new_workdir()
        tasks = [(chunk, plan.build_node, workdir.name, i, False) for i, chunk in enumerate(plan.chunks)]
        results = LocalRunner(1).map(_process, tasks)
        runner = Recording(2)
        runner.shards, runner.calls = 2, []
        result = merge(results, plan.articles, [], workdir, runner)
        found[budget, lookup_bytes] = result.report.results
        assert sorted(path.name for path in Path(workdir.name).iterdir()) == [
            "asserted.nt", "asserted.ttl", "inferred.nt", "inferred.ttl", "pid"]     # the work files are removed
        result.close()
        checks = [count for kind, count in runner.calls if kind == "check"]
        assert checks[0] <= 2 if budget == 20_000 else checks[0] > 10
    first = found[20_000, 1 << 13]
    assert first and all(results == first for results in found.values())


def _dies_on_the_third(task):
    if task == 3:
        os.kill(os.getpid(), signal.SIGKILL)     # as the kernel's out-of-memory killer does
    return task


def test_a_build_process_that_dies_is_an_error_not_a_hang():
    from vnkg.errors import VnkgError
    from vnkg.pipeline import LocalRunner

    def hung(*_):
        raise AssertionError("the runner waits for ever on the dead process's task")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        assert LocalRunner(2).map(_dies_on_the_third, [1, 2, 4, 5]) == [1, 2, 4, 5]
        with pytest.raises(VnkgError, match=r"a process of the build died during chunk \d of 6 \(killed, or out of memory\)"):
            LocalRunner(2).map(_dies_on_the_third, [1, 2, 3, 4, 5, 6], kind="chunk")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
