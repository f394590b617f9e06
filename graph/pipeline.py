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

The merge is split by subject into ranges (shards, bounded by subjects the chunks sample): each shard reads its
range of every chunk's file (found by bisection), merges it, keeps the entailments no chunk asserted, counts the
entities and keeps the triples the cross-chunk check reads, on its own, in parallel. A line sorts as its subject
does, so the final files are the shards in order, byte for byte those of a merge in one piece. The cross-chunk check
then runs by range too, in parallel: each range's shared entities with the triples they lead to. A runner runs the
chunks and the shards: LocalRunner on this machine's cores, vnkg.cluster's on a Dask cluster.
"""
from __future__ import annotations

import heapq
import io
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from .article_graphs import (ARTICLES_FILE, VOCABULARY_GRAPH, article_graph, build_graph, inferred_graph, quad,
                             split_article)
from .articles import STDIN, STDIN_NAME, article_paths, read
from .dataset import describe, drop_texts
from .emit import build_iri, emit_triples
from .errors import InputError
from .extraction import extract
from .namespaces import ID, VNKG
from .output import (GRAPH_FILE, INFERRED_FILE, VOID_FILE, nt_lines, triples_of, turtle, turtle_header,
                     write_atomically, write_turtle)
from .reason import infer_triples
from .screen import MERGE_COMPONENTS, default_screen
from .text import nfc
from .validation import Report, ontology_graph, screen_findings, validate

log = logging.getLogger(__name__)

REPORT_TEXT = "shacl-report.txt"
REPORT_TURTLE = "shacl-report.ttl"
CHUNK_SIZE = 25
FAN_IN = 500        # sorted files a merge reads at once
SAMPLE_EVERY = 64    # a chunk samples one subject in this many lines: the merge splits its work at these
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# Entities that several articles may name: validated again across chunks.
# what the build summary counts: distinct entities of the merged graph by class ("1 organizations" for one body
# that a thousand articles name, not a thousand)
COUNTED = {f"<{VNKG}{cls}>": kind for cls, kind in (
    ("Person", "persons"), ("Organization", "organizations"), ("OrganizationalUnit", "organizations"),
    ("PostHolding", "posts held"), ("PolicyDocument", "documents"), ("Event", "events"),
    ("AwardConferral", "award conferrals"), ("AwardPresentation", "presentations"), ("Statistic", "statistics"),
    ("Project", "projects"))}
SHARED = tuple(f"<{ID}{kind}" for kind in ("person/", "org/", "post/", "document/", "event/", "place/", "period/", "year/",
                                                      "project/"))


@dataclass
class ChunkResult:
    asserted: str             # the chunk's triples: sorted, unique canonical N-Triples lines (a path or a URL)
    inferred: str
    shared: set[str]          # subjects (N-Triples form) of entities other articles may name too
    pointed: set[str]         # the nodes their triples that the merge tests read point to
    report: Report
    seconds: Counter          # CPU seconds per stage, for bench/
    samples: list[str] = field(default_factory=list)   # every SAMPLE_EVERY-th subject: where the merge's shards end
    articles: str | None = None     # with per_article: the chunk's articles, a graph each (vnkg.article_graphs)
    header: set[str] = field(default_factory=set)     # and the quad lines of the build's and the vocabulary's graphs


@dataclass
class ShardResult:
    """One subject range of the merged triples (lo <= subject < hi): its files and what the build tells of it."""

    asserted: str
    inferred: str
    turtle: tuple[str, str]      # the asserted and inferred lines as Turtle (after the prefixes)
    triples: tuple[int, int]
    counts: Counter
    shared_lines: list[str]      # what the merge tests read of the shared entities of the range
    pointed_lines: list[str]     # and of the nodes they may point to
    reported_lines: list[str]    # what the build says of the nodes chunks reported on
    seconds: float               # CPU seconds


@dataclass
class BuildResult:
    """A build's merged triples live in sorted N-Triples files in a temporary directory (memory stays flat
    however many articles there are); close() removes them."""

    articles: int
    asserted_file: Path
    inferred_file: Path
    triples: tuple[int, int]
    report: Report
    counts: Counter
    workdir: tempfile.TemporaryDirectory
    skipped: list[str] = field(default_factory=list)   # one-line messages about articles left out
    seconds: Counter = field(default_factory=Counter)  # CPU seconds per stage (summed over processes)
    turtle_files: tuple[Path, Path] | None = None      # the same as Turtle, made by the shards
    articles_file: Path | None = None                  # with per_article: articles.nq (vnkg.article_graphs)

    def lines(self, which: str = "asserted") -> set[str]:
        path = self.asserted_file if which == "asserted" else self.inferred_file
        return set(path.read_text(encoding="utf-8").splitlines())

    def close(self) -> None:
        self.workdir.cleanup()

    def summary(self) -> str:
        counts = self.report.counts()
        lines = [
            f"articles read: {self.articles}" + (f" ({len(self.skipped)} skipped)" if self.skipped else ""),
            f"triples: {self.triples[0]} asserted, {self.triples[1]} inferred",
            "facts: " + ", ".join(f"{n} {kind}" for kind, n in self.counts.items()),
            f"SHACL: {'conforms' if self.report.conforms else 'does not conform'}"
            f" ({counts['Violation']} violations, {counts['Warning']} warnings)",
        ]
        return "\n".join(lines)


def _write_lines(path: str, lines: list[str]) -> None:
    """Sorted lines to a file, one a line; under its name only once whole."""
    part = part_name(path)
    with open_file(part, "w") as out:
        for line in lines:
            out.write(line + "\n")
    publish(part, path)


def part_name(path: str) -> str:
    """Where a file is written before it is renamed into place: a name of its own for each writer (a task that
    Dask runs again while a lost worker still writes)."""
    return f"{path}.{os.getpid()}-{os.urandom(4).hex()}.part"


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
    _write_lines(paths[0], in_order)
    _write_lines(paths[1], sorted(inferred_lines))
    shared, pointed = (set(), set()) if alone else _shared_entities(asserted_lines)
    samples = sorted({_subject(line) for line in in_order[::SAMPLE_EVERY]})
    lap("serialize")
    result = ChunkResult(paths[0], paths[1], shared, pointed, report, seconds, samples)
    if per_article:
        result.articles, result.header = _write_article_graphs(facts, build, f"{workdir}/articles-{index:06d}.nq")
        lap("per article")
    return result


def _write_article_graphs(facts: list, build: str, path: str) -> tuple[str, set[str]]:
    """Each article emitted and reasoned over alone, as the quad lines of its graphs, in content-key order; and the
    lines of the build's and the vocabulary's graphs."""
    header: set[str] = set()
    part = part_name(path)
    with open_file(part, "w") as out:
        for article in sorted(facts, key=lambda f: f.key):
            triples = emit_triples([article], build=URIRef(build))
            lines = nt_lines(triples)
            own, vocabulary, build_lines = split_article(lines)
            header.update(quad(line, VOCABULARY_GRAPH) for line in vocabulary)
            header.update(quad(line, build_graph(build)) for line in build_lines)
            inferred = sorted(nt_lines(infer_triples(triples, ontology_graph())) - lines)
            for graph, graph_lines in ((article_graph(article.key), own), (inferred_graph(article.key), inferred)):
                out.writelines(quad(line, graph) + "\n" for line in graph_lines)
    publish(part, path)
    return path, header


def _shared_entities(lines) -> tuple[set[str], set[str]]:
    """The subjects of a chunk's entities other chunks may describe too, and the nodes (IRIs) their triples
    that the merge tests read point to; the merge keeps the triples of both for the cross-chunk check."""
    predicates = _merge_predicates()
    shared, pointed = set(), set()
    for line in lines:
        if line.startswith(SHARED):
            shared.add(_subject(line))
            if predicates is None or _predicate(line) in predicates:
                value = _object(line)
                if value.startswith("<"):
                    pointed.add(value)
    return shared, pointed


def _process(arguments) -> ChunkResult:
    return process_chunk(*arguments)


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
            with multiprocessing.get_context("fork").Pool(min(self.jobs, len(tasks))) as pool:
                for result in pool.imap(function, tasks):
                    results.append(result)
                    if progress:
                        progress(len(results), len(tasks))
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
    plan = plan_build(paths, keep_going, chunk_size)
    runner = LocalRunner(min(jobs or os.cpu_count() or 1, len(plan.chunks)))
    runner.shards = shards or runner.shards
    workdir = new_workdir()
    alone = len(plan.chunks) == 1
    tasks = [(chunk, plan.build_node, workdir.name, index, alone, per_article)
             for index, chunk in enumerate(plan.chunks)]
    try:
        results = runner.map(_process, tasks, progress)
        result = merge(results, plan.articles, plan.skipped, workdir, runner)
    except BaseException:
        workdir.cleanup()
        raise
    result.seconds["read and normalize"] += plan.read_seconds
    for stage, seconds in sorted(result.seconds.items()):
        log.debug("%s: %.2f s of CPU", stage, seconds)
    return result


def open_file(path, mode: str = "r"):
    """A file of the build's work: a local path, or an fsspec URL (a cluster's shared work directory)."""
    path = str(path)
    if "://" in path:
        import fsspec    # installed with the cluster extra, imported only for a URL

        return fsspec.open(path, mode, encoding="utf-8").open()
    return open(path, mode, encoding=None if "b" in mode else "utf-8")


def publish(part: str, final: str) -> None:
    """Rename a finished file into place, so that a killed writer never leaves a partial one under its name."""
    if "://" in part:
        import fsspec

        filesystem, path = fsspec.core.url_to_fs(part)
        filesystem.mv(path, fsspec.core.url_to_fs(final)[1])
    else:
        os.replace(part, final)


def remove_file(path) -> None:
    path = str(path)
    if "://" in path:
        import fsspec

        filesystem, local = fsspec.core.url_to_fs(path)
        filesystem.rm(local)
    else:
        os.unlink(path)


def _range_lines(path, lo: str | None, hi: str | None):
    """The lines of a sorted file whose subject is in [lo, hi) (None: no bound), found by bisection. A line
    orders as its subject does: subjects are IRIs in <>, none the beginning of another."""
    raw = open_file(path, "rb")
    try:
        if lo is not None:
            raw.seek(_first_at_least(raw, lo.encode("utf-8")))
        for line in io.TextIOWrapper(raw, encoding="utf-8", newline="\n"):
            if hi is not None and line >= hi:
                break
            yield line
    finally:
        raw.close()


def _first_at_least(handle, key: bytes) -> int:
    """The offset of the first line of a sorted file that is not below key (UTF-8 bytes order as code points)."""
    handle.seek(0, io.SEEK_END)
    size = handle.tell()

    def line_start(position: int) -> int:      # where the first line starting at or after position starts
        if position == 0:
            return 0
        handle.seek(position - 1)
        handle.readline()
        return handle.tell()

    low, high = 0, size
    while low < high:
        middle = (low + high) // 2
        start = line_start(middle)
        if start < size and handle.readline() < key:
            low = middle + 1
        else:
            high = middle
    return line_start(low)


def merged_range(paths: list[str], lo: str | None, hi: str | None, base: str, fan_in: int | None = None):
    """The sorted, unique lines in [lo, hi) of several sorted files, with at most `fan_in` of them open at once:
    beyond that, merged in passes through temporary runs named after `base` (100,000 articles are 4,000 chunks,
    past the 1,024 files a process may open on many systems)."""
    fan_in = fan_in or FAN_IN
    runs, temporaries = list(paths), []
    try:
        while len(runs) > fan_in:
            merged_runs = []
            for start in range(0, len(runs), fan_in):
                name = part_name(f"{base}-run-{len(temporaries):06d}")
                with open_file(name, "w") as out:
                    out.writelines(_merged([_range_lines(path, lo, hi) for path in runs[start:start + fan_in]]))
                temporaries.append(name)
                merged_runs.append(name)
            runs = merged_runs
        yield from _merged([_range_lines(path, lo, hi) for path in runs])
    finally:
        for name in temporaries:
            remove_file(name)


def _merged(sources):
    """The sorted, unique lines of several sorted sources of lines."""
    previous = None
    for line in heapq.merge(*sources):
        if line != previous:
            yield line
            previous = line


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


def shard_bounds(results: list[ChunkResult], shards: int) -> list[tuple[str | None, str | None]]:
    """Subject ranges [lo, hi) of about the same size (from the chunks' samples), in order; None is open."""
    samples = sorted(set().union(*(r.samples for r in results)))
    shards = max(1, min(shards, len(samples)))
    cuts = sorted({samples[len(samples) * i // shards] for i in range(1, shards)})
    edges = [None, *cuts, None]
    return list(zip(edges, edges[1:]))


def _in_range(nodes: set[str], lo: str | None, hi: str | None) -> set[str]:
    return {node for node in nodes if (lo is None or node >= lo) and (hi is None or node < hi)}


def merge(results: list[ChunkResult], articles: int, skipped: list[str], workdir, runner=None,
          shard_dir: str | None = None) -> BuildResult:
    """The chunks' triples merged, one range of subjects (a shard) per task of the runner, in parallel; the final
    files are the shards in order. `shard_dir` holds the shards' files (the build's temporary directory, or a
    cluster's work directory)."""
    started = time.process_time()
    runner = runner or LocalRunner(1)
    folder = Path(workdir.name)
    shard_dir = shard_dir or str(folder)
    asserted_file, inferred_file = folder / "asserted.nt", folder / "inferred.nt"
    chunks_of: Counter = Counter()
    for result in results:
        chunks_of.update(result.shared)
    shared = {subject for subject, n in chunks_of.items() if n > 1}
    pointed = set().union(*(r.pointed for r in results)) - shared if shared else set()
    reported = {node for r in results for node in r.report.focus_nodes()} if shared else set()
    tasks = []
    bounds = shard_bounds(results, runner.shards)
    for index, (lo, hi) in enumerate(bounds):
        plan = ([str(r.asserted) for r in results], [str(r.inferred) for r in results], lo, hi,
                _in_range(shared, lo, hi), _in_range(pointed, lo, hi), _in_range(reported, lo, hi), bool(shared))
        base = f"{shard_dir}/shard-{index:06d}"
        part = part_name(base + ".plan")
        with open_file(part, "wb") as out:
            pickle.dump(plan, out, protocol=pickle.HIGHEST_PROTOCOL)
        publish(part, base + ".plan")
        tasks.append((base + ".plan", base))
    shards: list[ShardResult] = runner.map(merge_shard, tasks)
    counts = Counter({kind: 0 for kind in COUNTED.values()})
    turtle_files = folder / "asserted.ttl", folder / "inferred.ttl"
    # the final files are the shards in order (a line sorts as its subject does; Turtle runs subject by subject)
    for path, pieces, header in ((asserted_file, [s.asserted for s in shards], b""),
                                 (inferred_file, [s.inferred for s in shards], b""),
                                 (turtle_files[0], [s.turtle[0] for s in shards], turtle_header()),
                                 (turtle_files[1], [s.turtle[1] for s in shards], turtle_header())):
        with open(path, "wb") as out:
            out.write(header)
            for piece in pieces:
                with open_file(piece, "rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
    for shard in shards:
        counts.update(shard.counts)
    articles_file = _concatenate_articles(results, folder) if results and results[0].articles else None
    for path in [p for r in results for p in (r.asserted, r.inferred)] + \
            [p for s in shards for p in (s.asserted, s.inferred, *s.turtle)] + [plan for plan, _ in tasks]:
        remove_file(path)
    reported_lines = [line for shard in shards for line in shard.reported_lines]
    predicates = _merge_predicates() if shared else None
    # what a chunk reported of a shared entity, or of a node that points to one, may not hold of the merged graph
    # (another article gives the post a chair lacked): those nodes are validated again with what the build says
    recheck = {subject for line in reported_lines
               if (subject := _subject(line)) in shared or _object(line) in shared}
    reports = [r.report.without(recheck) for r in results]
    if any(shard.shared_lines for shard in shards):
        reports += _check_shared_by_shard(shared, shards, bounds, predicates, runner, shard_dir)
    if recheck:
        reports.append(_revalidate(recheck, [line for line in reported_lines if _subject(line) in recheck],
                                   asserted_file))
    seconds = Counter()
    for result in results:
        seconds.update(result.seconds)
    seconds["merge"] += time.process_time() - started + sum(shard.seconds for shard in shards)
    triples = (sum(s.triples[0] for s in shards), sum(s.triples[1] for s in shards))
    return BuildResult(articles, asserted_file, inferred_file, triples, Report.merge(reports), counts, workdir,
                       skipped, seconds, turtle_files, articles_file)


def _concatenate_articles(results: list[ChunkResult], folder: Path) -> Path:
    """articles.nq: the build's and the vocabulary's graphs, then the chunks' articles in order (the chunks hold
    articles in content-key order), so the bytes do not depend on the chunking."""
    path = folder / ARTICLES_FILE
    with open(path, "wb") as out:
        out.write("".join(line + "\n" for line in sorted(set().union(*(r.header for r in results)))).encode("utf-8"))
        for result in results:
            with open_file(result.articles, "rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
            remove_file(result.articles)
    return path


def merge_shard(task: tuple[str, str]) -> ShardResult:
    """Merge one range of subjects of every chunk's files (a k-way merge: memory stays flat), keep of the
    entailments those no chunk asserted, count the entities, and keep what the cross-chunk check reads."""
    plan_path, base = task
    started = time.process_time()
    with open_file(plan_path, "rb") as handle:
        asserted_paths, inferred_paths, lo, hi, shared, pointed, reported, check = pickle.load(handle)
    predicates = _merge_predicates() if check else None
    shared_lines: list[str] = []
    pointed_lines: list[str] = []
    reported_lines: list[str] = []
    asserted_count = 0
    counts = Counter()
    asserted_out, inferred_out = base + "-asserted.nt", base + "-inferred.nt"
    part = part_name(asserted_out)
    with open_file(part, "w") as out:
        for line in merged_range(asserted_paths, lo, hi, base + "-asserted"):
            out.write(line)
            asserted_count += 1
            if _predicate(line) == TYPE and (kind := COUNTED.get(_object(line))):
                counts[kind] += 1
            if check:
                subject = _subject(line)
                if subject in reported:
                    reported_lines.append(line)
                if subject in shared:
                    if predicates is None or _predicate(line) in predicates:
                        shared_lines.append(line)
                elif subject in pointed and _describes(line, predicates):
                    pointed_lines.append(line)
    publish(part, asserted_out)
    inferred_count = 0
    part = part_name(inferred_out)
    with open_file(part, "w") as out, open_file(asserted_out) as known:
        # a merge join: skip entailments that some other chunk asserted
        current = known.readline()
        for line in merged_range(inferred_paths, lo, hi, base + "-inferred"):
            while current and current < line:
                current = known.readline()
            if line != current:
                out.write(line)
                inferred_count += 1
    publish(part, inferred_out)
    turtles = []
    for nt in (asserted_out, inferred_out):
        turtles.append(nt[:-len(".nt")] + ".ttl")
        part = part_name(turtles[-1])
        with open_file(nt) as lines, open_file(part, "wb") as out:
            write_turtle(lines, out, header=False)
        publish(part, turtles[-1])
    return ShardResult(asserted_out, inferred_out, tuple(turtles), (asserted_count, inferred_count), counts,
                       shared_lines, pointed_lines, reported_lines, time.process_time() - started)


def _subject(line: str) -> str:
    return line.split(" ", 1)[0]


def _predicate(line: str) -> str:
    return line.split(" ", 2)[1]


def _object(line: str) -> str:
    return line.split(" ", 2)[2].rsplit(" .", 1)[0]


def _objects(lines: list[str]) -> set[str]:
    return {_object(line) for line in lines}


def _describes(line: str, predicates: frozenset[str] | None) -> bool:
    """Whether the cross-chunk check needs this triple of a node a shared entity points to: one the merge tests
    read, or (when the shapes are beyond the screen) any triple of a shared-kind entity and the types of others."""
    if predicates is not None:
        return _predicate(line) in predicates
    return line.startswith(SHARED) or _predicate(line) == TYPE


@lru_cache(maxsize=1)
def _merge_predicates() -> frozenset[str] | None:
    """The predicates (N-Triples form) the merge tests read, or None for all of them."""
    screen = default_screen()
    predicates = screen.merge_predicates() if screen is not None else None
    return None if predicates is None else frozenset(f"<{predicate}>" for predicate in predicates)


def _check_shared_by_shard(shared: set[str], shards: list[ShardResult], bounds: list, predicates, runner,
                           shard_dir: str) -> list[Report]:
    """The cross-chunk check, one task per subject range: each range's shared entities with their own triples and
    those of the nodes they lead to within two steps (any range's: a chair's posts, a post's title), which is as
    far as the merge tests read (vnkg.screen). The ranges are checked in parallel, on the runner's processes or on
    the cluster, their inputs passed as files."""
    by_subject: dict[str, list[str]] = {}
    for shard in shards:
        for line in shard.shared_lines + shard.pointed_lines:
            by_subject.setdefault(_subject(line), []).append(line)
    tasks = []
    for index, (shard, (lo, hi)) in enumerate(zip(shards, bounds)):
        if not shard.shared_lines:
            continue
        lines, reached = list(shard.shared_lines), {_subject(line) for line in shard.shared_lines}
        frontier = shard.shared_lines
        for _ in range(2):
            step = _objects(frontier) - reached
            reached |= step
            frontier = [line for node in sorted(step) for line in by_subject.get(node, ())]
            lines += frontier
        path = f"{shard_dir}/check-{index:06d}.plan"
        part = part_name(path)
        with open_file(part, "wb") as out:
            pickle.dump((_in_range(shared, lo, hi), lines, predicates), out, protocol=pickle.HIGHEST_PROTOCOL)
        publish(part, path)
        tasks.append(path)
    reports = runner.map(check_shared_shard, tasks, kind="check")
    for path in tasks:
        remove_file(path)
    return reports


def check_shared_shard(path: str) -> Report:
    with open_file(path, "rb") as handle:
        focus, lines, predicates = pickle.load(handle)
    return _validate_shared_entities(focus, lines, predicates)


def _validate_shared_entities(focus: set[str], lines: list[str], predicates: frozenset[str] | None) -> Report:
    """Validate again, across chunks, entities that more than one chunk describes (`focus`), with `lines`: their
    triples that the merge tests read (`predicates`), and the same of the nodes they point to (a chair's posts for
    an event's SPARQL check, a value's types for sh:class), not the spans of every mention, which are most of the
    graph.

    Each chunk has validated them with its own triples, and merging conforming graphs can break only the merge
    tests (vnkg.screen: maximum counts, unique languages, qualified counts, SHACL-SPARQL). So the screen runs
    those alone; pySHACL then reports on the entities the screen flags, and its results of the merge components
    are kept. When some shape is beyond the screen (`predicates` None), pySHACL validates the entities whole, with
    all the lines given (the entities they point to and the types of other nodes)."""
    found = screen_findings(triples_of(lines), [line.rstrip("\n") for line in lines],
                            only={URIRef(node[1:-1]) for node in focus}, merged=True)
    if found == set():
        return Report(True, [])
    flagged, everything = focus, lines
    if found is not None:
        # pySHACL on every shared entity of 1,000 articles took 95 s: only on those the screen flags
        flagged = {f"<{node}>" for node, _ in found}
        described = [line for line in lines if _subject(line) in flagged]
        objects = _objects(described) - flagged     # those may be shared entities too (a chair and his posts)
        everything = described + [line for line in lines if _subject(line) in objects]
    return Report.of(r for r in _pyshacl_on(flagged, everything)
                     if predicates is None or r.component in MERGE_COMPONENTS)


def _revalidate(nodes: set[str], lines: list[str], asserted_file: Path) -> Report:
    """pySHACL on these nodes (N-Triples form) with all the merged graph says of them (`lines`), the whole
    description of the shared-kind entities they point to and the types of other nodes."""
    objects = _objects(lines)
    with open(asserted_file, encoding="utf-8") as known:
        pointed = [line for line in known if _subject(line) in objects and _describes(line, None)]
    return Report.of(_pyshacl_on(nodes, lines + pointed))


def _pyshacl_on(nodes: set[str], lines: list[str]) -> list:
    """pySHACL's results about these nodes (N-Triples form), validated alone (its focus_nodes) on these lines."""
    report = validate(triples_of(lines), screen=False, focus={URIRef(node[1:-1]) for node in nodes})
    return [r for r in report.results if f"<{r.focus}>" in nodes]


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
