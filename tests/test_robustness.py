"""Property-based: mutated articles (lines and characters deleted, duplicated, shuffled; noise inserted;
other encodings) never crash the builder, and every emitted quote equals the stored text at its offsets."""
import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from conftest import ROOT
from test_text import to_windows_1258
from vnkg.emit import emit
from vnkg.errors import InputError
from vnkg.extraction import extract
from vnkg.namespaces import NIF
from vnkg.reason import infer
from vnkg.text import decode, normalize
from vnkg.validation import ontology_graph

SEED = (ROOT / "graph" / "articles" / "000_911fb93c9fb50e44.txt").read_text(encoding="utf-8")

line_edit = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 60)),
    st.tuples(st.just("duplicate"), st.integers(0, 60)),
    st.tuples(st.just("swap"), st.integers(0, 60), st.integers(0, 60)),
)
char_edit = st.one_of(
    st.tuples(st.just("cut"), st.integers(0, 7000), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.integers(0, 7000), st.text(max_size=12)),
    st.tuples(st.just("insert"), st.integers(0, 7000), st.sampled_from(["\u00a0", "  ", "\t", "Tỉnh uỷ", "“", "số ", "6.400", "ngày 31/2/2020", "\r\n"])),
    st.tuples(st.just("truncate"), st.integers(0, 7000)),
)


def mutate(text: str, line_edits, char_edits) -> str:
    lines = text.split("\n")
    for edit in line_edits:
        if not lines:
            break
        i = edit[1] % len(lines)
        if edit[0] == "delete":
            del lines[i]
        elif edit[0] == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = edit[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines)
    for edit in char_edits:
        at = edit[1] % (len(text) + 1)
        if edit[0] == "cut":
            text = text[:at] + text[at + edit[2]:]
        elif edit[0] == "insert":
            text = text[:at] + edit[2] + text[at:]
        else:
            text = text[:at]
    return text


def encode(text: str, encoding: str) -> bytes:
    if encoding == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if encoding == "windows-1258":
        return to_windows_1258(unicodedata.normalize("NFC", text))
    return text.encode(encoding)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_edit, max_size=6), st.lists(char_edit, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "nfd", "windows-1258"]))
def test_mutated_articles_never_crash_and_quotes_sit_at_their_offsets(line_edits, char_edits, encoding):
    text = mutate(SEED, line_edits, char_edits)
    try:
        data = encode(text, encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        stored = normalize(decode(data, "mutated.txt"))
    except InputError:
        return   # refused with a message (binary noise, an undecodable mix): a valid outcome
    assume(stored.strip())
    graph = emit([extract(stored, "mutated.txt")])
    infer(graph, ontology_graph())
    for mention in graph.subjects(NIF.anchorOf, None):
        begin = int(graph.value(mention, NIF.beginIndex))
        end = int(graph.value(mention, NIF.endIndex))
        assert stored[begin:end] == str(graph.value(mention, NIF.anchorOf))
        assert isinstance(mention, URIRef)


def test_an_article_of_another_genre_or_language_invents_nothing():
    english = normalize("Heavy rain in the north\nUpdated: 10:00 | 12/01/2021\nRain fell for 3 days across 12 provinces.\n")
    facts = extract(english)
    assert (facts.documents, facts.awards, facts.events, facts.holdings) == ([], [], [], [])
    weather = normalize((ROOT / "tests" / "articles" / "weather-not-genre.txt").read_text(encoding="utf-8"))
    facts = extract(weather)
    assert (facts.documents, facts.awards, facts.events, facts.presentations) == ([], [], [], [])


def test_a_truncated_article_still_builds():
    cut = normalize(SEED[: SEED.index("Nhân dịp này") + 60])
    facts = extract(cut)
    assert facts.documents and facts.events
