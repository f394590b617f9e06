"""Work that can be stopped: a fixed pool of processes forked with the data in memory, killed when time is up.

pyoxigraph cannot interrupt a running query, and a thread cannot be killed, so `vnkg serve` runs each query in a
worker process: when the query's time is up or its client has gone, the server kills that worker and forks a
fresh one. A fork shares the loaded store copy-on-write, so a new worker costs milliseconds, not a reload. The
pool is fixed: a request waits for a free worker (within its own time limit), so load never adds processes.

A worker answers one job at a time over a socket pair, in frames (a kind byte, a 4-byte length, the payload):
'R' a whole answer (media type, newline, body), 'H' the media type of a streamed answer, then 'D' data frames and
'E' at the end, or 'X' an error (JSON: HTTP status and message), which may also cut a streamed answer short.
"""
from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import socket
import struct
import sys
from dataclasses import dataclass, field

LONG_SECONDS = 1.0       # a query running longer yields the CPU to the others (its worker is niced, then replaced)
HEAD_BYTES = 1 << 20     # an answer up to this size goes whole (with its status); a longer one is streamed
CHUNK_BYTES = 1 << 16


class ResultTooLarge(Exception):
    """The answer grew past the pool's cap."""


class Output:
    """What a job writes to (in the worker): an error, or a media type and bytes, counted against the cap."""

    def __init__(self, sock: socket.socket, cap: int):
        self.sock, self.cap = sock, cap
        self.media: str | None = None
        self.buffer: list[bytes] = []
        self.buffered = self.total = 0
        self.streaming = self.done = False

    def error(self, status: int, message: str) -> None:
        _send(self.sock, b"X", json.dumps({"status": status, "message": message}).encode())
        self.done = True

    def start(self, media: str) -> None:
        self.media = media

    def write(self, data: bytes) -> int:
        self.total += len(data)
        if self.total > self.cap:
            raise ResultTooLarge()
        self.buffer.append(bytes(data))
        self.buffered += len(data)
        limit = CHUNK_BYTES if self.streaming else HEAD_BYTES
        if self.buffered >= limit:
            if not self.streaming:
                _send(self.sock, b"H", self.media.encode())
                self.streaming = True
            self._flush()
        return len(data)

    def flush(self) -> None:  # pyoxigraph flushes when it is done; frames go out as they fill
        pass

    def _flush(self) -> None:
        if self.buffered:
            _send(self.sock, b"D", b"".join(self.buffer))
        self.buffer, self.buffered = [], 0

    def finish(self) -> None:
        if self.done:
            return
        if self.streaming:
            self._flush()
            _send(self.sock, b"E", b"")
        else:
            _send(self.sock, b"R", (self.media or "text/plain").encode() + b"\n" + b"".join(self.buffer))
        self.done = True


def _send(sock: socket.socket, kind: bytes, payload: bytes) -> None:
    sock.sendall(kind + struct.pack(">I", len(payload)) + payload)


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = sock.recv(min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _worker(sock: socket.socket, handler, cap: int) -> None:
    """The worker's loop: a job in, its answer out, until the server closes the socket."""
    while True:
        head = _recv_exact(sock, 5)
        if head is None:
            return
        job = json.loads(_recv_exact(sock, struct.unpack(">I", head[1:])[0]) or b"{}")
        out = Output(sock, cap)
        try:
            handler(job, out)
            out.finish()
        except ResultTooLarge:
            out.error(422, f"the answer is larger than {cap // 1_000_000} MB (--max-result-mb); ask for less (LIMIT)")
        except Exception as error:  # a failed SERVICE, a store error: the client gets it as an HTTP error
            out.error(500, f"the query failed: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}")


def _become_worker(child: socket.socket, parent_pid: int, handler, cap: int) -> None:
    """In the forked child: shed the server's sockets and signal handlers, die with the server, then work."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the server's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        keep = child.fileno()
        os.closerange(3, keep)                              # the listening socket, clients, the event loop
        os.closerange(keep + 1, 1 << 16)
        if sys.platform.startswith("linux"):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG: killed if the server dies
        if os.getppid() != parent_pid:
            return
        gc.freeze()                                         # the server's objects are never collected here
        _worker(child, handler, cap)
    except BaseException:
        pass
    finally:
        os._exit(0)


@dataclass(eq=False)
class Worker:
    pid: int
    sock: socket.socket
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    niced: bool = False


class Stopped(Exception):
    """A job was stopped: its time was up, or its client went away."""


@dataclass
class Pool:
    handler: object                 # handler(job: dict, out: Output), run in a worker
    size: int
    cap: int                        # bytes an answer may have
    idle: asyncio.Queue | None = None
    workers: set = field(default_factory=set)

    def start(self) -> None:
        """Fork the workers; call before the server's event loop starts, then `attach` inside it."""
        self._spares = [self._fork() for _ in range(self.size)]

    async def attach(self) -> None:
        self.idle = asyncio.Queue()
        for worker in self._spares:
            await self._ready(worker)

    def _fork(self) -> Worker:
        ours, theirs = socket.socketpair()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            ours.close()
            _become_worker(theirs, parent, self.handler, self.cap)
        theirs.close()
        worker = Worker(pid, ours)
        self.workers.add(worker)
        return worker

    async def _ready(self, worker: Worker) -> None:
        worker.reader, worker.writer = await asyncio.open_connection(sock=worker.sock, limit=HEAD_BYTES * 4)
        self.idle.put_nowait(worker)

    async def _replace(self, worker: Worker) -> None:
        """Kill a worker (stuck in a query, or dead) and fork its successor."""
        self._kill(worker)
        await self._ready(self._fork())

    def _kill(self, worker: Worker) -> None:
        self.workers.discard(worker)
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if worker.writer is not None:
            worker.writer.close()
        else:
            worker.sock.close()
        asyncio.get_running_loop().create_task(_reap(worker.pid))

    def close(self) -> None:
        """Stop every worker (at shutdown)."""
        for worker in list(self.workers):
            self.workers.discard(worker)
            try:
                os.kill(worker.pid, signal.SIGKILL)
                os.waitpid(worker.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

    async def run(self, job: dict, deadline: float, gone: asyncio.Future):
        """The job's answer as events: ('answer', media, body) or ('error', status, message) or ('head', media),
        ('data', bytes)…, ('end',). A stop (time up: Stopped('time'); client gone: Stopped('gone')) or a worker
        that dies is raised, after the worker has been replaced."""
        loop = asyncio.get_running_loop()
        getting = loop.create_task(self.idle.get())
        try:
            await _race(getting, deadline, gone)
        except Stopped:
            getting.cancel()
            raise Stopped("busy") from None
        worker = getting.result()
        finished = False
        demote = loop.call_later(LONG_SECONDS, _nice, worker)
        try:
            payload = json.dumps(job).encode()
            worker.writer.write(b"J" + struct.pack(">I", len(payload)) + payload)
            while True:
                kind, body = await _race(loop.create_task(_frame(worker.reader)), deadline, gone)
                if kind == b"R":
                    media, _, data = body.partition(b"\n")
                    finished = True
                    yield ("answer", media.decode(), data)
                    return
                if kind == b"X":
                    error = json.loads(body)
                    finished = True
                    yield ("error", error["status"], error["message"])
                    return
                if kind == b"H":
                    yield ("head", body.decode())
                elif kind == b"D":
                    yield ("data", body)
                elif kind == b"E":
                    finished = True
                    yield ("end",)
                    return
        except asyncio.CancelledError:  # the server is shutting down: no successor
            finished = None
            raise
        finally:
            demote.cancel()
            if finished is None:
                self._kill(worker)
            elif finished and not worker.niced:
                self.idle.put_nowait(worker)
            else:       # stopped, dead, or niced (a process cannot take back its priority)
                await self._replace(worker)


def _nice(worker: Worker) -> None:
    """A long query gives way: short ones keep their latency while it runs."""
    try:
        os.setpriority(os.PRIO_PROCESS, worker.pid, 19)
        worker.niced = True
    except OSError:
        pass


async def _frame(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    try:
        head = await reader.readexactly(5)
        return head[:1], await reader.readexactly(struct.unpack(">I", head[1:])[0])
    except (asyncio.IncompleteReadError, ConnectionError):
        raise Stopped("died") from None


async def _race(task: asyncio.Task, deadline: float, gone: asyncio.Future):
    """The task's result, unless the deadline passes or the client goes first (Stopped)."""
    loop = asyncio.get_running_loop()
    task.add_done_callback(lambda t: t.cancelled() or t.exception())   # its error is ours to raise, or nobody's
    done, _ = await asyncio.wait({task, gone}, timeout=max(0.0, deadline - loop.time()),
                                 return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        return task.result()
    task.cancel()
    raise Stopped("gone" if gone in done else "time")


async def _reap(pid: int) -> None:
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        await asyncio.sleep(0.05)
