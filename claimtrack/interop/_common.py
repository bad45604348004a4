"""Shared machinery of the importers and exporters: the import result, JSON
paths, tolerant readers of loosely typed values, and date reading.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from claimtrack import validators
from claimtrack._claim import Claim
from claimtrack._date import Date
from claimtrack._fields import JSONMap
from claimtrack._ledger import Ledger
from claimtrack._review import Rating, Relation, Review
from claimtrack._source import Source
from claimtrack._speaker import Speaker, SpeakerKind
from claimtrack.exceptions import ClaimtrackError, DateError, Problem, ValidationError

#: How deep input may nest; real markup stays far below.
MAX_DEPTH = 64

#: Prefix of the ``@id`` of exported records: ``urn:claimtrack:<record id>``.
URN = "urn:claimtrack:"

#: The speaker an importer records when a format names no claimant. Exporters
#: leave it out again, so it never turns into a made-up name.
UNKNOWN_CLAIMANT = Speaker(kind=SpeakerKind.UNNAMED, description="an unidentified claimant")
#: The reviewer an importer records when a format names no reviewer.
UNKNOWN_REVIEWER = Speaker(kind=SpeakerKind.UNNAMED, description="an unidentified reviewer")


class ImportedLedger(Ledger):
    """A :class:`~claimtrack.Ledger` read from another format, with what the
    reader had to say about it.

    It is a Ledger in every respect (queries, validation, :func:`claimtrack.dumps`);
    two more attributes tell what did not map cleanly:

    * ``warnings``: every :class:`~claimtrack.Problem` met, each with the JSON
      path of the input it is about (a value kept verbatim in a record's
      ``extra``, a date that could not be read, a rating on an impossible scale);
    * ``skipped``: ``(path, data)`` pairs of input that could not become a
      record at all (say, a review without any claim text), kept verbatim.
    """

    __slots__ = ("skipped", "warnings")

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[Problem] = []
        self.skipped: list[tuple[str, Any]] = []

    def warn(self, path: str, message: str) -> None:
        """Record a warning about the input at *path*."""
        self.warnings.append(Problem(path, message))

    def skip(self, path: str, data: Any, message: str) -> None:
        """Record input that could not become a record, verbatim, with a warning."""
        self.skipped.append((path, data))
        self.warn(path, message)

    def add_safely(
        self, record: Claim | Review | Relation | Speaker | Source, path: str, raw: Any
    ) -> bool:
        """Add *record*; when it conflicts with what the ledger holds, keep *raw*
        in ``skipped`` with a warning instead of failing the whole import.
        """
        try:
            self.add(record)
        except ClaimtrackError as exc:
            self.skip(path, raw, f"not added: it conflicts with an earlier record ({exc})")
            return False
        return True


def jpath(path: str, key: str | int) -> str:
    """*path* extended by *key*, in JSON path notation (``$.a[0]["@graph"]``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def check_json(value: Any) -> None:
    """Raise a ValidationError (with the path) for what JSON cannot hold: NaN,
    infinities, non-string keys, other Python objects, nesting past 64 levels.
    """
    trail: list[str | int] = []

    def fail(message: str) -> ValidationError:
        path = "$"
        for key in trail:
            path = jpath(path, key)
        return ValidationError([Problem(path, message)])

    def walk(value: Any) -> None:
        # Paths are only spelled out for an error: most input has none.
        if type(value) in (str, int, bool) or value is None:
            return
        if len(trail) > MAX_DEPTH:
            raise fail(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, float):
            if not math.isfinite(value):
                raise fail(f"{value} is not a JSON number")
        elif type(value) is list:
            for index, item in enumerate(value):
                trail.append(index)
                walk(item)
                trail.pop()
        elif type(value) is dict or isinstance(value, Mapping):
            for key, item in value.items():
                if type(key) is not str:
                    raise fail(f"a JSON key must be text (got {key!r:.40})")
                trail.append(key)
                walk(item)
                trail.pop()
        elif not isinstance(value, (str, int)):
            raise fail(f"not a JSON value ({type(value).__name__})")

    walk(value)


@functools.lru_cache(maxsize=4096)
def url_ok(text: str) -> bool:
    """Whether *text* is an absolute http(s) URL (cached: markup repeats its links)."""
    return validators.check_url("url", text) is None


def as_list(value: Any) -> list[Any]:
    """A list of *value*: None gives none, a list itself, anything else one item."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def plain(value: Any) -> Any:
    """*value* as plain JSON data (JSONMaps and tuples thawed)."""
    if isinstance(value, JSONMap):
        return value.to_dict()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def text_of(value: Any) -> str | None:
    """The text of a JSON-LD value: a string, ``{"@value": ...}``, or a
    one-item list of those; None when there is no usable text.
    """
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, Mapping) and "@value" in value:
        value = value["@value"]
    if isinstance(value, str):
        # Kept exactly as written (spacing included): it is the publisher's text.
        return value if value.strip() else None
    return None


def number_of(value: Any) -> float | int | None:
    """A finite number from a JSON number or a numeric string, else None."""
    if isinstance(value, Mapping) and "@value" in value:
        value = value["@value"]
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().replace(",", ".") if value.count(",") == 1 else value.strip()
        try:
            number = float(text)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        return int(number) if number.is_integer() and "." not in text else number
    return None


def json_number(value: float | None) -> float | int | None:
    """*value* for JSON output: whole floats written as integers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rating_numbers(rating: Rating) -> dict[str, float | int]:
    """The schema.org number keys (``ratingValue``, ``bestRating``,
    ``worstRating``) of *rating* that are set, as JSON numbers.
    """
    out: dict[str, float | int] = {}
    for key, value in (
        ("ratingValue", rating.value),
        ("bestRating", rating.best),
        ("worstRating", rating.worst),
    ):
        number = json_number(value)
        if number is not None:
            out[key] = number
    return out


def merge_extra(
    namespace: str, unmapped: Mapping[str, Any], extra: Mapping[str, Any] | None = None
) -> JSONMap:
    """A record's ``extra``, with *unmapped* input kept under *namespace*."""
    merged = dict(plain(extra) if extra is not None else {})
    if unmapped:
        inner = dict(merged.get(namespace) or {})
        inner.update(unmapped)
        merged[namespace] = inner
    return JSONMap(merged)


def extra_of(record_extra: Mapping[str, Any], namespace: str) -> dict[str, Any]:
    """What a record keeps under *namespace* in its ``extra`` (plain JSON)."""
    value = record_extra.get(namespace)
    return plain(value) if isinstance(value, Mapping) else {}


# -- dates --------------------------------------------------------------------

_ISO_STAMP = re.compile(
    r"""(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ]
        (?P<hm>[0-9]{2}:[0-9]{2})(?P<s>:[0-9]{2})?(?P<fraction>\.[0-9]+)?
        \s*(?P<offset>Z|z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?\Z""",
    re.VERBOSE | re.ASCII,
)
_NAIVE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+\Z", re.ASCII)
_NUMERIC_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2,4})\Z", re.ASCII)
_DEFAULTS = (_dt.datetime(2000, 1, 1, 0, 0, 0), _dt.datetime(2001, 2, 2, 1, 1, 1))


def _iso_stamp(text: str) -> str | None:
    match = _ISO_STAMP.match(text)
    if match is None:
        return None
    seconds = match["s"] or ":00"
    fraction = (match["fraction"] or "")[:7]  # EDTF carries microseconds at most
    offset = match["offset"] or ""
    if offset in ("Z", "z", "UTC", "GMT"):
        offset = "Z"
    elif offset:
        digits = offset[1:].replace(":", "")
        digits = digits if len(digits) == 4 else digits + "00"
        offset = f"{offset[0]}{digits[:2]}:{digits[2:]}"
    return f"{match['date']}T{match['hm']}{seconds}{fraction}{offset}"


def _numeric_date(text: str) -> str | bool | None:
    """An EDTF day from ``d/m/yyyy``; False when day and month could be swapped."""
    match = _NUMERIC_DMY.match(text)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), match[3]
    if len(year) != 4:
        return False  # a two-digit year names no century
    if first <= 12 and second <= 12 and first != second:
        return False
    day, month = (first, second) if first > 12 else (second, first)
    if first == second:
        day = month = first
    try:
        return _dt.date(int(year), month, day).isoformat()
    except ValueError:
        return False


def _worded_date(text: str) -> str | None:
    """An EDTF value from a date written with a month name ("March 4, 2021")."""
    from dateutil import parser

    parsed = []
    for default in _DEFAULTS:
        try:
            parsed.append(parser.parse(text, default=default))
        except (ValueError, OverflowError, TypeError):
            return None
    a, b = parsed
    if a.year != b.year:
        return None  # never borrow a year
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    if a.hour != b.hour:
        return f"{a.year:04d}-{a.month:02d}-{a.day:02d}"
    if a.tzinfo is not None:
        return Date.from_datetime(a.replace(microsecond=0)).value
    return a.replace(microsecond=0).isoformat()  # naive: read_date keeps the day


def read_date(raw: Any, path: str, ledger: ImportedLedger) -> Date | None:
    """Read a date written in one of the ways found in the wild.

    Accepted: EDTF (which covers ISO 8601 dates and timestamps), timestamps with
    a space, fractions of a second or a ``+0200`` offset, dates with a month
    name in English ("March 4, 2021", "4 Mar 2021"), and ``d/m/yyyy`` when the
    day and month cannot be confused. Anything else gives None and a warning:
    the caller keeps the raw value verbatim. Never does a date borrow a part
    it was not given.
    """
    text = text_of(raw)
    if text is None:
        ledger.warn(path, f"not a date (got {raw!r:.60}); kept verbatim")
        return None
    candidates: list[str] = [text]
    stamp = _iso_stamp(text)
    if stamp is not None:
        candidates.append(stamp)
    numeric = _numeric_date(text)
    if numeric is False:
        ledger.warn(
            path, f"the date {text!r} is ambiguous (day and month, or century); kept verbatim"
        )
        return None
    if isinstance(numeric, str):
        candidates.append(numeric)
    elif stamp is None and re.search(r"[A-Za-z]{3}", text):
        worded = _worded_date(text)
        if worded is not None:
            candidates.append(worded)
    for candidate in candidates:
        if _NAIVE.match(candidate):
            # A time of day without a UTC offset cannot be placed on the
            # timeline; the day can (on the publisher's calendar).
            ledger.warn(
                path,
                f"the time in {text!r} has no UTC offset; only the day is kept "
                "(the text stays on the date)",
            )
            candidate = candidate[:10]
        try:
            value = Date.parse(candidate)
        except DateError:
            continue
        if candidate != text:
            return Date.parse(candidate, text=text)
        return value
    ledger.warn(path, f"cannot read the date {text!r}; kept verbatim")
    return None


def build(factory: Any, path: str, ledger: ImportedLedger, **kwargs: Any) -> Any:
    """Call *factory* with *kwargs*; on a validation error warn and give None."""
    try:
        return factory(**kwargs)
    except ValidationError as exc:
        ledger.warn(path, exc.message or str(exc))
        return None


def iter_items(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """``(path, item)`` for each item of a value that may be one item or a list."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield jpath(path, index), item
    elif value is not None:
        yield path, value
