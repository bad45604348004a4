"""An invented wire story about dam safety, modelled as a claimtrack ledger.

Run it to print the ledger document; ``examples/river-story.json`` is its output
(a test keeps the two in step), and the tutorial walks through it::

    python examples/river_story.py > examples/river-story.json
    claimtrack show examples/river-story.json
"""

from __future__ import annotations

from claimtrack import (
    Anchor,
    Appearance,
    Basis,
    Claim,
    Date,
    Ledger,
    QuoteKind,
    Rating,
    Relation,
    RelationKind,
    Review,
    Role,
    Source,
    SourceKind,
    Span,
    Speaker,
    SpeakerKind,
    dumps,
)

# --- the story ----------------------------------------------------------------
ARTICLE = """\
VIENNA, May 16 (Danube Courier) - Forty-eight dams along the river were inspected \
last year, Maria Kovacs, deputy director of the Danube Water Authority, said on Tuesday.

"We inspected 48 dams in 2023, more than in any year before," Kovacs told reporters. \
She added that repairs at the two worst sites would be finished by the end of 2025.

According to a report the National Audit Office released on Monday, the River Safety \
Board warned the authority in May 2023 that two spillways near Hainburg were unsafe.

Kovacs denied that the authority had kept the warning from the public.

Tomas Brandt, the mayor of Hainburg, wrote in a post on May 3: "Our town was never told \
about the risks." On Wednesday Brandt said the town would take the authority to court.

The Ministry of Environment said in a statement on Wednesday that dam maintenance \
funding would rise by 12 percent next year.

Experts said the spillway faults were preventable. An official who asked not to be \
named said the inspection backlog dates back to 2019. Residents said they had seen \
cracks in the walls last winter.
"""

COURIER = Source(
    kind=SourceKind.ARTICLE,
    title="Dam inspections hit record as audit faults river regulator",
    publisher="Danube Courier",
    authors=("Lena Hofer",),
    url="https://courier.example/2024/05/16/dam-inspections",
    published=Date.parse("2024-05-16T07:45:00+02:00"),
    language="en",
    section="Europe",
)
BRANDT_POST = Source(
    kind=SourceKind.SOCIAL_POST,
    publisher="X",
    authors=("Tomas Brandt",),
    url="https://x.example/tomasbrandt/status/1786",
    published=Date.parse("2024-05-03T18:12:00+02:00"),
    language="en",
)
AUDIT_REPORT = Source(
    kind=SourceKind.REPORT,
    title="Dam safety oversight 2023",
    publisher="National Audit Office",
    published=Date.parse("2024-05-13"),
)

# --- the speakers ------------------------------------------------------------
KOVACS = Speaker(
    kind=SpeakerKind.PERSON,
    name="Maria Kovacs",
    aliases=("Kovacs",),
    roles=(
        Role(
            title="deputy director",
            organization="Danube Water Authority",
            start=Date.parse("2021-09"),
        ),
    ),
)
BRANDT = Speaker(
    name="Tomas Brandt",
    aliases=("Brandt",),
    identifiers={"x": "@tomasbrandt"},
    roles=(Role(title="mayor", organization="Hainburg", start=Date.parse("2020-10")),),
)
AUDIT_OFFICE = Speaker(kind=SpeakerKind.ORGANIZATION, name="National Audit Office")
SAFETY_BOARD = Speaker(kind=SpeakerKind.ORGANIZATION, name="River Safety Board")
MINISTRY = Speaker(kind=SpeakerKind.ORGANIZATION, name="Ministry of Environment")
EXPERTS = Speaker(kind=SpeakerKind.GROUP, description="experts on dam safety")
OFFICIAL = Speaker(
    kind=SpeakerKind.UNNAMED,
    description="an official of the Danube Water Authority who asked not to be named",
)
RESIDENTS = Speaker(kind=SpeakerKind.GROUP, description="residents of Hainburg")
FACTDESK = Speaker(kind=SpeakerKind.ORGANIZATION, name="FactDesk Europe")

# Relative dates in the story, resolved against its publication on Thursday 16 May 2024.
TUESDAY = Date.parse("2024-05-14", basis=Basis.RESOLVED, text="on Tuesday")
WEDNESDAY = Date.parse("2024-05-15", basis=Basis.RESOLVED, text="on Wednesday")
MONDAY = Date.parse("2024-05-13", basis=Basis.RESOLVED, text="on Monday")
PUBLICATION_DAY = Date.parse("2024-05-16", basis=Basis.INFERRED)

TOOL = "Lena Hofer (Danube Courier desk)"


def near(phrase: str, position: int) -> Span:
    """The span of the occurrence of *phrase* in the article nearest to *position*."""
    starts = []
    start = ARTICLE.find(phrase)
    while start != -1:
        starts.append(start)
        start = ARTICLE.find(phrase, start + 1)
    if not starts:
        raise ValueError(f"{phrase!r} is not in the article")
    best = min(starts, key=lambda s: abs(s - position))
    return Span(best, best + len(phrase))


def appearance(content: str, cue: str, speaker: str, **fields: object) -> Appearance:
    """The story's appearance of one attribution, anchored in the article text:
    the cue and the speaker mention are the occurrences nearest the content.
    """
    content_span = near(content, 0)
    cue_span = near(cue, content_span.start)
    return Appearance(
        source=COURIER,
        cue=cue_span.of(ARTICLE).lower(),
        anchor=Anchor(
            content=(content_span,), cue=cue_span, speaker=near(speaker, content_span.start)
        ),
        attributed_by=TOOL,
        **fields,  # type: ignore[arg-type]
    )


def build() -> Ledger:
    """The ledger of the story: eleven claims, a relation and a review."""
    inspected = Claim(
        text="We inspected 48 dams in 2023, more than in any year before.",
        speaker=KOVACS,
        said=TUESDAY,
        about=Date.parse("2023"),
        appearances=(
            appearance(
                "We inspected 48 dams in 2023, more than in any year before",
                "told",
                "Kovacs",
                quote=QuoteKind.DIRECT,
                speaker_role="deputy director of the Danube Water Authority",
            ),
        ),
        tags=("dams",),
    )
    repairs = Claim(
        text="Repairs at the two worst sites will be finished by the end of 2025.",
        speaker=KOVACS,
        said=TUESDAY,
        about=Date.parse("2025-09/2025-12"),
        appearances=(
            appearance(
                "repairs at the two worst sites would be finished by the end of 2025",
                "added",
                "She",
                quote=QuoteKind.INDIRECT,
            ),
        ),
        tags=("dams",),
    )
    report = Claim(
        text="The River Safety Board warned the authority in May 2023 that two spillways "
        "near Hainburg were unsafe.",
        speaker=AUDIT_OFFICE,
        said=MONDAY,
        appearances=(
            Appearance(source=AUDIT_REPORT, quote=QuoteKind.UNKNOWN),
            appearance(
                "the River Safety Board warned the authority in May 2023 that two spillways "
                "near Hainburg were unsafe",
                "According to",
                "a report the National Audit Office released on Monday",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    warning = Claim(
        text="Two spillways near Hainburg are unsafe.",
        speaker=SAFETY_BOARD,
        said=Date.parse("2023-05"),
        appearances=(
            appearance(
                "two spillways near Hainburg were unsafe",
                "warned",
                "River Safety Board",
                quote=QuoteKind.INDIRECT,
                via=report,
            ),
        ),
    )
    denial = Claim(
        text="The authority did not keep the warning from the public.",
        speaker=KOVACS,
        said=PUBLICATION_DAY,
        appearances=(
            appearance(
                "the authority had kept the warning from the public",
                "denied",
                "Kovacs",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    never_told = Claim(
        text="Our town was never told about the risks.",
        speaker=BRANDT,
        said=Date.parse("2024-05-03T18:12:00+02:00"),
        appearances=(
            Appearance(
                source=BRANDT_POST, quote=QuoteKind.DIRECT, cue="posted", fidelity="verbatim"
            ),
            appearance(
                "Our town was never told about the risks.",
                "wrote",
                "Tomas Brandt",
                quote=QuoteKind.DIRECT,
                speaker_role="the mayor of Hainburg",
            ),
        ),
    )
    lawsuit = Claim(
        text="The town will take the authority to court.",
        speaker=BRANDT,
        said=WEDNESDAY,
        appearances=(
            appearance(
                "the town would take the authority to court",
                "said",
                "Brandt",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    funding = Claim(
        text="Dam maintenance funding will rise by 12 percent next year.",
        speaker=MINISTRY,
        said=WEDNESDAY,
        about=Date.parse("2025"),
        appearances=(
            appearance(
                "dam maintenance funding would rise by 12 percent next year",
                "said",
                "The Ministry of Environment",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    preventable = Claim(
        text="The spillway faults were preventable.",
        speaker=EXPERTS,
        said=PUBLICATION_DAY,
        appearances=(
            appearance(
                "the spillway faults were preventable",
                "said",
                "Experts",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    backlog = Claim(
        text="The inspection backlog dates back to 2019.",
        speaker=OFFICIAL,
        said=PUBLICATION_DAY,
        about=Date.parse("2019/.."),
        appearances=(
            appearance(
                "the inspection backlog dates back to 2019",
                "said",
                "An official who asked not to be named",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    cracks = Claim(
        text="They had seen cracks in the walls last winter.",
        speaker=RESIDENTS,
        said=PUBLICATION_DAY,
        about=Date.parse("2023-24", basis=Basis.RESOLVED, text="last winter"),
        appearances=(
            appearance(
                "they had seen cracks in the walls last winter",
                "said",
                "Residents",
                quote=QuoteKind.INDIRECT,
            ),
        ),
    )
    ledger = Ledger(
        [
            inspected,
            repairs,
            report,
            warning,
            denial,
            never_told,
            lawsuit,
            funding,
            preventable,
            backlog,
            cracks,
        ]
    )
    ledger.add(
        Relation(
            kind=RelationKind.CONTRADICTS,
            claim=never_told,
            target=denial,
            status="confirmed",
            by=TOOL,
        )
    )
    ledger.add(
        Review(
            claim=inspected,
            reviewer=FACTDESK,
            url="https://factdesk.example/checks/2024/danube-dams",
            date=Date.parse("2024-05-18"),
            rating=Rating(
                value=4,
                best=5,
                worst=1,
                label="Mostly true",
                explanation="The authority's own log lists 48 inspections in 2023.",
            ),
            language="en",
        )
    )
    return ledger


if __name__ == "__main__":
    print(dumps(build()), end="")
