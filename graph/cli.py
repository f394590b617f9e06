"""The vnkg command line: build, validate, query, export.

Exit codes (pySHACL's): 0 success / conforms, 1 SHACL violations, 2 usage, input or runtime error.
Errors are one line on stderr naming the file; -v adds the traceback.
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import __version__, resources
from .errors import ERROR, NOT_CONFORMING, UsageError, VnkgError


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"vnkg: error: {message}\n")
        raise SystemExit(ERROR)


def _data_paths(args) -> list[Path]:
    """--data (or validate's positional FILE|DIR): RDF files or build directories; build/ by default."""
    return [Path(p) for p in (args.data or ["build"])]


def cmd_build(args) -> int:
    from .pipeline import build, progress_bar, write_build

    paths = [Path(p) for p in args.articles] or resources.bundled_articles()
    show_progress = not args.quiet and sys.stderr.isatty() and len(paths) > 1
    result = build(paths, keep_going=args.keep_going, progress=progress_bar if show_progress else None)
    out_dir = Path(args.output)
    written = write_build(result, out_dir)
    for message in result.skipped:
        sys.stderr.write(f"vnkg: skipped {message}\n")
    if not args.quiet:
        print(result.summary())
        print("wrote: " + ", ".join(str(p) for p in written))
    if result.skipped:
        return ERROR
    return 0 if result.report.conforms else NOT_CONFORMING


def cmd_validate(args) -> int:
    from .output import jsonld, turtle
    from .query import load_graphs
    from .validate import validate

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


def cmd_query(args) -> int:
    from .query import execute, format_results, load_store, resolve_query

    path, text = resolve_query(args.query)
    store = load_store(_data_paths(args))
    results = execute(store, text, path)
    sys.stdout.buffer.write(format_results(results, args.format))
    return 0


def cmd_export(args) -> int:
    from .output import format_name, format_of_path, serialize, write_atomically
    from .query import load_graphs

    fmt = format_name(args.format) if args.format else (format_of_path(Path(args.output)) if args.output else "ttl")
    if fmt is None:
        raise UsageError(f"cannot tell the format from '{args.output}'; give --format")
    asserted, inferred = load_graphs(_data_paths(args))
    data = serialize(asserted, inferred, fmt)
    if args.output:
        write_atomically({Path(args.output): data})
    else:
        sys.stdout.buffer.write(data)
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="vnkg", description="Vietnamese government news to a knowledge graph in RDF.")
    parser.add_argument("--version", action="version", version=f"vnkg {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0, help="show tracebacks on errors")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("build", parents=[common], help="build the graph of articles (default: the bundled one)")
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="article text files")
    p.add_argument("-o", "--output", default="build", metavar="DIR", help="output directory (default: build/)")
    p.add_argument("-k", "--keep-going", action="store_true",
                   help="skip an article that cannot be read (reported; exit 2) instead of stopping")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", parents=[common], help="validate RDF against the shapes (pySHACL exit codes)")
    p.add_argument("data", nargs="*", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--format", choices=["human", "turtle", "json-ld"], default="human")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", parents=[common], help="run a SPARQL query (a .rq file or a name in queries/)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", parents=[common], help="export the graph in an RDF format")
    p.add_argument("--data", action="append", metavar="FILE|DIR", help="RDF files or a build directory (default: build/)")
    p.add_argument("--format", metavar="FMT", help="ttl, nt, nq, trig, jsonld or xml (default: from -o, else ttl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except VnkgError as error:
        if args.verbose:
            traceback.print_exc()
        sys.stderr.write(f"vnkg: error: {error}\n")
        return error.code
    except KeyboardInterrupt:
        sys.stderr.write("vnkg: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so in one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        sys.stderr.write(f"vnkg: internal error: {type(error).__name__}: {error} (run with -v for the traceback)\n")
        return ERROR
