"""schema.org ClaimReview: export to JSON-LD, a checker, and a tolerant importer.

Mapping (claimtrack -> ClaimReview):

* Review: ``@id`` (``urn:claimtrack:<id>``), ``url``, ``claimReviewed`` (the
  claim's text), ``datePublished`` (the review's date), ``headline`` (title),
  ``inLanguage``, ``author`` (the reviewer), ``reviewRating``, ``itemReviewed``.
* Claim: ``@type: Claim``, ``@id``, ``author`` (the speaker), ``datePublished``
  (said), ``temporalCoverage`` (about), ``inLanguage``, ``keywords`` (tags),
  ``appearance`` (every appearance's source) and ``firstAppearance``.
* Speaker: ``Person`` (person, unnamed) or ``Organization`` (organization,
  group); ``name``, ``description``, ``alternateName`` (aliases), ``sameAs``
  (Wikidata), ``url`` (the ``website`` identifier), ``identifier`` (other
  identifiers, as ``PropertyValue``), ``jobTitle`` and ``worksFor`` (the role
  held when the claim was said, or the latest).
* Source: ``Article``, ``SocialMediaPosting``, ``Report``, ``DigitalDocument``
  or ``CreativeWork`` with ``genre`` naming the kind; ``url``, ``headline``,
  ``publisher``, ``author``, ``datePublished``, ``inLanguage``, ``archivedAt``,
  ``articleSection``, ``isPartOf``.
* Rating: ``ratingValue``, ``bestRating``, ``worstRating``, ``alternateName``
  and ``name`` (label), ``ratingExplanation``.

Whatever an import could not map is kept in the record's ``extra`` under the
``"claimreview"`` key and written back by the exporter, so markup survives an
import-export cycle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, overload

import attrs

from claimtrack import validators
from claimtrack._claim import Appearance, Claim
from claimtrack._date import Date
from claimtrack._ledger import Ledger
from claimtrack._review import Rating, Review
from claimtrack._source import Source, SourceKind
from claimtrack._speaker import Role, Speaker, SpeakerKind
from claimtrack.exceptions import Problem, ValidationError
from claimtrack.interop._common import (
    UNKNOWN_CLAIMANT,
    UNKNOWN_REVIEWER,
    URN,
    ImportedLedger,
    as_list,
    build,
    check_json,
    extra_of,
    iter_items,
    jpath,
    merge_extra,
    number_of,
    rating_numbers,
    read_date,
    text_of,
    url_ok,
)

#: The key under which records keep unmapped ClaimReview input in ``extra``.
NAMESPACE = "claimreview"
CONTEXT = "https://schema.org"

_KIND_TYPES = {
    SourceKind.ARTICLE: "Article",
    SourceKind.SOCIAL_POST: "SocialMediaPosting",
    SourceKind.REPORT: "Report",
    SourceKind.DOCUMENT: "DigitalDocument",
}
_ARTICLE_TYPES = (
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "ScholarlyArticle",
    "WebPage",
    "Blog",
    "LiveBlogPosting",
)
_TYPE_KINDS = {
    **dict.fromkeys(_ARTICLE_TYPES, SourceKind.ARTICLE),
    "SocialMediaPosting": SourceKind.SOCIAL_POST,
    "DiscussionForumPosting": SourceKind.SOCIAL_POST,
    "Report": SourceKind.REPORT,
    "DigitalDocument": SourceKind.DOCUMENT,
    "Legislation": SourceKind.DOCUMENT,
    "VideoObject": SourceKind.BROADCAST,
    "AudioObject": SourceKind.BROADCAST,
    "BroadcastEvent": SourceKind.BROADCAST,
    "TVEpisode": SourceKind.BROADCAST,
    "RadioEpisode": SourceKind.BROADCAST,
}
_ORG_TYPES = frozenset(
    {
        "Organization",
        "Corporation",
        "NGO",
        "PoliticalParty",
        "Project",
        "Consortium",
        "LocalBusiness",
        "OnlineBusiness",
        "PerformingGroup",
        "WorkersUnion",
        "Airline",
        "Cooperative",
        "LibrarySystem",
        "FundingScheme",
    }
)
# schema.org has no type for a group of people or a person left unnamed; these
# say which (schema.org's additionalType takes any URL).
_VOCAB = "https://claimtrack.readthedocs.io/vocab#"
_KIND_URIS = {SpeakerKind.GROUP: _VOCAB + "Group", SpeakerKind.UNNAMED: _VOCAB + "Unnamed"}
_URI_KINDS = {uri: kind for kind, uri in _KIND_URIS.items()}
_WIKIDATA = re.compile(r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)\Z")
_URL_SPLIT = re.compile(r"\s*[,;]\s*(?=https?://)|\s+(?=https?://)")


# -- export ---------------------------------------------------------------------


def _fill(node: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Write back what an import kept: keys the mapping did not set."""
    for key, value in extra.items():
        if key == "@type" or key not in node:
            node[key] = value
        elif key == "sameAs":
            node[key] = as_list(node[key]) + [v for v in as_list(value) if v not in node[key]]
    return node


def _is_unknown(speaker: Speaker) -> bool:
    return speaker.id in (UNKNOWN_CLAIMANT.id, UNKNOWN_REVIEWER.id)


def _role(speaker: Speaker, at: Date | None) -> Role | None:
    roles = speaker.roles_at(at) if at is not None else speaker.roles
    roles = roles or speaker.roles
    return roles[-1] if roles else None


def _agent(speaker: Speaker, at: Date | None = None) -> dict[str, Any] | None:
    if _is_unknown(speaker):
        return None
    person = speaker.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED)
    node: dict[str, Any] = {"@type": "Person" if person else "Organization"}
    if speaker.kind in _KIND_URIS:
        node["additionalType"] = _KIND_URIS[speaker.kind]
    if speaker.name is not None:
        node["name"] = speaker.name
    if speaker.description is not None:
        node["description"] = speaker.description
    if speaker.aliases:
        node["alternateName"] = list(speaker.aliases)
    ids = speaker.identifiers
    if "website" in ids:
        node["url"] = ids["website"]
    if "wikidata" in ids:
        node["sameAs"] = [f"https://www.wikidata.org/wiki/{ids['wikidata']}"]
    others = [
        {"@type": "PropertyValue", "propertyID": scheme, "value": value}
        for scheme, value in ids.items()
        if scheme not in ("website", "wikidata")
    ]
    if others:
        node["identifier"] = others
    role = _role(speaker, at)
    if role is not None:
        node["jobTitle"] = role.title
        if role.organization is not None:
            node["worksFor"] = {"@type": "Organization", "name": role.organization}
    return _fill(node, extra_of(speaker.extra, NAMESPACE))


def _source(source: Source) -> dict[str, Any] | str:
    extra = extra_of(source.extra, NAMESPACE)
    if (
        source.kind is SourceKind.OTHER
        and source.url is not None
        and not extra
        and source == Source(kind=SourceKind.OTHER, url=source.url, id=source.id)
    ):
        return source.url  # a bare link, as it was found
    node: dict[str, Any] = {
        "@type": extra.get("@type", _KIND_TYPES.get(source.kind, "CreativeWork"))
    }
    # Kinds schema.org has no type for are told by genre; a type kept from an
    # import (VideoObject) tells the kind by itself.
    if node["@type"] == "CreativeWork" and source.kind is not SourceKind.OTHER:
        node["genre"] = source.kind.value
    if source.url is not None:
        node["url"] = source.url
    if source.title is not None:
        node["headline"] = source.title
    if source.publisher is not None:
        node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.authors:
        node["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if source.published is not None:
        node["datePublished"] = str(source.published)
    if source.language is not None:
        node["inLanguage"] = source.language
    if source.archived_url is not None:
        node["archivedAt"] = source.archived_url
    if source.section is not None:
        node["articleSection"] = source.section
    if source.part_of is not None:
        node["isPartOf"] = _source(source.part_of)
    return _fill(node, extra)


def _claim(claim: Claim) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Claim", "@id": URN + claim.id}
    author = _agent(claim.speaker, claim.said)
    if author is not None:
        node["author"] = author
    if claim.said is not None:
        node["datePublished"] = str(claim.said)
    if claim.about is not None:
        node["temporalCoverage"] = str(claim.about)
    if claim.language is not None:
        node["inLanguage"] = claim.language
    if claim.tags:
        node["keywords"] = list(claim.tags)
    if claim.appearances:
        node["appearance"] = [_source(a.source) for a in claim.appearances]
        first = claim.first_appearance
        assert first is not None
        node["firstAppearance"] = _source(first.source)
    return _fill(node, extra_of(claim.extra, NAMESPACE))


def _rating(rating: Rating) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Rating", **rating_numbers(rating)}
    if rating.label is not None:
        node["alternateName"] = rating.label
        node["name"] = rating.label
    if rating.explanation is not None:
        node["ratingExplanation"] = rating.explanation
    return _fill(node, extra_of(rating.extra, NAMESPACE))


def review_node(review: Review) -> dict[str, Any]:
    """One review as a ClaimReview JSON-LD object."""
    claim = review.claim
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": URN + review.id,
    }
    if review.url is not None:
        node["url"] = review.url
    node["claimReviewed"] = claim.text
    if review.date is not None:
        node["datePublished"] = str(review.date)
    if review.title is not None:
        node["headline"] = review.title
    if review.language is not None:
        node["inLanguage"] = review.language
    author = _agent(review.reviewer, review.date)
    if author is not None:
        node["author"] = author
    node["itemReviewed"] = _claim(claim)
    if review.rating is not None:
        node["reviewRating"] = _rating(review.rating)
    return _fill(node, extra_of(review.extra, NAMESPACE))


@overload
def to_jsonld(data: Review) -> dict[str, Any]: ...
@overload
def to_jsonld(data: Ledger | Iterable[Review]) -> list[dict[str, Any]]: ...
def to_jsonld(data: Review | Ledger | Iterable[Review]) -> dict[str, Any] | list[dict[str, Any]]:
    """Write schema.org ``ClaimReview`` JSON-LD.

    A :class:`~claimtrack.Review` gives one object; a :class:`~claimtrack.Ledger`
    (or an iterable of reviews) gives a list with one object per review, in the
    ledger's order. Claims without a review, relations, and the parts of an
    appearance other than its source have no place in ClaimReview and are not
    written.
    """
    if isinstance(data, Review):
        return review_node(data)
    reviews = data.reviews if isinstance(data, Ledger) else data
    nodes = []
    for review in reviews:
        if not isinstance(review, Review):
            raise ValidationError(
                f"to_jsonld takes a Review, a Ledger or reviews (got {type(review).__name__})",
                field="data",
                value=review,
            )
        nodes.append(review_node(review))
    return nodes


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def to_html_script(
    data: Review | Ledger | Iterable[Review] | Mapping[str, Any] | list[Any],
    *,
    indent: int | None = 2,
) -> str:
    """ClaimReview JSON-LD inside a ``<script type="application/ld+json">`` element.

    *data* is a review, a ledger, or JSON-LD already made. ``<``, ``>``, ``&``,
    U+2028 and U+2029 are written as ``\\u`` escapes, which JSON reads back as
    the same characters, so no text can close the element (``</script>``),
    open a comment (``<!--``) or end a line in a script.
    """
    node: Any = data if isinstance(data, (Mapping, list)) else to_jsonld(data)
    text = json.dumps(node, ensure_ascii=False, indent=indent, allow_nan=False)
    # These characters only occur inside JSON strings, where \\u escapes mean the same.
    text = _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)
    return f'<script type="application/ld+json">\n{text}\n</script>'


# -- check ----------------------------------------------------------------------


@attrs.frozen
class CheckReport:
    """What :func:`check` found: Google's required fields missing (``errors``)
    and its recommended fields missing (``warnings``), each with its JSON path.
    """

    #: Problems that keep the markup from being used: a required field is missing or wrong.
    errors: tuple[Problem, ...]
    #: Recommended fields missing, and values Google may not read.
    warnings: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors


_PLAIN_ISO = re.compile(
    r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?\Z"
)


def check(data: Review | Ledger | Mapping[str, Any] | list[Any]) -> CheckReport:
    """Check ClaimReview markup against Google's documented fields.

    *data* is a review or a ledger (checked as :func:`to_jsonld` writes it) or
    JSON-LD as found. Errors: a missing ``claimReviewed``, ``reviewRating``,
    ``reviewRating.alternateName`` or ``url``, a URL that is not absolute, a
    context other than schema.org. Warnings: missing ``author`` (and its
    ``name``), ``datePublished``, ``itemReviewed`` and the claim's ``author``,
    ``datePublished``, ``appearance`` and ``firstAppearance``; the rating's
    ``ratingValue``, ``bestRating`` and ``worstRating``; a ``claimReviewed``
    longer than 75 characters; dates that are not plain ISO 8601.
    """
    if isinstance(data, (Review, Ledger)):
        data = to_jsonld(data)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    found = 0
    check_json(data)
    for path, node in _find_reviews(_unwrap(data), "$"):
        found += 1
        _check_review(node, path, errors, warnings)
    if not found:
        errors.append(Problem("$", "no ClaimReview found"))
    return CheckReport(tuple(errors), tuple(warnings))


def _check_date(value: Any, path: str, warnings: list[Problem]) -> None:
    text = text_of(value)
    if text is None or not _PLAIN_ISO.match(text):
        warnings.append(
            Problem(path, f"not a plain ISO 8601 date Google can read (got {value!r:.60})")
        )


def _check_review(
    node: Mapping[str, Any], path: str, errors: list[Problem], warnings: list[Problem]
) -> None:
    def need(container: Mapping[str, Any], key: str, where: str, required: bool) -> Any:
        value = container.get(key)
        if value is None or value == "" or value == []:
            (errors if required else warnings).append(
                Problem(
                    jpath(where, key),
                    f"{'required' if required else 'recommended'} field {key!r} is missing",
                )
            )
            return None
        return value

    context = node.get("@context")
    if context is not None and not any(
        isinstance(c, str) and c.rstrip("/").split("://")[-1] == "schema.org"
        for c in as_list(context)
    ):
        errors.append(
            Problem(
                jpath(path, "@context"), f"the context must be schema.org (got {context!r:.60})"
            )
        )
    text = need(node, "claimReviewed", path, True)
    if isinstance(text, str) and len(text) > 75:
        warnings.append(
            Problem(
                jpath(path, "claimReviewed"),
                f"longer than the 75 characters Google recommends ({len(text)})",
            )
        )
    url = need(node, "url", path, True)
    if url is not None:
        message = validators.check_url("url", text_of(url))
        if message is not None:
            errors.append(Problem(jpath(path, "url"), message))
    rating = need(node, "reviewRating", path, True)
    if isinstance(rating, list):
        rating = rating[0] if rating else None
    if isinstance(rating, Mapping):
        rpath = jpath(path, "reviewRating")
        need(rating, "alternateName", rpath, True)
        for key in ("ratingValue", "bestRating", "worstRating"):
            need(rating, key, rpath, False)
    author = need(node, "author", path, False)
    if isinstance(author, Mapping):
        need(author, "name", jpath(path, "author"), False)
    date = need(node, "datePublished", path, False)
    if date is not None:
        _check_date(date, jpath(path, "datePublished"), warnings)
    item = need(node, "itemReviewed", path, False)
    if isinstance(item, Mapping):
        ipath = jpath(path, "itemReviewed")
        for key in ("author", "appearance", "firstAppearance"):
            need(item, key, ipath, False)
        said = need(item, "datePublished", ipath, False)
        if said is not None:
            _check_date(said, jpath(ipath, "datePublished"), warnings)


# -- import ---------------------------------------------------------------------


def _strip_type(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    for prefix in (
        "http://schema.org/",
        "https://schema.org/",
        "schema:",
        "http://www.schema.org/",
    ):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _types(node: Mapping[str, Any]) -> list[str]:
    raw = node.get("@type", node.get("type"))
    return [t for t in (_strip_type(v) for v in as_list(raw)) if t]


def _unwrap(value: Any, depth: int = 0) -> Any:
    """Microdata-style ``{"type": ..., "properties": {...}}`` wrappers become plain
    nodes. (:func:`check_json` has bounded the depth.)
    """
    if type(value) is list:
        return [_unwrap(v, depth + 1) for v in value]
    if type(value) is not dict and not isinstance(value, Mapping):
        return value
    props = value.get("properties")
    if isinstance(props, Mapping) and ("type" in value or "@type" in value):
        node: dict[str, Any] = {"@type": value.get("@type", value.get("type"))}
        if "id" in value or "@id" in value:
            node["@id"] = value.get("@id", value.get("id"))
        for key, item in value.items():
            if key not in ("type", "@type", "id", "@id", "properties"):
                node[key] = item  # kept as found
        for key, item in props.items():
            node[key] = _unwrap(item, depth + 1)
        return node
    return {key: _unwrap(item, depth + 1) for key, item in value.items()}


def _find_reviews(value: Any, path: str) -> Iterable[tuple[str, Mapping[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _find_reviews(item, jpath(path, index))
    elif isinstance(value, Mapping):
        if "ClaimReview" in _types(value):
            yield path, value
            return
        for key, item in value.items():
            if key != "@context":
                yield from _find_reviews(item, jpath(path, key))


def _index(value: Any, index: dict[str, Mapping[str, Any]]) -> None:
    """Nodes with an ``@id`` and content, so that references can be followed."""
    if type(value) is list:
        for item in value:
            _index(item, index)
    elif type(value) is dict or isinstance(value, Mapping):
        ident = value.get("@id")
        if isinstance(ident, str) and len(value) > 1:
            index.setdefault(ident, value)
        for item in value.values():
            _index(item, index)


class _Reader:
    """Reads ClaimReview nodes into an ImportedLedger."""

    def __init__(self, ledger: ImportedLedger, index: Mapping[str, Mapping[str, Any]]) -> None:
        self.ledger = ledger
        self.index = index

    def resolve(self, value: Any) -> Any:
        if isinstance(value, Mapping) and set(value) == {"@id"}:
            target = self.index.get(value["@id"]) if isinstance(value["@id"], str) else None
            if target is not None:
                return target
        return value

    def warn(self, path: str, message: str) -> None:
        self.ledger.warn(path, message)

    # A record met twice (a speaker in two reviews) must carry one ``extra``:
    # the first one seen is kept, and a differing later one is reported.
    def align(self, record: Any, path: str) -> Any:
        view: Any = {
            Speaker: self.ledger.speakers,
            Source: self.ledger.sources,
            Claim: self.ledger.claims,
        }.get(type(record))
        held = view.get(record.id) if view is not None else None
        if held is None or held.extra == record.extra or not record.extra:
            return record
        if held.extra:
            self.warn(
                path, "unmapped data differs from the same record met earlier; the first is kept"
            )
            return attrs.evolve(record, extra=held.extra)
        return record

    def read_review(self, raw: Mapping[str, Any], path: str) -> None:
        node = _Node(raw, path, self)
        node.type_is("ClaimReview")
        context = node.take("@context")
        if context is not None and not any(
            isinstance(c, str) and "schema.org" in c for c in as_list(context)
        ):
            node.keep("@context", f"the context is not schema.org ({context!r:.60})")
        node.our_id()
        text = text_of(node.take("claimReviewed"))
        item = self.resolve(node.take("itemReviewed"))
        if isinstance(item, list):
            node.keep("itemReviewed")
            self.warn(jpath(path, "itemReviewed"), "several items reviewed; the first is read")
            item = self.resolve(item[0]) if item else None
        claim = self.read_claim(item, text, jpath(path, "itemReviewed"), raw, path)
        if claim is None:
            return
        reviewer = self.read_agent(node, "author", SpeakerKind.ORGANIZATION)
        if reviewer is None:
            reviewer = UNKNOWN_REVIEWER
        url = node.url("url")
        date = node.date("datePublished")
        title = node.text("headline")
        name = text_of(node.take("name"))
        if title is None:
            title = name
        elif name is not None and name != title:
            node.keep("name", "'name' differs from 'headline'")
        language = node.language("inLanguage")
        rating = self.read_rating(node)
        extra = merge_extra(NAMESPACE, node.finish())
        review = build(
            Review,
            path,
            self.ledger,
            claim=claim,
            reviewer=reviewer,
            url=url,
            date=date,
            title=title,
            language=language,
            rating=rating,
            extra=extra,
        )
        if review is None:
            self.ledger.skip(path, raw, "the review could not be built; kept verbatim")
            return
        self.ledger.add_safely(review, path, raw)

    def read_claim(
        self, item: Any, text: str | None, path: str, raw: Any, review_path: str
    ) -> Claim | None:
        if item is not None and not isinstance(item, Mapping):
            self.warn(path, f"the item reviewed is not an object (got {item!r:.60}); kept verbatim")
            item = {"claimtrack:itemReviewed": item}
        node = _Node(item or {}, path, self)
        node.type_is("Claim")
        node.our_id()
        for key in ("text", "name"):
            other = text_of(node.take(key))
            if other is None:
                continue
            if text is None:
                text = other
            elif other != text:
                node.keep(key, f"{key!r} differs from 'claimReviewed'")
        if text is None or validators.check_text("claimReviewed", text) is not None:
            self.ledger.skip(
                review_path, raw, "no usable claim text ('claimReviewed'); kept verbatim"
            )
            return None
        speaker = self.read_agent(node, "author", SpeakerKind.PERSON)
        if speaker is None:
            self.warn(
                jpath(path, "author"), "no claimant given; recorded as an unidentified claimant"
            )
            speaker = UNKNOWN_CLAIMANT
        said = node.date("datePublished")
        about = node.date("temporalCoverage")
        language = node.language("inLanguage")
        tags = self.read_tags(node)
        appearances = self.read_appearances(node)
        claim = build(
            Claim,
            path,
            self.ledger,
            text=text,
            speaker=speaker,
            said=said,
            about=about,
            language=language,
            tags=tags,
            appearances=tuple(Appearance(source=s) for s in appearances),
            extra=merge_extra(NAMESPACE, node.finish()),
        )
        if claim is None:
            self.ledger.skip(review_path, raw, "the claim could not be built; kept verbatim")
            return None
        aligned: Claim = self.align(claim, path)
        return aligned

    def read_tags(self, node: _Node) -> tuple[str, ...]:
        value = node.take("keywords")
        if value is None:
            return ()
        items = value.split(",") if isinstance(value, str) else as_list(value)
        tags = [text_of(t) for t in items]
        if any(t is None or validators.check_text("keywords", t) is not None for t in tags):
            node.keep("keywords", "not a list of usable tags")
            return ()
        return tuple(t for t in tags if t is not None)

    def read_appearances(self, node: _Node) -> list[Source]:
        sources: list[Source] = []
        seen: set[str] = set()
        # The listed appearances keep their order; a first appearance not
        # among them goes first.
        for key in ("appearance", "firstAppearance"):
            value = node.take(key)
            ok = True
            found: list[Source] = []
            for path, item in iter_items(value, jpath(node.path, key)):
                item = self.resolve(item)
                if isinstance(item, str):
                    for url in _split_urls(item):
                        if url_ok(url):
                            found.append(Source(kind=SourceKind.OTHER, url=url))
                        else:
                            ok = False
                            self.warn(
                                path, f"not an absolute http(s) URL ({url!r:.60}); kept verbatim"
                            )
                elif isinstance(item, Mapping):
                    source = self.read_source(item, path, 0)
                    if source is None:
                        ok = False
                    else:
                        found.append(source)
                else:
                    ok = False
                    self.warn(path, f"an appearance must be a URL or an object (got {item!r:.60})")
            if not ok:
                node.keep(key)
            for source in found:
                if source.id not in seen:
                    seen.add(source.id)
                    if key == "firstAppearance":
                        sources.insert(0, source)
                    else:
                        sources.append(source)
        return sources

    def read_source(self, raw: Mapping[str, Any], path: str, depth: int) -> Source | None:
        node = _Node(raw, path, self)
        types = _types(raw)
        kind = next((_TYPE_KINDS[t] for t in types if t in _TYPE_KINDS), SourceKind.OTHER)
        node.take("@type")
        genre = text_of(raw.get("genre"))
        if (
            kind is SourceKind.OTHER
            and genre is not None
            and genre in set(SourceKind)
            and (not types or types == ["CreativeWork"])
        ):
            kind = SourceKind(genre)
            node.take("genre")
        if [_KIND_TYPES.get(kind, "CreativeWork")] != types:
            node.keep("@type")
        url = node.url("url")
        title = node.text("headline")
        name = text_of(node.take("name"))
        if title is None:
            title = name
        elif name is not None and name != title:
            node.keep("name", "'name' differs from 'headline'")
        publisher = self.read_names(node, "publisher")
        authors = self.read_names(node, "author")
        published = node.date("datePublished")
        language = node.language("inLanguage")
        archived = node.url("archivedAt")
        section = node.text("articleSection")
        part_of = None
        parent = self.resolve(node.take("isPartOf"))
        if isinstance(parent, Mapping) and depth < 8:
            part_of = self.read_source(parent, jpath(path, "isPartOf"), depth + 1)
        elif isinstance(parent, str) and url_ok(parent):
            part_of = Source(kind=SourceKind.OTHER, url=parent)
        if parent is not None and part_of is None:
            node.keep("isPartOf", "not a readable source")
        source = build(
            Source,
            path,
            self.ledger,
            kind=kind,
            url=url,
            title=title,
            publisher=publisher[0] if len(publisher) == 1 else None,
            authors=tuple(authors),
            published=published,
            language=language,
            archived_url=archived,
            section=section,
            part_of=part_of,
            extra=merge_extra(NAMESPACE, node.finish()),
        )
        if source is None:
            self.warn(
                path, "an appearance needs a 'url', a 'headline' or a 'publisher'; kept verbatim"
            )
            return None
        aligned: Source = self.align(source, path)
        return aligned

    def read_names(self, node: _Node, key: str) -> list[str]:
        """Names of the agents under *key*; the value is kept verbatim unless each
        is a bare name or a Person/Organization with only a name.
        """
        value = node.take(key)
        names: list[str] = []
        plain = True
        for _, item in iter_items(value, node.path):
            item = self.resolve(item)
            name = text_of(item.get("name")) if isinstance(item, Mapping) else text_of(item)
            if name is None or validators.check_text(key, name) is not None:
                plain = False
                continue
            names.append(name)
            if isinstance(item, Mapping) and not (
                set(item) <= {"@type", "name"} and _types(item) in (["Person"], ["Organization"])
            ):
                plain = False
        if value is not None and (not plain or (key == "publisher" and len(names) != 1)):
            node.keep(key, f"more than names in {key!r}")
        return names

    def read_agent(self, parent: _Node, key: str, default: SpeakerKind) -> Speaker | None:
        value = self.resolve(parent.take(key))
        path = jpath(parent.path, key)
        if isinstance(value, list):
            if len(value) != 1:
                parent.keep(key)
                if value:
                    self.warn(path, "several authors; the first is read, all kept verbatim")
            value = self.resolve(value[0]) if value else None
            path = jpath(path, 0)
        if value is None:
            return None
        if isinstance(value, str):
            name = text_of(value)
            speaker = build(Speaker, path, self.ledger, kind=default, name=name) if name else None
            if speaker is None:
                parent.keep(key, "not a usable name")
            return self.align(speaker, path) if speaker is not None else None
        if not isinstance(value, Mapping):
            parent.keep(key)
            self.warn(path, f"an author must be a name or an object (got {value!r:.60})")
            return None
        node = _Node(value, path, self)
        types = _types(value)
        node.take("@type")
        if "Person" in types:
            organization = False
        elif any(t in _ORG_TYPES or t.endswith("Organization") for t in types):
            organization = True
        else:
            organization = default is SpeakerKind.ORGANIZATION
        if types != ["Organization" if organization else "Person"]:
            node.keep("@type")
        name = node.text("name")
        description = node.text("description")
        marked = _URI_KINDS.get(node.take("additionalType"))
        if marked is None:
            node.keep("additionalType")
        if marked is not None and description is not None:
            kind = marked
        elif name is not None:
            kind = SpeakerKind.ORGANIZATION if organization else SpeakerKind.PERSON
        elif description is not None:
            kind = SpeakerKind.GROUP if organization else SpeakerKind.UNNAMED
        else:
            parent.keep(key)
            self.warn(path, "an author needs a 'name' or a 'description'; kept verbatim")
            return None
        aliases = self.read_aliases(node)
        identifiers = self.read_identifiers(node)
        roles = self.read_roles(node)
        speaker = build(
            Speaker,
            path,
            self.ledger,
            kind=kind,
            name=name,
            description=description,
            aliases=aliases,
            identifiers=identifiers,
            roles=roles,
            extra=merge_extra(NAMESPACE, node.finish()),
        )
        if speaker is None:
            parent.keep(key, "not a usable author")
            return None
        aligned: Speaker = self.align(speaker, path)
        return aligned

    def read_aliases(self, node: _Node) -> tuple[str, ...]:
        value = node.take("alternateName")
        aliases = [text_of(v) for v in as_list(value)]
        if any(a is None or validators.check_text("alternateName", a) for a in aliases):
            node.keep("alternateName", "not a list of usable names")
            return ()
        return tuple(a for a in aliases if a is not None)

    def read_identifiers(self, node: _Node) -> dict[str, str]:
        identifiers: dict[str, str] = {}
        url = node.url("url")
        if url is not None:
            identifiers["website"] = url
        rest = []
        for item in as_list(node.take("sameAs")):
            match = _WIKIDATA.match(item) if isinstance(item, str) else None
            if match is not None and "wikidata" not in identifiers:
                identifiers["wikidata"] = match[1]
            else:
                rest.append(item)
        if rest:
            node.data_kept["sameAs"] = rest if len(rest) > 1 else rest[0]
            node.reader.warn(
                jpath(node.path, "sameAs"), "links other than Wikidata kept verbatim in 'extra'"
            )
        ok = True
        for item in as_list(node.take("identifier")):
            scheme = text_of(item.get("propertyID")) if isinstance(item, Mapping) else None
            value = text_of(item.get("value")) if isinstance(item, Mapping) else None
            if (
                scheme is None
                or value is None
                or scheme in identifiers
                or scheme in ("website", "url", "wikidata")
                or not set(item) <= {"@type", "propertyID", "value"}
                or validators.check_text("identifier", value) is not None
                or validators.check_text("identifier", scheme) is not None
            ):
                ok = False
                continue
            identifiers[scheme] = value
        if not ok:
            node.keep("identifier", "not all PropertyValues with a new scheme and a value")
        return identifiers

    def read_roles(self, node: _Node) -> tuple[Role, ...]:
        titles = [text_of(t) for t in as_list(node.take("jobTitle"))]
        works = self.resolve(node.take("worksFor"))
        organization = None
        if works is not None:
            organization = (
                text_of(works.get("name")) if isinstance(works, Mapping) else text_of(works)
            )
            if organization is None or not (
                isinstance(works, str)
                or (set(works) <= {"@type", "name"} and _types(works) in ([], ["Organization"]))
            ):
                node.keep("worksFor", "more than an organisation's name")
                organization = None
        if any(t is None or validators.check_text("jobTitle", t) for t in titles):
            node.keep("jobTitle", "not usable titles")
            return ()
        return tuple(Role(title=t, organization=organization) for t in titles if t is not None)

    def read_rating(self, review: _Node) -> Rating | None:
        raw = self.resolve(review.take("reviewRating"))
        path = jpath(review.path, "reviewRating")
        if isinstance(raw, list):
            if len(raw) != 1:
                review.keep("reviewRating")
                self.warn(path, "several ratings; kept verbatim")
                return None
            raw = self.resolve(raw[0])
        if raw is None:
            return None
        if isinstance(raw, str):
            label = text_of(raw)
            if label is None or validators.check_text("label", label):
                review.keep("reviewRating", "not a usable label")
                return None
            return Rating(label=label)
        if not isinstance(raw, Mapping):
            review.keep("reviewRating")
            self.warn(path, f"a rating must be an object (got {raw!r:.60}); kept verbatim")
            return None
        node = _Node(raw, path, self)
        node.type_is("Rating")
        label = node.text("alternateName")
        name = text_of(node.take("name"))
        if label is None:
            label = name
        elif name is not None and name != label:
            node.keep("name", "'name' differs from 'alternateName'")
        explanation = node.text("ratingExplanation")
        numbers = {}
        for key in ("ratingValue", "bestRating", "worstRating"):
            value = node.take(key)
            if value is None:
                continue
            number = number_of(value)
            if number is None:
                node.keep(key)
                text = text_of(value)
                if key == "ratingValue" and label is None and text is not None:
                    label = text  # a verdict written where the number belongs
                    self.warn(jpath(path, key), f"{text!r} is not a number; read as the label")
                else:
                    self.warn(jpath(path, key), f"not a number (got {value!r:.40}); kept verbatim")
                continue
            numbers[key] = number
        scale = _scale(numbers)
        if scale is None:
            for key in numbers:
                node.keep(key)
            self.warn(
                path,
                f"the scale {_show_scale(numbers)} is impossible; kept verbatim, not normalised",
            )
            scale = (None, None, None)
        else:
            for key, number in zip(
                ("ratingValue", "bestRating", "worstRating"), scale, strict=True
            ):
                if number is None and key in numbers:
                    node.keep(key, "-1 read as no rating")
        value, best, worst = scale
        extra = merge_extra(NAMESPACE, node.finish())
        if value is None and label is None:
            review.keep("reviewRating")
            if numbers or raw:
                self.warn(path, "the rating has neither a usable value nor a label; kept verbatim")
            return None
        rating: Rating | None = build(
            Rating,
            path,
            self.ledger,
            value=value,
            best=best,
            worst=worst,
            label=label,
            explanation=explanation,
            extra=extra,
        )
        if rating is None:
            review.keep("reviewRating", "not a valid rating")
        return rating


def _show_scale(numbers: Mapping[str, float | int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in numbers.items())


def _valid_scale(value: float | None, best: float | None, worst: float | None) -> bool:
    if best is not None and worst is not None:
        if best == worst:
            return False
        low, high = sorted((best, worst))
        return value is None or low <= value <= high
    return True


def _scale(
    numbers: Mapping[str, float | int],
) -> tuple[float | None, float | None, float | None] | None:
    """Value, best and worst; -1 read as "none" where the scale needs it; None
    when no reading gives a possible scale.
    """
    triple = (numbers.get("ratingValue"), numbers.get("bestRating"), numbers.get("worstRating"))
    if _valid_scale(*triple):
        if triple[0] == -1 and triple[1] is None and triple[2] is None:
            return (None, None, None)
        return triple
    cleaned = tuple(None if n == -1 else n for n in triple)
    if _valid_scale(*cleaned):
        return cleaned  # type: ignore[return-value]
    return None


def _split_urls(text: str) -> list[str]:
    """Split comma-joined links; a comma inside one link stays."""
    return [part for part in _URL_SPLIT.split(text.strip()) if part]


class _Node:
    """A JSON object being read: records which keys were mapped, so that the
    rest can be kept verbatim (and reported, once per key).
    """

    def __init__(self, data: Mapping[str, Any], path: str, reader: _Reader) -> None:
        self.data = data
        self.path = path
        self.reader = reader
        self.taken: set[str] = set()
        self.touched: set[str] = set()
        #: Values kept in place of what the input held (a partly mapped key).
        self.data_kept: dict[str, Any] = {}

    def take(self, key: str) -> Any:
        self.taken.add(key)
        self.touched.add(key)
        return self.data.get(key)

    def keep(self, key: str, why: str | None = None) -> None:
        """Keep *key* verbatim in ``extra``; warn with *why* (callers that warned
        already give none).
        """
        self.taken.discard(key)
        if why is not None:
            self.reader.warn(jpath(self.path, key), f"{why}; kept verbatim in 'extra'")

    def type_is(self, expected: str) -> None:
        if _types(self.data) == [expected] or "@type" not in self.data:
            self.take("@type")
            self.take("type")

    def our_id(self) -> None:
        ident = self.take("@id")
        if ident is not None and not (isinstance(ident, str) and ident.startswith(URN)):
            self.keep("@id")  # another tool's id: worth keeping, not worth a warning

    def text(self, key: str) -> str | None:
        value = self.take(key)
        text = text_of(value)
        if value is not None and (text is None or validators.check_text(key, text) is not None):
            self.keep(key, f"not usable text ({value!r:.40})")
            return None
        return text

    def url(self, key: str) -> str | None:
        value = self.take(key)
        text = text_of(value)
        text = text.strip() if text is not None else None
        if value is not None and (text is None or not url_ok(text)):
            self.keep(key, f"not an absolute http(s) URL ({value!r:.60})")
            return None
        return text

    def date(self, key: str) -> Date | None:
        value = self.take(key)
        if value is None:
            return None
        date = read_date(value, jpath(self.path, key), self.reader.ledger)
        if date is None:
            self.keep(key)  # read_date said why
        return date

    def language(self, key: str) -> str | None:
        value = self.take(key)
        if value is None:
            return None
        if isinstance(value, Mapping) and ("alternateName" in value or "name" in value):
            candidates = [value.get("alternateName"), value.get("name")]
            self.keep(key)  # the Language object is kept as it was
        else:
            candidates = [value]
        for candidate in candidates:
            text = text_of(candidate)
            text = text.strip() if text is not None else None
            if text is not None and validators.is_language_tag(text):
                return text
        self.keep(key, f"not a BCP 47 language tag ({value!r:.40})")
        return None

    def finish(self) -> dict[str, Any]:
        """What was not mapped, verbatim; keys nobody looked at are reported."""
        rest = {k: v for k, v in self.data.items() if k not in self.taken and k != "@context"}
        for key, value in self.data_kept.items():
            rest.setdefault(key, value)
        if "@context" in self.data and "@context" not in self.taken:
            rest["@context"] = self.data["@context"]
        for key in rest:
            if key not in self.touched and key not in ("@type", "@id", "type", "@context"):
                self.reader.warn(
                    jpath(self.path, key), f"{key!r} is not mapped; kept verbatim in 'extra'"
                )
        return rest


def from_jsonld(data: Mapping[str, Any] | list[Any] | str | bytes) -> ImportedLedger:
    """Read ClaimReview markup, as found on real sites, into a ledger.

    *data* is parsed JSON (a dict or a list) or JSON text. Every ClaimReview in
    it is read: a single object, a list, an ``@graph``, one nested in
    ``mainEntity`` or anywhere else, microdata-style ``properties`` wrappers,
    and ``{"@id": ...}`` references to other nodes of the document. Values that
    cannot be mapped are kept verbatim in the records' ``extra`` (under
    ``"claimreview"``) and reported in ``warnings``; a review that cannot
    become a record at all (no claim text) is kept in ``skipped``.

    Raises:
        ValidationError: *data* is not JSON, or not an object or a list.
    """
    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise ValidationError([Problem("$", f"not valid JSON ({exc})")]) from None
    if not isinstance(data, (Mapping, list)):
        raise ValidationError(
            [
                Problem(
                    "$",
                    f"ClaimReview markup must be a JSON object or a list (got "
                    f"{type(data).__name__})",
                )
            ]
        )
    check_json(data)
    ledger = ImportedLedger()
    data = _unwrap(data)
    index: dict[str, Mapping[str, Any]] = {}
    _index(data, index)
    reader = _Reader(ledger, index)
    found = 0
    for path, node in _find_reviews(data, "$"):
        found += 1
        reader.read_review(node, path)
    if not found:
        ledger.warn("$", "no ClaimReview found")
    return ledger
