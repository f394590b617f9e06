"""The normalized document at the centre of extraction: the stored text, its matching view, its layout."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field

from .layout import Block, Sentence, layout, sentences
from .vocab import Vocabulary
from .text import view


@dataclass
class Doc:
    text: str                      # NFC, universal newlines: what the graph stores
    vocabulary: Vocabulary
    source: str = "<article>"
    view: str = field(init=False)
    blocks: list[Block] = field(init=False)
    sentences: list[Sentence] = field(init=False)

    def __post_init__(self):
        self.view = view(self.text)
        self.blocks = layout(self.text, self.vocabulary)
        self.sentences = [s for block in self.blocks
                          for s in sentences(self.text, block, self.vocabulary.abbreviations)]
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def key(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def blocks_of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    def sentences_of(self, *kinds: str) -> list[Sentence]:
        return [s for s in self.sentences if s.block.kind in kinds]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None
