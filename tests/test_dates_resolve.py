"""Tests for claimtrack.dates.resolve (and Date.resolve, which delegates to it)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import Basis, Date, DateError, ValidationError
from claimtrack.dates import resolve

# Wednesday 18 September 2019, 14:00 in Paris.
REF = dt.datetime(2019, 9, 18, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        # absolute forms
        ("August 21, 2018", "2018-08-21"),
        ("21 August 2018", "2018-08-21"),
        ("Aug. 21, 2018", "2018-08-21"),
        ("2018-08-21", "2018-08-21"),
        ("8/21/2018", "2018-08-21"),
        ("21/8/2018", "2018-08-21"),  # only one reading is a date
        ("21.08.2018", "2018-08-21"),
        ("Tuesday, Aug. 21, 2018", "2018-08-21"),
        ("the 3rd of March 2017", "2017-03-03"),
        ("March 2019", "2019-03"),
        ("Nov. 2019", "2019-11"),
        ("2019", "2019"),
        ("the year 2000", "2000"),
        # parts of years, decades, centuries
        ("summer 2019", "2019-22"),
        ("the autumn of 2021", "2021-23"),
        ("the winter of 1870-71", "1870-24"),
        ("the third quarter of 2019", "2019-35"),
        ("Q3 2019", "2019-35"),
        ("the January-March quarter of 2020", "2020-33"),
        ("the first half of 2019", "2019-40"),
        ("H2 2019", "2019-41"),
        ("the 1990s", "199X"),
        ("the '90s", "199X"),
        ("the 19th century", "18XX"),
        ("the sixth century", "05XX"),
        # month and day without a year: the nearest such day
        ("Aug. 21", "2019-08-21"),
        ("on March 3", "2020-03-03"),
        ("Sept. 30", "2019-09-30"),
        ("Tuesday, Aug. 21", "2018-08-21"),  # the nearby year in which it is a Tuesday
        # weekdays
        ("next Friday", "2019-09-20"),
        ("last Tuesday", "2019-09-17"),
        ("last Wednesday", "2019-09-11"),
        ("this Friday", "2019-09-20"),
        # days and units relative to the reference
        ("today", "2019-09-18"),
        ("tonight", "2019-09-18"),
        ("this morning", "2019-09-18"),
        ("yesterday", "2019-09-17"),
        ("last night", "2019-09-17"),
        ("tomorrow", "2019-09-19"),
        ("the previous day", "2019-09-17"),
        ("this week", "2019-09-16/2019-09-22"),
        ("last week", "2019-09-09/2019-09-15"),
        ("next week", "2019-09-23/2019-09-29"),
        ("this month", "2019-09"),
        ("last month", "2019-08"),
        ("next month", "2019-10"),
        ("this year", "2019"),
        ("Last year", "2018"),
        ("next year", "2020"),
        ("this quarter", "2019-35"),
        ("last quarter", "2019-34"),
        ("this weekend", "2019-09-21/2019-09-22"),
        ("last weekend", "2019-09-14/2019-09-15"),
        ("three days ago", "2019-09-15"),
        ("two weeks ago", "2019-09-02/2019-09-08"),
        ("six months ago", "2019-03"),
        ("a year ago", "2018"),
        ("in 10 days", "2019-09-28"),
        ("in two weeks", "2019-09-30/2019-10-06"),
        ("in six months", "2020-03"),
        ("earlier this month", "2019-09-01/2019-09-18"),
        ("later this year", "2019-09-18/2019-12-31"),
        ("the rest of the month", "2019-09-18/2019-09-30"),
        ("the past two weeks", "2019-09-04/2019-09-18"),
        ("the past 18 months", "2018-03-18/2019-09-18"),
        ("the next week", "2019-09-18/2019-09-25"),
        ("last winter", "2018-24"),
        ("this autumn", "2019-23"),
        ("next spring", "2020-21"),
        # modifiers
        ("early 2019", "2019-01/2019-04"),
        ("mid-2019", "2019-05/2019-08"),
        ("late 2019", "2019-09/2019-12"),
        ("the end of 2023", "2023-09/2023-12"),
        ("the beginning of March 2019", "2019-03-01/2019-03-10"),
        ("late February 2019", "2019-02-21/2019-02-28"),
        ("the end of the month", "2019-09-21/2019-09-30"),
        ("late last month", "2019-08-21/2019-08-31"),
        ("the early 2000s", "2000/2003"),
        ("the mid-2000s", "2004/2006"),
        ("the late 1990s", "1997/1999"),
        ("around 2015", "2015~"),
        ("about 1920", "1920~"),
        ("circa 1850", "1850~"),
        # ranges
        ("before 2021", "../2020"),
        ("before March 2019", "../2019-02"),
        ("after Jan. 1, 2025", "2025-01-02/.."),
        ("since 2015", "2015/2019-09-18"),
        ("since last August", "2019-08/2019-09-18"),
        ("until 13 October", "../2019-10-13"),
        ("between 2017 and 2021", "2017/2021"),
        ("between April 2016 and March 2019", "2016-04/2019-03"),
        ("from 2016 through 2019", "2016/2019"),
        ("from January to October 2019", "2019-01/2019-10"),
        ("from July 29 to Aug. 2", "2019-07-29/2019-08-02"),
        ("17-19 April 2018", "2018-04-17/2018-04-19"),
        ("April 17-19, 2018", "2018-04-17/2018-04-19"),
    ],
)
def test_resolves_news_expressions(expression: str, value: str) -> None:
    assert resolve(expression, REF).value == value


@pytest.mark.parametrize(
    ("expression", "tense", "value"),
    [
        ("Wednesday", "past", "2019-09-18"),  # the reference day itself counts
        ("Wednesday", "future", "2019-09-18"),
        ("Monday", "past", "2019-09-16"),
        ("Monday", "future", "2019-09-23"),
        ("Monday", None, "2019-09-16?"),  # a guess, marked uncertain
        ("Friday night", "future", "2019-09-20"),
        ("Tuesday morning", "past", "2019-09-17"),
        ("late Tuesday", "past", "2019-09-17"),
        ("March", "past", "2019-03"),
        ("March", "future", "2020-03"),
        ("September", "past", "2019-09"),
        ("September", "future", "2019-09"),
        ("last November", None, "2018-11"),
        ("next March", None, "2020-03"),
        ("the summer", "past", "2019-22"),
        ("the winter", "future", "2019-24"),
        ("the first quarter", "past", "2019-33"),
        ("the fourth quarter", "past", "2018-36"),
        ("the fourth quarter", "future", "2019-36"),
    ],
)
def test_tense_decides_the_direction(expression: str, tense: str | None, value: str) -> None:
    assert resolve(expression, REF, tense=tense).value == value


def test_basis_text_and_rule_are_recorded() -> None:
    stated = resolve("in November 2019", REF)
    assert stated.basis is Basis.STATED
    assert stated.text == "November 2019"
    assert stated.rule == "absolute.month_year"
    relative = resolve("on Tuesday", REF, tense="past")
    assert relative.basis is Basis.RESOLVED
    assert relative.rule == "weekday.most_recent"
    assert relative.text == "Tuesday"
    guess = resolve("Tuesday", REF)
    assert guess.uncertain
    assert guess.rule == "weekday.guess"


def test_month_and_year_never_copy_the_reference_day() -> None:
    date = resolve("November 2019", REF)
    assert date.precision.value == "month"
    assert date.value == "2019-11"
    assert resolve("2019", REF).precision.value == "year"


def test_day_first_option_reads_numeric_dates_day_first() -> None:
    assert resolve("3/4/2019", REF).value == "2019-03-04"
    assert resolve("3/4/2019", REF, day_first=True).value == "2019-04-03"


def test_date_resolve_delegates() -> None:
    assert Date.resolve("last week", REF) == resolve("last week", REF)


# -- the reference ---------------------------------------------------------------


def test_local_calendar_of_the_reference() -> None:
    # 00:30 at +08:00 is 16:30 the day before in UTC: "yesterday" is the local one.
    beijing = dt.datetime(2024, 6, 5, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert resolve("yesterday", beijing).value == "2024-06-04"
    assert resolve("today", beijing).value == "2024-06-05"
    as_utc = beijing.astimezone(dt.UTC)
    assert resolve("today", as_utc).value == "2024-06-04"


@pytest.mark.parametrize(
    "reference",
    [
        Date.parse("2024-06-05T00:30:00+08:00"),
        Date.parse("2024-06-05"),
        dt.date(2024, 6, 5),
        dt.datetime(2024, 6, 5, 0, 30),  # naive: taken as local time
        "2024-06-05T00:30:00+08:00",
    ],
)
def test_reference_kinds(reference: object) -> None:
    assert resolve("yesterday", reference).value == "2024-06-04"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "reference", [Date.parse("2024-06"), Date.parse("2024-06-01/2024-06-07"), "soon", 42, None]
)
def test_bad_reference_is_a_date_error(reference: object) -> None:
    with pytest.raises(DateError) as info:
        resolve("yesterday", reference)  # type: ignore[arg-type]
    assert info.value.field == "reference"


# -- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "   ",
        "48",
        "2,350 kilograms",
        "Section 230",
        "24/7",
        "3-2",
        "1-800-555-0199",
        "version 4.2.1",
        "one in five",
        "the month",
        "soon",
        "Tuesday and then some",
        "((((((",
        "\x00\x01\xff\ufffd",
        "x" * 1000,
        "2019" * 100,
    ],
)
def test_not_a_date_is_a_date_error(expression: str) -> None:
    with pytest.raises(DateError) as info:
        resolve(expression, REF)
    assert info.value.field == "expression"
    assert isinstance(info.value, ValidationError)
    assert "not a date expression" in info.value.message


@pytest.mark.parametrize("expression", [None, 2019, b"2019"])
def test_expression_must_be_a_string(expression: object) -> None:
    with pytest.raises(DateError, match="'expression' must be a string"):
        resolve(expression, REF)  # type: ignore[arg-type]


def test_bad_tense_is_a_date_error() -> None:
    with pytest.raises(DateError) as info:
        resolve("Tuesday", REF, tense="later")
    assert info.value.field == "tense"


# -- laws --------------------------------------------------------------------------

references = st.datetimes(
    min_value=dt.datetime(1950, 1, 1),
    max_value=dt.datetime(2120, 12, 31),
    timezones=st.sampled_from(
        [dt.UTC, *(dt.timezone(dt.timedelta(minutes=m)) for m in (-720, -300, 330, 480, 840))]
    ),
)
expressions = st.sampled_from(
    [
        "today", "yesterday", "tomorrow", "this week", "last week", "next week", "this month",
        "last month", "this year", "last year", "Tuesday", "on Sunday", "next Friday",
        "last Monday", "March 3", "Feb. 29", "Dec. 31", "November", "last summer",
        "the third quarter", "three days ago", "two weeks ago", "in 10 days", "in six months",
        "earlier this month", "later this year", "the past two weeks", "since May",
        "the end of the month", "mid-2019", "the 1990s", "between 2017 and 2021",
        "since last August", "until Friday", "the first half", "this weekend", "Q4 2020",
    ]
)  # fmt: skip


def _day(reference: dt.datetime) -> Date:
    return Date.parse(reference.date().isoformat())


@settings(max_examples=300, deadline=None)
@given(expressions, references, st.sampled_from([None, "past", "future"]))
def test_round_trips_through_edtf_and_is_deterministic(
    expression: str, reference: dt.datetime, tense: str | None
) -> None:
    date = resolve(expression, reference, tense=tense)
    assert Date.parse(date.value).value == date.value
    again = resolve(expression, reference, tense=tense)
    assert again == date
    assert again.rule == date.rule


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["today", "this week", "this month", "this year", "tonight"]), references)
def test_the_present_contains_the_reference_day(expression: str, reference: dt.datetime) -> None:
    assert resolve(expression, reference).contains(_day(reference))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        ["yesterday", "last week", "last month", "last year", "the previous day", "last night"]
    )
    | st.builds("{} days ago".format, st.integers(1, 400))
    | st.builds("{} weeks ago".format, st.integers(1, 60))
    | st.builds("{} years ago".format, st.integers(1, 50)),
    references,
)
def test_the_past_lies_definitely_before_the_reference(
    expression: str, reference: dt.datetime
) -> None:
    assert resolve(expression, reference).definitely_before(_day(reference))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["tomorrow", "next week", "next month", "next year"])
    | st.builds("in {} days".format, st.integers(1, 400)),
    references,
)
def test_the_future_lies_definitely_after_the_reference(
    expression: str, reference: dt.datetime
) -> None:
    assert resolve(expression, reference).definitely_after(_day(reference))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), references)
def test_month_day_is_the_nearest_such_day(month: int, day: int, reference: dt.datetime) -> None:
    try:
        dt.date(2000, month, day)  # a leap year: every month-day exists in some year
    except ValueError:
        return
    name = dt.date(2000, month, 1).strftime("%B")
    found = dt.date.fromisoformat(resolve(f"{name} {day}", reference).value)
    local = reference.date()
    for year in (local.year - 1, local.year, local.year + 1):
        try:
            other = dt.date(year, month, day)
        except ValueError:
            continue
        assert abs((found - local).days) <= abs((other - local).days)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(range(7)), references)
def test_weekday_rules(target: int, reference: dt.datetime) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][target]
    local = reference.date()
    past = dt.date.fromisoformat(resolve(name, reference, tense="past").value)
    future = dt.date.fromisoformat(resolve(name, reference, tense="future").value)
    last = dt.date.fromisoformat(resolve(f"last {name}", reference).value)
    following = dt.date.fromisoformat(resolve(f"next {name}", reference).value)
    for day in (past, future, last, following):
        assert day.weekday() == target
    assert 0 <= (local - past).days < 7
    assert 0 <= (future - local).days < 7
    assert 1 <= (local - last).days <= 7
    assert 1 <= (following - local).days <= 7
