"""Resolving date expressions in news text against the publication time.

:func:`resolve` turns one expression ("on Wednesday", "last week", "mid-2019")
into a :class:`~claimtrack.Date`; :func:`find_dates` finds every expression in
running text, with its span. Both resolve on the reference's local calendar
and record, on every Date, whether it was stated or resolved, the surface text
and the rule used. See ``docs/dates.md`` for the rules.
"""

from __future__ import annotations

from claimtrack.dates._find import DateMention, find_dates
from claimtrack.dates._resolve import resolve

__all__ = ["DateMention", "find_dates", "resolve"]
