"""Review, Rating, Relation and their kinds: fact-checks of claims and links between them."""

from __future__ import annotations

import enum
import math
from typing import Any

import attrs

from claimtrack import validators
from claimtrack._claim import Claim, _claim_ref
from claimtrack._date import Date
from claimtrack._fields import (
    JSONMap,
    enum_converter,
    enum_field,
    extra_field,
    instance_of,
    optional_field,
    optional_language_field,
    optional_text_field,
    optional_unit_field,
    optional_url_field,
)
from claimtrack._identity import make_id, normalize_url
from claimtrack._speaker import Speaker
from claimtrack.exceptions import ValidationError

__all__ = ["Rating", "Relation", "RelationKind", "RelationStatus", "Review"]


def _check_number(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError(
            f"'{attribute.name}' must be a finite number (got {value!r})",
            field=attribute.name,
            value=value,
        )


@attrs.frozen(kw_only=True)
class Rating:
    """A verdict on a claim, as schema.org's ``Rating`` in a ``ClaimReview``.

    A numeric rating lies on a scale from ``worst`` to ``best`` (either way round,
    but not equal); a textual one has a ``label`` ("False", "Mostly true").
    """

    #: The rating on the scale (``ratingValue``).
    value: float | None = attrs.field(default=None, validator=_check_number)
    #: The best value of the scale (``bestRating``).
    best: float | None = attrs.field(default=None, validator=_check_number)
    #: The worst value of the scale (``worstRating``).
    worst: float | None = attrs.field(default=None, validator=_check_number)
    #: The verdict in words (``alternateName``): "False", "Mostly true".
    label: str | None = optional_text_field()
    #: Why (``ratingExplanation``).
    explanation: str | None = optional_text_field()
    #: Data from another format that claimtrack does not model, kept verbatim.
    extra: JSONMap = extra_field()

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.label is None:
            raise ValidationError("a rating needs a 'value' or a 'label'", field="value")
        if self.best is not None and self.worst is not None:
            if self.best == self.worst:
                raise ValidationError(
                    f"'best' and 'worst' must differ (both are {self.best!r})",
                    field="best",
                    value=self.best,
                )
            low, high = sorted((self.best, self.worst))
            if self.value is not None and not low <= self.value <= high:
                raise ValidationError(
                    f"'value' must lie between 'worst' ({self.worst!r}) and 'best' "
                    f"({self.best!r}) (got {self.value!r})",
                    field="value",
                    value=self.value,
                )

    @property
    def score(self) -> float | None:
        """The value on a 0 (worst) to 1 (best) scale, when the scale is known."""
        if self.value is None or self.best is None or self.worst is None:
            return None
        return (self.value - self.worst) / (self.best - self.worst)


def _review_id(review: Review) -> str:
    if not isinstance(review.claim, Claim) or not isinstance(review.reviewer, Speaker):
        return ""  # the validators will report what is wrong
    url = review.url if isinstance(review.url, str) else ""
    if url and validators.check_url("url", url) is not None:
        return ""  # the validators will report the bad URL
    url = normalize_url(url) if url else ""
    return make_id("rev", review.claim.id, review.reviewer.id, url, str(review.date or ""))


@attrs.frozen(kw_only=True)
class Review:
    """A fact-check of a claim, compatible with schema.org ``ClaimReview``."""

    #: The claim reviewed.
    claim: Claim = attrs.field(validator=instance_of(Claim, "a Claim"))
    #: Who reviewed it (usually an organisation).
    reviewer: Speaker = attrs.field(validator=instance_of(Speaker, "a Speaker"))
    #: Where the review is published.
    url: str | None = optional_url_field()
    #: When the review was published.
    date: Date | None = optional_field(Date, "a Date")
    #: The verdict.
    rating: Rating | None = optional_field(Rating, "a Rating")
    #: The review's headline.
    title: str | None = optional_text_field()
    #: The review's language, as a BCP 47 tag.
    language: str | None = optional_language_field()
    #: Data from another format that claimtrack does not model, kept verbatim
    #: (a JSON object) so that nothing an importer read is lost.
    extra: JSONMap = extra_field()
    #: A stable id; by default derived from the claim, reviewer, URL and date.
    id: str = attrs.field(
        default=attrs.Factory(_review_id, takes_self=True), validator=validators.text
    )


class RelationKind(enum.StrEnum):
    """How one claim relates to another."""

    REPEATS = "repeats"
    PARAPHRASES = "paraphrases"
    TRANSLATES = "translates"
    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"
    RESPONDS_TO = "responds_to"
    RETRACTS = "retracts"
    CORRECTS = "corrects"


class RelationStatus(enum.StrEnum):
    """Whether a relation was proposed by a tool or confirmed by a person."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


_relation_kind_converter = enum_converter(RelationKind, "kind")


def _to_relation_kind(value: Any) -> RelationKind:
    return _relation_kind_converter(value)


def _relation_id(relation: Relation) -> str:
    if not isinstance(relation.claim, str) or not isinstance(relation.target, str):
        return ""
    return make_id("rel", relation.kind.value, relation.claim, relation.target)


@attrs.frozen(kw_only=True)
class Relation:
    """A typed link between two claims: ``claim`` *kind* ``target``
    ("claim A repeats claim B"). Claims are accepted and stored as their ids.
    """

    #: How the claims relate.
    kind: RelationKind = attrs.field(converter=_to_relation_kind)
    #: The id of the claim that relates.
    claim: str = attrs.field(converter=_claim_ref, validator=validators.text)
    #: The id of the claim it relates to.
    target: str = attrs.field(converter=_claim_ref, validator=validators.text)
    #: Suggested by a tool, confirmed or rejected by a person.
    status: RelationStatus = enum_field(RelationStatus, "status", RelationStatus.SUGGESTED)
    #: How strong the link is, from 0 to 1.
    weight: float | None = optional_unit_field()
    #: Who or what made the link (a person, or a tool with its version).
    by: str | None = optional_text_field()
    #: When the link was made.
    at: Date | None = optional_field(Date, "a Date")
    #: A stable id; by default derived from the kind and the two claim ids.
    id: str = attrs.field(
        default=attrs.Factory(_relation_id, takes_self=True), validator=validators.text
    )

    def __attrs_post_init__(self) -> None:
        if self.claim == self.target:
            raise ValidationError(
                f"a claim cannot relate to itself (both ends are {self.claim!r})",
                field="target",
                value=self.target,
            )
