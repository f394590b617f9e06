"""The build: articles in, a validated graph out.

read -> extract -> emit -> reason (kept apart) -> validate (the screen, then pySHACL where it finds anything)
-> write (atomically). Within a chunk the graph is a set of rdflib triples, not an rdflib Graph (filling a Graph
cost more than emitting); a Graph is made only when pySHACL has to run.

Articles are independent, so they are processed in chunks (sorted by content key, a fixed number per chunk),
in parallel on every core when there are several chunks. Each chunk is emitted, reasoned over and validated on
its own: the ontology's rules never chain facts of two articles (its only transitive property,
org:transitiveSubOrganizationOf, links a unit to its body, one step), and the shapes are local to a fact, except
for the entities several articles name (a person, an organization, a document): those are validated once more,
across chunks, after the merge, with the constraints a merge can break (vnkg.screen's merge tests). Each chunk
writes its triples as sorted canonical N-Triples lines; the merge is a k-way merge of those files, so memory
stays flat and the result does not depend on the chunking or on which process finished first.

The merge (vnkg.merge) is split by subject into ranges, each merged and checked on its own, in parallel. A
runner runs the chunks and the merge's tasks: LocalRunner on this machine's cores, vnkg.cluster's on a Dask
cluster.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from .article_graphs import (ARTICLES_FILE, VOCABULARY_GRAPH, article_graph, build_graph, inferred_graph, quad,
                             split_article)
from .articles import STDIN, STDIN_NAME, article_paths, read
from .dataset import describe, drop_texts
from .emit import build_iri, emit_triples
from .errors import InputError, VnkgError
from .extraction import extract
from .merge import SAMPLE_EVERY, BuildResult, ChunkResult, merge, write_entities
from .output import GRAPH_FILE, INFERRED_FILE, VOID_FILE, nt_lines, turtle, write_atomically, write_turtle
from .reason import infer_triples
from .text import nfc
from .validation import ontology_graph, validate
from .workfiles import Packs, write_lines, written

log = logging.getLogger(__name__)

REPORT_TEXT = "shacl-report.txt"
REPORT_TURTLE = "shacl-report.ttl"
CHUNK_SIZE = 25

def process_chunk(chunk: list[tuple[str, str]], build: str, workdir: str, index: int,
                  alone: bool = False, per_article: bool = False) -> ChunkResult:
    """Extract, emit, reason over and validate a few articles ((text, source, page metadata)). A chunk `alone` in its
    build shares no entity with another, so it skips what the cross-chunk check would need. With per_article, each
    article is also emitted and reasoned over alone, into graphs of its own (vnkg.article_graphs)."""
    from rdflib import URIRef

    seconds = Counter()
    clock = time.process_time()

    def lap(stage):
        nonlocal clock
        now = time.process_time()
        seconds[stage] += now - clock
        clock = now

    facts = [extract(text, source, page=page) for text, source, page in chunk]
    lap("extract")
    asserted = emit_triples(facts, build=URIRef(build))
    lap("emit")
    inferred = infer_triples(asserted, ontology_graph())
    lap("reason")
    asserted_lines, inferred_lines = nt_lines(asserted), nt_lines(inferred)
    lap("serialize")
    report = validate(asserted, lines=asserted_lines)
    lap("validate")
    paths = f"{workdir}/asserted-{index:06d}.nt", f"{workdir}/inferred-{index:06d}.nt"
    in_order = sorted(asserted_lines)
    write_lines(paths[0], in_order)
    write_lines(paths[1], sorted(inferred_lines))
    entities, classes, used = (None, frozenset(), frozenset()) if alone else \
        write_entities(asserted_lines, f"{workdir}/entities-{index:06d}.txt", index)
    samples = sorted({line.split(" ", 1)[0] for line in in_order[::SAMPLE_EVERY]})
    lap("serialize")
    result = ChunkResult(paths[0], paths[1], entities, report, seconds, samples, shared_classes=classes,
                         shared_predicates=used)
    if per_article:
        result.articles, result.header = _write_article_graphs(facts, build, f"{workdir}/articles-{index:06d}.nq")
        lap("per article")
    return result


def _write_article_graphs(facts: list, build: str, path: str) -> tuple[str, set[str]]:
    """Each article emitted and reasoned over alone, as the quad lines of its graphs, in content-key order; and the
    lines of the build's and the vocabulary's graphs."""
    header: set[str] = set()
    with written(path) as out:
        for article in sorted(facts, key=lambda f: f.key):
            triples = emit_triples([article], build=URIRef(build))
            lines = nt_lines(triples)
            own, vocabulary, build_lines = split_article(lines)
            header.update(quad(line, VOCABULARY_GRAPH) for line in vocabulary)
            header.update(quad(line, build_graph(build)) for line in build_lines)
            inferred = sorted(nt_lines(infer_triples(triples, ontology_graph())) - lines)
            for graph, graph_lines in ((article_graph(article.key), own), (inferred_graph(article.key), inferred)):
                out.writelines(quad(line, graph) + "\n" for line in graph_lines)
    return path, header


def _process(arguments) -> ChunkResult:
    return process_chunk(*arguments)


def run_chunk(task: tuple) -> ChunkResult:
    """A chunk whose articles' texts are in the work directory's packs (workfiles.Packs), processed."""
    chunk, *rest = task
    return process_chunk(Packs.texts(chunk), *rest)


def read_articles(paths: list[Path], keep_going: bool, keep=None) -> tuple[list[tuple], list[str]]:
    """(content key, text, source, page metadata) of each article, and the messages about those left out
    (keep_going). `keep(text)` stores a text as soon as it is read and gives what stands for it instead."""
    texts, skipped = [], []
    for path in article_paths(paths):
        try:
            if isinstance(path, str):       # a directory with no article in it
                raise InputError(path)
            article = read(path)
            texts.append((_key(article.text), keep(article.text) if keep else article.text, STDIN_NAME if str(path) == STDIN else str(path), article.page))
        except InputError as error:
            if not keep_going:
                raise
            log.warning("skipped %s", error)
            skipped.append(str(error))
    if not texts:
        raise InputError("no article could be read" + (f": {skipped[0]}" if skipped else ""))
    return texts, skipped


def _key(text: str) -> str:
    import hashlib

    return hashlib.sha256(nfc(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Plan:
    """The articles of a build in their chunks (deduplicated, sorted by content key), and what was left out."""

    chunks: list[list[tuple]]
    build_node: str
    articles: int
    skipped: list[str]
    read_seconds: float


def plan_build(paths: list[Path], keep_going: bool = False, chunk_size: int = CHUNK_SIZE, keep=None) -> Plan:
    """The articles read and put in chunks. With `keep` (see read_articles) the chunks carry what it gave for
    each text, not the text: a cluster's client then holds no corpus in memory."""
    started = time.process_time()
    texts, skipped = read_articles(paths, keep_going, keep)
    read_seconds = time.process_time() - started
    # the same text twice is one article; of two copies with other metadata (or none), the same one is kept whatever
    # the order of the arguments
    unique = {}
    for key, text, source, page in sorted(texts, key=lambda t: (t[3] is None, t[3].sort_key() if t[3] else (), t[2])):
        unique.setdefault(key, (text, source, page))
    del texts
    keys = sorted(unique)
    ordered = [unique.pop(key) for key in keys]
    chunks = [ordered[i:i + chunk_size] for i in range(0, len(ordered), chunk_size)]
    return Plan(chunks, str(build_iri(keys)), len(ordered), skipped, read_seconds)


class LocalRunner:
    """Runs a function over tasks on this machine's cores: forked processes, or this one for a single job."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self.shards = self.jobs     # the merge splits into one range of subjects per process

    def map(self, function, tasks: list, progress=None, kind: str = "shard") -> list:
        results = []
        if self.jobs > 1 and len(tasks) > 1:
            # not multiprocessing.Pool: a worker that dies (the kernel's out-of-memory killer) leaves Pool waiting
            # for its task for ever, and Pool.terminate() waits on the queue lock an idle worker holds (both seen
            # at 100,000 articles); the executor reports the dead worker instead
            executor = ProcessPoolExecutor(min(self.jobs, len(tasks)), mp_context=multiprocessing.get_context("fork"))
            try:
                for result in executor.map(function, tasks):
                    results.append(result)
                    if progress:
                        progress(len(results), len(tasks))
            except BaseException as error:
                executor.shutdown(wait=False, cancel_futures=True)
                if isinstance(error, BrokenProcessPool):
                    raise VnkgError(f"a process of the build died during {kind} {len(results) + 1} of {len(tasks)} "
                                    "(killed, or out of memory)") from None
                raise
            executor.shutdown()
        else:
            for task in tasks:
                results.append(function(task))
                if progress:
                    progress(len(results), len(tasks))
        return results


def new_workdir() -> tempfile.TemporaryDirectory:
    """A temporary directory for a build's intermediate files, marked with its owner (see remove_stale_workdirs)."""
    remove_stale_workdirs()
    workdir = tempfile.TemporaryDirectory(prefix=WORKDIR_PREFIX)
    (Path(workdir.name) / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return workdir


def build(paths: list[Path], keep_going: bool = False, jobs: int | None = None, progress=None,
          chunk_size: int = CHUNK_SIZE, shards: int | None = None, per_article: bool = False) -> BuildResult:
    """Build the graph of the articles. A bad article stops the build (InputError) unless keep_going,
    in which case it is left out and reported in `skipped`. The merge runs in `shards` ranges of subjects
    (default: one per process). per_article: also each article's graphs (articles.nq)."""
    workdir = new_workdir()
    try:
        # the texts go to pack files as they are read: the build's process holds no corpus in memory
        with Packs(workdir.name) as packs:
            plan = plan_build(paths, keep_going, chunk_size, keep=packs.keep)
        runner = LocalRunner(min(jobs or os.cpu_count() or 1, len(plan.chunks)))
        runner.shards = shards or runner.shards
        alone = len(plan.chunks) == 1
        tasks = [(chunk, plan.build_node, workdir.name, index, alone, per_article)
                 for index, chunk in enumerate(plan.chunks)]
        results = runner.map(run_chunk, tasks, progress)
        result = merge(results, plan.articles, plan.skipped, workdir, runner)
    except BaseException:
        workdir.cleanup()
        raise
    result.seconds["read and normalize"] += plan.read_seconds
    for stage, seconds in sorted(result.seconds.items()):
        log.debug("%s: %.2f s of CPU", stage, seconds)
    return result


WORKDIR_PREFIX = "vnkg-build-"
OWNER_FILE = "pid"   # the build that owns a temporary directory, so that the next build can tell it is dead


def remove_stale_workdirs() -> None:
    """Remove the temporary directories of builds killed without cleaning up (kill -9, a crash): those whose
    owner is no longer running. A directory of a live build, or of another user, is left alone."""
    for folder in Path(tempfile.gettempdir()).glob(WORKDIR_PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii"))
            if owner == os.getpid() or folder.stat().st_uid != os.getuid():
                continue
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue     # no owner file yet (a build just starting), unreadable, or a process of another user


def write_build(result: BuildResult, out_dir: Path, license: str | None = None, keep_text: bool = True) -> list[Path]:
    """The build's files. Without keep_text the articles' whole texts are left out, after validation has checked
    every quote against them (vnkg.dataset); the Turtle the merge's shards wrote still holds them, so it is
    written again from the merged lines."""
    def copy(path):
        def write(out):
            with open(path, "rb") as made:
                shutil.copyfileobj(made, out, 1 << 20)
        return write

    asserted, inferred = result.turtle_files or (None, None)
    if not keep_text:
        result.triples = (result.triples[0] - drop_texts(result.asserted_file), result.triples[1])
        asserted = None
        if result.articles_file:
            drop_texts(result.articles_file)
    files = {
        out_dir / GRAPH_FILE: copy(asserted) if asserted else lambda out: write_turtle(result.asserted_file, out),
        out_dir / INFERRED_FILE: copy(inferred) if inferred else lambda out: write_turtle(result.inferred_file, out),
        out_dir / VOID_FILE: describe(result.asserted_file, result.inferred_file, license, keep_text),
        out_dir / REPORT_TEXT: result.report.text.encode("utf-8"),
        out_dir / REPORT_TURTLE: turtle(result.report.graph),
    }
    if result.articles_file:
        files[out_dir / ARTICLES_FILE] = copy(result.articles_file)
    write_atomically(files)
    return list(files)


def progress_bar(done: int, total: int) -> None:
    if total > 1:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rbuilding [{'#' * filled}{'.' * (width - filled)}] {done}/{total} chunks")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
