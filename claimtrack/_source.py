"""Source and SourceKind: where a claim was recorded."""

from __future__ import annotations

import enum

import attrs

from claimtrack import validators
from claimtrack._date import Date
from claimtrack._fields import (
    JSONMap,
    as_tuple,
    enum_field,
    extra_field,
    optional_field,
    optional_language_field,
    optional_text_field,
    optional_url_field,
)
from claimtrack._identity import make_id, normalize_text, normalize_url
from claimtrack.exceptions import ValidationError

__all__ = ["Source", "SourceKind"]


class SourceKind(enum.StrEnum):
    """What kind of record a source is."""

    ARTICLE = "article"
    PRESS_CONFERENCE = "press_conference"
    BRIEFING = "briefing"
    SOCIAL_POST = "social_post"
    DOCUMENT = "document"
    SPEECH = "speech"
    INTERVIEW = "interview"
    BROADCAST = "broadcast"
    REPORT = "report"
    OTHER = "other"


def _source_id(source: Source) -> str:
    if isinstance(source.url, str):
        if validators.check_url("url", source.url) is not None:
            return ""  # the validators will report the bad URL
        return make_id("src", "url", normalize_url(source.url))
    parts = [
        normalize_text(value) if isinstance(value, str) else ""
        for value in (source.publisher, source.title)
    ]
    return make_id("src", "record", *parts, str(source.published or ""))


@attrs.frozen(kw_only=True)
class Source:
    """Where a claim was recorded: an article, a post, a speech, a report ...

    A source needs at least a ``url``, a ``title`` or a ``publisher``. Its ``id``
    is derived from the normalised URL, or else from the publisher, title and
    publication date, unless given.
    """

    #: What kind of record this is.
    kind: SourceKind = enum_field(SourceKind, "kind", SourceKind.ARTICLE)
    #: The headline or title.
    title: str | None = optional_text_field()
    #: Who published it ("Danube Courier", "Ministry of Health").
    publisher: str | None = optional_text_field()
    #: The authors' names.
    authors: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, validator=validators.texts
    )
    #: Where it can be read: an absolute http(s) URL.
    url: str | None = optional_url_field()
    #: When it was published, usually a full timestamp with its UTC offset.
    published: Date | None = optional_field(Date, "a Date")
    #: When it was retrieved for this record.
    retrieved: Date | None = optional_field(Date, "a Date")
    #: An archived copy (for instance in a web archive).
    archived_url: str | None = optional_url_field()
    #: Its language, as a BCP 47 tag.
    language: str | None = optional_language_field()
    #: The section or programme it appeared in.
    section: str | None = optional_text_field()
    #: The larger source this one is part of: the thread of a post, the
    #: broadcast of a segment.
    part_of: Source | None = attrs.field(default=None)
    #: Data from another format that claimtrack does not model, kept verbatim
    #: (a JSON object) so that nothing an importer read is lost.
    extra: JSONMap = extra_field()
    #: A stable id; by default derived from the URL, or publisher, title and date.
    id: str = attrs.field(
        default=attrs.Factory(_source_id, takes_self=True), validator=validators.text
    )

    def __attrs_post_init__(self) -> None:
        if self.part_of is not None and not isinstance(self.part_of, Source):
            raise ValidationError(
                f"'part_of' must be a Source (got {type(self.part_of).__name__})",
                field="part_of",
                value=self.part_of,
            )
        if self.part_of is not None and self.part_of.id == self.id:
            raise ValidationError(
                f"a source cannot be part of itself (both have the id {self.id!r})",
                field="part_of",
                value=self.part_of,
            )
        if self.url is None and self.title is None and self.publisher is None:
            raise ValidationError(
                "a source needs at least a 'url', a 'title' or a 'publisher'", field="url"
            )

    @property
    def label(self) -> str:
        """How to show the source to a person: publisher and title, or the URL."""
        named = " – ".join(p for p in (self.publisher, self.title) if p)
        return named or self.url or self.id
