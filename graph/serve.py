"""A read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 over a build, for users with no triple store.

GET /query?query=… and POST /query (form-encoded or application/sparql-query); results by the Accept header
(SPARQL JSON by default; CSV, TSV, XML; Turtle for CONSTRUCT and DESCRIBE). Updates are refused (403).
"""
from __future__ import annotations

import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

RESULTS = [("application/sparql-results+json", ox.QueryResultsFormat.JSON), ("application/json", ox.QueryResultsFormat.JSON),
           ("application/sparql-results+xml", ox.QueryResultsFormat.XML), ("text/csv", ox.QueryResultsFormat.CSV),
           ("text/tab-separated-values", ox.QueryResultsFormat.TSV)]
GRAPHS = [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
          ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]


def _choose(accept: str, offers):
    """The first offer the Accept header names (q-values are not weighed), else the first offer."""
    wanted = [part.split(";")[0].strip() for part in (accept or "").split(",")]
    for media in wanted:
        for offer in offers:
            if offer[0] == media:
                return offer
    return offers[0]


def make_handler(store: ox.Store):
    class Handler(BaseHTTPRequestHandler):
        server_version = "vnkg"

        def log_message(self, format, *args):  # quiet: one line per request on stderr
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _send(self, status: int, body: bytes, media: str = "text/plain; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, query: str | None):
            if not query:
                return self._send(400, b"a SPARQL query is required (query=...)\n")
            try:
                results = store.query(query, use_default_graph_as_union=True)
            except SyntaxError as error:
                return self._send(400, f"SPARQL syntax error: {error}\n".encode())
            accept = self.headers.get("Accept", "")
            if isinstance(results, ox.QueryTriples):
                media, fmt = _choose(accept, GRAPHS)
                return self._send(200, ox.serialize(list(results), format=fmt), media)
            media, fmt = _choose(accept, RESULTS)
            return self._send(200, results.serialize(format=fmt), media)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path not in ("/query", "/sparql"):
                return self._send(404, b"the SPARQL endpoint is /query\n")
            self._answer(urllib.parse.parse_qs(url.query).get("query", [None])[0])

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if url.path in ("/update", "/store") or kind == "application/sparql-update" or "update=" in body:
                return self._send(403, b"this endpoint is read-only: updates are refused\n")
            if url.path not in ("/query", "/sparql"):
                return self._send(404, b"the SPARQL endpoint is /query\n")
            if kind == "application/sparql-query":
                return self._answer(body)
            self._answer(urllib.parse.parse_qs(body).get("query", [None])[0])

        def do_PUT(self):
            self._send(403, b"this endpoint is read-only\n")

        do_DELETE = do_PUT

    return Handler


def serve(store: ox.Store, port: int, ready=None) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(store))
    if ready:
        ready(server.server_address[1])
    try:
        server.serve_forever()
    finally:
        server.server_close()
