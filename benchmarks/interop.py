"""ClaimReview import/export and quote re-anchoring, side by side.

    python benchmarks/interop.py [--reviews 2000] [--repeat 3]

- Import: claimtrack ``from_jsonld`` (tolerant: every value checked, unmapped
  data kept, records built and merged into a ledger) against pydantic v2 and
  msgspec models of the same ClaimReview shape (lenient, what a user would
  write to read markup: optional fields, unknown keys ignored, no merging).
- Export: ``to_jsonld`` of the ledger against ``model_dump`` / ``msgspec.to_builtins``.
- Re-anchoring: ``reanchor`` of 4 spans in a 6,000-character story after an
  edit, against ``str.find`` of the exact quotes (no context, no cluster checks).

Prints microseconds per item and ratios (claimtrack / other).
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import msgspec
import pydantic

from claimtrack import Anchor, Span
from claimtrack.interop.annotation import reanchor
from claimtrack.interop.claimreview import from_jsonld, to_jsonld

PEOPLE = ["Maria Kovacs", "Ana Ruiz", "Kofi Mensah", "Li Wei", "Priya Raman", "Jonas Brandt"]
DESKS = ["FactDesk", "Verifica Norte", "Faktencheck Nord"]
LABELS = ["False", "Mostly false", "Half true", "Mostly true", "True"]


def markup(n: int) -> list[dict[str, Any]]:
    items = []
    for i in range(n):
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"https://factdesk.example/checks/{i}",
                "claimReviewed": f"Claim number {i} about the harbour budget and {i % 17} dams.",
                "datePublished": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "author": {
                    "@type": "Organization",
                    "name": DESKS[i % 3],
                    "url": "https://factdesk.example",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {
                        "@type": "Person",
                        "name": PEOPLE[i % 6],
                        "jobTitle": "minister",
                        "sameAs": [f"https://www.wikidata.org/wiki/Q{1000 + i % 6}"],
                    },
                    "datePublished": f"2021-{1 + i % 12:02d}-01",
                    "appearance": [
                        {
                            "@type": "Article",
                            "url": f"https://courier.example/{i}",
                            "headline": "Harbour budget",
                            "datePublished": "2021-01-01",
                        }
                    ],
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 1 + i % 5,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": LABELS[i % 5],
                },
            }
        )
    return items


class PAgent(pydantic.BaseModel):
    type: str | None = pydantic.Field(None, alias="@type")
    name: str | None = None
    url: str | None = None
    jobTitle: str | None = None
    sameAs: str | list[str] | None = None


class PWork(pydantic.BaseModel):
    type: str | None = pydantic.Field(None, alias="@type")
    url: str | None = None
    headline: str | None = None
    datePublished: str | None = None


class PClaim(pydantic.BaseModel):
    type: str | None = pydantic.Field(None, alias="@type")
    author: PAgent | str | None = None
    datePublished: str | None = None
    appearance: list[PWork | str] | PWork | str | None = None


class PRating(pydantic.BaseModel):
    ratingValue: float | str | None = None
    bestRating: float | str | None = None
    worstRating: float | str | None = None
    alternateName: str | None = None


class PReview(pydantic.BaseModel):
    url: str | None = None
    claimReviewed: str | None = None
    datePublished: str | None = None
    author: PAgent | str | None = None
    itemReviewed: PClaim | None = None
    reviewRating: PRating | None = None


class MAgent(msgspec.Struct):
    name: str | None = None
    url: str | None = None
    jobTitle: str | None = None
    sameAs: list[str] | None = None


class MWork(msgspec.Struct):
    url: str | None = None
    headline: str | None = None
    datePublished: str | None = None


class MClaim(msgspec.Struct):
    author: MAgent | None = None
    datePublished: str | None = None
    appearance: list[MWork] | None = None


class MRating(msgspec.Struct):
    ratingValue: float | None = None
    bestRating: float | None = None
    worstRating: float | None = None
    alternateName: str | None = None


class MReview(msgspec.Struct):
    url: str | None = None
    claimReviewed: str | None = None
    datePublished: str | None = None
    author: MAgent | None = None
    itemReviewed: MClaim | None = None
    reviewRating: MRating | None = None


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = json.loads(json.dumps(markup(args.reviews)))
    n = args.reviews
    adapter = pydantic.TypeAdapter(list[PReview])
    ledger = from_jsonld(data)
    assert len(ledger.reviews) == n and not ledger.warnings
    models = adapter.validate_python(data)
    structs = msgspec.convert(data, list[MReview])
    rows = [
        (
            "import",
            best(lambda: from_jsonld(data), args.repeat),
            best(lambda: adapter.validate_python(data), args.repeat),
            best(lambda: msgspec.convert(data, list[MReview]), args.repeat),
        ),
        (
            "export",
            best(lambda: to_jsonld(ledger), args.repeat),
            best(
                lambda: adapter.dump_python(models, by_alias=True, exclude_none=True), args.repeat
            ),
            best(lambda: msgspec.to_builtins(structs), args.repeat),
        ),
    ]
    print(f"{'':8} {'claimtrack':>12} {'pydantic':>10} {'msgspec':>10}  (µs per review)")
    for name, ours, pyd, msg in rows:
        print(
            f"{name:8} {ours / n * 1e6:12.1f} {pyd / n * 1e6:10.1f} {msg / n * 1e6:10.1f}"
            f"   ratio ×{ours / pyd:.0f} vs pydantic, ×{ours / msg:.0f} vs msgspec"
        )

    paragraph = (
        "The harbour board said on Tuesday that dredging would finish in autumn. "
        "\u201cWe underestimated the silt,\u201d Lena Ortiz told reporters. "
    )
    text = paragraph * 40
    quotes = ["We underestimated the silt", "Lena Ortiz", "told", "dredging would finish"]
    middle = len(text) // 2
    spans = [Span(text.index(q, middle), text.index(q, middle) + len(q)) for q in quotes]
    spans.sort(key=lambda s: s.start)
    anchor = (
        Anchor(content=(spans[0], spans[2]), cue=spans[1], speaker=spans[3])
        if False
        else Anchor(content=(spans[0],), cue=spans[1], speaker=spans[2])
    )
    edited = "UPDATE: corrected the date. " + text
    story = (
        " ".join(
            f"Paragraph {i}: the board met {i} times and spoke of item {i * 7}." for i in range(90)
        )
        + " "
        + paragraph
        + " More text follows."
    )
    at = story.index("We underestimated")
    real = Anchor(
        content=(Span(at, at + 26),), cue=Span(story.index("told"), story.index("told") + 4)
    )
    story_edited = "UPDATE: " + story.replace("Paragraph 3:", "Paragraph three:")
    ours_real = best(lambda: [reanchor(real, story, story_edited) for _ in range(200)], args.repeat)
    naive_real = best(
        lambda: [
            [story_edited.find(s.of(story)) for s in (real.content[0], real.cue)]
            for _ in range(200)
        ],
        args.repeat,
    )
    print(
        f"reanchor (unique quotes, {len(story)} chars) {ours_real / 200 * 1e6:8.1f} µs, "
        f"str.find {naive_real / 200 * 1e6:6.1f} µs (×{ours_real / naive_real:.0f})"
    )
    loops = 200
    ours = best(lambda: [reanchor(anchor, text, edited) for _ in range(loops)], args.repeat)
    naive = best(
        lambda: [
            [edited.find(s.of(text)) for s in (anchor.content[0], anchor.cue, anchor.speaker)]
            for _ in range(loops)
        ],
        args.repeat,
    )
    print(
        f"reanchor {ours / loops * 1e6:10.1f} µs, str.find {naive / loops * 1e6:8.1f} µs "
        f"(×{ours / naive:.0f}; find takes the first of 40 repeats, reanchor the right one)"
    )


if __name__ == "__main__":
    main()
