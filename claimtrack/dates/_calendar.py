"""Calendar arithmetic on EDTF strings: weeks, months, shifts and modifiers.

The resolver builds every value as an EDTF string and only turns it into a
:class:`~claimtrack.Date` at the end, so these helpers work on plain strings
and :class:`datetime.date` values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECADE = re.compile(r"[0-9]{3}X")
_CENTURY = re.compile(r"[0-9]{2}XX")
_DIVISION = re.compile(r"([0-9]{4})-(2[1-9]|3[0-9]|4[01])")

#: EDTF sub-year code -> (first month, number of months); winter starts in December.
DIVISIONS = {21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3), 33: (1, 3), 34: (4, 3),
             35: (7, 3), 36: (10, 3), 40: (1, 6), 41: (7, 6)}  # fmt: skip


def iso_day(day: dt.date) -> str:
    """``YYYY-MM-DD``."""
    return day.isoformat()


def iso_month(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by whole months, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """*day* moved by whole years (29 February becomes 28 February)."""
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def week_of(day: dt.date) -> str:
    """The ISO week (Monday to Sunday) containing *day*, as an interval."""
    monday = day - dt.timedelta(days=day.weekday())
    return f"{iso_day(monday)}/{iso_day(monday + dt.timedelta(days=6))}"


def interval(start: str, end: str) -> str:
    """``start/end``, or the single value when both ends are the same."""
    return start if start == end else f"{start}/{end}"


def strip_qualifier(value: str) -> str:
    """The value without a trailing ``?``, ``~`` or ``%``."""
    return value.rstrip("?~%")


def first(value: str) -> str:
    """The start of an interval (the value itself for a point), unqualified."""
    return strip_qualifier(value.split("/")[0])


def last(value: str) -> str:
    """The end of an interval (the value itself for a point), unqualified."""
    return strip_qualifier(value.split("/")[-1])


def bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a point value (no interval, no ``..``) covers."""
    value = strip_qualifier(value)
    if _DAY.fullmatch(value):
        day = dt.date.fromisoformat(value)
        return day, day
    if _MONTH.fullmatch(value):
        year, month = int(value[:4]), int(value[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if _YEAR.fullmatch(value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if _DECADE.fullmatch(value):
        base = int(value[:3]) * 10
        return dt.date(max(base, 1), 1, 1), dt.date(base + 9, 12, 31)
    if _CENTURY.fullmatch(value):
        base = int(value[:2]) * 100
        return dt.date(max(base, 1), 1, 1), dt.date(base + 99, 12, 31)
    match = _DIVISION.fullmatch(value)
    if match and int(match[2]) in DIVISIONS:
        year = int(match[1])
        first_month, months = DIVISIONS[int(match[2])]
        lo = add_months(dt.date(year, 1, 1), first_month - 1)
        return lo, add_months(lo, months) - dt.timedelta(days=1)
    raise ValueError(f"no bounds for {value!r}")


def shift(value: str, steps: int) -> str:
    """The unit *steps* away from a point at its own precision (year, month or day);
    other precisions move by days from the matching end.
    """
    value = strip_qualifier(value)
    if _YEAR.fullmatch(value):
        return f"{int(value) + steps:04d}"
    if _MONTH.fullmatch(value):
        day = add_months(dt.date(int(value[:4]), int(value[5:]), 1), steps)
        return iso_month(day.year, day.month)
    if _DAY.fullmatch(value):
        return iso_day(dt.date.fromisoformat(value) + dt.timedelta(days=steps))
    lo, hi = bounds(value)
    return iso_day((lo if steps < 0 else hi) + dt.timedelta(days=steps))


_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_DECADE_THIRDS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_CENTURY_THIRDS = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}
_WEEK_THIRDS = {"early": (0, 1), "mid": (2, 3), "late": (4, 6)}


def modify(kind: str, value: str) -> str | None:
    """early/mid/late part of a year, month, decade, century or week; None when the
    value has no such part (a day stays itself: "late Tuesday" is that Tuesday).
    """
    if _DAY.fullmatch(strip_qualifier(value)):
        return value
    if value.endswith(("?", "~", "%")):
        return None
    if _YEAR.fullmatch(value):
        a, b = _THIRDS[kind]
        return f"{value}-{a:02d}/{value}-{b:02d}"
    if _MONTH.fullmatch(value):
        a, b = _MONTH_THIRDS[kind]
        b = min(b, calendar.monthrange(int(value[:4]), int(value[5:]))[1])
        return f"{value}-{a:02d}/{value}-{b:02d}"
    if _DECADE.fullmatch(value):
        base = int(value[:3]) * 10
        a, b = _DECADE_THIRDS[kind]
        return f"{base + a:04d}/{base + b:04d}"
    if _CENTURY.fullmatch(value):
        base = int(value[:2]) * 100
        a, b = _CENTURY_THIRDS[kind]
        return f"{max(base + a, 1):04d}/{base + b:04d}"
    parts = value.split("/")
    if len(parts) == 2 and all(_DAY.fullmatch(p) for p in parts):
        lo, hi = (dt.date.fromisoformat(p) for p in parts)
        if (hi - lo).days == 6 and lo.weekday() == 0:  # an ISO week
            a, b = _WEEK_THIRDS[kind]
            return interval(iso_day(lo + dt.timedelta(days=a)), iso_day(lo + dt.timedelta(days=b)))
    return None


def nearest_year(reference: dt.date, month: int, day: int) -> dt.date | None:
    """The month-day in the year that puts it nearest *reference*; a tie goes to the past."""
    best: tuple[tuple[int, bool], dt.date] | None = None
    # four years either side, so that 29 February always has a candidate
    for year in range(reference.year - 4, reference.year + 5):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        key = (abs((candidate - reference).days), candidate > reference)
        if best is None or key < best[0]:
            best = (key, candidate)
    return None if best is None else best[1]


def month_for(reference: dt.date, month: int, mode: str) -> str:
    """A month name without a year: ``past`` (most recent, this month included),
    ``future`` (next, this month included), ``last``/``next`` (strictly before or
    after this month), ``this`` (this year's) or ``near`` (the nearest).
    """
    year = reference.year
    this = (year, month)
    current = (year, reference.month)
    if mode == "past":
        year = year if this <= current else year - 1
    elif mode == "future":
        year = year if this >= current else year + 1
    elif mode == "last":
        year = year if this < current else year - 1
    elif mode == "next":
        year = year if this > current else year + 1
    elif mode == "near":
        distance = (month - reference.month) % 12
        # forward by up to 5 months, back by up to 6 (a tie of 6 goes to the past)
        if distance == 0:
            pass
        elif distance <= 5:
            year = year if month > reference.month else year + 1
        else:
            year = year if month < reference.month else year - 1
    return iso_month(year, month)


def season_for(reference: dt.date, code: int, mode: str) -> str:
    """A season, quarter or half without a year: ``this`` (in progress, else this
    year's), ``last`` (most recent finished), ``next`` (first not begun),
    ``past`` (most recent begun) or ``future`` (first not finished).
    """
    candidates = [(year, bounds(f"{year:04d}-{code}")) for year in
                  range(reference.year - 2, reference.year + 3)]  # fmt: skip
    if mode == "this":
        current = [y for y, (lo, hi) in candidates if lo <= reference <= hi]
        year = current[0] if current else reference.year
    elif mode == "last":
        year = max(y for y, (lo, hi) in candidates if hi < reference)
    elif mode == "next":
        year = min(y for y, (lo, hi) in candidates if lo > reference)
    elif mode == "past":
        year = max(y for y, (lo, hi) in candidates if lo <= reference)
    else:
        year = min(y for y, (lo, hi) in candidates if hi >= reference)
    return f"{year:04d}-{code}"


def quarter_of(reference: dt.date, steps: int) -> str:
    """The quarter *steps* quarters from the one containing *reference*."""
    index = (reference.month - 1) // 3 + steps
    return f"{reference.year + index // 4:04d}-{33 + index % 4}"


def weekend_of(reference: dt.date, weeks: int) -> str:
    """Saturday and Sunday of the ISO week *weeks* weeks from the reference's."""
    monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=weeks)
    return f"{iso_day(monday + dt.timedelta(days=5))}/{iso_day(monday + dt.timedelta(days=6))}"


def weekend_past(reference: dt.date) -> str:
    """The most recent weekend that has begun by the reference day."""
    saturday = reference - dt.timedelta(days=(reference.weekday() - 5) % 7)
    return f"{iso_day(saturday)}/{iso_day(saturday + dt.timedelta(days=1))}"
