"""Where the ontology, vocabularies, shapes, queries and the bundled article are.

In a checkout they sit at the project root (ontology/, queries/); in an installed wheel they are copied
into the package as vnkg/_data/ (see pyproject.toml). Nothing here reads outside these two places.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_INSTALLED = PACKAGE / "_data"
ROOT = _INSTALLED if (_INSTALLED / "ontology").is_dir() else PACKAGE.parent

ONTOLOGY_DIR = ROOT / "ontology"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
ONTOLOGY_FILE = ONTOLOGY_DIR / "vnkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ROOT / "queries"
ARTICLES_DIR = PACKAGE / "articles"


def bundled_articles() -> list[Path]:
    """The articles shipped with vnkg, the default input of `vnkg build`."""
    return sorted(ARTICLES_DIR.glob("*.txt"))


def vocabulary_files() -> list[Path]:
    return sorted(VOCAB_DIR.glob("*.ttl"))
