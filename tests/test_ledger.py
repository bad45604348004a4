"""Tests of claimtrack._ledger: adding, merging, integrity and the desk's queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimtrack as ct

KOVACS = ct.Speaker(
    name="Maria Kovacs",
    aliases=["Kovacs"],
    identifiers={"x": "@mkovacs"},
    roles=[
        ct.Role(
            title="director", organization="Danube Water Authority", start=ct.Date.parse("2020")
        )
    ],
)
NOVAK = ct.Speaker(name="Petra Novak")
SRC = ct.Source(
    url="https://courier.example.org/a",
    publisher="Danube Courier",
    published=ct.Date.parse("2021-05-02"),
)


def make(
    text: str, speaker: ct.Speaker = KOVACS, said: str | None = "2021-05-01", **kw: object
) -> ct.Claim:
    return ct.Claim(
        text=text,
        speaker=speaker,
        said=None if said is None else ct.Date.parse(said),
        appearances=[ct.Appearance(source=SRC)],
        **kw,
    )  # type: ignore[arg-type]


def test_queries_by_alias_identifier_organization_and_window() -> None:
    ledger = ct.Ledger(
        [
            make("The reservoir is full again", tags=["dams"]),
            make("Water prices will not rise this year", said="2019-07"),
            make("The bridge opens in May", NOVAK, said=None),
        ]
    )
    texts = lambda claims: [c.text for c in claims]  # noqa: E731
    assert texts(ledger.claims_by("kovacs")) == texts(ledger.claims_by("@mkovacs"))
    assert len(ledger.claims_by("Maria Kovacs")) == 2
    assert texts(ledger.claims_by_organization("DANUBE water authority")) == [
        "The reservoir is full again"
    ]  # 2019 was before the role began
    assert texts(ledger.claims_between("2019", "2019")) == ["Water prices will not rise this year"]
    assert texts(ledger.claims_between("2019-07-10", None, "possibly")) == [
        "The reservoir is full again",
        "Water prices will not rise this year",
    ]
    assert texts(ledger.claims_published_by("danube courier")) == texts(ledger.claims)
    assert texts(ledger.claims_tagged("dams")) == ["The reservoir is full again"]
    assert texts(ledger.search("BRIDGE opens")) == ["The bridge opens in May"]
    assert ledger.search("bridge closes") == []
    assert texts(ledger.timeline("Kovacs")) == [
        "Water prices will not rise this year",
        "The reservoir is full again",
    ]
    with pytest.raises(ct.ValidationError):
        ledger.claims_between("2019", "2020", "surely")  # type: ignore[arg-type]


def test_ratings_and_relations_index() -> None:
    ledger = ct.Ledger()
    a = ledger.add(make("The reservoir is full again"))
    b = ledger.add(make("The reservoir is empty", NOVAK))
    desk = ct.Speaker(kind="organization", name="FactDesk")
    ledger.add(ct.Review(claim=a, reviewer=desk, rating=ct.Rating(label="False")))
    ledger.add(
        ct.Review(
            claim=a,
            reviewer=desk,
            url="https://factdesk.example.org/2",
            rating=ct.Rating(value=2, best=5, worst=1),
        )
    )
    assert ledger.rating_counts("Kovacs") == {"2": 1, "False": 1}
    assert [c.id for c in ledger.claims_rated("false")] == [a.id]
    rel = ledger.add(ct.Relation(kind="contradicts", claim=b, target=a))
    assert ledger.relations_of(a) == ledger.relations_of(b) == [rel]
    assert ledger.contradictions("Kovacs", "Petra Novak") == [rel]
    ledger.reject(rel)
    assert ledger.contradictions("Kovacs", "Petra Novak") == []


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["x", "y"]),
            st.sampled_from([None, "2019", "2020-02", "2021-03-04"]),
        ),
        max_size=12,
    )
)
def test_query_is_the_intersection_of_its_filters(rows: list[tuple[str, str, str | None]]) -> None:
    speakers = {n: ct.Speaker(name=f"Speaker {n}") for n in "abc"}
    ledger = ct.Ledger()
    for i, (who, tag, said) in enumerate(rows):
        ledger.add(make(f"statement {i} about {tag}", speakers[who], said, tags=[tag]))
    for who in "abc":
        for tag in "xy":
            combined = ledger.query(speaker=f"Speaker {who}", tag=tag, start="2020", end="2021")
            by = {c.id for c in ledger.claims_by(f"Speaker {who}")}
            tagged = {c.id for c in ledger.claims_tagged(tag)}
            window = {c.id for c in ledger.claims_between("2020", "2021")}
            assert [c.id for c in combined] == [
                c.id for c in ledger if c.id in by & tagged & window
            ]
            assert (
                ledger.query(speaker=f"Speaker {who}", limit=1)
                == ledger.claims_by(f"Speaker {who}")[:1]
            )


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=12),
    offset=st.integers(min_value=0, max_value=14),
    limit=st.none() | st.integers(min_value=0, max_value=5),
)
def test_pages_are_slices_of_the_whole_answer(n: int, offset: int, limit: int | None) -> None:
    speaker = ct.Speaker(name="Speaker a")
    ledger = ct.Ledger()
    for i in range(n):
        ledger.add(make(f"statement {i} about x", speaker, None, tags=["x" if i % 3 else "y"]))
    whole = ledger.query(tag="x")
    stop = None if limit is None else offset + limit
    assert ledger.query(tag="x", offset=offset, limit=limit) == whole[offset:stop]
    with pytest.raises(ct.ValidationError, match="'offset' must be"):
        ledger.query(offset=-1)


def test_record_views_index_from_either_end() -> None:
    speaker = ct.Speaker(name="Ana Ruiz")
    ledger = ct.Ledger([ct.Claim(text=f"Claim number {i}.", speaker=speaker) for i in range(7)])
    texts = [f"Claim number {i}." for i in range(7)]
    assert [ledger.claims[i].text for i in range(7)] == texts
    assert [ledger.claims[-i].text for i in range(1, 8)] == texts[::-1]
    assert [c.text for c in ledger.claims[2:5]] == texts[2:5]
    with pytest.raises(IndexError):
        ledger.claims[7]
    with pytest.raises(IndexError):
        ledger.claims[-8]
