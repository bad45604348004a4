"""Scale of the SQLite store beside the in-memory Ledger.

Generates N realistic claims (invented speakers, agencies and outlets), writes
them as JSON Lines, and measures:

- import rate (claims per second) of ``Store.import_jsonl`` and of
  ``load_jsonl`` into a Ledger (timed without tracing), and of
  ``Store.import_ledger`` from a Ledger already in memory (the store's own
  share of the work, without parsing and validating JSON);
- database size per claim, and Ledger memory per claim beyond the text;
- latency (median and p99) of each query kind, on the store and the Ledger,
  each query returning at most 100 claims (a page), as a desk tool asks;
- ``suggest_relations`` time on the Ledger.

Run: ``python benchmarks/store.py --claims 100000`` (add ``--skip-ledger`` to
measure only the store, ``--skip-repeats`` to leave out ``suggest_relations``,
``--batch-size N`` to import in batches of N claims instead of the library's
default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import inspect
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import claimtrack as ct
from claimtrack import store as ct_store

FIRST = [
    "Maria",
    "Ana",
    "Li",
    "Jonas",
    "Petra",
    "Tomas",
    "Ines",
    "Karim",
    "Olga",
    "Rafael",
    "Noor",
    "Elif",
    "Mateo",
    "Sanna",
    "Dmitri",
]
LAST = [
    "Kovacs",
    "Weber",
    "Novak",
    "Lindqvist",
    "Moreau",
    "Okafor",
    "Brandt",
    "Halloran",
    "Ferreira",
    "Sato",
    "Varga",
    "Ilic",
]
AGENCIES = [
    "Danube Water Authority",
    "Ministry of Health",
    "Northern Rail Board",
    "City Council",
    "Regional Police",
    "Energy Regulator",
    "Port Authority",
    "Ministry of Finance",
]
OUTLETS = ["Danube Courier", "Evening Ledger", "Harbour Times", "Valley Post", "Metro Wire"]
TAGS = ["vaccines", "budget", "dams", "rail", "crime", "energy", "housing", "schools"]
SUBJECTS = [
    "the dam",
    "the new vaccine",
    "the rail line",
    "the budget",
    "the harbour bridge",
    "unemployment",
    "the water supply",
    "the hospital wing",
    "fuel prices",
    "the school plan",
]
PREDICATES = [
    "is safe for at least {n} more years",
    "will cost {n} million euros",
    "has cut waiting times by {n} percent",
    "was inspected {n} times last year",
    "is not ready and needs {n} more months",
    "created {n} jobs in the region",
    "will be finished within {n} weeks",
    "has reduced emissions by {n} percent",
]
OPENERS = ["", "We can confirm that ", "Frankly, ", "Our figures show that ", "I believe "]


def generate(n: int, seed: int = 7) -> Iterator[ct.Claim | ct.Review]:
    """N claims (and a review for about one in fifty) with shared speakers and sources."""
    rng = random.Random(seed)
    speakers = []
    for i in range(max(50, n // 500)):
        agency = rng.choice(AGENCIES)
        start = 2012 + rng.randrange(8)
        speakers.append(
            ct.Speaker(
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                aliases=(f"{rng.choice(LAST)} {i}",),
                identifiers={"x": f"@speaker{i}"},
                roles=(
                    ct.Role(
                        title="spokesperson", organization=agency, start=ct.Date.parse(str(start))
                    ),
                ),
            )
        )
    reviewer = ct.Speaker(kind="organization", name="FactDesk")
    base = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
    source = None
    for i in range(n):
        day = base + dt.timedelta(days=rng.randrange(3650), hours=rng.randrange(24))
        if source is None or rng.random() < 0.2:
            published = ct.Date.parse(day.strftime("%Y-%m-%dT%H:%M:%SZ"))
            outlet = rng.choice(OUTLETS)
            source = ct.Source(
                url=f"https://news.example.org/{outlet.split()[0].lower()}/{i}",
                title=f"Report {i}",
                publisher=outlet,
                published=published,
            )
        published_day = source.published.value[:10] if source.published else "2020-01-01"
        text = (
            rng.choice(OPENERS)
            + f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES).format(n=rng.randrange(2, 400))}"
            + f" (statement {i})"
        )
        claim = ct.Claim(
            text=text[0].upper() + text[1:],
            speaker=rng.choice(speakers),
            said=ct.Date.parse(published_day),
            tags=(rng.choice(TAGS),),
            appearances=(ct.Appearance(source=source, cue="said", quote="direct"),),
        )
        yield claim
        if rng.random() < 0.02:
            yield ct.Review(
                claim=claim,
                reviewer=reviewer,
                date=ct.Date.parse(published_day),
                rating=ct.Rating(label=rng.choice(["False", "Mostly true", "Misleading"])),
            )


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median and p99 of *fn* in milliseconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def write_jsonl(n: int, path: str) -> None:
    ct.dump_jsonl(generate(n), path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--skip-ledger", action="store_true")
    parser.add_argument("--skip-repeats", action="store_true", help="skip suggest_relations")
    parser.add_argument("--dir", default=None)
    default_batch = inspect.signature(ct_store.Store.import_jsonl).parameters["batch_size"].default
    parser.add_argument(
        "--batch-size", type=int, default=default_batch, help=f"default: {default_batch:,}"
    )
    args = parser.parse_args()
    n = args.claims
    workdir = args.dir or tempfile.mkdtemp(prefix="claimtrack-bench-")
    jsonl = os.path.join(workdir, "claims.jsonl")
    db = os.path.join(workdir, "claims.db")
    for path in (db, db + "-wal", db + "-shm"):
        if os.path.exists(path):
            os.remove(path)
    t0 = time.perf_counter()
    # In a child process: the claims generated (and their garbage) are not
    # left in the heap that the timed imports and queries then use, and the
    # import runs in a process like the one `claimtrack import` runs in.
    child = multiprocessing.get_context("fork").Process(target=write_jsonl, args=(n, jsonl))
    child.start()
    child.join()
    if child.exitcode != 0:
        sys.exit(f"generating the claims failed (exit code {child.exitcode})")
    os.sync()  # the file on disk, rather than still being written back while timed
    print(
        f"# {n:,} claims; generated JSON Lines in {time.perf_counter() - t0:.1f} s "
        f"({os.path.getsize(jsonl) / n:.0f} bytes per claim)"
    )

    store = ct_store.open(db)
    t0 = time.perf_counter()
    report = store.import_jsonl(jsonl, batch_size=args.batch_size)
    elapsed = time.perf_counter() - t0
    size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB (bytes on macOS)
    peak /= 1024 * (1024 if sys.platform == "darwin" else 1)
    print(
        f"store import (batch size {args.batch_size:,}): {report.claims / elapsed:,.0f} "
        f"claims/s ({elapsed:.1f} s); database {size / n:,.0f} bytes per claim; "
        f"peak memory so far {peak:,.0f} MiB"
    )

    ledger = None
    if not args.skip_ledger:
        gc.collect()
        t0 = time.perf_counter()
        with open(jsonl, encoding="utf-8") as handle:
            ledger = ct.load_jsonl(handle)
        elapsed = time.perf_counter() - t0
        print(f"ledger load_jsonl: {n / elapsed:,.0f} claims/s ({elapsed:.1f} s)")
        # Memory is traced in a second load: tracing slows loading several times.
        del ledger
        gc.collect()
        tracemalloc.start()
        with open(jsonl, encoding="utf-8") as handle:
            ledger = ct.load_jsonl(handle)
        current, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        text_bytes = sum(sys.getsizeof(c.text) for c in ledger.claims)
        print(
            f"ledger memory: {current / n:,.0f} bytes per claim, "
            f"{(current - text_bytes) / n:,.0f} beyond the text"
        )
        second = os.path.join(workdir, "from-ledger.db")
        for path in (second, second + "-wal", second + "-shm"):
            if os.path.exists(path):
                os.remove(path)
        with ct_store.open(second) as other:
            t0 = time.perf_counter()
            other.import_ledger(ledger, batch_size=args.batch_size)
            elapsed = time.perf_counter() - t0
        print(f"store import_ledger: {n / elapsed:,.0f} claims/s ({elapsed:.1f} s)")

    # The Ledger's millions of objects stay alive for its queries. Out of the
    # collector's walks, so that a full collection during a timed query (a pause
    # of seconds at a million claims) is charged to neither side.
    gc.collect()
    gc.freeze()
    rng = random.Random(3)
    sample = store.query(limit=1000, start="2019-06-01", end="2019-06-30")
    speaker = sample[0].speaker
    source_url = sample[0].appearances[0].source.url
    queries: list[tuple[str, dict[str, Any]]] = [
        ("speaker (alias)", {"speaker": speaker.aliases[0]}),
        ("speaker (identifier)", {"speaker": speaker.identifiers["x"]}),
        ("organization at the time", {"organization": "Danube Water Authority"}),
        ("date window, definitely (a week)", {"start": "2019-06-03", "end": "2019-06-09"}),
        (
            "date window, possibly (a month)",
            {"start": "2021-03", "end": "2021-03", "mode": "possibly"},
        ),
        ("source (URL)", {"source": source_url}),
        ("publisher", {"publisher": "Harbour Times"}),
        ("full text", {"text": "harbour bridge"}),
        ("tag", {"tag": "rail"}),
        ("rating", {"rating": "false"}),
        ("tag, third page (offset 200)", {"tag": "rail", "offset": 200}),
        (
            "speaker + window + text",
            {"speaker": speaker.name, "start": "2015", "end": "2024", "text": "the"},
        ),
        ("publisher + tag", {"publisher": "Harbour Times", "tag": "rail"}),
        (
            "organization + window (a year)",
            {"organization": "Ministry of Health", "start": "2020", "end": "2020"},
        ),
        ("text + rating", {"text": "the", "rating": "misleading"}),
    ]
    print()
    print(
        "| query (first 100 claims) | store median ms | store p99 ms | ledger median ms "
        "| ledger p99 ms | ledger / store |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, kwargs in queries:
        s_med, s_p99 = timed(lambda kw=kwargs: store.query(limit=100, **kw), args.repeat)
        if ledger is not None:
            assert [c.id for c in store.query(limit=100, **kwargs)] == [
                c.id for c in ledger.query(limit=100, **kwargs)
            ], name
            reps = max(3, args.repeat // 10)
            l_med, l_p99 = timed(lambda kw=kwargs: ledger.query(limit=100, **kw), reps)
            print(
                f"| {name} | {s_med:.2f} | {s_p99:.2f} | {l_med:.2f} | {l_p99:.2f} "
                f"| {l_med / s_med:.1f}× |"
            )
        else:
            print(f"| {name} | {s_med:.2f} | {s_p99:.2f} | – | – | – |")
    claim_id = sample[rng.randrange(len(sample))].id
    s_med, s_p99 = timed(lambda: store.first_appearance(claim_id), args.repeat)
    line = f"| first appearance (by id) | {s_med:.2f} | {s_p99:.2f} |"
    if ledger is not None:
        l_med, l_p99 = timed(lambda: ledger.first_appearance(claim_id), args.repeat)
        line += f" {l_med:.3f} | {l_p99:.3f} | {l_med / s_med:.2f}× |"
    print(line)
    if ledger is not None and not args.skip_repeats:
        t0 = time.perf_counter()
        found = ledger.suggest_relations()
        print(
            f"\nledger.suggest_relations: {len(found):,} suggestions in "
            f"{time.perf_counter() - t0:.1f} s"
        )
    store.close()


if __name__ == "__main__":
    main()
