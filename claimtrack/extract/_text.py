"""Paragraphs, quotations and sentences of a news text, as code-point spans.

Everything here is one linear pass over the text with precompiled patterns, so
that odd input (thousands of quotation marks, megabytes without a full stop)
costs time in proportion to its length and nothing more.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = ["Quote", "paragraphs", "quotes", "sentences"]

_PARAGRAPH = re.compile(r"[^\n]+")
_DOUBLE = re.compile('["“”«»„]')
_SINGLE = re.compile("[‘’']")
_OPENERS = frozenset("“«„")
_CLOSERS = frozenset("”»")
# After these, a straight quotation mark opens a quote.
_BEFORE_OPEN = frozenset(" \t([{—–-/:")
# Candidate sentence ends: terminal punctuation, closing marks, space.
_END = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|Supt|Insp|St|Jr|Sr|Inc|Ltd|"
    r"Corp|Co|No|Nos|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|"
    r"[A-Z])|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
#: Longest stretch a quotation is trusted to run within a paragraph; beyond it
#: the marks are more likely unbalanced than a real quote.
_MAX_QUOTE = 3000


class Quote(NamedTuple):
    """A quotation: the offsets of its opening mark and of its closing mark
    (the paragraph end for a quote that runs on into the next paragraph).
    """

    open: int
    close: int
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of *text*, trimmed, as (start, end) spans."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def quotes(text: str, start: int, end: int, *, single: bool = False) -> list[Quote]:
    """The quotations in the paragraph ``text[start:end]``, in order.

    Curly marks say which way they face; a straight mark opens after a space
    or at the paragraph start and closes otherwise. An opening mark with no
    closing one counts only at the paragraph start, where it marks a quote
    that runs on into the next paragraph; any other stray mark is ignored.
    With *single*, single marks (‘…’, '…') are read as quotation marks too,
    but an apostrophe inside a word never is.
    """
    found: list[Quote] = []
    pattern = _SINGLE if single else _DOUBLE
    opened = -1
    for match in pattern.finditer(text, start, end):
        i = match.start()
        mark = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if single:
            opening = before in _BEFORE_OPEN and after.isalnum()
            closing = not opening and not before.isspace() and not after.isalnum()
        elif mark in _OPENERS:
            opening, closing = True, False
        elif mark in _CLOSERS:
            opening, closing = False, True
        else:
            opening = before in _BEFORE_OPEN or i == start
            closing = not opening
        if opening:
            opened = i
        elif closing and opened >= 0:
            if i - opened <= _MAX_QUOTE and i > opened + 1:
                found.append(Quote(opened, i, True))
            opened = -1
    if opened == start and not single and end - opened <= _MAX_QUOTE:
        found.append(Quote(opened, end, False))
    return found


def sentences(text: str, start: int, end: int, guarded: list[Quote]) -> list[tuple[int, int]]:
    """The sentences of the paragraph ``text[start:end]``; never split inside a
    quotation of *guarded*.
    """
    spans = []
    begin = start
    opens = [q.open for q in guarded]
    for match in _END.finditer(text, start, end):
        cut = match.start()
        # Quotes are sorted and disjoint: only the last one opened before the
        # cut can contain it.
        index = bisect.bisect_left(opens, cut) - 1
        if index >= 0 and cut < guarded[index].close:
            continue
        head = text[max(begin, cut - 12) : cut + 1]
        if _ABBREVIATION.search(head):
            continue
        stop = match.end()
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        spans.append((begin, stop))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans
