"""find_dates scored against the annotated evaluation corpus (tests/data/dates/corpus.json).

The corpus is invented news, annotated by the rules in docs/date-conventions.md:
each date expression with its span and EDTF value, and numbers that are not
dates as distractors. The thresholds below are floors, not targets: the scores
the resolver reaches are reported in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from claimtrack import Date
from claimtrack.dates import DateMention, find_dates

CORPUS = Path(__file__).parent / "data" / "dates" / "corpus.json"


def _paragraphs() -> list[dict[str, Any]]:
    return list(json.loads(CORPUS.read_text(encoding="utf-8"))["paragraphs"])


PARAGRAPHS = _paragraphs()


def _found(paragraph: dict[str, Any]) -> list[DateMention]:
    return find_dates(paragraph["text"], dt.datetime.fromisoformat(paragraph["reference"]))


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    hits = misses = extra = distractor_hits = 0
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for paragraph in PARAGRAPHS:
        found = {(m.span.start, m.span.end): m for m in _found(paragraph)}
        gold = {(d["start"], d["end"]): d for d in paragraph["dates"]}
        for key, date in gold.items():
            total[date["category"]] += 1
            mention = found.get(key)
            if mention is None:
                misses += 1
                continue
            hits += 1
            right[date["category"]] += mention.date.value == date["value"]
        for key in found.keys() - gold.keys():
            extra += 1
            start, end = key
            distractor_hits += any(
                d["start"] < end and start < d["end"] for d in paragraph["distractors"]
            )
    return {
        "precision": hits / (hits + extra),
        "recall": hits / (hits + misses),
        "accuracy": sum(right.values()) / sum(total.values()),
        "by_category": {c: right[c] / total[c] for c in total},
        "distractor_hits": distractor_hits,
    }


def test_corpus_is_big_enough() -> None:
    dates = [d for p in PARAGRAPHS for d in p["dates"]]
    distractors = [d for p in PARAGRAPHS for d in p["distractors"]]
    assert len(PARAGRAPHS) >= 60
    assert len(dates) >= 300
    assert len(distractors) >= 100


def test_span_precision_and_recall(scores: dict[str, Any]) -> None:
    assert scores["precision"] >= 0.97
    assert scores["recall"] >= 0.97


def test_exact_value_accuracy(scores: dict[str, Any]) -> None:
    assert scores["accuracy"] >= 0.96


def test_every_category_is_mostly_right(scores: dict[str, Any]) -> None:
    low = {c: round(s, 3) for c, s in scores["by_category"].items() if s < 0.9}
    assert low == {}


def test_no_distractor_is_taken_for_a_date(scores: dict[str, Any]) -> None:
    assert scores["distractor_hits"] == 0


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=[p["id"] for p in PARAGRAPHS])
def test_every_mention_is_a_valid_traceable_date(paragraph: dict[str, Any]) -> None:
    for mention in _found(paragraph):
        assert paragraph["text"][mention.span.start : mention.span.end] == mention.text
        assert Date.parse(mention.date.value).value == mention.date.value
        assert mention.date.text == mention.text
        assert mention.date.rule
