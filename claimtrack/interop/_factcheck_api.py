"""The Google Fact Check Tools API's shapes: ``claims:search`` responses and
``ClaimReviewMarkupPage`` resources.

Unmapped input is kept in ``extra`` under ``"factcheck_api"``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claimtrack import validators
from claimtrack._claim import Appearance, Claim
from claimtrack._ledger import Ledger
from claimtrack._review import Rating, Review
from claimtrack._source import Source, SourceKind
from claimtrack._speaker import Role, Speaker, SpeakerKind
from claimtrack.exceptions import Problem, ValidationError
from claimtrack.interop._claimreview import _WIKIDATA
from claimtrack.interop._common import (
    UNKNOWN_CLAIMANT,
    UNKNOWN_REVIEWER,
    ImportedLedger,
    as_list,
    build,
    check_json,
    extra_of,
    jpath,
    merge_extra,
    number_of,
    rating_numbers,
    read_date,
    text_of,
)

#: The key under which records keep unmapped Fact Check Tools input in ``extra``.
NAMESPACE = "factcheck_api"


def _load(data: Mapping[str, Any] | str | bytes, what: str) -> Mapping[str, Any]:
    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise ValidationError([Problem("$", f"not valid JSON ({exc})")]) from None
    if not isinstance(data, Mapping):
        raise ValidationError(
            [Problem("$", f"a {what} must be a JSON object (got {type(data).__name__})")]
        )
    check_json(data)
    return data


class _Fields:
    """A JSON object being read: the keys not taken are kept verbatim."""

    def __init__(self, data: Any, path: str, ledger: ImportedLedger) -> None:
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        self.path = path
        self.ledger = ledger
        self.taken: set[str] = set()
        self.touched: set[str] = set()

    def take(self, key: str) -> Any:
        self.taken.add(key)
        self.touched.add(key)
        return self.data.get(key)

    def keep(self, key: str, why: str | None = None) -> None:
        """Keep *key* verbatim; warn with *why* (callers that warned give none)."""
        self.taken.discard(key)
        if why is not None:
            self.ledger.warn(jpath(self.path, key), f"{why}; kept verbatim in 'extra'")

    def text(self, key: str) -> str | None:
        value = self.take(key)
        text = text_of(value)
        if value is not None and (text is None or validators.check_text(key, text)):
            self.keep(key)
            self.ledger.warn(
                jpath(self.path, key), f"not usable text ({value!r:.40}); kept verbatim"
            )
            return None
        return text

    def url(self, key: str) -> str | None:
        text = self.text(key)
        if text is not None and validators.check_url(key, text) is not None:
            self.keep(key)
            self.ledger.warn(
                jpath(self.path, key), f"not an absolute http(s) URL ({text!r:.60}); kept verbatim"
            )
            return None
        return text

    def date(self, key: str) -> Any:
        value = self.take(key)
        if value is None:
            return None
        date = read_date(value, jpath(self.path, key), self.ledger)
        if date is None:
            self.keep(key)
        return date

    def language(self, key: str) -> str | None:
        text = self.text(key)
        if text is not None and not validators.is_language_tag(text):
            self.keep(key)
            self.ledger.warn(
                jpath(self.path, key), f"not a BCP 47 language tag ({text!r:.40}); kept verbatim"
            )
            return None
        return text

    def rest(self) -> dict[str, Any]:
        rest = {k: v for k, v in self.data.items() if k not in self.taken}
        for key in rest:
            if key in self.touched:
                continue
            self.ledger.warn(
                jpath(self.path, key), f"{key!r} is not mapped; kept verbatim in 'extra'"
            )
        return rest


def _claimant(name: str | None, path: str, ledger: ImportedLedger) -> Speaker:
    if name is None:
        ledger.warn(path, "no claimant given; recorded as an unidentified claimant")
        return UNKNOWN_CLAIMANT
    return Speaker(kind=SpeakerKind.PERSON, name=name)


def _add(ledger: ImportedLedger, review: Review | None, path: str, raw: Any) -> None:
    if review is None:
        ledger.skip(path, raw, "the review could not be built; kept verbatim")
    else:
        ledger.add_safely(review, path, raw)


def from_search_response(data: Mapping[str, Any] | str | bytes) -> ImportedLedger:
    """Read a ``claims:search`` response of the Fact Check Tools API into a ledger.

    Each ``claims[]`` item becomes a claim (``text``; ``claimant`` as a person,
    since the API gives only a name; ``claimDate`` as said), and each of its
    ``claimReview[]`` items a review (``publisher.name`` as the reviewer, with
    ``publisher.site`` as its ``site`` identifier; ``url``, ``title``,
    ``reviewDate``, ``textualRating`` as the rating's label, ``languageCode``).
    A claim without reviews is added on its own. Unmapped fields are kept in
    ``extra`` under ``"factcheck_api"`` and reported in ``warnings``.

    Raises:
        ValidationError: *data* is not JSON, not an object, or its ``claims``
            is not a list.
    """
    data = _load(data, "claims:search response")
    ledger = ImportedLedger()
    claims = data.get("claims", [])
    if not isinstance(claims, list):
        raise ValidationError(
            [Problem("$.claims", f"'claims' must be a list (got {type(claims).__name__})")]
        )
    for key in data:
        if key != "claims":
            ledger.warn(jpath("$", key), f"{key!r} is not part of any record; not imported")
    for index, raw in enumerate(claims):
        path = jpath("$.claims", index)
        if not isinstance(raw, Mapping):
            ledger.skip(path, raw, "a claim must be an object; kept verbatim")
            continue
        fields = _Fields(raw, path, ledger)
        text = fields.text("text")
        if text is None:
            ledger.skip(path, raw, "a claim without 'text'; kept verbatim")
            continue
        speaker = _claimant(fields.text("claimant"), jpath(path, "claimant"), ledger)
        said = fields.date("claimDate")
        reviews = as_list(fields.take("claimReview"))
        claim = Claim(
            text=text, speaker=speaker, said=said, extra=merge_extra(NAMESPACE, fields.rest())
        )
        if not reviews:
            ledger.add_safely(claim, path, raw)
        for number, review_raw in enumerate(reviews):
            rpath = jpath(jpath(path, "claimReview"), number)
            _add(ledger, _search_review(claim, review_raw, rpath, ledger), rpath, review_raw)
    return ledger


def _search_review(claim: Claim, raw: Any, path: str, ledger: ImportedLedger) -> Review | None:
    if not isinstance(raw, Mapping):
        return None
    fields = _Fields(raw, path, ledger)
    publisher = fields.take("publisher")
    reviewer = UNKNOWN_REVIEWER
    if isinstance(publisher, Mapping):
        pub = _Fields(publisher, jpath(path, "publisher"), ledger)
        name, site = pub.text("name"), pub.text("site")
        rest = pub.rest()
        if name is not None or site is not None:
            reviewer = Speaker(
                kind=SpeakerKind.ORGANIZATION,
                name=name if name is not None else site,
                identifiers={"site": site} if site is not None else {},
                extra=merge_extra(NAMESPACE, rest),
            )
        else:
            fields.keep("publisher", "a publisher without a name or site")
    elif publisher is not None:
        fields.keep("publisher", "a publisher without a name or site")
    label = fields.text("textualRating")
    review: Review | None = build(
        Review,
        path,
        ledger,
        claim=claim,
        reviewer=reviewer,
        url=fields.url("url"),
        title=fields.text("title"),
        date=fields.date("reviewDate"),
        rating=Rating(label=label) if label is not None else None,
        language=fields.language("languageCode"),
        extra=merge_extra(NAMESPACE, fields.rest()),
    )
    return review


# -- ClaimReviewMarkupPage ---------------------------------------------------------


def from_markup_page(data: Mapping[str, Any] | str | bytes) -> ImportedLedger:
    """Read a ``ClaimReviewMarkupPage`` (or a ``{"claimReviewMarkupPages": [...]}``
    listing) into a ledger.

    Page-level fields apply to every markup of the page: ``pageUrl`` is each
    review's URL unless the markup has its own ``url``, ``publishDate`` its
    date, ``claimReviewAuthor.name`` its reviewer. Each markup gives a claim
    (``claimReviewed``, ``claimAuthor`` with ``jobTitle`` as a role and a
    Wikidata ``sameAs``, ``claimDate``, ``claimFirstAppearance`` and
    ``claimAppearances`` as appearances) and a rating (``textualRating``,
    ``ratingValue``, ``bestRating``, ``worstRating``, ``ratingExplanation``).
    The page's ``name`` and ``versionId`` and anything else unmapped are kept
    in ``extra`` under ``"factcheck_api"``.

    Raises:
        ValidationError: *data* is not JSON or not an object.
    """
    data = _load(data, "ClaimReviewMarkupPage")
    ledger = ImportedLedger()
    if "claimReviewMarkupPages" in data:
        pages = as_list(data.get("claimReviewMarkupPages"))
        for key in data:
            if key != "claimReviewMarkupPages":
                ledger.warn(jpath("$", key), f"{key!r} is not part of any record; not imported")
        for index, page in enumerate(pages):
            _read_page(page, jpath("$.claimReviewMarkupPages", index), ledger)
    else:
        _read_page(data, "$", ledger)
    return ledger


def _read_page(raw: Any, path: str, ledger: ImportedLedger) -> None:
    if not isinstance(raw, Mapping):
        ledger.skip(path, raw, "a page must be an object; kept verbatim")
        return
    page = _Fields(raw, path, ledger)
    page_url = page.url("pageUrl")
    date = page.date("publishDate")
    reviewer = UNKNOWN_REVIEWER
    author = page.take("claimReviewAuthor")
    if isinstance(author, Mapping):
        fields = _Fields(author, jpath(path, "claimReviewAuthor"), ledger)
        name = fields.text("name")
        image = fields.take("imageUrl")
        rest = fields.rest()
        if image is not None:
            rest["imageUrl"] = image
        if name is not None:
            reviewer = Speaker(
                kind=SpeakerKind.ORGANIZATION, name=name, extra=merge_extra(NAMESPACE, rest)
            )
        else:
            page.keep("claimReviewAuthor", "an author without a name")
    elif author is not None:
        page.keep("claimReviewAuthor", "an author without a name")
    markups = as_list(page.take("claimReviewMarkups"))
    # Page-level leftovers (name, versionId) belong to every review on the page.
    page_extra = {k: v for k, v in raw.items() if k not in page.taken}
    for key in page_extra:
        if key not in ("name", "versionId"):
            ledger.warn(jpath(path, key), f"{key!r} is not mapped; kept verbatim in 'extra'")
    for index, markup in enumerate(markups):
        mpath = jpath(jpath(path, "claimReviewMarkups"), index)
        review = _read_markup(markup, mpath, ledger, page_url, date, reviewer, page_extra)
        _add(ledger, review, mpath, markup)


def _read_markup(
    raw: Any,
    path: str,
    ledger: ImportedLedger,
    page_url: str | None,
    date: Any,
    reviewer: Speaker,
    page_extra: Mapping[str, Any],
) -> Review | None:
    if not isinstance(raw, Mapping):
        return None
    fields = _Fields(raw, path, ledger)
    text = fields.text("claimReviewed")
    if text is None:
        return None
    url = fields.url("url") or page_url
    speaker = _markup_author(fields, jpath(path, "claimAuthor"), ledger)
    said = fields.date("claimDate")
    sources: list[Source] = []
    for key in ("claimFirstAppearance", "claimAppearances"):
        value = fields.take(key)
        for item in as_list(value):
            if isinstance(item, str) and validators.check_url(key, item) is None:
                source = Source(kind=SourceKind.OTHER, url=item)
                if source.id not in {s.id for s in sources}:
                    sources.append(source)
            else:
                fields.keep(key)
                ledger.warn(
                    jpath(path, key), f"not an absolute http(s) URL ({item!r:.60}); kept verbatim"
                )
    rating = _markup_rating(fields, jpath(path, "rating"), ledger)
    claim_extra = {}
    location = fields.take("claimLocation")
    if location is not None:
        claim_extra["claimLocation"] = location
    claim = build(
        Claim,
        path,
        ledger,
        text=text,
        speaker=speaker,
        said=said,
        appearances=tuple(Appearance(source=s) for s in sources),
        extra=merge_extra(NAMESPACE, claim_extra),
    )
    if claim is None:
        return None
    review_extra = {**{f"page.{k}": v for k, v in page_extra.items()}, **fields.rest()}
    review: Review | None = build(
        Review,
        path,
        ledger,
        claim=claim,
        reviewer=reviewer,
        url=url,
        date=date,
        rating=rating,
        extra=merge_extra(NAMESPACE, review_extra),
    )
    return review


def _markup_author(fields: _Fields, path: str, ledger: ImportedLedger) -> Speaker:
    raw = fields.take("claimAuthor")
    if not isinstance(raw, Mapping):
        if raw is not None:
            fields.keep("claimAuthor", "an author without a name")
        return _claimant(None, path, ledger)
    author = _Fields(raw, path, ledger)
    name = author.text("name")
    if name is None:
        fields.keep("claimAuthor", "an author without a name")
        return _claimant(None, path, ledger)
    job = author.text("jobTitle")
    identifiers = {}
    same = author.take("sameAs")
    match = _WIKIDATA.match(same) if isinstance(same, str) else None
    if match is not None:
        identifiers["wikidata"] = match[1]
    elif same is not None:
        author.keep("sameAs", "not a Wikidata link")
    rest = author.rest()
    speaker: Speaker = build(
        Speaker,
        path,
        ledger,
        kind=SpeakerKind.PERSON,
        name=name,
        identifiers=identifiers,
        roles=(Role(title=job),) if job is not None else (),
        extra=merge_extra(NAMESPACE, rest),
    ) or _claimant(None, path, ledger)
    return speaker


def _markup_rating(fields: _Fields, path: str, ledger: ImportedLedger) -> Rating | None:
    raw = fields.take("rating")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        fields.keep("rating", "not a usable rating")
        return None
    rating = _Fields(raw, path, ledger)
    label = rating.text("textualRating")
    explanation = rating.text("ratingExplanation")
    numbers: dict[str, Any] = {}
    # The API writes 0 for a number that was not set: a scale from 0 to 0 is no
    # scale, and its numbers are kept as found.
    unset = not raw.get("bestRating") and not raw.get("worstRating")
    for key, name in (("ratingValue", "value"), ("bestRating", "best"), ("worstRating", "worst")):
        value = rating.take(key)
        if value is None:
            continue
        if unset:
            rating.keep(key, None if value == 0 else "a number without a scale")
            continue
        number = number_of(value)
        if number is None:
            rating.keep(key, f"not a number ({value!r:.40})")
        else:
            numbers[name] = number
    rest = rating.rest()
    built: Rating | None = build(
        Rating,
        path,
        ledger,
        label=label,
        explanation=explanation,
        extra=merge_extra(NAMESPACE, rest),
        **numbers,
    )
    if built is None and numbers:
        # An impossible scale: keep the numbers verbatim, rate by the label.
        for key in ("ratingValue", "bestRating", "worstRating"):
            if key in raw:
                rest[key] = raw[key]
        built = (
            build(
                Rating,
                path,
                ledger,
                label=label,
                explanation=explanation,
                extra=merge_extra(NAMESPACE, rest),
            )
            if label is not None
            else None
        )
    if built is None:
        fields.keep("rating", "not a usable rating")
    return built


def _page_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment=""))


def to_markup_pages(data: Ledger | Review) -> list[dict[str, Any]]:
    """Write reviews as ``ClaimReviewMarkupPage`` resources, one per page.

    Reviews are grouped by their URL without its fragment (the "page jump").
    The page's ``publishDate`` and ``claimReviewAuthor`` come from its first
    review. Reviews without a URL cannot be placed on a page and are left out.
    """
    reviews = [data] if isinstance(data, Review) else list(data.reviews)
    pages: dict[str, dict[str, Any]] = {}
    for review in reviews:
        if review.url is None:
            continue
        page_url = _page_of(review.url)
        page = pages.get(page_url)
        if page is None:
            page = pages[page_url] = {"pageUrl": page_url}
            extra = extra_of(review.extra, NAMESPACE)
            for key in ("name", "versionId"):
                if f"page.{key}" in extra:
                    page[key] = extra[f"page.{key}"]
            if review.date is not None:
                page["publishDate"] = str(review.date)
            if review.reviewer.id != UNKNOWN_REVIEWER.id:
                author: dict[str, Any] = {"name": review.reviewer.label}
                image = extra_of(review.reviewer.extra, NAMESPACE).get("imageUrl")
                if image is not None:
                    author["imageUrl"] = image
                page["claimReviewAuthor"] = author
            page["claimReviewMarkups"] = []
        page["claimReviewMarkups"].append(_markup(review, page_url))
    return list(pages.values())


def _markup(review: Review, page_url: str) -> dict[str, Any]:
    claim = review.claim
    markup: dict[str, Any] = {}
    if review.url is not None and review.url != page_url:
        markup["url"] = review.url
    markup["claimReviewed"] = claim.text
    if claim.said is not None:
        markup["claimDate"] = str(claim.said)
    location = extra_of(claim.extra, NAMESPACE).get("claimLocation")
    if location is not None:
        markup["claimLocation"] = location
    first = claim.first_appearance
    urls = [a.source.url for a in claim.appearances if a.source.url is not None]
    if first is not None and first.source.url is not None:
        markup["claimFirstAppearance"] = first.source.url
        urls.remove(first.source.url)
    if urls:
        markup["claimAppearances"] = urls
    if claim.speaker.id != UNKNOWN_CLAIMANT.id:
        author: dict[str, Any] = {"name": claim.speaker.label}
        roles = claim.speaker.roles_at(claim.said) if claim.said is not None else ()
        roles = roles or claim.speaker.roles
        if roles:
            author["jobTitle"] = roles[-1].title
        _fill(author, extra_of(claim.speaker.extra, NAMESPACE))
        if "wikidata" in claim.speaker.identifiers:
            author["sameAs"] = (
                f"https://www.wikidata.org/wiki/{claim.speaker.identifiers['wikidata']}"
            )
        markup["claimAuthor"] = author
    if review.rating is not None:
        rating: dict[str, Any] = {}
        r = review.rating
        if r.label is not None:
            rating["textualRating"] = r.label
        rating.update(rating_numbers(r))
        if r.explanation is not None:
            rating["ratingExplanation"] = r.explanation
        _fill(rating, extra_of(r.extra, NAMESPACE))
        markup["rating"] = rating
    kept = extra_of(review.extra, NAMESPACE)
    _fill(markup, {k: v for k, v in kept.items() if not k.startswith("page.")})
    return markup


def _fill(node: dict[str, Any], kept: Mapping[str, Any]) -> None:
    """Write back what an import kept verbatim, where the mapping wrote nothing."""
    for key, value in kept.items():
        node.setdefault(key, value)
