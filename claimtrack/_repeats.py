"""Finding repeats and near-duplicates among claims, without comparing all pairs.

A claim said again by the same speaker, or picked up by others in other words,
should be *suggested* as related, never merged or confirmed by a tool. This
module turns each claim's text into a set of *shingles* (its words and pairs of
adjacent words, after :func:`~claimtrack._identity.normalize_text`) and finds
pairs whose Jaccard similarity reaches a threshold.

Candidate pairs come from *prefix filtering* (as in All-Pairs and PPJoin):
shingles are ranked rarest first, and two sets whose Jaccard similarity is at
least *t* must share one of the rarest ``|x| - ceil(t·|x|) + 1`` shingles of
each. Each claim is indexed under those few shingles only, so the work grows
with the number of claims, not with its square. Very common shingles are
looked up in their most recent :data:`POSTING_CAP` entries only, which keeps
the time near-linear on text that repeats a lot.

Every candidate is then checked exactly, and guarded against false links:

- texts shorter than ``min_words`` words are never linked ("We disagree.");
- a negation flip ("the dam is safe" / "the dam is not safe") is never a repeat;
- different numbers ("53 people" / "35 people") are never a repeat;
- ``repeats`` needs the same speaker; other similar claims are ``paraphrases``.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from claimtrack._identity import normalize_text

__all__ = ["POSTING_CAP", "TOOL", "Features", "Match", "features", "find_matches"]

#: How suggested relations name their maker (``Relation.by``).
TOOL = "claimtrack.repeats/1"

#: The most recent entries of one shingle's posting list that a claim is compared with.
POSTING_CAP = 64

_NEGATIONS = frozenset(
    {
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor",
        "cannot", "without", "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt",
        "cant", "couldnt", "wont", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt",
    }
)  # fmt: skip

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = "thirty forty fifty sixty seventy eighty ninety"
# Number words count as the numbers they name: "three people" and "3 people" agree.
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(_UNITS.split(" "))}
_NUMBER_WORDS.update({w: str(v) for w, v in zip(_TENS.split(" "), range(30, 100, 10), strict=True)})


class Features(NamedTuple):
    """What the matcher knows of one claim."""

    #: The claim's id.
    id: str
    #: The speaker's id.
    speaker: str
    #: Shingle hashes: words and adjacent word pairs.
    shingles: frozenset[int]
    #: Number of words after normalisation.
    words: int
    #: Whether the text has an odd number of negations.
    negated: bool
    #: The numbers the text mentions, as normalised tokens.
    numbers: frozenset[str]


class Match(NamedTuple):
    """A suggested link: *claim* (the later one) relates to *target* (the earlier)."""

    claim: str
    target: str
    #: ``"repeats"`` or ``"paraphrases"``.
    kind: str
    #: Jaccard similarity of the two shingle sets, 0 to 1.
    similarity: float


def _hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


def features(claim_id: str, speaker_id: str, text: str) -> Features:
    """The features of a claim's text (see the module notes)."""
    words = normalize_text(text).split()
    negations = 0
    numbers: set[str] = set()
    previous = ""
    for word in words:
        # "isn't" normalises to "isn t": a lone "t" after "...n" is a negation.
        if word in _NEGATIONS or (word == "t" and previous.endswith("n")):
            negations += 1
        if any(c.isdigit() for c in word):
            numbers.add(word)
        elif word in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[word])
        previous = word
    shingles = {_hash(w) for w in words}
    shingles.update(_hash(f"{a} {b}") for a, b in itertools.pairwise(words))
    return Features(
        claim_id, speaker_id, frozenset(shingles), len(words), negations % 2 == 1,
        frozenset(numbers),
    )  # fmt: skip


def _prefix_length(size: int, threshold: float) -> int:
    return size - math.ceil(threshold * size - 1e-9) + 1


def find_matches(
    items: Iterable[Features],
    *,
    threshold: float = 0.5,
    repeat_threshold: float = 0.8,
    min_words: int = 4,
    per_claim: int = 1,
) -> Iterator[Match]:
    """Suggest links among *items*, given oldest first.

    Each claim is compared with the claims before it; for each, up to
    *per_claim* best matches at or above *threshold* are yielded (ties go to
    the earliest, so repeats of one claim point at its first capture). A match
    is ``repeats`` when the speakers are the same and the similarity reaches
    *repeat_threshold*, else ``paraphrases``.
    """
    docs = [f for f in items if f.words >= min_words and f.shingles]
    frequency: dict[int, int] = {}
    for doc in docs:
        for shingle in doc.shingles:
            frequency[shingle] = frequency.get(shingle, 0) + 1
    postings: dict[int, list[int]] = {}
    for position, doc in enumerate(docs):
        ranked = sorted(doc.shingles, key=lambda s: (frequency[s], s))
        prefix = ranked[: _prefix_length(len(ranked), threshold)]
        seen: set[int] = set()
        found: list[tuple[float, int, str]] = []
        for shingle in prefix:
            posting = postings.get(shingle)
            if posting is None:
                continue
            for other in posting[-POSTING_CAP:]:
                if other in seen:
                    continue
                seen.add(other)
                match = _check(doc, docs[other], threshold, repeat_threshold)
                if match is not None:
                    found.append((-match[1], other, match[0]))
        for shingle in prefix:
            postings.setdefault(shingle, []).append(position)
        found.sort()
        for negative, other, kind in found[:per_claim]:
            yield Match(doc.id, docs[other].id, kind, round(-negative, 4))


def _check(
    a: Features, b: Features, threshold: float, repeat_threshold: float
) -> tuple[str, float] | None:
    if a.negated != b.negated or a.numbers != b.numbers:
        return None
    # A cheap bound first: Jaccard cannot exceed the ratio of the set sizes.
    small, large = sorted((len(a.shingles), len(b.shingles)))
    if small < threshold * large:
        return None
    common = len(a.shingles & b.shingles)
    similarity = common / (len(a.shingles) + len(b.shingles) - common)
    if similarity < threshold:
        return None
    same_speaker = a.speaker == b.speaker
    kind = "repeats" if same_speaker and similarity >= repeat_threshold else "paraphrases"
    return kind, similarity
