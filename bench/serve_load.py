"""Load on `vnkg serve`: 50 concurrent clients for 10 s on loopback, a simple SELECT; then the same while one
runaway query (a four-way cross product) runs. Prints a Markdown section for bench/RESULTS.md.

    python bench/serve_load.py                 # builds the bundled article into a temporary directory
    python bench/serve_load.py --data build --clients 50 --seconds 10

Each client is an asyncio connection kept alive (HTTP/1.1), sending the next query as soon as the last is
answered, so the clients cost the machine little next to the server. Every request is counted: a non-200 answer
or a broken connection is an error.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = "SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def request(port: int, query: str) -> bytes:
    path = "/query?" + urllib.parse.urlencode({"query": query})
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/csv\r\n\r\n").encode()


async def exchange(reader, writer, data: bytes) -> int:
    """One request on a kept-alive connection; the status."""
    writer.write(data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def client(port: int, until: float, latencies: list, errors: list) -> None:
    data = request(port, SIMPLE)
    reader = writer = None
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status = await exchange(reader, writer, data)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
            errors.append(type(error).__name__)
            writer = None
            continue
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors.append(str(status))
    if writer is not None:
        writer.close()


async def runaway(port: int) -> tuple[int, float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    start = time.perf_counter()
    status = await exchange(reader, writer, request(port, RUNAWAY))
    writer.close()
    return status, time.perf_counter() - start


async def phase(port: int, clients: int, seconds: float, with_runaway: bool) -> dict:
    latencies, errors = [], []
    stuck = None
    if with_runaway:
        stuck = asyncio.ensure_future(runaway(port))
        await asyncio.sleep(0.5)   # the runaway is running before the clients start
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(port, until, latencies, errors) for _ in range(clients)))
    result = {"requests": len(latencies), "errors": len(errors), "seconds": seconds, "latencies": sorted(latencies)}
    if stuck is not None:
        result["runaway"] = await stuck
    return result


def percentile(values: list, fraction: float) -> float:
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a build directory (default: a fresh build of the bundled article)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, help="passed to vnkg serve (default: its own)")
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            data = str(Path(tmp) / "build")
            subprocess.run([sys.executable, "-m", "vnkg", "build", "-q", "-o", data], env=env, check=True)
        log = open(Path(tmp) / "serve.log", "w+b")
        options = ["--workers", str(args.workers)] if args.workers else []
        server = subprocess.Popen([sys.executable, "-m", "vnkg", "serve", "-q", "--data", data, "--port", "0", *options],
                                  stderr=log, env=env)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                log.seek(0)
                first = log.readline().decode()
                if " at " in first:
                    break
                time.sleep(0.1)
            port = int(urllib.parse.urlsplit(first.split(" at ")[1].split()[0]).port)
            calm = asyncio.run(phase(port, args.clients, args.seconds, False))
            loaded = asyncio.run(phase(port, args.clients, args.seconds, True))
        finally:
            server.terminate()
            server.wait(timeout=30)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"## vnkg serve under load (`python bench/serve_load.py`, {time.strftime('%Y-%m-%d')})\n")
    print(f"Machine: {os.cpu_count()} cores ({cpu}), Linux {platform.release()}, Python {platform.python_version()}; "
          f"server and clients on the same machine, loopback. {args.clients} clients, each on one kept-alive "
          f"connection sending the next query as soon as the last is answered, for {args.seconds:g} s; the simple "
          f"SELECT is `{SIMPLE}` over the bundled article's build; the runaway is `{RUNAWAY}` "
          f"(stopped by the default --timeout of 30 s).\n")
    print("| run | requests | errors | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in (("simple SELECT", calm), ("simple SELECT, one runaway query running", loaded)):
        lat = result["latencies"]
        print(f"| {name} | {result['requests']:,} | {result['errors']} | {result['requests'] / result['seconds']:,.0f} "
              f"| {percentile(lat, .5) * 1000:.1f} | {percentile(lat, .9) * 1000:.1f} | {percentile(lat, .99) * 1000:.1f} "
              f"| {(lat[-1] if lat else float('nan')) * 1000:.1f} |")
    status, took = loaded["runaway"]
    print(f"\nThe runaway query was answered {status} after {took:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
