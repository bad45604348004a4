"""Tests for claimtrack.interop.factcheck_api: the Fact Check Tools API's shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import (
    Appearance,
    Claim,
    Date,
    Ledger,
    Rating,
    Review,
    Role,
    Source,
    SourceKind,
    Speaker,
    SpeakerKind,
    ValidationError,
)
from claimtrack.interop import UNKNOWN_CLAIMANT, UNKNOWN_REVIEWER
from claimtrack.interop.factcheck_api import (
    from_markup_page,
    from_search_response,
    to_markup_pages,
)
from claimtrack.strategies import texts

DATA = Path(__file__).parent / "data" / "interop"


def load(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def test_search_response() -> None:
    ledger = from_search_response(load("factcheck_search"))
    assert len(ledger.claims) == 2
    first, second, third = ledger.reviews
    assert first.claim is second.claim  # one claim, two reviews
    assert first.claim.text == "The city council cut the library budget by 40 percent."
    assert first.claim.speaker == Speaker(name="Helen Marsh")
    assert str(first.claim.said) == "2022-02-01T00:00:00Z"
    assert first.reviewer == Speaker(
        kind=SpeakerKind.ORGANIZATION, name="FactDesk", identifiers={"site": "factdesk.example"}
    )
    assert first.rating == Rating(label="False")
    assert (first.url, first.title, first.language) == (
        "https://factdesk.example/checks/library-budget",
        "Library budget was cut by 12 percent, not 40",
        "en",
    )
    assert str(first.date) == "2022-02-04T00:00:00Z"
    assert second.language == "es"
    assert second.rating == Rating(label="Exagerado")
    # No claimant, a publisher known only by its site.
    assert third.claim.speaker == UNKNOWN_CLAIMANT
    assert third.reviewer.name == "checkpoint.example"
    assert [w.path for w in ledger.warnings] == ["$.nextPageToken", "$.claims[1].claimant"]


def test_search_response_keeps_what_it_cannot_map() -> None:
    data = {
        "claims": [
            {
                "text": "Rents rose 30%.",
                "claimant": "Li Wei",
                "claimDate": "yesterday",
                "claimOrigin": "radio",
                "claimReview": [
                    {
                        "publisher": {"name": "FactDesk"},
                        "url": "not a url",
                        "textualRating": "False",
                        "languageCode": "en_US",
                        "reviewer": "J. Doe",
                    }
                ],
            },
            {"claimant": "Nobody"},
            "junk",
        ]
    }
    ledger = from_search_response(data)
    (review,) = ledger.reviews
    assert review.claim.extra["factcheck_api"]["claimDate"] == "yesterday"
    assert review.claim.extra["factcheck_api"]["claimOrigin"] == "radio"
    kept = review.extra["factcheck_api"]
    assert (kept["url"], kept["languageCode"], kept["reviewer"]) == ("not a url", "en_US", "J. Doe")
    assert [path for path, _ in ledger.skipped] == ["$.claims[1]", "$.claims[2]"]
    paths = {w.path for w in ledger.warnings}
    assert {
        "$.claims[0].claimDate",
        "$.claims[0].claimReview[0].url",
        "$.claims[0].claimReview[0].languageCode",
        "$.claims[0].claimOrigin",
    } <= paths


def test_search_response_errors() -> None:
    with pytest.raises(ValidationError) as info:
        from_search_response({"claims": {}})
    assert info.value.problems[0].path == "$.claims"
    with pytest.raises(ValidationError):
        from_search_response("[1, 2]")
    with pytest.raises(ValidationError):
        from_search_response(b"{")
    assert len(from_search_response({}).reviews) == 0


def test_markup_page() -> None:
    ledger = from_markup_page(load("factcheck_page"))
    jobs, cargo = ledger.reviews
    assert jobs.url == "https://factdesk.example/checks/harbour#jobs"
    assert cargo.url == "https://factdesk.example/checks/harbour"  # the page's URL
    assert str(jobs.date) == str(cargo.date) == "2023-04-11"
    assert jobs.reviewer.name == "FactDesk"
    assert jobs.reviewer.extra["factcheck_api"]["imageUrl"] == "https://factdesk.example/logo.png"
    okafor = jobs.claim.speaker
    assert okafor.roles == (Role(title="Mayor of Port Selwyn"),)
    assert okafor.identifiers == {"wikidata": "Q55501234"}
    assert [a.source.url for a in jobs.claim.appearances] == [
        "https://courier.example/harbour-speech",
        "https://news-one.example/harbour",
        "https://news-two.example/harbour",
    ]
    assert jobs.claim.extra["factcheck_api"]["claimLocation"] == "Port Selwyn"
    assert jobs.rating == Rating(
        value=2,
        best=5,
        worst=1,
        label="Mostly false",
        explanation="The council's own study estimates 1,200 jobs.",
    )
    # Zeros written for unset numbers are no scale; they are kept as found.
    assert cargo.rating is not None
    assert (cargo.rating.value, cargo.rating.label) == (None, "True")
    assert cargo.rating.extra["factcheck_api"]["bestRating"] == 0
    assert jobs.extra["factcheck_api"] == {
        "page.name": "pages/factdesk-example-harbour",
        "page.versionId": "7",
    }


def test_markup_page_round_trip() -> None:
    data = load("factcheck_page")
    ledger = from_markup_page(data)
    (page,) = to_markup_pages(ledger)
    again = from_markup_page(page)
    assert list(again.reviews) == list(ledger.reviews)
    assert page["pageUrl"] == data["pageUrl"]
    assert page["claimReviewAuthor"] == data["claimReviewAuthor"]
    assert page["name"] == data["name"]
    assert page["claimReviewMarkups"][0] == data["claimReviewMarkups"][0]


def test_markup_page_listing_and_errors() -> None:
    page = load("factcheck_page")
    ledger = from_markup_page({"claimReviewMarkupPages": [page, page, 3], "nextPageToken": "x"})
    assert len(ledger.reviews) == 2  # the same page twice merges
    assert [p for p, _ in ledger.skipped] == ["$.claimReviewMarkupPages[2]"]
    with pytest.raises(ValidationError):
        from_markup_page("not json")


@settings(max_examples=60, deadline=None)
@given(texts(max_size=60), texts(max_size=30))
def test_markup_pages_carry_claims_and_ratings(text: str, name: str) -> None:
    claim = Claim(
        text=text,
        speaker=Speaker(name=name, roles=[Role(title="minister")], identifiers={"wikidata": "Q42"}),
        said=Date.parse("2023-04-02"),
        appearances=[
            Appearance(source=Source(kind=SourceKind.OTHER, url="https://courier.example/a"))
        ],
    )
    review = Review(
        claim=claim,
        reviewer=Speaker(kind="organization", name="FactDesk"),
        url="https://factdesk.example/c#1",
        date=Date.parse("2023-04-11"),
        rating=Rating(value=1, best=5, worst=1, label="False"),
    )
    (page,) = to_markup_pages(Ledger([review]))
    (got,) = from_markup_page(json.loads(json.dumps(page))).reviews
    assert got == review


def test_reviews_without_url_are_not_written() -> None:
    review = Review(claim=Claim(text="X.", speaker=UNKNOWN_CLAIMANT), reviewer=UNKNOWN_REVIEWER)
    assert to_markup_pages(review) == []


# -- hostile input: a clear error or a result, never a crash ---------------------------

_KEYS = [
    "claims",
    "text",
    "claimant",
    "claimDate",
    "claimReview",
    "publisher",
    "name",
    "site",
    "url",
    "title",
    "reviewDate",
    "textualRating",
    "languageCode",
    "pageUrl",
    "publishDate",
    "claimReviewAuthor",
    "imageUrl",
    "claimReviewMarkups",
    "claimReviewMarkupPages",
    "claimReviewed",
    "claimLocation",
    "claimFirstAppearance",
    "claimAppearances",
    "claimAuthor",
    "jobTitle",
    "sameAs",
    "rating",
    "ratingValue",
    "bestRating",
    "worstRating",
    "ratingExplanation",
]
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-2, 6)
    | st.sampled_from(
        [
            "https://a.example/x",
            "https://www.wikidata.org/wiki/Q42",
            "2021-03-04",
            "",
            "en",
            "False",
            "\x01",
        ]
    )
    | st.text(max_size=6)
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_any_json_gives_a_ledger_or_a_clear_error(data: Any) -> None:
    for read in (from_search_response, from_markup_page):
        try:
            ledger = read(data)
        except ValidationError as exc:
            problems = exc.problems
            ledger = None
        if ledger is None:
            assert problems
            continue
        assert all(w.path.startswith("$") for w in ledger.warnings)
        json.dumps(to_markup_pages(ledger), allow_nan=False)
