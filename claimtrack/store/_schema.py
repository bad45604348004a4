"""The SQLite schema of a store, its migrations, and how SQLite errors are reported.

Each record is kept as its wire form (the exact line :func:`claimtrack.dumps`
writes for it; for claims in the table ``claim_data``), so an export is those
lines in order; beside it sit the
columns and tables the queries need: speaker names and identifiers, roles by
organisation, said-date bounds, sources by URL and publisher, tags, ratings and
a full-text index of the normalised claim text.

A store is marked with its own ``application_id``, so a foreign SQLite file is
recognised, and records every applied migration in ``schema_migrations``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
from collections.abc import Callable, Iterator

from claimtrack.exceptions import StoreError

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "connect", "sqlite_errors"]

#: Written to SQLite's header: "ClTk".
APPLICATION_ID = 0x436C546B

_SCHEMA_1 = """
CREATE TABLE speakers (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
-- Normalised names and aliases, and identifier values after a unit separator.
CREATE TABLE speaker_names (
    name TEXT NOT NULL, speaker INTEGER NOT NULL, PRIMARY KEY (name, speaker)
) WITHOUT ROWID;
CREATE TABLE speaker_roles (
    organization TEXT NOT NULL, speaker INTEGER NOT NULL, PRIMARY KEY (organization, speaker)
) WITHOUT ROWID;
CREATE TABLE sources (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, publisher TEXT,
    data TEXT NOT NULL
);
CREATE INDEX sources_url ON sources (url) WHERE url IS NOT NULL;
CREATE INDEX sources_publisher ON sources (publisher) WHERE publisher IS NOT NULL;
-- said_lo/said_hi: calendar-frame bounds in microseconds, as claimtrack.Date
-- holds them; wide = 1 for unbounded or longer than a year, which the range
-- index on said_lo cannot bound.
CREATE TABLE claims (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, speaker INTEGER NOT NULL,
    said TEXT, said_lo INTEGER, said_hi INTEGER, floating INTEGER NOT NULL DEFAULT 0,
    wide INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL
);
CREATE INDEX claims_speaker ON claims (speaker);
CREATE INDEX claims_said ON claims (said_lo) WHERE wide = 0 AND said IS NOT NULL;
CREATE INDEX claims_wide ON claims (wide) WHERE wide = 1;
CREATE TABLE claim_sources (
    source INTEGER NOT NULL, claim INTEGER NOT NULL, PRIMARY KEY (source, claim)
) WITHOUT ROWID;
CREATE TABLE claim_tags (
    tag TEXT NOT NULL, claim INTEGER NOT NULL, PRIMARY KEY (tag, claim)
) WITHOUT ROWID;
-- Holds normalize_text() of each claim; the tokenizer splits it where the
-- normalisation put spaces and nowhere else (letters, numbers and marks are
-- word characters, and "." "," survive only inside numbers).
CREATE VIRTUAL TABLE claim_text USING fts5(
    text, content='',
    tokenize="unicode61 remove_diacritics 0 categories 'L* N* M*' tokenchars '.,'"
);
CREATE TABLE relations (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, claim TEXT NOT NULL,
    target TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX relations_claim ON relations (claim);
CREATE INDEX relations_target ON relations (target);
CREATE TABLE reviews (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, claim TEXT NOT NULL, rating TEXT,
    data TEXT NOT NULL
);
CREATE INDEX reviews_claim ON reviews (claim);
CREATE INDEX reviews_rating ON reviews (rating) WHERE rating IS NOT NULL;
"""

# Version 2 serves queries a page at a time: the wire form moves to its own
# table, so the claims table that queries scan holds only narrow index
# columns; the date index, by span class, covers the columns its condition
# reads; claims can
# be probed for their sources; and each claim's review ratings are kept keyed
# by (rating, claim), so "claims rated X" come out in insertion order.
_SCHEMA_2 = """
CREATE TABLE claim_data (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
INSERT INTO claim_data (seq, data) SELECT seq, data FROM claims;
-- span: how long the said-date is, by class (0: up to 2 days, 1: up to 32
-- days, 2: up to 370 days, 3: longer or open-ended), so each class is found
-- in a tight range of said_lo.
CREATE TABLE claims_v2 (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, speaker INTEGER NOT NULL,
    said TEXT, said_lo INTEGER, said_hi INTEGER, floating INTEGER NOT NULL DEFAULT 0,
    span INTEGER NOT NULL DEFAULT 0
);
INSERT INTO claims_v2 (seq, id, speaker, said, said_lo, said_hi, floating, span)
    SELECT seq, id, speaker, said, said_lo, said_hi, floating,
        CASE WHEN said IS NULL THEN 0
             WHEN said_lo IS NULL OR said_hi IS NULL THEN 3
             WHEN said_hi - said_lo <= 172800000000 THEN 0
             WHEN said_hi - said_lo <= 2764800000000 THEN 1
             WHEN said_hi - said_lo <= 31968000000000 THEN 2
             ELSE 3 END
    FROM claims;
DROP TABLE claims;
ALTER TABLE claims_v2 RENAME TO claims;
CREATE INDEX claims_speaker ON claims (speaker);
CREATE INDEX claims_said ON claims (span, said_lo, said_hi, floating) WHERE said IS NOT NULL;
CREATE INDEX claim_sources_claim ON claim_sources (claim, source);
CREATE TABLE claim_ratings (
    rating TEXT NOT NULL, claim INTEGER NOT NULL, PRIMARY KEY (rating, claim)
) WITHOUT ROWID;
INSERT OR IGNORE INTO claim_ratings (rating, claim)
    SELECT r.rating, c.seq FROM reviews r JOIN claims c ON c.id = r.claim
    WHERE r.rating IS NOT NULL;
"""

#: Every migration, in order: (version, description, SQL script). Append only.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "the first schema", _SCHEMA_1),
    (2, "narrow claims table, date index by span, claim ratings", _SCHEMA_2),
)

#: The schema version this release writes.
SCHEMA_VERSION = MIGRATIONS[-1][0]

_HEADER = b"SQLite format 3\x00"


def _plain(exc: sqlite3.Error) -> str:
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return "the database is locked by another writer; try again when it has finished"
    if "full" in lowered:
        return "the disk (or the database's size limit) is full; nothing of this write was kept"
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return f"the database file is damaged ({text})"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only"
    if "unable to open" in lowered:
        return "the database file cannot be opened (check the path and its permissions)"
    return f"SQLite failed: {text}"


@contextlib.contextmanager
def sqlite_errors(path: str, action: str) -> Iterator[None]:
    """Turn any :class:`sqlite3.Error` raised inside into a :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot {action}: {_plain(exc)}") from exc


def _check_file(path: str) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: is a directory, not a claimtrack store") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if header and header != _HEADER:
        raise StoreError(f"{path}: is not a SQLite database, so not a claimtrack store")


def connect(path: str, *, timeout: float, create: bool) -> sqlite3.Connection:
    """Open the store at *path*, creating or migrating its schema as needed."""
    _check_file(path)
    if not create and not os.path.exists(path):
        raise StoreError(f"{path}: no such store")
    with sqlite_errors(path, "open the store"):
        connection = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
    try:
        with sqlite_errors(path, "open the store"):
            _prepare(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _prepare(connection: sqlite3.Connection, path: str) -> None:
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application_id != APPLICATION_ID and tables:
        raise StoreError(
            f"{path}: is a SQLite database of another application, not a claimtrack store"
        )
    # WAL: readers keep reading while one writer writes. NORMAL sync is safe
    # against a crashed process (what was committed stays committed).
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    # 64 MiB of page cache (SQLite's default is 2 MiB): the id and full-text
    # indexes of a large store are written at random places.
    connection.execute("PRAGMA cache_size = -65536")
    connection.execute("PRAGMA foreign_keys = OFF")
    version = 0
    if tables:
        version = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
        version = version or 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: the store has schema version {version}, newer than this claimtrack "
            f"supports ({SCHEMA_VERSION}); upgrade claimtrack to open it"
        )
    if version < SCHEMA_VERSION:
        _migrate(connection, version)


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    # One transaction for every pending step: a crash leaves the old version.
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock.
        exists = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'"
        ).fetchone()
        if exists:
            row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
            version = row[0] or 0
        else:
            connection.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        for number, description, script in MIGRATIONS:
            if number <= version:
                continue
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, description, now)
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> Iterator[str]:
    # executescript() would commit our transaction; run statements one by one.
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            yield statement


Executor = Callable[..., sqlite3.Cursor]
