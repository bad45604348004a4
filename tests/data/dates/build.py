#!/usr/bin/env python3
"""Build ``corpus.json`` for the date-expression resolver from hand annotation.

Standard library only.  Usage::

    python3 tests/data/dates/build.py           # validate and (re)write corpus.json
    python3 tests/data/dates/build.py --check   # validate; fail if corpus.json is stale

Source format (``source/*.txt``, read in name order)
----------------------------------------------------

Lines starting with ``#`` are comments.  A paragraph starts with ``=== <id>``,
followed by ``ref: <ISO 8601 time>`` and then the text, which may run over
several lines (joined with single spaces).  Inside the text:

``[[surface|category|value|rule]]``
    a date expression.  ``rule`` is a small formula (see ``evaluate``) from which
    this script recomputes the value against the reference; the computed value
    must equal the hand-written ``value``.  The rule is required for every
    category whose value depends on the reference or on arithmetic.
``{{surface|category}}``
    a distractor (something that looks like a date but is not one).

The script computes offsets (Unicode code points, start inclusive, end
exclusive, as Python indexes ``str``) and fails loudly on any inconsistency.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
OUT = HERE / "corpus.json"

DATE_CATEGORIES = {
    "abs": "absolute",
    "my": "month_year",
    "yr": "year",
    "md": "month_day",
    "wd": "weekday",
    "rd": "relative_day",
    "ru": "relative_unit",
    "sqh": "season_quarter_half",
    "dc": "decade_century",
    "mod": "modified",
    "rng": "range",
    "num": "numeric",
}
DISTRACTOR_CATEGORIES = {
    "qty": "quantity",
    "cnt": "count",
    "id": "identifier",
    "score": "score",
    "word": "word",
    "money": "money_percent",
}
# Categories whose value cannot be checked from the surface alone: a rule is required.
RULE_REQUIRED = {
    "month_day", "weekday", "relative_day", "relative_unit",
    "modified", "range", "season_quarter_half",
}
MIN_PARAGRAPHS = 70
MIN_DATES = 330
MIN_DISTRACTORS = 120
MIN_PER_DATE_CATEGORY = 12
MIN_PER_DISTRACTOR_CATEGORY = 15
MIN_MIDNIGHT_STORIES = 3  # local calendar date differs from the UTC date
# "in 10 days" / "in two weeks": here "in" is part of the expression
_IN_N_UNITS = re.compile(
    r"^in (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r" (?:day|week|month|year)s?\b"
)
FORBIDDEN_LEADING = ("on ", "in ", "at ", "by ", "during ", "On ", "In ", "At ", "By ", "During ")


class CorpusError(Exception):
    pass


def fail(where: str, msg: str) -> None:
    raise CorpusError(f"{where}: {msg}")


# ---------------------------------------------------------------------------
# EDTF (levels 0-1 plus seasons/quarters/halves) checker
# ---------------------------------------------------------------------------

_DATE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[?~%])?$"
)
_MASKED_RE = re.compile(r"^(?P<digits>\d{2}XX|\d{3}X)(?P<q>[?~%])?$")


def _check_single(s: str) -> tuple[dt.date, dt.date]:
    """Validate one EDTF date (no interval); return its (earliest, latest) days."""
    m = _MASKED_RE.match(s)
    if m:
        digits = m["digits"]
        lo = int(digits.replace("X", "0"))
        hi = int(digits.replace("X", "9"))
        return dt.date(lo, 1, 1), dt.date(hi, 12, 31)
    m = _DATE_RE.match(s)
    if not m:
        raise ValueError(f"not an EDTF date: {s!r}")
    year = int(m["year"])
    if m["month"] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m["month"])
    if m["day"] is None:
        if 1 <= month <= 12:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if 21 <= month <= 24:  # seasons, meteorological, northern hemisphere
            start_month = {21: 3, 22: 6, 23: 9, 24: 12}[month]
            lo = dt.date(year, start_month, 1)
            end = _add_months(lo, 3) - dt.timedelta(days=1)
            return lo, end
        if 33 <= month <= 36:  # quarters
            lo = dt.date(year, 3 * (month - 33) + 1, 1)
            return lo, _add_months(lo, 3) - dt.timedelta(days=1)
        if month in (40, 41):  # halves
            lo = dt.date(year, 1 if month == 40 else 7, 1)
            return lo, _add_months(lo, 6) - dt.timedelta(days=1)
        raise ValueError(f"bad month/season code in {s!r}")
    if not 1 <= month <= 12:
        raise ValueError(f"bad month in {s!r}")
    day = dt.date(year, month, int(m["day"]))  # raises on a bad day
    return day, day


def check_edtf(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Raise ValueError unless ``value`` is valid; return (earliest, latest) bounds."""
    if "/" in value:
        a, b = value.split("/")
        if a == ".." and b == "..":
            raise ValueError("interval open at both ends")
        lo = None if a == ".." else _check_single(a)[0]
        hi = None if b == ".." else _check_single(b)[1]
        if a != ".." and b != "..":
            if _check_single(a)[0] > _check_single(b)[1]:
                raise ValueError(f"interval ends before it starts: {value!r}")
            if a == b:
                raise ValueError(f"degenerate interval: {value!r}")
        return lo, hi
    return _check_single(value)


# ---------------------------------------------------------------------------
# Rule evaluation
# ---------------------------------------------------------------------------

DOW = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
DOW_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASON = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _add_years(d: dt.date, n: int) -> dt.date:
    y = d.year + n
    return dt.date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def week_interval(d: dt.date) -> str:
    monday = d - dt.timedelta(days=d.weekday())
    return f"{iso_day(monday)}/{iso_day(monday + dt.timedelta(days=6))}"


def season_bounds(year: int, code: int) -> tuple[dt.date, dt.date]:
    return _check_single(f"{year:04d}-{code}")


def _split_args(s: str) -> list[str]:
    depth, cur, out = 0, [], []
    for ch in s:
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur.append(ch)
    out.append("".join(cur))
    return [a.strip() for a in out]


def _strip_q(v: str) -> str:
    return v.rstrip("?~%")


def _modifier(kind: str, v: str) -> str:
    """early/mid/late of a year, a month or a decade."""
    if "/" in v or v[-1:] in "?~%":
        raise ValueError(f"cannot apply {kind} to {v!r}")
    if re.fullmatch(r"\d{3}X", v):
        base = int(v[:3]) * 10
        a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[kind]
        return f"{base + a}/{base + b}"
    if re.fullmatch(r"\d{4}", v):
        a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[kind]
        return f"{v}-{a:02d}/{v}-{b:02d}"
    if re.fullmatch(r"\d{4}-\d{2}", v) and int(v[5:]) <= 12:
        y, m = int(v[:4]), int(v[5:])
        last = calendar.monthrange(y, m)[1]
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[kind]
        return f"{v}-{a:02d}/{v}-{b:02d}"
    raise ValueError(f"cannot apply {kind} to {v!r}")


def _shift(v: str, n: int) -> str:
    """The unit n steps from v at v's own precision (year, month or day)."""
    v = _strip_q(v)
    if re.fullmatch(r"\d{4}", v):
        return f"{int(v) + n:04d}"
    if re.fullmatch(r"\d{4}-\d{2}", v) and int(v[5:]) <= 12:
        return iso_month(_add_months(dt.date(int(v[:4]), int(v[5:]), 1), n))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return iso_day(dt.date.fromisoformat(v) + dt.timedelta(days=n))
    raise ValueError(f"cannot shift {v!r}")


def evaluate(rule: str, ref: dt.date) -> str:
    """Compute the EDTF value a rule gives against the reference's local day.

    Leaves (``name:arg:arg``)::

      lit:V            the literal EDTF value V (an absolute part of a compound)
      today yesterday tomorrow prevday
      past:DOW         most recent DOW, the reference day included (past tense)
      fut:DOW          next DOW, the reference day included (future cue)
      guess:DOW        like past:DOW, qualified with ?  (no tense cue)
      last:DOW         most recent DOW strictly before the reference day
      next:DOW         first DOW strictly after the reference day
      this:DOW         DOW of the reference's ISO week
      md:MM-DD         month-day, in the year that puts it nearest the reference
      mon:past|fut|last|next|near:MM   month name without a year
      week:N month:N year:N quarter:N       this (0) / last (-1) / next (+1) unit
      weekend:N        Saturday/Sunday of the ISO week N weeks from the reference's
      weekend:past     the most recent weekend that has begun by the reference day
      daysago:N weeksago:N monthsago:N yearsago:N
      indays:N inweeks:N inmonths:N inyears:N
      pastdays:N pastweeks:N pastmonths:N pastyears:N   interval ending today
      nextdays:N nextweeks:N nextmonths:N               interval starting today
      earlier:week|month|year   later:week|month|year
      season:this|last|next:NAME
      qtr:N[:past]  half:N[:past]   quarter/half without a year

    Compounds: quarterof(N,X) halfof(N,X) seasonof(NAME,X) early(X) mid(X) late(X) about(X) before(X) after(X) since(X)
    until(X) between(X,Y)
    """
    rule = rule.strip()
    m = re.fullmatch(r"(\w+)\((.*)\)", rule)
    if m and m[1] in ("quarterof", "halfof", "seasonof"):
        # quarterof(N,X) halfof(N,X) seasonof(NAME,X): the part of year X
        raw, x = _split_args(m[2])
        year = evaluate(x, ref)
        if not re.fullmatch(r"\d{4}", year):
            raise ValueError(f"{m[1]} needs a year, got {year!r}")
        code = {"quarterof": 32, "halfof": 39}.get(m[1], 0) + (SEASON[raw] if m[1] == "seasonof" else int(raw))
        return f"{year}-{code}"
    if m:
        name, args = m[1], [evaluate(a, ref) for a in _split_args(m[2])]
        if name in ("early", "mid", "late"):
            (x,) = args
            return _modifier(name, x)
        if name == "about":
            (x,) = args
            return x + "~"
        if name == "before":
            (x,) = args
            return "../" + _shift(x.split("/")[0], -1)
        if name == "after":
            (x,) = args
            return _shift(x.split("/")[-1], +1) + "/.."
        if name == "since":
            (x,) = args
            return f"{x.split('/')[0]}/{iso_day(ref)}"
        if name == "until":
            (x,) = args
            return "../" + x.split("/")[-1]
        if name == "between":
            x, y = args
            return f"{x.split('/')[0]}/{y.split('/')[-1]}"
        raise ValueError(f"unknown compound {name!r}")

    parts = rule.split(":")
    name, args = parts[0], parts[1:]
    if name == "lit":
        v = ":".join(args)
        check_edtf(v)
        return v
    if name in ("today", "tonight"):
        return iso_day(ref)
    if name in ("yesterday", "prevday", "lastnight"):
        return iso_day(ref - dt.timedelta(days=1))
    if name == "tomorrow":
        return iso_day(ref + dt.timedelta(days=1))
    if name in ("past", "guess", "last", "fut", "next", "this"):
        target = DOW[args[0]]
        delta_back = (ref.weekday() - target) % 7
        delta_fwd = (target - ref.weekday()) % 7
        if name in ("past", "guess"):
            d = ref - dt.timedelta(days=delta_back)
        elif name == "last":
            d = ref - dt.timedelta(days=delta_back or 7)
        elif name == "fut":
            d = ref + dt.timedelta(days=delta_fwd)
        elif name == "next":
            d = ref + dt.timedelta(days=delta_fwd or 7)
        else:
            d = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=target)
        return iso_day(d) + ("?" if name == "guess" else "")
    if name == "md":
        mm, dd = (int(x) for x in args[0].split("-"))
        best = None
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                d = dt.date(y, mm, dd)
            except ValueError:
                continue
            key = (abs((d - ref).days), d > ref)  # a tie goes to the past
            if best is None or key < best[0]:
                best = (key, d)
        assert best is not None
        return iso_day(best[1])
    if name == "mon":
        mode, mm = args[0], int(args[1])
        this = dt.date(ref.year, mm, 1)
        cur = dt.date(ref.year, ref.month, 1)
        if mode == "past":
            d = this if this <= cur else dt.date(ref.year - 1, mm, 1)
        elif mode == "fut":
            d = this if this >= cur else dt.date(ref.year + 1, mm, 1)
        elif mode == "last":  # "last November": strictly before the current month
            d = this if this < cur else dt.date(ref.year - 1, mm, 1)
        elif mode == "next":  # "next March": strictly after the current month
            d = this if this > cur else dt.date(ref.year + 1, mm, 1)
        elif mode == "near":
            cands = [dt.date(ref.year + k, mm, 1) for k in (-1, 0, 1)]
            d = min(cands, key=lambda c: (abs((c.year - cur.year) * 12 + c.month - cur.month), c > cur))
        else:
            raise ValueError(mode)
        return iso_month(d)
    if name in ("week", "month", "year", "quarter", "weekend"):
        if name == "weekend" and args[0] == "past":
            # most recent Saturday that is on or before the reference day
            sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            return f"{iso_day(sat)}/{iso_day(sat + dt.timedelta(days=1))}"
        n = int(args[0])
        if name == "week":
            return week_interval(ref + dt.timedelta(weeks=n))
        if name == "weekend":
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=n)
            return f"{iso_day(monday + dt.timedelta(days=5))}/{iso_day(monday + dt.timedelta(days=6))}"
        if name == "month":
            return iso_month(_add_months(ref, n))
        if name == "year":
            return f"{ref.year + n:04d}"
        q = (ref.month - 1) // 3 + n
        y = ref.year + q // 4
        return f"{y:04d}-{33 + q % 4}"
    if name in ("daysago", "indays"):
        n = int(args[0]) * (-1 if name == "daysago" else 1)
        return iso_day(ref + dt.timedelta(days=n))
    if name in ("weeksago", "inweeks"):
        n = int(args[0]) * (-1 if name == "weeksago" else 1)
        return week_interval(ref + dt.timedelta(weeks=n))
    if name in ("monthsago", "inmonths"):
        n = int(args[0]) * (-1 if name == "monthsago" else 1)
        return iso_month(_add_months(ref, n))
    if name in ("yearsago", "inyears"):
        n = int(args[0]) * (-1 if name == "yearsago" else 1)
        return f"{ref.year + n:04d}"
    if name in ("pastdays", "pastweeks", "pastmonths", "pastyears"):
        n = int(args[0])
        start = {
            "pastdays": lambda: ref - dt.timedelta(days=n),
            "pastweeks": lambda: ref - dt.timedelta(weeks=n),
            "pastmonths": lambda: _add_months(ref, -n),
            "pastyears": lambda: _add_years(ref, -n),
        }[name]()
        return f"{iso_day(start)}/{iso_day(ref)}"
    if name in ("nextdays", "nextweeks", "nextmonths"):
        n = int(args[0])
        end = {
            "nextdays": lambda: ref + dt.timedelta(days=n),
            "nextweeks": lambda: ref + dt.timedelta(weeks=n),
            "nextmonths": lambda: _add_months(ref, n),
        }[name]()
        return f"{iso_day(ref)}/{iso_day(end)}"
    if name in ("earlier", "later"):
        unit = args[0]
        if unit == "week":
            first = ref - dt.timedelta(days=ref.weekday())
            last = first + dt.timedelta(days=6)
        elif unit == "month":
            first = ref.replace(day=1)
            last = ref.replace(day=calendar.monthrange(ref.year, ref.month)[1])
        elif unit == "year":
            first, last = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
        else:
            raise ValueError(unit)
        if name == "earlier":
            return f"{iso_day(first)}/{iso_day(ref)}"
        return f"{iso_day(ref)}/{iso_day(last)}"
    if name == "season":
        which, sname = args
        code = SEASON[sname]
        # the season in progress on the reference day, if it is this kind
        cands = [(y, season_bounds(y, code)) for y in range(ref.year - 2, ref.year + 2)]
        if which == "this":
            cur = [y for y, (lo, hi) in cands if lo <= ref <= hi]
            if cur:
                return f"{cur[0]:04d}-{code}"
            # not in progress: the one in the reference year
            return f"{ref.year:04d}-{code}"
        if which == "last":
            done = [y for y, (lo, hi) in cands if hi < ref]
            return f"{max(done):04d}-{code}"
        if which == "next":
            ahead = [y for y, (lo, hi) in cands if lo > ref]
            return f"{min(ahead):04d}-{code}"
        raise ValueError(which)
    if name in ("qtr", "half"):
        n = int(args[0])
        code = (32 if name == "qtr" else 39) + n
        year = ref.year
        if len(args) > 1 and args[1] == "past":
            lo, _ = _check_single(f"{year:04d}-{code}")
            if lo > ref:
                year -= 1
        return f"{year:04d}-{code}"
    raise ValueError(f"unknown rule {rule!r}")


# ---------------------------------------------------------------------------
# Surface checks for absolute expressions
# ---------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(DOW_NAMES) + r")\b", re.I)


def surface_value(surface: str, ref: dt.date) -> str | None:
    """Read an absolute date from its surface form, or None if not recognised."""
    s = surface
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", s)
    if m:
        a, b, y = int(m[1]), int(m[2]), m[3]
        month, day = (b, a) if a > 12 else (a, b)
        return f"{_year(y, ref):04d}-{month:02d}-{day:02d}"
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", s)
    if m:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    mm = _MONTH_RE.search(s)
    year = re.search(r"\b(1\d{3}|20\d{2}|21\d{2})\b", s)
    if mm:
        month = MONTHS[mm[1].lower()]
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", s[: mm.start()] + " | " + s[mm.end():])
        if day and year and day[1] == year[1]:
            day = None
        if year and day:
            return f"{year[1]}-{month:02d}-{int(day[1]):02d}"
        if year:
            return f"{year[1]}-{month:02d}"
        return None
    if year and re.fullmatch(r"(?:the )?(?:year )?\d{4}", s):
        return year[1]
    return None


def _year(y: str, ref: dt.date) -> int:
    if len(y) == 4:
        return int(y)
    # two-digit year: the century that puts it nearest the reference
    cands = [c * 100 + int(y) for c in (ref.year // 100 - 1, ref.year // 100, ref.year // 100 + 1)]
    return min(cands, key=lambda c: abs(c - ref.year))


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}


def surface_checks(where: str, surface: str, value: str, category: str, ref: dt.date) -> None:
    core = _strip_q(value)
    single_day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", core) is not None
    wds = _WEEKDAY_RE.findall(surface)
    if wds and single_day:
        actual = DOW_NAMES[dt.date.fromisoformat(core).weekday()]
        if wds[0].lower() != actual:
            fail(where, f"{surface!r} names {wds[0]} but {core} is a {actual.title()}")
    mm = _MONTH_RE.search(surface)
    if mm and "/" not in value and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", core):
        if int(core[5:7]) != MONTHS[mm[1].lower()]:
            fail(where, f"{surface!r} names {mm[1]} but value is {value}")
    for y in re.findall(r"\b(1\d{3}|20\d{2}|21\d{2})\b", surface):
        if y not in value and "X" not in value and ".." not in value:
            fail(where, f"{surface!r} names year {y} but value is {value}")
    if category in ("absolute", "month_year", "year", "numeric"):
        expected = surface_value(surface, ref)
        if expected is None:
            fail(where, f"cannot read absolute date from {surface!r}")
        if expected != value:
            fail(where, f"surface {surface!r} reads as {expected}, annotated {value}")
        prec = {"absolute": 10, "numeric": 10, "month_year": 7, "year": 4}[category]
        if len(value) != prec:
            fail(where, f"category {category} but value {value} has the wrong precision")
    if category == "decade_century":
        s = surface.lower()
        for word, n in ORDINAL_WORDS.items():
            s = re.sub(rf"\b{word}\b", f"{n}th", s)
        m = re.search(r"\b(\d{2})(\d)0s\b|'(\d)0s\b|\b(\d{1,2})(?:st|nd|rd|th)[ -]century\b", s)
        if not m:
            fail(where, f"cannot read decade/century from {surface!r}")
        if m[1]:
            exp = f"{m[1]}{m[2]}X"
        elif m[3]:
            exp = f"19{m[3]}X" if int(m[3]) >= 3 else f"20{m[3]}X"
        else:
            exp = f"{int(m[4]) - 1:02d}XX"
        if _strip_q(value) != exp:
            fail(where, f"{surface!r} reads as {exp}, annotated {value}")


# ---------------------------------------------------------------------------
# Source parsing
# ---------------------------------------------------------------------------

_MARK_RE = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
_REF_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def parse_sources() -> list[dict]:
    paragraphs: list[dict] = []
    files = sorted(SOURCE_DIR.glob("*.txt"))
    if not files:
        fail(str(SOURCE_DIR), "no source files")
    for path in files:
        blocks: list[tuple[str, int, list[str]]] = []
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#"):
                continue
            if line.startswith("=== "):
                blocks.append((line[4:].strip(), lineno, []))
            elif line.strip():
                if not blocks:
                    fail(f"{path.name}:{lineno}", "text before the first '=== id' line")
                blocks[-1][2].append(line.strip())
        for pid, lineno, lines in blocks:
            where = f"{path.name}:{lineno} ({pid})"
            if not lines or not lines[0].startswith("ref: "):
                fail(where, "first line must be 'ref: <ISO time>'")
            paragraphs.append(build_paragraph(where, pid, lines[0][5:].strip(), " ".join(lines[1:])))
    return paragraphs


def build_paragraph(where: str, pid: str, ref_s: str, raw: str) -> dict:
    if not _REF_RE.match(ref_s):
        fail(where, f"reference {ref_s!r} must be ISO 8601 with seconds and a UTC offset")
    ref_local = dt.datetime.fromisoformat(ref_s)
    ref = ref_local.date()  # the publisher's local calendar date
    text_parts: list[str] = []
    dates: list[dict] = []
    distractors: list[dict] = []
    pos = 0
    out_len = 0
    for m in _MARK_RE.finditer(raw):
        before = raw[pos:m.start()]
        text_parts.append(before)
        out_len += len(before)
        body = m[1] if m[1] is not None else m[2]
        fields = body.split("|")
        surface = fields[0]
        start, end = out_len, out_len + len(surface)
        text_parts.append(surface)
        out_len = end
        pos = m.end()
        w = f"{where} [{surface}]"
        if not surface or surface != surface.strip():
            fail(w, "empty span or span with surrounding whitespace")
        if m[1] is not None:
            if len(fields) not in (3, 4):
                fail(w, "date needs surface|category|value[|rule]")
            cat = DATE_CATEGORIES.get(fields[1], fields[1])
            if cat not in DATE_CATEGORIES.values():
                fail(w, f"unknown date category {fields[1]!r}")
            value = fields[2]
            try:
                check_edtf(value)
            except ValueError as e:
                fail(w, f"invalid EDTF value: {e}")
            if surface.startswith(FORBIDDEN_LEADING) and not _IN_N_UNITS.match(surface):
                fail(w, "span must not start with a preposition on/in/at/by/during")
            rule = fields[3] if len(fields) == 4 else None
            if cat in RULE_REQUIRED and rule is None:
                fail(w, f"category {cat} needs a rule")
            if rule is not None:
                try:
                    computed = evaluate(rule, ref)
                except Exception as e:  # noqa: BLE001
                    fail(w, f"rule {rule!r} failed: {e!r}")
                if computed != value:
                    fail(w, f"rule {rule!r} gives {computed}, annotated {value}")
            surface_checks(w, surface, value, cat, ref)
            dates.append({"start": start, "end": end, "text": surface, "value": value, "category": cat})
        else:
            if len(fields) != 2:
                fail(w, "distractor needs surface|category")
            cat = DISTRACTOR_CATEGORIES.get(fields[1], fields[1])
            if cat not in DISTRACTOR_CATEGORIES.values():
                fail(w, f"unknown distractor category {fields[1]!r}")
            distractors.append({"start": start, "end": end, "text": surface, "category": cat})
    text_parts.append(raw[pos:])
    text = "".join(text_parts)
    for token in ("[[", "]]", "{{", "}}", "|"):
        if token in text:
            fail(where, f"stray markup {token!r} left in text: ...{text[max(0, text.index(token) - 30):text.index(token) + 30]}...")
    # offsets really point at the surfaces
    for span in dates + distractors:
        if text[span["start"]:span["end"]] != span["text"]:
            fail(where, f"offset mismatch for {span['text']!r}")
    spans = sorted(dates + distractors, key=lambda s: (s["start"], s["end"]))
    for a, b in zip(spans, spans[1:]):
        if b["start"] < a["end"]:
            fail(where, f"overlapping spans {a['text']!r} and {b['text']!r}")
    # spans must sit on word boundaries
    for s in spans:
        if s["start"] > 0 and text[s["start"] - 1].isalnum() and text[s["start"]].isalnum():
            fail(where, f"span {s['text']!r} starts inside a word")
        if s["end"] < len(text) and text[s["end"]].isalnum() and text[s["end"] - 1].isalnum():
            fail(where, f"span {s['text']!r} ends inside a word")
    sentences = len(re.findall(r"[.!?][\"'”’)]*(?:\s|$)", text))
    if not 2 <= sentences <= 8:
        fail(where, f"paragraph has about {sentences} sentences; want 2-6")
    return {
        "id": pid,
        "reference": ref_s,
        "text": text,
        "dates": dates,
        "distractors": distractors,
    }


def validate_corpus(paragraphs: list[dict]) -> tuple[Counter, Counter]:
    ids = [p["id"] for p in paragraphs]
    if len(set(ids)) != len(ids):
        dup = [i for i, n in Counter(ids).items() if n > 1]
        fail("corpus", f"duplicate paragraph ids {dup}")
    for i, pid in enumerate(ids, 1):
        if pid != f"p{i:03d}":
            fail("corpus", f"paragraph ids must run p001, p002, ...; found {pid} at position {i}")
    texts = [p["text"] for p in paragraphs]
    if len(set(texts)) != len(texts):
        fail("corpus", "duplicate paragraph text")
    dcount = Counter(d["category"] for p in paragraphs for d in p["dates"])
    xcount = Counter(d["category"] for p in paragraphs for d in p["distractors"])
    problems = []
    if len(paragraphs) < MIN_PARAGRAPHS:
        problems.append(f"{len(paragraphs)} paragraphs < {MIN_PARAGRAPHS}")
    if sum(dcount.values()) < MIN_DATES:
        problems.append(f"{sum(dcount.values())} dates < {MIN_DATES}")
    if sum(xcount.values()) < MIN_DISTRACTORS:
        problems.append(f"{sum(xcount.values())} distractors < {MIN_DISTRACTORS}")
    for cat in DATE_CATEGORIES.values():
        if dcount[cat] < MIN_PER_DATE_CATEGORY:
            problems.append(f"date category {cat}: {dcount[cat]} < {MIN_PER_DATE_CATEGORY}")
    for cat in DISTRACTOR_CATEGORIES.values():
        if xcount[cat] < MIN_PER_DISTRACTOR_CATEGORY:
            problems.append(f"distractor category {cat}: {xcount[cat]} < {MIN_PER_DISTRACTOR_CATEGORY}")
    offsets = Counter(p["reference"][19:] or "Z" for p in paragraphs)
    if len(offsets) < 6:
        problems.append(f"only {len(offsets)} distinct UTC offsets")
    midnight = 0
    for p in paragraphs:
        t = dt.datetime.fromisoformat(p["reference"])
        if t.date() != t.astimezone(dt.timezone.utc).date():
            midnight += 1
    if midnight < MIN_MIDNIGHT_STORIES:
        problems.append(f"only {midnight} stories whose local date differs from the UTC date")
    if problems:
        fail("corpus", "minimums not met:\n  " + "\n  ".join(problems))
    return dcount, xcount


def render(paragraphs: list[dict]) -> str:
    return json.dumps({"version": 1, "paragraphs": paragraphs}, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    try:
        paragraphs = parse_sources()
        dcount, xcount = validate_corpus(paragraphs)
    except CorpusError as e:
        print(f"ERROR {e}", file=sys.stderr)
        return 1
    out = render(paragraphs)
    # round trip: what we write must read back to the same offsets
    for p in json.loads(out)["paragraphs"]:
        for s in p["dates"] + p["distractors"]:
            assert p["text"][s["start"]:s["end"]] == s["text"]
    print(f"paragraphs: {len(paragraphs)}")
    print(f"dates: {sum(dcount.values())}")
    for cat in DATE_CATEGORIES.values():
        print(f"  {cat:<22}{dcount[cat]:>4}")
    print(f"distractors: {sum(xcount.values())}")
    for cat in DISTRACTOR_CATEGORIES.values():
        print(f"  {cat:<22}{xcount[cat]:>4}")
    offsets = Counter(p["reference"][19:] for p in paragraphs)
    print("reference offsets: " + ", ".join(f"{k}:{v}" for k, v in sorted(offsets.items())))
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != out:
            print(f"ERROR {OUT.name} is stale; run build.py", file=sys.stderr)
            return 1
        print(f"{OUT.name} is up to date")
    else:
        OUT.write_text(out, encoding="utf-8")
        print(f"wrote {OUT.relative_to(HERE.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
