"""Command-line parts for the fact-checking formats.

* ``claimtrack export LEDGER --format claimreview|annotation``: write a ledger
  as ClaimReview JSON-LD (optionally inside an HTML ``<script>`` element) or
  as W3C Web Annotations;
* :func:`read_ledger`: read a file in one of :data:`IMPORT_FORMATS`, for
  ``claimtrack import --format ...``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, Any

from claimtrack.cli import read_input
from claimtrack.cli import read_ledger as read_claimtrack_ledger
from claimtrack.exceptions import Problem, ValidationError
from claimtrack.interop._annotation import to_annotations
from claimtrack.interop._claimreview import from_jsonld, to_html_script, to_jsonld
from claimtrack.interop._common import ImportedLedger
from claimtrack.interop._factcheck_api import from_markup_page, from_search_response

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "add_commands",
    "print_warnings",
    "read_ledger",
    "register_import_readers",
]

#: Formats ``claimtrack export`` writes.
EXPORT_FORMATS = ("claimreview", "annotation")
#: Formats :func:`read_ledger` reads.
IMPORT_FORMATS = ("claimreview", "factcheck-api")


def read_ledger(path: str, format: str) -> ImportedLedger:
    """Read *path* (``-`` for standard input) in *format* into a ledger.

    ``claimreview`` reads ClaimReview JSON-LD (as :func:`~claimtrack.interop.
    claimreview.from_jsonld`); ``factcheck-api`` reads a Fact Check Tools
    ``claims:search`` response or a ``ClaimReviewMarkupPage`` (or a listing of
    pages), told apart by their keys. The result's ``warnings`` say what did
    not map cleanly.

    Raises:
        ValidationError: unknown *format*, or the file is not such a document.
        OSError: the file cannot be read.
    """
    if format not in IMPORT_FORMATS:
        raise ValidationError(
            f"'format' must be one of {', '.join(IMPORT_FORMATS)} (got {format!r})",
            field="format",
            value=format,
        )
    data = read_input(path)
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ValidationError([Problem("$", f"{path} is not valid JSON ({exc})")]) from None
    if format == "claimreview":
        return from_jsonld(parsed)
    if isinstance(parsed, dict) and "claims" in parsed:
        return from_search_response(parsed)
    if isinstance(parsed, dict) and (
        "claimReviewMarkups" in parsed or "claimReviewMarkupPages" in parsed or "pageUrl" in parsed
    ):
        return from_markup_page(parsed)
    raise ValidationError(
        [
            Problem(
                "$",
                "neither a claims:search response ('claims') nor a "
                "ClaimReviewMarkupPage ('claimReviewMarkups')",
            )
        ]
    )


def _store_reader(format: str) -> Any:
    def read(store: Any, path: str, args: argparse.Namespace) -> Any:
        ledger = read_ledger(path, format)
        if not getattr(args, "quiet", False):
            print_warnings(ledger)
        return store.import_ledger(ledger, batch_size=getattr(args, "batch_size", 10_000))

    read.__doc__ = f"Import a {format} file into a store."
    return read


def register_import_readers() -> None:
    """Offer :data:`IMPORT_FORMATS` to ``claimtrack import --format`` (the store's
    command). Done when this module is imported; the command lists the formats
    registered before it is built.
    """
    try:
        from claimtrack.store.cli import register_reader
    except ImportError:  # pragma: no cover - a build without the store
        return
    for name in IMPORT_FORMATS:
        register_reader(name, _store_reader(name))


def print_warnings(ledger: ImportedLedger, stream: IO[str] | None = None) -> None:
    """Write an import's warnings, one per line with its path, to *stream* (stderr)."""
    stream = stream if stream is not None else sys.stderr
    for warning in ledger.warnings:
        stream.write(f"warning: {warning.path}: {warning.message}\n")


def _read_texts(directory: str | None, ledger: Any) -> dict[str, str]:
    if directory is None:
        return {}
    texts = {}
    for source in ledger.sources:
        path = os.path.join(directory, f"{source.id}.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                texts[source.id] = handle.read()
    return texts


def _cmd_export(args: argparse.Namespace) -> int:
    ledger = read_claimtrack_ledger(args.file)
    if args.format == "claimreview":
        nodes = to_jsonld(ledger)
        if args.html:
            text = to_html_script(nodes) + "\n"
        else:
            text = json.dumps(nodes, ensure_ascii=False, indent=2) + "\n"
    else:
        annotations = to_annotations(ledger, _read_texts(args.texts, ledger))
        text = json.dumps(annotations, ensure_ascii=False, indent=2) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    return 0


def add_commands(subparsers: Any) -> None:
    """Add the ``export`` subcommand."""
    export = subparsers.add_parser(
        "export", help="write a ledger as ClaimReview JSON-LD or W3C Web Annotations"
    )
    export.add_argument("file", metavar="LEDGER", help="a ledger document ('-' for stdin)")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument(
        "--html", action="store_true", help="claimreview: wrap it in a <script> element"
    )
    export.add_argument(
        "--texts",
        metavar="DIR",
        help="annotation: source texts as DIR/<source id>.txt, for quote selectors",
    )
    export.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    export.set_defaults(handler=_cmd_export)


register_import_readers()
