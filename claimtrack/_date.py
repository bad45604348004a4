"""Date: a possibly partial, possibly uncertain point or interval in time.

Values are written as EDTF (ISO 8601-2) strings. A Date knows its precision and
the earliest and latest instants it may stand for, and compares only as a
partial order (``definitely_before`` and friends): "2019" is neither before nor
after "2019-09", and Python's ``<`` refuses to pretend otherwise.

How bounds are compared. A calendar value without a time of day ("2019-11-03")
is *floating*: it names a day on somebody's local calendar, not a UTC interval.
Two floating values compare as calendars. A floating value and an exact
timestamp compare on the UTC timeline, with the floating value widened to every
UTC offset in use (-12:00 to +14:00), so that "said 2018-08-30" is not taken to
be after a story stamped 2018-08-30T00:30:00+08:00. The rule only ever adds
slack, so the partial-order laws (irreflexive, asymmetric, transitive) hold.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from typing import Any, NamedTuple

import attrs

from claimtrack._fields import enum_converter
from claimtrack.exceptions import DateError
from claimtrack.validators import check_text

__all__ = ["Basis", "Date", "Precision"]


class Basis(enum.StrEnum):
    """Where a date came from."""

    #: Written in the source as a date ("on March 3, 2019").
    STATED = "stated"
    #: Not stated; taken from context such as the publication time.
    INFERRED = "inferred"
    #: Resolved from a relative expression ("on Tuesday", "last week").
    RESOLVED = "resolved"
    #: Nothing is known about where it came from.
    UNKNOWN = "unknown"


class Precision(enum.StrEnum):
    """How finely a date is known, coarsest first."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUADRIMESTER = "quadrimester"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    DAY = "day"
    SECOND = "second"


_PRECISION_RANK = {p: i for i, p in enumerate(Precision)}

_US = 1_000_000  # microseconds per second
_DAY_US = 86_400 * _US
_EAST = 14 * 3600 * _US  # the furthest offset east of UTC in use (+14:00)
_WEST = 12 * 3600 * _US  # the furthest offset west of UTC in use (-12:00)
_EPOCH_ORDINAL = 1  # date(1, 1, 1).toordinal()

_POINT = re.compile(
    r"""
    (?P<year>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)
    (?:-(?P<month>[0-9]{2}|XX)
      (?:-(?P<day>[0-9]{2}|XX)
        (?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
           (?:\.(?P<fraction>[0-9]{1,6}))?
           (?P<offset>Z|[+-][0-9]{2}:[0-9]{2})?
        )?
      )?
    )?
    (?P<qualifier>[?~%])?
    \Z
    """,
    re.VERBOSE | re.ASCII,
)

# Sub-year divisions of ISO 8601-2 (EDTF levels 1 and 2): code -> (name,
# precision, first month, number of months). Winter (24) runs December to February.
_DIVISIONS: dict[int, tuple[str, Precision, int, int]] = {
    21: ("spring", Precision.SEASON, 3, 3),
    22: ("summer", Precision.SEASON, 6, 3),
    23: ("autumn", Precision.SEASON, 9, 3),
    24: ("winter", Precision.SEASON, 12, 3),
    25: ("spring (northern hemisphere)", Precision.SEASON, 3, 3),
    26: ("summer (northern hemisphere)", Precision.SEASON, 6, 3),
    27: ("autumn (northern hemisphere)", Precision.SEASON, 9, 3),
    28: ("winter (northern hemisphere)", Precision.SEASON, 12, 3),
    29: ("spring (southern hemisphere)", Precision.SEASON, 9, 3),
    30: ("summer (southern hemisphere)", Precision.SEASON, 12, 3),
    31: ("autumn (southern hemisphere)", Precision.SEASON, 3, 3),
    32: ("winter (southern hemisphere)", Precision.SEASON, 6, 3),
    33: ("first quarter", Precision.QUARTER, 1, 3),
    34: ("second quarter", Precision.QUARTER, 4, 3),
    35: ("third quarter", Precision.QUARTER, 7, 3),
    36: ("fourth quarter", Precision.QUARTER, 10, 3),
    37: ("first quadrimester", Precision.QUADRIMESTER, 1, 4),
    38: ("second quadrimester", Precision.QUADRIMESTER, 5, 4),
    39: ("third quadrimester", Precision.QUADRIMESTER, 9, 4),
    40: ("first half", Precision.HALF, 1, 6),
    41: ("second half", Precision.HALF, 7, 6),
}


class _Point(NamedTuple):
    """One parsed EDTF point: bounds in microseconds since 0001-01-01."""

    lo: int
    hi: int
    floating: bool
    precision: Precision
    uncertain: bool
    approximate: bool


class _End(NamedTuple):
    """One end of a parsed interval: a point, open (``..``) or unknown (empty)."""

    point: _Point | None
    open: bool


def _month_start(year: int, month: int) -> int:
    """Microseconds at the start of a month; month may run past 12."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if year > 9999:
        return (_dt.date.max.toordinal() + 1 - _EPOCH_ORDINAL) * _DAY_US
    return (_dt.date(year, month, 1).toordinal() - _EPOCH_ORDINAL) * _DAY_US


def _day_start(day: _dt.date) -> int:
    return (day.toordinal() - _EPOCH_ORDINAL) * _DAY_US


def _parse_point(text: str) -> _Point:
    match = _POINT.match(text)
    if match is None:
        raise DateError(f"not an EDTF date: {text!r}", field="value", value=text)
    g = match.groupdict()
    qualifier = g["qualifier"]
    uncertain = qualifier in ("?", "%")
    approximate = qualifier in ("~", "%")
    year_text: str = g["year"]
    month_text: str | None = g["month"]
    day_text: str | None = g["day"]

    if "X" in year_text:
        if month_text is not None:
            raise DateError(
                f"a year with unspecified digits cannot have a month: {text!r}",
                field="value",
                value=text,
            )
        digits = year_text.rstrip("X")
        span = 10 ** (4 - len(digits))
        first = int(digits) * span
        precision = Precision.DECADE if span == 10 else Precision.CENTURY
        start_year = max(first, 1)
        lo = _month_start(start_year, 1)
        hi = _month_start(first + span, 1) - 1
        return _Point(lo, hi, True, precision, uncertain, approximate)

    year = int(year_text)
    if year == 0:
        raise DateError(
            f"year 0000 is not supported; years run from 0001 to 9999 (got {text!r})",
            field="value",
            value=text,
        )
    if month_text is None:
        return _Point(
            _month_start(year, 1),
            _month_start(year + 1, 1) - 1,
            True,
            Precision.YEAR,
            uncertain,
            approximate,
        )
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise DateError(
                f"an unspecified month needs an unspecified day: {text!r}",
                field="value",
                value=text,
            )
        return _Point(
            _month_start(year, 1),
            _month_start(year + 1, 1) - 1,
            True,
            Precision.YEAR,
            uncertain,
            approximate,
        )
    month = int(month_text)
    if month in _DIVISIONS:
        if day_text is not None:
            raise DateError(
                f"a season, quarter or half cannot have a day: {text!r}", field="value", value=text
            )
        _, precision, first_month, months = _DIVISIONS[month]
        lo = _month_start(year, first_month)
        hi = _month_start(year, first_month + months) - 1
        return _Point(lo, hi, True, precision, uncertain, approximate)
    if not 1 <= month <= 12:
        raise DateError(
            f"month must be 01 to 12, or 21 to 41 for seasons, quarters and halves "
            f"(got {month_text!r} in {text!r})",
            field="value",
            value=text,
        )
    if day_text is None or day_text == "XX":
        lo = _month_start(year, month)
        hi = _month_start(year, month + 1) - 1
        return _Point(lo, hi, True, Precision.MONTH, uncertain, approximate)
    try:
        day = _dt.date(year, month, int(day_text))
    except ValueError:
        raise DateError(f"no such day: {text!r}", field="value", value=text) from None
    if g["hour"] is None:
        lo = _day_start(day)
        return _Point(lo, lo + _DAY_US - 1, True, Precision.DAY, uncertain, approximate)

    if qualifier is not None:
        raise DateError(
            f"a date-time cannot carry the qualifier {qualifier!r}: {text!r}",
            field="value",
            value=text,
        )
    offset_text = g["offset"]
    if offset_text is None:
        raise DateError(
            f"a time of day needs a UTC offset such as 'Z' or '+02:00' (got the naive {text!r})",
            field="value",
            value=text,
        )
    hour, minute, second = int(g["hour"]), int(g["minute"]), int(g["second"])
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"no such time of day: {text!r}", field="value", value=text)
    if offset_text == "Z":
        offset_us = 0
    else:
        off_h, off_m = int(offset_text[1:3]), int(offset_text[4:6])
        if off_h > 23 or off_m > 59:
            raise DateError(f"no such UTC offset: {text!r}", field="value", value=text)
        offset_us = (off_h * 3600 + off_m * 60) * _US
        if offset_text[0] == "-":
            offset_us = -offset_us
    fraction = int((g["fraction"] or "").ljust(6, "0"))
    local = _day_start(day) + (hour * 3600 + minute * 60 + second) * _US + fraction
    instant = local - offset_us
    return _Point(instant, instant, False, Precision.SECOND, False, False)


def _parse_end(text: str) -> _End:
    if text == "..":
        return _End(None, True)
    if text == "":
        return _End(None, False)
    return _End(_parse_point(text), False)


class _Parsed(NamedTuple):
    """Everything derived from an EDTF value, computed once per distinct value."""

    lo: int | None  # calendar-frame bounds in microseconds; None is unbounded
    hi: int | None
    floating: bool
    precision: Precision | None
    uncertain: bool
    approximate: bool
    interval: bool
    start: _End | None
    end: _End | None


@functools.lru_cache(maxsize=32768)
def _parse(value: str) -> _Parsed:
    if "/" not in value:
        point = _parse_point(value)
        return _Parsed(
            point.lo,
            point.hi,
            point.floating,
            point.precision,
            point.uncertain,
            point.approximate,
            False,
            None,
            None,
        )
    if value.count("/") > 1:
        raise DateError(f"an interval has exactly one '/': {value!r}", field="value", value=value)
    start_text, end_text = value.split("/")
    start, end = _parse_end(start_text), _parse_end(end_text)
    if start.point is None and end.point is None:
        raise DateError(
            f"an interval needs at least one known end (got {value!r})", field="value", value=value
        )
    points = [p for p in (start.point, end.point) if p is not None]
    lo = start.point.lo if start.point else None
    hi = end.point.hi if end.point else None
    if lo is not None and hi is not None and hi < lo:
        raise DateError(
            f"the interval ends before it starts: {value!r}", field="value", value=value
        )
    return _Parsed(
        lo,
        hi,
        any(p.floating for p in points),
        min((p.precision for p in points), key=_PRECISION_RANK.__getitem__),
        any(p.uncertain for p in points),
        any(p.approximate for p in points),
        True,
        start,
        end,
    )


_basis_converter = enum_converter(Basis, "basis", DateError)


def _to_basis(value: Any) -> Basis:
    return _basis_converter(value)


def _validate_value(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise DateError(
            f"'value' must be an EDTF string (got {type(value).__name__} {value!r})",
            field="value",
            value=value,
        )
    _parse(value)


def _validate_optional_text(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        message = check_text(attribute.name, value)
        if message is not None:
            raise DateError(message, field=attribute.name, value=value)


def _to_datetime(micros: int, floating: bool) -> _dt.datetime:
    moment = _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=micros)
    return moment if floating else moment.replace(tzinfo=_dt.UTC)


_MIN_KEY = -(2**63)
_MAX_KEY = 2**63


@attrs.frozen(kw_only=True)
class Date:
    """A point or interval in time, possibly partial or uncertain, as EDTF.

    Construct one with :meth:`parse` (``Date.parse("2019-11")``) or with the
    keyword arguments below. ``str(date)`` is the EDTF value.

    Dates compare only through named methods, because they form a *partial*
    order: :meth:`definitely_before`, :meth:`possibly_before`, :meth:`overlaps`
    and :meth:`contains`. ``<`` raises :class:`TypeError`; use :attr:`sort_key`
    to sort for display.
    """

    #: The EDTF value, such as ``2019``, ``2019-11~``, ``2018-08-29T23:58:40+08:00``
    #: or ``2018-08-20/2018-08-26``.
    value: str = attrs.field(validator=_validate_value)
    #: Where the date came from: stated in the text, inferred from context, or
    #: resolved from a relative expression.
    basis: Basis = attrs.field(default=Basis.STATED, converter=_to_basis)
    #: The surface text the date was read from ("last Tuesday"), if any.
    text: str | None = attrs.field(default=None, validator=_validate_optional_text)
    #: The name of the rule that resolved it ("weekday.most_recent"), if any.
    rule: str | None = attrs.field(default=None, validator=_validate_optional_text)

    _parsed: _Parsed = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_parsed", _parse(self.value))

    @classmethod
    def parse(
        cls,
        value: str,
        *,
        basis: Basis | str = Basis.STATED,
        text: str | None = None,
        rule: str | None = None,
    ) -> Date:
        """Parse an EDTF string into a Date.

        Raises:
            DateError: *value* is not a valid EDTF date or interval.
        """
        try:
            return _cached_date(value, _to_basis(basis), text, rule)
        except TypeError:  # an unhashable argument: let the validators explain
            return cls(value=value, basis=basis, text=text, rule=rule)

    @classmethod
    def resolve(
        cls,
        expression: str,
        reference: _dt.datetime | Date,
        *,
        tense: str | None = None,
    ) -> Date:
        """Resolve a date expression ("on Tuesday", "last week", "mid-2019") against
        a reference time, normally the source's publication time.

        See :mod:`claimtrack.dates` for the rules.

        Raises:
            DateError: *expression* is not a date.
        """
        from claimtrack.dates import resolve

        return resolve(expression, reference, tense=tense)

    @classmethod
    def from_datetime(
        cls, moment: _dt.datetime | _dt.date, *, basis: Basis | str = Basis.STATED
    ) -> Date:
        """Make a Date from a :class:`datetime.date` (day precision) or an aware
        :class:`datetime.datetime` (second precision, keeping its offset).

        Raises:
            DateError: *moment* is a naive datetime.
        """
        if isinstance(moment, _dt.datetime):
            offset = moment.utcoffset()
            if offset is None:
                raise DateError(
                    f"a datetime needs a UTC offset (got the naive {moment.isoformat()!r})",
                    field="value",
                    value=moment,
                )
            stamp = moment.replace(tzinfo=_dt.timezone(offset)).isoformat()
            stamp = stamp.replace("+00:00", "Z") if offset == _dt.timedelta(0) else stamp
            return cls.parse(stamp, basis=basis)
        return cls.parse(moment.isoformat(), basis=basis)

    def __str__(self) -> str:
        return self.value

    # -- what the value means -------------------------------------------------

    @property
    def precision(self) -> Precision:
        """How finely the date is known; for an interval, its coarser known end."""
        precision = self._parsed.precision
        assert precision is not None
        return precision

    @property
    def is_interval(self) -> bool:
        """Whether the value is an interval (``A/B``)."""
        return self._parsed.interval

    @property
    def uncertain(self) -> bool:
        """Whether the value (or an end of it) is marked uncertain (``?`` or ``%``)."""
        return self._parsed.uncertain

    @property
    def approximate(self) -> bool:
        """Whether the value (or an end of it) is marked approximate (``~`` or ``%``)."""
        return self._parsed.approximate

    @property
    def floating(self) -> bool:
        """Whether the value is a calendar date with no time of day and offset.

        Floating values name days on a local calendar; see the module notes on
        how they compare with exact timestamps.
        """
        return self._parsed.floating

    @property
    def earliest(self) -> _dt.datetime | None:
        """The earliest instant the date may stand for; None when unbounded.

        Naive (a local calendar time) for floating values, UTC otherwise.
        """
        lo = self._parsed.lo
        return None if lo is None else _to_datetime(lo, self._parsed.floating)

    @property
    def latest(self) -> _dt.datetime | None:
        """The latest instant the date may stand for; None when unbounded.

        Naive (a local calendar time) for floating values, UTC otherwise.
        """
        hi = self._parsed.hi
        return None if hi is None else _to_datetime(hi, self._parsed.floating)

    @property
    def start(self) -> Date | None:
        """The start of an interval (None when open or unknown), or the date itself."""
        return self._end(self._parsed.start, 0)

    @property
    def end(self) -> Date | None:
        """The end of an interval (None when open or unknown), or the date itself."""
        return self._end(self._parsed.end, 1)

    def _end(self, end: _End | None, index: int) -> Date | None:
        if not self._parsed.interval:
            return self
        assert end is not None
        if end.point is None:
            return None
        return Date.parse(self.value.split("/")[index], basis=self.basis)

    @property
    def start_open(self) -> bool:
        """Whether an interval's start is open (``..``): it reaches back without limit."""
        start = self._parsed.start
        return start is not None and start.open

    @property
    def end_open(self) -> bool:
        """Whether an interval's end is open (``..``): it reaches on without limit."""
        end = self._parsed.end
        return end is not None and end.open

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """A total order for display: earliest bound, then latest, then the value.

        It is *not* a claim about which date came first; use the comparison
        methods for that.
        """
        p = self._parsed
        return (
            _MIN_KEY if p.lo is None else p.lo,
            _MAX_KEY if p.hi is None else p.hi,
            self.value,
        )

    # -- the partial order ----------------------------------------------------

    def definitely_before(self, other: Date) -> bool:
        """Whether every instant this date may stand for precedes every instant of *other*."""
        a, b = self._parsed, _parsed_of(other)
        if a.hi is None or b.lo is None:
            return False
        if a.floating and b.floating:
            return a.hi < b.lo
        return _instant(a.hi, a.floating, _WEST) < _instant(b.lo, b.floating, -_EAST)

    def definitely_after(self, other: Date) -> bool:
        """Whether every instant of this date follows every instant of *other*."""
        _parsed_of(other)
        return other.definitely_before(self)

    def possibly_before(self, other: Date) -> bool:
        """Whether some instant this date may stand for precedes some instant of *other*."""
        a, b = self._parsed, _parsed_of(other)
        if a.lo is None or b.hi is None:
            return True
        if a.floating and b.floating:
            return a.lo < b.hi
        return _instant(a.lo, a.floating, -_EAST) < _instant(b.hi, b.floating, _WEST)

    def overlaps(self, other: Date) -> bool:
        """Whether the two dates may stand for a common instant."""
        return not self.definitely_before(other) and not other.definitely_before(self)

    def contains(self, other: Date) -> bool:
        """Whether every instant *other* may stand for lies within this date."""
        a, b = self._parsed, _parsed_of(other)
        if a.floating and b.floating:
            lo_a, hi_a, lo_b, hi_b = a.lo, a.hi, b.lo, b.hi
        else:
            lo_a, hi_a = _instant_lo(a), _instant_hi(a)
            lo_b, hi_b = _instant_lo(b), _instant_hi(b)
        starts_in = lo_a is None or (lo_b is not None and lo_a <= lo_b)
        ends_in = hi_a is None or (hi_b is not None and hi_b <= hi_a)
        return starts_in and ends_in

    def __lt__(self, other: object) -> bool:
        raise TypeError(
            "Dates form a partial order and do not support '<'; use definitely_before(), "
            "possibly_before(), overlaps() or contains(), or sort by Date.sort_key"
        )

    __le__ = __gt__ = __ge__ = __lt__


def _parsed_of(other: object) -> _Parsed:
    if not isinstance(other, Date):
        raise TypeError(f"expected a Date (got {type(other).__name__})")
    return other._parsed


def _instant(bound: int, floating: bool, widen: int) -> int:
    """A bound on the UTC timeline: floating calendar bounds widened to every offset."""
    return bound + widen if floating else bound


def _instant_lo(p: _Parsed) -> int | None:
    return None if p.lo is None else _instant(p.lo, p.floating, -_EAST)


def _instant_hi(p: _Parsed) -> int | None:
    return None if p.hi is None else _instant(p.hi, p.floating, _WEST)


@functools.lru_cache(maxsize=65536)
def _cached_date(value: str, basis: Basis, text: str | None, rule: str | None) -> Date:
    # Dates are immutable, so equal ones can be shared: loading a million
    # claims said on a few thousand distinct days builds a few thousand Dates.
    return Date(value=value, basis=basis, text=text, rule=rule)
