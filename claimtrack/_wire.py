"""The wire format: ledger documents and JSON Lines.

Reading and writing go through a function per record class, generated from its
attrs fields: the reader hands the values to the class's constructor (whose
validators check them), the writer returns the record's JSON text. A record that
fails to read is read again by a cattrs converter with detailed validation, for
the path of every problem. All of them walk the same fields, as the JSON Schema
generator does, so they cannot drift apart.

A ledger document is::

    {"claimtrack": 1, "speakers": [...], "sources": [...], "claims": [...],
     "relations": [...], "reviews": [...]}

Each speaker and source is written once; claims refer to them, and reviews
and relations to claims, by id. Keys are snake_case, enums lowercase strings,
dates EDTF strings (or ``{"value": ..., "basis": ..., "text": ..., "rule": ...}``
when they carry metadata); defaults, None and empty lists are left out. Each
record sits on a line of its own, so documents diff well; the same ledger gives
the same bytes.

Loading is strict: unknown keys, wrong types (a number where a string belongs),
dangling ids and invalid values are errors, and every problem of a document is
reported at once, each with its JSON path.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
import gc
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from claimtrack._claim import Anchor, Appearance, Claim, Span
from claimtrack._date import Basis, Date
from claimtrack._fields import FrozenDict, JSONMap
from claimtrack._ledger import Ledger, Record
from claimtrack._review import Rating, Relation, Review
from claimtrack._source import Source
from claimtrack._speaker import Role, Speaker, SpeakerKind
from claimtrack.exceptions import (
    ClaimtrackError,
    DateError,
    Problem,
    ValidationError,
)

__all__ = ["FORMAT_VERSION", "dump_jsonl", "dumps", "iter_jsonl", "load_jsonl", "loads"]

#: The version of the wire format this release writes. Every released version loads.
FORMAT_VERSION = 1

T = TypeVar("T")

_SECTIONS: tuple[tuple[str, type[Any]], ...] = (
    ("speakers", Speaker),
    ("sources", Source),
    ("claims", Claim),
    ("relations", Relation),
    ("reviews", Review),
)
_TYPE_OF_SECTION = {
    "speakers": "speaker",
    "sources": "source",
    "claims": "claim",
    "relations": "relation",
    "reviews": "review",
}
_SECTION_OF_TYPE = {v: k for k, v in _TYPE_OF_SECTION.items()}
#: A JSON Lines record's "type", to its section and class.
_LINE_TYPES = {_TYPE_OF_SECTION[section]: (section, cls) for section, cls in _SECTIONS}


class _WireError(ValueError):
    """A value of the wrong shape; its message is shown to people as it is."""


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# -- the load context: references resolve against the records read so far ---


@attrs.define
class _Context:
    speakers: dict[str, Speaker] = attrs.Factory(dict)
    sources: dict[str, Source] = attrs.Factory(dict)
    claims: dict[str, Claim] = attrs.Factory(dict)
    raw_sources: dict[str, Any] = attrs.Factory(dict)
    building: set[str] = attrs.Factory(set)
    #: Finds a record that was not read here, by table and id (a store's import
    #: looks in the store); None when there is nowhere else to look.
    lookup: Callable[[str, str], Any] | None = None


_context: contextvars.ContextVar[_Context] = contextvars.ContextVar("claimtrack_wire")


# -- the fields of a record, as reader and writer walk them ---------------------


def _written_fields(cls: type[Any]) -> list[tuple[str, Any, Any]]:
    """(name, type without None, default) of each field written, the id first."""
    attrs.resolve_types(cls)
    out = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        tp, default = field.type, field.default
        if _is_optional(tp):
            tp = next(a for a in tp.__args__ if a is not type(None))
            default = None
        out.append((field.name, tp, default))
    out.sort(key=lambda f: f[0] != "id")  # the id first, for people reading
    return out


# -- the converter ------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _WireError(f"expected a string (got {_kind(value)})")
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _WireError(f"expected an integer (got {_kind(value)})")
    return value


def _structure_float(value: Any, _: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise _WireError(f"expected a number (got {_kind(value)})")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _WireError(f"expected true or false (got {_kind(value)})")
    return value


_DATE_KEYS = frozenset({"value", "basis", "text", "rule"})


def _structure_date(value: Any, _: Any) -> Date:
    if type(value) is str:
        try:
            return Date.parse(value)
        except DateError as exc:
            raise _WireError(exc.message) from None
    if type(value) is dict:
        extra = value.keys() - _DATE_KEYS
        if extra:
            raise _WireError(
                f"unknown key(s) {sorted(extra)} in a date; expected value, basis, text, rule"
            )
        if "value" not in value:
            raise _WireError("a date object needs a 'value'")
        for key in ("value", "basis", "text", "rule"):
            if key in value and type(value[key]) is not str:
                raise _WireError(f"a date's '{key}' must be a string (got {_kind(value[key])})")
        return Date.parse(
            value["value"],
            basis=_basis(value.get("basis", "stated")),
            text=value.get("text"),
            rule=value.get("rule"),
        )
    raise _WireError(f"expected an EDTF date string (got {_kind(value)})")


def _basis(value: str) -> Basis:
    try:
        return Basis(value)
    except ValueError:
        choices = ", ".join(repr(b.value) for b in Basis)
        raise _WireError(f"a date's 'basis' must be one of {choices} (got {value!r})") from None


def _unstructure_date(date: Date) -> Any:
    if date.basis is Basis.STATED and date.text is None and date.rule is None:
        return date.value
    out: dict[str, str] = {"value": date.value}
    if date.basis is not Basis.STATED:
        out["basis"] = date.basis.value
    if date.text is not None:
        out["text"] = date.text
    if date.rule is not None:
        out["rule"] = date.rule
    return out


def _structure_identifiers(value: Any, _: Any) -> FrozenDict:
    if type(value) is not dict:
        raise _WireError(f"expected an object of scheme to id (got {_kind(value)})")
    for key, item in value.items():
        if type(item) is not str:
            raise _WireError(f"identifier {key!r} must be a string (got {_kind(item)})")
    return FrozenDict(value)


def _structure_extra(value: Any, _: Any) -> JSONMap:
    if type(value) is not dict:
        raise _WireError(f"expected an object (got {_kind(value)})")
    return JSONMap(value)


def _is_optional(t: Any) -> bool:
    args = getattr(t, "__args__", ())
    return getattr(t, "__origin__", None) is not tuple and len(args) == 2 and type(None) in args


def _optional_hook(t: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # Resolve the inner hook once, rather than dispatch on every value.
    inner_type = next(a for a in t.__args__ if a is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


def _tuple_hook(t: Any, converter: cattrs.Converter) -> Callable[[Any, Any], tuple[Any, ...]]:
    item_type = t.__args__[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError(f"expected a list (got {_kind(value)})")
        out = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                out.append(item_hook(item, item_type))
            except Exception as exc:
                exc.__notes__ = [cattrs.errors.IterableValidationNote("", index, item_type)]
                errors.append(exc)
        if errors:
            raise IterableValidationError("invalid items", errors, t)
        return tuple(out)

    return structure


def _object_hook(
    cls: type[T], converter: cattrs.Converter, **overrides: Any
) -> Callable[[Any, Any], T]:
    inner = make_dict_structure_fn(cls, converter, **overrides)
    name = cls.__name__

    def structure(value: Any, _: Any) -> T:
        if type(value) is not dict:
            raise _WireError(f"expected an object ({name}) (got {_kind(value)})")
        return inner(value, cls)

    return structure


def _reference(kind: str, table: str) -> Callable[[Any, Any], Any]:
    def resolve(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise _WireError(f"expected the id of a {kind} (got {_kind(value)})")
        context = _context.get()
        found = getattr(context, table).get(value)
        if found is None:
            if context.lookup is not None:
                found = context.lookup(table, value)
            if found is None and table == "sources":
                found = _build_source(context, value)
        if found is None:
            raise _WireError(f"no {kind} has the id {value!r}")
        return found

    return resolve


def _build_source(context: _Context, ident: str) -> Source | None:
    raw = context.raw_sources.get(ident)
    if raw is None:
        return None
    if ident in context.building:
        raise _WireError(f"'part_of' chains loop through the source {ident!r}")
    context.building.add(ident)
    try:
        source = _structure(Source, raw)
    finally:
        context.building.discard(ident)
    context.sources[ident] = source
    return source


_Hooks = dict[type[Any], Callable[[Any, Any], Any]]
_REFERENCES: dict[type[Any], Callable[[Any, Any], Any]] = {
    Speaker: _reference("speaker", "speakers"),
    Source: _reference("source", "sources"),
    Claim: _reference("claim", "claims"),
}


def _detailed_converter() -> _Hooks:
    """A cattrs converter with detailed validation: it finds every problem of a
    record, each with its path, for the error report.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Date, _structure_date)
    converter.register_structure_hook(FrozenDict, _structure_identifiers)
    converter.register_structure_hook(JSONMap, _structure_extra)
    converter.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(t, converter))
    # Records nested in others are written as their ids.
    for cls, resolve in _REFERENCES.items():
        converter.register_structure_hook(cls, resolve)
    converter.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(t, converter))
    # Hooks are resolved when a class's function is generated: the parts first.
    for cls in (Span, Anchor, Role, Rating, Appearance):
        converter.register_structure_hook(cls, _object_hook(cls, converter))
    return {cls: _object_hook(cls, converter) for _, cls in _SECTIONS}


class _Reader:
    """Generates the reader of one class: the fast path for a valid record.

    It hands each value to the class's constructor, whose validators and
    converters check it (a number where text belongs is an error there), and
    turns ids into records, date strings into Dates and nested objects into
    records. Anything wrong raises, and :func:`_structure` then reads the
    record again with the detailed converter, for the paths of its problems.
    """

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.names: dict[str, Any] = {
            "_cls": cls,
            "_date": _structure_date,
            "_wrong": _wrong_shape,
            "_missing": attrs.NOTHING,
        }

    def bind(self, name: str, value: Any) -> str:
        self.names[name] = value
        return name

    def value(self, tp: Any, var: str) -> str:
        """An expression turning the JSON value *var* into a value of type *tp*."""
        if getattr(tp, "__origin__", None) is tuple:
            item = tp.__args__[0]
            if not attrs.has(item):
                return var  # the field's converter makes a tuple, its validator checks it
            read = self.bind(f"_r_{item.__name__}", _reader(item))
            return (
                f"(({read}({var}[0]),) if len({var}) == 1 else tuple(map({read}, {var}))) "
                f"if type({var}) is list else _wrong({var})"
            )
        if tp in _REFERENCES:
            return f"{self.bind(f'_ref_{tp.__name__}', _REFERENCES[tp])}({var}, None)"
        if tp is Date:
            return f"_date({var}, None)"
        if tp is FrozenDict:
            return f"{self.bind('_identifiers', _structure_identifiers)}({var}, None)"
        if tp is JSONMap:
            return f"{self.bind('_extra', _structure_extra)}({var}, None)"
        if attrs.has(tp):
            return f"{self.bind(f'_r_{tp.__name__}', _reader(tp))}({var})"
        return var  # text, numbers and enums: the validators and converters check them

    def build(self) -> Callable[[Any], Any]:
        fields = _written_fields(self.cls)
        checks = attrs.fields_dict(self.cls)
        self.names["_keys"] = frozenset(name for name, _, _ in fields)
        lines = ["if not o.keys() <= _keys:", "    _wrong(o)"]
        arguments = []
        for name, tp, default in fields:
            value = self.value(tp, "v")
            if value == "v" and not (checks[name].validator or checks[name].converter):
                raise TypeError(f"{self.cls.__name__}.{name} is read as it is but never checked")
            if default is attrs.NOTHING and name != "id":  # required: a missing key raises
                if value == "v":
                    arguments.append(f"{name}=o[{name!r}]")
                else:
                    lines += [f"v = o[{name!r}]", f"{name} = {value}"]
                    arguments.append(f"{name}={name}")
                continue
            # Left out: the default (for a computed id, nothing, so attrs computes it).
            if default is None:
                absent = "None"
            elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                absent = "_missing"
            else:
                absent = self.bind(f"_d_{name}", default)
            if value == "v":
                arguments.append(f"{name}=o.get({name!r}, {absent})")
            else:
                arguments.append(
                    f"{name}={absent} if (v := o.get({name!r}, {absent})) is {absent} "
                    f"else ({value})"
                )
        lines.append("return _cls(" + "".join(f"\n        {a}," for a in arguments) + "\n    )")
        name = f"read_{self.cls.__name__}"
        exec(f"def {name}(o):\n" + "".join(f"    {line}\n" for line in lines), self.names)
        reader: Callable[[Any], Any] = self.names[name]
        return reader


def _wrong_shape(value: Any) -> Any:
    raise _WireError(f"unexpected {_kind(value)}")  # explained by the detailed pass


_READERS: dict[type[Any], Callable[[Any], Any]] = {}


def _reader(cls: type[Any]) -> Callable[[Any], Any]:
    cached = _READERS.get(cls)
    if cached is None:
        cached = _READERS[cls] = _Reader(cls).build()
    return cached


_DETAILED = _detailed_converter()


def _structure(cls: type[T], item: Any) -> T:
    """Structure one top-level record; on failure raise the detailed exception group."""
    try:
        return _reader(cls)(item)  # type: ignore[no-any-return]
    except RecursionError:
        raise
    except Exception as fast_error:
        try:
            _DETAILED[cls](item, cls)
        except Exception as detailed_error:
            raise detailed_error from None
        raise fast_error


# -- turning cattrs' exception groups into problems with paths ---------------


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, ClassValidationError):
        out: list[Problem] = []
        with_field, without = exc.group_exceptions()
        for sub, field_note in with_field:
            out.extend(_problems(sub, f"{path}.{field_note.name}"))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, IterableValidationError):
        out = []
        with_index, without = exc.group_exceptions()
        for sub, index_note in with_index:
            out.extend(_problems(sub, f"{path}[{index_note.index}]"))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(path, f"unknown key(s): {', '.join(sorted(exc.extra_fields))}")]
    if isinstance(exc, ClaimtrackError) and hasattr(exc, "problems"):
        return [Problem(path + p.path[1:], p.message) for p in exc.problems]
    if isinstance(exc, KeyError):
        return [Problem(path, "this required key is missing")]
    if isinstance(exc, _WireError):
        return [Problem(path, str(exc))]
    return [Problem(path, f"invalid value ({exc})")]


# -- writing: one generated function per class ---------------------------------
#
# Each record class gets a function, generated from its attrs fields, that
# writes its compact JSON text directly: references become ids, dates EDTF
# strings, defaults, None and empty collections are left out, and the id comes
# first. The text is exactly what the standard library's encoder would write
# for the record's wire dict (separators "," and ":", non-ASCII kept), without
# building the dict first.


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_string = json.encoder.encode_basestring  # escapes like json.dumps(ensure_ascii=False)


_STATED = Basis.STATED  # an enum member read from its class costs a descriptor call


def _date_text(date: Date) -> str:
    # What json would write for _unstructure_date(date), without the dict.
    value = _string(date.value)
    basis, text, rule = date.basis, date.text, date.rule
    if basis is _STATED and text is None and rule is None:
        return value
    out = '{"value":' + value
    if basis is not _STATED:
        out += ',"basis":' + _string(basis._value_)
    if text is not None:
        out += ',"text":' + _string(text)
    if rule is not None:
        out += ',"rule":' + _string(rule)
    return out + "}"


class _Writer:
    """Generates the writer of one class: a function returning one f-string.

    Every literal the expressions need is bound to a name, so no expression
    holds a quote or a brace and each can sit inside the f-string.
    """

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.names: dict[str, Any] = {"_date": _date_text, "_string": _string, "_encode": _encode}
        self.literals: dict[tuple[type[Any], Any], str] = {}

    def literal(self, constant: Any) -> str:
        """A name bound to *constant*."""
        # By type too (a str enum member equals its value); dicts by identity.
        key = (type(constant), id(constant) if type(constant) is dict else constant)
        name = self.literals.get(key)
        if name is None:
            name = self.literals[key] = f"_l{len(self.literals)}"
            self.names[name] = constant
        return name

    def function(self, tp: type[Any]) -> str:
        name = f"_w_{tp.__name__}"
        self.names[name] = _writer(tp)
        return name

    def value(self, tp: Any, var: str) -> str:
        """An expression for the JSON text of *var*, of type *tp*."""
        if getattr(tp, "__origin__", None) is tuple:
            return f"{self.literal('[')} + {self.items(tp.__args__[0], var)} + {self.literal(']')}"
        if tp in _REFERENCES:  # records nested in others are written as their ids
            return f"_string({var}.id)"
        if tp is str:
            return f"_string({var})"
        if tp is int:
            return f"format({var}, {self.literal('d')})"  # as int.__repr__ writes it
        if tp is float:
            return f"repr({var})"  # as json writes floats
        if tp is bool:
            return f"({self.literal('true')} if {var} else {self.literal('false')})"
        if tp is Date:
            # A plain stated date, the common case, without a call.
            stated = self.literal(_STATED)
            return (
                f"(_string({var}.value) if {var}.basis is {stated} and {var}.text is None "
                f"and {var}.rule is None else _date({var}))"
            )
        if tp is FrozenDict:
            return f"_encode(dict({var}))"
        if tp is JSONMap:
            return f"_encode({var}.to_dict())"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            texts = {member: _string(member.value) for member in tp}
            return f"{self.literal(texts)}[{var}]"
        if attrs.has(tp):
            return self.template(tp, var) or f"{self.function(tp)}({var})"
        raise TypeError(f"no writer for {tp!r}")

    def template(self, tp: type[Any], var: str) -> str | None:
        """A '%' format writing *var* in place, when every field of *tp* is a
        plain value that is always written (a Span); else None.
        """
        fields = _written_fields(tp)
        specs = {int: "%d", float: "%r", str: "%s"}
        if any(default is not attrs.NOTHING or t not in specs for _, t, default in fields):
            return None
        text = "{" + ",".join(f"{json.dumps(name)}:{specs[t]}" for name, t, _ in fields) + "}"
        values = [
            f"_string({var}.{name})" if t is str else f"{var}.{name}" for name, t, _ in fields
        ]
        return f"{self.literal(text)} % ({', '.join(values)},)"

    def items(self, tp: Any, var: str) -> str:
        """The items of the tuple *var*, each of type *tp*, written and joined by commas."""
        comma = self.literal(",")
        call = self.value(tp, "")
        if call.endswith("()"):  # one function of the item: map it, in C
            many = f"{comma}.join(map({call[:-2]}, {var}))"
        else:
            item = f"x{len(var)}"
            many = f"{comma}.join([{self.value(tp, item)} for {item} in {var}])"
        # Most tuples hold one item: write it without the join.
        return f"({self.value(tp, f'{var}[0]')} if len({var}) == 1 else {many})"

    def field(self, name: str, tp: Any, default: Any) -> str:
        """The f-string part of one field: its key and value, after a comma."""
        key = "," + json.dumps(name) + ":"
        is_tuple = getattr(tp, "__origin__", None) is tuple
        if name == "id" or default is attrs.NOTHING:
            if tp is int:  # straight into the f-string (validators hold it to exactly int)
                return f"{key}{{o.{name}}}"
            if is_tuple:
                return f"{key}[{{{self.items(tp.__args__[0], f'o.{name}')}}}]"
            return f"{key}{{{self.value(tp, f'o.{name}')}}}"
        if default is None:
            absent = f"(v := o.{name}) is None"
        elif isinstance(default, enum.Enum):
            absent = f"(v := o.{name}) is {self.literal(default)}"
        elif isinstance(default, (FrozenDict, JSONMap)):  # the shared empty mapping, mostly
            absent = f"(v := o.{name}) is {self.literal(default)} or not v"
        else:  # empty tuples
            absent = f"not (v := o.{name})"
        if is_tuple:
            items = self.items(tp.__args__[0], "v")
            written = f"{self.literal(key + '[')} + {items} + {self.literal(']')}"
        else:
            written = f"{self.literal(key)} + {self.value(tp, 'v')}"
        return f"{{{self.literal('')} if {absent} else {written}}}"

    def build(self) -> Callable[[Any], str]:
        parts = [self.field(*f) for f in _written_fields(self.cls)]
        body = "".join(parts)
        if body.startswith(","):  # the first field is always written: no comma to drop
            code = f"    return f'{{{{{body[1:]}}}}}'"
        else:  # every part may be empty: drop the first comma of what is written
            code = f"    s = f'{body}'\n    return f'{{{{{{s[1:]}}}}}}'"
        name = f"write_{self.cls.__name__}"
        exec(f"def {name}(o):\n{code}\n", self.names)
        writer: Callable[[Any], str] = self.names[name]
        return writer


def _writer(cls: type[Any]) -> Callable[[Any], str]:
    cached = _WRITERS.get(cls)
    if cached is None:
        cached = _WRITERS[cls] = _Writer(cls).build()
    return cached


_WRITERS: dict[type[Any], Callable[[Any], str]] = {}
_WRITE = {cls: _writer(cls) for _, cls in _SECTIONS}


# -- documents ----------------------------------------------------------------


def _as_ledger(data: Ledger | Record | Iterable[Record]) -> Ledger:
    if isinstance(data, Ledger):
        return data
    if isinstance(data, (Claim, Review, Relation)):
        return Ledger([data])
    return Ledger(data)


def _records(ledger: Ledger) -> Iterator[tuple[str, Any]]:
    for section, _ in _SECTIONS:
        for record in getattr(ledger, section):
            yield section, record


def unstructure(record: Speaker | Source | Claim | Relation | Review) -> dict[str, Any]:
    """The wire form of one top-level record as data, for callers that need a dict."""
    result: dict[str, Any] = json.loads(_WRITE[type(record)](record))
    return result


def dumps(data: Ledger | Record | Iterable[Record]) -> str:
    """Write a ledger document: a Ledger, or a claim, review, relation or iterable of them.

    The output is deterministic: the same ledger gives the same string. Each
    record sits on a line of its own.
    """
    ledger = _as_ledger(data)
    parts = [f'{{"claimtrack":{FORMAT_VERSION}']
    for section, cls in _SECTIONS:
        records = getattr(ledger, section)
        if records:
            # Pieces, not one f-string per section: the text is copied once less.
            parts += (f',\n"{section}":[\n', ",\n".join(map(_WRITE[cls], records)), "\n]")
    parts.append("}\n")
    return "".join(parts)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _WireError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _reject_constant(name: str) -> Any:
    raise _WireError(f"{name} is not a valid JSON number")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _WireError(f"the number {text} is too large")
    return value


_decoder = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant, parse_float=_parse_float
)


def _parse_json(data: str | bytes | bytearray, where: str = "$") -> Any:
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                [Problem(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
            ) from None
    elif not isinstance(data, str):
        raise TypeError(f"expected str or bytes (got {type(data).__name__})")
    try:
        return _decoder.decode(data)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [Problem(where, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
        ) from None
    except _WireError as exc:
        raise ValidationError([Problem(where, str(exc))]) from None
    except RecursionError:
        raise ValidationError([Problem(where, "JSON nested too deeply")]) from None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a ledger is built.

    Reading allocates millions of small objects and none of them form reference
    cycles, yet each allocation burst makes the collector walk every live
    object again: pausing it roughly halves the time of a large load. The
    caller's setting is restored, and the objects are collected as usual later.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def loads(data: str | bytes | bytearray) -> Ledger:
    """Read a ledger document, strictly.

    Raises:
        ValidationError: the document is not valid JSON, or a value has the
            wrong type or an invalid value, or a reference names no record.
            ``problems`` lists every problem, each with its JSON path.
        IntegrityError: the records are valid one by one but not together
            (see :meth:`Ledger.validate`).
    """
    with _collector_paused():
        return _loads(data)


def _loads(data: str | bytes | bytearray) -> Ledger:
    document = _parse_json(data)
    if type(document) is not dict:
        raise ValidationError(
            [Problem("$", f"expected a ledger document object (got {_kind(document)})")]
        )
    problems: list[Problem] = []
    version = document.get("claimtrack")
    if version != FORMAT_VERSION or type(version) is not int:
        problems.append(
            Problem(
                "$.claimtrack",
                f"expected the format version {FORMAT_VERSION} (got {_kind(version)})"
                if "claimtrack" in document
                else "this required key is missing: is this a claimtrack ledger document?",
            )
        )
    extra = document.keys() - {"claimtrack"} - {s for s, _ in _SECTIONS}
    if extra:
        problems.append(Problem("$", f"unknown key(s): {', '.join(sorted(extra))}"))
    context = _Context()
    token = _context.set(context)
    try:
        records = {
            section: _load_section(document, section, cls, context, problems)
            for section, cls in _SECTIONS
        }
    finally:
        _context.reset(token)
    if problems:
        raise ValidationError(problems)
    return _ledger_of(records)


_PLACEHOLDER_SPEAKER = Speaker(kind=SpeakerKind.UNNAMED, description="an invalid record")
_PLACEHOLDERS: dict[type[Any], Callable[[str], Any]] = {
    Speaker: lambda ident: attrs.evolve(_PLACEHOLDER_SPEAKER, id=ident),
    Source: lambda ident: Source(title="an invalid record", id=ident),
    Claim: lambda ident: Claim(text="an invalid record", speaker=_PLACEHOLDER_SPEAKER, id=ident),
}


def _load_section(
    document: dict[str, Any],
    section: str,
    cls: type[Any],
    context: _Context,
    problems: list[Problem],
) -> list[Any]:
    raw = document.get(section, [])
    if type(raw) is not list:
        problems.append(Problem(f"$.{section}", f"expected a list (got {_kind(raw)})"))
        return []
    if section == "sources":
        for item in raw:
            if type(item) is dict and type(item.get("id")) is str:
                context.raw_sources.setdefault(item["id"], item)
    table: dict[str, Any] = getattr(context, section, {})
    out = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        path = f"$.{section}[{index}]"
        ident = item.get("id") if type(item) is dict else None
        if isinstance(ident, str) and ident in seen:
            problems.append(Problem(f"{path}.id", f"two records share the id {ident!r}"))
            continue
        if isinstance(ident, str):
            seen.add(ident)
        if section == "sources" and isinstance(ident, str) and ident in context.sources:
            out.append(context.sources[ident])  # built earlier for a part_of reference
            continue
        try:
            record = _structure(cls, item)
        except RecursionError:
            problems.append(Problem(path, "nested too deeply"))
            continue
        except Exception as exc:
            problems.extend(_problems(exc, path))
            if isinstance(ident, str) and cls in _PLACEHOLDERS:
                # Later records referring to this one are checked against a
                # stand-in, so their own problems are found too, without a
                # misleading "no such id" for a record that is merely invalid.
                table.setdefault(ident, _PLACEHOLDERS[cls](ident))
            continue
        table[record.id] = record
        out.append(record)
    return out


def _ledger_of(records: Mapping[str, list[Any]]) -> Ledger:
    ledger = Ledger()
    for speaker in records["speakers"]:
        ledger._add_speaker(speaker)
    for source in records["sources"]:
        ledger._add_source(source)
    for section in ("claims", "reviews", "relations"):
        for record in records[section]:
            ledger.add(record)
    ledger.validate()
    return ledger


# -- JSON Lines ---------------------------------------------------------------


def _open_for(target: str | os.PathLike[str] | IO[Any], mode: str) -> tuple[IO[Any], bool]:
    """A file object for *target* and whether the caller must close it."""
    if isinstance(target, (str, os.PathLike)):
        if "b" in mode:
            return open(target, mode), True
        return open(target, mode, encoding="utf-8", newline="\n"), True
    return target, False


def dump_jsonl(data: Ledger | Iterable[Record], target: str | os.PathLike[str] | IO[str]) -> int:
    """Write records as JSON Lines to a path or a text file object; return the line count.

    The first line is ``{"claimtrack": 1}``; each further line is one record
    with its ``type`` (speaker, source, claim, relation, review). Given an
    iterable rather than a Ledger, records are written as they come, each
    speaker and source just before the first record that needs it, so a stream
    of any length is written in memory bounded by its distinct speakers and sources.
    """
    handle, owned = _open_for(target, "w")
    try:
        handle.write(_encode({"claimtrack": FORMAT_VERSION}) + "\n")
        count = 1
        for kind, record in _stream_records(data):
            # The type goes first: '{"type":"claim",' then the record's own fields.
            text = _WRITE[type(record)](record)
            handle.write(f'{{"type":"{kind}",{text[1:]}\n')
            count += 1
        return count
    finally:
        if owned:
            handle.close()


def _stream_records(data: Ledger | Iterable[Record]) -> Iterator[tuple[str, Any]]:
    if isinstance(data, Ledger):
        for section, record in _records(data):
            yield _TYPE_OF_SECTION[section], record
        return
    written: set[str] = set()

    def entities(record: Record) -> Iterator[tuple[str, Any]]:
        if isinstance(record, Review):
            yield from entities(record.claim)
            if record.claim.id not in written:
                written.add(record.claim.id)
                yield "claim", record.claim
            speakers: tuple[Speaker, ...] = (record.reviewer,)
            sources: list[Source] = []
        elif isinstance(record, Claim):
            speakers = (record.speaker,)
            sources = [a.source for a in record.appearances]
        else:
            return
        for speaker in speakers:
            if speaker.id not in written:
                written.add(speaker.id)
                yield "speaker", speaker
        for first in sources:
            chain = []
            source: Source | None = first
            while source is not None and source.id not in written:
                chain.append(source)
                source = source.part_of
            for item in reversed(chain):
                written.add(item.id)
                yield "source", item

    for record in data:
        yield from entities(record)
        kind = (
            "claim"
            if isinstance(record, Claim)
            else "review"
            if isinstance(record, Review)
            else "relation"
        )
        if isinstance(record, Claim):
            if record.id in written:
                continue
            written.add(record.id)
        yield kind, record


def iter_jsonl(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
) -> Iterator[Speaker | Source | Record]:
    """Read JSON Lines written by :func:`dump_jsonl`, yielding each record as it
    comes (speakers, sources, claims, relations, reviews), references resolved.

    Each line is checked on its own; a bad line raises
    :class:`~claimtrack.ValidationError` whose paths start with its line number
    (``line 12: $.claims[0].text``). Speakers, sources and claims are held for
    the references of later lines.
    """
    handle, owned = _open_for(source, "rb")
    context = _Context()
    try:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = _read_line(line, number, context)
            if record is not None:
                yield record
    finally:
        if owned:
            handle.close()


def _read_line(
    line: str | bytes, number: int, context: _Context
) -> Speaker | Source | Record | None:
    where = f"line {number}: $"
    item = _parse_json(line, where)
    if type(item) is not dict:
        raise ValidationError([Problem(where, f"expected an object (got {_kind(item)})")])
    if number == 1 or "claimtrack" in item:
        if item != {"claimtrack": FORMAT_VERSION}:
            raise ValidationError(
                [Problem(where, f'the first line must be {{"claimtrack": {FORMAT_VERSION}}}')]
            )
        return None
    kind = item.pop("type", None)  # the parser's own object: changing it costs no copy
    entry = _LINE_TYPES.get(kind) if isinstance(kind, str) else None
    if entry is None:
        raise ValidationError(
            [
                Problem(
                    f"{where}.type",
                    f"expected speaker, source, claim, relation or review (got {_kind(kind)})",
                )
            ]
        )
    section, cls = entry
    if cls is Source and isinstance(item.get("id"), str):
        context.raw_sources[item["id"]] = item
    token = _context.set(context)
    try:
        record = _structure(cls, item)
    except Exception as exc:
        raise ValidationError(_problems(exc, where)) from None
    finally:
        _context.reset(token)
    getattr(context, section, {})[record.id] = record
    return record  # type: ignore[no-any-return]


def load_jsonl(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> Ledger:
    """Read JSON Lines into a Ledger, checking integrity at the end."""
    ledger = Ledger()
    with _collector_paused():
        for record in iter_jsonl(source):
            ledger.add(record)
    ledger.validate()
    return ledger
