"""Hardening against hostile or careless input files: long numbers, RDF/XML entity expansion, empty data,
devices and pipes, odd file names, bad output paths. Each test fails without its fix."""
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ARTICLES, ROOT, run_vnkg, source_environment
from vnkg.text import parse_number

ARTICLE = ARTICLES / "ha-giang-district-review.txt"
BASE = Path(__file__).parent / "shapes" / "_base.ttl"
STATISTIC = Path(__file__).parent / "shapes" / "StatisticShape.ok.ttl"


def one_line_error(done) -> str:
    err = done.stderr.decode().strip()
    assert done.returncode == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def article_with(tmp_path, old: str, new: str) -> Path:
    text = ARTICLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "article.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- item 6: one long number does not kill a build; exact decimals; the shapes check the lexical form ------

def test_a_digit_run_of_thousands_of_digits_is_not_a_statistic(tmp_path):
    article = article_with(tmp_path, "42,7 tỷ đồng", "9" * 5000 + " tỷ đồng")
    done = run_vnkg("build", article, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr.decode()
    values = [str(o) for _, o in statistic_values(tmp_path / "out" / "graph.ttl")]
    assert values and all(len(v) < 40 for v in values), values


def test_a_digit_run_as_an_award_count_or_headline_total_is_no_count(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    long = "9" * 5000
    text = text.replace("15 tập thể, cá nhân được khen thưởng", f"{long} tập thể, cá nhân được khen thưởng")
    text = text.replace("Giấy khen cho 6 tập thể", f"Giấy khen cho {long} tập thể")
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    done = run_vnkg("build", tmp_path / "article.txt", "-o", tmp_path / "out")
    assert done.returncode in (0, 1), done.stderr.decode()
    from rdflib import Graph, URIRef

    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    counts = [str(o) for p in ("recipientCount", "headlineAwardTotal")
              for o in graph.objects(None, URIRef(f"https://w3id.org/vnkg/ontology#{p}"))]
    assert all(len(c) < 8 for c in counts), counts


def statistic_values(path: Path):
    from rdflib import Graph, URIRef

    return Graph().parse(path).subject_objects(URIRef("https://schema.org/value"))


def test_long_decimals_keep_their_exact_value(tmp_path):
    assert parse_number("12.345.678.901.234.567,25") == Decimal("12345678901234567.25")
    assert parse_number("9" * 5000) == int("9" * 4000) * 10 ** 1000 + int("9" * 1000)
    article = article_with(tmp_path, "42,7 tỷ đồng", "12.345.678.901.234.567,25 tỷ đồng")
    assert run_vnkg("build", article, "-o", tmp_path / "out").returncode == 0
    assert "12345678901234567.25" in [str(o) for _, o in statistic_values(tmp_path / "out" / "graph.ttl")]


@pytest.mark.parametrize("validator", ["screen", "pyshacl"])
@pytest.mark.parametrize("value", ['"Infinity"^^xsd:decimal', '"NaN"^^xsd:decimal', '"-INF"^^xsd:decimal'])
def test_the_shapes_reject_a_decimal_that_is_not_a_decimal(tmp_path, value, validator):
    data = tmp_path / "statistic.ttl"
    statistic = STATISTIC.read_text().replace("schema:value 6400.0", f"schema:value {value}")
    data.write_text(BASE.read_text() + statistic)
    done = run_vnkg("validate", data, env={"VNKG_VALIDATOR": validator} if validator == "pyshacl" else {})
    assert done.returncode == 1, done.stdout.decode() + done.stderr.decode()
    assert b"pattern" in done.stdout


# --- item 7: RDF/XML entity expansion ----------------------------------------------------------------------

def nested_entities(levels: int) -> str:
    """A 'billion laughs' document: each entity is ten of the one before (30 * 10**levels characters)."""
    entities = ['<!ENTITY e0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
            f'<rdf:Description rdf:about="http://example.org/s"><ex:p>&e{levels};</ex:p></rdf:Description>\n'
            "</rdf:RDF>\n")


@pytest.mark.parametrize("command", [["validate", "{}"], ["export", "--data", "{}"], ["query", "officials", "--data", "{}"],
                                     ["load", "--store", "STORE", "--data", "{}"]])
def test_nested_entities_in_rdfxml_are_refused(tmp_path, command):
    bomb = tmp_path / "laughs.rdf"
    bomb.write_text(nested_entities(6))         # 30 MB once expanded (small enough to be safe without the fix)
    assert len(bomb.read_bytes()) < 800
    args = [str(bomb) if a == "{}" else str(tmp_path / "store") if a == "STORE" else a for a in command]
    err = one_line_error(run_vnkg(*args))
    assert f"{bomb}:" in err and "entities expand" in err
    assert not (tmp_path / "store").exists()


def test_external_entities_are_refused_and_plain_ones_pass(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    external = tmp_path / "external.rdf"
    external.write_text(nested_entities(0).replace('<!ENTITY e0 "lollollollollollollollollollol">',
                                                   f'<!ENTITY e0 SYSTEM "file://{secret}">'))
    err = one_line_error(run_vnkg("export", "--data", external, "--format", "nt"))
    assert "external entity 'e0'" in err and "top secret" not in err
    plain = tmp_path / "plain.rdf"
    plain.write_text(nested_entities(1))        # Protégé writes such entities for namespaces
    done = run_vnkg("export", "--data", plain, "--format", "nt")
    assert done.returncode == 0 and b"lol" * 100 in done.stdout


def test_rdfxml_errors_give_line_and_column(tmp_path):
    bad = tmp_path / "bad.rdf"
    bad.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                   '<rdf:Description rdf:about="http://e.org/s">\n  <x:bad/>\n</rdf:Description></rdf:RDF>\n')
    assert f"{bad}:4:3: not valid RDF/XML" in one_line_error(run_vnkg("validate", bad))


@pytest.mark.parametrize("name", ["empty.ttl", "empty.rdf", "empty.nt"])
def test_an_empty_rdf_file_says_there_is_no_data(tmp_path, name):
    empty = tmp_path / name
    empty.write_bytes(b"")
    for args in (["validate", empty], ["query", "officials", "--data", empty], ["export", "--data", empty]):
        assert "no RDF statements" in one_line_error(run_vnkg(*args))


# --- low items: devices and pipes, odd names, output paths, SIGTERM ---------------------------------------

def vnkg_within(seconds, *args, env=None):
    """vnkg, failing the test (rather than hanging it) if it does not finish in time."""
    environment = source_environment(**(env or {}))
    return subprocess.run([sys.executable, "-m", "vnkg", *map(str, args)], cwd=ROOT, env=environment,
                          capture_output=True, timeout=seconds)


def test_devices_and_pipes_are_not_articles(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        err = one_line_error(vnkg_within(60, "build", source, "-o", tmp_path / "out"))
        assert "not a regular file" in err
    assert not (tmp_path / "out").exists()


def test_file_names_with_newlines_and_escapes_are_quoted(tmp_path):
    odd = tmp_path / "two\nlines\x1b[31m.txt"
    odd.write_text("")
    err = one_line_error(run_vnkg("build", odd, "-o", tmp_path / "out"))
    assert "\x1b" not in err and "two\\nlines\\x1b[31m.txt" in err
    done = run_vnkg("build", sorted(ARTICLES.glob("*.txt"))[0], odd, "-o", tmp_path / "out", "-k")
    assert done.returncode == 2 and len(done.stderr.decode().strip().splitlines()) == 1
    assert b"\x1b" not in done.stderr


def test_bad_output_paths_are_refused_before_the_build(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for out in (a_file, a_file / "build"):
        err = one_line_error(run_vnkg("build", ARTICLE, "-o", out))
        assert "internal error" not in err and str(a_file) in err
    err = one_line_error(run_vnkg("export", "--data", BASE, "--format", "nt", "-o", a_file / "graph.nt"))
    assert "cannot write there" in err
    assert a_file.read_text() == "x"


def test_sigterm_removes_the_temporary_directories(tmp_path):
    import signal
    import time

    articles = tmp_path / "articles"
    articles.mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    for i in range(60):
        (articles / f"a{i:02}.txt").write_text(text + f"\nBài số {i}.\n", encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = source_environment(TMPDIR=str(scratch))
    process = subprocess.Popen([sys.executable, "-m", "vnkg", "build", *sorted(articles.iterdir()),
                                "-o", tmp_path / "out", "-j", "2"], cwd=ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(scratch.glob("vnkg-build-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be stopped"
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err.decode()
    assert err.decode().strip() == "vnkg: terminated"
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "out").exists()
