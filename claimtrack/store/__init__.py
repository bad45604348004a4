"""Persistent ledgers: a ledger kept in a SQLite database, with the Ledger's queries.

>>> import claimtrack.store
>>> store = claimtrack.store.open(path)          # doctest: +SKIP
>>> store.import_jsonl("ledger.jsonl")           # doctest: +SKIP
>>> store.claims_by("Maria Kovacs")              # doctest: +SKIP

See :class:`Store` for what a store does, and the "Tracking claims" page of
the documentation for the schema and the measured speed.
"""

from __future__ import annotations

import os

from claimtrack.store._schema import SCHEMA_VERSION
from claimtrack.store._store import ImportProgress, ImportReport, Store

__all__ = ["SCHEMA_VERSION", "ImportProgress", "ImportReport", "Store", "open"]


def open(path: str | os.PathLike[str], *, timeout: float = 5.0, create: bool = True) -> Store:
    """Open the SQLite store at *path*, creating it (unless *create* is false) or
    migrating its schema to this release's version as needed.

    *timeout* is how many seconds a write waits for another writer's lock
    before failing with :class:`~claimtrack.StoreError`.

    Raises:
        StoreError: *path* is not a SQLite database, is a database of another
            application, is damaged, has a schema newer than this release
            supports, or cannot be opened.
    """
    return Store.open(path, timeout=timeout, create=create)
