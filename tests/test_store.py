"""Tests of claimtrack.store: a real SQLite database on disk, real subprocesses."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimtrack as ct
from claimtrack import store as ct_store
from claimtrack import strategies as cs
from claimtrack.store._schema import APPLICATION_ID, SCHEMA_VERSION

KOVACS = ct.Speaker(
    name="Maria Kovacs",
    aliases=["Kovacs"],
    identifiers={"wikidata": "Q4115189"},
    roles=[
        ct.Role(
            title="deputy director",
            organization="Danube Water Authority",
            start=ct.Date.parse("2019-02"),
            end=ct.Date.parse("2022"),
        )
    ],
)
OKAFOR = ct.Speaker(
    name="Jonas Okafor", roles=[ct.Role(title="minister", organization="Ministry of Health")]
)
COURIER = ct.Source(
    url="https://courier.example.org/dam",
    publisher="Danube Courier",
    published=ct.Date.parse("2021-03-04T09:00:00+01:00"),
)
POST = ct.Source(
    url="https://post.example.org/vaccines",
    publisher="Valley Post",
    published=ct.Date.parse("2021-06-10"),
)
FACTDESK = ct.Speaker(kind="organization", name="FactDesk")


def sample_ledger() -> ct.Ledger:
    ledger = ct.Ledger()
    dam = ledger.add(
        ct.Claim(
            text="The dam is safe for at least 50 more years",
            speaker=KOVACS,
            said=ct.Date.parse("2021-03-03"),
            tags=["dams"],
            appearances=[ct.Appearance(source=COURIER, cue="said", quote="direct")],
        )
    )
    ledger.add(
        ct.Claim(
            text="Vaccines for children will arrive in July",
            speaker=OKAFOR,
            said=ct.Date.parse("2021-06"),
            tags=["vaccines"],
            appearances=[ct.Appearance(source=POST, cue="told reporters")],
        )
    )
    ledger.add(
        ct.Claim(
            text="Inspections found no cracks in the dam wall",
            speaker=KOVACS,
            said=ct.Date.parse("2018"),
            tags=["dams"],
        )
    )
    ledger.add(
        ct.Review(
            claim=dam,
            reviewer=FACTDESK,
            date=ct.Date.parse("2021-04-01"),
            rating=ct.Rating(label="False"),
        )
    )
    return ledger


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "claims.db")


def test_round_trip_and_export_bytes(db: str) -> None:
    ledger = sample_ledger()
    with ct_store.open(db) as store:
        store.add(ledger)
        assert store.export() == ct.dumps(ledger)
        assert store.ledger() == ledger
        assert len(store) == 3
        assert store.counts() == {
            "speakers": 3,
            "sources": 2,
            "claims": 3,
            "relations": 0,
            "reviews": 1,
        }
    with ct_store.open(db) as again:  # persisted
        assert again.export() == ct.dumps(ledger)
        out = io.StringIO()
        again.export_to(out)
        assert out.getvalue() == ct.dumps(ledger)


@st.composite
def ledgers(draw: st.DrawFn) -> ct.Ledger:
    speakers = list(
        {s.id: s for s in draw(st.lists(cs.speakers(), min_size=1, max_size=3))}.values()
    )
    sources = list(
        {s.id: s for s in draw(st.lists(cs.sources(nested=False), min_size=1, max_size=3))}.values()
    )
    ledger = ct.Ledger()
    for claim in draw(
        st.lists(cs.claims(st.sampled_from(speakers), st.sampled_from(sources)), max_size=6)
    ):
        try:
            ledger.add(claim)
        except ct.IntegrityError:
            continue
    if ledger.problems():
        return ct.Ledger()
    if len(ledger):
        for review in draw(st.lists(cs.reviews(st.sampled_from(list(ledger.claims))), max_size=2)):
            try:
                ledger.add(review)
            except ct.IntegrityError:
                continue
    return ledger


WINDOWS = ["2019", "2020-05", "2018/2021", "2019-11-03", "..", "2019-06-01T00:00:00Z", "0001"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ledger=ledgers(), start=st.sampled_from(WINDOWS), end=st.sampled_from(WINDOWS))
def test_store_agrees_with_ledger(tmp_path: Path, ledger: ct.Ledger, start: str, end: str) -> None:
    with (
        tempfile.TemporaryDirectory(dir=tmp_path) as folder,
        ct_store.open(Path(folder) / "p.db") as store,
    ):
        # Added one record at a time, twice: merges as the Ledger merges.
        for claim in [*ledger.claims, *ledger.claims]:
            store.add(claim)
        for review in ledger.reviews:
            store.add(review)
        expected = ct.Ledger([*ledger.claims, *ledger.reviews])
        assert store.export() == ct.dumps(expected)
        ids = lambda claims: [c.id for c in claims]  # noqa: E731
        for claim in ledger.claims:
            assert ids(store.claims_by(claim.speaker.label)) == ids(
                expected.claims_by(claim.speaker.label)
            )
            words = " ".join(claim.text.split()[:2])
            if ct._identity.normalize_text(words):
                assert ids(store.search(words)) == ids(expected.search(words))
            for tag in claim.tags:
                assert ids(store.claims_tagged(tag)) == ids(expected.claims_tagged(tag))
            for appearance in claim.appearances:
                assert ids(store.claims_in(appearance.source)) == ids(
                    expected.claims_in(appearance.source)
                )
            assert store.first_appearance(claim) == expected.first_appearance(claim)
        s = None if start == ".." else start
        e = None if end == ".." else end
        for mode in ("definitely", "possibly"):
            try:
                wanted = ids(expected.claims_between(s, e, mode))
            except ct.DateError:
                with pytest.raises(ct.DateError):
                    store.claims_between(s, e, mode)
            else:
                assert ids(store.claims_between(s, e, mode)) == wanted
        for review in ledger.reviews:
            if review.rating is not None and review.rating.label:
                label = review.rating.label
                assert ids(store.claims_rated(label)) == ids(expected.claims_rated(label))


def test_desk_queries(db: str) -> None:
    ledger = sample_ledger()
    store = ct_store.open(db)
    store.add(ledger)
    for source in (store, ledger):
        by = lambda **kw: [c.text for c in source.query(**kw)]  # noqa: E731, B023
        assert (
            by(speaker="kovacs")
            == by(speaker="Q4115189")
            == [
                "The dam is safe for at least 50 more years",
                "Inspections found no cracks in the dam wall",
            ]
        )
        # Said in 2018, before she joined the authority: not "by the authority".
        assert by(organization="danube water authority") == [
            "The dam is safe for at least 50 more years"
        ]
        assert by(organization="Ministry of Health") == [
            "Vaccines for children will arrive in July"
        ]
        assert by(start="2021-06-01", end="2021-06-15") == []
        assert by(start="2021-06-01", end="2021-06-15", mode="possibly") == [
            "Vaccines for children will arrive in July"
        ]
        assert by(publisher="valley post") == ["Vaccines for children will arrive in July"]
        assert by(source="http://www.courier.example.org/dam/") == [
            "The dam is safe for at least 50 more years"
        ]
        assert by(text="DAM") == [
            "The dam is safe for at least 50 more years",
            "Inspections found no cracks in the dam wall",
        ]
        assert by(text="dam safe", tag="dams", rating="false", speaker="Maria Kovacs") == [
            "The dam is safe for at least 50 more years"
        ]
        assert by(tag="dams", limit=1) == ["The dam is safe for at least 50 more years"]
        assert [c.text for c in source.timeline("Kovacs")] == [
            "Inspections found no cracks in the dam wall",
            "The dam is safe for at least 50 more years",
        ]
        assert source.rating_counts("Maria Kovacs") == {"False": 1}
    with pytest.raises(ct.ValidationError, match="'mode' must be"):
        store.claims_between("2019", "2020", "maybe")  # type: ignore[arg-type]
    with pytest.raises(ct.ValidationError, match="at least one word"):
        store.search("!!")
    with pytest.raises(ct.ValidationError, match="'limit'"):
        store.query(limit=-1)


def test_repeats_contradictions_and_review_follow_up(db: str) -> None:
    store = ct_store.open(db)
    ledger = sample_ledger()
    store.add(ledger)
    dam = ledger.claims[0]
    later = ct.Claim(
        text="The dam is safe for at least 50 more years!",
        speaker=KOVACS,
        said=ct.Date.parse("2021-09-01"),
    )
    reply = ct.Claim(
        text="The dam needs urgent repairs", speaker=OKAFOR, said=ct.Date.parse("2021-03-05")
    )
    for target in (store, ledger):
        target.add(later)
        target.add(reply)
        target.add(ct.Relation(kind="contradicts", claim=reply, target=dam))
        found = target.suggest_relations()
        assert [(r.claim, r.target, r.kind.value) for r in found] == [(later.id, dam.id, "repeats")]
        assert target.suggest_relations() == []
        assert [c.id for c in target.repeats_of(dam)] == [later.id]
        assert list(target.first_appearances(dam)) == [dam.id, later.id]
        [(review, repeat)] = target.repeated_after_review("False")
        assert review.claim.id == dam.id and repeat.id == later.id
        assert [r.claim for r in target.contradictions("Jonas Okafor", "Kovacs")] == [reply.id]
        assert target.relations_of(dam, "contradicts")[0].claim == reply.id
        target.reject(found[0], by="Li Wei")
        assert target.repeats_of(dam) == []
        assert [r.status.value for r in target.relations_where(kind="repeats")] == ["rejected"]
    assert store.export() == ct.dumps(ledger)
    with pytest.raises(ct.IntegrityError):
        store.confirm("rel_nothing")


def test_conflicting_record_is_rejected_and_nothing_written(db: str) -> None:
    store = ct_store.open(db)
    store.add(sample_ledger())
    before = store.export()
    clash = ct.Speaker(name="Maria Kovacs", description="a different description")
    clash2 = ct.Speaker(name="Maria Kovacs", description="yet another")
    store.add(clash)
    with pytest.raises(ct.IntegrityError, match="description"):
        store.add(ct.Claim(text="Something new was said today", speaker=clash2))
    assert "Something new" not in store.export()
    assert store.export() != before  # the first description was merged in


def test_transaction_rolls_back_and_nests(db: str) -> None:
    store = ct_store.open(db)
    claim = sample_ledger().claims[0]

    def fail(record: ct.Claim) -> None:
        with store.transaction():
            store.add(record)
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        fail(claim)
    assert len(store) == 0
    with store.transaction():
        store.add(claim)
        with pytest.raises(RuntimeError):
            fail(sample_ledger().claims[1])
    assert [c.id for c in store.query()] == [claim.id]


def test_readers_are_not_blocked_by_a_writer(db: str) -> None:
    writer = ct_store.open(db)
    writer.add(sample_ledger().claims[0])
    reader = ct_store.open(db, timeout=0.2)
    with writer.transaction():
        writer.add(sample_ledger().claims[1])
        assert len(reader) == 1  # reads the committed state while the writer writes
        with pytest.raises(ct.StoreError, match="locked"):
            reader.add(sample_ledger().claims[2])  # a second writer times out, clearly
    assert len(reader) == 2


def jsonl_text(n: int) -> str:
    out = io.StringIO()
    claims = [
        ct.Claim(
            text=f"The council approved plan number {i} for the harbour",
            speaker=KOVACS,
            said=ct.Date.parse("2021-03-03"),
            appearances=[ct.Appearance(source=COURIER)],
        )
        for i in range(n)
    ]
    ct.dump_jsonl(claims, out)
    return out.getvalue()


def test_import_jsonl_in_batches_with_progress(db: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_text(25), encoding="utf-8")
    seen: list[int] = []
    store = ct_store.open(db)
    report = store.import_jsonl(path, batch_size=10, progress=lambda p: seen.append(p.claims))
    assert (report.claims, report.batches, report.skipped) == (25, 3, ())
    assert seen == [10, 20, 25]
    assert store.export() == ct.dumps(ct.load_jsonl(io.StringIO(path.read_text(encoding="utf-8"))))


def test_bad_lines_are_reported_by_number_and_committed_batches_stay(
    db: str, tmp_path: Path
) -> None:
    lines = jsonl_text(6).splitlines()  # header, speaker, source, six claims
    lines.insert(5, "not json")  # line 6, after two claims
    lines.insert(8, '{"type":"claim","text":42}')  # line 9
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = ct_store.open(db)
    with pytest.raises(ct.ValidationError, match="line 6") as info:
        store.import_jsonl(path, batch_size=1)
    assert info.value.problems[0].path.startswith("line 6: $")
    assert len(store) == 2  # the batches committed before the bad line
    report = ct_store.open(db).import_jsonl(path, batch_size=2, skip_bad=True)
    assert {p.path.split(":")[0] for p in report.skipped} == {"line 6", "line 9"}
    assert len(store) == 6


def test_opening_bad_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some words in a file", encoding="utf-8")
    with pytest.raises(ct.StoreError, match="not a SQLite database"):
        ct_store.open(text)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(ct.StoreError, match="another application"):
        ct_store.open(foreign)
    newer = tmp_path / "newer.db"
    ct_store.open(newer).close()
    with sqlite3.connect(newer) as connection:
        connection.execute(
            "INSERT INTO schema_migrations VALUES (?, 'future', 'now')", (SCHEMA_VERSION + 1,)
        )
    with pytest.raises(ct.StoreError, match="newer than this claimtrack supports"):
        ct_store.open(newer)
    damaged = tmp_path / "damaged.db"
    store = ct_store.open(damaged)
    store.add(sample_ledger())
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(damaged) + suffix).unlink(missing_ok=True)
    data = bytearray(damaged.read_bytes())
    data[100 : 4096 * 3] = b"\xff" * (4096 * 3 - 100)
    damaged.write_bytes(bytes(data))
    with pytest.raises(ct.StoreError, match=r"damaged|SQLite"):
        ct_store.open(damaged).export()
    with pytest.raises(ct.StoreError, match="no such store"):
        ct_store.open(tmp_path / "missing.db", create=False)
    with pytest.raises(ct.StoreError, match="directory"):
        ct_store.open(tmp_path)


def test_migration_is_recorded(db: str) -> None:
    ct_store.open(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_full_disk_keeps_committed_data(db: str) -> None:
    store = ct_store.open(db)
    store.add(sample_ledger())
    before = store.export()
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 1}")  # a disk that is about full
    big = [
        ct.Claim(text=f"A long statement number {i} " + "about the harbour " * 40, speaker=OKAFOR)
        for i in range(200)
    ]
    with pytest.raises(ct.StoreError, match="full"):
        store.add(ct.Ledger(big))
    assert store.export() == before
    store.add(ct.Claim(text="Still writable after the failure", speaker=OKAFOR))  # fits


KILLER = textwrap.dedent(
    """
    import sys
    from claimtrack import store
    s = store.open(sys.argv[1])
    def progress(p):
        print(p.claims, flush=True)
    s.import_jsonl(sys.argv[2], batch_size=50, progress=progress)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_import_keeps_exactly_the_committed_batches(db: str, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl_text(4000), encoding="utf-8")
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root}
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, db, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    committed = 0
    while committed < 200:
        line = process.stdout.readline()
        assert line, "the import ended before it could be killed"
        committed = int(line)
    process.send_signal(signal.SIGKILL)
    process.wait()
    store = ct_store.open(db)
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = len(store)
    assert count >= committed and count % 50 == 0 and count < 4000
    expected = ct.Ledger(
        list(ct.load_jsonl(io.StringIO(path.read_text(encoding="utf-8"))).claims)[:count]
    )
    assert store.export() == ct.dumps(expected)
    # Importing again completes it: records already held merge.
    store.import_jsonl(path, batch_size=1000)
    assert store.export() == ct.dumps(ct.load_jsonl(io.StringIO(path.read_text(encoding="utf-8"))))
