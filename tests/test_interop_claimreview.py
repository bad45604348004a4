"""Tests for claimtrack.interop.claimreview (and the interop command-line parts)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimtrack import (
    Appearance,
    Claim,
    Date,
    IntegrityError,
    Ledger,
    Rating,
    Review,
    Role,
    Source,
    SourceKind,
    Speaker,
    SpeakerKind,
    ValidationError,
    dumps,
)
from claimtrack.interop import UNKNOWN_CLAIMANT, UNKNOWN_REVIEWER, ImportedLedger
from claimtrack.interop import cli as interop_cli
from claimtrack.interop.claimreview import check, from_jsonld, to_html_script, to_jsonld
from claimtrack.strategies import ledgers, reviews, texts

DATA = Path(__file__).parent / "data" / "interop"
CLAIMREVIEW_FIXTURES = [
    "clean",
    "list_strings",
    "graph",
    "main_entity",
    "microdata",
    "ratings",
    "dates",
    "leftovers",
]


def load(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def paths(ledger: ImportedLedger) -> list[str]:
    return [w.path for w in ledger.warnings]


def without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "@id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


# -- a review to work with ----------------------------------------------------------

KOVACS = Speaker(
    name="Maria Kovacs",
    aliases=["Kovacs"],
    identifiers={"wikidata": "Q98765432", "x": "@mkovacs"},
    roles=[Role(title="deputy director", organization="Danube Water Authority")],
)
FACTDESK = Speaker(
    kind=SpeakerKind.ORGANIZATION,
    name="FactDesk",
    identifiers={"website": "https://factdesk.example"},
)
COURIER = Source(
    url="https://courier.example/2021/03/02/dams",
    title="Water authority says all dams were checked",
    publisher="Danube Courier",
    published=Date.parse("2021-03-02T18:40:00+01:00"),
)
CLAIM = Claim(
    text="Every dam on the lower Danube was inspected in 2020.",
    speaker=KOVACS,
    said=Date.parse("2021-03-02"),
    about=Date.parse("2020"),
    appearances=[Appearance(source=COURIER, cue="said")],
    tags=["dams"],
)
REVIEW = Review(
    claim=CLAIM,
    reviewer=FACTDESK,
    url="https://factdesk.example/checks/danube-dam-inspections",
    date=Date.parse("2021-03-05"),
    title="No, not every Danube dam was inspected last year",
    language="en",
    rating=Rating(
        value=2,
        best=5,
        worst=1,
        label="Mostly false",
        explanation="Inspection logs show 31 of 44 dams were checked.",
    ),
)


# -- export ------------------------------------------------------------------------


def test_export_writes_google_fields_and_deterministic_ids() -> None:
    node = to_jsonld(REVIEW)
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == "ClaimReview"
    assert node["@id"] == f"urn:claimtrack:{REVIEW.id}"
    assert node["claimReviewed"] == CLAIM.text
    assert node["datePublished"] == "2021-03-05"
    assert node["author"] == {
        "@type": "Organization",
        "name": "FactDesk",
        "url": "https://factdesk.example",
    }
    item = node["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["@id"] == f"urn:claimtrack:{CLAIM.id}"
    assert item["datePublished"] == "2021-03-02"
    assert item["temporalCoverage"] == "2020"
    author = item["author"]
    assert author["@type"] == "Person"
    assert author["jobTitle"] == "deputy director"
    assert author["worksFor"] == {"@type": "Organization", "name": "Danube Water Authority"}
    assert author["sameAs"] == ["https://www.wikidata.org/wiki/Q98765432"]
    assert author["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "x", "value": "@mkovacs"}
    ]
    assert item["firstAppearance"]["url"] == COURIER.url
    assert [a["url"] for a in item["appearance"]] == [COURIER.url]
    rating = node["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (2, 5, 1)
    assert rating["alternateName"] == "Mostly false"
    assert rating["ratingExplanation"].startswith("Inspection logs")
    assert node["inLanguage"] == "en"
    assert to_jsonld(REVIEW) == node  # deterministic


def test_export_clean_fixture_reproduces_it() -> None:
    data = load("clean")
    ledger = from_jsonld(data)
    assert ledger.warnings == []
    assert without_ids(to_jsonld(ledger.reviews[0])) == data


def test_export_role_at_said_date_and_organisation_for_groups() -> None:
    speaker = Speaker(
        name="Ana Ruiz",
        roles=[
            Role(title="mayor", start=Date.parse("2015"), end=Date.parse("2019")),
            Role(title="senator", start=Date.parse("2020")),
        ],
    )
    claim = Claim(text="Taxes fell.", speaker=speaker, said=Date.parse("2017-05-01"))
    review = Review(claim=claim, reviewer=FACTDESK, rating=Rating(label="False"))
    assert to_jsonld(review)["itemReviewed"]["author"]["jobTitle"] == "mayor"
    group = Speaker(kind=SpeakerKind.GROUP, description="experts")
    review = Review(claim=Claim(text="X.", speaker=group), reviewer=FACTDESK)
    author = to_jsonld(review)["itemReviewed"]["author"]
    assert author["@type"] == "Organization"
    assert "name" not in author
    assert author["description"] == "experts"


def test_export_leaves_out_unknown_speakers() -> None:
    review = Review(claim=Claim(text="X.", speaker=UNKNOWN_CLAIMANT), reviewer=UNKNOWN_REVIEWER)
    node = to_jsonld(review)
    assert "author" not in node
    assert "author" not in node["itemReviewed"]


def test_export_ledger_gives_one_object_per_review() -> None:
    other = Review(claim=CLAIM, reviewer=Speaker(kind="organization", name="Verifica Norte"))
    ledger = Ledger([REVIEW, other])
    nodes = to_jsonld(ledger)
    assert [n["@id"] for n in nodes] == [f"urn:claimtrack:{r.id}" for r in ledger.reviews]
    with pytest.raises(ValidationError, match="Review"):
        to_jsonld([CLAIM])  # type: ignore[list-item]


# -- embedding in HTML --------------------------------------------------------------

SCRIPT = re.compile(r'\A<script type="application/ld\+json">\n(.*)\n</script>\Z', re.DOTALL)


def test_html_script_cannot_be_broken_out_of() -> None:
    hostile = 'She said </script><script>alert(1)</script> <!-- & \u2028 \u2029 "ok"'
    review = Review(claim=Claim(text=hostile, speaker=KOVACS), reviewer=FACTDESK)
    html = to_html_script(review)
    body = SCRIPT.match(html)
    assert body is not None
    inner = body.group(1)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in inner
    assert json.loads(inner) == to_jsonld(review)


@settings(max_examples=60, deadline=None)
@given(texts(max_size=80))
def test_html_script_round_trips_any_text(text: str) -> None:
    review = Review(claim=Claim(text=text, speaker=KOVACS), reviewer=FACTDESK)
    body = SCRIPT.match(to_html_script(review, indent=None))
    assert body is not None
    inner = body.group(1)
    assert not set(inner) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(inner)["claimReviewed"] == text


# -- check --------------------------------------------------------------------------


def test_check_passes_a_complete_review() -> None:
    report = check(REVIEW)
    assert report.ok
    assert report.errors == ()
    assert report.warnings == ()


def test_check_reports_required_fields_as_errors() -> None:
    node = {"@context": "https://schema.org", "@type": "ClaimReview", "reviewRating": {}}
    report = check(node)
    assert not report.ok
    assert {p.path for p in report.errors} == {
        "$.claimReviewed",
        "$.url",
        "$.reviewRating.alternateName",
    }
    del node["reviewRating"]
    assert "$.reviewRating" in {p.path for p in check(node).errors}
    node["reviewRating"] = {"@type": "Rating", "ratingValue": 1}
    node["url"] = "not a url"
    assert {p.path for p in check(node).errors} == {
        "$.claimReviewed",
        "$.url",
        "$.reviewRating.alternateName",
    }


def test_check_reports_recommendations_as_warnings() -> None:
    review = Review(
        claim=Claim(text="A" * 80, speaker=UNKNOWN_CLAIMANT, said=Date.parse("2019?")),
        reviewer=UNKNOWN_REVIEWER,
        url="https://factdesk.example/r",
        rating=Rating(label="False"),
    )
    report = check(review)
    assert report.ok
    assert {p.path for p in report.warnings} == {
        "$.claimReviewed",  # longer than 75 characters
        "$.author",
        "$.datePublished",
        "$.itemReviewed.author",
        "$.itemReviewed.appearance",
        "$.itemReviewed.firstAppearance",
        "$.itemReviewed.datePublished",  # "2019?" is not plain ISO 8601
        "$.reviewRating.ratingValue",
        "$.reviewRating.bestRating",
        "$.reviewRating.worstRating",
    }


def test_check_finds_reviews_anywhere_and_wrong_contexts() -> None:
    assert not check({"@type": "WebPage"}).ok
    report = check(load("main_entity"))
    assert len([p for p in report.errors if "datePublished" in p.path]) == 0
    assert any(p.path == "$.mainEntity[0].datePublished" for p in report.warnings)
    bad = dict(load("clean"), **{"@context": "https://example.org/vocab"})
    assert [p.path for p in check(bad).errors] == ['$["@context"]']


# -- import: fixtures mirroring markup found in the wild ----------------------------


def test_import_list_string_author_and_appearances() -> None:
    ledger = from_jsonld(load("list_strings"))
    assert ledger.warnings == []
    first, second = ledger.reviews
    assert first.reviewer.kind is SpeakerKind.ORGANIZATION  # a reviewer named by a string
    assert first.reviewer.name == "Verifica Norte"
    assert first.claim.speaker.kind is SpeakerKind.PERSON  # a claimant named by a string
    assert first.claim.speaker.name == "Rui Tavares Lima"
    assert [a.source.url for a in first.claim.appearances] == [
        "https://social.example/@ruitl/posts/8812"
    ]
    assert first.rating == Rating(value=2, best=5, worst=1, label="Enganoso")
    assert [a.source.url for a in second.claim.appearances] == [
        "https://news-one.example/lena-river",
        "https://news-two.example/story?id=4,5",  # a comma inside a link stays
    ]
    assert second.claim.speaker.kind is SpeakerKind.ORGANIZATION
    assert second.rating is not None
    assert second.rating.label == "Verdadeiro"


def test_import_graph_follows_id_references() -> None:
    ledger = from_jsonld(load("graph"))
    (review,) = ledger.reviews
    assert review.reviewer.name == "Faktencheck Nord"
    assert review.reviewer.identifiers == {"website": "https://faktencheck-nord.example"}
    assert review.claim.speaker.name == "Jonas Brandt"
    assert str(review.claim.said) == "2023-01-17"
    (appearance,) = review.claim.appearances
    assert appearance.source.kind is SourceKind.BROADCAST
    assert appearance.source.title == "Interview mit Jonas Brandt"
    assert review.language == "de"
    assert str(review.date) == "2023-01-20T09:00:00+01:00"
    # The foreign @ids are kept, not lost.
    assert review.extra["claimreview"]["@id"].endswith("#review")


def test_import_nested_main_entity() -> None:
    ledger = from_jsonld(load("main_entity"))
    assert [r.url for r in ledger.reviews] == [
        "https://checkpoint.example/harbour#claim-1",
        "https://checkpoint.example/harbour#claim-2",
    ]
    okafor = ledger.reviews[0].claim.speaker
    assert okafor.roles == (Role(title="Mayor of Port Selwyn"),)
    assert len(ledger.speakers) == 3  # Checkpoint is held once


def test_import_microdata_properties_wrappers() -> None:
    ledger = from_jsonld(load("microdata"))
    assert ledger.warnings == []
    (review,) = ledger.reviews
    assert review.claim.text == "La vacuna se aprobó sin ensayos clínicos."
    assert review.claim.speaker.name == "Lucía Ferrer"
    assert review.reviewer.identifiers == {"website": "https://la-verdad-clara.example"}
    assert review.rating == Rating(value=1, best=5, worst=1, label="Falso")


def test_import_odd_ratings_are_kept_and_flagged_not_normalised() -> None:
    ledger = from_jsonld(load("ratings"))
    minus_one, above_best, flat, word, signed = ledger.reviews
    # -1 means "no rating": the label stays, the numbers are kept verbatim.
    assert minus_one.rating == Rating(
        label="Misleading",
        extra={"claimreview": {"ratingValue": -1, "bestRating": -1, "worstRating": -1}},
    )
    # A value above the best: kept, flagged, rated by its label only.
    assert above_best.rating is not None
    assert above_best.rating.value is None
    assert above_best.rating.extra["claimreview"]["ratingValue"] == 7
    assert "$[1].reviewRating" in paths(ledger)
    # best == worst and no label: no rating, the whole object kept.
    assert flat.rating is None
    assert flat.extra["claimreview"]["reviewRating"]["bestRating"] == 1
    # A verdict written where the number belongs.
    assert word.rating is not None
    assert word.rating.label == "Mostly True"
    # A real scale from -1 to 1 is not mistaken for "none".
    assert signed.rating == Rating(value=0, best=1, worst=-1, label="Half true")


def test_import_dates_in_many_formats_never_guessed() -> None:
    ledger = from_jsonld(load("dates"))
    got = [
        (str(r.date) if r.date else None, str(r.claim.said) if r.claim.said else None)
        for r in ledger.reviews
    ]
    assert got == [
        ("2021-03-04T10:15:00.000Z", "2021-03-01"),
        ("2021-03-04", "2021-03-01"),  # a time without an offset keeps only its day
        ("2021-03-04T10:15:00+02:00", "2021-03-04"),
        (None, "2020-12-25"),  # 04/03/2021 could be April or March: not read
        ("2021-03", None),  # "March 2021" is the month, no day borrowed
        ("2021-03-04T10:15:00.123456Z", None),  # nanoseconds cut to microseconds
    ]
    assert ledger.reviews[1].date is not None
    assert ledger.reviews[1].date.text == "2021-03-04 10:15:00"
    assert ledger.reviews[3].extra["claimreview"]["datePublished"] == "04/03/2021"
    assert ledger.reviews[4].claim.extra["claimreview"]["datePublished"] == "last spring"
    assert ledger.reviews[5].claim.extra["claimreview"]["datePublished"] == 2021
    assert {"$[3].datePublished", "$[4].itemReviewed.datePublished"} <= set(paths(ledger))


def test_import_keeps_unmapped_data_and_skips_nothing_silently() -> None:
    data = load("leftovers")
    ledger = from_jsonld(data)
    (review,) = ledger.reviews
    kept = review.extra.to_dict()["claimreview"]
    assert kept["image"] == data[0]["image"]
    assert kept["publisher"] == data[0]["publisher"]
    assert kept["author"] == data[0]["author"]  # several authors: all kept
    assert review.reviewer.name == "Verificado Sur"
    assert review.language == "es"  # from the Language object
    speaker = review.claim.speaker
    assert speaker.identifiers == {"wikidata": "Q77712345"}
    assert speaker.extra["claimreview"]["sameAs"] == "https://social.example/@tarrieta"
    assert (
        review.claim.extra.to_dict()["claimreview"]["appearance"]
        == data[0]["itemReviewed"]["appearance"]
    )
    assert review.rating is not None
    assert review.rating.extra["claimreview"]["image"].endswith("falso.png")
    # The review without claim text could not become a record: kept verbatim.
    assert ledger.skipped == [("$[1]", data[1])]
    assert "$[1]" in paths(ledger)
    for expected in (
        "$[0].image",
        "$[0].publisher",
        "$[0].author",
        "$[0].itemReviewed.author.image",
        "$[0].itemReviewed.appearance[1]",
        "$[0].itemReviewed.appearance[0].interactionStatistic",
    ):
        assert expected in paths(ledger)


@pytest.mark.parametrize("name", CLAIMREVIEW_FIXTURES)
def test_export_of_import_reproduces_every_mapped_field(name: str) -> None:
    first = from_jsonld(load(name))
    exported = to_jsonld(first)
    again = from_jsonld(json.loads(json.dumps(exported)))
    assert [r.id for r in again.reviews] == [r.id for r in first.reviews]
    assert to_jsonld(again) == exported
    # Nothing new goes wrong the second time round.
    assert len(again.warnings) <= len(first.warnings)
    for review, before in zip(again.reviews, first.reviews, strict=True):
        assert review.claim.text == before.claim.text
        assert review.rating == before.rating
        # Unmapped data comes back; a value kept beside its mapping (several
        # authors, a foreign @id) stays on the first import's record.
        for record, earlier in ((review, before), (review.claim, before.claim)):
            kept = earlier.extra.to_dict().get("claimreview", {})
            assert record.extra.to_dict().get("claimreview", {}).items() <= kept.items()


def test_import_accepts_json_text_and_rejects_non_markup() -> None:
    assert from_jsonld(json.dumps(load("clean"))).reviews[0].claim.text == CLAIM.text
    with pytest.raises(ValidationError) as info:
        from_jsonld("{not json")
    assert info.value.problems[0].path == "$"
    with pytest.raises(ValidationError, match="object or a list"):
        from_jsonld(42)  # type: ignore[arg-type]
    empty = from_jsonld({"@type": "WebPage"})
    assert len(empty.reviews) == 0
    assert paths(empty) == ["$"]


def test_import_survives_absurd_nesting_with_a_clear_error() -> None:
    data: Any = {"@type": "ClaimReview"}
    for _ in range(500):
        data = {"mainEntity": data}
    with pytest.raises(ValidationError, match="nested deeper"):
        from_jsonld(data)


def test_import_conflicting_records_are_kept_not_lost() -> None:
    base = to_jsonld(REVIEW)
    other = json.loads(json.dumps(base))
    other["url"] = "https://other-desk.example/r"
    other["author"] = {"@type": "Organization", "name": "Other Desk"}
    other["itemReviewed"]["temporalCoverage"] = "2019"  # the same claim, now in conflict
    other["itemReviewed"]["author"]["image"] = "https://img.example/k.jpg"
    ledger = from_jsonld([base, other])
    assert len(ledger.reviews) == 1
    assert ledger.skipped[0] == ("$[1]", other)
    assert any(w.path == "$[1]" and "conflicts" in w.message for w in ledger.warnings)


def test_import_differing_unmapped_data_of_one_speaker() -> None:
    one = to_jsonld(REVIEW)
    two = json.loads(json.dumps(one))
    two["url"] = "https://factdesk.example/checks/second"
    one["itemReviewed"]["author"]["image"] = "https://img.example/a.jpg"
    two["itemReviewed"]["author"]["image"] = "https://img.example/b.jpg"
    ledger = from_jsonld([one, two])
    assert len(ledger.reviews) == 2
    assert ledger.speakers.get(KOVACS.id).extra["claimreview"]["image"].endswith("a.jpg")
    assert any("differs" in w.message for w in ledger.warnings)
    assert ledger.skipped == []


def test_imported_ledger_is_a_ledger() -> None:
    ledger = from_jsonld(load("clean"))
    assert isinstance(ledger, Ledger)
    assert ledger.problems() == []
    assert "claimreview" not in dumps(ledger)  # a clean import leaves extra empty


# -- the round trip: ledger -> ClaimReview -> ledger -------------------------------


def _date(date: Date | None) -> Date | None:
    # ClaimReview carries the EDTF value, not where it came from.
    return None if date is None else Date.parse(str(date))


def carried_speaker(speaker: Speaker, at: Date | None) -> Speaker:
    roles = (speaker.roles_at(at) if at is not None else ()) or speaker.roles
    return Speaker(
        kind=speaker.kind,
        name=speaker.name,
        description=speaker.description,
        aliases=speaker.aliases,
        identifiers=speaker.identifiers,
        roles=(Role(title=roles[-1].title, organization=roles[-1].organization),) if roles else (),
    )


def carried_source(source: Source) -> Source:
    return Source(
        kind=source.kind,
        title=source.title,
        publisher=source.publisher,
        authors=source.authors,
        url=source.url,
        published=_date(source.published),
        archived_url=source.archived_url,
        language=source.language,
        section=source.section,
        part_of=carried_source(source.part_of) if source.part_of is not None else None,
    )


def carried(review: Review) -> Review:
    """What ClaimReview can carry of *review*: the fields of the mapping table."""
    claim = review.claim
    seen: dict[str, Appearance] = {}
    for appearance in claim.appearances:
        seen.setdefault(appearance.source.id, Appearance(source=carried_source(appearance.source)))
    rating = review.rating
    return Review(
        claim=Claim(
            text=claim.text,
            speaker=carried_speaker(claim.speaker, claim.said),
            said=_date(claim.said),
            about=_date(claim.about),
            language=claim.language,
            appearances=tuple(seen.values()),
            tags=claim.tags,
        ),
        reviewer=carried_speaker(review.reviewer, review.date),
        url=review.url,
        date=_date(review.date),
        rating=None
        if rating is None
        else Rating(
            value=rating.value,
            best=rating.best,
            worst=rating.worst,
            label=rating.label,
            explanation=rating.explanation,
        ),
        title=review.title,
        language=review.language,
    )


@settings(max_examples=80, deadline=None)
@given(reviews())
def test_round_trip_keeps_every_field_claimreview_carries(review: Review) -> None:
    # A source inside a source with the same id is no real document.
    assume(
        all(
            a.source.part_of is None or a.source.part_of.id != a.source.id
            for a in review.claim.appearances
        )
    )
    # Start from a review as a ledger holds it: one record per id.
    try:
        review = Ledger([review]).reviews[0]
    except IntegrityError:
        assume(False)
    text = json.dumps(to_jsonld(review), ensure_ascii=False)
    back = from_jsonld(json.loads(text))
    assert back.warnings == []
    assert back.skipped == []
    (got,) = back.reviews
    assert got == carried(review)
    assert got.id == review.id
    assert got.claim.id == review.claim.id


@settings(max_examples=40, deadline=None)
@given(ledgers())
def test_round_trip_of_a_ledger_keeps_reviews_and_their_claims(ledger: Ledger) -> None:
    back = from_jsonld(json.loads(json.dumps(to_jsonld(ledger))))
    assert back.skipped == []
    assert [r.id for r in back.reviews] == [r.id for r in ledger.reviews]
    assert [r.claim.id for r in back.reviews] == [r.claim.id for r in ledger.reviews]
    for got, review in zip(back.reviews, ledger.reviews, strict=True):
        expected = carried(review)
        assert got.rating == expected.rating
        assert got.claim.appearances == expected.claim.appearances
        assert (got.url, got.date, got.title, got.language) == (
            expected.url,
            expected.date,
            expected.title,
            expected.language,
        )


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(list(SpeakerKind)),
    st.none() | texts(max_size=20),
    st.none() | texts(max_size=20),
)
def test_round_trip_keeps_every_speaker_kind(
    kind: SpeakerKind, name: str | None, description: str | None
) -> None:
    if kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION):
        name = name or "Kofi Mensah"
    else:
        description = description or "an official"
    speaker = Speaker(kind=kind, name=name, description=description)
    review = Review(claim=Claim(text="The levee held.", speaker=speaker), reviewer=FACTDESK)
    (got,) = from_jsonld(to_jsonld(review)).reviews
    assert got.claim.speaker == speaker


# -- command line ------------------------------------------------------------------


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="claimtrack")
    interop_cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    result: int = args.handler(args)
    return result


def test_cli_export_claimreview_and_html(tmp_path: Path) -> None:
    ledger_file = tmp_path / "ledger.json"
    ledger_file.write_text(dumps(Ledger([REVIEW])), encoding="utf-8")
    out = tmp_path / "out.json"
    assert run(["export", str(ledger_file), "--format", "claimreview", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == [to_jsonld(REVIEW)]
    html = tmp_path / "out.html"
    assert (
        run(["export", str(ledger_file), "--format", "claimreview", "--html", "-o", str(html)]) == 0
    )
    assert html.read_text(encoding="utf-8").startswith('<script type="application/ld+json">')


def test_cli_read_ledger_in_each_format(tmp_path: Path) -> None:
    ledger = interop_cli.read_ledger(str(DATA / "graph.json"), "claimreview")
    assert len(ledger.reviews) == 1
    search = interop_cli.read_ledger(str(DATA / "factcheck_search.json"), "factcheck-api")
    assert len(search.reviews) == 3
    page = interop_cli.read_ledger(str(DATA / "factcheck_page.json"), "factcheck-api")
    assert len(page.reviews) == 2
    with pytest.raises(ValidationError, match="format"):
        interop_cli.read_ledger(str(DATA / "graph.json"), "csv")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        interop_cli.read_ledger(str(bad), "claimreview")
    other = tmp_path / "other.json"
    other.write_text('{"items": []}', encoding="utf-8")
    with pytest.raises(ValidationError, match="claims:search"):
        interop_cli.read_ledger(str(other), "factcheck-api")


# -- hostile input: a clear error or a result, never a crash ---------------------------

_KEYS = [
    "@type",
    "@id",
    "@graph",
    "@context",
    "@value",
    "type",
    "properties",
    "mainEntity",
    "claimReviewed",
    "itemReviewed",
    "author",
    "name",
    "description",
    "url",
    "sameAs",
    "alternateName",
    "identifier",
    "propertyID",
    "value",
    "jobTitle",
    "worksFor",
    "datePublished",
    "temporalCoverage",
    "inLanguage",
    "keywords",
    "appearance",
    "firstAppearance",
    "headline",
    "publisher",
    "isPartOf",
    "genre",
    "archivedAt",
    "reviewRating",
    "ratingValue",
    "bestRating",
    "worstRating",
    "ratingExplanation",
    "additionalType",
]
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 10)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(
        [
            "ClaimReview",
            "Claim",
            "Person",
            "Organization",
            "Rating",
            "CreativeWork",
            "https://a.example/x",
            "https://www.wikidata.org/wiki/Q42",
            "2021-03-04",
            "-1",
            "",
            " ",
            "\x00",
            "en",
            "x,https://b.example",
            "urn:claimtrack:x",
            "#a",
            "4/5/2021",
        ]
    )
    | st.text(max_size=8)
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_JSON, st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=6)))
def test_any_json_gives_a_ledger_or_a_clear_error(data: Any) -> None:
    try:
        ledger = from_jsonld(data)
    except ValidationError as exc:
        problems = exc.problems
        ledger = None
    if ledger is None:
        assert problems
        assert problems[0].path.startswith("$")
        return
    assert isinstance(ledger, ImportedLedger)
    assert all(w.path.startswith("$") for w in ledger.warnings)
    exported = to_jsonld(ledger)
    json.dumps(exported, allow_nan=False)  # always writable JSON
    check(exported)


def test_cli_import_into_a_sqlite_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimtrack.store import Store
    from claimtrack.store import cli as store_cli

    parser = argparse.ArgumentParser(prog="claimtrack")
    commands = parser.add_subparsers(dest="command")
    interop_cli.add_commands(commands)
    store_cli.add_commands(commands)
    db = tmp_path / "ledger.sqlite"
    for name, fmt in (("leftovers", "claimreview"), ("factcheck_search", "factcheck-api")):
        args = parser.parse_args(
            ["import", str(DATA / f"{name}.json"), "--format", fmt, "--db", str(db), "--quiet"]
        )
        assert args.handler(args) == 0
    with Store.open(str(db)) as store:
        assert store.counts()["claims"] == 3
    args = parser.parse_args(
        ["import", str(DATA / "leftovers.json"), "--format", "claimreview", "--db", str(db)]
    )
    assert args.handler(args) == 0
    assert "warning: $[0].image: 'image' is not mapped" in capsys.readouterr().err
