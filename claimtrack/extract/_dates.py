"""The said-date step: when was an attributed content asserted?

One function, :func:`said_date`, looks for a date expression in the frame of an
attribution (the text around the cue that is not the content) and resolves it
against the publication time. It uses :mod:`claimtrack.dates` when that package
is installed; until then a small built-in reader handles weekdays, "yesterday",
month + year and month + day. With no date in the frame, the said-date is the
publication's local day (or its stated precision), with basis ``inferred``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from claimtrack._date import Basis, Date

__all__ = ["inferred", "said_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"\b(?P<last>last\s+)?(?P<wd>{_WEEKDAY})\b"
    rf"|\b(?P<yday>yesterday)\b"
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|\b(?:in|since|during|by)\s+(?:early\s+|late\s+|mid-)?(?P<m3>{_MONTH})"
    rf"(?:\s+(?P<y3>(?:19|20)\d\d))?(?P<ly>\s+last\s+year)?\b"
    rf"|\bin\s+(?P<y4>(?:19|20)\d\d)\b"
)


def _local_day(published: Date) -> _dt.date | None:
    value = published.value
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if match is None or published.is_interval:
        return None
    return _dt.date(int(match[1]), int(match[2]), int(match[3]))


def inferred(published: Date | None) -> Date | None:
    """The said-date when the text states none: the publication's local day,
    or the publication date at its own precision when it is coarser.
    """
    if published is None:
        return None
    value = published.value
    match = re.match(r"\d{4}(?:-\d\d(?:-\d\d)?)?", value)
    if match is None or published.is_interval:
        return None
    return Date.parse(match.group(), basis=Basis.INFERRED, rule="said.publication_day")


def _builtin(frame: str, day: _dt.date) -> Date | None:
    match = _DATE.search(frame)
    if match is None:
        return None
    text = match.group().strip()
    if match["wd"]:
        target = _WEEKDAYS.index(match["wd"].lower())
        back = (day.weekday() - target) % 7
        if match["last"]:
            back = back or 7
        value = (day - _dt.timedelta(days=back)).isoformat()
        return Date.parse(value, basis=Basis.RESOLVED, text=text, rule="weekday.most_recent")
    if match["yday"]:
        value = (day - _dt.timedelta(days=1)).isoformat()
        return Date.parse(value, basis=Basis.RESOLVED, text=text, rule="yesterday")
    month_name = match["m1"] or match["m2"] or match["m3"]
    if month_name:
        month = _MONTHS.index(month_name.lower()) + 1
        year_text = match["y1"] or match["y2"] or match["y3"]
        dd = match["d1"] or match["d2"]
        if year_text:
            year, basis = int(year_text), Basis.STATED
        elif match["ly"]:
            year, basis = day.year - 1, Basis.RESOLVED
        elif dd:
            # The year that puts the day nearest the reference.
            year, basis = day.year, Basis.RESOLVED
            try:
                candidates = [
                    _dt.date(y, month, int(dd)) for y in (day.year - 1, day.year, day.year + 1)
                ]
            except ValueError:
                return None
            year = min(candidates, key=lambda d: abs((d - day).days)).year
        else:
            year, basis = (day.year if month <= day.month else day.year - 1), Basis.RESOLVED
        if dd:
            try:
                value = _dt.date(year, month, int(dd)).isoformat()
            except ValueError:
                return None
        else:
            value = f"{year:04d}-{month:02d}"
        return Date.parse(value, basis=basis, text=text, rule="builtin")
    if match["y4"]:
        return Date.parse(match["y4"], basis=Basis.STATED, text=text, rule="builtin")
    return None


def _engine() -> Callable[[str, Date], Date | None] | None:
    try:
        from claimtrack import dates
    except ImportError:
        return None
    find_dates = getattr(dates, "find_dates", None)
    if find_dates is None:
        return None

    def run(frame: str, published: Date) -> Date | None:
        try:
            mentions = find_dates(frame, published)
        except Exception:  # a young resolver must not break extraction
            return None
        return mentions[0].date if mentions else None

    return run


_ENGINE = _engine()


def said_date(frame: str, published: Date | None) -> Date | None:
    """The date an attribution's *frame* states, resolved against *published*;
    the inferred publication day when the frame states none.
    """
    if published is None:
        return None
    if frame:
        found = _ENGINE(frame, published) if _ENGINE is not None else None
        if found is None:
            day = _local_day(published)
            found = _builtin(frame, day) if day is not None else None
        if found is not None:
            return found
    return inferred(published)
