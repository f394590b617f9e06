"""The vnkg command line: build, validate, query, export, load, serve, report.

Exit codes (pySHACL's): 0 success / conforms, 1 SHACL violations, 2 usage, input or runtime error.
Errors are one line on stderr naming the file; -v adds the traceback.
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import sys
import traceback
from pathlib import Path

from . import resources
from .version import __version__
from .errors import ERROR, NOT_CONFORMING, UsageError, VnkgError, printable, redact


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"vnkg: error: {redact(message)}\n")
        raise SystemExit(ERROR)


def _positive(kind):
    """An argparse type: a number above zero (a bad one is a usage error, exit 2)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not 0 < value < float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r}: give a number above 0")
        return value
    return parse


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0 to 65535; 0 picks a free one)")
    return port


def _data_paths(args) -> list[Path]:
    """--data (or validate's positional FILE|DIR): RDF files or build directories; build/ by default."""
    return [Path(p) for p in (args.data or ["build"])]


def cmd_build(args) -> int:
    from .output import check_output
    from .pipeline import build, progress_bar, write_build

    check_output(Path(args.output), directory=True)
    paths = [Path(p) for p in args.articles] or resources.bundled_articles()
    show_progress = not args.quiet and sys.stderr.isatty() and (len(paths) > 1 or any(p.is_dir() for p in paths))
    progress = progress_bar if show_progress else None
    if args.work_dir and not args.cluster:
        raise UsageError("--work-dir goes with --cluster")
    if args.cluster:
        from .cluster import build_on_cluster

        result = build_on_cluster(paths, args.cluster, args.work_dir, keep_going=args.keep_going, progress=progress,
                                  workers=args.jobs, per_article=args.per_article)
    else:
        result = build(paths, keep_going=args.keep_going, jobs=args.jobs, progress=progress,
                       per_article=args.per_article)
    out_dir = Path(args.output)
    try:
        written = write_build(result, out_dir, license=args.license, keep_text=not args.no_text)
    finally:
        result.close()
    if not args.quiet:
        print(result.summary())
        print("wrote: " + ", ".join(printable(str(p)) for p in written))
    if result.skipped:
        return ERROR
    return 0 if result.report.conforms else NOT_CONFORMING


def cmd_validate(args) -> int:
    from .output import jsonld, turtle
    from .query import load_graphs
    from .validation import validate

    asserted, inferred = load_graphs(_data_paths(args))
    for triple in inferred:
        asserted.add(triple)
    report = validate(asserted)
    if args.format == "human":
        sys.stdout.write(report.text)
    elif args.format == "turtle":
        sys.stdout.buffer.write(turtle(report.graph))
    else:
        sys.stdout.buffer.write(jsonld(report.graph))
    return 0 if report.conforms else NOT_CONFORMING


def _credentials(args):
    from .store import Credentials

    password = args.password
    if password is None and args.password_file:
        try:
            lines = Path(args.password_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{_shown(args.password_file)}: cannot read the password file ({error})") from None
        password = lines[0] if lines else ""
    return Credentials(user=args.user or os.environ.get("VNKG_USER"),
                       password=password if password is not None else os.environ.get("VNKG_PASSWORD"),
                       token=args.token or os.environ.get("VNKG_TOKEN"), scheme=args.auth)


def _shown(name) -> str:
    """A file name as it may be printed: quoted when it holds a newline, an escape or another control."""
    text = str(name)
    return repr(text) if any(ord(c) < 32 or ord(c) == 127 or c in "\x85\u2028\u2029" for c in text) else text


def _endpoint(url: str, credentials):
    from .store import endpoint_address

    return endpoint_address(url, credentials)


def cmd_query(args) -> int:
    from .query import bind_parameters, load_store, query_form, resolve_query, results_from_endpoint, run_query

    path, text = resolve_query(args.query)
    text = bind_parameters(text, args.param)
    if args.endpoint:
        from .store import query_endpoint

        endpoint, credentials = _endpoint(args.endpoint, _credentials(args))
        answer = query_endpoint(endpoint, text, query_form(text), credentials, timeout=args.timeout or 60.0)
        sys.stdout.buffer.write(results_from_endpoint(answer, query_form(text), args.format))
        return 0
    if args.store:
        from .store import open_store

        store = open_store(Path(args.store))
    else:
        store = load_store(_data_paths(args))
    sys.stdout.buffer.write(run_query(store, text, path, args.format, timeout=args.timeout))
    return 0


def _absolute_iri(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an absolute IRI (such as https://example.org/graph)")
    return text


def _at_least(low, kind=int):
    def check(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value != value or value < low or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text} is out of range (at least {low})")
        return value
    return check


def cmd_load(args) -> int:
    from .output import ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH, sorted_unique
    from .query import read_ntriples
    from .store import check_store_directory, load_embedded, load_endpoint

    if bool(args.endpoint) == bool(args.store):
        raise UsageError("give either --endpoint URL (a Graph Store Protocol address) or --store DIR")
    if args.bulk and (args.store or args.update_endpoint):
        raise UsageError("--bulk is for --endpoint without --update-endpoint (a staged swap copies every triple "
                         "in a transaction anyway; the embedded store bulk-loads by itself)")
    if args.store:
        check_store_directory(Path(args.store), create=True)     # refuse a directory that is not a store, early
    else:
        endpoint, credentials = _endpoint(args.endpoint, _credentials(args))
        update_endpoint = _endpoint(args.update_endpoint, credentials)[0] if args.update_endpoint else None
    if args.per_article:
        from .increment import PerArticleBuild, load_per_article

        if args.graph or args.default or args.bulk:
            raise UsageError("--per-article puts each article in its own graph: it goes without --graph, "
                             "--default and --bulk")
        target = _target(args, endpoint if not args.store else None, update_endpoint if not args.store else None,
                         None if args.store else credentials)
        summary = load_per_article(PerArticleBuild.of(_data_paths(args)), target, replace_all=args.replace,
                                   batch_lines=args.batch_lines)
        if not args.quiet:
            print(summary.text(_shown(args.store) if args.store else endpoint))
        return 0
    graphs = read_ntriples(_data_paths(args))
    if args.default or args.graph:      # one graph chosen: everything together in it
        loads = [(args.graph, b"".join(sorted_unique([line for lines in graphs.values() for line in lines])))]
        where = f"graph <{args.graph}>" if args.graph else "the default graph"
    else:   # the layout vnkg query sees: each in its own named graph, queries read their union; a replace
        # empties a graph the data lacks (the description of an older build, say)
        loads = [(graph, b"".join(graphs.get(graph, []))) for graph in (ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH)]
        where = f"graphs <{ASSERTED_GRAPH}> and <{INFERRED_GRAPH}>, and the description in <{VOID_GRAPH}>"
    if args.store:
        count = load_embedded(loads, Path(args.store), replace=not args.append)
        place = _shown(args.store)
    else:
        show = not args.quiet and sys.stderr.isatty()
        count, _ = load_endpoint(loads, endpoint, not args.append, credentials,
                                 batch_lines=args.batch_lines, retries=args.retries, timeout=args.timeout,
                                 progress=show, update_endpoint=update_endpoint,
                                 warn=logging.getLogger("vnkg.store").warning, bulk=args.bulk)
        place = endpoint
    if not args.quiet:
        print(f"loaded {count} triples into {where} of {place} ({'appended' if args.append else 'replaced'})")
    return 0


def _target(args, endpoint, update_endpoint, credentials):
    from .increment import Target

    return Target(Path(args.store) if args.store else None, endpoint, update_endpoint, credentials,
                  retries=args.retries, timeout=args.timeout)


def cmd_retract(args) -> int:
    from .increment import retract
    from .store import check_store_directory

    if bool(args.endpoint) == bool(args.store):
        raise UsageError("give either --endpoint URL and --update-endpoint URL, or --store DIR")
    if args.store:
        check_store_directory(Path(args.store))
        target = _target(args, None, None, None)
    else:
        endpoint, credentials = _endpoint(args.endpoint, _credentials(args))
        update_endpoint = _endpoint(args.update_endpoint, credentials)[0] if args.update_endpoint else None
        target = _target(args, endpoint, update_endpoint, credentials)
    count = retract(args.articles, target)
    if not args.quiet:
        print(f"retracted {count} article{'s' if count != 1 else ''} from {target.where()}")
    return 0


def cmd_serve(args) -> int:
    from .query import load_store
    from .review import Site, report_store, vocabulary_labels
    from .serve import Settings, bind, check_origin, serve

    settings = Settings(port=args.port, timeout=args.timeout, max_result_mb=args.max_result_mb,
                        workers=args.workers or max(4, os.cpu_count() or 4),
                        allow_service=[h.lower() for h in args.allow_service or []],
                        cors=[check_origin(o) for o in args.cors or []])
    sock = bind(args.port)  # a port in use is reported before the data is loaded
    store = load_store(_data_paths(args))
    site = Site(store, report_store(_data_paths(args)), vocabulary_labels())

    def ready(port):
        sys.stderr.write(f"serving {len(store)} triples read-only at http://127.0.0.1:{port}/query "
                         f"and review pages at http://127.0.0.1:{port}/ (Ctrl-C stops)\n")
        sys.stderr.flush()

    serve(store, settings, sock, ready, quiet=args.quiet, site=site)
    return 0


def cmd_report(args) -> int:
    from .output import check_output
    from .query import load_store
    from .review import Site, check_report_directory, report_store, vocabulary_labels, write_report

    out_dir = Path(args.output)
    check_output(out_dir, directory=True)
    check_report_directory(out_dir)       # before the data is read: a refusal costs nothing
    paths = _data_paths(args)
    site = Site(load_store(paths), report_store(paths), vocabulary_labels())
    count = write_report(site, out_dir, jobs=args.jobs,
                         progress=_pages_progress if not args.quiet and sys.stderr.isatty() else None)
    if not args.quiet:
        print(f"wrote {count} pages to {printable(str(out_dir))} (open {printable(str(out_dir / 'index.html'))})")
    return 0


def _pages_progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rwriting pages [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_export(args) -> int:
    from .output import check_output, format_name, format_of_path, serialize, write_atomically
    from .query import read_ntriples

    fmt = format_name(args.format) if args.format else (format_of_path(Path(args.output)) if args.output else "ttl")
    if fmt is None:
        raise UsageError(f"cannot tell the format from '{args.output}'; give --format")
    if args.output:
        check_output(Path(args.output), directory=False)
    if args.per_article:
        from .increment import PerArticleBuild

        if fmt not in ("nq", "trig"):
            raise UsageError("--per-article keeps a named graph per article: export it as nq or trig")
        dataset = PerArticleBuild.of(_data_paths(args))

        def data(out):      # streamed: a build's articles.nq may be gigabytes
            dataset.write(out, fmt)

        if not args.output:
            data(sys.stdout.buffer)
            return 0
    else:
        data = serialize(read_ntriples(_data_paths(args)), fmt)
    if args.output:
        write_atomically({Path(args.output): data})
    else:
        sys.stdout.buffer.write(data)
    return 0


def _request_options(p: argparse.ArgumentParser) -> None:
    """How a command that writes to a store retries and waits (load, retract)."""
    p.add_argument("--retries", type=_at_least(0), default=3, metavar="N",
                   help="retries on connection errors, timeouts and 5xx (default 3)")
    p.add_argument("--timeout", type=_positive(float), default=60.0, metavar="SECONDS", help="per request (default 60)")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="vnkg", description="Vietnamese government news to a knowledge graph in RDF.")
    parser.add_argument("--version", action="version", version=f"vnkg {__version__}")
    # -v and -q before the command too ('vnkg -v load ...'); merged with the command's own in main().
    parser.add_argument("-v", "--verbose", dest="global_verbose", action="count", default=0, help="show tracebacks on errors")
    parser.add_argument("-q", "--quiet", dest="global_quiet", action="store_true", help="no progress or summary")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0, help="show tracebacks on errors")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("build", parents=[common], help="build the graph of articles (default: the bundled one)")
    p.add_argument("articles", nargs="*", metavar="ARTICLE",
                   help="article text files, saved web pages (.html, .htm, or HTML by content), or directories of "
                        "them; ARTICLE.meta.json beside an article gives its URL, dates, author, publisher, license")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output directory (default: build/)")
    p.add_argument("-k", "--keep-going", action="store_true",
                   help="skip an article that cannot be read (reported; exit 2) instead of stopping")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="processes to use (default: one per core)")
    p.add_argument("--license", metavar="IRI", type=_absolute_iri,
                   help="the license of the data you publish (dcterms:license in void.ttl; none by default)")
    p.add_argument("--no-text", action="store_true",
                   help="leave the articles' whole texts out of the graph (each span keeps its quote and offsets; "
                        "the quotes are still checked against the texts during the build)")
    p.add_argument("--per-article", action="store_true",
                   help="also write articles.nq: each article's facts in a named graph of its own, for "
                        "'vnkg load --per-article' (a store updated article by article) and 'vnkg retract'")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run the chunks and the merge as Dask tasks on the cluster of this scheduler (tcp://host:8786), "
                        "or 'local' for a LocalCluster of -j workers on this machine (the cluster extra)")
    p.add_argument("--work-dir", metavar="URL",
                   help="with --cluster: a directory every worker reaches (shared path or fsspec URL such as "
                        "s3://bucket/tmp) for the chunks' files (default with 'local': a temporary directory)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", parents=[common], help="validate RDF against the shapes (pySHACL exit codes)")
    p.add_argument("data", nargs="*", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--format", choices=["human", "turtle", "json-ld"], default="human")
    p.set_defaults(func=cmd_validate)

    remote = argparse.ArgumentParser(add_help=False)
    remote.add_argument("--user", help="user name for HTTP basic or digest authentication (or VNKG_USER)")
    remote.add_argument("--password", help="password; never printed, but other users can see a command line "
                        "(ps): prefer --password-file or VNKG_PASSWORD")
    remote.add_argument("--password-file", metavar="FILE", help="read the password from the first line of FILE")
    remote.add_argument("--token", help="bearer token; never printed, but visible in ps: prefer VNKG_TOKEN")
    remote.add_argument("--auth", choices=["basic", "digest"], default="basic", help="how to send user and password")

    p = sub.add_parser("query", parents=[common, remote], help="run a SPARQL query (a .rq file or a name in queries/)",
                       description="Run a SPARQL query over a build, RDF files, an embedded store or an endpoint. "
                                   "Note: a query's SERVICE clause makes vnkg fetch the URL it names over the network; "
                                   "run only queries you trust (vnkg serve refuses SERVICE unless --allow-service).")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--store", metavar="DIR", help="query an embedded store made by 'vnkg load --store DIR'")
    p.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 Protocol endpoint instead")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    p.add_argument("--timeout", type=_positive(float), metavar="SECONDS",
                   help="stop a query that runs longer (exit 2)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind the query's variable ?NAME before it runs (an IRI, or a string): "
                        "'sources --param article=IRI' gives one article's spans")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("load", parents=[common, remote], help="load a build into a triple store (Graph Store Protocol)")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--endpoint", metavar="URL", help="the store's Graph Store Protocol address (Oxigraph: http://host:7878/store)")
    p.add_argument("--store", metavar="DIR", help="an embedded persistent store (pyoxigraph) instead of a server")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--graph", metavar="IRI", type=_absolute_iri,
                        help="load asserted and inferred triples together into this named graph")
    target.add_argument("--default", action="store_true",
                        help="load asserted and inferred triples together into the default graph (by default each "
                             "goes to its own named graph, .../graph/asserted and .../graph/inferred)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help="replace the graph's content (the default: PUT)")
    mode.add_argument("--append", action="store_true", help="add to the graph (POST)")
    p.add_argument("--update-endpoint", metavar="URL",
                   help="the store's SPARQL Update address (Oxigraph: http://host:7878/update): load into a "
                        "staging graph, then swap it in with one update, so a failed load changes nothing")
    p.add_argument("--bulk", action="store_true",
                   help="ask an Oxigraph server for its bulk loader (no_transaction): several times faster, but a "
                        "load that fails part-way leaves part of the data")
    p.add_argument("--batch-lines", type=_at_least(0), metavar="N",
                   help="N-Triples lines per request (default 50000; a replace without --update-endpoint is one "
                        "request unless this is given; 0: one request)")
    _request_options(p)
    p.add_argument("--per-article", action="store_true",
                   help="a build made with --per-article, one named graph per article: add the articles the store "
                        "lacks, replace a page's earlier version (same URL), keep the rest (--replace: also remove "
                        "the articles the build lacks); needs --update-endpoint with --endpoint")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("retract", parents=[common, remote],
                       help="remove articles from a store loaded with 'vnkg load --per-article'")
    p.add_argument("articles", nargs="+", metavar="ARTICLE-IRI", type=_absolute_iri,
                   help="an article's IRI (https://w3id.org/vnkg/id/article/KEY)")
    p.add_argument("--endpoint", metavar="URL", help="the store's Graph Store Protocol address (to read its manifest)")
    p.add_argument("--update-endpoint", metavar="URL", help="the store's SPARQL Update address")
    p.add_argument("--store", metavar="DIR", help="an embedded store made by 'vnkg load --store DIR --per-article'")
    _request_options(p)
    p.set_defaults(func=cmd_retract)

    p = sub.add_parser("serve", parents=[common], help="serve a build read-only as a SPARQL endpoint on 127.0.0.1")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--port", type=_port, default=7879, help="port on 127.0.0.1 (default 7879; 0 picks a free one)")
    p.add_argument("--timeout", type=_positive(float), default=30.0, metavar="SECONDS",
                   help="stop a query that runs longer, answering 503 (default 30)")
    p.add_argument("--max-result-mb", type=_positive(int), default=100, metavar="MB",
                   help="largest answer in megabytes (default 100; 422 beyond)")
    p.add_argument("--workers", type=_positive(int), metavar="N",
                   help="queries run at once, each in its own process (default: one per core, at least 4)")
    p.add_argument("--allow-service", nargs="+", metavar="HOST",
                   help="let SERVICE reach these hosts (HOST or HOST:PORT); SERVICE is refused by default")
    p.add_argument("--cors", action="append", metavar="ORIGIN",
                   help="let web pages of this origin (e.g. http://localhost:3000) query; others are refused")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("report", parents=[common], help="write the review pages as static HTML (no server needed)",
                       description="Write the review pages of a build as static HTML: an index of articles, one "
                                   "page per article (its text with every fact's span highlighted) and per entity, "
                                   "and the SHACL report. The directory is replaced whole when the pages are ready.")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("-o", "--output", default="report", metavar="DIR",
                   help="output directory (default: report/); it must be new, empty, or an earlier report")
    p.add_argument("-j", "--jobs", type=_positive(int), metavar="N", help="processes to use (default: one per core)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", parents=[common], help="export the graph in an RDF format")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--format", metavar="FMT", help="ttl, nt, nq, trig, jsonld or xml (default: from -o, else ttl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.add_argument("--per-article", action="store_true",
                   help="a build made with --per-article: each article in a named graph of its own (nq, trig)")
    p.set_defaults(func=cmd_export)
    return parser


class _OneLine(logging.Formatter):
    """A log record as one line on stderr, as vnkg's errors are: `vnkg: warning: …`, control characters and
    credentials in URLs made harmless."""

    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        return f"vnkg: {level}{printable(redact(record.getMessage()))}"


def _configure_logging(verbose: int, quiet: bool) -> None:
    """What the library logs, on stderr: warnings (-q hides progress and summaries, not warnings), more with -v,
    stage timings with -vv."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    logger = logging.getLogger("vnkg")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose and not quiet else logging.WARNING)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process so that temporary files are removed as after Ctrl-C."""


def _on_sigterm(signum, frame):
    if os.getpid() != _MAIN_PID:
        os._exit(128 + signum)          # a build worker: the main process cleans up and reports
    raise _Terminated()


_MAIN_PID = os.getpid()


def main(argv: list[str] | None = None) -> int:
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    signal.signal(signal.SIGTERM, _on_sigterm)
    parser = make_parser()
    args = parser.parse_args(argv)
    args.verbose += args.global_verbose
    args.quiet = args.quiet or args.global_quiet
    _configure_logging(args.verbose, args.quiet)
    try:
        return args.func(args)
    except VnkgError as error:
        if args.verbose:
            traceback.print_exc()
        sys.stderr.write(f"vnkg: error: {printable(redact(str(error)))}\n")
        return error.code
    except _Terminated:
        sys.stderr.write("vnkg: terminated\n")
        return 143
    except KeyboardInterrupt:
        sys.stderr.write("vnkg: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so in one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        sys.stderr.write(f"vnkg: internal error: {type(error).__name__}: {printable(redact(str(error)))} "
                         "(run with -v for the traceback)\n")
        return ERROR
