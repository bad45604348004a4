"""``resolve``: one date expression against a reference time."""

from __future__ import annotations

import datetime as dt
import re

from claimtrack._date import Basis, Date, Precision
from claimtrack.dates._rules import FUTURE, PAST, Resolved
from claimtrack.dates._scan import Scanner
from claimtrack.exceptions import DateError

__all__ = ["resolve"]

#: Longer than any date expression news writes; longer input is not one.
_MAX_EXPRESSION = 200

# A leading preposition is not part of the expression ("on Tuesday" is "Tuesday"),
# except in "in two weeks", where "in" carries the meaning.
_LEADING = re.compile(
    r"(?i:(?:on|at|by|during|in|for)\s+(?![0-9]{1,3}\s+|(?:a|an|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|a\s+few|several|a\s+couple\s+of)\s+(?:days?|weeks?|months?"
    r"|years?|decades?)\b))"
)
_TENSES = {"past": PAST, "future": FUTURE}

Reference = dt.datetime | dt.date | Date | str


def reference_day(reference: object, field: str = "reference") -> dt.date:
    """The local calendar day of a reference time.

    An aware datetime gives its own local date (00:30 at +08:00 is that day in
    Beijing, whatever the UTC date); a naive datetime is taken as local time; a
    :class:`~claimtrack.Date` must be a day or a timestamp; an ISO 8601 string is
    read as either.

    Raises:
        DateError: the reference is not a day or a time.
    """
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    if isinstance(reference, str):
        stamp = reference.strip()
        try:
            reference = Date.parse(stamp)
        except DateError:
            try:
                return dt.datetime.fromisoformat(stamp).date()
            except ValueError:
                raise DateError(
                    f"'{field}' must be an ISO 8601 day or time (got {reference!r})",
                    field=field,
                    value=reference,
                ) from None
    if isinstance(reference, Date):
        if reference.is_interval or reference.precision not in (Precision.DAY, Precision.SECOND):
            raise DateError(
                f"'{field}' must be a day or a time, not {reference.value!r}",
                field=field,
                value=reference,
            )
        # the value's own local calendar: the first ten characters of its EDTF string
        return dt.date.fromisoformat(reference.value[:10])
    raise DateError(
        f"'{field}' must be a datetime, a date or a Date (got {type(reference).__name__})",
        field=field,
        value=reference,
    )


def make_date(resolved: Resolved, surface: str) -> Date:
    """The Date of a resolved expression, with its basis, surface text and rule."""
    basis = Basis.RESOLVED if resolved.relative else Basis.STATED
    return Date.parse(resolved.value, basis=basis, text=surface, rule=resolved.rule)


def resolve(
    expression: str,
    reference: Reference,
    *,
    tense: str | None = None,
    day_first: bool = False,
) -> Date:
    """Resolve one date expression against a reference time.

    *expression* is one expression as news writes it ("on Wednesday", "August
    21", "last week", "mid-2019", "between 2017 and 2021"); a leading "on", "in",
    "at", "by" or "during" is ignored. *reference* is normally the source's
    publication time, with its UTC offset: the expression is resolved on that
    offset's local calendar. *tense* ("past" or "future") says which way a bare
    weekday, month or season points; without it a bare weekday is the most
    recent one, marked uncertain (``?``). *day_first* reads ``3/4/2019`` as
    3 April instead of March 4.

    The Date has ``basis`` "resolved" when the reference was used and "stated"
    when the expression named the date in full, its surface ``text`` and the
    ``rule`` that resolved it.

    Raises:
        DateError: *expression* is not a date expression, or *reference* or
            *tense* is not valid.
    """
    if not isinstance(expression, str):
        raise DateError(
            f"'expression' must be a string (got {type(expression).__name__})",
            field="expression",
            value=expression,
        )
    if tense is not None and tense not in _TENSES:
        raise DateError(
            f"'tense' must be 'past', 'future' or None (got {tense!r})", field="tense", value=tense
        )
    day = reference_day(reference)
    text = expression.strip().rstrip(",;:!?").strip()
    if len(text) > _MAX_EXPRESSION:
        raise DateError(
            f"not a date expression: {len(expression)} characters is too long for one",
            field="expression",
            value=expression[:80],
        )
    lead = _LEADING.match(text)
    if lead is not None:
        text = text[lead.end() :]
    if text.endswith(".") and not re.search(r"(?i:\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov"
                                             r"|dec|c|ca)\.)\Z", text):  # fmt: skip
        text = text[:-1]
    found = Scanner(text, day, strict=False, tense=_TENSES.get(tense or ""), day_first=day_first)
    results = found.scan() if text else []
    if len(results) != 1 or results[0].start != 0 or results[0].end != len(text):
        raise DateError(
            f"not a date expression: {expression!r}", field="expression", value=expression
        )
    return make_date(results[0].resolved, text)
