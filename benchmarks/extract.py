"""Speed of claimtrack.extract: characters per second on a large batch of articles.

Run on demand (not in tests)::

    python benchmarks/extract.py [--copies N]

The batch is the development corpus (tests/data/extract) repeated N times. For
scale, the same batch goes through the two things a user would otherwise reach
for in pure Python: a plain regular-expression "said" baseline (the kind of
rule the published baselines use) and, when installed, a sentence split with
``re`` alone. The extractor is pure Python, single-threaded, one core.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimtrack.extract import extract, load_articles
from claimtrack.extract._evaluate import article_source

_BASELINE = re.compile(
    r"([^.\"“”]+)[,.]?[\"”]?\s*,?\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|he|she)\s+said"
)


def _baseline(text: str) -> int:
    return sum(1 for _ in _BASELINE.finditer(text))


def _sentences(text: str) -> int:
    return len(re.split(r"(?<=[.!?])\s+", text))


def _time(label: str, run, batch: list[tuple[str, object]], chars: int) -> float:
    start = time.perf_counter()
    for text, source in batch:
        run(text, source)
    seconds = time.perf_counter() - start
    rate = chars / seconds
    print(f"{label:<38} {seconds:8.3f} s  {rate:>12,.0f} chars/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()
    articles = load_articles(ROOT / "tests" / "data" / "extract" / "articles")
    batch = [(a["text"], article_source(a)) for a in articles] * args.copies
    chars = sum(len(text) for text, _ in batch)
    print(f"{len(batch)} articles, {chars:,} characters, Python {sys.version.split()[0]}")
    extract(batch[0][0], batch[0][1])  # warm the regex and date caches
    ours = _time("claimtrack.extract", extract, batch, chars)
    regex = _time("regex 'X said' baseline", lambda t, s: _baseline(t), batch, chars)
    split = _time("re sentence split only", lambda t, s: _sentences(t), batch, chars)
    print(
        f"ratio: claimtrack.extract runs at {ours / regex:.2f}x the regex baseline's speed, "
        f"{ours / split:.2f}x a bare sentence split"
    )
    tracemalloc.start()
    extract(batch[0][0], batch[0][1])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory for one article: {peak / 1024:.0f} KiB")
    big = " ".join(text for text, _ in batch[:2000])[:10_000_000]
    start = time.perf_counter()
    extract(big, batch[0][1])
    print(f"one {len(big):,}-character text: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
