"""The ``claimtrack extract`` command: attributed claims from article files."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path
from typing import IO

from claimtrack._date import Date
from claimtrack._ledger import Ledger
from claimtrack._source import Source
from claimtrack._wire import dump_jsonl, dumps
from claimtrack.exceptions import ValidationError
from claimtrack.extract._build import extract

__all__ = ["add_commands"]


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` subcommand to the ``claimtrack`` command."""
    parser = subparsers.add_parser(
        "extract",
        help="extract attributed claims (who said what, when) from article text files",
        description="Read plain-text articles (UTF-8; a folder reads every *.txt in it) "
        "and write the claims attributed in them as one ledger.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="text files or folders")
    parser.add_argument(
        "--published", metavar="ISO", help="publication time, e.g. 2024-03-14T09:30:00-04:00"
    )
    parser.add_argument("--publisher", metavar="NAME", help="who published the articles")
    parser.add_argument("--url", metavar="URL", help="the article's URL (one file only)")
    parser.add_argument(
        "--format", choices=("json", "jsonl", "table"), default="json", help="output format"
    )
    parser.set_defaults(handler=_run)


def _paths(names: list[str]) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file()))
        else:
            paths.append(path)
    return paths


def _published(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.parse(value)
    except ValidationError:
        try:
            moment = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                f"'--published' must be an ISO date or time (got {value!r})",
                field="published",
                value=value,
            ) from None
        if moment.utcoffset() is None:
            return Date.parse(moment.date().isoformat())
        return Date.from_datetime(moment)


def _progress(done: int, total: int, out: IO[str]) -> None:
    width = 30
    filled = width * done // total
    out.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    if done == total:
        out.write("\n")
    out.flush()


def _run(args: argparse.Namespace) -> int:
    paths = _paths(args.files)
    if args.url and len(paths) > 1:
        raise ValidationError("'--url' names one article; give one file", field="url")
    published = _published(args.published)
    ledger = Ledger()
    show = sys.stderr.isatty() and len(paths) > 1 and not os.environ.get("CI")
    for done, path in enumerate(paths, 1):
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        title = next((line.strip() for line in text.splitlines() if line.strip()), path.name)
        source = Source(
            title=title[:300],
            publisher=args.publisher,
            url=args.url,
            published=published,
            language="en",
        )
        for claim in extract(text, source):
            ledger.add(claim)
        if show:
            _progress(done, len(paths), sys.stderr)
    if args.format == "jsonl":
        dump_jsonl(ledger, sys.stdout)
    elif args.format == "table":
        from claimtrack.cli import claim_rows, format_table

        format_table(
            claim_rows(list(ledger.claims)),
            ["said", "speaker", "cue", "claim", "source"],
            sys.stdout,
        )
    else:
        sys.stdout.write(dumps(ledger) + "\n")
    return 0
