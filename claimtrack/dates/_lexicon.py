"""Words the date grammar is built from: months, weekdays, numbers, units and cues.

Everything here is data. The grammar (``_grammar``) turns these lists into
regular expressions once, at import; the resolver (``_resolve``) maps the
words a match captured back to numbers.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of *text*."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

MONTH_FULL = tuple(k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july"))
MONTH_ABBREVIATIONS = ("sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct",
                       "nov", "dec")  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip

WEEKDAY_FULL = tuple(k for k in WEEKDAYS if k.endswith("day"))

#: Small numbers as news writes them ("two weeks ago", "a year ago").
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip

#: Season name -> EDTF sub-year code (21 spring .. 24 winter; "fall" is autumn).
SEASONS: dict[str, int] = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

#: Parts of the day that keep a weekday or "yesterday" at day precision.
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "midday", "noon", "overnight")

UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
}  # fmt: skip

# -- tense cues ---------------------------------------------------------------
# The tense of the clause decides which Tuesday "on Tuesday" is. The words below
# are read backwards from the date, nearest first; the first cue found wins.

FUTURE_WORDS = _words(
    """
    will 'll shall won't wo due scheduled expected forecast forecasts planned plans
    upcoming next coming tomorrow slated set until till through intends intend aims
    begins begin starts start opens open resumes resume takes closes ends goes go
    heads faces face meets meet plays play hosts host visits visit returns return
    take runs kicks launches arrives arrive lands is are am would could might may should must
    can expect expects hope hopes want wants aim opening starting beginning launching
    arriving closing resuming ending reopening reopens reopen
    """
)

PAST_WORDS = _words(
    """
    said says told was were had did won lost began fell rose met hit struck made took
    gave came went saw found left held ran sold bought brought led threw shot beat
    broke spoke wrote chose drove flew grew knew paid sent spent stood thought wore
    became began bit blew built caught cut dealt drew dug felt fought fled forgot
    froze got hung heard hid hurt kept laid lit meant overtook quit read rode rang
    sank sat slid spun split spread stole stuck swept swore swung taught tore
    understood upheld withdrew woke won wound yesterday ago last previously earlier
    recently already
    """
)

#: Words that end in -ed without being past tenses.
NOT_PAST_ED = _words(
    """
    need needed red bed shed hundred indeed united speed feed seed breed proceed
    succeed exceed embed wed shred weed heed bleed creed deed greed steed tweed
    scheduled expected planned proposed intended slated anticipated
    """
)

#: Future cues that are also nouns: not a cue after a determiner ("the start").
NOUNISH = _words(
    """
    start begin open end set play host visit meet face return plans runs lands
    opening closing beginning ending
    """
)

#: Base verbs after which "to" looks ahead ("voted to close schools in June").
PURPOSE_VERBS = _words(
    """
    put close open end start begin hold vote decide rule reach raise cut build launch
    release publish announce review introduce sign pay meet return resume reopen hire
    sell buy create expand extend reduce increase lift ban impose approve complete
    finish deliver present submit issue appoint elect name replace repeal scrap
    abolish phase cap freeze restore reform merge acquire list enter leave visit host
    """
)

#: Auxiliaries that make a following -ed word a participle ("will be closed").
PASSIVE_AUXILIARIES = _words("be been being")

#: Nouns that make a preceding number a quantity, not a year ("2000 people").
QUANTITY_NOUNS = _words(
    """
    people persons men women children kids students officers troops soldiers police
    residents voters votes ballots jobs workers employees staff members patients cases
    deaths dead victims families households homes houses buildings units vehicles cars
    flights passengers tonnes tons kilograms kilos kg grams pounds lbs metres meters
    miles kilometres kilometers km feet foot yards inches acres hectares litres liters
    gallons barrels degrees points runs goals seats words pages copies shares dollars
    euros yen rupees pesos crore lakh rand francs pounds percent per cent times beds
    doses tests samples sites schools stores plants trees animals cattle sheep birds
    calls complaints arrests charges suspects species items products pieces letters
    signatures boxes bags visitors tourists fans spectators athletes players teams
    hours minutes seconds days weeks months years mph kmh mm cm protesters demonstrators
    migrants refugees civilians prisoners inmates cases votes delegates
    """
)

#: The word right before a bare four-digit number that makes it a year.
YEAR_PREPOSITIONS_STRONG = _words(
    """
    in since until till before after during between from through circa c. ca. year
    early late mid throughout spring summer autumn fall winter
    """
)
YEAR_PREPOSITIONS_WEAK = _words("by to and of for about around or than")
DETERMINERS = _words("a an the its his her their our your this that whose")

#: Words after which a bare month name reads as a month ("in March", "since May").
MONTH_LEAD_WORDS = _words(
    """
    in since until till by from through to before after during of and or early late mid
    the this last next throughout for between its their his her our a an
    """
)

#: Words and numbers ("7.4" is one token, so that "to 7.4 million" is not "to" + verb).
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*(?:[.,][0-9]+)*")

#: A sentence ends at . ? ! ; followed by space and a capital or a quote; "No. 3"
#: and "Gov. Elena Marquez" do not end one (see ``_ABBREVIATIONS``).
_SENTENCE_END = re.compile(r"[.?!;]['\"”’)]*\s+(?=[A-Z\"“‘'(])")
_ABBREVIATIONS = _words(
    "no mr mrs ms dr st gov sen rep gen col lt sgt jan feb aug sept oct nov dec inc co corp "
    "ltd jr sr vs prof ft mt"
)
_LAST_WORD = re.compile(r"(\w+)\Z")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    if text[match.start()] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
    if word is None:
        return True
    token = word[1]
    # "p.m. ET", "U.S. officials", "No. 3": a single letter or a short title before
    # the point is an abbreviation, not the end of a sentence.
    return not (token.lower() in _ABBREVIATIONS or len(token) == 1)


def words_before(text: str, start: int, limit: int = 30, window: int = 240) -> list[str]:
    """The words before *start* in the same sentence, nearest first (lowercase)."""
    lo = max(0, start - window)
    cut = lo
    # one character past *start*, so that a sentence end right before it is seen
    for match in _SENTENCE_END.finditer(text, lo, start + 1):
        if _is_sentence_end(text, match):
            cut = min(match.end(), start)
    found = [w.lower() for w in _WORD.findall(text, cut, start)]
    found.reverse()
    return found[:limit]


def words_after(text: str, end: int, limit: int = 12, window: int = 120) -> list[str]:
    """The words after *end* up to the end of the clause (a comma ends it, unless it
    comes first), nearest first (lowercase).
    """
    chunk = text[end : end + window]
    for match in _SENTENCE_END.finditer(chunk):
        if _is_sentence_end(chunk, match):
            chunk = chunk[: match.start()]
            break
    comma = chunk.find(",", 2)
    if comma >= 0:
        chunk = chunk[:comma]
    return [w.lower() for w in _WORD.findall(chunk)][:limit]
