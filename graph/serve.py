"""A read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 over a build, for users with no triple store.

GET /query?query=… and POST /query (form-encoded or application/sparql-query); results by the Accept header
(SPARQL JSON by default; CSV, TSV, XML; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE; 406 when
none is acceptable); the dataset from default-graph-uri / named-graph-uri, else FROM, else all graphs. Updates are
refused (403).

Served by uvicorn (an ASGI server) with limits, because anything on the machine, a web page in the user's browser
included, can reach a port on 127.0.0.1:
- a query runs in a worker process (graph/workers.py) that is killed when --timeout is up or its client leaves;
  the pool of workers is fixed, and its answer is capped (--max-result-mb) and streamed;
- SERVICE is refused unless its host is allowed (--allow-service): it would make this server fetch other URLs;
- the Host header must name this server (DNS rebinding), and a request from another web origin is refused
  unless that origin is allowed (--cors), the only one CORS headers are sent for;
- the request head and body must arrive within REQUEST_SECONDS, the body is at most MAX_BODY bytes, the head at
  most MAX_HEAD bytes; idle connections close after IDLE_SECONDS; at most MAX_CONNECTIONS are open (503 beyond).

The same port serves the review pages (graph/review.py): / (the articles), /shacl (the SHACL report), and every IRI
minted under https://w3id.org/vnkg/id/ at the same path, as a Linked Data server does: HTML, Turtle, JSON-LD or
N-Triples by the Accept header. Pages are rendered in the same workers, under the same limits, as queries.
"""
from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import socket
import sys
import urllib.parse
from dataclasses import dataclass, field

import h11
import pyoxigraph as ox
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import UsageError
from .output import ASSERTED_GRAPH, DATA_PREFIXES, INFERRED_GRAPH, VOID_GRAPH
from .query import dataset_options
from .review import STYLESHEET, Links, Site, iri_of_path
from .sparql_scan import is_update, service_targets
from .workers import Pool, Stopped

RESULTS = [("application/sparql-results+json", ox.QueryResultsFormat.JSON), ("application/json", ox.QueryResultsFormat.JSON),
           ("application/sparql-results+xml", ox.QueryResultsFormat.XML), ("text/csv", ox.QueryResultsFormat.CSV),
           ("text/tab-separated-values", ox.QueryResultsFormat.TSV)]
GRAPHS = [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
          ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]

# What a minted IRI is answered with; the index and the SHACL report are HTML only.
LINKED_DATA = [("text/html", None), ("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
               ("application/n-triples", ox.RdfFormat.N_TRIPLES)]
PAGE_PATHS = ("/", "/shacl", "/" + STYLESHEET)
# Besides escaping: a page runs no script, loads nothing but its stylesheet, and is framed by no other site.
PAGE_HEADERS = [(b"vary", b"Accept"), (b"x-content-type-options", b"nosniff"),
                (b"content-security-policy",
                 b"default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")]
NODE_PATH = "/id/"

MAX_BODY = 1 << 20           # a POSTed query; no sane query is this long
MAX_HEAD = 64 * 1024         # request line and headers (a GET query rides in the URL)
REQUEST_SECONDS = 10.0       # to send the request head, and then its body (at most --timeout)
IDLE_SECONDS = 5             # a kept-alive connection with no next request
MAX_CONNECTIONS = 512
BACKLOG = 1024
QUERY_PATHS = ("/query", "/sparql")
LOCAL_NAMES = ("127.0.0.1", "localhost")


def negotiate(accept: str, offers):
    """The offer the Accept header prefers: highest q, then the header's order, then ours; None if it accepts
    none of them. No header accepts anything."""
    if not (accept or "").strip():
        return offers[0]
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q, position))
    best, best_key = None, None
    for offer in offers:
        kind = offer[0].split("/")[0]
        matches = [(3 if m == offer[0] else 2 if m == f"{kind}/*" else 1, q, pos)
                   for m, q, pos in ranges if m in (offer[0], f"{kind}/*", "*/*")]
        if not matches:
            continue
        _, q, position = max(matches)   # the most specific range decides
        key = (q, -position)
        if q > 0 and (best_key is None or key > best_key):
            best, best_key = offer, key
    return best


def answer_query(store: ox.Store, job: dict, out) -> None:
    """Run one query (in a worker) and write its answer in the negotiated format."""
    try:
        options = dataset_options(job["query"], job["default_graphs"], job["named_graphs"])
        results = store.query(job["query"], **options)
    except SyntaxError as error:
        return out.error(400, f"SPARQL syntax error: {str(error).strip()}")
    except ValueError as error:
        return out.error(400, f"bad request: {error}")
    offers = GRAPHS if isinstance(results, ox.QueryTriples) else RESULTS
    chosen = negotiate(job["accept"], offers)
    if chosen is None:
        names = ", ".join(media for media, _ in offers)
        return out.error(406, f"none of the formats in Accept can carry this answer; offered: {names}")
    media, fmt = chosen
    # text types say their charset: clients (Python's requests) read an unlabeled text/csv as Latin-1
    out.start(f"{media}; charset=utf-8" if media.startswith("text/") else media)
    if isinstance(results, ox.QueryTriples):
        ox.serialize(results, out, fmt)
    else:
        results.serialize(out, fmt)


def answer_page(site: Site, job: dict, out) -> None:
    """Render one page (in a worker): the index, the SHACL report, the stylesheet, or a minted IRI's description
    in the negotiated format."""
    path = job["page"]
    if path == "/" + STYLESHEET:
        out.start("text/css; charset=utf-8")
        return out.write(site.stylesheet())
    iri = None
    if path.startswith(NODE_PATH):
        iri = iri_of_path(path)
        try:
            known = site.knows(iri)
        except ValueError:      # not an IRI at all
            known = False
        if not known:
            return out.error(404, f"this build has nothing about <{iri}>")
    offers = LINKED_DATA if iri else LINKED_DATA[:1]
    chosen = negotiate(job["accept"], offers)
    if chosen is None:
        return out.error(406, "none of the formats in Accept is offered here: " + ", ".join(m for m, _ in offers))
    media, fmt = chosen
    if fmt is not None:
        out.start(f"{media}; charset=utf-8" if media.startswith("text/") else media)
        return ox.serialize(site.describe(iri), out, fmt, prefixes=DATA_PREFIXES)
    links = Links(static=False)
    body = (site.index_page(links) if path == "/" else site.shacl_page(links) if path == "/shacl"
            else site.entity_page(iri, links))
    out.start("text/html; charset=utf-8")
    out.write(body)


@dataclass
class Settings:
    port: int = 7879
    timeout: float = 30.0
    max_result_mb: int = 100
    workers: int = 2
    allow_service: list = field(default_factory=list)   # HOST or HOST:PORT
    cors: list = field(default_factory=list)            # origins, scheme://host[:port]


def check_origin(origin: str) -> str:
    """A web origin for --cors: scheme://host[:port], nothing more."""
    url = urllib.parse.urlsplit(origin)
    if url.scheme not in ("http", "https") or not url.hostname or url.path not in ("", "/") or url.query or url.fragment:
        raise UsageError(f"--cors {origin!r}: give a web origin such as http://localhost:3000")
    return f"{url.scheme}://{url.netloc}".lower()


class _Reply(Exception):
    def __init__(self, status: int, message: str, close: bool = False):
        super().__init__(message)
        self.status, self.message, self.close = status, message, close


class App:
    """The ASGI application: checks the request, hands the query to the pool, sends its answer."""

    def __init__(self, pool: Pool, settings: Settings, port: int, ready=None):
        self.pool, self.settings, self.ready = pool, settings, ready
        self.own_origins = {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
        self.cors = set(settings.cors)
        self.port = port

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        if scope["type"] != "http":
            return
        headers = {}
        for name, value in scope["headers"]:
            headers.setdefault(name.decode("latin-1"), value.decode("latin-1"))
        origin = headers.get("origin")
        extra = [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")] if origin in self.cors else []
        try:
            await self._handle(scope, headers, receive, send, extra)
        except asyncio.CancelledError:  # the server is shutting down and its grace is over
            with contextlib.suppress(Exception):
                await _send_whole(send, 503, "text/plain; charset=utf-8", b"the server is shutting down\n",
                                  extra + [(b"connection", b"close")])
        except _Reply as reply:
            await _send_whole(send, reply.status, "text/plain; charset=utf-8", (reply.message + "\n").encode(),
                              extra + ([(b"connection", b"close")] if reply.close else []))

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.pool.attach()
                if self.ready:
                    self.ready(self.port)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _handle(self, scope, headers, receive, send, extra):
        host = headers.get("host")
        # The name matters, not the port (a forwarded port is fine): a rebound DNS name is refused.
        if host is not None and _host_name(host) not in LOCAL_NAMES:
            raise _Reply(421, f"this server answers as 127.0.0.1:{self.port} only, not as {host!r}", close=True)
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.own_origins | self.cors:
            raise _Reply(403, "requests from another web origin are refused (start serve with --cors ORIGIN to allow one)",
                         close=True)
        method, path = scope["method"], scope["path"]
        if method == "OPTIONS":
            allow = [(b"allow", b"GET, POST, OPTIONS")]
            if extra:
                allow += [(b"access-control-allow-methods", b"GET, POST"),
                          (b"access-control-allow-headers", b"Content-Type, Accept"), (b"access-control-max-age", b"600")]
            return await _send_whole(send, 204, None, b"", extra + allow)
        if method in ("PUT", "DELETE", "PATCH") or path in ("/update", "/store"):
            raise _Reply(403, "this endpoint is read-only: updates are refused", close=True)
        if path in PAGE_PATHS or path.startswith(NODE_PATH):
            if method not in ("GET", "HEAD"):     # uvicorn sends no body to HEAD
                raise _Reply(405, "pages are read with GET (or HEAD)")
            raw = (scope.get("raw_path") or path.encode()).decode("latin-1")   # an IRI as minted, still encoded
            job = {"page": raw if path.startswith(NODE_PATH) else path, "accept": headers.get("accept", "")}
            return await self._run(job, receive, send, extra + PAGE_HEADERS)
        if path not in QUERY_PATHS:
            raise _Reply(404, "the SPARQL endpoint is /query; the review pages start at /", close=True)
        params = urllib.parse.parse_qs(scope["query_string"].decode("latin-1"))
        if method == "POST":
            kind = (headers.get("content-type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                raise _Reply(403, "this endpoint is read-only: updates are refused", close=True)
            body = (await self._body(headers, receive)).decode("utf-8", "replace")
            if kind == "application/sparql-query":
                params["query"] = [body]
            elif kind == "application/x-www-form-urlencoded":
                for name, values in urllib.parse.parse_qs(body).items():
                    params.setdefault(name, []).extend(values)
            else:
                raise _Reply(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
        elif method != "GET":
            raise _Reply(405, "use GET or POST")
        elif not params:
            return await self._describe(path, headers, send, extra)
        await self._query(params, headers, receive, send, extra)

    async def _describe(self, path: str, headers: dict, send, extra):
        """GET on the endpoint with no query: its SPARQL 1.1 Service Description, in Turtle (or another RDF
        format the Accept header prefers)."""
        chosen = negotiate(headers.get("accept", ""), GRAPHS)
        if chosen is None:
            raise _Reply(406, "the service description is RDF: " + ", ".join(media for media, _ in GRAPHS))
        media, fmt = chosen
        endpoint = f"http://127.0.0.1:{self.port}{path}"
        formats = "".join(f", <http://www.w3.org/ns/formats/{name}>" for name in (
            "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD",
            "RDF_XML"))
        description = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>{formats} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ;
        sd:namedGraph [ a sd:NamedGraph ; sd:name <{ASSERTED_GRAPH}> ] ,
                      [ a sd:NamedGraph ; sd:name <{INFERRED_GRAPH}> ] ,
                      [ a sd:NamedGraph ; sd:name <{VOID_GRAPH}> ] ] .
"""
        body = ox.serialize(ox.parse(description.encode(), format=ox.RdfFormat.TURTLE), format=fmt,
                            prefixes={"sd": "http://www.w3.org/ns/sparql-service-description#"})
        await _send_whole(send, 200, f"{media}; charset=utf-8" if media.startswith("text/") else media, body, extra)

    async def _body(self, headers, receive) -> bytes:
        length = headers.get("content-length")
        if length is not None and int(length) > MAX_BODY:   # h11 has checked that it is a number
            raise _Reply(413, f"the request body is larger than {MAX_BODY} bytes", close=True)
        deadline = asyncio.get_running_loop().time() + min(REQUEST_SECONDS, self.settings.timeout)
        chunks, size = [], 0
        while True:
            left = deadline - asyncio.get_running_loop().time()
            try:
                message = await asyncio.wait_for(receive(), max(left, 0.0))
            except asyncio.TimeoutError:
                raise _Reply(408, "the request body did not arrive in time (is Content-Length right?)", close=True) from None
            if message["type"] == "http.disconnect":
                raise _Reply(400, "the client went away", close=True)
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_BODY:
                raise _Reply(413, f"the request body is larger than {MAX_BODY} bytes", close=True)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _query(self, params, headers, receive, send, extra):
        if "update" in params:
            raise _Reply(403, "this endpoint is read-only: updates are refused")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            raise _Reply(400, "give one SPARQL query (query=...)")
        query = queries[0]
        if is_update(query):
            raise _Reply(403, "this endpoint is read-only: updates are refused")
        self._check_services(query)
        accept = headers.get("accept", "")
        if negotiate(accept, RESULTS + GRAPHS) is None:
            raise _Reply(406, "none of the formats in Accept is offered: "
                         + ", ".join(media for media, _ in RESULTS + GRAPHS))
        job = {"query": query, "accept": accept, "default_graphs": params.get("default-graph-uri", []),
               "named_graphs": params.get("named-graph-uri", [])}
        await self._run(job, receive, send, extra)

    async def _run(self, job, receive, send, extra):
        """Hand a job (a query or a page) to a worker and send its answer, within the time limit."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.timeout
        gone = loop.create_task(_disconnected(receive))
        started = False
        try:
            async with contextlib.aclosing(self.pool.run(job, deadline, gone)) as events:
                async for event in events:
                    if event[0] == "answer":
                        return await _send_whole(send, 200, event[1], event[2], extra)
                    if event[0] == "error":
                        if started:
                            return _log(f"a streamed answer was cut short: {event[2]}")
                        return await _send_whole(send, event[1], "text/plain; charset=utf-8",
                                                 (event[2] + "\n").encode(), extra)
                    if event[0] == "head":
                        started = True
                        await _race_send(send, {"type": "http.response.start", "status": 200, "headers":
                                                [(b"content-type", event[1].encode())] + extra}, deadline)
                    elif event[0] == "data":
                        await _race_send(send, {"type": "http.response.body", "body": event[1], "more_body": True},
                                         deadline)
                    else:
                        return await send({"type": "http.response.body", "body": b"", "more_body": False})
        except Stopped as stop:
            reason = str(stop)
            if reason == "gone":
                return
            message = {"time": f"the query ran longer than {self.settings.timeout:g} s and was stopped (--timeout)",
                       "busy": f"every query worker stayed busy for {self.settings.timeout:g} s (--timeout); try again",
                       "died": "the query's worker process died"}[reason]
            if started:
                return _log(f"a streamed answer was cut short: {message}")
            status = 500 if reason == "died" else 503
            await _send_whole(send, status, "text/plain; charset=utf-8", (message + "\n").encode(), extra)
        finally:
            gone.cancel()

    def _check_services(self, query: str) -> None:
        targets = service_targets(query)
        if not targets:
            return
        if not self.settings.allow_service:
            raise _Reply(403, "SERVICE (a federated query) is refused: it would make this server fetch other URLs; "
                              "start serve with --allow-service HOST to allow a host")
        for target in targets:
            url = urllib.parse.urlsplit(target or "")
            if target is None or url.scheme not in ("http", "https") or not url.hostname:
                raise _Reply(403, "SERVICE must name an allowed http(s) IRI in <…> (not a variable or prefixed name)")
            host = url.hostname.lower()
            if host not in self.settings.allow_service and f"{host}:{url.port}" not in self.settings.allow_service:
                raise _Reply(403, f"SERVICE to {host} is refused: not among --allow-service")


def _host_name(host: str) -> str:
    return urllib.parse.urlsplit("//" + host).hostname or "" if "@" not in host else ""


async def _send_whole(send, status: int, media: str | None, body: bytes, extra=()):
    headers = ([(b"content-type", media.encode())] if media else []) + [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + list(extra)})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _race_send(send, message, deadline: float):
    """Send, unless a client that does not read holds us past the deadline."""
    try:
        await asyncio.wait_for(send(message), max(deadline - asyncio.get_running_loop().time(), 0.0))
    except asyncio.TimeoutError:
        raise Stopped("time") from None


async def _disconnected(receive):
    while (await receive())["type"] != "http.disconnect":
        pass


def _log(message: str) -> None:
    logging.getLogger("uvicorn.error").warning(message)


class _Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for the request head, which uvicorn lacks: a client that opens
    a connection and sends its headers slowly (or not at all) is cut off after REQUEST_SECONDS."""

    head_seconds = REQUEST_SECONDS
    _head_timer = None

    def connection_made(self, transport):
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self):
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc):
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def _arm(self):
        if self._head_timer is not None:
            self._head_timer.cancel()
        self._head_timer = self.loop.call_later(self.head_seconds, self._head_late)

    def _head_late(self):
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def bind(port: int) -> socket.socket:
    """The listening socket on 127.0.0.1; a port that cannot be had is the user's error."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on 127.0.0.1 is in use; give another with --port (0 picks a free one)") from None
        if error.errno == errno.EACCES:
            raise UsageError(f"port {port} needs privileges; give one above 1023 with --port") from None
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    sock.listen(BACKLOG)
    sock.setblocking(False)
    return sock


def _logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("vnkg serve: %(message)s"))
    errors = logging.getLogger("uvicorn.error")
    errors.handlers, errors.propagate = [handler], False
    errors.setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(message)s"))
    access.handlers, access.propagate = [plain], False
    access.setLevel(logging.WARNING if quiet else logging.INFO)


def serve(store: ox.Store, settings: Settings, sock: socket.socket | None = None, ready=None, quiet: bool = False,
          site: Site | None = None) -> None:
    sock = sock if sock is not None else bind(settings.port)
    port = sock.getsockname()[1]
    site = site or Site(store)
    site.prepare()      # templates compiled once, before the workers are forked

    def handle(job, out):
        return answer_page(site, job, out) if "page" in job else answer_query(store, job, out)

    pool = Pool(handle, settings.workers, settings.max_result_mb * 1_000_000)
    pool.start()
    _logging(quiet)
    _Protocol.head_seconds = min(REQUEST_SECONDS, settings.timeout)
    config = uvicorn.Config(App(pool, settings, port, ready), http=_Protocol, ws="none", loop="asyncio",
                            lifespan="on", log_config=None, access_log=not quiet, server_header=False,
                            limit_concurrency=MAX_CONNECTIONS, backlog=BACKLOG, timeout_keep_alive=IDLE_SECONDS,
                            h11_max_incomplete_event_size=MAX_HEAD, timeout_graceful_shutdown=2)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()
        sock.close()
