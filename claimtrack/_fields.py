"""Field helpers shared by every model: one way to declare a validated field.

Each helper returns an ``attrs.field`` with the converter and validator that
kind of field needs, so the models read as a list of what they hold.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from claimtrack import validators
from claimtrack.exceptions import ValidationError

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def enum_converter(
    cls: type[E], name: str, error: type[ValidationError] = ValidationError
) -> Callable[[Any], E]:
    """A converter from an enum's value (or member) to its member, with a clear error."""
    choices = ", ".join(repr(m.value) for m in cls)

    def convert(value: Any) -> E:
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except (ValueError, TypeError):
            raise error(
                f"'{name}' must be one of {choices} (got {value!r})", field=name, value=value
            ) from None

    return convert


def enum_field(cls: type[E], name: str, default: E) -> Any:
    """A field holding a member of *cls*; its value string is accepted too."""
    return attrs.field(default=default, converter=enum_converter(cls, name))


def optional_enum_field(cls: type[E], name: str) -> Any:
    """An optional field holding a member of *cls* or None."""
    convert = enum_converter(cls, name)
    return attrs.field(
        default=None, converter=lambda value: None if value is None else convert(value)
    )


# JSON Schema keywords for each kind of field; the schema generator reads them
# from the field's metadata, so constraints are declared once, beside the field.
TEXT_SCHEMA: dict[str, Any] = {"minLength": 1, "pattern": "\\S"}
URL_SCHEMA: dict[str, Any] = {"format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+"}
LANGUAGE_SCHEMA: dict[str, Any] = {
    "pattern": "^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
}
UNIT_SCHEMA: dict[str, Any] = {"minimum": 0, "maximum": 1}


def schema(**keywords: Any) -> dict[str, Any]:
    """Field metadata carrying JSON Schema keywords for the schema generator."""
    return {"json_schema": keywords}


def text_field() -> Any:
    """A required text field."""
    return attrs.field(validator=validators.text, metadata=schema(**TEXT_SCHEMA))


def optional_text_field() -> Any:
    """An optional text field, None by default."""
    return attrs.field(
        default=None, validator=validators.optional(validators.text), metadata=schema(**TEXT_SCHEMA)
    )


def optional_url_field() -> Any:
    """An optional absolute http(s) URL."""
    return attrs.field(
        default=None, validator=validators.optional(validators.url), metadata=schema(**URL_SCHEMA)
    )


def optional_language_field() -> Any:
    """An optional BCP 47 language tag."""
    return attrs.field(
        default=None,
        validator=validators.optional(validators.language_tag),
        metadata=schema(**LANGUAGE_SCHEMA),
    )


def optional_unit_field() -> Any:
    """An optional number between 0 and 1."""
    return attrs.field(
        default=None,
        validator=validators.optional(validators.unit_interval),
        metadata=schema(**UNIT_SCHEMA),
    )


def as_tuple(value: Any) -> Any:
    """Turn a list or other iterable into a tuple; leave anything else to the validator."""
    if type(value) is list:  # as JSON gives it, without an isinstance check against an ABC
        return tuple(value)
    if isinstance(value, (tuple, str, bytes, Mapping)):
        return value
    try:
        return tuple(value)
    except TypeError:
        return value


def instance_of(
    cls: type | tuple[type, ...], what: str, optional: bool = False
) -> Callable[[Any, Any, Any], None]:
    """Require an instance of *cls* (or None, when *optional*), described to
    people as *what*.
    """

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, cls) and not (optional and value is None):
            raise ValidationError(
                f"'{attribute.name}' must be {what} (got {type(value).__name__} {value!r:.60})",
                field=attribute.name,
                value=value,
            )

    return check


def tuple_of(cls: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """Require a tuple whose items are all instances of *cls*."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise ValidationError(
                f"'{attribute.name}' must be a list of {what} (got {type(value).__name__})",
                field=attribute.name,
                value=value,
            )
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise ValidationError(
                    f"'{attribute.name}[{index}]' must be {what} "
                    f"(got {type(item).__name__} {item!r:.60})",
                    field=attribute.name,
                    value=value,
                )

    return check


def tuple_field(cls: type | tuple[type, ...], what: str) -> Any:
    """A tuple of *cls* instances; lists are accepted and converted."""
    return attrs.field(default=(), converter=as_tuple, validator=tuple_of(cls, what))


def optional_field(cls: type | tuple[type, ...], what: str) -> Any:
    """An optional field holding an instance of *cls*."""
    return attrs.field(default=None, validator=instance_of(cls, what, optional=True))


def sorted_texts(value: Any) -> Any:
    """Turn an iterable of strings into a sorted tuple without repeats (a tag set)."""
    kind = type(value)
    if (kind is tuple or kind is list) and len(value) < 2:
        if not value:
            return ()
        if type(value[0]) is str:
            return value if kind is tuple else (value[0],)  # one tag: sorted, no repeats
    value = as_tuple(value)
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return tuple(sorted(set(value)))
    return value


class FrozenDict(Mapping[str, str]):
    """An immutable, hashable mapping of strings, kept sorted by key.

    Used for identifiers (scheme -> id), so that records holding them stay
    frozen and hashable and write deterministic output.
    """

    __slots__ = ("_dict", "_hash", "_items")

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        pairs = sorted((items or {}).items(), key=lambda kv: str(kv[0]))
        self._dict = dict(pairs)
        self._items = tuple(pairs)
        self._hash = hash(self._items)

    def __getitem__(self, key: str) -> str:
        return self._dict[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._dict == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._dict!r})"

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, str]]]:
        return (FrozenDict, (self._dict,))


def as_frozen_dict(value: Any) -> Any:
    """Turn a mapping into a :class:`FrozenDict`; leave anything else to the validator."""
    if isinstance(value, FrozenDict):
        return value
    if isinstance(value, Mapping):
        try:
            return FrozenDict(value)
        except TypeError:
            return value
    return value


def _freeze(value: Any, path: str) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(
                f"'extra' holds a number JSON cannot carry at {path}", field="extra"
            )
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v, f"{path}[{i}]") for i, v in enumerate(value))
    if isinstance(value, Mapping):
        return JSONMap(value)
    raise ValidationError(
        f"'extra' must hold only JSON values (got {type(value).__name__} at {path})",
        field="extra",
        value=value,
    )


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    if isinstance(value, JSONMap):
        return value.to_dict()
    return value


class JSONMap(Mapping[str, Any]):
    """An immutable, hashable JSON object: what an importer could not map,
    kept verbatim on the record so nothing is lost.

    Lists inside are held as tuples and objects as JSONMaps;
    :meth:`to_dict` gives plain JSON data back.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        data = data or {}
        for key in data:
            if not isinstance(key, str):
                raise ValidationError(
                    f"'extra' keys must be strings (got {type(key).__name__})", field="extra"
                )
        self._data = {key: _freeze(data[key], f"extra.{key}") for key in sorted(data)}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JSONMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self.to_dict() == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"JSONMap({self.to_dict()!r})"

    def __reduce__(self) -> tuple[type[JSONMap], tuple[dict[str, Any]]]:
        return (JSONMap, (self.to_dict(),))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object as plain dicts and lists."""
        return {key: _thaw(value) for key, value in self._data.items()}


def extra_field() -> Any:
    """Unmapped data kept verbatim (a JSON object), empty by default."""
    return attrs.field(
        default=EMPTY_JSON_MAP,
        converter=lambda v: (
            v if isinstance(v, JSONMap) else JSONMap(v) if isinstance(v, Mapping) else v
        ),
        validator=instance_of(JSONMap, "a JSON object"),
    )


#: Shared empty values: records are immutable, so every record without
#: identifiers or extra data can point at the same empty mapping.
EMPTY_FROZEN_DICT = FrozenDict()
EMPTY_JSON_MAP = JSONMap()
