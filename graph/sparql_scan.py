"""What a SPARQL text asks for, read from its tokens without running it: SERVICE calls, a dataset (FROM), an update.

pyoxigraph neither exposes its parsed query nor lets SERVICE be switched off, so the text is scanned: comments,
strings and IRIs are masked first (a keyword inside them is no keyword), then keywords are looked for. The scan
errs on the side of finding a keyword: Oxigraph's grammar lets one follow a number or `true` with no space
(`1SERVICE<…>{…}` calls the service), so a keyword counts unless it sits inside a variable, a prefixed name, a blank
node label or a language tag, which the grammar reads greedily.
"""
from __future__ import annotations

import re

# One left-to-right pass, as the SPARQL grammar reads: the first of these that starts at a position wins.
_MASKED = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
""", re.VERBOSE | re.DOTALL)

# Characters a variable, prefixed name, blank node label or language tag can be made of (PN_CHARS, '.', '-',
# escapes); a keyword run into them from the left is part of that token.
_NAME_CHAR = re.compile(r"[\w.\-\u00B7\u0300-\u036F\u203F\u2040%\\:]")
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def mask(text: str) -> str:
    """The text with comments and the insides of strings and IRIs blanked, same length and positions."""
    def blank(m: re.Match) -> str:
        token = m.group(0)
        if m.group("iri"):
            return "<" + " " * (len(token) - 2) + ">"
        return " " * len(token)
    return _MASKED.sub(blank, text)


def _is_keyword(masked: str, start: int) -> bool:
    """Whether the word at `start` is a keyword, not the tail of a variable, name, label or language tag."""
    i = start
    while i > 0 and _NAME_CHAR.match(masked[i - 1]):
        i -= 1
    run = masked[i:start]
    if ":" in run:                                    # a prefixed name or a blank node label
        return False
    return not (i > 0 and masked[i - 1] in "?$@")     # a variable or a language tag


def keywords(text: str, word: str) -> list[int]:
    """Positions in `text` where the keyword `word` (any case) is used."""
    masked = mask(text)
    return [m.start() for m in re.finditer(re.escape(word), masked, re.IGNORECASE) if _is_keyword(masked, m.start())]


def service_targets(text: str) -> list[str | None]:
    """The IRI each SERVICE names, in order; None where it names no literal absolute IRI (a variable, a prefixed
    or relative name), which cannot be checked before the query runs."""
    masked = mask(text)
    targets = []
    for start in keywords(text, "SERVICE"):
        after = re.compile(r"SERVICE\s*(?:SILENT\b\s*)?", re.IGNORECASE).match(masked, start)
        at = after.end() if after else start + len("SERVICE")
        iri = re.compile(r"<[^<>]*>").match(masked, at)
        value = text[iri.start() + 1:iri.end() - 1] if iri else None
        targets.append(value if value and re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", value) else None)
    return targets


def has_dataset(text: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED)."""
    return bool(keywords(text, "FROM"))


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update: its first keyword after the prologue is an update operation."""
    masked = re.sub(r"<[^<>]*>", " ", mask(text))
    masked = re.sub(r"\b(?:BASE|PREFIX\s+[^\s:]*:)\s*", " ", masked, flags=re.IGNORECASE)
    m = re.match(r"\s*([A-Za-z]+)", masked)
    return bool(m) and m.group(1).upper() in _UPDATE_WORDS
