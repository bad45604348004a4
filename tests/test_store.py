"""Tests of claimtrack.store: a real SQLite database on disk, real subprocesses."""

from __future__ import annotations

import functools
import gc
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
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
        assert connection.execute("SELECT version FROM schema_migrations").fetchall() == [
            (1,),
            (2,),
        ]
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
    import sys, time
    from claimtrack import store
    s = store.open(sys.argv[1])
    def progress(p):
        print(p.claims, flush=True)
        time.sleep(0.02)  # a fast import must still be running when it is killed
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


# -- bulk import, paging and the query planner ------------------------------------


def test_bulk_import_merges_repeated_and_changed_records(db: str, tmp_path: Path) -> None:
    # The same records twice, then a speaker again with one more alias: the fast
    # path must give way to merging exactly where a Ledger merges.
    ledger = sample_ledger()
    lines = jsonl_lines(ledger)
    richer = attrs_evolve_speaker(KOVACS, aliases=("Kovacs", "M. Kovacs"))
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join([*lines, *lines[1:], speaker_line(richer)]) + "\n", encoding="utf-8")
    store = ct_store.open(db)
    report = store.import_jsonl(path, batch_size=2)
    expected = ct.load_jsonl(path)
    assert store.export() == ct.dumps(expected)
    assert "M. Kovacs" in store.export()
    assert report.claims == 2 * len(ledger)
    assert [c.id for c in store.claims_by("M. Kovacs")] == [
        c.id for c in expected.claims_by("M. Kovacs")
    ]


def jsonl_lines(ledger: ct.Ledger) -> list[str]:
    out = io.StringIO()
    ct.dump_jsonl(ledger, out)
    return out.getvalue().splitlines()


def speaker_line(speaker: ct.Speaker) -> str:
    out = io.StringIO()
    ct.dump_jsonl([ct.Claim(text="Only here for its speaker", speaker=speaker)], out)
    return out.getvalue().splitlines()[1]


def attrs_evolve_speaker(speaker: ct.Speaker, **changes: object) -> ct.Speaker:
    import attrs

    return attrs.evolve(speaker, **changes)


def test_conflicting_line_in_a_bulk_import(db: str, tmp_path: Path) -> None:
    lines = jsonl_lines(sample_ledger())
    clash = ct.Speaker(name="Jonas Okafor", description="somebody else")
    bad = speaker_line(clash)
    path = tmp_path / "clash.jsonl"
    path.write_text("\n".join([*lines, bad]) + "\n", encoding="utf-8")
    store = ct_store.open(db)
    store.add(ct.Speaker(name="Jonas Okafor", description="the health minister"))
    with pytest.raises(ct.IntegrityError) as info:
        store.import_jsonl(path)
    assert info.value.problems[0].path.startswith(f"line {len(lines) + 1}: ")
    assert len(store) == 0  # the failing batch was rolled back whole
    report = store.import_jsonl(path, skip_bad=True)
    assert [p.path.split(":")[0] for p in report.skipped] == [f"line {len(lines) + 1}"]
    assert report.records == len(lines) - 1
    assert len(store) == 3


TOPICS = ["dam", "rail line", "budget", "harbour bridge", "vaccine", "school plan"]


def desk_ledger(n: int) -> ct.Ledger:
    """N invented claims: a few speakers and outlets, every one a page of results."""
    speakers = [
        ct.Speaker(
            name=f"Speaker {i}",
            aliases=[f"Alias {i % 5}"],
            roles=[
                ct.Role(
                    title="spokesperson",
                    organization=f"Agency {i % 3}",
                    start=ct.Date.parse(str(2016 + i % 4)),
                )
            ],
        )
        for i in range(12)
    ]
    ledger = ct.Ledger()
    source = None
    for i in range(n):
        day = f"{2015 + (i * 7) % 9}-{1 + (i * 5) % 12:02d}-{1 + (i * 11) % 28:02d}"
        if i % 4 == 0:
            source = ct.Source(
                url=f"https://news.example.org/{i}",
                publisher=f"Outlet {i % 3}",
                published=ct.Date.parse(day),
            )
        assert source is not None
        said = day if i % 10 else day[:4]  # some said-dates are a whole year
        claim = ledger.add(
            ct.Claim(
                text=f"The {TOPICS[i % 6]} will cost {i % 97} million (statement {i})",
                speaker=speakers[(i * 7) % 12],
                said=ct.Date.parse(said),
                tags=[f"tag{i % 8}"],
                appearances=[ct.Appearance(source=source)],
            )
        )
        if i % 9 == 0:
            ledger.add(
                ct.Review(
                    claim=claim, reviewer=FACTDESK, rating=ct.Rating(label=["False", "True"][i % 2])
                )
            )
    return ledger


DESK_QUERIES: list[dict[str, object]] = [
    {},
    {"speaker": "Speaker 3"},
    {"speaker": "Alias 1"},  # several speakers
    {"organization": "Agency 1"},
    {"organization": "Agency 2", "start": "2017", "end": "2018"},
    {"start": "2019-03", "end": "2019-05"},
    {"start": "2016", "end": "2022", "mode": "possibly"},
    {"start": "2018-02-01", "end": None},
    {"publisher": "Outlet 2"},
    {"publisher": "Outlet 1", "tag": "tag3"},
    {"text": "the"},
    {"text": "harbour bridge cost"},
    {"text": "the", "rating": "false"},
    {"tag": "tag5"},
    {"tag": "tag5", "speaker": "Alias 2", "start": "2015", "end": "2020"},
    {"rating": "true"},
    {"rating": "true", "publisher": "Outlet 0"},
    {"source": "https://news.example.org/400"},
    {"source": "https://news.example.org/400", "text": "statement 401"},
    {"speaker": "Speaker 4", "text": "million", "start": "2015", "end": "2023"},
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[ct.Ledger, ct_store.Store]:
    # More claims than a filter may have to drive a query from its index, so
    # both kinds of plan (index first, or insertion order) are taken.
    ledger = desk_ledger(4500)
    folder = tmp_path_factory.mktemp("desk")
    path = folder / "desk.jsonl"
    ct.dump_jsonl(ledger, path)
    store = ct_store.open(folder / "desk.db")
    store.import_jsonl(path, batch_size=1000)
    return ledger, store


@pytest.mark.parametrize("filters", DESK_QUERIES)
def test_store_queries_agree_with_the_ledger_page_by_page(
    desk: tuple[ct.Ledger, ct_store.Store], filters: dict[str, object]
) -> None:
    ledger, store = desk
    ids = lambda claims: [c.id for c in claims]  # noqa: E731
    everything = ids(ledger.query(**filters))  # type: ignore[arg-type]
    assert ids(store.query(**filters)) == everything  # type: ignore[arg-type]
    for offset, limit in ((0, 100), (100, 100), (37, 5), (len(everything), 10), (3, 0)):
        page = store.query(offset=offset, limit=limit, **filters)  # type: ignore[arg-type]
        assert ids(page) == everything[offset : offset + limit]
        assert ids(ledger.query(offset=offset, limit=limit, **filters)) == ids(page)  # type: ignore[arg-type]
    assert ids(store.query(offset=5, **filters)) == everything[5:]  # type: ignore[arg-type]


def test_bulk_import_exports_the_same_bytes(desk: tuple[ct.Ledger, ct_store.Store]) -> None:
    ledger, store = desk
    assert store.export() == ct.dumps(ledger)
    assert store.counts()["reviews"] == len(ledger.reviews)


def test_offset_is_checked(db: str) -> None:
    store = ct_store.open(db)
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(ct.ValidationError, match="'offset' must be"):
            store.query(offset=bad)  # type: ignore[arg-type]
        with pytest.raises(ct.ValidationError, match="'offset' must be"):
            ct.Ledger().query(offset=bad)  # type: ignore[arg-type]


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ledger=ledgers(), batch=st.integers(min_value=1, max_value=4))
def test_import_jsonl_round_trips_and_is_idempotent(
    tmp_path: Path, ledger: ct.Ledger, batch: int
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        path = Path(folder) / "in.jsonl"
        ct.dump_jsonl(ledger, path)
        with ct_store.open(Path(folder) / "p.db") as store:
            store.import_jsonl(path, batch_size=batch)
            assert store.export() == ct.dumps(ledger)
            store.import_jsonl(path, batch_size=batch)  # everything is already held
            store.add(ledger)
            assert store.export() == ct.dumps(ledger)
            assert store.ledger() == ledger


def v1_store(path: Path, ledger: ct.Ledger) -> None:
    """A store as the first schema wrote it, built with plain SQL."""
    import json

    from claimtrack._identity import normalize_name, normalize_text, normalize_url
    from claimtrack.store._schema import MIGRATIONS
    from claimtrack.store._store import _bounds

    document = ct.dumps(ledger).splitlines()
    data = {json.loads(line.rstrip(","))["id"]: line.rstrip(",") for line in document[2:]
            if line.startswith("{")}  # fmt: skip
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
            "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        connection.executescript(MIGRATIONS[0][2])
        connection.execute("INSERT INTO schema_migrations VALUES (1, 'first', 'then')")
        seq = {}
        for n, speaker in enumerate(ledger.speakers, 1):
            seq[speaker.id] = n
            connection.execute(
                "INSERT INTO speakers VALUES (?, ?, ?)", (n, speaker.id, data[speaker.id])
            )
            for name in speaker.names():
                connection.execute(
                    "INSERT OR IGNORE INTO speaker_names VALUES (?, ?)", (normalize_name(name), n)
                )
        for n, source in enumerate(ledger.sources, 1):
            seq[source.id] = n
            url = normalize_url(source.url or "")
            publisher = normalize_name(source.publisher or "")
            connection.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                (n, source.id, url, publisher, data[source.id]),
            )
        for n, claim in enumerate(ledger.claims, 1):
            lo, hi, floating, span = _bounds(claim.said)
            wide = int(span == 3)  # the first schema's flag: unbounded or over 370 days
            said = claim.said.value if claim.said else None
            connection.execute(
                "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (n, claim.id, seq[claim.speaker.id], said, lo, hi, floating, wide, data[claim.id]),
            )
            connection.execute(
                "INSERT INTO claim_text (rowid, text) VALUES (?, ?)",
                (n, normalize_text(claim.text)),
            )
            for appearance in claim.appearances:
                connection.execute(
                    "INSERT OR IGNORE INTO claim_sources VALUES (?, ?)",
                    (seq[appearance.source.id], n),
                )
        for n, review in enumerate(ledger.reviews, 1):
            assert review.rating is not None and review.rating.label is not None
            connection.execute(
                "INSERT INTO reviews VALUES (?, ?, ?, ?, ?)",
                (
                    n,
                    review.id,
                    review.claim.id,
                    normalize_text(review.rating.label),
                    data[review.id],
                ),
            )


def test_a_first_schema_store_is_migrated_with_its_records(db: str) -> None:
    ledger = sample_ledger()
    v1_store(Path(db), ledger)
    with ct_store.open(db) as store:
        assert store.export() == ct.dumps(ledger)
        assert [c.id for c in store.claims_rated("false")] == [ledger.claims[0].id]
        assert [c.id for c in store.query(text="dam", publisher="Danube Courier")] == [
            ledger.claims[0].id
        ]
        assert [c.id for c in store.claims_between("2018", "2018")] == [ledger.claims[2].id]
        store.add(ct.Claim(text="Written after the migration", speaker=OKAFOR))
        assert len(store) == 4
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version FROM schema_migrations").fetchall() == [
            (1,),
            (2,),
        ]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_lines_in_any_json_form_are_read_strictly(db: str, tmp_path: Path) -> None:
    lines = jsonl_lines(sample_ledger())
    spaced = json.dumps(json.loads(lines[4]), indent=1).replace("\n", " ")  # same record
    escaped = lines[7].replace("Vaccines", "Vacc\\u0069nes")  # same text, escaped
    assert escaped != lines[7]
    path = tmp_path / "forms.jsonl"
    forms = [*lines[:4], spaced, *lines[5:7], escaped, *lines[8:]]
    path.write_text("\n".join(forms) + "\n", encoding="utf-8")
    store = ct_store.open(db)
    store.import_jsonl(path)
    assert store.export() == ct.dumps(sample_ledger())
    # A repeated key is an error, as the strict reader reports it.
    twice = lines[6].replace('{"type":"claim",', '{"type":"claim","tags":["x"],', 1)
    assert '"tags"' in lines[6]
    path.write_text("\n".join([*lines[:6], twice]) + "\n", encoding="utf-8")
    with pytest.raises(ct.ValidationError, match="appears twice") as info:
        ct_store.open(tmp_path / "other.db").import_jsonl(path)
    assert info.value.problems[0].path.startswith("line 7: ")


def test_bulk_import_leaves_the_garbage_collector_as_it_was(db: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_text(5) + "not json\n", encoding="utf-8")
    store = ct_store.open(db)
    assert gc.isenabled()
    with pytest.raises(ct.ValidationError):
        store.import_jsonl(path)
    assert gc.isenabled()
    gc.disable()
    try:
        store.import_jsonl(path, skip_bad=True)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_reader_sees_records_merged_by_another_connection(db: str) -> None:
    writer = ct_store.open(db)
    writer.add(sample_ledger())
    reader = ct_store.open(db)
    claim_id = sample_ledger().claims[0].id
    held = reader.claim(claim_id)
    assert held is not None and "M. Kovacs" not in held.speaker.aliases
    writer.add(ct.Speaker(name="Maria Kovacs", aliases=["M. Kovacs"]))
    again = reader.claim(claim_id)
    assert again is not None and "M. Kovacs" in again.speaker.aliases
    assert [c.id for c in reader.claims_by("M. Kovacs")] == [
        c.id for c in writer.claims_by("Maria Kovacs")
    ]


def test_a_second_import_refers_to_records_already_held(tmp_path: Path) -> None:
    # Each part repeats the speaker and source lines; a new connection (nothing
    # cached) must find them held, unchanged, and add only the new claims.
    ledger = ct.load_jsonl(io.StringIO(jsonl_text(30)))
    claims = list(ledger.claims)
    reviews = [
        ct.Review(claim=claims[i], reviewer=FACTDESK, rating=ct.Rating(label="False"))
        for i in (3, 25)
    ]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    ct.dump_jsonl(claims[:20], first)
    ct.dump_jsonl([*claims[20:], *reviews], second)
    db = tmp_path / "parts.db"
    with ct_store.open(db) as store:
        store.import_jsonl(first, batch_size=7)
    with ct_store.open(db) as store:
        report = store.import_jsonl(second, batch_size=4)
        assert report.claims == 11  # ten new, and the reviewed claim of the first part again
        assert store.export() == ct.dumps(ct.Ledger([*claims, *reviews]))
        assert [c.id for c in store.claims_rated("false")] == [claims[3].id, claims[25].id]


# -- the pipelined import: each batch is committed in the background ----------


def import_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "claimtrack-import"]


def crossing_records() -> list[ct.Claim | ct.Review | ct.Relation]:
    """Claims for many tiny batches, with reviews, relations and ``via``s that
    refer to claims of earlier batches, and a nested source whose parent was
    first written in an earlier batch.
    """
    section = ct.Source(url="https://courier.example.org/dam/live", part_of=COURIER)
    records: list[ct.Claim | ct.Review | ct.Relation] = []
    claims: list[ct.Claim] = []
    for i in range(14):
        source = section if i in (9, 12) else [COURIER, POST][i % 2]
        via = claims[i - 4].id if i >= 4 and i % 3 == 0 else None
        claim = ct.Claim(
            text=f"The harbour plan number {i} is on schedule",
            speaker=[KOVACS, OKAFOR][i % 2],
            said=ct.Date.parse(f"2020-0{1 + i % 9}"),
            tags=[f"tag{i % 3}"],
            appearances=[ct.Appearance(source=source, via=via)],
        )
        claims.append(claim)
        records.append(claim)
        if i >= 2 and i % 2 == 0:  # right after a batch of two: its claim is in flight
            rating = ct.Rating(label=["False", "True"][i % 4 // 2])
            records.append(ct.Review(claim=claims[i - 2], reviewer=FACTDESK, rating=rating))
        if i >= 3 and i % 5 == 3:
            records.append(ct.Relation(kind="repeats", claim=claim, target=claims[i - 3]))
    return records


def test_a_pipelined_import_writes_what_one_transaction_writes(tmp_path: Path) -> None:
    records = crossing_records()
    ledger = ct.Ledger(records)
    assert not ledger.problems()
    path = tmp_path / "in.jsonl"
    ct.dump_jsonl(records, path)
    for batch in (1, 2, 3, 7):
        piped = ct_store.open(tmp_path / f"piped{batch}.db")
        single = ct_store.open(tmp_path / f"single{batch}.db")
        seen: list[ct_store.ImportProgress] = []
        seen_single: list[ct_store.ImportProgress] = []
        report = piped.import_jsonl(path, batch_size=batch, progress=seen.append)
        with single.transaction():  # inside a transaction nothing is pipelined
            single_report = single.import_jsonl(path, batch_size=batch, progress=seen_single.append)
        assert report.batches > 1
        assert (report, seen) == (single_report, seen_single)
        assert piped.export() == single.export() == ct.dumps(ledger)
        assert [c.id for c in piped.claims_rated("false")] == [
            c.id for c in ledger.claims_rated("false")
        ]
        # From a Ledger, too.
        from_ledger = ct_store.open(tmp_path / f"ledger{batch}.db")
        from_ledger.import_ledger(ledger, batch_size=batch)
        assert from_ledger.export() == ct.dumps(ledger)
        assert not piped._db.in_transaction and not import_threads()


def test_a_pipelined_import_reads_records_of_committed_batches(tmp_path: Path) -> None:
    # The second file names speakers and sources only by id (but for a nested
    # source, whose parent is named by id): each is read from the store (a new
    # connection, nothing cached) while batches are written.
    records = crossing_records()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    ct.dump_jsonl(records[:6], first)
    ct.dump_jsonl(records, second)
    lines = second.read_text(encoding="utf-8").splitlines()
    kept = [
        line
        for line in lines
        if '"type":"speaker"' not in line and ('"type":"source"' not in line or "part_of" in line)
    ]
    second.write_text("\n".join(kept) + "\n", encoding="utf-8")
    db = tmp_path / "refs.db"
    with ct_store.open(db) as store:
        store.import_jsonl(first, batch_size=2)
    with ct_store.open(db) as store:
        store.import_jsonl(second, batch_size=2)
        assert store.export() == ct.dumps(ct.Ledger(records))


def test_a_bad_line_in_the_third_batch_leaves_the_first_two(db: str, tmp_path: Path) -> None:
    lines = jsonl_text(20).splitlines()  # header, speaker, source, twenty claims
    lines.insert(15, '{"type":"claim","text":42}')  # line 16, after twelve claims
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = ct_store.open(db)
    seen: list[int] = []
    with pytest.raises(ct.ValidationError) as info:
        store.import_jsonl(path, batch_size=5, progress=lambda p: seen.append(p.claims))
    assert info.value.problems[0].path.startswith("line 16: $")
    assert seen == [5, 10]
    expected = ct.load_jsonl(io.StringIO(jsonl_text(20)))
    assert store.export() == ct.dumps(ct.Ledger(list(expected.claims)[:10]))
    assert not store._db.in_transaction and not import_threads()
    report = store.import_jsonl(path, batch_size=5, skip_bad=True)
    assert {p.path.split(":")[0] for p in report.skipped} == {"line 16"}
    assert store.export() == ct.dumps(expected)


def harbour_claims(n: int) -> list[ct.Claim]:
    """N claims: the first ten by Kovacs, the others by Okafor (new in the third batch of five)."""
    return [
        ct.Claim(
            text=f"The council approved plan number {i} for the harbour",
            speaker=KOVACS if i < 10 else OKAFOR,
            appearances=[ct.Appearance(source=COURIER)],
        )
        for i in range(n)
    ]


class Eventful(io.StringIO):
    """A JSON Lines file that calls ``events[n]()`` before it hands out line n:
    a failing disk, an interrupt, a pause or another writer, at a known point.
    """

    def __init__(self, text: str, events: dict[int, Callable[[], object]]) -> None:
        super().__init__(text)
        self.events, self.read = events, 0

    def __next__(self) -> str:
        self.read += 1
        event = self.events.get(self.read)
        if event is not None:
            event()
        return super().__next__()


def fail(exc: BaseException) -> Callable[[], object]:
    def event() -> object:
        raise exc

    return event


def imported_in_a_transaction(
    store: ct_store.Store, path: Path, *, batch_size: int
) -> ct_store.ImportReport:
    with store.transaction():  # inside a transaction nothing is pipelined
        return store.import_jsonl(path, batch_size=batch_size)


def test_a_failed_background_write_is_raised_as_without_the_pipeline(tmp_path: Path) -> None:
    claims = harbour_claims(20)
    path = tmp_path / "in.jsonl"
    ct.dump_jsonl(claims, path)
    messages = []
    for piped in (True, False):
        db = tmp_path / ("piped.db" if piped else "single.db")
        ct_store.open(db).close()
        with sqlite3.connect(db) as raw:  # a damaged store: the data of a claim not held
            raw.execute("INSERT INTO claim_data (seq, data) VALUES (12, '{}')")
        store = ct_store.open(db)
        run = store.import_jsonl if piped else functools.partial(imported_in_a_transaction, store)
        with pytest.raises(
            ct.StoreError, match=r"UNIQUE constraint failed: claim_data\.seq"
        ) as info:
            run(path, batch_size=5)
        messages.append(str(info.value).replace(str(db), "DB"))
        assert not store._db.in_transaction and not import_threads()
    assert messages[0] == messages[1]
    # The two batches before the failing one stay committed, and the speaker
    # first written in the failing batch is not taken as held.
    store = ct_store.open(tmp_path / "piped.db")
    with pytest.raises(ct.StoreError, match="UNIQUE"):
        store.import_jsonl(path, batch_size=5)
    assert store.counts()["claims"] == 10
    assert [c.id for c in store.query()] == [c.id for c in claims[:10]]
    later = ct.Claim(text="Said after the failed import", speaker=OKAFOR)
    store.add(later)
    assert store.counts()["speakers"] == 2
    assert [c.id for c in store.claims_by("Jonas Okafor")] == [later.id]
    # The failure of a batch in flight comes before a later error of the reader.
    lines = len(path.read_text(encoding="utf-8").splitlines())
    failing = {lines - 1: fail(OSError("Input/output error"))}
    with pytest.raises(ct.StoreError, match="UNIQUE"):
        store.import_jsonl(Eventful(path.read_text(encoding="utf-8"), failing), batch_size=5)
    # Removing the damage lets the same import complete.
    store._db.execute("DELETE FROM claim_data WHERE seq = 12")
    store.import_jsonl(path, batch_size=5)
    assert store.export() == ct.dumps(ct.Ledger([*claims[:10], later, *claims[10:]]))


def test_a_full_disk_during_a_pipelined_import(tmp_path: Path) -> None:
    big = [
        ct.Claim(text=f"A long statement number {i} " + "about the harbour " * 40, speaker=OKAFOR)
        for i in range(30)
    ]
    path = tmp_path / "big.jsonl"
    ct.dump_jsonl(big, path)
    # The same import elsewhere tells how many pages its first two batches take.
    scratch = ct_store.open(tmp_path / "scratch.db")
    pages: list[int] = []
    scratch.import_jsonl(
        path,
        batch_size=10,
        progress=lambda p: pages.append(scratch._db.execute("PRAGMA page_count").fetchone()[0]),
    )
    store = ct_store.open(tmp_path / "full.db")
    store._db.execute(f"PRAGMA max_page_count = {pages[1]}")  # a disk full after two batches
    seen: list[int] = []
    with pytest.raises(ct.StoreError, match="full"):
        store.import_jsonl(path, batch_size=10, progress=lambda p: seen.append(p.claims))
    assert seen == [10, 20]
    assert store.export() == ct.dumps(ct.Ledger(big[:20]))
    assert not store._db.in_transaction and not import_threads()
    store._db.execute(f"PRAGMA max_page_count = {2**30}")
    store.import_jsonl(path, batch_size=10)
    assert store.export() == ct.dumps(ct.Ledger(big))


def reported_again(claim: ct.Claim, appearance: ct.Appearance) -> ct.Claim:
    """The same claim (the same id) captured again, from another report only."""
    again = ct.Claim(
        text=claim.text, speaker=claim.speaker, said=claim.said, appearances=[appearance]
    )
    assert again.id == claim.id
    return again


def test_another_connection_writing_between_batches(db: str) -> None:
    # Each batch's rows are planned while the one before is written, assuming
    # nothing else writes; a claim added by another connection in between
    # (a new one, and then one the file holds, with another source) must be
    # merged as a Ledger merges it all the same.
    text = jsonl_text(40)
    ledger = ct.load_jsonl(io.StringIO(text))
    claims = list(ledger.claims)
    elsewhere = ct.Claim(
        text="The harbour tunnel opens in May",
        speaker=OKAFOR,
        said=ct.Date.parse("2021-04-01"),
        appearances=[ct.Appearance(source=POST)],
    )
    again = reported_again(claims[30], ct.Appearance(source=POST, quote="indirect"))

    # Lines: the header, the speaker, the source, then one line per claim.
    def added_elsewhere(record: ct.Claim) -> Callable[[], object]:
        def event() -> object:
            with ct_store.open(db) as other:
                other.add(record)
            return None

        return event

    added = Eventful(text, {14: added_elsewhere(elsewhere), 26: added_elsewhere(again)})
    store = ct_store.open(db)
    report = store.import_jsonl(added, batch_size=10)
    assert report.claims == 40
    expected = ct.Ledger([*claims[:10], elsewhere, *claims[10:20], again, *claims[20:]])
    assert store.export() == ct.dumps(expected)
    merged = store.claim(claims[30].id)
    assert merged is not None and len(merged.appearances) == 2
    assert [c.id for c in store.claims_by("Okafor")] == [c.id for c in expected.claims_by("Okafor")]


def test_a_planned_claim_the_store_holds_is_merged(db: str) -> None:
    # The second import's second batch holds a claim of the first import, with
    # another source: the writer thread finds it held while the batch is still
    # read, and the batch is built again, merging it.
    first = ct.load_jsonl(io.StringIO(jsonl_text(12)))
    store = ct_store.open(db)
    store.add(first)
    claims = list(first.claims)
    again = reported_again(claims[5], ct.Appearance(source=POST))
    fresh = [
        ct.Claim(
            text=f"The harbour ferry number {i} runs on time",
            speaker=OKAFOR,
            said=ct.Date.parse("2021-05-05"),
            appearances=[ct.Appearance(source=POST)],
        )
        for i in range(8)
    ]
    out = io.StringIO()
    ct.dump_jsonl([*fresh[:4], again, *fresh[4:]], out)
    # Lines: the header, the speaker, the source, four claims (the first batch),
    # the claim held, a pause (long enough for the first batch to be committed
    # and the writer thread to check the ids read), and the rest.
    pausing = Eventful(out.getvalue(), {9: lambda: time.sleep(0.3)})
    report = store.import_jsonl(pausing, batch_size=4)
    assert report.claims == 9
    expected = ct.Ledger([*claims, *fresh[:4], again, *fresh[4:]])
    assert store.export() == ct.dumps(expected)
    held = store.claim(claims[5].id)
    assert held is not None and [a.source for a in held.appearances] == [COURIER, POST]


def test_an_interrupted_import_waits_for_the_batch_in_flight(db: str) -> None:
    text = jsonl_text(20)  # header, speaker, source, twenty claims
    store = ct_store.open(db)
    with pytest.raises(KeyboardInterrupt):
        # Interrupted while reading batch 3.
        store.import_jsonl(Eventful(text, {16: fail(KeyboardInterrupt())}), batch_size=5)
    # Batch 2 was read whole, so it is committed, as if it had been written at once.
    assert store.counts()["claims"] == 10
    assert not store._db.in_transaction and not import_threads()
    # A failing progress callback ends the import the same way.
    with pytest.raises(RuntimeError, match="stop"):
        store.import_jsonl(
            io.StringIO(text),
            batch_size=3,
            progress=lambda p: (_ for _ in ()).throw(RuntimeError("stop")),
        )
    assert not store._db.in_transaction and not import_threads()
    store.import_jsonl(io.StringIO(text), batch_size=5)
    assert store.export() == ct.dumps(ct.load_jsonl(io.StringIO(text)))


def test_a_batch_longer_than_sqlites_length_limit(db: str, tmp_path: Path) -> None:
    # A batch's rows go to SQLite as one long string per table, and its ids
    # when the store is asked which it holds, but no longer than SQLite takes:
    # a batch of any size can be written, and written again.
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_text(300), encoding="utf-8")
    store = ct_store.open(db)
    store._db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 2_000)
    store.import_jsonl(path, batch_size=1000)
    expected = ct.dumps(ct.load_jsonl(path))
    assert store.export() == expected
    store.import_jsonl(path, batch_size=1000)
    assert store.export() == expected


def test_an_import_without_sqlites_json_functions(tmp_path: Path) -> None:
    # Where SQLite lacks its JSON functions (so store._json_rows() finds them
    # missing), the same rows go in with executemany, in the calling thread.
    records = crossing_records()
    path = tmp_path / "in.jsonl"
    ct.dump_jsonl(records, path)
    store = ct_store.open(tmp_path / "plain.db")
    store._json = False
    threads: list[list[str]] = []
    report = store.import_jsonl(
        path, batch_size=3, progress=lambda _: threads.append(import_threads())
    )
    assert report.batches > 1 and threads and not any(threads)
    assert store.export() == ct.dumps(ct.Ledger(records))
    store.import_jsonl(path, batch_size=3)
    assert store.export() == ct.dumps(ct.Ledger(records))


def test_a_ledger_with_more_sources_than_the_caches_hold(db: str) -> None:
    # A Ledger lists every source before any claim: the import keeps them all
    # cached while it runs (the ledger holds them anyway), and afterwards the
    # caches are back within their limit.
    sources = [ct.Source(url=f"https://courier.example.org/harbour/{i}") for i in range(12)]
    ledger = ct.Ledger(
        ct.Claim(
            text=f"The harbour dredging phase {i} is finished",
            speaker=KOVACS,
            said=ct.Date.parse("2021-06-01"),
            appearances=[ct.Appearance(source=sources[i])],
        )
        for i in range(12)
    )
    store = ct_store.open(db)
    store._cache_limit = 4
    store.import_ledger(ledger, batch_size=5)
    assert store.export() == ct.dumps(ledger)
    assert store._cache_limit == 4 and len(store._source_cache) <= 4


def test_the_switch_interval_is_restored(db: str, tmp_path: Path) -> None:
    # A pipelined import hands the GIL to its writer thread quickly; after it,
    # the interpreter switches threads as it did before.
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_text(30) + "not json\n", encoding="utf-8")
    store = ct_store.open(db)
    before = sys.getswitchinterval()
    during: list[float] = []
    report = store.import_jsonl(
        path,
        batch_size=10,
        skip_bad=True,
        progress=lambda p: during.append(sys.getswitchinterval()),
    )
    assert report.claims == 30 and max(during) < before
    with pytest.raises(ct.ValidationError):
        store.import_jsonl(path, batch_size=10)
    assert sys.getswitchinterval() == before
    with store.transaction():  # not pipelined: nothing changes
        store.import_jsonl(
            path,
            batch_size=10,
            skip_bad=True,
            progress=lambda p: during.append(sys.getswitchinterval()),
        )
    assert during[-1] == before == sys.getswitchinterval()
