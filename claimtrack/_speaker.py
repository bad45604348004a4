"""Speaker, SpeakerKind and Role: who asserts."""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs

from claimtrack import validators
from claimtrack._date import Date
from claimtrack._fields import (
    EMPTY_FROZEN_DICT,
    TEXT_SCHEMA,
    FrozenDict,
    JSONMap,
    as_frozen_dict,
    as_tuple,
    enum_field,
    extra_field,
    optional_field,
    optional_text_field,
    schema,
    text_field,
    tuple_field,
)
from claimtrack._identity import make_id, normalize_name
from claimtrack.exceptions import ValidationError

__all__ = ["Role", "Speaker", "SpeakerKind"]

_QID = re.compile(r"Q[1-9][0-9]*\Z", re.ASCII)


class SpeakerKind(enum.StrEnum):
    """What kind of agent a speaker is."""

    #: A named person ("Maria Kovacs").
    PERSON = "person"
    #: A named organisation, agency, company or country ("the Danube Water Authority").
    ORGANIZATION = "organization"
    #: A group of people named as such ("experts", "residents").
    GROUP = "group"
    #: One person whose name is not given ("an official who asked not to be named").
    UNNAMED = "unnamed"


@attrs.frozen(kw_only=True)
class Role:
    """A position a speaker held for a time, as Wikidata's position held (P39)
    qualified by start (P580) and end (P582) times.
    """

    #: The title of the position ("deputy director").
    title: str = text_field()
    #: The name of the organisation the position is in ("Danube Water Authority").
    organization: str | None = optional_text_field()
    #: When the speaker took up the position, if known.
    start: Date | None = optional_field(Date, "a Date")
    #: When the speaker left the position, if known; None while it lasts.
    end: Date | None = optional_field(Date, "a Date")

    def __attrs_post_init__(self) -> None:
        if (
            self.start is not None
            and self.end is not None
            and self.end.definitely_before(self.start)
        ):
            raise ValidationError(
                f"'end' ({self.end}) is before 'start' ({self.start})", field="end", value=self.end
            )

    def held_at(self, date: Date) -> bool:
        """Whether the role may have been held at *date* (its span overlaps *date*)."""
        if self.start is not None and date.definitely_before(self.start):
            return False
        return not (self.end is not None and self.end.definitely_before(date))


def _validate_identifiers(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, FrozenDict):
        raise ValidationError(
            f"'identifiers' must be a mapping of scheme to id (got {type(value).__name__})",
            field="identifiers",
            value=value,
        )
    for scheme, ident in value.items():
        message = validators.check_text("identifiers scheme", scheme) or validators.check_text(
            f"identifiers.{scheme}", ident
        )
        if message is None and scheme == "wikidata" and not _QID.match(ident):
            message = f"'identifiers.wikidata' must be a Wikidata id like 'Q42' (got {ident!r})"
        if message is None and scheme in ("website", "url"):
            message = validators.check_url(f"identifiers.{scheme}", ident)
        if message is not None:
            raise ValidationError(message, field=f"identifiers.{scheme}", value=ident)


def _check_named(instance: Speaker, attribute: Any, value: Any) -> None:
    # Runs after 'name' and 'description' are set, before the id is checked.
    if instance.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION):
        if instance.name is None:
            raise ValidationError(
                f"a speaker of kind {instance.kind.value!r} needs a 'name'", field="name"
            )
    elif value is None:
        raise ValidationError(
            f"a speaker of kind {instance.kind.value!r} needs a 'description' "
            "(such as 'experts' or 'an official')",
            field="description",
        )


def _speaker_id(speaker: Speaker) -> str:
    label = speaker.name if speaker.name is not None else speaker.description
    if not isinstance(label, str):
        return ""  # the validators will report the missing name
    return make_id("spk", speaker.kind.value, normalize_name(label))


@attrs.frozen(kw_only=True)
class Speaker:
    """Who asserts: a person, an organisation, a group, or an unnamed person.

    Named speakers (person, organization) need a ``name``; groups and unnamed
    speakers need a ``description`` ("experts", "an official"). The ``id`` is
    derived from the kind and the normalised name (or description) unless given.
    """

    #: What kind of agent this is.
    kind: SpeakerKind = enum_field(SpeakerKind, "kind", SpeakerKind.PERSON)
    #: The full name ("Maria Kovacs"), for people and organisations.
    name: str | None = optional_text_field()
    #: Who the speaker is, for groups and unnamed speakers ("an official at the
    #: ministry"); optional for named ones.
    description: str | None = attrs.field(
        default=None,
        validator=[validators.optional(validators.text), _check_named],
        metadata=schema(**TEXT_SCHEMA),
    )
    #: Other names the speaker goes by ("Kovacs", "DWA").
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, validator=validators.texts
    )
    #: Identifiers by scheme: ``{"wikidata": "Q42", "x": "@handle", "website": "https://..."}``.
    identifiers: FrozenDict = attrs.field(
        default=EMPTY_FROZEN_DICT, converter=as_frozen_dict, validator=_validate_identifiers
    )
    #: Positions the speaker held, each for a time.
    roles: tuple[Role, ...] = tuple_field(Role, "a Role")
    #: Data from another format that claimtrack does not model, kept verbatim
    #: (a JSON object) so that nothing an importer read is lost.
    extra: JSONMap = extra_field()
    #: A stable id; by default derived from the kind and the normalised name.
    id: str = attrs.field(
        default=attrs.Factory(_speaker_id, takes_self=True), validator=validators.text
    )

    @property
    def label(self) -> str:
        """The name, or else the description: how to show the speaker to a person."""
        return self.name if self.name is not None else (self.description or self.id)

    def names(self) -> tuple[str, ...]:
        """The name, the description and every alias."""
        return tuple(n for n in (self.name, self.description, *self.aliases) if n is not None)

    def roles_at(self, date: Date) -> tuple[Role, ...]:
        """The roles the speaker may have held at *date*."""
        return tuple(role for role in self.roles if role.held_at(date))
