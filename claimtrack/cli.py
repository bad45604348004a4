"""The ``claimtrack`` command.

Core commands live here; each feature package adds its own through an
``add_commands(subparsers)`` function listed in ``_COMMAND_MODULES``, so the
command line grows with the library without a special case per command.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import claimtrack
from claimtrack._ledger import Ledger
from claimtrack._wire import load_jsonl, loads
from claimtrack.exceptions import ClaimtrackError

__all__ = ["main"]

#: Modules that add subcommands: each has ``add_commands(subparsers)``.
# interop registers its import formats with the store's import command, so it comes first.
_COMMAND_MODULES: tuple[str, ...] = (
    "claimtrack.dates.cli",
    "claimtrack.extract.cli",
    "claimtrack.interop.cli",
    "claimtrack.store.cli",
)

Handler = Callable[[argparse.Namespace], int]


def read_input(path: str) -> bytes:
    """The bytes of *path*, or of standard input for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def read_ledger(path: str) -> Ledger:
    """Read a ledger document or JSON Lines file (``-`` for standard input)."""
    data = read_input(path)
    if path.endswith((".jsonl", ".ndjson")) or data.lstrip().startswith(b'{"claimtrack":1}\n'):
        import io

        return load_jsonl(io.BytesIO(data))
    return loads(data)


def _cmd_validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            ledger = read_ledger(path)
        except ClaimtrackError as exc:
            status = 1
            problems = getattr(exc, "problems", ())
            print(f"{path}: invalid ({len(problems)} problem{'s' if len(problems) != 1 else ''})")
            for problem in problems:
                print(f"  {problem.path}: {problem.message}")
        except OSError as exc:
            status = 1
            print(f"{path}: cannot be read ({exc.strerror or exc})")
        else:
            print(
                f"{path}: valid ({len(ledger.claims)} claims, {len(ledger.speakers)} speakers, "
                f"{len(ledger.sources)} sources)"
            )
    return status


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: Sequence[Sequence[str]], headers: Sequence[str], out: IO[str]) -> None:
    """Write *rows* as a plain-text table with *headers*."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out.write(line + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def claim_rows(claims: Sequence[claimtrack.Claim], width: int = 60) -> list[list[str]]:
    """Table rows for *claims*, sorted by said-date: said, speaker, cue, claim, source."""

    def key(claim: claimtrack.Claim) -> tuple[int, Any]:
        return (0, claim.said.sort_key) if claim.said is not None else (1, ())

    rows = []
    for claim in sorted(claims, key=key):
        first = claim.first_appearance
        rows.append(
            [
                str(claim.said) if claim.said is not None else "?",
                _clip(claim.speaker.label, 28),
                (first.cue or "") if first else "",
                _clip(claim.text, width),
                _clip(first.source.label, 32) if first else "",
            ]
        )
    return rows


def _cmd_show(args: argparse.Namespace) -> int:
    ledger = read_ledger(args.file)
    format_table(
        claim_rows(list(ledger.claims)), ["said", "speaker", "cue", "claim", "source"], sys.stdout
    )
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(claimtrack.json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``claimtrack`` command, with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="claimtrack",
        description="Record, check and exchange who said what, when, and where.",
    )
    parser.add_argument(
        "--version", action="version", version=f"claimtrack {claimtrack.__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check ledger files; list every problem with its path"
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="ledger documents or JSON Lines ('-' for stdin)"
    )
    validate.set_defaults(handler=_cmd_validate)
    show = commands.add_parser("show", help="show a ledger's claims as a table sorted by date")
    show.add_argument(
        "file", metavar="FILE", help="a ledger document or JSON Lines ('-' for stdin)"
    )
    show.set_defaults(handler=_cmd_show)
    schema = commands.add_parser("schema", help="print the JSON Schema of ledger documents")
    schema.set_defaults(handler=_cmd_schema)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``claimtrack`` command; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except ClaimtrackError as exc:
        print(f"claimtrack: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (as with `| head`): stop quietly, as other tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces a closed pipe until exit
        return 0
    except OSError as exc:
        print(f"claimtrack: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
