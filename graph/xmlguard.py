"""RDF/XML is screened with expat before pyoxigraph parses it.

pyoxigraph expands DTD entities without a bound (a few hundred bytes of nested entities become gigabytes) and
reports RDF/XML syntax errors without a position. expat, streaming the file once, refuses external and parameter
entities, stops when entity expansion would make the document much larger than the file, and gives XML errors
their line and column. Plain entities (Protégé's `<!ENTITY owl "http://…#">`) still pass.
"""
from __future__ import annotations

import pyexpat
from pathlib import Path

from .errors import InputError

MIN_EXPANSION_LIMIT = 1 << 20       # characters; beyond this, at most EXPANSION_FACTOR times the file's size
EXPANSION_FACTOR = 10


class _Refused(Exception):
    pass


def screen_rdfxml(path: Path) -> None:
    """Raise InputError (one line, with line and column where expat knows them) for RDF/XML that declares an
    external or parameter entity, expands to far more than its size, or is not well-formed XML."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if size == 0:
        return                  # no data: said by the caller, like any empty RDF file
    limit = max(EXPANSION_FACTOR * size, MIN_EXPANSION_LIMIT)
    seen = 0

    def count(length: int) -> None:
        nonlocal seen
        seen += length
        if seen > limit:
            raise _Refused(f"its entities expand to more than {limit:,} characters (an entity-expansion attack?)")

    def declared(name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter or system_id or public_id:
            raise _Refused(f"declares the {'parameter' if is_parameter else 'external'} entity '{name}'")

    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = declared
    parser.CharacterDataHandler = lambda data: count(len(data))
    parser.StartElementHandler = lambda name, attributes: count(sum(len(v) for v in attributes.values()))
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except _Refused as refused:
        raise InputError(f"{path}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}: RDF/XML refused: "
                         f"{refused}") from None
    except pyexpat.ExpatError as error:
        raise InputError(f"{path}:{error.lineno}:{error.offset + 1}: not valid RDF/XML: "
                         f"{pyexpat.ErrorString(error.code)}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
