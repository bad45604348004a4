"""Date resolution, side by side: claimtrack against dateparser and dateutil.

Run on demand (needs the ``bench`` extra: dateparser; dateutil is a runtime
dependency)::

    python benchmarks/dates.py            # prints Markdown tables

On the evaluation corpus (tests/data/dates/corpus.json), in one run:

A. Running text. ``claimtrack.find_dates`` against ``dateparser.search.search_dates``
   (the reference as ``RELATIVE_BASE``): span precision and recall, exact-value
   accuracy per category, distractors taken for dates, expressions per second.
   dateutil has no search over running text, so it is not in this table.

B. One expression at a time (the annotated surface text). ``claimtrack.resolve``
   against dateparser's ``DateDataParser.get_date_data`` (whose ``period`` gives the
   value a month or year precision where dateparser knows one) and dateutil's
   ``parser.parse(fuzzy=True)`` with the reference as default. Alone, an
   expression has no tense cue, so claimtrack marks a bare weekday as a guess
   (``?``); in this table a trailing ``?`` is ignored on both sides.

Values of the other tools are datetimes; they are written at day precision
(``YYYY-MM-DD``) unless the tool reports a coarser period. A value is right only
if it equals the annotated EDTF value exactly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimtrack.dates import find_dates, resolve
from claimtrack.exceptions import DateError

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "dates" / "corpus.json"
_LEAD = re.compile(r"^(?:on|in|at|by|during)\s+", re.IGNORECASE)

Found = list[tuple[int, int, str | None]]  # (start, end, value) per mention


def load() -> list[dict[str, Any]]:
    return list(json.loads(CORPUS.read_text(encoding="utf-8"))["paragraphs"])


def reference(paragraph: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(paragraph["reference"])


# -- the contenders, running text --------------------------------------------------


def claimtrack_find(paragraph: dict[str, Any]) -> Found:
    return [
        (m.span.start, m.span.end, m.date.value)
        for m in find_dates(paragraph["text"], reference(paragraph))
    ]


def _day(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.date().isoformat()


def dateparser_search(paragraph: dict[str, Any]) -> Found:
    from dateparser.search import search_dates

    text = paragraph["text"]
    base = reference(paragraph).replace(tzinfo=None)  # its local wall time
    results = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    found: Found = []
    pos = 0
    for surface, moment in results:
        start = text.find(surface, pos)
        if start < 0:
            continue
        pos = start + len(surface)
        lead = _LEAD.match(surface)  # be generous: drop the preposition the corpus leaves out
        if lead:
            start += lead.end()
        found.append((start, pos, _day(moment)))
    return found


# -- the contenders, one expression ----------------------------------------------------


def claimtrack_resolve(expression: str, ref: dt.datetime) -> str | None:
    try:
        return resolve(expression, ref).value
    except DateError:
        return None


def _period_value(moment: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        monday = moment.date() - dt.timedelta(days=moment.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    return moment.date().isoformat()


def make_dateparser_parse() -> Callable[[str, dt.datetime], str | None]:
    from dateparser.date import DateDataParser

    parsers: dict[dt.datetime, Any] = {}

    def parse(expression: str, ref: dt.datetime) -> str | None:
        base = ref.replace(tzinfo=None)
        parser = parsers.get(base)
        if parser is None:
            parser = parsers[base] = DateDataParser(
                languages=["en"], settings={"RELATIVE_BASE": base}
            )
        data = parser.get_date_data(expression)
        if data.date_obj is None:
            return None
        return _period_value(data.date_obj, data.period or "day")

    return parse


def dateutil_fuzzy(expression: str, ref: dt.datetime) -> str | None:
    from dateutil import parser

    try:
        return (
            parser.parse(expression, fuzzy=True, default=ref.replace(tzinfo=None))
            .date()
            .isoformat()
        )
    except (ValueError, OverflowError):
        return None


# -- scoring -----------------------------------------------------------------------


def score_text(
    name: str,
    find: Callable[[dict[str, Any]], Found],
    paragraphs: list[dict[str, Any]],
    repeat: int,
) -> dict[str, Any]:
    started = time.perf_counter()
    runs = [[find(p) for p in paragraphs] for _ in range(repeat)]
    elapsed = (time.perf_counter() - started) / repeat
    hits = misses = extra = distractors = 0
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for paragraph, found in zip(paragraphs, runs[0], strict=True):
        by_span = {(s, e): v for s, e, v in found}
        gold = {(d["start"], d["end"]): d for d in paragraph["dates"]}
        for key, date in gold.items():
            total[date["category"]] += 1
            if key in by_span:
                hits += 1
            else:
                misses += 1
            # the value counts if any overlapping mention has it
            if any(s < key[1] and key[0] < e and v == date["value"] for s, e, v in found):
                right[date["category"]] += 1
        for s, e, _ in found:
            if (s, e) not in gold:
                extra += 1
            distractors += any(s < d["end"] and d["start"] < e for d in paragraph["distractors"])
    dates = sum(total.values())
    return {
        "name": name,
        "precision": hits / max(1, hits + extra),
        "recall": hits / max(1, hits + misses),
        "accuracy": sum(right.values()) / dates,
        "by_category": {c: right[c] / total[c] for c in sorted(total)},
        "distractors": distractors,
        "per_second": dates / elapsed,
    }


def score_expressions(
    name: str,
    parse: Callable[[str, dt.datetime], str | None],
    paragraphs: list[dict[str, Any]],
    repeat: int,
) -> dict[str, Any]:
    items = [(d, reference(p)) for p in paragraphs for d in p["dates"]]
    started = time.perf_counter()
    for _ in range(repeat):
        values = [parse(d["text"], ref) for d, ref in items]
    elapsed = (time.perf_counter() - started) / repeat
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (date, _), value in zip(items, values, strict=True):
        total[date["category"]] += 1
        right[date["category"]] += value is not None and value.rstrip("?") == date["value"].rstrip(
            "?"
        )
    return {
        "name": name,
        "accuracy": sum(right.values()) / len(items),
        "by_category": {c: right[c] / total[c] for c in sorted(total)},
        "per_second": len(items) / elapsed,
    }


def table(rows: list[dict[str, Any]], with_spans: bool) -> str:
    categories = list(rows[0]["by_category"])
    head = ["", *(r["name"] for r in rows)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def line(label: str, cells: list[str]) -> None:
        lines.append("| " + " | ".join([label, *cells]) + " |")

    if with_spans:
        line("span precision", [f"{r['precision']:.3f}" for r in rows])
        line("span recall", [f"{r['recall']:.3f}" for r in rows])
    line("exact value, all", [f"{r['accuracy']:.3f}" for r in rows])
    for category in categories:
        line(f"  {category}", [f"{r['by_category'][category]:.2f}" for r in rows])
    if with_spans:
        line("distractors taken for dates", [str(r["distractors"]) for r in rows])
    line("expressions per second", [f"{r['per_second']:,.0f}" for r in rows])
    base = rows[0]["per_second"]
    line("claimtrack speed ratio", ["1.0x", *(f"{base / r['per_second']:.1f}x" for r in rows[1:])])
    return "\n".join(lines)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=20, help="claimtrack runs to average")
    options = arguments.parse_args()
    warnings.filterwarnings("ignore")  # dateparser's deprecation chatter
    paragraphs = load()
    dates = sum(len(p["dates"]) for p in paragraphs)
    distractors = sum(len(p["distractors"]) for p in paragraphs)
    print(f"corpus: {len(paragraphs)} paragraphs, {dates} date expressions, "
          f"{distractors} distractors\n")  # fmt: skip
    dateparser_parse = make_dateparser_parse()
    text_rows = [
        score_text("claimtrack find_dates", claimtrack_find, paragraphs, options.repeat),
        score_text("dateparser search_dates", dateparser_search, paragraphs, 1),
    ]
    print("A. Running text\n")
    print(table(text_rows, with_spans=True))
    expression_rows = [
        score_expressions("claimtrack resolve", claimtrack_resolve, paragraphs, options.repeat),
        score_expressions("dateparser get_date_data", dateparser_parse, paragraphs, 1),
        score_expressions("dateutil parse(fuzzy)", dateutil_fuzzy, paragraphs, 1),
    ]
    print("\nB. One expression at a time\n")
    print(table(expression_rows, with_spans=False))


if __name__ == "__main__":
    main()
