"""The ``import``, ``query`` and ``repeats`` commands: a ledger in a SQLite store.

``import`` reads its input with a *reader* chosen by ``--format``; the default,
``claimtrack``, reads ledger documents and JSON Lines. Other packages add
formats with :func:`register_reader`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import IO, Any

from claimtrack._claim import Claim
from claimtrack._ledger import _said_key
from claimtrack._wire import unstructure
from claimtrack.store._store import _BATCH_SIZE, ImportProgress, ImportReport, Store

__all__ = ["add_commands", "register_reader"]

#: A reader: (store, input path, parsed arguments) -> the import report.
Reader = Callable[[Store, str, argparse.Namespace], ImportReport]

_READERS: dict[str, Reader] = {}


def register_reader(name: str, reader: Reader) -> None:
    """Make ``claimtrack import --format NAME`` read its input with *reader*."""
    _READERS[name] = reader


def _read_claimtrack(store: Store, path: str, args: argparse.Namespace) -> ImportReport:
    progress = _Progress(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    try:
        if path == "-" or _is_jsonl(path):
            source: Any = sys.stdin.buffer if path == "-" else path
            return store.import_jsonl(
                source, batch_size=args.batch_size, skip_bad=args.skip_bad, progress=progress
            )
        from claimtrack.cli import read_ledger

        return store.import_ledger(read_ledger(path), batch_size=args.batch_size, progress=progress)
    finally:
        if progress is not None:
            progress.done()


register_reader("claimtrack", _read_claimtrack)


def _is_jsonl(path: str) -> bool:
    if path.endswith((".jsonl", ".ndjson")):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.readline().strip().replace(b" ", b"") == b'{"claimtrack":1}'
    except OSError:
        return False


class _Progress:
    """A one-line progress bar on a terminal."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def __call__(self, state: ImportProgress) -> None:
        if state.bytes_total:
            share = min(1.0, state.bytes_read / state.bytes_total)
            bar = "#" * int(share * 30)
            line = f"\r[{bar:<30}] {share:6.1%}  {state.claims:,} claims"
        else:
            line = f"\r{state.claims:,} claims"
        self._out.write(line)
        self._out.flush()

    def done(self) -> None:
        self._out.write("\n")
        self._out.flush()


def _cmd_import(args: argparse.Namespace) -> int:
    reader = _READERS.get(args.format)
    if reader is None:  # pragma: no cover - argparse checks the choices
        print(f"claimtrack: error: unknown format {args.format!r}", file=sys.stderr)
        return 2
    with Store.open(args.db) as store:
        report = reader(store, args.input, args)
        counts = store.counts()
    print(
        f"{args.input}: {report.records:,} records imported ({report.claims:,} claims) in "
        f"{report.batches} batch{'es' if report.batches != 1 else ''}; the store holds "
        f"{counts['claims']:,} claims"
    )
    if report.skipped:
        print(f"skipped {len(report.skipped)} bad line(s):")
        for problem in report.skipped:
            print(f"  {problem.path}: {problem.message}")
        return 1
    return 0


def _claims_json(claims: list[Claim]) -> str:
    return json.dumps([unstructure(c) for c in claims], ensure_ascii=False, indent=2)


def _cmd_query(args: argparse.Namespace) -> int:
    from claimtrack.cli import claim_rows, format_table

    start, end = args.between if args.between else (None, None)
    with Store.open(args.db, create=False) as store:
        claims = store.query(
            speaker=args.speaker,
            organization=args.organization,
            start=start,
            end=end,
            mode=args.mode,
            source=args.source,
            publisher=args.publisher,
            text=args.text,
            tag=args.tag,
            rating=args.rating,
            limit=args.limit,
            offset=args.offset,
        )
    if args.format == "json":
        sys.stdout.write(_claims_json(claims) + "\n")
    else:
        format_table(
            claim_rows(sorted(claims, key=_said_key)),
            ["said", "speaker", "cue", "claim", "source"],
            sys.stdout,
        )
        print(f"({len(claims)} claim{'s' if len(claims) != 1 else ''})")
    return 0


def _cmd_repeats(args: argparse.Namespace) -> int:
    from claimtrack.cli import format_table

    with Store.open(args.db) as store:
        if not args.list_only:
            found = store.suggest_relations(threshold=args.threshold)
            print(f"{len(found)} new suggestion(s)", file=sys.stderr)
        relations = [
            r
            for kind in ("repeats", "paraphrases")
            for r in store.relations_where(kind=kind, status=args.status)
        ]
        rows = []
        for relation in relations[: args.limit]:
            later, earlier = store.claim(relation.claim), store.claim(relation.target)
            rows.append(
                [
                    relation.kind.value,
                    relation.status.value,
                    f"{relation.weight:.2f}" if relation.weight is not None else "",
                    _short(later),
                    _short(earlier),
                ]
            )
    format_table(rows, ["kind", "status", "weight", "claim", "repeats"], sys.stdout)
    return 0


def _short(claim: Claim | None) -> str:
    if claim is None:
        return "?"
    said = str(claim.said) if claim.said is not None else "?"
    text = " ".join(claim.text.split())
    text = text if len(text) <= 50 else text[:49] + "…"
    return f"{said} {claim.speaker.label}: {text}"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer (got {value})")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be zero or a positive integer (got {value})")
    return number


def add_commands(subparsers: Any) -> None:
    """Add the ``import``, ``query`` and ``repeats`` subcommands."""
    db_help = "the SQLite store (created if missing)"
    imp = subparsers.add_parser(
        "import", help="import a ledger document or JSON Lines into a SQLite store"
    )
    imp.add_argument("input", metavar="LEDGER_OR_JSONL", help="the file to import ('-' for stdin)")
    imp.add_argument("--db", required=True, metavar="PATH", help=db_help)
    imp.add_argument(
        "--format",
        default="claimtrack",
        choices=sorted(_READERS),
        help="the input's format (default: claimtrack)",
    )
    imp.add_argument(
        "--batch-size", type=_positive, default=_BATCH_SIZE, metavar="N",
        help=f"commit after every N claims (default: {_BATCH_SIZE})",
    )  # fmt: skip
    imp.add_argument(
        "--skip-bad", action="store_true", help="skip bad lines, list them, and keep going"
    )
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.set_defaults(handler=_cmd_import)

    query = subparsers.add_parser("query", help="find claims in a SQLite store")
    query.add_argument("--db", required=True, metavar="PATH", help="the SQLite store")
    query.add_argument("--speaker", help="a speaker's name, alias, id or identifier")
    query.add_argument("--organization", help="an organisation the speaker held a role in")
    query.add_argument(
        "--between", nargs=2, metavar=("A", "B"), help="said between two EDTF dates ('..' for open)"
    )
    query.add_argument(
        "--mode", choices=["definitely", "possibly"], default="definitely",
        help="with --between: said definitely or possibly within (default: definitely)",
    )  # fmt: skip
    query.add_argument("--source", help="a source's id or URL")
    query.add_argument("--publisher", help="a source's publisher")
    query.add_argument("--text", help="words the claim's text contains")
    query.add_argument("--tag", help="a tag")
    query.add_argument("--rating", help="a review's rating label ('False')")
    query.add_argument("--limit", type=_positive, help="at most this many claims")
    query.add_argument(
        "--offset", type=_count, default=0, help="skip this many claims first (the next page)"
    )
    query.add_argument("--format", choices=["table", "json"], default="table")
    query.set_defaults(handler=_cmd_query)

    repeats = subparsers.add_parser(
        "repeats", help="find repeats and paraphrases in a store and list them for review"
    )
    repeats.add_argument("--db", required=True, metavar="PATH", help="the SQLite store")
    repeats.add_argument(
        "--list-only", action="store_true", help="list stored relations; do not look for new ones"
    )
    repeats.add_argument(
        "--status", choices=["suggested", "confirmed", "rejected"], default=None,
        help="only relations in this status",
    )  # fmt: skip
    repeats.add_argument("--threshold", type=float, default=0.5, help="similarity threshold")
    repeats.add_argument("--limit", type=_positive, default=100, help="at most this many rows")
    repeats.set_defaults(handler=_cmd_repeats)
