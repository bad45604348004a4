"""``find_dates``: every date expression in running text."""

from __future__ import annotations

import attrs

from claimtrack._claim import Span
from claimtrack._date import Date
from claimtrack.dates._resolve import Reference, make_date, reference_day
from claimtrack.dates._scan import Scanner
from claimtrack.exceptions import DateError

__all__ = ["DateMention", "find_dates"]


@attrs.frozen(kw_only=True)
class DateMention:
    """One date expression found in a text: where, what it says, and when it is."""

    #: Where the expression is, in code points (``text[span.start:span.end]``).
    span: Span
    #: The surface text of the expression ("last Tuesday").
    text: str
    #: The resolved date, with its basis, surface text and rule.
    date: Date


def find_dates(text: str, reference: Reference, *, day_first: bool = False) -> list[DateMention]:
    """Find and resolve every date expression in *text*.

    *reference* is the time the text was published (an aware datetime, a
    :class:`~claimtrack.Date` with a time and offset, or a day); relative
    expressions resolve on its local calendar. Spans leave out a leading "on",
    "in", "at", "by" or "during", and keep "since", "until", "between" and the
    like, which change the meaning. The tense of each clause decides which
    Tuesday "Tuesday" is: the most recent one after a past-tense verb, the next
    one after "will", "is due" or "takes effect", and the most recent one
    marked uncertain (``?``) when nothing says. Numbers that count things ("2,000
    officers", "the 17 suspects", "Section 230") are not dates.

    Raises:
        DateError: *text* is not a string, or *reference* is not a day or time.
    """
    if not isinstance(text, str):
        raise DateError(
            f"'text' must be a string (got {type(text).__name__})", field="text", value=None
        )
    day = reference_day(reference)
    mentions = []
    for found in Scanner(text, day, strict=True, day_first=day_first).scan():
        surface = text[found.start : found.end]
        try:
            date = make_date(found.resolved, surface)
        except DateError:
            continue  # a year Date cannot hold (0 or past 9999), from an extreme reference
        mentions.append(DateMention(span=Span(found.start, found.end), text=surface, date=date))
    return mentions
