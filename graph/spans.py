"""Span lookups in O(log n): which positions are covered, which items start in a range.

Recognizers ask these questions for every word or match; linear scans made a large file quadratic.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Generic, Iterable, TypeVar

T = TypeVar("T")


class Covered:
    """A set of (start, end) spans, merged; covers(pos) says whether pos lies inside one."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


class ByStart(Generic[T]):
    """Items with a span, sorted by where they start; within(start, end) lists those starting in [start, end)."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]] = lambda item: item.span):
        self.items = sorted(items, key=lambda item: span(item)[0])
        self.starts = [span(item)[0] for item in self.items]

    def within(self, start: int, end: int) -> list[T]:
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def at(self, start: int) -> list[T]:
        return self.within(start, start + 1)
