"""The regular expression that finds date expressions, compiled once.

One alternation of *atoms* (a day, a month, a weekday, "last week", "the 1990s"
...), each optionally led by a *modifier* ("early", "mid-", "the end of",
"around"). Ranges ("since X", "between X and Y") are built by the scanner from
atoms and the words around them, which keeps the expression small and every
match linear: no alternative nests a repetition inside a repetition.

Alternatives are ordered most specific first, because Python's ``re`` takes the
first alternative that matches, not the longest. Each atom is a named group;
the scanner dispatches on ``match.lastgroup``.
"""

from __future__ import annotations

import re

from claimtrack.dates._lexicon import NUMBER_WORDS, ORDINALS

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MONTH = rf"(?:(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
MONTH_FULL = rf"(?:{_MONTH_FULL})\b"
_WEEKDAY_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
WEEKDAY = rf"(?:{_WEEKDAY_FULL})\b"
WEEKDAY_ANY = rf"(?:(?:{_WEEKDAY_FULL})\b|(?:Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun|Mon)\.)"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
SEASON = r"(?i:spring|summer|autumn|fall|winter)\b"
_NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
NUMBER = rf"(?:[0-9]{{1,3}}(?![0-9,.])|(?i:{_NUMBER_WORDS})\b)".replace(r"\ ", r"\s+")
UNIT = r"(?i:days?|weeks?|months?|years?|decades?)\b"
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL_4 = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_S = r"\s+"  # one run of whitespace between words

#: Words that lead an atom and change it: early/mid/late, the start/end of, around.
MODIFIER = (
    r"(?P<mod>(?i:(?:the\s+)?(?:very\s+)?(?:early|mid|late)"
    r"|(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn)\s+of"
    r"|around|about|circa|c\.|ca\.|approximately|roughly|some\s+time\s+in|sometime\s+in))"
    r"(?:\s+|-(?=[0-9A-Za-z]))"
)

_ATOMS: list[tuple[str, str]] = [
    # -- numeric forms ----------------------------------------------------------
    ("iso", r"(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})(?![0-9]|-[0-9])"),
    ("slash", r"(?P<sl_a>[0-9]{1,2})/(?P<sl_b>[0-9]{1,2})/(?P<sl_y>[0-9]{4}|[0-9]{2})(?![0-9/])"),
    ("dotted", r"(?P<dt_d>[0-9]{1,2})\.(?P<dt_m>[0-9]{1,2})\.(?P<dt_y>[0-9]{4})(?![0-9]|\.[0-9])"),
    # -- day ranges inside one month: "17-19 April", "April 17-19, 2023" -------------
    (
        "drange_dm",
        rf"(?P<dr1_a>{DAY})\s*[-–]\s*(?P<dr1_b>{DAY})\s+(?:of\s+)?(?P<dr1_mon>{MONTH})"
        rf"(?:,?\s+(?P<dr1_y>{YEAR}))?",
    ),
    (
        "drange_md",
        rf"(?P<dr2_mon>{MONTH})\s+(?P<dr2_a>{DAY})\s*[-–]\s*(?P<dr2_b>{DAY})"
        rf"(?:,?\s+(?P<dr2_y>{YEAR}))?",
    ),
    # -- month and day, with or without weekday and year ----------------------------
    (
        "mdy",
        rf"(?:(?P<mdy_wd>{WEEKDAY_ANY}),?\s+)?(?P<mdy_mon>{MONTH})\s*"
        rf"(?P<mdy_day>{DAY})(?:,?\s+(?P<mdy_y>{YEAR}))?",
    ),
    (
        "dmy",
        rf"(?:(?P<dmy_wd>{WEEKDAY_ANY}),?\s+)?(?:(?i:the)\s+)?(?P<dmy_day>{DAY})"
        rf"(?:\s+of)?\s+(?P<dmy_mon>{MONTH})(?:,?\s+(?P<dmy_y>{YEAR}))?",
    ),
    ("my", rf"(?P<my_mon>{MONTH}),?\s+(?:of\s+)?(?P<my_y>{YEAR})"),
    # -- months: "January-February 2024", "January-February" -----------------------
    (
        "mrange",
        rf"(?P<mr_a>{MONTH_FULL}|{MONTH})\s*[-–]\s*(?P<mr_b>{MONTH})(?!\s*(?i:quarter))"
        rf"(?:,?\s+(?P<mr_y>{YEAR}))?",
    ),
    # -- parts of years -------------------------------------------------------------
    (
        "season_y",
        rf"(?:(?i:the)\s+)?(?P<sy_name>{SEASON})\s+(?:(?i:of)\s+)?(?P<sy_y>{YEAR})"
        r"(?:[-–/](?:[0-9]{2}){1,2}(?![0-9]))?",
    ),
    (
        "quarter",
        rf"(?:(?i:the)\s+)?(?P<q_ord>{ORDINAL_4})[\s-](?i:quarter)\b"
        rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<q_y>{YEAR})"
        r"|(?P<q_rel>(?i:this|last|next|the))\s+(?i:year)\b))?",
    ),
    (
        "qmonths",
        rf"(?:(?i:the)\s+)?(?P<qm_a>{MONTH})\s*[-–]\s*(?P<qm_b>{MONTH})\s*(?i:quarter)\b"
        rf"(?:\s+(?:(?i:of)\s+)?(?P<qm_y>{YEAR}))?",
    ),
    ("qcode", rf"(?P<qc_kind>Q[1-4]|H[12])(?:\s*(?P<qc_y>{YEAR})|\s*['’](?P<qc_yy>[0-9]{{2}}))?\b"),
    (
        "half",
        r"(?:(?i:the)\s+)?(?P<h_ord>(?i:first|second|1st|2nd|latter))[\s-](?i:half)\b"
        rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<h_y>{YEAR})"
        r"|(?P<h_rel>(?i:this|last|next|the))\s+(?i:year)\b))?",
    ),
    (
        "decade",
        r"(?:(?i:the)\s+)?(?:(?P<dec>1[0-9]{2}0|20[0-9]0|21[0-9]0)(?:['’]?s)\b"
        r"|['’](?P<dec_short>[0-9]0)s\b)",
    ),
    (
        "century",
        rf"(?:(?i:the)\s+)?(?P<cent>(?i:{_ORDINAL_WORDS})|[12]?[0-9](?:st|nd|rd|th))"
        r"[\s-](?i:century)\b(?!\s+(?:BC|BCE|B\.C\.))",
    ),
    # -- relative to the reference --------------------------------------------------
    (
        "relday",
        r"(?P<rd>(?i:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)"
        r"|last\s+night|the\s+(?:previous|preceding)\s+day"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|the\s+day\s+before(?!\s+(?:the|a|an|his|her|its|their|our|[0-9])\b)))\b"
        r"(?:\s+(?P<rd_part>(?i:morning|afternoon|evening|night))\b)?",
    ),
    ("ago", rf"(?P<ago_n>{NUMBER})\s+(?P<ago_unit>{UNIT})\s+(?i:ago)\b"),
    ("inn", rf"(?i:in)\s+(?P<in_n>{NUMBER})\s+(?P<in_unit>{UNIT})(?!\s+(?i:ago)\b)"),
    (
        "earlier",
        r"(?P<el_which>(?i:earlier|later))\s+(?:(?i:this)|(?i:in\s+the))"
        r"\s+(?P<el_unit>(?i:week|month|year))\b",
    ),
    ("rest", r"(?i:the\s+rest\s+of\s+(?:the|this))\s+(?P<rest_unit>(?i:week|month|year))\b"),
    (
        "pastn",
        rf"(?i:the)\s+(?P<pn_dir>(?i:past|last|previous|next|coming|following))\s+"
        rf"(?:(?P<pn_n>{NUMBER})\s+)?(?P<pn_unit>{UNIT})",
    ),
    (
        "pastn2",
        rf"(?P<pn2_dir>(?i:past|last|next|previous))\s+(?P<pn2_n>{NUMBER})\s+"
        rf"(?P<pn2_unit>{UNIT})",
    ),
    (
        "relunit",
        r"(?P<ru_which>(?i:this\s+past|this\s+coming|this|last|next))\s+"
        r"(?P<ru_unit>(?i:week|weekend|month|year"
        r"|quarter|decade|century))\b",
    ),
    ("weekend", r"(?P<wk>(?i:over\s+)?(?i:the)\s+(?i:weekend))\b"),
    (
        "weekday",
        rf"(?:(?P<wd_mod>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?"
        rf"(?P<wd_name>{WEEKDAY})"
        r"(?:\s+(?P<wd_part>(?i:morning|afternoon|evening|night))\b)?",
    ),
    (
        "bmonth",
        rf"(?:(?P<bm_mod>(?i:last|next|this\s+past|this\s+coming|this))\s+)?"
        rf"(?P<bm_name>{MONTH_FULL})",
    ),
    (
        "bseason",
        rf"(?:(?P<bs_mod>(?i:this\s+past|this\s+coming|this|last|next|the))\s+)?"
        rf"(?P<bs_name>{SEASON})",
    ),
    (
        "yrange",
        rf"(?P<yr1>{YEAR})\s*[-–]\s*(?P<yr2>(?:1[0-9]|20|21)?[0-9]{{2}})(?![0-9])",
    ),
    ("year", rf"(?:(?i:the\s+year)\s+)?(?P<yr>{YEAR})"),
    ("the_unit", r"(?i:the)\s+(?P<tu>(?i:week|month|year|decade|century))\b"),
]

ATOM_NAMES = tuple(name for name, _ in _ATOMS)

# Not inside a word, a number, an amount or an identifier; not followed by more of one.
_BEFORE = r"(?<![\w$€£¥₹#@/.,\-])"
_AFTER = r"(?![\w@%°]|[-–/.:][0-9])"

_SOURCE = (
    _BEFORE
    + rf"(?:{MODIFIER})?"
    + "(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _ATOMS)
    + ")"
    + _AFTER
)

#: Strict: month and weekday names must be capitalised, as news writes them.
STRICT = re.compile(_SOURCE)
#: Relaxed: any case, for one expression handed to ``resolve``.
RELAXED = re.compile(_SOURCE, re.IGNORECASE)

#: The words that join two dates into a range, after the first one.
RANGE_JOINER = re.compile(r"\s*(?:(?i:to|through|thru|until|till|and)\s+|[-–]\s*)")
#: The words that open a range, just before an atom.
RANGE_OPENER = re.compile(
    r"(?i:\b(?P<word>ever\s+since|since|until|till|til|through|thru|up\s+to|up\s+until|before"
    r"|after|prior\s+to|between|from)\s+)\Z"
)
#: "well before", "shortly after": a vague bound, not a range.
VAGUE_BOUND = re.compile(r"(?i:\b(?:well|shortly|just|soon|long|right|days|weeks|hours)\s+)\Z")

# -- the trigger: where a match may start --------------------------------------
# The full expression costs about ten microseconds at every position it is tried;
# this one costs a tenth of one. The scanner runs the full expression only where
# the trigger fires, so that ten megabytes of text take seconds, not minutes.
# It must fire wherever an atom or a modifier can start; firing elsewhere only
# costs time.
_ORDINALS_ALL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_COUNT = rf"(?:[0-9]|{_NUMBER_WORDS})".replace(r"\ ", r"\s+")
_TRIGGER = (
    # The leading lookahead lets ``re`` skip, at C speed, every position that
    # cannot start a date; the lookbehind keeps to the starts of words.
    r"(?=[0-9'’A-Za-z])"
    + _BEFORE
    + r"(?:['’][0-9]0s"
    + r"|(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
    + r"|[0-9]{1,2}(?:st|nd|rd|th)?(?:[/.][0-9]|\s*[-–]\s*[0-9]|\s+(?:of\s+)?[A-Z]|[\s-]century)"
    + r"|[0-9]{1,3}\s+(?i:days?|weeks?|months?|years?|decades?)\b"
    + r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    + r"|Q[1-4]|H[12]"
    + r"|(?i:(?:today|tonight|yesterday|tomorrow|this|last|next|early|mid|late|very|earlier"
    + r"|later|past|previous|coming|spring|summer|autumn|fall|winter)\b"
    + r"|(?:beginning|start|end|middle|close|turn)\s+of\b"
    + r"|(?:around|about|circa|c\.|ca\.|approximately|roughly|some\s*time\s+in)\s"
    + r"|over\s+the\s+weekend"
    + r"|(?:first|second|third|fourth|1st|2nd|3rd|4th|latter)[\s-](?:quarter|half)\b"
    + rf"|(?:{_ORDINALS_ALL})[\s-]century\b"
    + r"|in\s+"
    + _COUNT
    + rf"|(?:{_NUMBER_WORDS})\s+(?:days?|weeks?|months?|years?|decades?)\b".replace(r"\ ", r"\s+")
    + r"|the\s+(?:[0-9'’]|early|mid|late|very|beginning|start|end|middle|close|turn|year|week"
    + r"|month|decade|century|weekend|rest|past|last|previous|next|coming|following|latter"
    + r"|spring|summer|autumn|fall|winter|day|preceding|1st|2nd|3rd|4th"
    + rf"|{_ORDINALS_ALL}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"
)
#: Where a strict match may start.
STRICT_TRIGGER = re.compile(_TRIGGER)
#: Where a relaxed match may start.
RELAXED_TRIGGER = re.compile(_TRIGGER, re.IGNORECASE)
