"""A JSON Schema (2020-12) of ledger documents, generated from the classes.

The generator walks the attrs fields and their types, the same ones the wire
format converter uses, so the schema cannot drift from what :func:`dumps`
writes. Constraints a type cannot say (a URL, a language tag, a range) come
from each field's ``json_schema`` metadata, declared beside the field.
Rules that span several fields (a rating's value between worst and best,
spans in order) are checked by :func:`loads`, not by the schema.
"""

from __future__ import annotations

import enum
import types
from typing import Any, Union, get_args, get_origin

import attrs

from claimtrack._claim import Claim
from claimtrack._date import Basis, Date
from claimtrack._fields import TEXT_SCHEMA, FrozenDict, JSONMap
from claimtrack._review import Relation, Review
from claimtrack._source import Source
from claimtrack._speaker import Speaker

__all__ = ["json_schema"]

_SCHEMA_ID = "https://claimtrack.readthedocs.io/schema/ledger-1.json"

# Records written once at the top level and referred to by id elsewhere.
_REFERENCED = (Speaker, Source, Claim)
_SECTIONS = (
    ("speakers", Speaker),
    ("sources", Source),
    ("claims", Claim),
    ("relations", Relation),
    ("reviews", Review),
)

_DIGITS2 = "[0-9]{2}"
_POINT = (
    "[0-9]{2}(?:[0-9]{2}|[0-9]X|XX)"
    "(?:-(?:[0-9]{2}|XX)"
    "(?:-(?:[0-9]{2}|XX)"
    f"(?:T{_DIGITS2}:{_DIGITS2}:{_DIGITS2}(?:\\.[0-9]{{1,6}})?(?:Z|[+-]{_DIGITS2}:{_DIGITS2}))?"
    ")?)?[?~%]?"
)
_EDTF_PATTERN = f"^(?:{_POINT}|(?:{_POINT}|\\.\\.)?/(?:{_POINT}|\\.\\.)?)$"


def _date_schema() -> dict[str, Any]:
    return {
        "description": "An EDTF (ISO 8601-2) date or interval, with optional metadata.",
        "anyOf": [
            {"$ref": "#/$defs/EDTF"},
            {
                "type": "object",
                "properties": {
                    "value": {"$ref": "#/$defs/EDTF"},
                    "basis": {"enum": [b.value for b in Basis]},
                    "text": {"type": "string", **TEXT_SCHEMA},
                    "rule": {"type": "string", **TEXT_SCHEMA},
                },
                "required": ["value"],
                "additionalProperties": False,
            },
        ],
    }


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "EDTF": {"type": "string", "pattern": _EDTF_PATTERN},
            "Date": _date_schema(),
        }

    def for_type(
        self, tp: Any, metadata: dict[str, Any] | None = None, top: bool = False
    ) -> dict[str, Any]:
        extra = dict((metadata or {}).get("json_schema", {}))
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            inner = (
                self.for_type(options[0], metadata)
                if len(options) == 1
                else {"anyOf": [self.for_type(a, metadata) for a in options]}
            )
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.for_type(get_args(tp)[0])}
        if tp is str:
            return {"type": "string", **TEXT_SCHEMA, **extra}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer", **extra}
        if tp is float:
            return {"type": "number", **extra}
        if tp is Date:
            return {"$ref": "#/$defs/Date"}
        if tp is FrozenDict:
            return {
                "type": "object",
                "additionalProperties": {"type": "string", **TEXT_SCHEMA},
                "properties": {"wikidata": {"type": "string", "pattern": "^Q[1-9][0-9]*$"}},
            }
        if tp is JSONMap:
            return {"type": "object"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if attrs.has(tp):
            if tp in _REFERENCED and not top:
                return {
                    "type": "string",
                    **TEXT_SCHEMA,
                    "description": f"the id of a {tp.__name__}",
                }
            name = tp.__name__
            if name not in self.defs:
                self.defs[name] = {}  # reserve the name before recursing
                self.defs[name] = self.for_class(tp)
            return {"$ref": f"#/$defs/{name}"}
        raise TypeError(f"no JSON Schema for {tp!r}")

    def for_class(self, cls: type[Any]) -> dict[str, Any]:
        hints = attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(hints):
            if not field.init:
                continue
            properties[field.name] = self.for_type(field.type, dict(field.metadata))
            if field.default is attrs.NOTHING:
                required.append(field.name)
        out: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        if cls.__doc__:
            out["description"] = " ".join(cls.__doc__.split("\n\n")[0].split())
        return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ledger document, generated from the classes.

    Every document :func:`claimtrack.dumps` writes validates against it; rules
    that relate several fields are left to :func:`claimtrack.loads`.
    """
    generator = _Generator()
    properties: dict[str, Any] = {"claimtrack": {"const": 1, "description": "The format version."}}
    for section, cls in _SECTIONS:
        properties[section] = {"type": "array", "items": generator.for_type(cls, top=True)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        "title": "claimtrack ledger document",
        "type": "object",
        "properties": properties,
        "required": ["claimtrack"],
        "additionalProperties": False,
        "$defs": generator.defs,
    }
