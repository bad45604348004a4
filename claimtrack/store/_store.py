"""Store: a ledger kept in a SQLite database, with the Ledger's queries."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import math
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Literal

import attrs

from claimtrack._claim import Appearance, Claim
from claimtrack._date import _EAST, _WEST, Date, _Parsed
from claimtrack._identity import normalize_name, normalize_text, normalize_url
from claimtrack._ledger import (
    _LINKS,
    DeskQueries,
    Ledger,
    _as_date,
    _check_limit,
    _check_offset,
    _held_role,
    _search_words,
    _window,
    rating_label,
)
from claimtrack._review import Relation, RelationKind, RelationStatus, Review
from claimtrack._source import Source
from claimtrack._speaker import Speaker
from claimtrack._wire import (
    _WRITE,
    FORMAT_VERSION,
    _collector_paused,
    _Context,
    _context,
    _read_line,
    _structure,
    loads,
)
from claimtrack.exceptions import (
    ClaimtrackError,
    IntegrityError,
    Problem,
    StoreError,
    ValidationError,
)
from claimtrack.store._schema import connect, sqlite_errors

__all__ = ["ImportProgress", "ImportReport", "Store"]

Record = Speaker | Source | Claim | Relation | Review

_DAY = 86_400 * 1_000_000
#: The longest said-date of each span class but the last (open-ended or longer).
_SPANS = (2 * _DAY, 32 * _DAY, 370 * _DAY)
_MARGIN = 2 * _DAY  # more than any UTC offset widening (26 hours)
_FAR = 2**62
_CACHE_LIMIT = 200_000
#: A filter with fewer candidate claims than this always drives a query from its index.
_CAP = 2_000
#: Claims per committed batch of a bulk import (see Store.import_jsonl).
_BATCH_SIZE = 50_000


@attrs.define
class _Filter:
    """One filter of a query: a test of a claims row ``c`` and, when an index
    can list its candidates, the FROM clause that starts from that index.
    """

    probe: str
    params: list[Any] = attrs.Factory(list)
    drive: str | None = None
    order: str = "c.seq"
    #: The drive yields claims in insertion order (no sort needed).
    ordered: bool = False
    #: SQL listing the candidate claims (their seqs), to count or list them.
    count: str | None = None


@attrs.frozen
class ImportProgress:
    """How far a bulk import has come, reported after each committed batch."""

    #: Lines (or records) read so far.
    lines: int
    #: Claims committed so far.
    claims: int
    #: Bytes read so far, when reading a file.
    bytes_read: int
    #: The file's size in bytes, when known.
    bytes_total: int | None


@attrs.frozen
class ImportReport:
    """What a bulk import did."""

    #: Lines (or records) read.
    lines: int
    #: Records written (speakers, sources, claims, relations, reviews).
    records: int
    #: Claims written.
    claims: int
    #: Batches committed.
    batches: int
    #: The bad lines skipped (with ``skip_bad``), each a problem whose path
    #: starts with its line number.
    skipped: tuple[Problem, ...] = ()


_write_claim = _WRITE[Claim]


def _bounds(said: Date | None) -> tuple[int | None, int | None, int, int]:
    if said is None:
        return None, None, 0, 0
    parsed: _Parsed = said._parsed
    lo, hi = parsed.lo, parsed.hi
    if lo is None or hi is None:
        return lo, hi, int(parsed.floating), len(_SPANS)
    width = hi - lo
    for span, longest in enumerate(_SPANS):
        if width <= longest:
            return lo, hi, int(parsed.floating), span
    return lo, hi, int(parsed.floating), len(_SPANS)


def _date_condition(window: Date, mode: str) -> str:
    """SQL that holds for a claim row exactly when ``window.contains(said)`` (mode
    "definitely") or ``window.overlaps(said)`` (mode "possibly"), as Date computes it.
    """
    p = window._parsed
    w_lo, w_hi, w_fl = p.lo, p.hi, p.floating
    # Instant bounds of the claim's said-date (floating values widened to every offset).
    s_ilo = f"(CASE WHEN floating THEN said_lo - {_EAST} ELSE said_lo END)"
    s_ihi = f"(CASE WHEN floating THEN said_hi + {_WEST} ELSE said_hi END)"
    if mode == "possibly":
        parts = []
        if w_hi is not None:  # not (window definitely before said)
            if w_fl:
                parts.append(
                    f"NOT coalesce(CASE WHEN floating THEN {w_hi} < said_lo "
                    f"ELSE {w_hi + _WEST} < said_lo END, 0)"
                )
            else:
                parts.append(f"NOT coalesce({w_hi} < {s_ilo}, 0)")
        if w_lo is not None:  # not (said definitely before window)
            if w_fl:
                parts.append(
                    f"NOT coalesce(CASE WHEN floating THEN said_hi < {w_lo} "
                    f"ELSE said_hi < {w_lo - _EAST} END, 0)"
                )
            else:
                parts.append(f"NOT coalesce({s_ihi} < {w_lo}, 0)")
        return " AND ".join(parts) or "1"

    def inside(lo_a: int | None, hi_a: int | None, lo_b: str, hi_b: str) -> str:
        starts = "1" if lo_a is None else f"({lo_b} IS NOT NULL AND {lo_a} <= {lo_b})"
        ends = "1" if hi_a is None else f"({hi_b} IS NOT NULL AND {hi_b} <= {hi_a})"
        return f"({starts} AND {ends})"

    if w_fl:
        i_lo = None if w_lo is None else w_lo - _EAST
        i_hi = None if w_hi is None else w_hi + _WEST
        calendar = inside(w_lo, w_hi, "said_lo", "said_hi")
        instants = inside(i_lo, i_hi, "said_lo", "said_hi")
        return f"(CASE WHEN floating THEN {calendar} ELSE {instants} END)"
    return inside(w_lo, w_hi, s_ilo, s_ihi)


class Store(DeskQueries):
    """A ledger kept in a SQLite database: open one with :func:`claimtrack.store.open`.

    It answers the same queries as a :class:`~claimtrack.Ledger` (plus
    :meth:`search`), from indexes, without loading the records it does not
    return. Records are merged on adding as a Ledger merges them, and
    :meth:`export` writes the same bytes :func:`claimtrack.dumps` writes for
    the same ledger. Writes happen in transactions (:meth:`transaction`); in
    WAL mode, readers in other connections are not blocked by a writer.

    Every SQLite failure (a damaged file, a locked database, a full disk) is
    raised as :class:`~claimtrack.StoreError`; what was committed before it
    stays committed.
    """

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        """Wrap an open, migrated connection; use :func:`claimtrack.store.open`."""
        self._db = connection
        self._path = path
        self._depth = 0
        self._speaker_cache: dict[str, tuple[int, Speaker]] = {}
        self._source_cache: dict[str, tuple[int, Source]] = {}
        self._speaker_seqs: dict[int, Speaker] = {}
        self._version: int | None = None
        #: An import's background writer: while it writes, no other use of the connection.
        self._writer: _Writer | None = None
        self._json: bool | None = None  # see _json_rows
        #: How many speakers (and sources) the caches hold at most (see import_ledger).
        self._cache_limit = _CACHE_LIMIT

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, timeout: float = 5.0, create: bool = True
    ) -> Store:
        """Open (and create or migrate) the store at *path*; see :func:`claimtrack.store.open`."""
        text = os.fspath(path)
        return cls(connect(text, timeout=timeout, create=create), text)

    @property
    def path(self) -> str:
        """The database file's path."""
        return self._path

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._path!r})"

    # -- low level ------------------------------------------------------------

    def _run(
        self, sql: str, params: Iterable[Any] = (), action: str = "read the store"
    ) -> sqlite3.Cursor:
        if self._writer is not None:
            self._writer.wait()
        with sqlite_errors(self._path, action):
            return self._db.execute(sql, tuple(params))

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        if self._writer is not None:
            self._writer.wait()
        with sqlite_errors(self._path, "read the store"):
            return self._db.execute(sql, tuple(params)).fetchall()

    def _forget(self) -> None:
        self._speaker_cache.clear()
        self._source_cache.clear()
        self._speaker_seqs.clear()

    def _fresh(self) -> bool:
        """Forget the caches if another connection has committed since this one
        last looked (they may be stale then); tell whether they were forgotten.
        """
        version = self._run("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return False
        self._forget()
        self._version = version
        return True

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """A transaction: everything written inside is committed together at the
        end, or not at all if an exception leaves it. Transactions nest (as
        savepoints). The write lock is taken at the start, so a second writer
        waits (up to the store's timeout) rather than failing half-way.
        """
        depth = self._depth
        self._run("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT s{depth}", (), "start a write")
        self._depth += 1
        if depth == 0:
            try:
                self._fresh()
            except BaseException:
                self._depth = depth
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
        try:
            yield self
        except BaseException:
            self._depth = depth
            self._forget()
            with contextlib.suppress(sqlite3.Error):
                if depth == 0:
                    self._db.execute("ROLLBACK")
                else:
                    self._db.execute(f"ROLLBACK TO s{depth}")
                    self._db.execute(f"RELEASE s{depth}")
            raise
        self._depth = depth
        try:
            self._run("COMMIT" if depth == 0 else f"RELEASE s{depth}", (), "commit")
        except StoreError:
            self._forget()
            if depth == 0:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            raise

    # -- decoding stored records ----------------------------------------------

    def _structure(self, cls: type[Any], raw: Any, context: _Context) -> Any:
        token = _context.set(context)
        try:
            return _structure(cls, raw)
        except Exception as exc:
            raise StoreError(
                f"{self._path}: a stored {cls.__name__.lower()} cannot be read ({exc})"
            ) from None
        finally:
            _context.reset(token)

    def _speaker_entry(self, ident: str) -> tuple[int, Speaker] | None:
        entry = self._speaker_cache.get(ident)
        if entry is None:
            row = self._run("SELECT seq, data FROM speakers WHERE id = ?", (ident,)).fetchone()
            if row is None:
                return None
            entry = (row[0], self._structure(Speaker, json.loads(row[1]), _Context()))
            self._remember_speaker(entry)
        return entry

    def _remember_speaker(self, entry: tuple[int, Speaker]) -> None:
        self._remember(self._speaker_cache, entry[1].id, entry)
        self._remember(self._speaker_seqs, entry[0], entry[1])

    def _speaker_at(self, seq: int) -> Speaker | None:
        speaker = self._speaker_seqs.get(seq)
        if speaker is None:
            row = self._run("SELECT id FROM speakers WHERE seq = ?", (seq,)).fetchone()
            if row is not None:
                entry = self._speaker_entry(row[0])
                speaker = None if entry is None else entry[1]
        return speaker

    def _source_entry(self, ident: str) -> tuple[int, Source] | None:
        entry = self._source_cache.get(ident)
        if entry is None:
            row = self._run("SELECT seq, data FROM sources WHERE id = ?", (ident,)).fetchone()
            if row is None:
                return None
            raw = json.loads(row[1])
            context = _Context()
            parent = raw.get("part_of")
            if isinstance(parent, str):
                held = self._source_entry(parent)
                if held is not None:
                    context.sources[parent] = held[1]
            entry = (row[0], self._structure(Source, raw, context))
            self._remember(self._source_cache, ident, entry)
        return entry

    def _remember(self, cache: dict[Any, Any], key: Any, value: Any) -> None:
        limit = self._cache_limit
        if len(cache) >= limit:
            # Forget the older half: the records just written are the likeliest
            # to be referred to next.
            for old in list(itertools.islice(cache, limit // 2)):
                del cache[old]
        cache[key] = value

    def _load_speaker(self, ident: str) -> Speaker | None:
        entry = self._speaker_entry(ident)
        return None if entry is None else entry[1]

    def _load_source(self, ident: str) -> Source | None:
        entry = self._source_entry(ident)
        return None if entry is None else entry[1]

    def _decode_claim(self, data: str) -> Claim:
        raw = json.loads(data)
        context = _Context()
        speaker = self._load_speaker(raw.get("speaker", ""))
        if speaker is not None:
            context.speakers[speaker.id] = speaker
        for appearance in raw.get("appearances", ()):
            ident = appearance.get("source") if isinstance(appearance, dict) else None
            if isinstance(ident, str) and ident not in context.sources:
                source = self._load_source(ident)
                if source is not None:
                    context.sources[ident] = source
        claim: Claim = self._structure(Claim, raw, context)
        return claim

    def _load_claim(self, ident: str) -> Claim | None:
        row = self._run(
            "SELECT d.data FROM claims c JOIN claim_data d ON d.seq = c.seq WHERE c.id = ?",
            (ident,),
        ).fetchone()
        return None if row is None else self._decode_claim(row[0])

    def _decode_review(self, data: str) -> Review:
        raw = json.loads(data)
        context = _Context()
        claim = self._load_claim(raw.get("claim", ""))
        if claim is not None:
            context.claims[claim.id] = claim
        reviewer = self._load_speaker(raw.get("reviewer", ""))
        if reviewer is not None:
            context.speakers[reviewer.id] = reviewer
        review: Review = self._structure(Review, raw, context)
        return review

    def _decode_relation(self, data: str) -> Relation:
        relation: Relation = self._structure(Relation, json.loads(data), _Context())
        return relation

    def _load_relation(self, ident: str) -> Relation | None:
        row = self._run("SELECT data FROM relations WHERE id = ?", (ident,)).fetchone()
        return None if row is None else self._decode_relation(row[0])

    def _load_review(self, ident: str) -> Review | None:
        row = self._run("SELECT data FROM reviews WHERE id = ?", (ident,)).fetchone()
        return None if row is None else self._decode_review(row[0])

    # -- adding ---------------------------------------------------------------

    def add(self, record: Record | Ledger) -> None:
        """Add a claim, review, relation, speaker or source, or every record of a
        Ledger, in one transaction; records with an id already held are merged
        as :meth:`Ledger.add` merges them.

        Raises:
            IntegrityError: a record conflicts with the one held under its id
                (nothing of this call is written).
            StoreError: the database failed (nothing of this call is written).
        """
        with self.transaction():
            if isinstance(record, Ledger):
                _Bulk(self, list(_ledger_records(record))).write(None)
            else:
                self._add_record(record)

    def _preload(self, mini: Ledger, record: Record) -> None:
        if isinstance(record, Speaker):
            held_speaker = self._load_speaker(record.id)
            if held_speaker is not None:
                mini._add_speaker(held_speaker)
        elif isinstance(record, Source):
            source: Source | None = record
            while source is not None:
                held_source = self._load_source(source.id)
                if held_source is not None:
                    mini._add_source(held_source)
                source = source.part_of
        elif isinstance(record, Claim):
            self._preload(mini, record.speaker)
            for appearance in record.appearances:
                self._preload(mini, appearance.source)
            held_claim = self._load_claim(record.id)
            if held_claim is not None:
                mini._add_claim(held_claim)
        elif isinstance(record, Review):
            self._preload(mini, record.claim)
            self._preload(mini, record.reviewer)
            held_review = self._load_review(record.id)
            if held_review is not None:
                mini._add_review(held_review)
        elif isinstance(record, Relation):
            held_relation = self._load_relation(record.id)
            if held_relation is not None:
                mini._add_relation(held_relation)
        else:
            raise TypeError(
                "a Store holds Claims, Reviews, Relations, Speakers and Sources "
                f"(got {type(record).__name__})"
            )

    def _add_record(self, record: Record) -> Any:
        # Merge through a small Ledger holding the records already stored under
        # the ids involved, so a store merges exactly as a Ledger does.
        mini = Ledger()
        self._preload(mini, record)
        before = {
            name: dict(getattr(mini, name))
            for name in ("_speakers", "_sources", "_claims", "_relations", "_reviews")
        }
        held = mini.add(record)
        for name, write in (
            ("_speakers", self._write_speaker),
            ("_sources", self._write_source),
            ("_claims", self._write_claim),
            ("_relations", self._write_relation),
            ("_reviews", self._write_review),
        ):
            old = before[name]
            for ident, item in getattr(mini, name).items():
                previous = old.get(ident)
                if previous is None or previous != item:
                    write(item, previous is not None)
        return held

    def _write(self, sql: str, params: Iterable[Any]) -> sqlite3.Cursor:
        return self._run(sql, params, "write to the store")

    @staticmethod
    def _data(record: Record) -> str:
        return _WRITE[type(record)](record)

    def _write_speaker(self, speaker: Speaker, update: bool) -> None:
        data = self._data(speaker)
        if update:
            seq = self._run("SELECT seq FROM speakers WHERE id = ?", (speaker.id,)).fetchone()[0]
            self._write("UPDATE speakers SET data = ? WHERE seq = ?", (data, seq))
            self._write("DELETE FROM speaker_names WHERE speaker = ?", (seq,))
            self._write("DELETE FROM speaker_roles WHERE speaker = ?", (seq,))
        else:
            seq = self._write(
                "INSERT INTO speakers (id, data) VALUES (?, ?)", (speaker.id, data)
            ).lastrowid
        names = {normalize_name(n) for n in speaker.names()}
        names.update(f"\x1f{value}" for value in speaker.identifiers.values())
        with sqlite_errors(self._path, "write to the store"):
            self._db.executemany(
                "INSERT OR IGNORE INTO speaker_names VALUES (?, ?)", [(n, seq) for n in names]
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO speaker_roles VALUES (?, ?)",
                [(normalize_name(r.organization), seq) for r in speaker.roles if r.organization],
            )
        assert seq is not None
        self._remember_speaker((seq, speaker))

    def _write_source(self, source: Source, update: bool) -> None:
        url = normalize_url(source.url) if source.url else None
        publisher = normalize_name(source.publisher) if source.publisher else None
        data = self._data(source)
        if update:
            self._write(
                "UPDATE sources SET url = ?, publisher = ?, data = ? WHERE id = ?",
                (url, publisher, data, source.id),
            )
            seq = self._run("SELECT seq FROM sources WHERE id = ?", (source.id,)).fetchone()[0]
        else:
            seq = self._write(
                "INSERT INTO sources (id, url, publisher, data) VALUES (?, ?, ?, ?)",
                (source.id, url, publisher, data),
            ).lastrowid
        assert seq is not None
        self._remember(self._source_cache, source.id, (seq, source))

    def _seq(self, table: str, ident: str) -> int:
        entry = (self._speaker_entry if table == "speakers" else self._source_entry)(ident)
        if entry is None:  # pragma: no cover - written just before
            raise StoreError(f"{self._path}: the {table[:-1]} {ident!r} is missing")
        return entry[0]

    def _write_claim(self, claim: Claim, update: bool) -> None:
        lo, hi, floating, span = _bounds(claim.said)
        speaker = self._seq("speakers", claim.speaker.id)
        said = None if claim.said is None else claim.said.value
        data = self._data(claim)
        if update:
            seq = self._run("SELECT seq FROM claims WHERE id = ?", (claim.id,)).fetchone()[0]
            self._write(
                "UPDATE claims SET speaker = ?, said = ?, said_lo = ?, said_hi = ?, "
                "floating = ?, span = ? WHERE seq = ?",
                (speaker, said, lo, hi, floating, span, seq),
            )
            self._write("UPDATE claim_data SET data = ? WHERE seq = ?", (data, seq))
            self._write("DELETE FROM claim_sources WHERE claim = ?", (seq,))
            self._write("DELETE FROM claim_tags WHERE claim = ?", (seq,))
        else:
            seq = self._write(
                "INSERT INTO claims (id, speaker, said, said_lo, said_hi, floating, span) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim.id, speaker, said, lo, hi, floating, span),
            ).lastrowid
            self._write("INSERT INTO claim_data (seq, data) VALUES (?, ?)", (seq, data))
            self._write(
                "INSERT INTO claim_text (rowid, text) VALUES (?, ?)",
                (seq, normalize_text(claim.text)),
            )
        sources = {self._seq("sources", a.source.id) for a in claim.appearances}
        with sqlite_errors(self._path, "write to the store"):
            self._db.executemany(
                "INSERT OR IGNORE INTO claim_sources VALUES (?, ?)", [(s, seq) for s in sources]
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO claim_tags VALUES (?, ?)", [(t, seq) for t in claim.tags]
            )

    def _write_relation(self, relation: Relation, update: bool) -> None:
        params = (relation.claim, relation.target, relation.kind.value, relation.status.value,
                  self._data(relation), relation.id)  # fmt: skip
        if update:
            self._write(
                "UPDATE relations SET claim = ?, target = ?, kind = ?, status = ?, data = ? "
                "WHERE id = ?",
                params,
            )
        else:
            self._write(
                "INSERT INTO relations (claim, target, kind, status, data, id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                params,
            )

    def _write_review(self, review: Review, update: bool) -> None:
        label = rating_label(review)
        rating = normalize_text(label) if label is not None else None
        params = (review.claim.id, rating, self._data(review), review.id)
        before: set[str] = set()
        if update:
            row = self._run("SELECT rating FROM reviews WHERE id = ?", (review.id,)).fetchone()
            if row is not None and row[0] is not None:
                before.add(row[0])
            self._write("UPDATE reviews SET claim = ?, rating = ?, data = ? WHERE id = ?", params)
        else:
            self._write("INSERT INTO reviews (claim, rating, data, id) VALUES (?, ?, ?, ?)", params)
        # claim_ratings holds (rating, claim) while some review of the claim has it.
        for label in before | ({rating} if rating is not None else set()):
            self._write(
                "DELETE FROM claim_ratings WHERE rating = ?1 AND claim = "
                "(SELECT seq FROM claims WHERE id = ?2)",
                (label, review.claim.id),
            )
            self._write(
                "INSERT OR IGNORE INTO claim_ratings (rating, claim) "
                "SELECT ?1, seq FROM claims WHERE id = ?2 AND EXISTS "
                "(SELECT 1 FROM reviews WHERE claim = ?2 AND rating = ?1)",
                (label, review.claim.id),
            )

    # -- bulk import ----------------------------------------------------------

    def import_ledger(
        self,
        ledger: Ledger,
        *,
        batch_size: int = _BATCH_SIZE,
        progress: Callable[[ImportProgress], None] | None = None,
    ) -> ImportReport:
        """Add every record of *ledger*, committing after each *batch_size* claims.

        If it fails, the batches committed before stay committed (and the
        failing batch is rolled back); adding the same ledger again completes it.
        Batches are written in the background as :meth:`import_jsonl` writes them.
        """
        # The ledger lists every speaker and source before any claim, and holds
        # them all anyway: the caches keep them all for the import, rather than
        # forgetting the first ones and reading each back from the store.
        limit = self._cache_limit
        self._cache_limit = max(limit, len(ledger.speakers), len(ledger.sources))
        try:
            return self._import(
                ((n, r) for n, r in enumerate(_ledger_records(ledger), 1)),
                batch_size=batch_size,
                skip_bad=False,
                progress=progress,
                size=None,
                position=lambda: 0,
            )
        finally:
            self._cache_limit = limit
            if max(len(self._speaker_cache), len(self._source_cache)) > limit:
                self._forget()

    def import_jsonl(
        self,
        source: str | os.PathLike[str] | IO[bytes] | IO[str],
        *,
        batch_size: int = _BATCH_SIZE,
        skip_bad: bool = False,
        progress: Callable[[ImportProgress], None] | None = None,
    ) -> ImportReport:
        """Read JSON Lines (as :func:`claimtrack.dump_jsonl` writes them) into the
        store, committing after each *batch_size* claims.

        A bad line raises :class:`~claimtrack.ValidationError` whose paths start
        with its line number (``line 12: $.text``); the batches committed before
        it stay committed and its own batch is rolled back. With *skip_bad*,
        bad lines are skipped and listed in the report instead. References to
        records of earlier lines (or already in the store) resolve.

        Each batch is written while the next one is read, so reading and
        writing use two cores. As a line is read, its rows are planned (the
        record assumed new, numbered after the batch before); a background
        thread writes and commits the batch before (one statement per table,
        which SQLite runs without the GIL), then checks the planned ids
        against the store. A batch whose plan does not hold (a record to
        merge, an id the store holds, another connection's commit in between)
        is built against the store instead. If writing fails, the error (a
        :class:`~claimtrack.StoreError`) is raised once the batch is rolled
        back, the batches before it staying committed. *progress* is called
        in the calling thread after each batch commits. While the import
        runs, the interpreter's switch interval is lowered, so that the
        writer gets the GIL back at once after each statement. Inside a
        :meth:`transaction`, batches are written in the calling thread, each
        as a savepoint.

        The default *batch_size*, 50,000 claims, is chosen for large stores:
        a batch's inserts into the id, date and full-text indexes touch pages
        all over them, and each commit writes every page touched, so at a
        million claims batches of 10,000 imported about 20,000 claims per
        second and batches of 50,000 about 27,000. The price is memory: the
        batch being read and the batch being written are held at once (some
        170 MB more at the peak of a million-claim import than with 10,000).
        A small import is faster with smaller batches, as there is less left
        to write after the last line is read (100,000 claims: about 20,800
        per second with 10,000, 18,400 with 50,000, on a slow day).
        """
        _check_batch(batch_size)
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            try:
                handle: IO[Any] = open(path, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
            owned = True
        else:
            handle, owned = source, False
        try:
            size: int | None = None
            with contextlib.suppress(OSError, AttributeError, ValueError):
                size = os.fstat(handle.fileno()).st_size
            read = [0]
            # Records of earlier lines are looked up in the store once forgotten.
            loaders = {
                "speakers": self._load_speaker,
                "sources": self._load_source,
                "claims": self._load_claim,
            }
            context = _Context(lookup=lambda table, ident: loaders[table](ident))

            def records() -> Iterator[tuple[int, Record | ClaimtrackError]]:
                for number, line in enumerate(handle, start=1):
                    read[0] += len(line)
                    if isinstance(line, bytes):
                        line = line.decode("utf-8", "surrogateescape")
                    if not line or line.isspace():  # as strip() would, without a copy
                        continue
                    try:
                        record = _read_line(line, number, context)
                    except ValidationError as exc:
                        yield number, exc
                        continue
                    if record is not None:
                        yield number, record

            def forget() -> None:
                # Held only for references; the store answers for records of
                # committed batches.
                context.claims.clear()
                context.raw_sources.clear()
                if len(context.sources) > _CACHE_LIMIT:
                    context.sources.clear()
                if len(context.speakers) > _CACHE_LIMIT:
                    context.speakers.clear()

            return self._import(
                records(),
                batch_size=batch_size,
                skip_bad=skip_bad,
                progress=progress,
                size=size,
                position=lambda: read[0],
                after_batch=forget,
            )
        finally:
            if owned:
                handle.close()

    @_collector_paused()
    def _import(
        self,
        items: Iterable[tuple[int, Record | ClaimtrackError]],
        *,
        batch_size: int,
        skip_bad: bool,
        progress: Callable[[ImportProgress], None] | None,
        size: int | None,
        position: Callable[[], int],
        after_batch: Callable[[], None] | None = None,
    ) -> ImportReport:
        # The collector is paused: a bulk import allocates many objects and no cycles.
        _check_batch(batch_size)
        lines = records = claims = batches = 0
        skipped: list[Problem] = []
        iterator = iter(items)
        # A batch is read, then written in one transaction, so a bad line raises
        # before anything of its batch is written. Its last inserts and its
        # COMMIT run in a background thread while the next batch is read
        # (inside the caller's transaction, everything is written here).
        writer = _Writer(self) if self._depth == 0 and self._json_rows() else None
        committing: ImportProgress | None = None  # the batch the writer commits

        def settle() -> None:
            # Wait for the batch in flight: raise its error, or report it.
            if writer is None:
                return
            writer.wait()
            writer.check()
            report()

        def report() -> None:
            nonlocal committing
            done, committing = committing, None
            if done is not None and progress is not None:
                progress(done)

        outer, self._writer = self._writer, writer
        # The writer thread needs the GIL back after each statement (see _QuickSwitching).
        switching = _quick_switching() if writer is not None else contextlib.nullcontext()
        try:
            with switching:
                if writer is not None:
                    self._fresh()
                    writer.plan = _Bulk.planned(self, _Bulk.counts(self))
                more = True
                while more:
                    more = False
                    batch: list[tuple[int, Record]] = []
                    in_batch = 0
                    # Built as the batch is read (see _Bulk.planned).
                    plan = writer.plan if writer is not None else None
                    for number, item in iterator:
                        lines = number
                        if committing is not None and writer is not None and writer.done:
                            # Report a committed batch without waiting for the next one
                            # (nor stopping the thread's checks), or raise its failure.
                            if writer.error is None:
                                report()
                            else:
                                settle()
                        if isinstance(item, ClaimtrackError):
                            if not skip_bad:
                                settle()  # the failure of an earlier batch comes first
                                raise item
                            skipped.extend(getattr(item, "problems", ()))
                            continue
                        batch.append((number, item))
                        if plan is not None and not plan.add(item):
                            plan.reading = False
                            plan = None  # this batch is built once the previous one is written
                            self._forget()  # the plan's cache entries may not hold
                        if isinstance(item, Claim):
                            in_batch += 1
                            if in_batch >= batch_size:
                                more = True
                                break
                    payloads = plan.take() if plan is not None else None
                    if plan is not None:
                        plan.reading = False
                    settle()
                    numbers = [number for number, _ in batch]
                    if writer is None:
                        with self.transaction():
                            bulk = _Bulk(self, [record for _, record in batch])
                            failed = bulk.write(numbers, skip_bad)
                    else:
                        bulk, failed = self._write_batch(
                            writer, batch, numbers, skip_bad, plan, payloads
                        )
                    for error in failed:
                        skipped.extend(error.problems)
                    records += len(batch) - len(failed)
                    claims += in_batch - sum(isinstance(record, Claim) for record in bulk.failed)
                    batches += 1
                    del bulk, batch, numbers, plan, payloads  # not held while the next is read
                    if after_batch is not None:
                        after_batch()
                    done = ImportProgress(lines, claims, position(), size)
                    if writer is not None:
                        committing = done
                    elif progress is not None:
                        progress(done)
                settle()
        except Exception:
            if writer is not None:
                writer.close()
                writer.check()  # the failure of an earlier batch comes first
            raise
        finally:
            if writer is not None:
                writer.close()
            self._writer = outer
        return ImportReport(lines, records, claims, batches, tuple(skipped))

    def _json_rows(self) -> bool:
        """Whether this SQLite has the JSON functions the background writer uses
        (built in since 3.38, and compiled in almost everywhere before); without
        them, an import writes in the calling thread.
        """
        if self._json is None:
            try:
                self._db.execute("SELECT count(*) FROM json_each('[1]')").fetchone()
                self._json = True
            except sqlite3.OperationalError:
                self._json = False
        return self._json

    def _write_batch(
        self,
        writer: _Writer,
        batch: list[tuple[int, Record]],
        numbers: list[int],
        skip_bad: bool,
        plan: _Bulk | None,
        payloads: list[tuple[str, str]] | None,
    ) -> tuple[_Bulk, list[IntegrityError]]:
        # As transaction() begins a write; *writer* writes the rows left and
        # commits, then checks the next batch's plan (writer.plan) as it is read.
        # The rows planned while the batch was read are written if the plan
        # still holds; otherwise the batch is built now, against the store.
        self._run("BEGIN IMMEDIATE", (), "start a write")
        self._depth = 1
        try:
            if plan is not None and payloads is not None and not self._fresh() and plan.holds():
                writer.start(payloads, _Bulk.planned(self, plan.next))
                return plan, []
            self._forget()
            bulk = _Bulk(self, [record for _, record in batch])
            failed = bulk.write(numbers, skip_bad, keep=True)
            writer.start(bulk.take(), _Bulk.planned(self, bulk.next))
        except BaseException:
            self._forget()
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        return bulk, failed

    # -- export ---------------------------------------------------------------

    def _chunks(self) -> Iterator[str]:
        yield f'{{"claimtrack":{FORMAT_VERSION}'
        for section in ("speakers", "sources", "claims", "relations", "reviews"):
            with sqlite_errors(self._path, "read the store"):
                table = "claim_data" if section == "claims" else section
                cursor = self._db.execute(f"SELECT data FROM {table} ORDER BY seq")
                first = cursor.fetchone()
                if first is None:
                    continue
                yield f',\n"{section}":[\n'
                yield first[0]
                while rows := cursor.fetchmany(1000):
                    yield ",\n" + ",\n".join(row[0] for row in rows)
            yield "\n]"
        yield "}\n"

    def export(self) -> str:
        """The store as a ledger document: the same string :func:`claimtrack.dumps`
        writes for the same ledger.
        """
        return "".join(self._chunks())

    def export_to(self, target: str | os.PathLike[str] | IO[str]) -> None:
        """Write :meth:`export` to a path or a text file, without holding it all in memory."""
        if isinstance(target, (str, os.PathLike)):
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.writelines(self._chunks())
        else:
            target.writelines(self._chunks())

    def ledger(self) -> Ledger:
        """Everything in the store, as a Ledger."""
        return loads(self.export())

    def __len__(self) -> int:
        return int(self._run("SELECT count(*) FROM claims").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """How many records of each kind the store holds."""
        return {
            table: int(self._run(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("speakers", "sources", "claims", "relations", "reviews")
        }

    # -- queries --------------------------------------------------------------

    def claim(self, ident: str) -> Claim | None:
        """The claim with id *ident*, or None."""
        self._fresh()
        return self._load_claim(ident)

    def _claim(self, claim_id: str) -> Claim | None:
        self._fresh()
        return self._load_claim(claim_id)

    def speaker(self, who: Speaker | str) -> list[Speaker]:
        """The speakers *who* names, as :meth:`Ledger.speaker`."""
        self._fresh()
        if isinstance(who, Speaker):
            held = self._load_speaker(who.id)
            return [held] if held is not None else []
        held = self._load_speaker(who)
        if held is not None:
            return [held]
        for key in (normalize_name(who), f"\x1f{who}"):
            rows = self._rows(
                "SELECT s.id FROM speaker_names n JOIN speakers s ON s.seq = n.speaker "
                "WHERE n.name = ? ORDER BY s.seq",
                (key,),
            )
            found = [s for (ident,) in rows if (s := self._load_speaker(ident)) is not None]
            if found:
                return found
        return []

    def claims_by(self, who: Speaker | str) -> list[Claim]:
        """Claims by the speaker *who* names (see :meth:`speaker`), in insertion order."""
        return self.query(speaker=who)

    def claims_by_organization(self, organization: str) -> list[Claim]:
        """Claims said while the speaker held a role in *organization*, as
        :meth:`Ledger.claims_by_organization`.
        """
        return self.query(organization=organization)

    def claims_between(
        self,
        start: Date | str | None,
        end: Date | str | None,
        mode: Literal["definitely", "possibly"] = "definitely",
    ) -> list[Claim]:
        """Claims said within the window, as :meth:`Ledger.claims_between`."""
        if start is None and end is None:
            return self.query(start="..", end=None, mode=mode)
        return self.query(start=start, end=end, mode=mode)

    def claims_in(self, source: Source | str) -> list[Claim]:
        """Claims that appeared in *source* (a Source, a source id or a URL)."""
        return self.query(source=source)

    def claims_published_by(self, publisher: str) -> list[Claim]:
        """Claims that appeared in a source of *publisher* (compared normalised)."""
        return self.query(publisher=publisher)

    def claims_tagged(self, tag: str) -> list[Claim]:
        """Claims carrying the tag *tag*."""
        return self.query(tag=tag)

    def claims_rated(self, rating: str) -> list[Claim]:
        """Claims with a review rated *rating* (label or value, compared normalised)."""
        return self.query(rating=rating)

    def search(self, text: str) -> list[Claim]:
        """Claims whose text contains every word of *text*, as :meth:`Ledger.search`,
        answered from the full-text index.
        """
        return self.query(text=text)

    def first_appearance(self, claim: Claim | str) -> Appearance | None:
        """The earliest appearance of *claim* (a Claim or a claim id) held in the store."""
        self._fresh()
        held = self._load_claim(claim if isinstance(claim, str) else claim.id)
        return held.first_appearance if held is not None else None

    def reviews_of(self, claim: Claim | str) -> list[Review]:
        """The reviews of *claim* (a Claim or a claim id)."""
        self._fresh()
        claim_id = claim if isinstance(claim, str) else claim.id
        rows = self._rows("SELECT data FROM reviews WHERE claim = ? ORDER BY seq", (claim_id,))
        return [self._decode_review(data) for (data,) in rows]

    def _reviews_rated(self, rating: str | None) -> Iterator[Review]:
        self._fresh()
        if rating is None:
            rows = self._rows("SELECT data FROM reviews ORDER BY seq")
        else:
            rows = self._rows(
                "SELECT data FROM reviews WHERE rating = ? ORDER BY seq", (normalize_text(rating),)
            )
        for (data,) in rows:
            yield self._decode_review(data)

    def relations_of(
        self, claim: Claim | str, kind: RelationKind | str | None = None
    ) -> list[Relation]:
        """The relations that start or end at *claim*, optionally of one *kind*."""
        claim_id = claim if isinstance(claim, str) else claim.id
        rows = self._rows(
            "SELECT data, kind FROM relations WHERE claim = ?1 OR target = ?1 ORDER BY seq",
            (claim_id,),
        )
        return [self._decode_relation(data) for data, k in rows if kind is None or k == kind]

    def _source_id(self, source: Source | str) -> str:
        if isinstance(source, Source):
            return source.id
        if self._source_entry(source) is not None:
            return source
        row = self._run(
            "SELECT id FROM sources WHERE url = ? ORDER BY seq LIMIT 1", (normalize_url(source),)
        ).fetchone()
        return "" if row is None else str(row[0])

    def query(
        self,
        *,
        speaker: Speaker | str | None = None,
        organization: str | None = None,
        start: Date | str | None = None,
        end: Date | str | None = None,
        mode: Literal["definitely", "possibly"] = "definitely",
        source: Source | str | None = None,
        publisher: str | None = None,
        text: str | None = None,
        tag: str | None = None,
        rating: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """Claims that meet every filter given, in insertion order, as
        :meth:`Ledger.query`, answered from the indexes: *offset* skips the first
        so many, *limit* keeps the next so many. Only the claims returned are
        read and rebuilt, so a page (``limit=100``) costs the same in a store of
        any size.
        """
        _check_limit(limit)
        _check_offset(offset)
        self._fresh()
        filters: list[_Filter] = []
        if speaker is not None:
            seqs = [self._seq("speakers", s.id) for s in self.speaker(speaker)]
            if not seqs:
                return []
            listed = ",".join(map(str, sorted(seqs)))
            filters.append(
                _Filter(
                    f"c.speaker IN ({listed})",
                    drive=f"FROM claims c INDEXED BY claims_speaker WHERE c.speaker IN ({listed})",
                    ordered=len(seqs) == 1,
                    count=f"SELECT seq FROM claims WHERE speaker IN ({listed})",
                )
            )
        if source is not None:
            entry = self._source_entry(self._source_id(source))
            if entry is None:
                return []
            filters.append(
                _Filter(
                    f"EXISTS (SELECT 1 FROM claim_sources s WHERE s.source = {entry[0]} "
                    "AND s.claim = c.seq)",
                    drive="FROM claim_sources x CROSS JOIN claims c ON c.seq = x.claim "
                    f"WHERE x.source = {entry[0]}",
                    order="x.claim",
                    ordered=True,
                    count=f"SELECT claim FROM claim_sources WHERE source = {entry[0]}",
                )
            )
        if rating is not None:
            wanted_rating = normalize_text(rating)
            filters.append(
                _Filter(
                    "EXISTS (SELECT 1 FROM claim_ratings r WHERE r.rating = ? AND r.claim = c.seq)",
                    [wanted_rating],
                    drive="FROM claim_ratings x CROSS JOIN claims c ON c.seq = x.claim "
                    "WHERE x.rating = ?",
                    order="x.claim",
                    ordered=True,
                    count="SELECT claim FROM claim_ratings WHERE rating = ?",
                )
            )
        if tag is not None:
            filters.append(
                _Filter(
                    "EXISTS (SELECT 1 FROM claim_tags g WHERE g.tag = ? AND g.claim = c.seq)",
                    [tag],
                    drive="FROM claim_tags x CROSS JOIN claims c ON c.seq = x.claim "
                    "WHERE x.tag = ?",
                    order="x.claim",
                    ordered=True,
                    count="SELECT claim FROM claim_tags WHERE tag = ?",
                )
            )
        if text is not None:
            words = _search_words(text)
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            filters.append(
                _Filter(
                    "EXISTS (SELECT 1 FROM claim_text t WHERE t.claim_text MATCH ? "
                    "AND t.rowid = c.seq)",
                    [match],
                    drive="FROM claim_text x CROSS JOIN claims c ON c.seq = x.rowid "
                    "WHERE x.claim_text MATCH ?",
                    order="x.rowid",
                    ordered=True,
                    count="SELECT rowid FROM claim_text WHERE claim_text MATCH ?",
                )
            )
        if start is not None or end is not None:
            if mode not in ("definitely", "possibly"):
                raise ValidationError(
                    f"'mode' must be 'definitely' or 'possibly' (got {mode!r})",
                    field="mode",
                    value=mode,
                )
            window = _window(_as_date(None if start == ".." else start), _as_date(end))
            condition = _date_condition(window, mode)
            within = self._date_subquery(window, condition)
            filters.append(
                _Filter(
                    f"c.said IS NOT NULL AND {condition}",
                    drive=f"FROM claims c WHERE c.seq IN ({within})",
                    count=within,
                )
            )
        wanted_org = None
        if organization is not None:
            wanted_org = normalize_name(organization)
            filters.append(
                _Filter(
                    "c.speaker IN (SELECT speaker FROM speaker_roles WHERE organization = ?)",
                    [wanted_org],
                )
            )
        if publisher is not None:
            filters.append(
                _Filter(
                    "EXISTS (SELECT 1 FROM claim_sources s JOIN sources p ON p.seq = s.source "
                    "WHERE s.claim = c.seq AND p.publisher = ?)",
                    [normalize_name(publisher)],
                )
            )
        driver, candidates = self._driver(filters, limit, offset)
        if candidates is not None and len(filters) == 1:  # the candidates are the answer
            stop = None if limit is None else offset + limit
            return self._claims_at(candidates[offset:stop])
        probes = [f for f in filters if f is not driver]
        if candidates is not None and driver is not None and not driver.ordered:
            rows = self._probe(candidates, probes)
            return self._claims_at(self._page(rows, wanted_org, limit, offset))
        params: list[Any] = []
        if driver is None:
            sql = "SELECT c.seq, c.speaker, c.said FROM claims c NOT INDEXED WHERE 1"
            order = "c.seq"
        else:
            sql = f"SELECT c.seq, c.speaker, c.said {driver.drive}"
            params.extend(driver.params)
            order = driver.order
        for item in probes:
            sql += f" AND {item.probe}"
            params.extend(item.params)
        sql += f" ORDER BY {order}"
        if wanted_org is None:
            if limit is not None:
                sql += f" LIMIT {limit}"
            if offset:
                sql += f" {'' if limit is not None else 'LIMIT -1 '}OFFSET {offset}"
            return self._claims_at([row[0] for row in self._rows(sql, params)])
        with sqlite_errors(self._path, "read the store"):
            cursor = self._db.execute(sql, params)
            return self._claims_at(self._page(cursor, wanted_org, limit, offset))

    def _probe(
        self, candidates: list[int], probes: list[_Filter]
    ) -> Iterator[tuple[int, int, str | None]]:
        """The rows of *candidates* (in order) that pass every probe, tested a
        slice at a time, so that a full page stops the work early.
        """
        where = "".join(f" AND {item.probe}" for item in probes)
        params = [value for item in probes for value in item.params]
        for first in range(0, len(candidates), 256):
            listed = ",".join(map(str, candidates[first : first + 256]))
            yield from self._rows(
                "SELECT c.seq, c.speaker, c.said FROM claims c "
                f"WHERE c.seq IN ({listed}){where} ORDER BY c.seq",
                params,
            )

    def _page(
        self,
        rows: Iterable[tuple[int, int, str | None]],
        organization: str | None,
        limit: int | None,
        offset: int,
    ) -> list[int]:
        """The seqs of the page of *rows* from *offset*, at most *limit* of them.

        With *organization*, only rows whose speaker held a role there when the
        claim was said count: a role is held for a time, so this is tested on
        the candidate rows (speaker and said-date only).
        """
        seqs: list[int] = []
        skip = offset
        with sqlite_errors(self._path, "read the store"):
            for seq, speaker_seq, said in rows:
                if limit is not None and len(seqs) >= limit:
                    break
                if organization is not None:
                    speaker = self._speaker_at(speaker_seq)
                    when = None if said is None else Date.parse(said)
                    if speaker is None or not _held_role(speaker, organization, when):
                        continue
                if skip:
                    skip -= 1
                    continue
                seqs.append(seq)
        return seqs

    def _driver(
        self, filters: list[_Filter], limit: int | None, offset: int
    ) -> tuple[_Filter | None, list[int] | None]:
        """The filter whose index drives the query (None: scan claims in order)
        and, when they were listed, its candidate claims in order.

        A filter with few candidates drives, from the list of them; otherwise
        one whose index yields claims in insertion order, so the walk stops once
        the page is full. "Few" balances listing candidates against walking: a
        page of *p* claims among *n* that match one in *k* costs a walk of about
        *p·k* rows, so a list is worth it up to about sqrt(p·n) candidates
        (less, as listing a candidate costs more than walking past a row).
        """
        drivable = [f for f in filters if f.drive is not None]
        if not drivable:
            return None, None
        if len(drivable) == 1 and drivable[0].ordered:
            return drivable[0], None
        total = int(self._run("SELECT coalesce(max(seq), 0) FROM claims").fetchone()[0])
        page = total if limit is None else offset + limit
        # A listed candidate costs about four times a walked row.
        fewest = max(_CAP, math.isqrt(page * total // 4))
        best: _Filter | None = None
        for item in drivable:
            assert item.count is not None
            # Only a filter with fewer candidates than the best so far matters.
            sql = f"SELECT count(*) FROM ({item.count} LIMIT {fewest})"
            if len(drivable) == 1:
                sql = f"{item.count} LIMIT {fewest}"  # list them at once
            with sqlite_errors(self._path, "read the store"):
                rows = self._db.execute(sql, item.params).fetchall()
            found = len(rows) if len(drivable) == 1 else int(rows[0][0])
            if found < fewest:
                best, fewest = item, found
        if best is None:
            return next((f for f in drivable if f.ordered), None), None
        if best.ordered:
            return best, None  # walked in order, it stops when the page is full
        if len(drivable) > 1:
            assert best.count is not None
            rows = self._rows(best.count, best.params)
        return best, sorted(row[0] for row in rows)

    def _claims_at(self, seqs: list[int]) -> list[Claim]:
        """The claims at *seqs*, rebuilt from their stored wire form, in that order."""
        found: dict[int, str] = {}
        for first in range(0, len(seqs), 500):
            listed = ",".join(map(str, seqs[first : first + 500]))
            found.update(self._rows(f"SELECT seq, data FROM claim_data WHERE seq IN ({listed})"))
        return [self._decode_claim(found[seq]) for seq in seqs]

    @staticmethod
    def _date_subquery(window: Date, condition: str) -> str:
        # Per span class, a claim that can meet the window starts at most that
        # class's longest span (and any offset widening) before the window.
        p = window._parsed
        parts = []
        for span, longest in enumerate(_SPANS):
            lo = -_FAR if p.lo is None else p.lo - longest - _MARGIN
            hi = _FAR if p.hi is None else p.hi + _MARGIN
            parts.append(
                f"SELECT seq FROM claims INDEXED BY claims_said WHERE span = {span} "
                f"AND said IS NOT NULL AND said_lo BETWEEN {lo} AND {hi} AND {condition}"
            )
        parts.append(
            f"SELECT seq FROM claims INDEXED BY claims_said WHERE span = {len(_SPANS)} "
            f"AND said IS NOT NULL AND {condition}"
        )
        return " UNION ALL ".join(parts)

    # -- relations between claims ---------------------------------------------

    def suggest_relations(
        self,
        *,
        threshold: float = 0.5,
        repeat_threshold: float = 0.8,
        min_words: int = 4,
        at: Date | str | None = None,
    ) -> list[Relation]:
        """Find repeats and near-duplicates among the stored claims; store and
        return them as suggested relations, as :meth:`Ledger.suggest_relations`.
        """
        from claimtrack._repeats import TOOL, features, find_matches

        rows = self._rows(
            "SELECT c.seq, c.id, c.speaker, c.said, d.data FROM claims c "
            "JOIN claim_data d ON d.seq = c.seq ORDER BY c.seq"
        )
        items = []
        for seq, ident, speaker, said, data in rows:
            key = (0, Date.parse(said).sort_key) if said is not None else (1, (0, 0, ""))
            items.append((key, seq, ident, str(speaker), json.loads(data)["text"]))
        items.sort(key=lambda item: (item[0], item[1]))
        del rows
        matches = list(
            find_matches(
                (features(ident, speaker, text) for _, _, ident, speaker, text in items),
                threshold=threshold,
                repeat_threshold=repeat_threshold,
                min_words=min_words,
            )
        )
        when = _as_date(at)
        out: list[Relation] = []
        with self.transaction():
            for match in matches:
                if self._linked(match.claim, match.target):
                    continue
                relation = Relation(
                    kind=match.kind,
                    claim=match.claim,
                    target=match.target,
                    weight=match.similarity,
                    by=TOOL,
                    at=when,
                )
                out.append(self._add_record(relation))
        return out

    def _linked(self, a: str, b: str) -> bool:
        kinds = ",".join(f"'{k.value}'" for k in _LINKS)
        row = self._run(
            f"SELECT 1 FROM relations WHERE kind IN ({kinds}) AND "
            "((claim = ?1 AND target = ?2) OR (claim = ?2 AND target = ?1)) LIMIT 1",
            (a, b),
        ).fetchone()
        return row is not None

    def confirm(
        self, relation: Relation | str, *, by: str | None = None, at: Date | str | None = None
    ) -> Relation:
        """Mark a stored relation confirmed, as :meth:`Ledger.confirm`."""
        return self._set_status(relation, RelationStatus.CONFIRMED, by, at)

    def reject(
        self, relation: Relation | str, *, by: str | None = None, at: Date | str | None = None
    ) -> Relation:
        """Mark a stored relation rejected, as :meth:`Ledger.reject`."""
        return self._set_status(relation, RelationStatus.REJECTED, by, at)

    def _set_status(
        self,
        relation: Relation | str,
        status: RelationStatus,
        by: str | None,
        at: Date | str | None,
    ) -> Relation:
        ident = relation if isinstance(relation, str) else relation.id
        with self.transaction():
            held = self._load_relation(ident)
            if held is None:
                raise IntegrityError([Problem("$.relations", f"no relation has the id {ident!r}")])
            changes: dict[str, Any] = {"status": status}
            if by is not None:
                changes["by"] = by
            if at is not None:
                changes["at"] = _as_date(at)
            updated = attrs.evolve(held, **changes)
            self._write_relation(updated, True)
        return updated

    def relations_where(
        self,
        *,
        kind: RelationKind | str | None = None,
        status: RelationStatus | str | None = None,
    ) -> list[Relation]:
        """The relations of *kind* and *status*, as :meth:`Ledger.relations_where`."""
        sql, params = "SELECT data FROM relations WHERE 1", []
        if kind is not None:
            sql += " AND kind = ?"
            params.append(str(kind))
        if status is not None:
            sql += " AND status = ?"
            params.append(str(status))
        return [self._decode_relation(d) for (d,) in self._rows(sql + " ORDER BY seq", params)]


def _ledger_records(ledger: Ledger) -> Iterator[Record]:
    yield from ledger.speakers
    yield from ledger.sources
    yield from ledger.claims
    yield from ledger.relations
    yield from ledger.reviews


def _check_batch(batch_size: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValidationError(
            f"'batch_size' must be a positive integer (got {batch_size!r})",
            field="batch_size",
            value=batch_size,
        )


def _insert(table: str, columns: str, *, ignore: bool = False) -> str:
    """The bulk writer's insert into *table*: every row in one parameter, a
    JSON array of rows (see _Bulk.take). One statement step writes them all,
    and SQLite runs it without the GIL, unlike ``executemany``, which takes
    the GIL back for every row.
    """
    # json_extract gives integers as INTEGER, null as NULL and strings as TEXT
    # (valid text holds no NUL, at which it would stop).
    count = columns.count(",") + 1
    values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(count))
    return (
        f"{'INSERT OR IGNORE' if ignore else 'INSERT'} INTO {table} ({columns}) "
        f"SELECT {values} FROM json_each(?)"
    )


def _insert_row(sql: str) -> str:
    """The one-row form of a bulk insert, for ``executemany`` where SQLite
    lacks its JSON functions.
    """
    head, values = sql.split(" SELECT ", 1)
    return f"{head} VALUES ({', '.join('?' * values.count('json_extract'))})"


#: Insert statements of the bulk writer, by buffer.
_INSERTS = {
    "speakers": _insert("speakers", "seq, id, data"),
    "speaker_names": _insert("speaker_names", "name, speaker", ignore=True),
    "speaker_roles": _insert("speaker_roles", "organization, speaker", ignore=True),
    "sources": _insert("sources", "seq, id, url, publisher, data"),
    "claims": _insert("claims", "seq, id, speaker, said, said_lo, said_hi, floating, span"),
    "claim_data": _insert("claim_data", "seq, data"),
    "claim_text": _insert("claim_text", "rowid, text"),
    "claim_sources": _insert("claim_sources", "source, claim", ignore=True),
    "claim_tags": _insert("claim_tags", "tag, claim", ignore=True),
    "relations": _insert("relations", "seq, id, claim, target, kind, status, data"),
    "reviews": _insert("reviews", "seq, id, claim, rating, data"),
    "claim_ratings": _insert("claim_ratings", "rating, claim", ignore=True),
}
#: A row of the bulk writer as JSON text (an array), as the C encoder writes it.
_row = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
#: A string as JSON text: the claims' hot path writes its rows with it, in place.
_string = json.encoder.encode_basestring


@functools.lru_cache(maxsize=65536)
def _said_columns(value: str | None) -> str:
    """The said, said_lo, said_hi, floating and span columns of a claim's row
    (JSON text, comma first) for a said-date of *value*: claims share a few
    thousand dates, so each is worked out once.
    """
    said = None if value is None else Date.parse(value)
    return "," + _row((value, *_bounds(said)))[1:-1]


def _payloads(sql: str, rows: list[str], limit: int) -> list[tuple[str, str]]:
    """*rows* (each a JSON array) as (statement, JSON) pairs, each JSON within
    SQLite's length limit in bytes (a huge batch is split; one row is never split).
    """
    payload = f"[{','.join(rows)}]"
    size = len(payload) if payload.isascii() else 4 * len(payload)  # UTF-8 at most
    if size <= limit or len(rows) == 1:
        return [(sql, payload)]
    half = len(rows) // 2
    return _payloads(sql, rows[:half], limit) + _payloads(sql, rows[half:], limit)


_TABLES = ("speakers", "sources", "claims", "relations", "reviews")
_TABLE_OF: dict[type[Any], str] = {
    Speaker: "speakers",
    Source: "sources",
    Claim: "claims",
    Relation: "relations",
    Review: "reviews",
}


class _QuickSwitching:
    """Lowers the interpreter's switch interval while a pipelined import runs
    (in any thread), and restores it when the last one ends.

    The sqlite3 module gives the GIL up three times in each statement (and
    takes it back), and the reader holds it meanwhile. The reader also lets
    it go for a moment at every buffered read of the file, which restarts
    the writer's wait: with the default interval (5 ms) the writer waited
    about as long for the GIL as SQLite took to write (13 to 17 µs per claim
    with batches of 10,000). An interval shorter than the time between the
    reader's reads makes the reader hand the GIL over at once. Threads that
    do not compete for the GIL are not slowed.
    """

    INTERVAL = 0.0001

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 0.0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self._saved, self.INTERVAL))
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    sys.setswitchinterval(self._saved)


_quick_switching = _QuickSwitching()


class _Writer:
    """Writes the rows left of an import's batch, and commits it, in a background
    thread while the caller's thread reads the next batch.

    The caller begins the batch's transaction and writes its merges; what is
    left is one statement per table (see _insert), which SQLite runs without
    the GIL, and the COMMIT (or, if anything fails, the ROLLBACK). Once the
    batch is committed, the thread checks the ids the next batch's plan adds
    against the store, as the caller reads it (see _Bulk.check_while_read),
    so that little is left to check between batches. One batch is in flight
    at a time, and the caller does not use the connection until it has
    waited for it (Store._run and Store._rows wait).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.thread: threading.Thread | None = None
        #: The failure of the last batch, rolled back; raised by :meth:`check`.
        self.error: BaseException | None = None
        #: Whether the batch in flight (if any) is committed or rolled back: a
        #: flag, so that the reader can look at it after every line.
        self.done = True
        #: The plan of the batch read meanwhile, checked once the batch is committed.
        self.plan: _Bulk | None = None
        self._stop = threading.Event()  # set when the caller wants the connection

    def start(self, payloads: list[tuple[str, str]], plan: _Bulk | None) -> None:
        """Write *payloads* and commit, in a new thread; then check *plan*."""
        thread = threading.Thread(target=self._commit, args=(payloads,), name="claimtrack-import")
        self.plan = plan
        self._stop.clear()
        self.done = False
        try:
            thread.start()
        except BaseException:
            self.done = True
            raise
        self.thread = thread

    def _commit(self, payloads: list[tuple[str, str]]) -> None:
        db, path = self.store._db, self.store._path
        try:
            with sqlite_errors(path, "write to the store"):
                payloads.reverse()
                while payloads:  # each payload freed once written
                    sql, payload = payloads.pop()
                    db.execute(sql, (payload,))
                    del payload
            with sqlite_errors(path, "commit"):
                db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self.error = exc
            return
        finally:
            self.done = True
        if self.plan is not None:
            self.plan.check_while_read(db, self._stop)

    def wait(self) -> None:
        """Wait for the batch in flight, if any (its failure is kept for :meth:`check`)."""
        thread = self.thread
        if thread is not None:
            self._stop.set()
            thread.join()
            self.thread = None
            if self.error is not None:
                # The caches may hold records of the batch rolled back.
                self.store._forget()

    def check(self) -> None:
        """Raise the failure of the last batch, if it failed."""
        error, self.error = self.error, None
        if error is not None:
            raise error

    def close(self) -> None:
        """Wait for the batch in flight even through an interrupt: the thread
        must not outlive the import, nor leave its transaction open.
        """
        interrupted: BaseException | None = None
        while self.thread is not None:
            try:
                self.wait()
            except KeyboardInterrupt as exc:
                interrupted = exc
        if interrupted is not None:
            raise interrupted


class _Bulk:
    """Writes a batch of records (inside the caller's transaction) with one
    ``executemany`` per table, or hands the rows to a thread (:meth:`take`).

    A record takes the fast path when it is new (its id is neither in the store,
    asked once per batch, nor earlier in the batch) and every record it embeds
    is the one the store holds: then merging, as :meth:`Ledger.add` merges,
    would change nothing, and the record is inserted as it is. Any other record
    goes through :meth:`Store._add_record`, which merges exactly as a Ledger does.

    A *planned* batch (:meth:`planned`) is built record by record as an
    import reads it, while the batch before is still being written: it
    assumes every record is new and takes its sequence numbers from where the
    batch before ended (it asks the store only for a record of an earlier
    batch that is not cached, which waits for the batch in flight). :meth:`add`
    tells when a record needs more than that, and :meth:`holds` checks the
    assumptions once the batch's transaction has begun; when either fails,
    the batch is built again the usual way.
    """

    def __init__(
        self, store: Store, records: list[Record], *, start: dict[str, int] | None = None
    ) -> None:
        self.store = store
        self.records = records
        #: Whether this is a plan, whose rows are written only once it holds.
        self.planning = start is not None
        self.start = start
        #: Rows to insert, by buffer, each a JSON array (see _insert).
        self.rows: dict[str, list[str]] = {name: [] for name in _INSERTS}
        # The buffers every claim appends to (emptied in place by take()).
        self._claim_rows = self.rows["claims"]
        self._data_rows = self.rows["claim_data"]
        self._text_rows = self.rows["claim_text"]
        self._source_rows = self.rows["claim_sources"]
        self._tag_rows = self.rows["claim_tags"]
        self.claims: dict[str, tuple[int, Claim]] = {}
        self.failed: list[Record] = []
        self.held: dict[str, set[str]] = {table: set() for table in _TABLES}
        #: The ids added, by table, in order: a list the writer thread reads
        #: while this one appends to it (see check_while_read).
        self.added: dict[str, list[str]] = {table: [] for table in _TABLES}
        #: How many of each table's added ids are checked, and whether the store
        #: held any of them (which the plan assumed it did not).
        self.checked = dict.fromkeys(_TABLES, 0)
        self.conflict = False
        #: Whether the caller is still reading the plan's batch.
        self.reading = True
        self._added_claims = self.added["claims"]
        if start is not None:
            self.next = dict(start)
            return
        wanted: dict[str, list[str]] = {table: [] for table in _TABLES}
        for record in records:
            table = _TABLE_OF.get(type(record))
            if table is not None:
                wanted[table].append(record.id)
        for table, ids in wanted.items():
            self.held[table].update(self._held(table, ids))
        self.next = self.counts(store)

    @classmethod
    def planned(cls, store: Store, start: dict[str, int]) -> _Bulk:
        """An empty plan whose sequence numbers begin at *start*; see :meth:`add`."""
        return cls(store, [], start=start)

    @staticmethod
    def counts(store: Store) -> dict[str, int]:
        """The next sequence number of each table."""
        return {
            table: (store._run(f"SELECT max(seq) FROM {table}").fetchone()[0] or 0) + 1
            for table in _TABLES
        }

    def _held(
        self, table: str, ids: list[str], rows: Callable[[str, Any], list[Any]] | None = None
    ) -> Iterator[str]:
        """Those of *ids* the store holds in *table* (asked through *rows*, by
        default the store's, which waits for the writer thread).
        """
        if not ids:
            return
        rows = rows or self.store._rows
        if self.store._json_rows():  # one statement, which SQLite runs without the GIL
            sql = f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))"
            limit = self.store._db.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
            for _, payload in _payloads(sql, [_string(ident) for ident in ids], limit):
                for row in rows(sql, (payload,)):
                    yield row[0]
            return
        for first in range(0, len(ids), 500):
            chunk = ids[first : first + 500]
            marks = ",".join("?" * len(chunk))
            for row in rows(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk):
                yield row[0]

    def _hold(self, table: str, ident: str) -> None:
        self.held[table].add(ident)
        self.added[table].append(ident)

    def check(self, rows: Callable[[str, Any], list[Any]] | None = None) -> None:
        """Ask the store whether it holds any of the ids added since the last check."""
        for table, ids in self.added.items():
            first = self.checked[table]
            new = ids[first:]
            if new:
                if next(self._held(table, new, rows), None) is not None:
                    self.conflict = True
                self.checked[table] = first + len(new)

    def check_while_read(self, db: sqlite3.Connection, stop: threading.Event) -> None:
        """In the writer thread, once the batch before this plan's is committed:
        check the ids the caller adds as it reads, until it has read the batch
        (or wants the connection, and sets *stop*).

        The store is asked in the state the plan's batch will begin from: every
        earlier batch committed, and what another connection commits later
        seen by the batch's ``PRAGMA data_version`` (see Store._fresh). What is
        left unchecked is checked by :meth:`holds`.
        """

        def rows(sql: str, params: Any) -> list[Any]:
            return db.execute(sql, params).fetchall()

        with contextlib.suppress(sqlite3.Error):  # holds() asks again, and reports
            while not stop.is_set() and not self.conflict:
                reading = self.reading
                self.check(rows)
                if not reading:
                    return
                stop.wait(0.005)  # for more ids

    def _count(self) -> None:
        self.next = self.counts(self.store)

    def add(self, record: Record) -> bool:
        """Plan *record*'s rows; False when it needs the store (or a merge),
        and the plan is then of no use.
        """
        self.records.append(record)
        return self._fast(record)

    def holds(self) -> bool:
        """Whether the plan's assumptions hold in the store (as it is now, in
        the batch's transaction): no table has grown since the plan began, and
        the store holds none of the records it planned as new.
        """
        assert self.start is not None
        if self.conflict or self.counts(self.store) != self.start:
            return False
        self.check()  # the ids the writer thread has not checked
        return not self.conflict

    def _seq(self, table: str) -> int:
        seq = self.next[table]
        self.next[table] = seq + 1
        return seq

    def take(self) -> list[tuple[str, str]]:
        """The buffered rows as (statement, parameter) pairs, one per table (or
        more for a huge batch), for a thread to write; and forget them.
        """
        limit = self.store._db.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
        taken = []
        for name, rows in self.rows.items():
            if rows:
                taken.extend(_payloads(_INSERTS[name], rows, limit))
                rows.clear()
        return taken

    def flush(self) -> None:
        """Send the buffered rows to the database, in this thread."""
        db = self.store._db
        with sqlite_errors(self.store._path, "write to the store"):
            if self.store._json_rows():
                for sql, payload in self.take():
                    db.execute(sql, (payload,))
                return
            for name, rows in self.rows.items():
                if rows:
                    db.executemany(_insert_row(_INSERTS[name]), map(json.loads, rows))
                    rows.clear()

    def write(
        self, numbers: list[int] | None, skip_bad: bool = False, *, keep: bool = False
    ) -> list[IntegrityError]:
        """Write every record. A record that conflicts with the one held raises
        :class:`IntegrityError` (its paths prefixed with the record's line number
        when *numbers* are given) or, with *skip_bad*, is skipped and returned.
        With *keep*, the rows still buffered at the end are left for :meth:`take`.
        """
        failed: list[IntegrityError] = []
        for index, record in enumerate(self.records):
            if self._fast(record):
                continue
            self.flush()
            try:
                self.store._add_record(record)
            except IntegrityError as exc:
                if numbers is None:
                    raise
                error = IntegrityError(
                    Problem(f"line {numbers[index]}: {p.path}", p.message) for p in exc.problems
                )
                if not skip_bad:
                    raise error from None
                failed.append(error)
                self.failed.append(record)
            self._count()
            table = _TABLE_OF.get(type(record))
            if table is not None:
                self.held[table].add(record.id)
        if not keep:
            self.flush()
        return failed

    def _settled(self, record: Speaker | Source) -> bool:
        return self._entry(record) is not None

    def _entry(self, record: Speaker | Source) -> tuple[int, Any] | None:
        """The (seq, record) the store holds under *record*'s id, when that is
        *record* itself (or equal to it); else None.
        """
        speaker = type(record) is Speaker
        cache: dict[str, Any] = self.store._speaker_cache if speaker else self.store._source_cache
        entry = cache.get(record.id)
        if entry is None:
            # Not cached (or forgotten): ask the store, with the rows so far
            # written (a plan's rows are not written before its batch begins).
            if not self.planning:
                self.flush()
            load = self.store._speaker_entry if speaker else self.store._source_entry
            entry = load(record.id)
        if entry is not None and (entry[1] is record or entry[1] == record):
            return entry
        return None

    def _fast(self, record: Record) -> bool:
        kind = type(record)
        if kind is Claim:
            return self._claim(record)  # type: ignore[arg-type]
        if kind is Source:
            return self._source(record)  # type: ignore[arg-type]
        if kind is Speaker:
            return self._speaker(record)  # type: ignore[arg-type]
        if kind is Review:
            return self._review(record)  # type: ignore[arg-type]
        if kind is Relation:
            return self._relation(record)  # type: ignore[arg-type]
        return False

    def _speaker(self, speaker: Speaker) -> bool:
        if speaker.id in self.held["speakers"]:
            return self._settled(speaker)
        seq = self._seq("speakers")
        self.rows["speakers"].append(_row((seq, speaker.id, Store._data(speaker))))
        names = {normalize_name(n) for n in speaker.names()}
        names.update(f"\x1f{value}" for value in speaker.identifiers.values())
        self.rows["speaker_names"].extend(_row((n, seq)) for n in names)
        self.rows["speaker_roles"].extend(
            _row((organization, seq))
            for organization in {
                normalize_name(r.organization) for r in speaker.roles if r.organization
            }
        )
        self._hold("speakers", speaker.id)
        self.store._remember_speaker((seq, speaker))
        return True

    def _source(self, source: Source) -> bool:
        if source.part_of is not None and not self._settled(source.part_of):
            return False
        if source.id in self.held["sources"]:
            return self._settled(source)
        seq = self._seq("sources")
        url = normalize_url(source.url) if source.url else None
        publisher = normalize_name(source.publisher) if source.publisher else None
        self.rows["sources"].append(_row((seq, source.id, url, publisher, Store._data(source))))
        self._hold("sources", source.id)
        self.store._remember(self.store._source_cache, source.id, (seq, source))
        return True

    def _claim(self, claim: Claim) -> bool:
        # The common case inline: the speaker and sources are the very objects
        # held (this runs for every claim, so lookups are kept few).
        ident = claim.id
        held = self.held["claims"]
        if ident in held:
            return False
        speaker = claim.speaker
        speaker_entry = self.store._speaker_cache.get(speaker.id)
        if speaker_entry is None or speaker_entry[1] is not speaker:
            speaker_entry = self._entry(speaker)
            if speaker_entry is None:
                return False
        sources = self.store._source_cache
        source_seqs = []
        for appearance in claim.appearances:
            source = appearance.source
            entry = sources.get(source.id)
            if entry is None or entry[1] is not source:
                entry = self._entry(source)
                if entry is None:
                    return False
            source_seqs.append(entry[0])
        seq = self.next["claims"]
        self.next["claims"] = seq + 1
        said = claim.said
        # The rows as JSON text in place (see _row), which costs less than encoding tuples.
        self._claim_rows.append(
            f"[{seq},{_string(ident)},{speaker_entry[0]}"
            f"{_said_columns(None if said is None else said.value)}]"
        )
        self._data_rows.append(f"[{seq},{_string(_write_claim(claim))}]")
        self._text_rows.append(f"[{seq},{_string(normalize_text(claim.text))}]")
        if len(source_seqs) == 1:
            self._source_rows.append(f"[{source_seqs[0]},{seq}]")
        else:
            self._source_rows.extend(f"[{source},{seq}]" for source in set(source_seqs))
        for tag in claim.tags:
            self._tag_rows.append(f"[{_string(tag)},{seq}]")
        held.add(ident)
        self._added_claims.append(ident)
        self.claims[ident] = (seq, claim)
        return True

    def _review(self, review: Review) -> bool:
        if review.id in self.held["reviews"]:
            return False
        held = self.claims.get(review.claim.id)
        if held is None:  # a claim of an earlier batch: ask the store
            if not self.planning:
                self.flush()
            row = self.store._run(
                "SELECT c.seq, d.data FROM claims c JOIN claim_data d ON d.seq = c.seq "
                "WHERE c.id = ?",
                (review.claim.id,),
            ).fetchone()
            if row is None:
                return False
            held = (row[0], self.store._decode_claim(row[1]))
        if not (held[1] is review.claim or held[1] == review.claim):
            return False
        if not self._settled(review.reviewer):
            return False
        label = rating_label(review)
        rating = normalize_text(label) if label is not None else None
        seq = self._seq("reviews")
        self.rows["reviews"].append(
            _row((seq, review.id, review.claim.id, rating, Store._data(review)))
        )
        if rating is not None:
            self.rows["claim_ratings"].append(_row((rating, held[0])))
        self._hold("reviews", review.id)
        return True

    def _relation(self, relation: Relation) -> bool:
        if relation.id in self.held["relations"]:
            return False
        seq = self._seq("relations")
        self.rows["relations"].append(
            _row((seq, relation.id, relation.claim, relation.target, relation.kind.value,
                  relation.status.value, Store._data(relation)))
        )  # fmt: skip
        self._hold("relations", relation.id)
        return True
