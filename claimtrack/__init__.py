"""claimtrack: who said what, when, and where we know it from.

A small, typed model of attributed assertions (claims, their speakers, their
sources and dates, their fact-checks) and a strict JSON format to exchange it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from claimtrack._claim import Anchor, Appearance, Claim, Fidelity, QuoteKind, Span
from claimtrack._date import Basis, Date, Precision
from claimtrack._ledger import Ledger, RecordView
from claimtrack._review import Rating, Relation, RelationKind, RelationStatus, Review
from claimtrack._schema import json_schema
from claimtrack._source import Source, SourceKind
from claimtrack._speaker import Role, Speaker, SpeakerKind
from claimtrack._wire import FORMAT_VERSION, dump_jsonl, dumps, iter_jsonl, load_jsonl, loads
from claimtrack.dates import DateMention, find_dates
from claimtrack.exceptions import (
    ClaimtrackError,
    DateError,
    IntegrityError,
    Problem,
    StoreError,
    ValidationError,
)
from claimtrack.extract import extract

try:
    __version__ = version("claimtrack")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "FORMAT_VERSION",
    "Anchor",
    "Appearance",
    "Basis",
    "Claim",
    "ClaimtrackError",
    "Date",
    "DateError",
    "DateMention",
    "Fidelity",
    "IntegrityError",
    "Ledger",
    "Precision",
    "Problem",
    "QuoteKind",
    "Rating",
    "RecordView",
    "Relation",
    "RelationKind",
    "RelationStatus",
    "Review",
    "Role",
    "Source",
    "SourceKind",
    "Span",
    "Speaker",
    "SpeakerKind",
    "StoreError",
    "ValidationError",
    "dump_jsonl",
    "dumps",
    "extract",
    "find_dates",
    "iter_jsonl",
    "json_schema",
    "load_jsonl",
    "loads",
]
