"""Realistic generated claims for the benchmarks: invented speakers, outlets and wording."""

from __future__ import annotations

import random

from claimtrack import (
    Anchor,
    Appearance,
    Basis,
    Claim,
    Date,
    Ledger,
    QuoteKind,
    Role,
    Source,
    SourceKind,
    Span,
    Speaker,
    SpeakerKind,
)

FIRST = [
    "Maria",
    "Ana",
    "Kofi",
    "Li",
    "Priya",
    "Tomas",
    "Jonas",
    "Amira",
    "Sven",
    "Lucia",
    "Omar",
    "Hana",
    "Pedro",
    "Ines",
    "Yusuf",
    "Eva",
    "Marek",
    "Nadia",
    "Felix",
    "Rosa",
]
LAST = [
    "Kovacs",
    "Ruiz",
    "Mensah",
    "Wei",
    "Raman",
    "Brandt",
    "Weber",
    "Haddad",
    "Lund",
    "Moretti",
    "Farouk",
    "Sato",
    "Alves",
    "Costa",
    "Demir",
    "Novak",
    "Horvat",
    "Berg",
]
ORGS = [
    "Ministry of Health",
    "Danube Water Authority",
    "National Audit Office",
    "River Safety Board",
    "Ministry of Finance",
    "Port Authority",
    "Central Bank",
    "Teachers' Union",
    "Chamber of Commerce",
    "Electoral Commission",
]
OUTLETS = [
    "Danube Courier",
    "Harbour Gazette",
    "Northern Ledger",
    "Evening Standard-Post",
    "Valley Times",
    "Capital Wire",
    "Coastal Herald",
    "Metro Daily",
]
SUBJECTS = [
    "the dam",
    "the new hospital wing",
    "the budget",
    "vaccination rates",
    "unemployment",
    "the rail link",
    "river pollution",
    "school funding",
    "the port expansion",
    "tax revenue",
    "crime in the city centre",
    "the water supply",
]
VERBS = ["rose by", "fell by", "will cost", "is worth", "reached", "dropped to", "doubled to"]
UNITS = ["percent", "million euros", "people", "cases", "kilometres", "billion"]
CUES = ["said", "told reporters", "according to", "warned", "added", "claimed", "wrote"]


def generate(n_claims: int, seed: int = 1) -> Ledger:
    """A ledger of *n_claims* realistic claims with shared speakers and sources."""
    rng = random.Random(seed)
    people = [
        Speaker(
            kind=SpeakerKind.PERSON,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            aliases=(rng.choice(LAST),),
            roles=(
                Role(
                    title="spokesperson",
                    organization=rng.choice(ORGS),
                    start=Date.parse(f"{rng.randint(2010, 2020)}"),
                ),
            ),
        )
        for i in range(max(20, n_claims // 50))
    ]
    orgs = [Speaker(kind=SpeakerKind.ORGANIZATION, name=name) for name in ORGS]
    speakers = people + orgs
    sources = []
    for i in range(max(10, n_claims // 5)):
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        year = rng.randint(2015, 2024)
        sources.append(
            Source(
                kind=SourceKind.ARTICLE,
                title=f"{rng.choice(SUBJECTS).capitalize()} under scrutiny, part {i}",
                publisher=rng.choice(OUTLETS),
                url=f"https://news{i % 97}.example/{year}/{month:02d}/{day:02d}/story-{i}",
                published=Date.parse(
                    f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:30:00+01:00"
                ),
                language="en",
            )
        )
    ledger = Ledger()
    for i in range(n_claims):
        speaker = rng.choice(speakers)
        text = (
            f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} "
            f"{rng.randint(2, 900)} {rng.choice(UNITS)} in {rng.randint(2010, 2024)} ({i})."
        )
        appearances = []
        chosen = rng.sample(sources, rng.randint(1, 2))
        for source in chosen:
            start = rng.randint(0, 4000)
            appearances.append(
                Appearance(
                    source=source,
                    quote=rng.choice([QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED]),
                    cue=rng.choice(CUES),
                    anchor=Anchor(
                        content=(Span(start, start + len(text)),),
                        cue=Span(start + len(text) + 2, start + len(text) + 6),
                    ),
                    confidence=round(rng.random(), 2),
                    attributed_by="claimtrack 0.1.0",
                )
            )
        published = min((s.published for s in chosen if s.published), key=lambda d: d.sort_key)
        said_day = published.value[:10]
        said = Date.parse(said_day, basis=rng.choice([Basis.STATED, Basis.INFERRED]))
        ledger.add(
            Claim(
                text=text,
                speaker=speaker,
                said=said,
                appearances=appearances,
                language="en",
                tags=(rng.choice(["budget", "health", "water"]),),
            )
        )
    return ledger
