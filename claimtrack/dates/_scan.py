"""The scanner: find atoms, apply modifiers, join ranges, infer tense.

One left-to-right pass of one compiled expression (``_grammar``). Each match
is checked by its rule (``_rules``); a match a rule refuses ("Carol May") is
skipped by one character and the search goes on, so the pass stays linear.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from claimtrack.dates import _calendar as cal
from claimtrack.dates._grammar import (
    RANGE_JOINER,
    RANGE_OPENER,
    RELAXED,
    RELAXED_TRIGGER,
    STRICT,
    STRICT_TRIGGER,
    VAGUE_BOUND,
)
from claimtrack.dates._lexicon import (
    DETERMINERS,
    FUTURE_WORDS,
    NOT_PAST_ED,
    NOUNISH,
    PASSIVE_AUXILIARIES,
    PAST_WORDS,
    PURPOSE_VERBS,
    words_after,
    words_before,
)
from claimtrack.dates._rules import FUTURE, PAST, RULES, Context, Resolved

_PRESENT_COPULA = frozenset({"is", "are", "am"})


@attrs.frozen
class Found:
    """One date expression found in a text."""

    start: int
    end: int
    resolved: Resolved


def _cue(words: list[str], index: int) -> str | None:
    word = words[index]
    before = words[index + 1] if index + 1 < len(words) else ""
    if word in FUTURE_WORDS:
        if word in NOUNISH and before in DETERMINERS:
            return None  # "the start of the race"
        return FUTURE
    if word == "to" and index > 0 and words[index - 1] in PURPOSE_VERBS:
        return FUTURE  # "voted to close two schools in June"
    if before == "to" and index > 0 and (word in PAST_WORDS or word in PURPOSE_VERBS):
        return None  # "to cut": an infinitive; "to" decides
    if word in PAST_WORDS or word in ("has", "have"):
        return PAST
    if len(word) > 4 and word.endswith("ed") and word not in NOT_PAST_ED:
        if before in PASSIVE_AUXILIARIES or before in _PRESENT_COPULA:
            return None  # a participle ("will be closed"): the auxiliary decides
        return PAST
    return None


def infer_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause around ``text[start:end]``: the nearest cue before
    it in its sentence, else the nearest after it; None when there is none.
    """
    before = words_before(text, start)
    for index in range(len(before)):
        found = _cue(before, index)
        if found is not None:
            return found
    after = words_after(text, end, limit=8)
    after.reverse()  # _cue looks at the word before; keep that order for participles
    for index in range(len(after) - 1, -1, -1):
        found = _cue(after, index)
        if found is not None:
            return found
    return None


def _qualified_first(value: str) -> str:
    start = value.split("/")[0]
    return start if "/" in value else cal.strip_qualifier(start) + _qualifier(value)


def _qualified_last(value: str) -> str:
    end = value.split("/")[-1]
    return end if "/" in value else cal.strip_qualifier(end) + _qualifier(value)


def _qualifier(value: str) -> str:
    return value[-1] if value[-1:] in "?~%" else ""


_MODIFIER_KIND = {
    "beginning of": "early", "start of": "early", "turn of": "early",
    "middle of": "mid", "end of": "late", "close of": "late",
}  # fmt: skip


def _modifier_kind(text: str) -> str:
    words = [w for w in text.lower().replace("-", " ").split() if w not in ("the", "very")]
    phrase = " ".join(words)
    if phrase in ("early", "mid", "late"):
        return phrase
    return _MODIFIER_KIND.get(phrase, "about")


def _apply_modifier(kind: str, resolved: Resolved) -> Resolved | None:
    value = resolved.value
    if kind == "about":
        if "/" in value or "X" in value:
            return None
        qualifier = _qualifier(value)
        bare = cal.strip_qualifier(value)
        value = bare + ("%" if qualifier in ("?", "%") else "~")
        return attrs.evolve(resolved, value=value, rule=f"about({resolved.rule})")
    modified = cal.modify(kind, value)
    if modified is None:
        return None
    return attrs.evolve(resolved, value=modified, rule=f"{kind}({resolved.rule})")


_DEADLINE = re.compile(r"(?i:\b(?:has|have|had|given|gave|get|gets|got|not|n't|only)\s+)\Z")


def _not_a_range(text: str, opener_start: int, word: str) -> bool:
    """Whether "until X" or "before X" names a point, not an interval: "has until
    Friday" (a deadline), "not until next week", "well before the end of the month".
    """
    lo = max(0, opener_start - 16)
    if VAGUE_BOUND.search(text, lo, opener_start):
        return True
    if word in ("until", "till", "til"):
        if _DEADLINE.search(text, lo, opener_start):
            return True
        before = text[max(0, opener_start - 60) : opener_start].lower()
        return " not " in before or "n't " in before
    return False


class Scanner:
    """Finds and resolves the date expressions of one text against one reference day."""

    def __init__(
        self,
        text: str,
        reference: dt.date,
        *,
        strict: bool,
        tense: str | None = None,
        day_first: bool = False,
    ) -> None:
        self.text = text
        self.reference = reference
        self.strict = strict
        self.tense = tense
        self.day_first = day_first
        self.pattern = STRICT if strict else RELAXED
        self.trigger = STRICT_TRIGGER if strict else RELAXED_TRIGGER

    def scan(self) -> list[Found]:
        """Every date expression, left to right, without overlaps."""
        found: list[Found] = []
        text = self.text
        trigger = self.trigger.search
        match_at = self.pattern.match
        pos = 0
        while True:
            candidate = trigger(text, pos)
            if candidate is None:
                return found
            start = candidate.start()
            match = match_at(text, start)
            try:
                item = None if match is None else self._expression(match)
            except (OverflowError, ValueError):
                item = None  # beyond the calendar (before year 1, after 9999): no date

            if item is None:
                pos = start + 1
                continue
            found.append(item)
            pos = max(item.end, start + 1)

    # -- one match -------------------------------------------------------------

    def _atom(
        self,
        match: re.Match[str],
        tense: str | None,
        year_hint: int | None = None,
    ) -> Resolved | None:
        kind = match.lastgroup
        if kind is None or kind not in RULES:
            return None
        start, end = match.span(kind)
        text = self.text
        ctx = Context(
            text=text,
            start=start,
            end=end,
            reference=self.reference,
            tense=tense or self.tense,
            strict=self.strict,
            day_first=self.day_first,
            year_hint=year_hint,
            infer=lambda: infer_tense(text, match.start(), match.end()),
        )
        resolved = RULES[kind](match, ctx)
        if resolved is None:
            return None
        modifier = match.group("mod")
        if modifier is not None:
            return _apply_modifier(_modifier_kind(modifier), resolved)
        if kind == "the_unit":
            return None  # "the month" is a date only as in "the end of the month"
        return resolved

    def _expression(self, match: re.Match[str]) -> Found | None:
        text = self.text
        start = match.start()
        opener = RANGE_OPENER.search(text, max(0, start - 16), start)
        word = " ".join(opener["word"].lower().split()) if opener else ""
        if opener is not None and _not_a_range(text, opener.start(), word):
            word = ""
        tense = {"since": PAST, "ever since": PAST}.get(word)
        if word in ("until", "till", "til", "through", "thru", "up to", "up until"):
            tense = self.tense or infer_tense(text, start, match.end()) or FUTURE
        resolved = self._atom(match, tense)
        if resolved is None:
            return None
        plain = Found(start, match.end(), resolved)
        if not word:
            return plain
        assert opener is not None
        ranged = self._range(word, match, resolved, tense)
        if ranged is None:
            return plain
        value, end, rule, relative = ranged
        return Found(opener.start(), end, Resolved(value, rule, relative))

    def _range(
        self, word: str, match: re.Match[str], first: Resolved, tense: str | None
    ) -> tuple[str, int, str, bool] | None:
        ref = self.reference.isoformat()
        value = first.value
        end = match.end()
        if word in ("since", "ever since"):
            start = _qualified_first(value)
            if cal.first(value) > ref:
                return None
            return cal.interval(start, ref), end, f"since({first.rule})", True
        if word in ("until", "till", "til", "through", "thru", "up to", "up until"):
            return f"../{_qualified_last(value)}", end, f"until({first.rule})", first.relative
        if word in ("before", "prior to"):
            return (
                f"../{cal.shift(cal.first(value), -1)}",
                end,
                f"before({first.rule})",
                first.relative,
            )
        if word == "after":
            return (
                f"{cal.shift(cal.last(value), 1)}/..",
                end,
                f"after({first.rule})",
                first.relative,
            )
        # between X and Y, from X to Y
        joiner = RANGE_JOINER.match(self.text, end)
        if joiner is None:
            return None
        joined = joiner.group().strip().lower()
        if (word == "between") != (joined == "and"):
            return None
        second_match = self.pattern.match(self.text, joiner.end())
        if second_match is None:
            return None
        second = self._atom(second_match, tense)
        if second is None:
            return None
        if not first.has_year and second.has_year and "X" not in second.value:
            year = int(cal.first(second.value)[:4])
            again = self._atom(match, tense, year_hint=year)
            if again is not None and cal.first(again.value) > cal.last(second.value):
                again = self._atom(match, tense, year_hint=year - 1)
            if again is not None:
                first = again
        start_value = _qualified_first(first.value)
        end_value = _qualified_last(second.value)
        if cal.first(start_value) > cal.last(end_value) and len(cal.first(start_value)) == len(
            cal.last(end_value)
        ):
            return None
        return (
            cal.interval(start_value, end_value),
            second_match.end(),
            f"between({first.rule},{second.rule})",
            first.relative or second.relative,
        )
