"""The build on a Dask cluster: `vnkg build ARTICLES --cluster ADDRESS [--work-dir URL]`.

The chunks of a build (vnkg.pipeline) are independent, and so are the ranges of subjects its merge splits into:
each is a Dask task (dask.distributed), run by the workers of an existing cluster (`tcp://host:8786`) or of a
LocalCluster on this machine (`local`). Dask schedules them, moves a lost worker's tasks to another and runs a
failed task once more; vnkg keeps no scheduler of its own.

Nothing large travels through the scheduler: the client appends the articles' texts to pack files in the work
directory (a shared file system or an object store, any fsspec URL) as it reads them, a chunk's task reads its
articles from there and writes its triples and its result there (each file under its final name only once
whole), and is given and returns only names of files.
The final files are made on the client from the merged ranges, in order: byte-identical to the local build's,
whatever the number of workers. A chunk that fails twice (its worker lost twice, or an error twice) is reported
as a bad article is: `-k` leaves its articles out and names them, otherwise the build stops naming them.
"""
from __future__ import annotations

import logging
import os
import pickle
import uuid
from pathlib import Path

from .errors import UsageError, VnkgError
from .merge import BuildResult, merge
from .pipeline import CHUNK_SIZE, new_workdir, plan_build, run_chunk
from .workfiles import Packs, open_file, written

log = logging.getLogger(__name__)

RETRIES = 1     # a task that raised is run once more; a second failure is the chunk's (or the merge's) failure
LOST_WORKERS = 1  # a task whose worker died is run again once (a LocalCluster's setting; a cluster has its own)
CONNECT_SECONDS = 10
SCHEMES = ("tcp://", "tls://", "ucx://", "ws://", "wss://")


class ChunkFailed(VnkgError):
    """A chunk failed on the cluster twice."""


def build_on_cluster(paths: list[Path], address: str, work_dir: str | None = None, keep_going: bool = False,
                     progress=None, chunk_size: int = CHUNK_SIZE, workers: int | None = None,
                     per_article: bool = False) -> BuildResult:
    """The build of vnkg.pipeline.build, its chunks and its merge run as Dask tasks on the cluster at `address`
    ('local': a LocalCluster of `workers` processes on this machine)."""
    if address != "local" and not address.startswith(SCHEMES):
        raise UsageError(f"--cluster {address!r}: give a Dask scheduler's address (tcp://host:8786) or 'local'")
    if address != "local" and not work_dir:
        raise UsageError("--cluster with a scheduler's address needs --work-dir, a directory every worker can "
                         "reach (a shared file system or an object store URL)")
    workdir = new_workdir()         # the final files, on this machine
    base = f"{str(work_dir or workdir.name).rstrip('/')}/vnkg-{uuid.uuid4().hex}"
    try:
        try:
            _make_directory(base)
        except (ImportError, ValueError, OSError) as error:   # an unknown protocol, its package missing, no access
            raise UsageError(f"--work-dir {work_dir}: cannot write there ({error})") from None
        with Packs(base) as packs:
            plan = plan_build(paths, keep_going, chunk_size, keep=packs.keep)
        with _client(address, workers) as client:
            runner = ClusterRunner(client, base)
            alone = len(plan.chunks) == 1
            tasks = []
            for index, chunk in enumerate(plan.chunks):
                name = f"{base}/chunk-{index:06d}.in"
                with written(name, "wb") as out:
                    pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
                tasks.append((name, plan.build_node, base, index, alone, per_article))
            results, failures = runner.map(run_stored_chunk, tasks, progress, kind="chunk")
            skipped, articles = list(plan.skipped), plan.articles
            for index, reason in failures.items():
                sources = [source for _, source, _ in plan.chunks[index]]
                if not keep_going:
                    raise ChunkFailed(f"chunk {index + 1} of {len(plan.chunks)} failed twice on the cluster "
                                      f"({reason}); its articles: {', '.join(sources)}")
                failed = [f"{source}: its chunk failed twice on the cluster ({reason})" for source in sources]
                for message in failed:
                    log.warning("skipped %s", message)
                skipped += failed
                articles -= len(sources)
            results = [result for result in results if result is not None]
            if not results:
                raise ChunkFailed("no chunk could be built on the cluster: " + next(iter(failures.values())))
            result = merge(results, articles, skipped, workdir, runner, shard_dir=base)
    except BaseException:
        workdir.cleanup()
        raise
    finally:
        _remove_directory(base)
    result.seconds["read and normalize"] += plan.read_seconds
    return result


def run_stored_chunk(task: tuple):
    """On a worker: the chunk from the work directory, processed as the local build does."""
    name, *rest = task
    with open_file(name, "rb") as handle:
        chunk = pickle.load(handle)
    return run_chunk((chunk, *rest))


def _stored(function, task, name: str) -> str:
    """On a worker: run the task and store its result in the work directory; the scheduler sees only the name."""
    result = function(task)
    with written(name, "wb") as out:
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    return name


class ClusterRunner:
    """Runs a function over tasks as Dask tasks, results through the work directory (pipeline.LocalRunner's
    interface: the merge uses either)."""

    def __init__(self, client, base: str):
        self.client, self.base = client, base
        cores = sum(client.nthreads().values())
        self.shards = max(1, cores)

    def map(self, function, tasks: list, progress=None, kind: str = "shard"):
        """The results in the order of the tasks. For chunks (kind 'chunk'): (results with None for a failed
        chunk, {index: reason}); for other tasks a failure stops the build."""
        from distributed import as_completed

        token = uuid.uuid4().hex[:8]
        futures = [self.client.submit(_stored, function, task, f"{self.base}/{kind}-{index:06d}.result",
                                      key=f"vnkg-{kind}-{index:06d}-{token}", retries=RETRIES, pure=False)
                   for index, task in enumerate(tasks)]
        done = 0
        for _ in as_completed(futures):
            done += 1
            if progress:
                progress(done, len(tasks))
        results, failures = [], {}
        for index, future in enumerate(futures):
            if future.status == "finished":
                with open_file(future.result(), "rb") as handle:
                    results.append(pickle.load(handle))
                continue
            reason = _reason(future.exception())
            if kind != "chunk":
                raise VnkgError(f"the merge's {kind} {index + 1} of {len(tasks)} failed twice on the cluster ({reason})")
            results.append(None)
            failures[index] = reason
        return (results, failures) if kind == "chunk" else results


def _reason(error: BaseException) -> str:
    name = type(error).__name__
    if name == "KilledWorker":
        return "its worker was lost twice"
    text = str(error).strip().splitlines()
    return f"{name}: {text[0]}" if text else name


class _client:
    """A Dask client of the cluster at the address, or of a LocalCluster started (and stopped) with it."""

    def __init__(self, address: str, workers: int | None):
        self.address, self.workers = address, workers
        self.cluster = self.client = None

    def __enter__(self):
        import dask
        from distributed import Client, LocalCluster

        if self.address == "local":
            dask.config.set({"distributed.scheduler.allowed-failures": LOST_WORKERS})
            self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.address, timeout=CONNECT_SECONDS)
            except OSError as error:
                raise VnkgError(f"cannot reach the Dask scheduler at {self.address} ({error})") from None
        return self.client

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _make_directory(url: str) -> None:
    if "://" in url:
        import fsspec

        filesystem, path = fsspec.core.url_to_fs(url)
        filesystem.makedirs(path, exist_ok=True)
    else:
        os.makedirs(url, exist_ok=True)


def _remove_directory(url: str) -> None:
    """The build's folder in the work directory, with whatever a lost worker left there."""
    import fsspec

    try:
        filesystem, path = fsspec.core.url_to_fs(url)
        filesystem.rm(path, recursive=True)
    except (FileNotFoundError, ImportError, ValueError):     # never made (see build_on_cluster)
        pass
