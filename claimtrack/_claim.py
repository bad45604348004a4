"""Claim and its parts: Appearance, Anchor, Span, QuoteKind, Fidelity."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from claimtrack import validators
from claimtrack._date import Date
from claimtrack._fields import (
    JSONMap,
    as_tuple,
    enum_field,
    extra_field,
    instance_of,
    optional_enum_field,
    optional_field,
    optional_language_field,
    optional_text_field,
    optional_unit_field,
    schema,
    sorted_texts,
    text_field,
    tuple_field,
    tuple_of,
)
from claimtrack._identity import make_id, normalize_text
from claimtrack._source import Source
from claimtrack._speaker import Speaker
from claimtrack.exceptions import ValidationError

__all__ = ["Anchor", "Appearance", "Claim", "Fidelity", "QuoteKind", "Span"]


class QuoteKind(enum.StrEnum):
    """How the content was reported."""

    #: Word for word, inside quotation marks.
    DIRECT = "direct"
    #: Reported speech without quotation marks.
    INDIRECT = "indirect"
    #: Reported speech with a quoted fragment.
    MIXED = "mixed"
    #: Not recorded.
    UNKNOWN = "unknown"


class Fidelity(enum.StrEnum):
    """How faithfully an appearance reports what was said, once checked."""

    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"
    MISQUOTE = "misquote"
    OUT_OF_CONTEXT = "out_of_context"
    UNVERIFIED = "unverified"


def _check_offset(instance: Any, attribute: Any, value: Any) -> None:
    # Exactly int: not bool, and no subclass whose text could differ from the number's.
    if type(value) is not int:
        raise ValidationError(
            f"'{attribute.name}' must be an integer offset (got {type(value).__name__} {value!r})",
            field=attribute.name,
            value=value,
        )
    if value < 0:
        raise ValidationError(
            f"'{attribute.name}' must not be negative (got {value})",
            field=attribute.name,
            value=value,
        )


@attrs.frozen
class Span:
    """A stretch of a source text: code-point offsets, start inclusive, end exclusive,
    as Python slices a ``str`` (``text[span.start:span.end]``).
    """

    #: Offset of the first character.
    start: int = attrs.field(validator=_check_offset, metadata=schema(minimum=0))
    #: Offset just past the last character; greater than ``start``.
    end: int = attrs.field(validator=_check_offset, metadata=schema(minimum=1))

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise ValidationError(
                f"'end' must be greater than 'start' (got start={self.start}, end={self.end})",
                field="end",
                value=self.end,
            )

    def of(self, text: str) -> str:
        """The part of *text* this span covers."""
        return text[self.start : self.end]


def _check_content(instance: Any, attribute: Any, value: tuple[Span, ...]) -> None:
    if not value:
        raise ValidationError("'content' needs at least one span", field="content", value=value)
    for index in range(1, len(value)):
        before, span = value[index - 1], value[index]
        if span.start < before.end:
            raise ValidationError(
                f"'content' spans must be sorted and must not overlap "
                f"(span {index} starts at {span.start}, before span {index - 1} ends at "
                f"{before.end})",
                field="content",
                value=value,
            )


@attrs.frozen(kw_only=True)
class Anchor:
    """Where, in a source's text, the parts of an attribution are.

    The content may be discontinuous ("'A,' she said, 'B.'" has two content
    spans); spans are sorted and do not overlap.
    """

    #: The reported content, one or more spans.
    content: tuple[Span, ...] = attrs.field(
        converter=as_tuple, validator=[tuple_of(Span, "a Span"), _check_content]
    )
    #: The cue ("said", "according to").
    cue: Span | None = optional_field(Span, "a Span")
    #: The mention of the speaker ("Kovacs", "she", "the ministry").
    speaker: Span | None = optional_field(Span, "a Span")


def _claim_ref(value: Any) -> Any:
    # A Claim is accepted where a claim id belongs, and referred to by its id.
    return value.id if isinstance(value, Claim) else value


@attrs.frozen(kw_only=True)
class Appearance:
    """One place where a claim was reported: a source, and how it reported it."""

    #: Where it appeared.
    source: Source = attrs.field(validator=instance_of(Source, "a Source"))
    #: Direct, indirect or mixed speech.
    quote: QuoteKind = enum_field(QuoteKind, "quote", QuoteKind.UNKNOWN)
    #: The cue as written: "said", "told", "tweeted", "according to" ...
    cue: str | None = optional_text_field()
    #: The speaker's role as the source describes it ("deputy director of ...").
    speaker_role: str | None = optional_text_field()
    #: The wording in this source, when it differs from the claim's text.
    wording: str | None = optional_text_field()
    #: Where the content, cue and speaker mention are in the source's text.
    anchor: Anchor | None = optional_field(Anchor, "an Anchor")
    #: The id of the claim through which this one is reported (nested
    #: attribution: the report that says the regulator warned ...). A Claim is
    #: accepted and stored as its id.
    via: str | None = attrs.field(
        default=None, converter=_claim_ref, validator=validators.optional(validators.text)
    )
    #: How faithfully the source reports the claim, once checked.
    fidelity: Fidelity | None = optional_enum_field(Fidelity, "fidelity")
    #: How sure the attribution is, from 0 to 1.
    confidence: float | None = optional_unit_field()
    #: Who made the attribution: a person, or a tool with its version.
    attributed_by: str | None = optional_text_field()


def _claim_id(claim: Claim) -> str:
    if not isinstance(claim.speaker, Speaker) or not isinstance(claim.text, str):
        return ""  # the validators will report what is wrong
    said = str(claim.said) if isinstance(claim.said, Date) else ""
    return make_id("clm", claim.speaker.id, normalize_text(claim.text), said)


@attrs.frozen(kw_only=True)
class Claim:
    """One assertion by one speaker, with every place it was reported.

    The ``id`` is derived from the speaker's id, the normalised text and the
    said-date, so the same claim captured twice, by any tool, gets the same id.
    """

    #: What was asserted.
    text: str = text_field()
    #: Who asserted it.
    speaker: Speaker = attrs.field(validator=instance_of(Speaker, "a Speaker"))
    #: When it was asserted; None when unknown.
    said: Date | None = optional_field(Date, "a Date")
    #: The time the content refers to, when it differs from when it was said
    #: ("in 2019, 48 plants were inspected", said in 2021).
    about: Date | None = optional_field(Date, "a Date")
    #: The language of ``text``, as a BCP 47 tag.
    language: str | None = optional_language_field()
    #: Every place the claim was reported.
    appearances: tuple[Appearance, ...] = tuple_field(Appearance, "an Appearance")
    #: Free tags ("vaccines", "budget"); kept sorted and without repeats.
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=sorted_texts, validator=validators.texts
    )
    #: Data from another format that claimtrack does not model, kept verbatim
    #: (a JSON object) so that nothing an importer read is lost.
    extra: JSONMap = extra_field()
    #: A stable id; by default derived from speaker, normalised text and said-date.
    id: str = attrs.field(
        default=attrs.Factory(_claim_id, takes_self=True), validator=validators.text
    )

    @property
    def first_appearance(self) -> Appearance | None:
        """The appearance whose source was published earliest (by ``sort_key``),
        or the first listed when no source has a date.
        """
        return _earliest(self.appearances)


def _earliest(appearances: tuple[Appearance, ...]) -> Appearance | None:
    best: Appearance | None = None
    best_key: tuple[int, int, str] | None = None
    for appearance in appearances:
        published = appearance.source.published
        if published is None:
            if best is None:
                best = appearance
            continue
        key = published.sort_key
        if best_key is None or key < best_key:
            best, best_key = appearance, key
    return best
