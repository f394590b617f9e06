"""Triple stores: load over the SPARQL 1.1 Graph Store HTTP Protocol, the embedded pyoxigraph store, and
queries against any SPARQL 1.1 Protocol endpoint.

Loading sends sorted N-Triples in batches of whole lines. The graph has no blank nodes, so a batch boundary
never splits a node; data with blank nodes goes in one request. A replace is all-or-nothing as far as the store
allows: with a SPARQL Update address the batches go to staging graphs that one update request then MOVEs onto
the targets (stores apply an update request in one transaction); without one, a replace is a single PUT per graph.
Only an explicit --batch-lines without an update address replaces in several requests, and a failure then says
what the graph holds. The embedded store loads into staging graphs and swaps them in one transaction; a new one
is bulk-loaded aside and renamed into place. The targets
(a build's asserted and inferred graphs, or one graph the user names) are the command line's choice. Connection failures,
timeouts and 5xx answers are retried with exponential backoff a bounded number of times; then the command fails
with the store's own message.

Credentials are sent, never printed, and never to another origin: a write that is redirected is an error, a read
follows a redirect only within the same scheme, host and port. A user and password inside the endpoint URL are
taken out of it and sent as credentials; messages show the URL without them.
"""
from __future__ import annotations

import base64
import gc
import glob
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, replace as with_changes
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
from .errors import StoreError, UsageError, redact

DEFAULT_BATCH_LINES = 50_000
# The Graph Store Protocol has no bulk mode; Oxigraph's server loads without a transaction when a write carries this.
BULK_PARAMETER = "no_transaction"
# Staging graphs are named under this prefix, so that one left by a killed load is recognisably ours.
STAGING_PREFIX = "https://w3id.org/vnkg/graph/staging/"


@dataclass
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None
    scheme: str = "basic"           # basic or digest, for user and password

    def opener(self, url: str, follow_redirects: bool = False) -> urllib.request.OpenerDirector:
        handlers: list = [_Redirects(follow_redirects)]
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


def endpoint_address(url: str, credentials: Credentials) -> tuple[str, Credentials]:
    """An http(s) endpoint without the user and password it may carry, and the credentials with them (options
    given on the command line win). Anything else (file:, ftp:, no host) is a usage error."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number in range
    except ValueError as error:
        raise UsageError(f"{redact(url)!r} is not a valid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{redact(url)!r} is not an http:// or https:// address")
    if "@" not in parts.netloc:
        return url, credentials
    user = urllib.parse.unquote(parts.username or "")
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    clean = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    if credentials.user is None and credentials.token is None and user:
        credentials = with_changes(credentials, user=user,
                                   password=password if credentials.password is None else credentials.password)
    return clean, credentials


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Never carry credentials (or a write) to another address: a redirect on a write is an error, one on a read
    is followed only within the same origin, with the same method, body and headers."""

    def __init__(self, follow_same_origin: bool):
        self.follow_same_origin = follow_same_origin

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        fp.close()
        where = redact(newurl.split("?")[0])
        if not self.follow_same_origin:
            raise StoreError(f"the store answered HTTP {code} and redirected to {where}; vnkg does not follow "
                             f"redirects when writing: give that address as --endpoint if you trust it")
        if _origin(newurl) != _origin(req.full_url):
            raise StoreError(f"the endpoint answered HTTP {code} and redirected to another origin ({where}); "
                             f"vnkg does not send credentials or queries there: give that address as --endpoint "
                             f"if you trust it")
        return urllib.request.Request(newurl, data=req.data, method=req.get_method(),
                                      headers=dict(req.header_items()))


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol address of the default graph (?default) or a named one (?graph=IRI)."""
    separator = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


class _PageText(HTMLParser):
    """The words of an HTML error page (Virtuoso and Jetty answer errors with one), without its markup."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style", "head")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style", "head") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.words += data.split()


def _store_message(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read(1 << 16).decode("utf-8", "replace").strip()
    except Exception:  # the body is a courtesy; the status is the message
        body = ""
    if body.startswith("<"):
        page = _PageText()
        page.feed(body)
        first = " ".join(page.words)[:300]
    else:
        first = body.splitlines()[0][:300] if body else ""
    return f"HTTP {error.code} {error.reason}" + (f": {first}" if first else "")


def request(method: str, url: str, body: bytes | None, headers: dict[str, str], credentials: Credentials,
            retries: int = 3, timeout: float = 60.0, backoff: float = 0.5, follow_redirects: bool = False,
            absent: bytes | None = None) -> bytes:
    """One HTTP request with bounded retries on connection failures, timeouts and 5xx answers. `absent`, when
    given, is the answer to a 404 (a graph the store does not have)."""
    all_headers = {**credentials.headers(), **headers}
    opener = credentials.opener(url, follow_redirects)
    last = ""
    for attempt in range(max(retries, 0) + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            with opener.open(urllib.request.Request(url, data=body, method=method, headers=all_headers),
                             timeout=timeout) as response:
                return response.read()
        except StoreError as error:
            last = str(error)
            break
        except urllib.error.HTTPError as error:
            if error.code == 404 and absent is not None:
                return absent
            last = _store_message(error)
            if error.code < 500:
                break
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            last = f"cannot reach {urllib.parse.urlsplit(url).netloc}: {reason}"
    raise StoreError(redact(f"{method} {url.split('?')[0]}: {last}"))


def batches(data: bytes, lines_per_batch: int) -> list[bytes]:
    """Whole N-Triples lines, at most lines_per_batch a batch; one batch if blank nodes could be split."""
    lines = data.splitlines(keepends=True)
    if b"_:" in data or lines_per_batch <= 0:
        return [data] if data else []
    return [b"".join(lines[i:i + lines_per_batch]) for i in range(0, len(lines), lines_per_batch)]


def _graph_ref(graph: str | None) -> str:
    return f"GRAPH <{graph}>" if graph else "DEFAULT"


def load_endpoint(loads: list[tuple[str | None, bytes]], endpoint: str, replace: bool, credentials: Credentials,
                  batch_lines: int | None = None, retries: int = 3, timeout: float = 60.0,
                  progress: bool = False, update_endpoint: str | None = None,
                  warn=lambda message: None, bulk: bool = False) -> tuple[int, int]:
    """Send each graph (sorted N-Triples) to its target (None: the default graph); returns (triples, requests).
    batch_lines None: the default size where the load is staged or appended, one request per graph for an
    unstaged replace (a single PUT is as atomic as the store makes it). bulk: ask the store for its bulk loader
    (Oxigraph's no_transaction: several times faster than its transactional load, and not atomic). Staged, all the targets change in one update request."""
    headers = {"Content-Type": "application/n-triples"}
    total = sum(data.count(b"\n") for _, data in loads)
    datas = loads
    if update_endpoint:
        size = DEFAULT_BATCH_LINES if batch_lines is None else batch_lines
        stagings: list[str] = []
        swaps: list[str] = []
        sent = 0

        def update(text: str, attempts: int) -> None:
            request("POST", update_endpoint, text.encode("utf-8"), {"Content-Type": "application/sparql-update"},
                    credentials, attempts, timeout)

        try:
            for target, data in datas:
                if not data:        # an empty graph is not staged (a store may not create it): clear the target
                    if replace:
                        swaps.append(f"DROP SILENT {_graph_ref(target)}")
                    continue
                staging = f"{STAGING_PREFIX}{uuid.uuid4().hex}"
                stagings.append(staging)
                parts = batches(data, size)
                sent += _send(parts, graph_url(endpoint, staging), True, headers, credentials, retries, timeout,
                              progress)
                swaps.append(f"MOVE {_graph_ref(staging)} TO {_graph_ref(target)}" if replace
                             else f"ADD {_graph_ref(staging)} TO {_graph_ref(target)} ; DROP {_graph_ref(staging)}")
        except _PartlySent as partly:
            try:
                update(" ; ".join(f"DROP SILENT {_graph_ref(g)}" for g in stagings), retries)
                left = ""
            except StoreError:
                left = f" (staging graphs under <{STAGING_PREFIX}> may be left: drop them)"
            raise StoreError(f"{partly.error}; the target graphs were not changed{left}") from None
        if not swaps:
            return total, sent
        try:
            update(" ; ".join(swaps), 0)    # not retried: a MOVE whose answer was lost would fail for a wrong reason
        except StoreError as error:
            raise StoreError(f"{error}; the swap of the staging graphs onto the targets failed: stores that apply "
                             f"an update request in one transaction (Oxigraph, Fuseki, GraphDB) left the targets "
                             f"unchanged; drop the staging graphs under <{STAGING_PREFIX}>") from None
        return total, sent + 1
    sent = 0
    done: list[str] = []
    for target, data in datas:
        if not data and not replace:
            continue
        url = graph_url(endpoint, target) + (f"&{BULK_PARAMETER}" if bulk else "")
        parts = batches(data, (0 if replace else DEFAULT_BATCH_LINES) if batch_lines is None else batch_lines)
        if replace and len(parts) > 1:
            warn(f"replacing in {len(parts)} requests without --update-endpoint is not atomic: a failure part-way "
                 f"leaves only part of the new data")
        try:
            sent += _send(parts, url, replace, headers, credentials, retries, timeout, progress)
        except _PartlySent as partly:
            before = (f"; {', '.join(done)} {'was' if len(done) == 1 else 'were'} already "
                      f"{'replaced' if replace else 'added to'}" if done else "")
            state = ("it may hold part of the data (--bulk loads without a transaction): load again" if bulk
                     else _state(partly.done, len(parts), replace))
            raise StoreError(f"{partly.error}; {_where(target)}: {state}{before}") from None
        done.append(_where(target))
    return total, sent


def _where(target: str | None) -> str:
    return f"graph <{target}>" if target else "the default graph"


class _PartlySent(Exception):
    def __init__(self, error: StoreError, done: int):
        self.error, self.done = error, done


def _state(done: int, total: int, replace: bool) -> str:
    if done == 0:
        return "the graph was not changed"
    if replace:
        return (f"the graph now holds only the first {done} of {total} batches (its old content is gone): "
                f"load again, or give --update-endpoint for an atomic replace")
    return f"{done} of {total} batches were added: the graph holds part of the data"


def _send(parts: list[bytes], url: str, replace: bool, headers: dict, credentials: Credentials, retries: int,
          timeout: float, progress: bool) -> int:
    """PUT (replace) or POST the first batch, POST the rest; _PartlySent says how many went in."""
    if not parts:
        parts = [b""] if replace else []
    for index, part in enumerate(parts):
        method = "PUT" if replace and index == 0 else "POST"
        try:
            request(method, url, part, headers, credentials, retries, timeout)
        except StoreError as error:
            if progress:
                sys.stderr.write("\n")
            raise _PartlySent(error, index) from None
        if progress:
            sys.stderr.write(f"\rloading: batch {index + 1}/{len(parts)}")
            sys.stderr.flush()
    if progress and parts:
        sys.stderr.write("\n")
    return len(parts)


def check_store_directory(path: Path, create: bool = False) -> None:
    """An embedded store's directory; with create, a missing or empty one will do. Anything else that is not a
    store (a build directory, a file) is refused rather than written into."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: not a directory, so not a store")
    is_store = (path / "CURRENT").is_file()     # RocksDB's marker of a database directory
    if not is_store:
        if not create and not path.exists():
            raise UsageError(f"{path}: no such store; make one with 'vnkg load --store {path}'")
        if path.exists() and any(path.iterdir()):
            raise UsageError(f"{path}: a directory that is not a store and not empty; give a new or empty "
                             f"directory, or one made by 'vnkg load --store'")
        if not create:
            raise UsageError(f"{path}: an empty directory, not a store; make one with 'vnkg load --store {path}'")


def open_store(path: Path, create: bool = False) -> ox.Store:
    check_store_directory(path, create)
    try:
        return ox.Store(str(path))
    except OSError as error:
        raise UsageError(f"{path}: cannot open the store ({error})") from None


def load_embedded(loads: list[tuple[str | None, bytes]], path: Path, replace: bool) -> int:
    """Load each graph (N-Triples) into a staging graph (bulk loading is not atomic), then swap them all in with one update,
    which the store applies in one transaction: a failed or killed load leaves the targets as they were. A new
    store is bulk-loaded aside and renamed into place instead: as atomic, and many times faster (the swap copies
    every triple in a transaction: 18 s of CPU for 190,000 triples, where the bulk load takes 1.4 s)."""
    check_store_directory(path, create=True)
    if not (path / "CURRENT").is_file():
        return _load_new_store(loads, path)
    store = open_store(path, create=True)
    for stale in [g for g in store.named_graphs() if g.value.startswith(STAGING_PREFIX)]:
        store.remove_graph(stale)       # left by a load that was killed
    stagings: list[str] = []
    try:
        swaps = []
        for target, data in loads:
            staging = f"{STAGING_PREFIX}{uuid.uuid4().hex}"
            stagings.append(staging)
            store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(staging))
            swaps.append(f"CREATE SILENT {_graph_ref(staging)} ; " +
                         (f"MOVE {_graph_ref(staging)} TO {_graph_ref(target)}" if replace
                          else f"ADD {_graph_ref(staging)} TO {_graph_ref(target)} ; DROP {_graph_ref(staging)}"))
        store.update(" ; ".join(swaps))
    except (OSError, SyntaxError, ValueError, RuntimeError) as error:
        for staging in stagings:
            try:
                store.remove_graph(ox.NamedNode(staging))
            except (OSError, ValueError, RuntimeError):
                pass
        raise StoreError(f"{path}: the load failed ({error}); the target graphs were not changed") from None
    store.flush()
    return sum(data.count(b"\n") for _, data in loads)


NEW_STORE_SUFFIX = ".loading"     # a new store being loaded beside its place; one a killed load left is removed


def _load_new_store(loads: list[tuple[str | None, bytes]], path: Path) -> int:
    def fill(store: ox.Store) -> None:
        for target, data in loads:
            if data:
                store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES,
                                to_graph=ox.NamedNode(target) if target else ox.DefaultGraph())

    load_new_store(path, fill)
    return sum(data.count(b"\n") for _, data in loads)


def load_new_store(path: Path, fill) -> None:
    """A new store, filled (fill(store), by bulk loads) in a directory beside its place and renamed there when
    complete: a failed or killed load leaves no store (a killed one, a directory that the next load into the same
    place removes)."""
    check_store_directory(path, create=True)
    parent = path.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f".{glob.escape(path.name)}.*{NEW_STORE_SUFFIX}"):
        shutil.rmtree(stale, ignore_errors=True)
    aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=NEW_STORE_SUFFIX, dir=parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(aside, 0o777 & ~umask)     # as a directory the store would have made itself
        store = ox.Store(str(aside))
        fill(store)
        store.flush()
        del store
        gc.collect()                        # the store's files are closed before it moves
        if path.exists():
            path.rmdir()                    # empty: check_store_directory refused anything else
        os.rename(aside, path)
    except (OSError, SyntaxError, ValueError, RuntimeError) as error:
        shutil.rmtree(aside, ignore_errors=True)
        raise StoreError(f"{path}: the load failed ({error}); no store was made") from None


def query_endpoint(endpoint: str, text: str, form: str, credentials: Credentials, timeout: float = 60.0):
    """Run a query against a SPARQL 1.1 Protocol endpoint: the answer's bytes, in SPARQL JSON results (SELECT,
    ASK) or Turtle (CONSTRUCT, DESCRIBE), which the caller writes again in the format asked."""
    graphs = form in ("CONSTRUCT", "DESCRIBE")
    accept = "text/turtle, application/n-triples;q=0.9" if graphs else "application/sparql-results+json"
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    return request("POST", endpoint, body, headers, credentials, retries=1, timeout=timeout, follow_redirects=True)
