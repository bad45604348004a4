"""Turn one matched atom into an EDTF value, against the reference day.

Each ``_atom_*`` function reads the named groups of its alternative and returns
a :class:`Resolved` (value, rule name, whether the reference was used), or None
when the text, looked at closely, is not a date after all ("Carol May", "the
spring that supplies the village", "2000 people").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import attrs

from claimtrack.dates import _calendar as cal
from claimtrack.dates._lexicon import (
    DETERMINERS,
    MONTH_LEAD_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    QUANTITY_NOUNS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    YEAR_PREPOSITIONS_STRONG,
    YEAR_PREPOSITIONS_WEAK,
    _words,
)

PAST = "past"
FUTURE = "future"


@attrs.frozen
class Resolved:
    """An EDTF value with the rule that made it."""

    value: str
    rule: str
    #: Whether the value depends on the reference (basis "resolved").
    relative: bool
    #: Whether the value has a year of its own (for ranges that share one).
    has_year: bool = True


class Context:
    """What a rule may look at besides its match.

    The tense of the clause is worked out only when a rule asks for it, since
    most rules, and every rule that refuses its match, never do.
    """

    __slots__ = ("_tense", "_tense_known", "day_first", "end", "infer", "reference", "start",
                 "strict", "text", "year_hint")  # fmt: skip

    def __init__(
        self,
        *,
        text: str,
        start: int,
        end: int,
        reference: dt.date,
        tense: str | None,
        strict: bool,
        day_first: bool,
        year_hint: int | None = None,
        infer: Callable[[], str | None] | None = None,
    ) -> None:
        self.text = text
        self.start = start  # where the atom (after any modifier) starts
        self.end = end
        self.reference = reference
        self.strict = strict
        self.day_first = day_first
        self.year_hint = year_hint
        self.infer = infer
        self._tense = tense
        self._tense_known = tense is not None or infer is None

    @property
    def tense(self) -> str | None:
        """The tense of the clause: "past", "future" or None (from the caller or the text)."""
        if not self._tense_known:
            assert self.infer is not None
            self._tense = self.infer()
            self._tense_known = True
        return self._tense

    def moved(self, start: int) -> Context:
        """The same context with the atom starting at *start*."""
        return Context(
            text=self.text,
            start=start,
            end=self.end,
            reference=self.reference,
            tense=self._tense,
            strict=self.strict,
            day_first=self.day_first,
            year_hint=self.year_hint,
            infer=None if self._tense_known else self.infer,
        )


#: The match of one atom; rules read its named groups (``g["iso_y"]``).
Groups = re.Match[str]
Rule = Callable[[Groups, Context], Resolved | None]


def _int(text: str | None) -> int:
    assert text is not None
    return int(re.sub(r"[^0-9]", "", text))


def _month(text: str | None) -> int:
    assert text is not None
    return MONTHS[text.lower().rstrip(".")]


def _number(text: str | None) -> int:
    assert text is not None
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.'’-]*?)(-?\W*)\Z")
_NEXT_WORD = re.compile(r"(\W*)([A-Za-z][A-Za-z'’-]*)")


def _prev_word(ctx: Context) -> tuple[str, str]:
    """The word just before the atom (as written) and what lies between them."""
    chunk = ctx.text[max(0, ctx.start - 40) : ctx.start]
    match = _PREV_WORD.search(chunk)
    if match is None:
        return "", chunk[-1:] if chunk else ""
    return match[1], match[2]


def _next_word(ctx: Context) -> tuple[str, str]:
    """The word just after the atom and what lies between them."""
    chunk = ctx.text[ctx.end : ctx.end + 40]
    match = _NEXT_WORD.match(chunk)
    if match is None:
        return "", chunk[:1]
    return match[2], match[1]


def _sentence_start(ctx: Context, word: str) -> bool:
    """Whether *word*, just before the atom, opens a sentence or a line."""
    lo = max(0, ctx.start - 80)
    before = ctx.text[lo : ctx.start].rstrip()
    before = before[: len(before) - len(word)].rstrip()
    if not before:
        return lo == 0 or not ctx.text[lo - 1 : lo].strip()
    return before[-1] in ".!?\n\"“‘'—–:(["


def _named_neighbours(ctx: Context) -> bool:
    """Whether a capitalised name runs into the atom ("Carol May", "April Lin")."""
    after, gap = _next_word(ctx)
    if after[:1].isupper() and gap.strip() == "" and after.lower().rstrip(".") not in MONTHS:
        return True
    before, gap = _prev_word(ctx)
    allowed = MONTH_LEAD_WORDS | {"on", "at", "last", "next", "this", "said", "says"}
    return (
        before[:1].isupper()
        and gap.strip() == ""
        and before.lower() not in allowed
        and not _sentence_start(ctx, before)
    )


def _is_quantity(ctx: Context) -> bool:
    """Whether a number at the end of the atom counts things ("2000 people")."""
    after, gap = _next_word(ctx)
    if gap.strip() == "" and after.lower() in QUANTITY_NOUNS:
        return True
    rest = ctx.text[ctx.end : ctx.end + 3]
    return rest.startswith(("%", " %", " per", "-ye"))


def _check_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# -- numeric forms -------------------------------------------------------------


def _atom_iso(g: Groups, ctx: Context) -> Resolved | None:
    value = _check_day(_int(g["iso_y"]), _int(g["iso_m"]), _int(g["iso_d"]))
    return None if value is None else Resolved(value, "absolute.iso", False)


def _two_digit_year(text: str, reference: dt.date) -> int:
    if len(text) == 4:
        return int(text)
    candidates = [c * 100 + int(text) for c in range(reference.year // 100 - 1,
                                                     reference.year // 100 + 2)]  # fmt: skip
    return min(candidates, key=lambda y: abs(y - reference.year))


def _atom_slash(g: Groups, ctx: Context) -> Resolved | None:
    a, b = _int(g["sl_a"]), _int(g["sl_b"])
    assert g["sl_y"] is not None
    year = _two_digit_year(g["sl_y"], ctx.reference)
    month, day = (b, a) if ctx.day_first else (a, b)
    rule = "absolute.numeric_dmy" if ctx.day_first else "absolute.numeric_mdy"
    if month > 12 and day <= 12:  # only one reading is a date
        month, day = day, month
        rule = "absolute.numeric_dmy" if not ctx.day_first else "absolute.numeric_mdy"
    value = _check_day(year, month, day)
    return None if value is None else Resolved(value, rule, False)


def _atom_dotted(g: Groups, ctx: Context) -> Resolved | None:
    value = _check_day(_int(g["dt_y"]), _int(g["dt_m"]), _int(g["dt_d"]))
    return None if value is None else Resolved(value, "absolute.numeric_dmy", False)


# -- month and day -------------------------------------------------------------


def _month_day(
    ctx: Context, month: int, day: int, year: str | None, weekday: str | None, rule: str
) -> Resolved | None:
    if year is not None:
        value = _check_day(int(year), month, day)
        return None if value is None else Resolved(value, f"absolute.{rule}", False)
    if ctx.year_hint is not None:
        value = _check_day(ctx.year_hint, month, day)
        return None if value is None else Resolved(value, "month_day.shared_year", True, False)
    found = cal.nearest_year(ctx.reference, month, day)
    if found is None:
        return None
    if weekday is not None:
        # "Tuesday, March 25": prefer the nearby year in which it is that weekday.
        wanted = WEEKDAYS[weekday.lower().rstrip(".")]
        if found.weekday() != wanted:
            for year_ in (found.year - 1, found.year + 1):
                other = _check_day(year_, month, day)
                if (
                    other
                    and dt.date.fromisoformat(other).weekday() == wanted
                    and abs((dt.date.fromisoformat(other) - ctx.reference).days) < 400
                ):
                    return Resolved(other, "month_day.weekday_year", True, False)
    return Resolved(found.isoformat(), "month_day.nearest", True, False)


#: Month names that are also given names or verbs.
_NAME_MONTHS = _words("may march april june august")


def _atom_mdy(g: Groups, ctx: Context) -> Resolved | None:
    month_text = (g["mdy_mon"] or "").lower()
    if (g["mdy_y"] is None and g["mdy_wd"] is None and ctx.strict
            and month_text in _NAME_MONTHS and _named_neighbours(ctx)):  # fmt: skip
        return None
    return _month_day(ctx, _month(g["mdy_mon"]), _int(g["mdy_day"]), g["mdy_y"], g["mdy_wd"],
                      "month_day_year")  # fmt: skip


def _atom_dmy(g: Groups, ctx: Context) -> Resolved | None:
    return _month_day(ctx, _month(g["dmy_mon"]), _int(g["dmy_day"]), g["dmy_y"], g["dmy_wd"],
                      "day_month_year")  # fmt: skip


def _day_range(ctx: Context, month: int, a: int, b: int, year: str | None) -> Resolved | None:
    first = _month_day(ctx, month, a, year, None, "day_range")
    if first is None or a >= b:
        return None
    end = _check_day(int(first.value[:4]), month, b)
    if end is None:
        return None
    return Resolved(f"{first.value}/{end}", "range.days", first.relative, first.has_year)


def _atom_drange_dm(g: Groups, ctx: Context) -> Resolved | None:
    return _day_range(ctx, _month(g["dr1_mon"]), _int(g["dr1_a"]), _int(g["dr1_b"]), g["dr1_y"])


def _atom_drange_md(g: Groups, ctx: Context) -> Resolved | None:
    return _day_range(ctx, _month(g["dr2_mon"]), _int(g["dr2_a"]), _int(g["dr2_b"]), g["dr2_y"])


def _atom_my(g: Groups, ctx: Context) -> Resolved | None:
    return Resolved(cal.iso_month(_int(g["my_y"]), _month(g["my_mon"])), "absolute.month_year",
                    False)  # fmt: skip


def _atom_bmonth(g: Groups, ctx: Context) -> Resolved | None:
    month = _month(g["bm_name"])
    mod = " ".join((g["bm_mod"] or "").lower().split())
    if ctx.strict and not mod:
        if _named_neighbours(ctx):
            return None
        before, gap = _prev_word(ctx)
        word = before.lower()
        lead = word in MONTH_LEAD_WORDS or (word.endswith("est") and len(word) > 4)
        if not lead or gap.strip() not in ("", "-"):
            return None
        if month == 5 and word in ("the", "and", "or", "to"):
            return None  # "the May ..." and "to May" are more often names and verbs
    if ctx.year_hint is not None and not mod:
        return Resolved(cal.iso_month(ctx.year_hint, month), "month.shared_year", True, False)
    mode = {"last": "last", "this past": "last", "next": "next", "this coming": "next",
            "this": "this"}.get(mod)  # fmt: skip
    if mode is None and ctx.strict:
        before, _ = _prev_word(ctx)
        if before.lower().endswith("est") and len(before) > 4:
            mode = "past"  # "the warmest December on record" is behind us
        elif before.lower() in DETERMINERS and ctx.tense == PAST:
            # "signalled a cut at its December meeting": the month names a thing,
            # and the past tense of the clause says nothing about when it is.
            mode = "near"
    if mode is None:
        mode = {PAST: "past", FUTURE: "future"}.get(ctx.tense or "", "near")
    if mode == "this":
        return Resolved(cal.iso_month(ctx.reference.year, month), "month.this_year", True, False)
    return Resolved(cal.month_for(ctx.reference, month, mode), f"month.{mode}", True, False)


def _atom_mrange(g: Groups, ctx: Context) -> Resolved | None:
    a, b = _month(g["mr_a"]), _month(g["mr_b"])
    if a == b:
        return None
    if g["mr_y"] is not None:
        year = _int(g["mr_y"])
        relative = False
    else:
        mode = {PAST: "past", FUTURE: "future"}.get(ctx.tense or "", "near")
        year = int(cal.month_for(ctx.reference, b, mode)[:4])
        relative = True
    start = cal.iso_month(year - 1 if a > b else year, a)
    return Resolved(f"{start}/{cal.iso_month(year, b)}", "range.months", relative)


# -- parts of years ------------------------------------------------------------


def _atom_season_y(g: Groups, ctx: Context) -> Resolved | None:
    assert g["sy_name"] is not None
    code = SEASONS[g["sy_name"].lower()]
    return Resolved(f"{_int(g['sy_y']):04d}-{code}", "absolute.season", False)


def _relative_year(rel: str | None, ctx: Context) -> int:
    rel = (rel or "this").lower()
    return ctx.reference.year + {"last": -1, "next": 1}.get(rel, 0)


_SPORT_WORDS = _words(
    """
    scored score goal goals minute minutes match game games kick penalty striker
    tries try innings inning quarterback touchdown touchdowns period lead led
    points basket baskets half-time halftime pass passes shot shots save saves
    play played wicket wickets overs set sets
    """
)


def _sporty(ctx: Context) -> bool:
    """Whether a bare "the first half" or "the fourth quarter" is a part of a game."""
    from claimtrack.dates._lexicon import words_after, words_before

    near = set(words_before(ctx.text, ctx.start, limit=10)) | set(
        words_after(ctx.text, ctx.end, limit=6)
    )
    return bool(near & _SPORT_WORDS)


def _part_of_year(code: int, year: str | None, rel: str | None, ctx: Context,
                  kind: str) -> Resolved | None:  # fmt: skip
    if year is not None:
        return Resolved(f"{_int(year):04d}-{code}", f"absolute.{kind}", False)
    if rel is not None:
        return Resolved(f"{_relative_year(rel, ctx):04d}-{code}", f"{kind}.relative_year", True)
    if ctx.year_hint is not None:
        return Resolved(f"{ctx.year_hint:04d}-{code}", f"{kind}.shared_year", True, False)
    if ctx.strict and _sporty(ctx):
        return None
    year_ = ctx.reference.year
    if ctx.tense == PAST:
        lo, _ = cal.bounds(f"{year_:04d}-{code}")
        if lo > ctx.reference:
            year_ -= 1
        return Resolved(f"{year_:04d}-{code}", f"{kind}.past", True, False)
    return Resolved(f"{year_:04d}-{code}", f"{kind}.this_year", True, False)


def _ordinal(text: str | None) -> int:
    assert text is not None
    text = text.lower()
    if text == "latter":
        return 2
    return ORDINALS.get(text) or _int(text)


def _atom_quarter(g: Groups, ctx: Context) -> Resolved | None:
    return _part_of_year(32 + _ordinal(g["q_ord"]), g["q_y"], g["q_rel"], ctx, "quarter")


def _atom_half(g: Groups, ctx: Context) -> Resolved | None:
    return _part_of_year(39 + _ordinal(g["h_ord"]), g["h_y"], g["h_rel"], ctx, "half")


def _atom_qmonths(g: Groups, ctx: Context) -> Resolved | None:
    a, b = _month(g["qm_a"]), _month(g["qm_b"])
    if a % 3 != 1 or b != a + 2:
        return None
    return _part_of_year(33 + a // 3, g["qm_y"], None, ctx, "quarter")


def _atom_qcode(g: Groups, ctx: Context) -> Resolved | None:
    kind = g["qc_kind"]
    assert kind is not None
    code = (32 if kind[0] == "Q" else 39) + int(kind[1])
    year = g["qc_y"]
    if year is None and g["qc_yy"] is not None:
        year = str(_two_digit_year(g["qc_yy"], ctx.reference))
    if year is None and ctx.strict:
        before, _ = _prev_word(ctx)
        if before.lower() not in ("in", "the", "for", "during", "by", "of", "since", "until"):
            return None
    return _part_of_year(code, year, None, ctx, "quarter" if kind[0] == "Q" else "half")


def _atom_decade(g: Groups, ctx: Context) -> Resolved | None:
    if g["dec"] is not None:
        return Resolved(g["dec"][:3] + "X", "absolute.decade", False)
    short = _int(g["dec_short"])
    # "the '90s": the latest such decade that has begun by the reference year
    century = ctx.reference.year // 100 * 100
    year = century + short if century + short <= ctx.reference.year else century - 100 + short
    return Resolved(f"{year // 10:03d}X", "decade.short", True)


def _atom_century(g: Groups, ctx: Context) -> Resolved | None:
    n = _ordinal(g["cent"])
    if not 1 <= n <= 22:
        return None
    return Resolved(f"{n - 1:02d}XX", "absolute.century", False)


# -- relative to the reference -------------------------------------------------


def _atom_relday(g: Groups, ctx: Context) -> Resolved | None:
    assert g["rd"] is not None
    word = " ".join(g["rd"].lower().split())
    ref = ctx.reference
    if word in ("today", "tonight") or word.startswith("this "):
        return Resolved(ref.isoformat(), "relative.today", True)
    if word in (
        "yesterday",
        "last night",
        "the previous day",
        "the preceding day",
        "the day before",
    ):
        return Resolved((ref - dt.timedelta(days=1)).isoformat(), "relative.yesterday", True)
    if word == "tomorrow":
        return Resolved((ref + dt.timedelta(days=1)).isoformat(), "relative.tomorrow", True)
    if word == "the day before yesterday":
        return Resolved((ref - dt.timedelta(days=2)).isoformat(), "relative.days_ago", True)
    return Resolved((ref + dt.timedelta(days=2)).isoformat(), "relative.in_days", True)


def _unit_of(text: str | None) -> str:
    assert text is not None
    return UNITS[text.lower()]


def _step(ctx: Context, unit: str, n: int, rule: str, approximate: bool) -> Resolved:
    """The day, week, month or year *n* units from the reference (negative: ago)."""
    ref = ctx.reference
    if unit == "day":
        value = (ref + dt.timedelta(days=n)).isoformat()
    elif unit == "week":
        value = cal.week_of(ref + dt.timedelta(weeks=n))
    elif unit == "month":
        day = cal.add_months(ref, n)
        value = cal.iso_month(day.year, day.month)
    elif unit == "year":
        value = f"{ref.year + n:04d}"
    else:
        value, approximate = f"{ref.year + 10 * n:04d}", True
    if approximate and "/" not in value:
        value += "~"
    return Resolved(value, rule, True)


def _approximate_count(text: str | None) -> bool:
    """Whether the count is vague ("a few days ago", "several weeks ago")."""
    text = (text or "").lower()
    return "few" in text or "several" in text or "couple" in text


def _atom_ago(g: Groups, ctx: Context) -> Resolved | None:
    n = _number(g["ago_n"])
    unit = _unit_of(g["ago_unit"])
    return _step(ctx, unit, -n, f"relative.{unit}s_ago", _approximate_count(g["ago_n"]))


_RECORD_WORDS = _words(
    "first only highest lowest biggest largest smallest worst best most least fastest slowest "
    "strongest weakest longest shortest deepest sharpest steepest heaviest greatest"
)


def _atom_inn(g: Groups, ctx: Context) -> Resolved | None:
    from claimtrack.dates._lexicon import words_before

    if ctx.strict:
        # "the highest level in five years" is a duration, not a date.
        for word in words_before(ctx.text, ctx.start, limit=8):
            if word in _RECORD_WORDS or (word.endswith("est") and len(word) > 5):
                return None
    n = _number(g["in_n"])
    unit = _unit_of(g["in_unit"])
    return _step(ctx, unit, n, f"relative.in_{unit}s", _approximate_count(g["in_n"]))


def _unit_bounds(ctx: Context, unit: str) -> tuple[dt.date, dt.date]:
    ref = ctx.reference
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        lo, hi = cal.bounds(cal.iso_month(ref.year, ref.month))
        return lo, hi
    return dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)


def _atom_earlier(g: Groups, ctx: Context) -> Resolved | None:
    assert g["el_which"] is not None
    unit = _unit_of(g["el_unit"])
    lo, hi = _unit_bounds(ctx, unit)
    ref = ctx.reference
    if g["el_which"].lower() == "earlier":
        return Resolved(cal.interval(lo.isoformat(), ref.isoformat()), f"relative.earlier_{unit}",
                        True)  # fmt: skip
    return Resolved(cal.interval(ref.isoformat(), hi.isoformat()), f"relative.later_{unit}", True)


def _atom_rest(g: Groups, ctx: Context) -> Resolved | None:
    unit = _unit_of(g["rest_unit"])
    _, hi = _unit_bounds(ctx, unit)
    return Resolved(cal.interval(ctx.reference.isoformat(), hi.isoformat()),
                    f"relative.later_{unit}", True)  # fmt: skip


def _span(ctx: Context, unit: str, n: int) -> dt.date:
    ref = ctx.reference
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "month":
        return cal.add_months(ref, n)
    if unit == "year":
        return cal.add_years(ref, n)
    return cal.add_years(ref, 10 * n)


def _past_or_next(direction: str, n_text: str | None, unit_text: str | None,
                  ctx: Context) -> Resolved | None:  # fmt: skip
    direction = direction.lower()
    unit = _unit_of(unit_text)
    plural = (unit_text or "").lower().endswith("s")
    if ctx.strict:
        before, _ = _prev_word(ctx)
        if before.lower() in (
            "to",
            "will",
            "would",
            "could",
            "may",
            "might",
            "can",
            "should",
            "must",
            "'ll",
            "not",
            "it",
            "they",
        ):
            return None  # "expected to last six weeks": the verb "last"
        after, gap = _next_word(ctx)
        if gap.strip() == "" and after.lower() == "of":
            return None  # "the last week of June"
    if n_text is None:
        if unit == "day":
            return None  # "the last day", "the previous day": the story's own time line
        if plural:
            return None  # "the past years": too vague to be a date
        if direction in ("previous", "following"):
            if unit == "day":
                return None  # relative to the story's own events, not to the reference
            return _relative_unit(unit, -1 if direction == "previous" else 1, ctx)
        n = 1
    else:
        n = _number(n_text)
    ref = ctx.reference.isoformat()
    if direction in ("past", "last", "previous"):
        return Resolved(f"{_span(ctx, unit, -n).isoformat()}/{ref}", f"relative.past_{unit}s",
                        True)  # fmt: skip
    return Resolved(f"{ref}/{_span(ctx, unit, n).isoformat()}", f"relative.next_{unit}s", True)


def _atom_pastn(g: Groups, ctx: Context) -> Resolved | None:
    assert g["pn_dir"] is not None
    return _past_or_next(g["pn_dir"], g["pn_n"], g["pn_unit"], ctx)


def _atom_pastn2(g: Groups, ctx: Context) -> Resolved | None:
    assert g["pn2_dir"] is not None
    return _past_or_next(g["pn2_dir"], g["pn2_n"], g["pn2_unit"], ctx)


def _relative_unit(unit: str, steps: int, ctx: Context) -> Resolved | None:
    ref = ctx.reference
    which = {-1: "last", 0: "this", 1: "next"}[steps]
    rule = f"relative.{which}_{unit}"
    if unit == "week":
        return Resolved(cal.week_of(ref + dt.timedelta(weeks=steps)), rule, True)
    if unit == "weekend":
        return Resolved(cal.weekend_of(ref, steps), rule, True)
    if unit == "month":
        day = cal.add_months(ref, steps)
        return Resolved(cal.iso_month(day.year, day.month), rule, True)
    if unit == "year":
        return Resolved(f"{ref.year + steps:04d}", rule, True)
    if unit == "quarter":
        return Resolved(cal.quarter_of(ref, steps), rule, True)
    if unit == "decade":
        return Resolved(f"{ref.year // 10 + steps:03d}X", rule, True)
    if unit == "century":
        return Resolved(f"{ref.year // 100 + steps:02d}XX", rule, True)
    return None


def _atom_relunit(g: Groups, ctx: Context) -> Resolved | None:
    assert g["ru_which"] is not None and g["ru_unit"] is not None
    which = " ".join(g["ru_which"].lower().split())
    unit = g["ru_unit"].lower()
    if which == "this past":
        if unit == "weekend":
            return Resolved(cal.weekend_past(ctx.reference), "relative.past_weekend", True)
        which = "last"
    steps = {"last": -1, "this": 0, "next": 1, "this coming": 1}[which]
    return _relative_unit(unit, steps, ctx)


def _atom_weekend(g: Groups, ctx: Context) -> Resolved | None:
    if ctx.tense == FUTURE:
        ref = ctx.reference
        weeks = 1 if ref.weekday() == 6 else 0
        return Resolved(cal.weekend_of(ref, weeks), "relative.coming_weekend", True)
    return Resolved(cal.weekend_past(ctx.reference), "relative.past_weekend", True)


def _atom_weekday(g: Groups, ctx: Context) -> Resolved | None:
    assert g["wd_name"] is not None
    target = WEEKDAYS[g["wd_name"].lower()]
    mod = " ".join((g["wd_mod"] or "").lower().split())
    if ctx.strict and not mod and _named_neighbours(ctx):
        return None  # "Good Friday Agreement", "The Sunday Times"
    ref = ctx.reference
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if mod in ("last", "this past", "past"):
        day, rule = ref - dt.timedelta(days=back or 7), "weekday.last"
    elif mod in ("next",):
        day, rule = ref + dt.timedelta(days=ahead or 7), "weekday.next"
    elif mod in ("this coming", "coming"):
        day, rule = ref + dt.timedelta(days=ahead or 7), "weekday.coming"
    elif mod == "this":
        day, rule = ref - dt.timedelta(days=ref.weekday() - target), "weekday.this_week"
    elif ctx.tense == FUTURE:
        day, rule = ref + dt.timedelta(days=ahead), "weekday.next_or_today"
    elif ctx.tense == PAST:
        day, rule = ref - dt.timedelta(days=back), "weekday.most_recent"
    else:
        return Resolved((ref - dt.timedelta(days=back)).isoformat() + "?", "weekday.guess", True)
    return Resolved(day.isoformat(), rule, True)


def _atom_bseason(g: Groups, ctx: Context) -> Resolved | None:
    assert g["bs_name"] is not None
    mod = " ".join((g["bs_mod"] or "").lower().split())
    if ctx.strict and mod in ("", "the"):
        if _named_neighbours(ctx):
            return None
        saved = ctx
        if mod == "the":  # look at the word before "the"
            lo = max(0, ctx.start - 40)
            head = ctx.text[lo : ctx.start].rstrip()
            saved = ctx.moved(lo + len(head))
        before, gap = _prev_word(saved)
        if (
            before.lower()
            not in (
                "since",
                "during",
                "in",
                "over",
                "until",
                "till",
                "through",
                "by",
                "before",
                "after",
                "this",
                "that",
                "last",
                "next",
                "early",
                "late",
                "mid",
                "throughout",
            )
            or gap.strip()
        ):
            return None  # fmt: skip
        after, gap = _next_word(ctx)
        if gap.strip() == "" and after.lower() in ("of", "in", "that", "which", "water"):
            return None  # "the fall of Kabul", "the spring that feeds the village"
    code = SEASONS[g["bs_name"].lower()]
    if ctx.year_hint is not None and mod in ("", "the"):
        return Resolved(f"{ctx.year_hint:04d}-{code}", "season.shared_year", True, False)
    mode = {"this": "this", "last": "last", "this past": "last", "next": "next",
            "this coming": "next"}.get(mod)  # fmt: skip
    if mode is None:
        mode = {PAST: "past", FUTURE: "future"}.get(ctx.tense or "", "this")
    return Resolved(cal.season_for(ctx.reference, code, mode), f"season.{mode}", True, False)


def _atom_year(g: Groups, ctx: Context) -> Resolved | None:
    year = _int(g["yr"])
    value = Resolved(f"{year:04d}", "absolute.year", False)
    if not ctx.strict or g["yr"] != ctx.text[ctx.start : ctx.end]:
        return value  # "the year 2000", or a year the caller says is one
    if _is_quantity(ctx):
        return None
    before, gap = _prev_word(ctx)
    word = before.lower()
    if gap.strip() not in ("", "-", "(", "—"):
        word = ""
    if word in YEAR_PREPOSITIONS_STRONG or word == "fiscal":
        return value
    after, gap = _next_word(ctx)
    next_is_word = gap.strip() == "" and after[:1].islower()
    if word in YEAR_PREPOSITIONS_WEAK:
        if next_is_word and after.endswith("s") and after not in ("as", "is", "was", "has"):
            return None  # "by 2000 votes": a count of something
        return value
    possessive = before.endswith(("'s", "’s")) and gap.strip() == ""
    if (word in DETERMINERS or possessive) and next_is_word:
        return value  # "a 1997 killing", "the 2020 elections", "the company's 2023 report"
    return None


def _atom_yrange(g: Groups, ctx: Context) -> Resolved | None:
    first = _int(g["yr1"])
    assert g["yr2"] is not None
    last = int(g["yr2"]) if len(g["yr2"]) == 4 else first // 100 * 100 + int(g["yr2"])
    if last <= first:
        return None
    if ctx.strict:
        before, gap = _prev_word(ctx)
        word = before.lower() if gap.strip() == "" else ""
        if word not in YEAR_PREPOSITIONS_STRONG and word not in ("the", "of", "for", "by"):
            return None  # "a 2019-20 squad", "Act 2018-114" are names and codes
        if _is_quantity(ctx):
            return None
    return Resolved(f"{first:04d}/{last:04d}", "range.years", False)


def _atom_the_unit(g: Groups, ctx: Context) -> Resolved | None:
    # "the month" alone is no date; it is one after "the end of" (see the scanner).
    assert g["tu"] is not None
    unit = g["tu"].lower()
    return _relative_unit(unit, 0, ctx)


RULES: dict[str, Rule] = {
    name[len("_atom_") :]: function
    for name, function in dict(globals()).items()
    if name.startswith("_atom_") and callable(function)
}
