"""The merge of a build's chunks, in ranges of subjects (shards), and the check of what several chunks describe.

Each chunk (vnkg.pipeline) has written its triples as sorted canonical N-Triples lines, and the entities other
chunks may describe too (a person, an organization, a document) with the nodes their triples point to, as sorted
lines of its entity file. The merge is split by subject into ranges, bounded by subjects the chunks sample. Each
shard reads its range of every chunk's files (found by bisection), merges them (a k-way merge), keeps the
entailments no chunk asserted, counts the entities, and writes, beside its triples, what the cross-chunk check
reads of its range: the triples of the entities several chunks describe, and of the nodes they point to, that
the shapes which may target such entities read (their classes and predicates, which the chunks report). A line
sorts as its subject does, so the final files are the shards in order, byte for byte those of a merge in one
piece.

The check then runs in pieces of shared entities (up to CHECK_LINES of their triples), in parallel: a piece's
entities with the triples they lead to within two steps, looked up in the shards' files (by bisection, or read
through when the piece needs much of a file). Nothing of a range is held by the process that started the build: memory stays
bounded by a shard's and a piece's share, however many articles there are.
"""
from __future__ import annotations

import bisect
import io
import mmap
import pickle
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from .article_graphs import ARTICLES_FILE
from .namespaces import ID, VNKG
from .output import triples_of, turtle_header, write_turtle
from .screen import MERGE_COMPONENTS, default_screen
from .validation import Report, ontology_data, screen_findings, validate, with_written
from .workfiles import first_at_least, merged_range, open_file, range_lines, remove_file, written

SAMPLE_EVERY = 64    # a chunk samples one subject in this many lines: the merge splits its work at these
# A task of the cross-chunk check takes shared entities up to this many of their own merge-tested triples: what it
# reads and holds grows with those (a post named in thousands of articles has a piece to itself), not with the
# number of entities (at 100,000 articles, pieces of 5,000 entities held up to 13 GB).
CHECK_LINES = 20_000
LOOKUP_BYTES = 1 << 13  # a file is read through when a task looks up more than one subject per this many bytes
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# what the build summary counts: distinct entities of the merged graph by class ("1 organizations" for one body
# that a thousand articles name, not a thousand)
COUNTED = {f"<{VNKG}{cls}>": kind for cls, kind in (
    ("Person", "persons"), ("Organization", "organizations"), ("OrganizationalUnit", "organizations"),
    ("PostHolding", "posts held"), ("PolicyDocument", "documents"), ("Event", "events"),
    ("AwardConferral", "award conferrals"), ("AwardPresentation", "presentations"), ("Statistic", "statistics"),
    ("Project", "projects"))}
# Entities that several articles may name: validated again across chunks.
SHARED = tuple(f"<{ID}{kind}" for kind in ("person/", "org/", "post/", "document/", "event/", "place/", "period/", "year/",
                                                      "project/"))


@dataclass
class ChunkResult:
    asserted: str             # the chunk's triples: sorted, unique canonical N-Triples lines (a path or a URL)
    inferred: str
    entities: str | None      # its entity file (write_entities); None for a chunk alone in its build
    report: Report
    seconds: Counter          # CPU seconds per stage, for bench/
    samples: list[str] = field(default_factory=list)   # every SAMPLE_EVERY-th subject: where the merge's shards end
    articles: str | None = None     # with per_article: the chunk's articles, a graph each (vnkg.article_graphs)
    header: set[str] = field(default_factory=set)     # and the quad lines of the build's and the vocabulary's graphs
    # the classes and the predicates of its entities that other chunks may describe too: which shapes the
    # cross-chunk check needs (Screen.merge_predicates)
    shared_classes: frozenset[str] = frozenset()
    shared_predicates: frozenset[str] = frozenset()


@dataclass
class ShardResult:
    """One subject range of the merged triples (lo <= subject < hi): its files and what the build tells of it."""

    asserted: str
    inferred: str
    turtle: tuple[str, str]      # the asserted and inferred lines as Turtle (after the prefixes)
    triples: tuple[int, int]
    counts: Counter
    check: str                   # what the merge tests read of the range's shared entities and the nodes they point to
    shared: str                  # the range's shared entities, a line "<subject> shared" each
    reported: str                # what the build says of the nodes of the range that chunks reported on
    shared_count: int
    reported_count: int
    cuts: list[str]              # the shared entities where the check's pieces of the range begin (CHECK_LINES)
    seconds: float               # CPU seconds

    def files(self) -> list[str]:
        return [self.asserted, self.inferred, *self.turtle, self.check, self.shared, self.reported]


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


def write_entities(lines, path: str, index: int) -> tuple[str, frozenset[str], frozenset[str]]:
    """A chunk's entity file: a line "<subject> shared <chunk>" for each entity other chunks may describe too, and
    "<node> pointed" for each node (IRI) their triples that the merge tests read point to; sorted, so that the
    merge reads a range of it (the chunk's number tells the chunks that share an entity apart). Returns its path,
    and the classes and the predicates of those entities."""
    predicates = _merge_predicates()
    shared, pointed, classes, used = set(), set(), set(), set()
    for line in lines:
        if line.startswith(SHARED):
            shared.add(_subject(line))
            used.add(predicate := _predicate(line))
            if predicate == TYPE:
                classes.add(_object(line))
            if predicates is None or predicate in predicates:
                value = _object(line)
                if value.startswith("<"):
                    pointed.add(value)
    with written(path) as out:
        out.writelines(sorted([f"{node} shared {index:06d}\n" for node in shared] +
                              [f"{node} pointed\n" for node in pointed]))
    return path, frozenset(classes), frozenset(used)


def shard_bounds(results: list[ChunkResult], shards: int) -> list[tuple[str | None, str | None]]:
    """Subject ranges [lo, hi) of about the same size (from the chunks' samples), in order; None is open."""
    samples = sorted(set().union(*(r.samples for r in results)))
    shards = max(1, min(shards, len(samples)))
    cuts = sorted({samples[len(samples) * i // shards] for i in range(1, shards)})
    edges = [None, *cuts, None]
    return list(zip(edges, edges[1:]))


def _in_range(nodes: set[str], lo: str | None, hi: str | None) -> set[str]:
    return {node for node in nodes if (lo is None or node >= lo) and (hi is None or node < hi)}


def merge(results: list[ChunkResult], articles: int, skipped: list[str], workdir, runner,
          shard_dir: str | None = None) -> BuildResult:
    """The chunks' triples merged, one range of subjects (a shard) per task of the runner, in parallel, then
    checked across chunks in pieces, in parallel too; the final files are the shards in order. `shard_dir` holds
    the shards' files (the build's temporary directory, or a cluster's work directory)."""
    started = time.process_time()
    folder = Path(workdir.name)
    shard_dir = shard_dir or str(folder)
    asserted_file, inferred_file = folder / "asserted.nt", folder / "inferred.nt"
    entities = [r.entities for r in results if r.entities]
    reported = {node for r in results for node in r.report.focus_nodes()} if entities else set()
    predicates = _merge_predicates(frozenset().union(*(r.shared_classes for r in results)),
                                   frozenset().union(*(r.shared_predicates for r in results))) if entities else None
    tasks = []
    bounds = shard_bounds(results, runner.shards)
    for index, (lo, hi) in enumerate(bounds):
        plan = ([str(r.asserted) for r in results], [str(r.inferred) for r in results], entities, lo, hi,
                _in_range(reported, lo, hi), predicates)
        base = f"{shard_dir}/shard-{index:06d}"
        with written(base + ".plan", "wb") as out:
            pickle.dump(plan, out, protocol=pickle.HIGHEST_PROTOCOL)
        tasks.append((base + ".plan", base))
    shards: list[ShardResult] = runner.map(merge_shard, tasks)
    for path in [p for r in results for p in (r.asserted, r.inferred)] + entities + [plan for plan, _ in tasks]:
        remove_file(path)
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
    pieces = [(shards, bounds, index, lo, hi, predicates) for index, shard in enumerate(shards)
              for lo, hi in _check_pieces(shard, *bounds[index])]
    checked = runner.map(check_piece, pieces, kind="check") if pieces else []
    for path in [p for s in shards for p in s.files()]:
        remove_file(path)
    # what a chunk reported of a shared entity, or of a node that points to one, may not hold of the merged graph
    # (another article gives the post a chair lacked): the check validated those nodes again
    recheck = set().union(*(nodes for _, nodes in checked))
    reports = [r.report.without(recheck) for r in results] + [report for report, _ in checked]
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
    entailments those no chunk asserted, count the entities, and write what the cross-chunk check reads."""
    plan_path, base = task
    started = time.process_time()
    with open_file(plan_path, "rb") as handle:
        asserted_paths, inferred_paths, entity_paths, lo, hi, reported, predicates = pickle.load(handle)
    # the entity files' lines run in the order of the triples: a merge join tells each triple's subject's part
    entities = _entity_parts(merged_range(entity_paths, lo, hi, base + "-entities"))
    node, shared, pointed = next(entities, _NO_ENTITY)
    asserted_count, shared_count, reported_count, last, piece_lines = 0, 0, 0, None, 0
    counts, cuts = Counter(), []
    names = {kind: f"{base}-{kind}" for kind in ("asserted.nt", "inferred.nt", "check.nt", "shared.txt",
                                                  "reported.nt")}
    with written(names["asserted.nt"]) as out, written(names["check.nt"]) as check, \
            written(names["shared.txt"]) as shared_out, written(names["reported.nt"]) as reported_out:
        for line in merged_range(asserted_paths, lo, hi, base + "-asserted"):
            out.write(line)
            asserted_count += 1
            if _predicate(line) == TYPE and (kind := COUNTED.get(_object(line))):
                counts[kind] += 1
            if not entity_paths:
                continue
            subject = _subject(line)
            if subject in reported:
                reported_out.write(line)
                reported_count += 1
            while node is not None and node < subject:
                node, shared, pointed = next(entities, _NO_ENTITY)
            if node != subject:
                continue
            if shared:
                if subject != last:
                    if piece_lines >= CHECK_LINES:
                        cuts.append(subject)
                        piece_lines = 0
                    shared_out.write(f"{subject} shared\n")
                    shared_count, last = shared_count + 1, subject
                if predicates is None or _predicate(line) in predicates:
                    check.write(line)
                    piece_lines += 1
            elif pointed and _describes(line, predicates):
                check.write(line)
    inferred_count = 0
    with written(names["inferred.nt"]) as out, open_file(names["asserted.nt"]) as known:
        # a merge join: skip entailments that some other chunk asserted
        current = known.readline()
        for line in merged_range(inferred_paths, lo, hi, base + "-inferred"):
            while current and current < line:
                current = known.readline()
            if line != current:
                out.write(line)
                inferred_count += 1
    turtles = []
    for nt in (names["asserted.nt"], names["inferred.nt"]):
        turtles.append(nt[:-len(".nt")] + ".ttl")
        with open_file(nt) as lines, written(turtles[-1], "wb") as out:
            write_turtle(lines, out, header=False)
    return ShardResult(names["asserted.nt"], names["inferred.nt"], tuple(turtles), (asserted_count, inferred_count),
                       counts, names["check.nt"], names["shared.txt"], names["reported.nt"], shared_count,
                       reported_count, cuts, time.process_time() - started)


_NO_ENTITY = (None, False, False)


def _entity_parts(lines):
    """(node, whether several chunks describe it, whether a shared-kind entity points to it), node by node, from
    the merged lines of the chunks' entity files."""
    node, chunks, pointed = None, 0, False
    for line in lines:
        subject, kind = line.split(" ", 2)[:2]
        if subject != node:
            if node is not None:
                yield node, chunks > 1, pointed
            node, chunks, pointed = subject, 0, False
        if kind == "shared":
            chunks += 1
        else:
            pointed = True
    if node is not None:
        yield node, chunks > 1, pointed


def _check_pieces(shard: ShardResult, lo: str | None, hi: str | None) -> list[tuple[str | None, str | None]]:
    """The pieces of a range the cross-chunk check validates in a task each (none when there is nothing to check)."""
    if not (shard.shared_count or shard.reported_count):
        return []
    edges = [lo, *shard.cuts, hi]
    return list(zip(edges, edges[1:]))


def check_piece(task) -> tuple[Report, set[str]]:
    """The cross-chunk check of the shared entities in [lo, hi) of one shard's range, with their triples and those
    of the nodes they lead to within two steps (any range's: a chair's posts, a post's title), which is as far as
    the merge tests read (vnkg.screen). Then the nodes of the piece that chunks reported on and that are shared
    entities or point to one are validated again with what the merged graph says of them. Returns the report
    and those nodes (their chunks' results about them are replaced)."""
    shards, bounds, index, lo, hi, predicates = task
    shard = shards[index]
    reports = []
    focus = {_subject(line) for line in range_lines(shard.shared, lo, hi)}
    if focus:
        lines = [line for line in range_lines(shard.check, lo, hi) if _subject(line) in focus]
        reached, frontier = set(focus), lines
        checked = _SortedFiles([s.check for s in shards], bounds)
        for _ in range(2):
            step = {node for node in _objects(frontier) if node.startswith("<")} - reached
            reached |= step
            frontier = checked.lines(step)
            lines += frontier
        reports.append(_validate_shared_entities(focus, lines, predicates))
    reported = list(range_lines(shard.reported, lo, hi))
    recheck: set[str] = set()
    if reported:
        objects = {node for node in _objects(reported) if node.startswith("<")}
        shared = {_subject(line) for line in _SortedFiles([s.shared for s in shards], bounds).lines(objects)}
        recheck = {subject for line in reported if (subject := _subject(line)) in focus or _object(line) in shared}
    if recheck:
        lines = [line for line in reported if _subject(line) in recheck]
        objects = {node for node in _objects(lines) if node.startswith("<")}
        pointed = [line for line in _SortedFiles([s.asserted for s in shards], bounds).lines(objects)
                   if _describes(line, None)]
        reports.append(Report.of(_results_on(recheck, lines + pointed, screen=True)))
    return Report.merge(reports), recheck


class _SortedFiles:
    """The shards' files of one kind, each holding the sorted lines of its range of subjects."""

    def __init__(self, paths: list[str], bounds: list[tuple[str | None, str | None]]):
        self.paths = paths
        self.cuts = [lo for lo, _ in bounds[1:]]

    def lines(self, nodes: set[str]) -> list[str]:
        """The lines whose subject is one of these nodes, in order."""
        by_file: dict[int, list[str]] = {}
        for node in sorted(nodes):
            by_file.setdefault(bisect.bisect_right(self.cuts, node), []).append(node)
        return [line for index in sorted(by_file) for line in _lines_of(self.paths[index], by_file[index])]


def _lines_of(path: str, nodes: list[str]) -> list[str]:
    """The lines of a sorted file whose subject is one of these (sorted) nodes: each node's found by bisection, or,
    when the nodes are many for the file's size, all of them in one pass."""
    if not nodes:
        return []
    with open_file(path, "rb") as handle:
        size = handle.seek(0, io.SEEK_END)
        if not size:
            return []
        if len(nodes) * LOOKUP_BYTES > size:
            wanted, last, found = set(nodes), nodes[-1], []
            for line in range_lines(path, nodes[0], None):
                subject = _subject(line)
                if subject > last:
                    break
                if subject in wanted:
                    found.append(line)
            return found
        if "://" in path:
            return _each_by_bisection(handle, nodes)
        # in a mapped file each step of a bisection reads a line, not a buffer
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return _each_by_bisection(mapped, nodes)


def _each_by_bisection(handle, nodes: list[str]) -> list[str]:
    found = []
    for node in nodes:
        key = (node + " ").encode("utf-8")
        handle.seek(first_at_least(handle, key))
        while (line := handle.readline()).startswith(key):
            found.append(line.decode("utf-8"))
    return found


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


@lru_cache(maxsize=4)
def _merge_predicates(classes: frozenset[str] | None = None, used: frozenset[str] | None = None) -> frozenset[str] | None:
    """The predicates (N-Triples form) the merge tests read, or None for all of them; given the classes and the
    predicates of the shared entities (N-Triples form), those of the shapes that may target them."""
    screen = default_screen()
    if screen is None:
        return None
    if classes is None:
        predicates = screen.merge_predicates()
    else:
        predicates = screen.merge_predicates(ontology_data(), {URIRef(c[1:-1]) for c in classes},
                                             {URIRef(p[1:-1]) for p in used})
    return None if predicates is None else frozenset(f"<{predicate}>" for predicate in predicates)


def _validate_shared_entities(focus: set[str], lines: list[str], predicates: frozenset[str] | None) -> Report:
    """Validate again, across chunks, entities that more than one chunk describes (`focus`), with `lines`: their
    triples that the merge tests read (`predicates`), and the same of the nodes they point to (a chair's posts for
    an event's SPARQL check, a value's types for sh:class), not the spans of every mention, which are most of the
    graph.

    Each chunk has validated them with its own triples, and merging conforming graphs can break only the merge
    tests (vnkg.screen: maximum counts, unique languages, qualified counts, SHACL-SPARQL). So the screen runs
    those alone, and writes the SHACL-SPARQL results itself (at 100,000 articles pySHACL's SPARQL took most of
    the check: rdflib joins a post's thousands of attestations slowly); pySHACL then reports on the entities the
    screen flags for the rest, and its results of the merge components are kept. When some shape is beyond the
    screen (`predicates` None), pySHACL validates the entities whole, with all the lines given (the entities they
    point to and the types of other nodes)."""
    written: list = []
    found = screen_findings(triples_of(lines), [line.rstrip("\n") for line in lines],
                            only={URIRef(node[1:-1]) for node in focus}, merged=True, results=written)
    if found == set():
        return Report.of(written)
    flagged, everything = focus, lines
    if found is not None:
        # pySHACL on every shared entity of 1,000 articles took 95 s: only on those the screen flags
        flagged = {f"<{node}>" for node, _ in found}
        described = [line for line in lines if _subject(line) in flagged]
        objects = _objects(described) - flagged     # those may be shared entities too (a chair and his posts)
        everything = described + [line for line in lines if _subject(line) in objects]
    return Report.of(with_written([r for r in _results_on(flagged, everything)
                                   if predicates is None or r.component in MERGE_COMPONENTS], written))


def _results_on(nodes: set[str], lines: list[str], screen: bool = False) -> list:
    """The results about these nodes (N-Triples form), validated alone (pySHACL's focus_nodes) on these lines: by
    pySHACL, or with `screen` by the screen first (vnkg.validation.validate)."""
    report = validate(triples_of(lines), screen=screen, focus={URIRef(node[1:-1]) for node in nodes})
    return [r for r in report.results if f"<{r.focus}>" in nodes]
