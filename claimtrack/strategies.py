"""Hypothesis strategies for claimtrack's model (install ``claimtrack[hypothesis]``).

They generate *valid* values across the whole model, odd Unicode included
(emoji, right-to-left scripts, combining marks), for property tests of tools
built on claimtrack::

    from hypothesis import given
    from claimtrack import dumps, loads
    from claimtrack.strategies import ledgers

    @given(ledgers())
    def test_round_trip(ledger):
        assert loads(dumps(ledger)) == ledger
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from claimtrack._claim import Anchor, Appearance, Claim, Fidelity, QuoteKind, Span
from claimtrack._date import Basis, Date
from claimtrack._fields import JSONMap
from claimtrack._ledger import Ledger
from claimtrack._review import Rating, Relation, RelationKind, RelationStatus, Review
from claimtrack._source import Source, SourceKind
from claimtrack._speaker import Role, Speaker, SpeakerKind

__all__ = [
    "anchors",
    "appearances",
    "claims",
    "dates",
    "edtf_values",
    "ledgers",
    "ratings",
    "relations",
    "reviews",
    "roles",
    "sources",
    "speakers",
    "texts",
]

# Strings that have broken text handling elsewhere: astral emoji, a ZWJ
# sequence, right-to-left scripts, combining marks, a BOM-like mark.
_ODD = [
    "Ωμέγα 🌊 dam",
    "👩🏽‍⚕️ said it",
    "الطاقة المتجددة",
    "שלום עולם",
    "Cafe\u0301 e\u0300 n\u0303",
    "Zoë Ångström",
    "漢字と かな",
    "Straße ﬁne",
    "line one\nline two\ttabbed",
]

_NAMES = [
    "Maria Kovacs",
    "Ana Ruiz",
    "Danube Water Authority",
    "Kofi Mensah",
    "Li Wei",
    "Ministry of Health",
    "Priya Raman",
    "Søren Kierkegaard-Holm",
    "Ибрагим Алиев",
]


@st.composite
def texts(draw: st.DrawFn, max_size: int = 60) -> str:
    """Non-empty text without control characters (newline and tab allowed)."""
    alphabet = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t")
    text = draw(
        st.one_of(
            st.sampled_from(_ODD),
            st.sampled_from(_NAMES),
            st.text(alphabet, min_size=1, max_size=max_size),
        )
    )
    if text.isspace():
        text = "x" + text
    return text


def _point_values() -> st.SearchStrategy[str]:
    years = st.integers(1, 9999)
    day = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    qualifier = st.sampled_from(["", "", "?", "~", "%"])
    offsets = st.sampled_from(["Z", "+00:00", "+08:00", "-05:00", "+05:30", "+14:00", "-12:00"])
    return st.one_of(
        st.builds(lambda y, q: f"{y:04d}{q}", years, qualifier),
        st.builds(lambda d, q: f"{d.year:04d}-{d.month:02d}{q}", day, qualifier),
        st.builds(lambda d, q: d.isoformat() + q, day, qualifier),
        st.builds(
            lambda d, h, m, s, o: f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}{o}",
            st.dates(dt.date(2, 1, 1), dt.date(9998, 12, 31)),
            st.integers(0, 23),
            st.integers(0, 59),
            st.integers(0, 59),
            offsets,
        ),
        st.builds(lambda y: f"{y // 10:03d}X", st.integers(10, 9999)),
        st.builds(lambda y: f"{y // 100:02d}XX", st.integers(100, 9999)),
        st.builds(lambda y, c: f"{y:04d}-{c}", st.integers(1, 9998), st.integers(21, 41)),
        st.builds(lambda y: f"{y:04d}-XX", years),
        st.builds(lambda d: f"{d.year:04d}-{d.month:02d}-XX", day),
    )


@st.composite
def edtf_values(draw: st.DrawFn) -> str:
    """Valid EDTF strings: points of every precision, qualifiers, unspecified
    digits, seasons, quarters and halves, and intervals with known, open or
    unknown ends.
    """
    if draw(st.booleans()):
        return draw(_point_values())
    first = Date.parse(draw(_point_values()))
    second = Date.parse(draw(_point_values()))
    if second.sort_key < first.sort_key:
        first, second = second, first
    ends = draw(st.sampled_from(["both", "open_start", "open_end", "unknown_start", "unknown_end"]))
    if ends == "both":
        return f"{first}/{second}"
    if ends == "open_start":
        return f"../{second}"
    if ends == "open_end":
        return f"{first}/.."
    if ends == "unknown_start":
        return f"/{second}"
    return f"{first}/"


@st.composite
def dates(draw: st.DrawFn, metadata: bool = True) -> Date:
    """Valid Dates, with a basis, surface text and rule when *metadata* is true."""
    value = draw(edtf_values())
    if not metadata or draw(st.booleans()):
        return Date.parse(value)
    return Date.parse(
        value,
        basis=draw(st.sampled_from(list(Basis))),
        text=draw(st.none() | texts(max_size=20)),
        rule=draw(st.none() | st.sampled_from(["weekday.most_recent", "month_day.nearest"])),
    )


_optional_texts = st.none() | texts()
_languages = st.sampled_from(["en", "de", "pt-BR", "zh-Hant-TW", "ar", "he", "es-419", "x-local"])
_urls = st.builds(
    lambda host, path, scheme: f"{scheme}://{host}/{path}",
    st.sampled_from(
        ["news.example", "www.courier.example", "factdesk.example.org", "xn--bcher-kva.example"]
    ),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-/", min_size=1, max_size=30),
    st.sampled_from(["http", "https"]),
)


@st.composite
def roles(draw: st.DrawFn) -> Role:
    """Valid Roles, with start and end in order."""
    start = draw(st.none() | dates(metadata=False))
    end = draw(st.none() | dates(metadata=False))
    if start is not None and end is not None and end.definitely_before(start):
        start, end = end, start
    return Role(title=draw(texts()), organization=draw(_optional_texts), start=start, end=end)


@st.composite
def speakers(draw: st.DrawFn) -> Speaker:
    """Valid Speakers of every kind."""
    kind = draw(st.sampled_from(list(SpeakerKind)))
    named = kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION)
    identifiers: dict[str, str] = {}
    if draw(st.booleans()):
        identifiers["wikidata"] = f"Q{draw(st.integers(1, 10**9))}"
    if draw(st.booleans()):
        identifiers["website"] = draw(_urls)
    if draw(st.booleans()):
        identifiers["x"] = "@" + draw(
            st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
        )
    return Speaker(
        kind=kind,
        name=draw(texts()) if named else draw(_optional_texts),
        description=draw(_optional_texts) if named else draw(texts()),
        aliases=draw(st.lists(texts(max_size=20), max_size=3, unique=True)),
        identifiers=identifiers,
        roles=tuple(draw(st.lists(roles(), max_size=2))),
    )


@st.composite
def sources(draw: st.DrawFn, nested: bool = True) -> Source:
    """Valid Sources, sometimes part of a larger source."""
    url = draw(st.none() | _urls)
    title = draw(_optional_texts)
    publisher = draw(texts() if url is None and title is None else _optional_texts)
    parent = draw(st.none() | sources(nested=False)) if nested else None
    source = Source(
        kind=draw(st.sampled_from(list(SourceKind))),
        title=title,
        publisher=publisher,
        authors=draw(st.lists(texts(max_size=20), max_size=2)),
        url=url,
        published=draw(st.none() | dates()),
        retrieved=draw(st.none() | dates(metadata=False)),
        archived_url=draw(st.none() | _urls),
        language=draw(st.none() | _languages),
        section=draw(_optional_texts),
    )
    if parent is not None and parent.id != source.id:
        source = attrs.evolve(source, part_of=parent)
    return source


@st.composite
def anchors(draw: st.DrawFn) -> Anchor:
    """Valid Anchors: sorted, non-overlapping content spans."""
    cuts = sorted(draw(st.sets(st.integers(0, 5000), min_size=2, max_size=6)))
    spans = [Span(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    span = st.builds(lambda a, n: Span(a, a + n), st.integers(0, 5000), st.integers(1, 40))
    return Anchor(content=spans, cue=draw(st.none() | span), speaker=draw(st.none() | span))


@st.composite
def appearances(draw: st.DrawFn, source: st.SearchStrategy[Source] | None = None) -> Appearance:
    """Valid Appearances (without ``via``, which needs a ledger)."""
    return Appearance(
        source=draw(source if source is not None else sources()),
        quote=draw(st.sampled_from(list(QuoteKind))),
        cue=draw(
            st.none() | st.sampled_from(["said", "told", "tweeted", "according to", "warned"])
        ),
        speaker_role=draw(_optional_texts),
        wording=draw(_optional_texts),
        anchor=draw(st.none() | anchors()),
        fidelity=draw(st.none() | st.sampled_from(list(Fidelity))),
        confidence=draw(st.none() | st.floats(0, 1)),
        attributed_by=draw(st.none() | st.sampled_from(["claimtrack 0.1.0", "Ana Ruiz"])),
    )


_extra = st.none() | st.dictionaries(
    st.sampled_from(["@type", "sameAs", "note"]),
    st.recursive(
        st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=5,
    ),
    max_size=2,
)


@st.composite
def claims(
    draw: st.DrawFn,
    speaker: st.SearchStrategy[Speaker] | None = None,
    source: st.SearchStrategy[Source] | None = None,
) -> Claim:
    """Valid Claims with zero or more appearances (no ``via``), never said after
    their first appearance was published.
    """
    extra = draw(_extra)
    found_in = draw(st.lists(appearances(source), max_size=3))
    # Sources that share an id must be one record (a ledger would merge them).
    by_id: dict[str, Source] = {a.source.id: a.source for a in reversed(found_in)}
    kept = []
    for appearance in found_in:
        where = by_id[appearance.source.id]
        parent = where.part_of
        if parent is not None and by_id.setdefault(parent.id, parent) != parent:
            where = by_id[where.id] = attrs.evolve(where, part_of=None)
        kept.append(attrs.evolve(appearance, source=where))
    found_in = kept
    said = draw(st.none() | dates())
    first = Claim(text="x", speaker=Speaker(name="x"), appearances=tuple(found_in)).first_appearance
    published = first.source.published if first is not None else None
    if said is not None and published is not None and published.definitely_before(said):
        said = None  # a claim is not said after the first source reporting it
    return Claim(
        text=draw(texts(max_size=120)),
        speaker=draw(speaker if speaker is not None else speakers()),
        said=said,
        about=draw(st.none() | dates(metadata=False)),
        language=draw(st.none() | _languages),
        appearances=tuple(found_in),
        tags=draw(
            st.lists(st.sampled_from(["vaccines", "budget", "dams", "élections", "🌊"]), max_size=3)
        ),
        extra=JSONMap(extra),
    )


@st.composite
def ratings(draw: st.DrawFn) -> Rating:
    """Valid Ratings: numeric on a scale, textual, or both."""
    label = draw(st.none() | st.sampled_from(["False", "Mostly true", "Falso", "Irreführend"]))
    if draw(st.booleans()):
        worst, best = draw(st.sampled_from([(1, 5), (0, 1), (5, 1), (-1.0, 1.0), (0, 100)]))
        low, high = sorted((worst, best))
        value = draw(st.integers(int(low), int(high)) | st.floats(low, high))
        return Rating(
            value=value, best=best, worst=worst, label=label, explanation=draw(_optional_texts)
        )
    return Rating(label=label or "Unproven", explanation=draw(_optional_texts))


@st.composite
def relations(draw: st.DrawFn, claim_ids: list[str]) -> Relation:
    """Valid Relations between two different ids of *claim_ids*."""
    a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
    return Relation(
        kind=draw(st.sampled_from(list(RelationKind))),
        claim=a,
        target=b,
        status=draw(st.sampled_from(list(RelationStatus))),
        weight=draw(st.none() | st.floats(0, 1)),
        by=draw(st.none() | st.sampled_from(["claimtrack 0.1.0", "Li Wei"])),
        at=draw(st.none() | dates(metadata=False)),
    )


@st.composite
def reviews(draw: st.DrawFn, claim: st.SearchStrategy[Claim] | None = None) -> Review:
    """Valid Reviews, by organisations."""
    reviewer = Speaker(
        kind=SpeakerKind.ORGANIZATION,
        name=draw(st.sampled_from(["FactDesk", "Verificado", "Faktencheck Nord"])),
    )
    return Review(
        claim=draw(claim if claim is not None else claims()),
        reviewer=reviewer,
        url=draw(st.none() | _urls),
        date=draw(st.none() | dates(metadata=False)),
        rating=draw(st.none() | ratings()),
        title=draw(_optional_texts),
        language=draw(st.none() | _languages),
        extra=JSONMap(draw(_extra)),
    )


def _unique(records: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return list(seen.values())


@st.composite
def ledgers(draw: st.DrawFn, max_claims: int = 6) -> Ledger:
    """Valid, integral Ledgers: shared speakers and sources, nested attributions
    (``via`` to earlier claims), relations and reviews.
    """
    speaker_pool = _unique(draw(st.lists(speakers(), min_size=1, max_size=3)))
    source_pool = _unique(draw(st.lists(sources(nested=False), min_size=1, max_size=3)))
    # Sources nested in pooled ones would bring second copies of pooled ids.
    pool_ids = {s.id for s in source_pool}
    drafted = draw(
        st.lists(
            claims(st.sampled_from(speaker_pool), st.sampled_from(source_pool)),
            max_size=max_claims,
        )
    )
    ledger = Ledger()
    held: list[Claim] = []
    for claim in _unique(drafted):
        first = claim.first_appearance
        published = first.source.published if first is not None else None
        if (
            claim.said is not None
            and published is not None
            and published.definitely_before(claim.said)
        ):
            fields = attrs.asdict(claim, recurse=False)
            fields.update(said=None, id=None)
            del fields["id"]
            claim = Claim(**fields)  # derives the id anew
        if claim.id in {c.id for c in held} or any(
            a.source.id not in pool_ids for a in claim.appearances
        ):
            continue
        if held and claim.appearances and draw(st.booleans()):
            via = draw(st.sampled_from(held)).id
            claim = attrs.evolve(
                claim,
                appearances=(attrs.evolve(claim.appearances[0], via=via), *claim.appearances[1:]),
            )
        held.append(ledger.add(claim))
    ids = [c.id for c in held]
    if len(ids) >= 2:
        for relation in _unique(draw(st.lists(relations(ids), max_size=3))):
            ledger.add(relation)
    if held:
        for review in draw(st.lists(reviews(st.sampled_from(held)), max_size=2)):
            if ledger.reviews.get(review.id) is None:
                ledger.add(review)
    return ledger
