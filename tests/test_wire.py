"""The wire format: round trips, determinism, strictness, errors with paths, JSON Lines."""

import contextlib
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack import (
    Anchor,
    Appearance,
    Basis,
    Claim,
    ClaimtrackError,
    Date,
    IntegrityError,
    Ledger,
    Rating,
    Relation,
    Review,
    Source,
    Span,
    Speaker,
    SpeakerKind,
    ValidationError,
    _wire,
    dump_jsonl,
    dumps,
    iter_jsonl,
    load_jsonl,
    loads,
)
from claimtrack.strategies import claims, ledgers

COURIER = Source(
    title="Dam inspections rose sharply",
    publisher="Danube Courier",
    url="https://courier.example/2021/03/dams",
    published=Date.parse("2021-03-04T09:30:00+01:00"),
    language="en",
)
KOVACS = Speaker(name="Maria Kovacs", aliases=("Kovacs",))


def sample_ledger() -> Ledger:
    report = Claim(
        text="the regulator warned the operator in May that two spillways were unsafe",
        speaker=Speaker(kind=SpeakerKind.ORGANIZATION, name="Danube Water Authority"),
        said=Date.parse("2021-03-01", basis=Basis.RESOLVED, text="on Monday"),
        appearances=[Appearance(source=COURIER, cue="according to", quote="indirect")],
    )
    warning = Claim(
        text="two spillways were unsafe",
        speaker=Speaker(kind=SpeakerKind.ORGANIZATION, name="River Safety Board"),
        said=Date.parse("2020-05"),
        appearances=[Appearance(source=COURIER, cue="warned", via=report)],
    )
    inspected = Claim(
        text="48 plants were inspected in 2019",
        speaker=KOVACS,
        said=Date.parse("2021-03-02"),
        about=Date.parse("2019"),
        appearances=[
            Appearance(
                source=COURIER,
                quote="direct",
                cue="said",
                speaker_role="deputy director of the Danube Water Authority",
                anchor=Anchor(
                    content=(Span(120, 160),), cue=Span(162, 166), speaker=Span(167, 173)
                ),
                confidence=0.92,
            )
        ],
        tags=("dams",),
    )
    ledger = Ledger([report, warning, inspected])
    ledger.add(
        Review(
            claim=inspected,
            reviewer=Speaker(kind=SpeakerKind.ORGANIZATION, name="FactDesk"),
            url="https://factdesk.example/checks/48-plants",
            date=Date.parse("2021-03-06"),
            rating=Rating(value=4, best=5, worst=1, label="Mostly true"),
        )
    )
    ledger.add(Relation(kind="supports", claim=warning, target=report))
    return ledger


def test_document_shape() -> None:
    document = json.loads(dumps(sample_ledger()))
    assert document["claimtrack"] == 1
    assert list(document) == ["claimtrack", "speakers", "sources", "claims", "relations", "reviews"]
    assert len(document["sources"]) == 1  # written once, referred to by id
    claim = document["claims"][2]
    assert claim["speaker"] == KOVACS.id
    assert claim["appearances"][0]["source"] == COURIER.id
    assert claim["about"] == "2019"
    assert document["claims"][0]["said"] == {
        "value": "2021-03-01",
        "basis": "resolved",
        "text": "on Monday",
    }
    assert document["claims"][1]["appearances"][0]["via"] == document["claims"][0]["id"]
    # defaults, None and empty collections are left out
    assert "quote" not in document["claims"][1]["appearances"][0]
    assert "language" not in claim and "extra" not in claim


def test_round_trip_and_determinism() -> None:
    ledger = sample_ledger()
    text = dumps(ledger)
    assert loads(text) == ledger
    assert dumps(loads(text)) == text
    assert loads(text.encode()) == ledger
    assert dumps(sample_ledger()) == text


def test_dumps_accepts_records_and_iterables() -> None:
    ledger = sample_ledger()
    assert dumps(list(ledger.claims)) == dumps(Ledger(ledger.claims))
    single = loads(dumps(ledger.claims[2]))
    assert single.claims[0] == ledger.claims[2]


@given(ledgers())
def test_loads_inverts_dumps(ledger: Ledger) -> None:
    text = dumps(ledger)
    again = loads(text)
    assert again == ledger
    assert dumps(again) == text


@given(ledgers())
def test_jsonl_round_trip(ledger: Ledger) -> None:
    buffer = io.StringIO()
    dump_jsonl(ledger, buffer)
    buffer.seek(0)
    assert load_jsonl(buffer) == ledger


def test_jsonl_files_and_streams(tmp_path: Path) -> None:
    ledger = sample_ledger()
    path = tmp_path / "ledger.jsonl"
    lines = dump_jsonl(ledger, path)
    assert lines == len(path.read_text(encoding="utf-8").splitlines())
    assert load_jsonl(path) == ledger
    with path.open("rb") as handle:
        assert load_jsonl(handle) == ledger
    # A stream of claims writes each speaker and source once, before first use.
    stream = tmp_path / "stream.jsonl"
    dump_jsonl(iter(ledger.claims), stream)
    types = [json.loads(line).get("type") for line in stream.read_text().splitlines()[1:]]
    assert types.count("source") == 1
    assert types.index("source") < types.index("claim")
    records = list(iter_jsonl(stream))
    assert [r for r in records if isinstance(r, Claim)] == list(ledger.claims)


def test_jsonl_reports_the_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = dumps(sample_ledger())  # noqa: F841 - keeps the sample valid
    lines = [
        '{"claimtrack":1}',
        '{"type":"speaker","id":"s1","name":"Ana Ruiz"}',
        '{"type":"claim","text":"x","speaker":"s1","said":"2019-13"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_jsonl(path)
    assert info.value.problems[0].path.startswith("line 3: $.said")
    path.write_text('{"claimtrack":1}\n{"type":"claim","text":"x","speaker":"nobody"}\n')
    with pytest.raises(ValidationError, match=r"line 2: \$\.speaker"):
        load_jsonl(path)
    path.write_text('{"claimtrack":1}\nnot json\n')
    with pytest.raises(ValidationError, match="line 2"):
        load_jsonl(path)


def _document() -> dict:
    return json.loads(dumps(sample_ledger()))


def _problems(document: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        loads(json.dumps(document))
    return [(p.path, p.message) for p in info.value.problems]


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"),
    [
        (lambda d: d["claims"][2].update(text=5), "$.claims[2].text", "expected a string"),
        (lambda d: d["claims"][2].update(colour="red"), "$.claims[2]", "unknown key(s): colour"),
        (lambda d: d["claims"][2].pop("text"), "$.claims[2].text", "required key is missing"),
        (lambda d: d["claims"][2].update(tags="dams"), "$.claims[2].tags", "expected a list"),
        (
            lambda d: d["claims"][2].update(said="2019-13"),
            "$.claims[2].said",
            "month must be 01 to 12",
        ),
        (
            lambda d: d["claims"][2].update(speaker="spk_nobody"),
            "$.claims[2].speaker",
            "no speaker has the id",
        ),
        (
            lambda d: d["claims"][2]["appearances"][0]["anchor"]["content"][0].update(end=100),
            "$.claims[2].appearances[0].anchor.content[0].end",
            "must be greater than 'start'",
        ),
        (
            lambda d: d["claims"][2]["appearances"][0].update(confidence=1.5),
            "$.claims[2].appearances[0].confidence",
            "between 0 and 1 (got 1.5)",
        ),
        (
            lambda d: d["claims"][2]["appearances"][0].update(confidence="high"),
            "$.claims[2].appearances[0].confidence",
            "expected a number",
        ),
        (
            lambda d: d["claims"][2]["appearances"][0].update(quote="shouted"),
            "$.claims[2].appearances[0].quote",
            "must be one of",
        ),
        (
            lambda d: d["sources"][0].update(url="javascript:alert(1)"),
            "$.sources[0].url",
            "http(s)",
        ),
        (lambda d: d["sources"][0].update(language="english!"), "$.sources[0].language", "BCP 47"),
        (
            lambda d: d["speakers"][0].update(identifiers={"wikidata": "Q0"}),
            "$.speakers[0].identifiers.wikidata",
            "Wikidata id",
        ),
        (
            lambda d: d["reviews"][0]["rating"].update(value=9),
            "$.reviews[0].rating.value",
            "between 'worst'",
        ),
        (
            lambda d: d["reviews"][0].update(claim="clm_nope"),
            "$.reviews[0].claim",
            "no claim has the id",
        ),
        (lambda d: d.update(claimtrack=2), "$.claimtrack", "format version 1"),
        (lambda d: d.update(notes=[]), "$", "unknown key(s): notes"),
        (
            lambda d: d["claims"][2].update(said={"value": "2019", "basis": "hunch"}),
            "$.claims[2].said",
            "basis",
        ),
        (
            lambda d: d["speakers"][0].update(kind="person", name=None, description=None),
            "$.speakers[0].name",
            "needs a 'name'",
        ),
        (
            lambda d: d["speakers"].append(dict(d["speakers"][0])),
            "$.speakers[4].id",
            "share the id",
        ),
    ],
)
def test_strict_loading_reports_paths(mutate, path: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    document = _document()
    mutate(document)
    problems = _problems(document)
    assert any(p == path and fragment in m for p, m in problems), problems


def test_every_problem_is_reported_at_once() -> None:
    document = _document()
    document["claims"][0]["text"] = 1
    document["claims"][2]["appearances"][0]["confidence"] = -1
    document["sources"][0]["url"] = "file:///etc/passwd"
    paths = {p for p, _ in _problems(document)}
    assert {
        "$.claims[0].text",
        "$.claims[2].appearances[0].confidence",
        "$.sources[0].url",
    } <= paths


def test_integrity_violations_on_load() -> None:
    document = _document()
    document["claims"][2]["said"] = "2022-01-01"  # after its only source was published
    with pytest.raises(IntegrityError) as info:
        loads(json.dumps(document))
    assert info.value.problems[0].path == "$.claims[2].said"
    document = _document()
    document["claims"][0]["appearances"][0]["via"] = document["claims"][1]["id"]  # a loop
    with pytest.raises(IntegrityError, match="loop"):
        loads(json.dumps(document))
    document = _document()
    document["claims"][1]["appearances"][0]["via"] = "clm_missing"
    with pytest.raises(IntegrityError, match="not in the ledger"):
        loads(json.dumps(document))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b"null",
        b'{"claimtrack": 1, "claims": {}}',
        b'{"claimtrack": 1, "claims": [null, 1, "x", []]}',
        b'{"claimtrack": 1, "speakers": [{"id": "s", "name": "\\ud800"}]}',
        b'{"claimtrack": NaN}',
        b'{"claimtrack": 1, "claims": [{"text": "x", "speaker": "s", "said": Infinity}]}',
        b'{"claimtrack": 1, "sources": [{"id": "a", "title": "t", "part_of": "b"},'
        b' {"id": "b", "title": "u", "part_of": "a"}]}',
        b'{"claimtrack": 1e999}',
        b'{"claimtrack": 1, "claimtrack": 1}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"claimtrack": 1, "claims": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    ],
)
def test_bad_input_raises_a_claimtrack_error(data: bytes) -> None:
    with pytest.raises(ClaimtrackError):
        loads(data)


def test_a_large_string_field_loads() -> None:
    big = "word " * 10_000_000  # 50 MB
    claim = Claim(text=big.strip(), speaker=KOVACS)
    assert loads(dumps(claim)).claims[0].text == big.strip()


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.just([]),
    st.just({}),
    st.just("2019-13"),
    st.just("javascript:x"),
)


def _mutate(data: st.DataObject, node: object, keys: st.SearchStrategy[str], depth: int) -> None:
    """Walk to a random place in *node* and replace, drop or add something."""
    for _ in range(data.draw(st.integers(1, depth))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
            if isinstance(node[key], (dict, list)) and data.draw(st.booleans()):
                node = node[key]
                continue
            action = data.draw(st.sampled_from(["replace", "drop", "add"]))
            if action == "replace":
                node[key] = data.draw(_JUNK)
            elif action == "drop":
                del node[key]
            else:
                node[data.draw(keys)] = data.draw(_JUNK)
            return
        if isinstance(node, list) and node:
            index = data.draw(st.integers(0, len(node) - 1))
            if isinstance(node[index], (dict, list)) and data.draw(st.booleans()):
                node = node[index]
                continue
            node[index] = data.draw(_JUNK)
        return


@given(st.data())
def test_mutated_documents_never_crash(data: st.DataObject) -> None:
    document = _document()
    _mutate(data, document, st.text(max_size=4), depth=6)
    text = json.dumps(document)
    try:
        ledger = loads(text)
    except ClaimtrackError as exc:
        message = str(exc)
    else:
        assert loads(dumps(ledger)) == ledger
        return
    assert message.startswith(("$", "2 problems", "3 problems")) or "problems:" in message


@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(ClaimtrackError):
        loads(data)


def test_random_truncations_never_crash() -> None:
    text = dumps(sample_ledger())
    rng = random.Random(7)
    for _ in range(200):
        cut = rng.randrange(len(text))
        with pytest.raises(ClaimtrackError):
            loads(text[:cut])


@given(claims())
def test_a_claim_round_trips_alone(claim: Claim) -> None:
    ledger = loads(dumps(claim))
    assert ledger.claims[0] == claim


def test_loading_restores_the_garbage_collector_setting() -> None:
    import gc

    text = dumps(sample_ledger())
    assert gc.isenabled()
    loads(text)
    assert gc.isenabled()
    gc.disable()
    try:
        loads(text)
        assert not gc.isenabled()
        with pytest.raises(ValidationError):
            loads("{}")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValidationError):
        loads("{}")
    assert gc.isenabled()


@given(ledgers())
def test_written_records_are_what_the_json_encoder_writes(ledger: Ledger) -> None:
    # Records are written as text directly; each line must be exactly the
    # standard library's compact encoding of its own data, key order included.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for line in dumps(ledger).splitlines():
        record = line.rstrip(",")
        if record.startswith("{") and record.endswith("}") and record != '{"claimtrack":1,':
            assert encode(json.loads(record)) == record


def _outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except Exception:
        return _REJECTED


_REJECTED = object()
_CLASSES = {
    "speakers": Speaker,
    "sources": Source,
    "claims": Claim,
    "relations": Relation,
    "reviews": Review,
}


@given(st.data())
def test_the_fast_reader_agrees_with_the_detailed_converter(data: st.DataObject) -> None:
    # Loading trusts the generated reader for valid records and asks cattrs'
    # detailed converter only when it fails: both must accept exactly the same
    # records, and build the same values from them.
    ledger = data.draw(st.sampled_from([sample_ledger()]) | ledgers())
    document = json.loads(dumps(ledger))
    sections = [s for s in _CLASSES if document.get(s)]
    if not sections:
        return
    section = data.draw(st.sampled_from(sections))
    record = data.draw(st.sampled_from(document[section]))
    _mutate(data, record, st.sampled_from(["x", "id", "text", "end", "cue"]), depth=5)
    cls = _CLASSES[section]
    context = _wire._Context(
        speakers={s.id: s for s in ledger.speakers},
        sources={s.id: s for s in ledger.sources},
        claims={c.id: c for c in ledger.claims},
    )
    token = _wire._context.set(context)
    try:
        fast = _outcome(lambda: _wire._reader(cls)(record))
        detailed = _outcome(lambda: _wire._DETAILED[cls](record, cls))
    finally:
        _wire._context.reset(token)
    assert (fast is _REJECTED) == (detailed is _REJECTED), (record, fast, detailed)
    assert fast == detailed
