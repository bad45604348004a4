"""The ``claimtrack dates`` command: list the date expressions of a text file.

::

    claimtrack dates story.txt --published 2024-03-14T09:30:00-04:00
    claimtrack dates - --published 2024-03-14 --json < story.txt
    claimtrack dates --published 2024-03-14T09:30:00-04:00 --resolve "last week"
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from claimtrack._date import Date
from claimtrack.dates._find import find_dates
from claimtrack.dates._resolve import reference_day, resolve

__all__ = ["add_commands"]


def _run(args: argparse.Namespace) -> int:
    reference_day(args.published, field="published")  # a bad reference fails first
    if args.resolve is not None:
        date = resolve(args.resolve, args.published, day_first=args.day_first)
        rows: list[tuple[int | None, int | None, str, Date]] = [(None, None, args.resolve, date)]
    else:
        if args.file is None:
            print("claimtrack dates: give a FILE or --resolve EXPRESSION", file=sys.stderr)
            return 2
        from claimtrack.cli import read_input

        data = read_input(args.file)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            print(f"claimtrack dates: {args.file} is not UTF-8 text ({exc.reason} at byte "
                  f"{exc.start})", file=sys.stderr)  # fmt: skip
            return 1
        rows = [
            (m.span.start, m.span.end, m.text, m.date)
            for m in find_dates(text, args.published, day_first=args.day_first)
        ]
    if args.json:
        for start, end, surface, date in rows:
            record: dict[str, Any] = {"text": surface, "value": date.value}
            if start is not None:
                record = {"start": start, "end": end, **record}
            record.update(basis=date.basis.value, rule=date.rule)
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    from claimtrack.cli import format_table

    table = [
        ["" if start is None else f"{start}-{end}", surface, date.value, date.basis.value,
         date.rule or ""]
        for start, end, surface, date in rows
    ]  # fmt: skip
    format_table(table, ["span", "text", "value", "basis", "rule"], sys.stdout)
    return 0


def add_commands(subparsers: Any) -> None:
    """Add the ``dates`` command to the ``claimtrack`` command line."""
    command = subparsers.add_parser(
        "dates",
        help="find and resolve the date expressions of a text against its publication time",
    )
    command.add_argument("file", nargs="?", metavar="FILE", help="a UTF-8 text file ('-': stdin)")
    command.add_argument(
        "--published",
        required=True,
        metavar="ISO",
        help="the publication time, ISO 8601 with its UTC offset (or a day)",
    )
    command.add_argument("--resolve", metavar="EXPRESSION", help="resolve one expression instead")
    command.add_argument(
        "--day-first", action="store_true", help="read 3/4/2019 as 3 April, not March 4"
    )
    command.add_argument("--json", action="store_true", help="write JSON Lines, one per date")
    command.set_defaults(handler=_run)
