"""The build on a Dask cluster: a real scheduler and real workers (`dask scheduler`, `dask worker`, from the
cluster extra) started as processes on 127.0.0.1; the files must be byte for byte the local build's, a worker
killed in the middle of a chunk must not show, and a chunk whose workers die twice is reported as a bad article."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ARTICLES, ROOT, run_vnkg, source_environment

pytest.importorskip("distributed", reason="the cluster extra (dask[distributed]) is not installed")

GENERATED = 60     # generated articles beside the test articles: several chunks of 25

FILES = ("graph.ttl", "inferred.ttl", "shacl-report.txt", "shacl-report.ttl")


def _dask_command() -> str:
    beside = Path(sys.executable).with_name("dask")
    found = str(beside) if beside.exists() else shutil.which("dask")
    if not found:
        pytest.skip("the `dask` command (dask[distributed]) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:2]} exited: {process.stderr.read().decode()[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """A scheduler on 127.0.0.1 that runs a task again once when its worker dies, and gives up at the second."""
    port = _free_port()
    log = tmp_path_factory.mktemp("scheduler")
    process = subprocess.Popen([_dask_command(), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                "--no-dashboard", "--no-show"], cwd=log, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=source_environment(
                                   DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1"))
    try:
        _wait_for_port(port, process)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        _stop(process)


class Workers:
    """`dask worker` processes (one thread each, no nanny: a killed worker stays dead) of the scheduler."""

    def __init__(self, scheduler: str, folder: Path):
        self.scheduler, self.folder = scheduler, folder
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, count: int) -> None:
        started = []
        for _ in range(count):
            port = _free_port()
            process = subprocess.Popen(
                [_dask_command(), "worker", self.scheduler, "--host", "127.0.0.1", "--worker-port", str(port),
                 "--nthreads", "1", "--no-nanny", "--no-dashboard", "--local-directory", str(self.folder)],
                cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=source_environment())
            self.processes[f"tcp://127.0.0.1:{port}"] = process
            started.append(port)
        for port in started:
            _wait_for_port(port, self.processes[f"tcp://127.0.0.1:{port}"])
        with self.client() as client:
            client.wait_for_workers(len(self.alive()), timeout=60)

    def alive(self) -> list[str]:
        return [address for address, process in self.processes.items() if process.poll() is None]

    def client(self):
        from distributed import Client

        return Client(self.scheduler, timeout=30)

    def kill(self, address: str) -> None:
        self.processes[address].send_signal(signal.SIGKILL)
        self.processes[address].wait(timeout=30)

    def stop(self) -> None:
        for process in self.processes.values():
            _stop(process)


@pytest.fixture
def workers(scheduler, tmp_path):
    folder = tmp_path / "workers"
    folder.mkdir()
    pool = Workers(scheduler, folder)
    try:
        yield pool
    finally:
        pool.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    """The test articles and small generated ones (bench/generate.py): several chunks, shared entities."""
    generated = tmp_path_factory.mktemp("articles") / "generated"
    done = subprocess.run([sys.executable, ROOT / "bench" / "generate.py", str(GENERATED), generated, "--seed", "3"],
                          env=source_environment(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return [*sorted(ARTICLES.glob("*.txt")), generated]


@pytest.fixture(scope="module")
def local_build(articles, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "build"
    done = run_vnkg("build", *articles, "-o", out, "-q")
    assert done.returncode == 0, done.stderr.decode()
    return out


def _same_files(one: Path, other: Path) -> None:
    for name in FILES:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


def test_a_build_on_two_workers_is_the_local_build(articles, local_build, workers, tmp_path):
    workers.start(2)
    work = tmp_path / "work"
    work.mkdir()
    done = run_vnkg("build", *articles, "-o", tmp_path / "out", "--cluster", workers.scheduler, "--work-dir", work)
    assert done.returncode == 0, done.stderr.decode()
    _same_files(tmp_path / "out", local_build)
    assert list(work.iterdir()) == []          # the build's folder in the work directory is gone


def test_a_local_cluster_of_one_worker_gives_the_same_files(articles, local_build, tmp_path):
    done = run_vnkg("build", *articles, "-o", tmp_path / "out", "--cluster", "local", "-j", "1", "-q")
    assert done.returncode == 0, done.stderr.decode()
    _same_files(tmp_path / "out", local_build)


def _start_build(articles, out: Path, scheduler: str, work: Path, *options) -> subprocess.Popen:
    work.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "vnkg", "build", *map(str, articles), "-o", str(out), "--cluster",
                             scheduler, "--work-dir", str(work), *options], cwd=ROOT, env=source_environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _worker_running(workers: Workers, key_part: str, not_on: set[str] = frozenset(), seconds: float = 120):
    """The first (worker, task key) with a chunk of the build processing on a worker not in `not_on`."""
    deadline = time.monotonic() + seconds
    with workers.client() as client:
        while time.monotonic() < deadline:
            for address, keys in client.processing().items():
                for key in keys:
                    if key_part in str(key) and address not in not_on and address in workers.alive():
                        return address, str(key)
            time.sleep(0.05)
    raise AssertionError(f"no task {key_part} started")


def test_a_worker_killed_in_the_middle_of_a_chunk_does_not_show(articles, local_build, workers, tmp_path):
    workers.start(2)
    build = _start_build(articles, tmp_path / "out", workers.scheduler, tmp_path / "work")
    victim, key = _worker_running(workers, "vnkg-chunk-")
    time.sleep(0.5)                      # in the middle of the chunk
    workers.kill(victim)
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, err.decode()
    _same_files(tmp_path / "out", local_build)


def test_a_chunk_whose_worker_dies_twice_is_reported_as_a_bad_article(articles, workers, tmp_path):
    """Without -k the build stops naming the chunk's articles and writes nothing; with -k it leaves them out,
    names them, and exits 2."""
    for keep_going in (False, True):
        workers.start(3 - len(workers.alive()))
        out = tmp_path / f"out-{keep_going}"
        build = _start_build(articles, out, workers.scheduler, tmp_path / "work", *(["-k"] if keep_going else []))
        first, key = _worker_running(workers, "vnkg-chunk-")
        workers.kill(first)
        second, _ = _worker_running(workers, key, not_on={first})
        workers.kill(second)
        _, err = build.communicate(timeout=600)
        message = err.decode()
        assert build.returncode == 2, message
        assert "failed twice on the cluster (its worker was lost twice)" in message
        assert "generated" in message      # the chunk's articles are named (the generated ones fill most chunks)
        if keep_going:
            # one chunk's articles: a whole chunk, or the last one (which the kill hits on a loaded machine)
            chunk_sizes = {25, (len(list(ARTICLES.glob("*.txt"))) + GENERATED) % 25}
            assert message.count("vnkg: warning: skipped ") in chunk_sizes and (out / "graph.ttl").exists()
        else:
            assert "vnkg: error: chunk " in message and "its articles: " in message and not out.exists()
        assert os.listdir(tmp_path / "work") == []


def test_a_cluster_that_cannot_be_reached_or_named_is_a_one_line_error(tmp_path):
    article = ARTICLES / "ha-giang-district-review.txt"
    for options, expected in (
            (["--cluster", f"tcp://127.0.0.1:{_free_port()}", "--work-dir", tmp_path], "cannot reach the Dask scheduler"),
            (["--cluster", "127.0.0.1:8786"], "give a Dask scheduler's address"),
            (["--cluster", f"tcp://127.0.0.1:{_free_port()}"], "needs --work-dir"),
            (["--work-dir", tmp_path], "--work-dir goes with --cluster"),
            (["--cluster", "local", "--work-dir", "nosuchprotocol://bucket/x"], "--work-dir nosuchprotocol://")):
        done = run_vnkg("build", article, "-o", tmp_path / "out", *options)
        message = done.stderr.decode()
        assert done.returncode == 2 and expected in message and message.count("\n") == 1, message
        assert not (tmp_path / "out").exists()


def test_without_cluster_the_build_imports_no_dask(tmp_path):
    script = ("import sys; from vnkg.cli import main; "
              f"code = main(['build', {str(ARTICLES / 'ha-giang-district-review.txt')!r}, '-o', {str(tmp_path / 'out')!r}, '-q', '-j', '2']); "
              "print(code, sorted(m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], env=source_environment(), capture_output=True, cwd=tmp_path)
    assert done.stdout.decode().split("\n")[-2] == "0 []", done.stdout.decode() + done.stderr.decode()
