"""Triple stores: load over the SPARQL 1.1 Graph Store HTTP Protocol, the embedded pyoxigraph store, and
queries against any SPARQL 1.1 Protocol endpoint.

Loading sends sorted N-Triples in batches of whole lines. The graph has no blank nodes, so a batch boundary
never splits a node; data with blank nodes goes in one request. Replacing is PUT for the first batch and POST
for the rest; appending is POST throughout. Connection failures, timeouts and 5xx answers are retried with
exponential backoff a bounded number of times; then the command fails with the store's own message.
Credentials are sent, never printed.
"""
from __future__ import annotations

import base64
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import StoreError, UsageError
from .output import ntriples

DEFAULT_BATCH_LINES = 50_000
RESULT_MEDIA_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values",
                      "json": "application/sparql-results+json", "xml": "application/sparql-results+xml"}


@dataclass
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None
    scheme: str = "basic"           # basic or digest, for user and password

    def opener(self, url: str) -> urllib.request.OpenerDirector:
        handlers = []
        if self.user is not None and self.scheme == "digest":
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, url, self.user, self.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
        return urllib.request.build_opener(*handlers)

    def headers(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None and self.scheme == "basic":
            pair = f"{self.user}:{self.password or ''}".encode("utf-8")
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        return {}


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol address of the default graph (?default) or a named one (?graph=IRI)."""
    separator = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def _store_message(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read().decode("utf-8", "replace").strip()
    except Exception:  # the body is a courtesy; the status is the message
        body = ""
    first = body.splitlines()[0][:300] if body else ""
    return f"HTTP {error.code} {error.reason}" + (f": {first}" if first else "")


def request(method: str, url: str, body: bytes | None, headers: dict[str, str], credentials: Credentials,
            retries: int = 3, timeout: float = 60.0, backoff: float = 0.5) -> bytes:
    """One HTTP request with bounded retries on connection failures, timeouts and 5xx answers."""
    all_headers = {**credentials.headers(), **headers}
    opener = credentials.opener(url)
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            with opener.open(urllib.request.Request(url, data=body, method=method, headers=all_headers),
                             timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            last = _store_message(error)
            if error.code < 500:
                break
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            last = f"cannot reach {urllib.parse.urlsplit(url).netloc}: {reason}"
    raise StoreError(f"{method} {url.split('?')[0]}: {last}")


def batches(data: bytes, lines_per_batch: int) -> list[bytes]:
    """Whole N-Triples lines, at most lines_per_batch a batch; one batch if blank nodes could be split."""
    lines = data.splitlines(keepends=True)
    if b"_:" in data or lines_per_batch <= 0:
        return [data] if data else []
    return [b"".join(lines[i:i + lines_per_batch]) for i in range(0, len(lines), lines_per_batch)]


def load_endpoint(graph: Graph, endpoint: str, target: str | None, replace: bool, credentials: Credentials,
                  batch_lines: int = DEFAULT_BATCH_LINES, retries: int = 3, timeout: float = 60.0,
                  progress: bool = False) -> tuple[int, int]:
    """Send the graph; returns (triples, batches)."""
    data = ntriples(graph)
    parts = batches(data, batch_lines)
    url = graph_url(endpoint, target)
    headers = {"Content-Type": "application/n-triples"}
    if replace and not parts:
        request("PUT", url, b"", headers, credentials, retries, timeout)
    for index, part in enumerate(parts):
        method = "PUT" if replace and index == 0 else "POST"
        request(method, url, part, headers, credentials, retries, timeout)
        if progress:
            sys.stderr.write(f"\rloading: batch {index + 1}/{len(parts)}")
            sys.stderr.flush()
    if progress and parts:
        sys.stderr.write("\n")
    return len(graph), len(parts)


def open_store(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as error:
        raise UsageError(f"{path}: cannot open the store ({error})") from None


def load_embedded(graph: Graph, path: Path, target: str | None, replace: bool) -> int:
    store = open_store(path)
    name = ox.NamedNode(target) if target else ox.DefaultGraph()
    if replace:
        store.remove_graph(name) if target else store.clear_graph(name)
    store.bulk_load(ntriples(graph), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    store.flush()
    return len(graph)


def query_endpoint(endpoint: str, text: str, fmt: str, credentials: Credentials, timeout: float = 60.0):
    """Run a query against a SPARQL 1.1 Protocol endpoint; results come back parsed where we format them
    ourselves (table), as the endpoint's bytes otherwise."""
    accept = RESULT_MEDIA_TYPES.get(fmt, "application/sparql-results+json") + ", text/turtle;q=0.9"
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    return request("POST", endpoint, body, headers, credentials, retries=1, timeout=timeout)
