"""Scoring an extractor against articles annotated as standoff.

An annotated article is a JSON object with ``text``, ``source`` (a source
record in the wire format), ``speakers`` (entities: ``key``, ``kind``,
``name``, ``aliases``, ``description``) and ``attributions`` (each with
``speaker`` (a key or a list of keys), ``source_span``, ``cue_span``,
``content_spans``, ``quote``, ``said``), as in ``tests/data/extract``.

Predicted and gold attributions are paired one to one, greedily, by content
overlap. A span *matches* exactly when it is equal, and by overlap when the
predicted spans cover at least half of the gold span's characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack._ledger import Ledger
from claimtrack._source import Source
from claimtrack._speaker import Speaker
from claimtrack._wire import loads
from claimtrack.exceptions import ValidationError

__all__ = ["Scores", "evaluate", "load_articles"]

Spans = list[tuple[int, int]]
_KINDS = ("source", "cue", "content")


@dataclass
class _Prediction:
    source: Spans
    cue: Spans
    content: Spans
    speakers: list[Speaker]
    said: str | None
    quote: str


@dataclass
class Scores:
    """Counts from scoring one or more articles; read the rates as properties."""

    #: Number of gold and predicted attributions.
    gold: int = 0
    predicted: int = 0
    #: Matches per measure ("content/exact", "content/overlap", "source/overlap", ...).
    matched: dict[str, int] = field(default_factory=dict)
    #: Of the pairs matched by content overlap: how many have the right speaker,
    #: the right said-date, the right quote kind.
    pairs: int = 0
    right_speaker: int = 0
    right_said: int = 0
    right_quote: int = 0

    def add(self, other: Scores) -> None:
        """Add the counts of *other* to these."""
        self.gold += other.gold
        self.predicted += other.predicted
        for key, value in other.matched.items():
            self.matched[key] = self.matched.get(key, 0) + value
        self.pairs += other.pairs
        self.right_speaker += other.right_speaker
        self.right_said += other.right_said
        self.right_quote += other.right_quote

    def prf(self, measure: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of *measure*, such as ``"content/overlap"``."""
        hits = self.matched.get(measure, 0)
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers among pairs matched by content overlap."""
        return self.right_speaker / self.pairs if self.pairs else 0.0

    @property
    def said_accuracy(self) -> float:
        """Right said-dates among pairs matched by content overlap: the same EDTF
        value, uncertainty ("?") and approximation ("~") marks aside.
        """
        return self.right_said / self.pairs if self.pairs else 0.0

    @property
    def quote_accuracy(self) -> float:
        """Right quote kinds among pairs matched by content overlap."""
        return self.right_quote / self.pairs if self.pairs else 0.0

    def table(self) -> str:
        """The scores as a Markdown table."""
        lines = [
            f"{self.gold} gold, {self.predicted} predicted attributions",
            "",
            "| measure | precision | recall | F1 |",
            "|---|---|---|---|",
        ]
        for measure in (
            *(f"{kind}/{mode}" for kind in _KINDS for mode in ("exact", "overlap")),
            "content+speaker/overlap",
        ):
            p, r, f = self.prf(measure)
            lines.append(f"| {measure} | {p:.2f} | {r:.2f} | {f:.2f} |")
        lines += [
            "",
            "| of pairs matched by content overlap | accuracy |",
            "|---|---|",
            f"| speaker resolved | {self.speaker_accuracy:.2f} |",
            f"| said-date | {self.said_accuracy:.2f} |",
            f"| quote kind | {self.quote_accuracy:.2f} |",
        ]
        return "\n".join(lines)


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").lower()).split()).removeprefix("the ")


def _names(entity: Mapping[str, Any]) -> set[str]:
    names = {_norm(entity.get("name")), *(_norm(a) for a in entity.get("aliases") or ())}
    return {n for n in names if n}


def _same(entity: Mapping[str, Any], speaker: Speaker) -> bool:
    kind = entity.get("kind")
    if kind in ("person", "organization"):
        if speaker.kind.value not in ("person", "organization"):
            return False
        predicted = {_norm(n) for n in speaker.names()}
        gold = _names(entity)
        if predicted & gold:
            return True
        if kind == "person" and entity.get("name") and speaker.name:
            return _norm(entity["name"]).split()[-1] == _norm(speaker.name).split()[-1]
        return False
    if speaker.kind.value not in ("group", "unnamed"):
        return False
    gold_words = set(_norm(entity.get("description")).split())
    words = set(_norm(speaker.description).split())
    stop = {"a", "an", "the", "of", "in", "at", "who", "to", "and", "not", "be"}
    return bool((gold_words & words) - stop)


def _plain(value: str | None) -> str | None:
    # The same date whether or not it is marked as a guess ("?") or approximate ("~").
    return value.replace("?", "").replace("~", "").replace("%", "") if value else value


def _covers(pred: Spans, gold: Spans) -> float:
    total = sum(b - a for a, b in gold)
    if not total:
        return 0.0
    covered = 0
    for ga, gb in gold:
        for pa, pb in pred:
            covered += max(0, min(gb, pb) - max(ga, pa))
    return covered / total


def _match(pred: Spans, gold: Spans, mode: str) -> bool:
    if not gold:
        return False
    if mode == "exact":
        return sorted(pred) == sorted(gold)
    return _covers(pred, gold) >= 0.5


def _predictions(ledger: Ledger) -> list[_Prediction]:
    grouped: dict[tuple[Any, ...], _Prediction] = {}
    for claim in ledger.claims:
        for appearance in claim.appearances:
            anchor = appearance.anchor
            if anchor is None:
                continue
            content = [(s.start, s.end) for s in anchor.content]
            cue = [(anchor.cue.start, anchor.cue.end)] if anchor.cue else []
            source = [(anchor.speaker.start, anchor.speaker.end)] if anchor.speaker else []
            key = (tuple(content), tuple(cue))
            held = grouped.get(key)
            if held is None:
                grouped[key] = _Prediction(
                    source,
                    cue,
                    content,
                    [claim.speaker],
                    str(claim.said) if claim.said else None,
                    appearance.quote.value,
                )
            elif claim.speaker not in held.speakers:
                held.speakers.append(claim.speaker)
    return list(grouped.values())


def _gold_spans(attribution: Mapping[str, Any], kind: str) -> Spans:
    if kind == "content":
        return [(int(a), int(b)) for a, b in attribution["content_spans"]]
    span = attribution.get(f"{kind}_span")
    return [(int(span[0]), int(span[1]))] if span else []


def score(article: Mapping[str, Any], ledger: Ledger) -> Scores:
    """Score the claims of *ledger* against one annotated *article*."""
    gold = list(article["attributions"])
    entities = {e["key"]: e for e in article["speakers"]}
    predicted = _predictions(ledger)
    result = Scores(gold=len(gold), predicted=len(predicted))

    def right_speaker(g: Mapping[str, Any], p: _Prediction) -> bool:
        keys = g["speaker"] if isinstance(g["speaker"], list) else [g["speaker"]]
        wanted = [entities[k] for k in keys]
        return len(wanted) == len(p.speakers) and all(
            any(_same(e, s) for s in p.speakers) for e in wanted
        )

    def spans_match(kind: str, mode: str) -> Callable[[Mapping[str, Any], _Prediction], bool]:
        def test(g: Mapping[str, Any], p: _Prediction) -> bool:
            return _match(getattr(p, kind), _gold_spans(g, kind), mode)

        return test

    def content_and_speaker(g: Mapping[str, Any], p: _Prediction) -> bool:
        return _match(p.content, _gold_spans(g, "content"), "overlap") and right_speaker(g, p)

    measures = {
        f"{kind}/{mode}": spans_match(kind, mode)
        for kind in _KINDS
        for mode in ("exact", "overlap")
    }
    measures["content+speaker/overlap"] = content_and_speaker
    for name, test in measures.items():
        free = list(range(len(predicted)))
        hits = 0
        for g in gold:
            for i in free:
                if test(g, predicted[i]):
                    free.remove(i)
                    hits += 1
                    break
        result.matched[name] = hits
    free = list(range(len(predicted)))
    for g in gold:
        best, best_cover = None, 0.5
        for i in free:
            cover = _covers(predicted[i].content, _gold_spans(g, "content"))
            if cover >= best_cover:
                best, best_cover = i, cover
        if best is None:
            continue
        free.remove(best)
        p = predicted[best]
        result.pairs += 1
        result.right_speaker += right_speaker(g, p)
        result.right_said += _plain(p.said) == _plain(g.get("said"))
        result.right_quote += p.quote == g.get("quote")
    return result


def load_articles(folder: str | Path) -> list[dict[str, Any]]:
    """The annotated articles (``*.json``) in *folder*, sorted by file name.

    Raises:
        ValidationError: a file is not an annotated article.
    """
    articles = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"text", "source", "attributions"} <= data.keys():
            raise ValidationError(
                f"{path.name} is not an annotated article (needs text, source, attributions)",
                field=str(path),
            )
        articles.append(data)
    return articles


def article_source(article: Mapping[str, Any]) -> Source:
    """The Source of an annotated article."""
    document = json.dumps({"claimtrack": 1, "sources": [article["source"]]})
    return loads(document).sources[0]


def evaluate(
    articles: Iterable[Mapping[str, Any]],
    extractor: Callable[[str, Source], Ledger] | None = None,
) -> Scores:
    """Score *extractor* (by default :func:`claimtrack.extract.extract`) on
    annotated *articles*; return the summed :class:`Scores`.
    """
    from claimtrack.extract._build import extract

    run = extract if extractor is None else extractor
    total = Scores()
    for article in articles:
        total.add(score(article, run(article["text"], article_source(article))))
    return total
