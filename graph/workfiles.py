"""The files of a build's work: sorted N-Triples runs and what reads and writes them, on a local disk or at an
fsspec URL (a cluster's shared work directory).

A file is written under a name of its own (part_name) and renamed into place once whole (publish), so a killed
writer never leaves a partial file under the final name. The merge's files hold sorted lines, and a line sorts as
its subject does (subjects are IRIs in <>, none the beginning of another): a range of subjects, or one subject's
lines, is found by bisection (range_lines, first_at_least), and several files merge lazily (merged_range).
"""
from __future__ import annotations

import heapq
import io
import os
from contextlib import contextmanager

FAN_IN = 500        # sorted files a merge reads at once


def write_lines(path: str, lines: list[str]) -> None:
    """Sorted lines to a file, one a line; under its name only once whole."""
    with written(path) as out:
        out.writelines(line + "\n" for line in lines)


def part_name(path: str) -> str:
    """Where a file is written before it is renamed into place: a name of its own for each writer (a task that
    Dask runs again while a lost worker still writes)."""
    return f"{path}.{os.getpid()}-{os.urandom(4).hex()}.part"


@contextmanager
def written(path: str, mode: str = "w"):
    """A file to write, under its name only once whole (nothing is published if the writing fails)."""
    part = part_name(path)
    with open_file(part, mode) as out:
        yield out
    publish(part, path)


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


def range_lines(path, lo: str | None, hi: str | None):
    """The lines of a sorted file whose subject is in [lo, hi) (None: no bound), found by bisection. A line
    orders as its subject does: subjects are IRIs in <>, none the beginning of another."""
    raw = open_file(path, "rb")
    try:
        if lo is not None:
            raw.seek(first_at_least(raw, lo.encode("utf-8")))
        for line in io.TextIOWrapper(raw, encoding="utf-8", newline="\n"):
            if hi is not None and line >= hi:
                break
            yield line
    finally:
        raw.close()


def first_at_least(handle, key: bytes) -> int:
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
                    out.writelines(merged([range_lines(path, lo, hi) for path in runs[start:start + fan_in]]))
                temporaries.append(name)
                merged_runs.append(name)
            runs = merged_runs
        yield from merged([range_lines(path, lo, hi) for path in runs])
    finally:
        for name in temporaries:
            remove_file(name)


def merged(sources):
    """The sorted, unique lines of several sorted sources of lines."""
    previous = None
    for line in heapq.merge(*sources):
        if line != previous:
            yield line
            previous = line


class Packs:
    """The articles' texts, appended to a few large files of the work directory as the build reads them: a chunk
    names each text by (file, offset, length), and its task reads them back. The process that started the build
    (or a cluster's client) holds no corpus in memory, and the file system gets a file per PACK_BYTES, not one per
    article."""

    PACK_BYTES = 256 << 20

    def __init__(self, base: str):
        self.base, self.count, self.size, self.handle, self.name = base, 0, 0, None, None

    def keep(self, text: str) -> tuple[str, int, int]:
        data = text.encode("utf-8")
        if self.handle is None or self.size + len(data) > self.PACK_BYTES:
            self.close()
            self.name = f"{self.base}/texts-{self.count:06d}.pack"
            self.handle, self.size = open_file(self.name, "wb"), 0
            self.count += 1
        self.handle.write(data)
        self.size += len(data)
        return self.name, self.size - len(data), len(data)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @staticmethod
    def texts(chunk: list[tuple]) -> list[tuple]:
        """The chunk's (text, source, page) from its (place of the text, source, page)."""
        out, handles = [], {}
        try:
            for (name, offset, length), source, page in chunk:
                if name not in handles:
                    handles[name] = open_file(name, "rb")
                handles[name].seek(offset)
                out.append((handles[name].read(length).decode("utf-8"), source, page))
        finally:
            for handle in handles.values():
                handle.close()
        return out
