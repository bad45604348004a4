"""Date: EDTF parsing and formatting, bounds, precision and the partial order."""

import datetime as dt

import pytest
from hypothesis import given

from claimtrack import Basis, Date, DateError, Precision
from claimtrack.strategies import dates, edtf_values


@pytest.mark.parametrize(
    ("value", "precision", "earliest", "latest"),
    [
        ("2019", Precision.YEAR, "2019-01-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("2019-11", Precision.MONTH, "2019-11-01T00:00:00", "2019-11-30T23:59:59.999999"),
        ("2020-02", Precision.MONTH, "2020-02-01T00:00:00", "2020-02-29T23:59:59.999999"),
        ("2018-08-29", Precision.DAY, "2018-08-29T00:00:00", "2018-08-29T23:59:59.999999"),
        ("2019?", Precision.YEAR, "2019-01-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("2019-11~", Precision.MONTH, "2019-11-01T00:00:00", "2019-11-30T23:59:59.999999"),
        ("2019-11-03%", Precision.DAY, "2019-11-03T00:00:00", "2019-11-03T23:59:59.999999"),
        ("201X", Precision.DECADE, "2010-01-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("19XX", Precision.CENTURY, "1900-01-01T00:00:00", "1999-12-31T23:59:59.999999"),
        ("2019-XX", Precision.YEAR, "2019-01-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("2019-XX-XX", Precision.YEAR, "2019-01-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("2019-11-XX", Precision.MONTH, "2019-11-01T00:00:00", "2019-11-30T23:59:59.999999"),
        ("2019-21", Precision.SEASON, "2019-03-01T00:00:00", "2019-05-31T23:59:59.999999"),
        ("2019-24", Precision.SEASON, "2019-12-01T00:00:00", "2020-02-29T23:59:59.999999"),
        ("2019-33", Precision.QUARTER, "2019-01-01T00:00:00", "2019-03-31T23:59:59.999999"),
        ("2019-36", Precision.QUARTER, "2019-10-01T00:00:00", "2019-12-31T23:59:59.999999"),
        ("2019-41", Precision.HALF, "2019-07-01T00:00:00", "2019-12-31T23:59:59.999999"),
        (
            "2018-08-20/2018-08-26",
            Precision.DAY,
            "2018-08-20T00:00:00",
            "2018-08-26T23:59:59.999999",
        ),
        ("2019/2020-06", Precision.YEAR, "2019-01-01T00:00:00", "2020-06-30T23:59:59.999999"),
    ],
)
def test_floating_values(value: str, precision: Precision, earliest: str, latest: str) -> None:
    date = Date.parse(value)
    assert str(date) == value
    assert date.precision is precision
    assert date.floating
    assert date.earliest == dt.datetime.fromisoformat(earliest)
    assert date.latest == dt.datetime.fromisoformat(latest)


def test_timestamp_with_offset() -> None:
    date = Date.parse("2018-08-29T23:58:40+08:00")
    assert date.precision is Precision.SECOND
    assert not date.floating
    assert date.earliest == date.latest == dt.datetime(2018, 8, 29, 15, 58, 40, tzinfo=dt.UTC)
    assert Date.parse("2018-08-29T15:58:40Z").overlaps(date)


@pytest.mark.parametrize(
    ("value", "start_open", "end_open", "has_start", "has_end"),
    [
        ("../2019", True, False, False, True),
        ("2019/..", False, True, True, False),
        ("/2019", False, False, False, True),
        ("2019/", False, False, True, False),
    ],
)
def test_interval_ends(
    value: str, start_open: bool, end_open: bool, has_start: bool, has_end: bool
) -> None:
    date = Date.parse(value)
    assert date.is_interval
    assert (date.start_open, date.end_open) == (start_open, end_open)
    assert (date.start is not None, date.end is not None) == (has_start, has_end)
    assert (date.earliest is not None, date.latest is not None) == (has_start, has_end)


def test_qualifiers() -> None:
    assert Date.parse("2019?").uncertain and not Date.parse("2019?").approximate
    assert Date.parse("2019~").approximate and not Date.parse("2019~").uncertain
    assert Date.parse("2019%").uncertain and Date.parse("2019%").approximate
    assert Date.parse("2019?/2020").uncertain


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "not an EDTF date"),
        ("2019-13", "month must be 01 to 12"),
        ("2019-02-30", "no such day"),
        ("2018-08-29T23:58:40", "needs a UTC offset"),
        ("2018-08-29T25:00:00Z", "no such time"),
        ("2018-08-29T10:00:00+25:00", "no such UTC offset"),
        ("2020/2019", "ends before it starts"),
        ("/", "at least one known end"),
        ("../..", "at least one known end"),
        ("2019/2020/2021", "exactly one '/'"),
        ("0000", "year 0000"),
        ("201X-05", "unspecified digits cannot have a month"),
        ("2019-21-03", "cannot have a day"),
        ("2019-XX-05", "unspecified month needs an unspecified day"),
        ("19", "not an EDTF date"),
        ("2019-1-1", "not an EDTF date"),
        ("2018-08-29T10:00:00Z?", "cannot carry the qualifier"),
        ("twenty nineteen", "not an EDTF date"),
    ],
)
def test_invalid_values(value: str, fragment: str) -> None:
    with pytest.raises(DateError) as info:
        Date.parse(value)
    assert fragment in str(info.value)
    assert info.value.field == "value"


def test_value_must_be_a_string() -> None:
    with pytest.raises(DateError, match="must be an EDTF string"):
        Date(value=2019)  # type: ignore[arg-type]


def test_basis_is_validated() -> None:
    with pytest.raises(DateError) as info:
        Date.parse("2019", basis="guessed")
    assert info.value.field == "basis"


def test_comparison_operators_refuse() -> None:
    with pytest.raises(TypeError, match="partial order"):
        _ = Date.parse("2019") < Date.parse("2019-09")
    with pytest.raises(TypeError):
        sorted([Date.parse("2020"), Date.parse("2019")])


def test_year_is_not_before_its_month() -> None:
    year, september = Date.parse("2019"), Date.parse("2019-09")
    assert not year.definitely_before(september)
    assert not september.definitely_before(year)
    assert year.overlaps(september)
    assert year.contains(september)
    assert not september.contains(year)
    assert year.possibly_before(september) and september.possibly_before(year)


def test_calendar_days_compare_as_calendars() -> None:
    assert Date.parse("2019-11-02").definitely_before(Date.parse("2019-11-03"))
    assert Date.parse("2019-11").definitely_before(Date.parse("2019-12-01"))


def test_local_day_versus_timestamp_in_another_zone() -> None:
    # A story stamped 00:30 in Beijing is the 30th locally but the 29th in UTC;
    # a claim said "today" (the 30th) must not count as said after publication.
    published = Date.parse("2018-08-30T00:30:00+08:00")
    said_today = Date.parse("2018-08-30")
    assert not published.definitely_before(said_today)
    assert said_today.overlaps(published)
    assert Date.parse("2018-08-27").definitely_before(published)
    assert published.definitely_before(Date.parse("2018-09-01"))


def test_open_intervals() -> None:
    before_2019 = Date.parse("../2018")
    assert before_2019.definitely_before(Date.parse("2019"))
    assert not Date.parse("2019").definitely_before(before_2019)
    assert Date.parse("2019/..").contains(Date.parse("2030-05-01"))
    assert not Date.parse("2019/").definitely_before(Date.parse("2500"))


def test_sort_key_orders_for_display() -> None:
    values = ["2020", "2019-09", "2019", "../2018", "2019-09-03T10:00:00Z"]
    ordered = sorted((Date.parse(v) for v in values), key=lambda d: d.sort_key)
    assert [str(d) for d in ordered] == [
        "../2018",
        "2019",
        "2019-09",
        "2019-09-03T10:00:00Z",
        "2020",
    ]


def test_from_datetime() -> None:
    moment = dt.datetime(2018, 8, 30, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert str(Date.from_datetime(moment)) == "2018-08-30T00:30:00+08:00"
    assert (
        str(Date.from_datetime(dt.datetime(2018, 8, 30, tzinfo=dt.UTC))) == "2018-08-30T00:00:00Z"
    )
    assert str(Date.from_datetime(dt.date(2018, 8, 30))) == "2018-08-30"
    with pytest.raises(DateError, match="needs a UTC offset"):
        Date.from_datetime(dt.datetime(2018, 8, 30))


def test_metadata_is_kept_and_counts_for_equality() -> None:
    stated = Date.parse("2021-03-02")
    resolved = Date.parse("2021-03-02", basis=Basis.RESOLVED, text="on Tuesday", rule="weekday")
    assert resolved.basis is Basis.RESOLVED and resolved.text == "on Tuesday"
    assert resolved != stated
    assert str(resolved) == str(stated)


@given(edtf_values())
def test_parse_of_str_round_trips(value: str) -> None:
    date = Date.parse(value)
    assert str(date) == value
    again = Date.parse(str(date))
    assert again == date and again.sort_key == date.sort_key


@given(dates(), dates(), dates())
def test_definitely_before_is_a_strict_partial_order(a: Date, b: Date, c: Date) -> None:
    assert not a.definitely_before(a)
    if a.definitely_before(b):
        assert not b.definitely_before(a)
        assert a.possibly_before(b)
        assert not a.overlaps(b)
        if b.definitely_before(c):
            assert a.definitely_before(c)


@given(dates(), dates(), dates())
def test_contains_is_a_preorder_within_overlap(a: Date, b: Date, c: Date) -> None:
    assert a.contains(a)
    if a.contains(b):
        assert a.overlaps(b)
        if b.contains(c):
            assert a.contains(c)
    assert a.overlaps(b) == b.overlaps(a)


@given(dates())
def test_bounds_are_ordered(a: Date) -> None:
    if a.earliest is not None and a.latest is not None:
        assert a.earliest <= a.latest
