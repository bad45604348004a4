"""Tests for claimtrack.dates.find_dates and DateMention."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import Basis, Date, DateError, Span
from claimtrack.dates import DateMention, find_dates, resolve

# Thursday 14 March 2024, 09:30 in Washington.
REF = dt.datetime(2024, 3, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


def found(text: str, reference: object = REF) -> list[tuple[str, str]]:
    return [(m.text, m.date.value) for m in find_dates(text, reference)]  # type: ignore[arg-type]


def test_a_wire_story() -> None:
    text = (
        "The Senate Appropriations Committee voted 19-10 on Wednesday to send a $2.1 billion "
        "border package to the floor, setting up a final vote next week. The bill, first "
        "introduced in November 2023, would pay for 2,000 officers and revive a grant program "
        "that lapsed on Sept. 30, 2023. Majority Leader Dana Whitcombe told reporters Thursday "
        "morning she expected passage by the end of the month. Opponents may still force a "
        "delay."
    )
    mentions = find_dates(text, REF)
    assert [(m.text, m.date.value) for m in mentions] == [
        ("Wednesday", "2024-03-13"),
        ("next week", "2024-03-18/2024-03-24"),
        ("November 2023", "2023-11"),
        ("Sept. 30, 2023", "2023-09-30"),
        ("Thursday morning", "2024-03-14"),
        ("the end of the month", "2024-03-21/2024-03-31"),
    ]
    for mention in mentions:
        assert mention.span.of(text) == mention.text
        assert mention.date.text == mention.text
    assert mentions[0].date.basis is Basis.RESOLVED
    assert mentions[0].date.rule == "weekday.most_recent"
    assert mentions[2].date.basis is Basis.STATED


def test_mention_is_a_frozen_attrs_class() -> None:
    mention = find_dates("It happened yesterday.", REF)[0]
    assert mention == DateMention(
        span=Span(12, 21), text="yesterday", date=resolve("yesterday", REF)
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        mention.text = "today"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The council voted on Tuesday to close the school.", "2024-03-12"),
        ("The council will vote on Tuesday.", "2024-03-19"),
        ("The new rules take effect Monday.", "2024-03-18"),
        ("The report is due Friday.", "2024-03-15"),
        ("Jury selection begins Tuesday.", "2024-03-19"),
        ("The bridge will be closed Saturday.", "2024-03-16"),
        ("A federal jury on Monday convicted the former mayor.", "2024-03-11"),
        ("Officials said on Thursday that the plant would reopen.", "2024-03-14"),
        ("Monday's ruling, which the court published, surprised many.", "2024-03-11?"),
        ("The company reported its results last Tuesday.", "2024-03-12"),
        ("Tickets go on sale next Tuesday.", "2024-03-19"),
        ("The shop closed early Sunday night.", "2024-03-10"),
    ],
)
def test_the_tense_of_the_clause_picks_the_weekday(sentence: str, value: str) -> None:
    assert [v for _, v in found(sentence)] == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said 48 people were injured and 2,350 kilograms of explosives were seized.",
        "The 17 suspects face charges under Section 230 of the act.",
        "The hotline is open 24/7, and United won 3-2 after a 19-10 vote.",
        "Call 1-800-555-0199 or 215-555-0143 for details.",
        "About 2,000 officers and 300 troops were deployed; one in five residents left.",
        "Version 4.2.1 of the app was released with firmware 10.2.",
        "She may decide later. Officials may resign.",
        "Theresa May spoke first. Carol May, 54, was arrested. April Lin and Tomás March left.",
        "The Good Friday Agreement was praised by The Sunday Times.",
        "The company said it may cut 1500 jobs, and around 2000 people protested.",
        "Flight 2119 landed at Gate 12 with 1,987 passengers and 1500 metres to spare.",
        "It was the highest level in five years and the first rise in two decades.",
        "He scored in the first half and again in the second half of the match.",
        "The fall in prices hurt farmers, and the spring that feeds the village ran low.",
    ],
)
def test_numbers_and_names_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


def test_years_need_a_context_that_makes_them_years() -> None:
    text = "In 2019, 48 plants were inspected, up from 1999 in a 2016 audit; 2020 votes were cast."
    assert found(text) == [("2019", "2019"), ("1999", "1999"), ("2016", "2016")]


def test_spans_leave_out_leading_prepositions_but_keep_range_words() -> None:
    text = "The law took effect on 1 July, has been debated since 2019 and runs until 2030."
    assert found(text) == [
        ("1 July", "2024-07-01"),
        ("since 2019", "2019/2024-03-14"),
        ("until 2030", "../2030"),
    ]


def test_ranges_share_a_year() -> None:
    text = "The registration drive ran from January to October 2019 and from 2 April to 16 May."
    assert found(text) == [
        ("from January to October 2019", "2019-01/2019-10"),
        ("from 2 April to 16 May", "2024-04-02/2024-05-16"),
    ]


def test_a_deadline_is_a_day_not_a_range() -> None:
    assert found("The ministry has until Friday to answer.") == [("Friday", "2024-03-15")]
    assert found("Relief may not arrive until next week.") == [
        ("next week", "2024-03-18/2024-03-24")
    ]


def test_local_calendar_of_a_story_stamped_after_midnight() -> None:
    beijing = dt.datetime(2024, 6, 5, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    text = "The minister said yesterday that the law takes effect tomorrow."
    assert found(text, beijing) == [("yesterday", "2024-06-04"), ("tomorrow", "2024-06-06")]
    assert found(text, Date.parse("2024-06-05T00:30:00+08:00")) == found(text, beijing)


def test_day_first_option() -> None:
    assert found("The memo is dated 3/4/2019.") == [("3/4/2019", "2019-03-04")]
    mentions = find_dates("The memo is dated 3/4/2019.", REF, day_first=True)
    assert mentions[0].date.value == "2019-04-03"


# -- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "No dates here, only words and 17 numbers.",
        "((((]]]]}}}}''''\"\"\"",
        "\x00\x01\x02\ufffd\udc80" * 100,
    ],
)
def test_texts_without_dates_give_no_mentions(text: str) -> None:
    assert find_dates(text, REF) == []


def test_ten_megabytes_of_junk_return_without_mentions() -> None:
    rng = random.Random(5)
    junk = "".join(chr(rng.randrange(0, 0x2FF)) for _ in range(100_000))
    assert find_dates(junk * 100, REF) == []
    assert find_dates("(" * 10_000_000, REF) == []


def test_a_megabyte_of_news_finds_every_repeat() -> None:
    story = "Officials said on Wednesday that the fund, set up in 2019, closes next month. "
    mentions = find_dates(story * 13_000, REF)
    assert len(mentions) == 3 * 13_000
    assert {m.date.value for m in mentions} == {"2024-03-13", "2019", "2024-04"}


@pytest.mark.parametrize("text", [None, b"on Tuesday", 42])
def test_text_must_be_a_string(text: object) -> None:
    with pytest.raises(DateError) as info:
        find_dates(text, REF)  # type: ignore[arg-type]
    assert info.value.field == "text"


def test_bad_reference_is_a_date_error() -> None:
    with pytest.raises(DateError):
        find_dates("on Tuesday", "not a time")


# -- laws --------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "on Tuesday", "last week", "in 2019", "August 21", "2,000 officers", "Section 230",
        "said", "will", "the end of the month", "since March", "between 2017 and 2021", "May",
        "three days ago", "(", ")", "—", ".", ",", "24/7", "3-2", "1-800-555-0199", "the",
        "mid-2019", "Q3 2019", "the 1990s", "today", "next Friday", "\n", "'", "’s",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=25).map(" ".join))
def test_spans_are_sorted_disjoint_and_round_trip(text: str) -> None:
    mentions = find_dates(text, REF)
    end = 0
    for mention in mentions:
        assert mention.span.start >= end
        end = mention.span.end
        assert mention.span.of(text) == mention.text
        assert Date.parse(mention.date.value).value == mention.date.value
    assert find_dates(text, REF) == mentions  # deterministic


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for mention in find_dates(text, REF):
        assert mention.span.of(text) == mention.text


# -- the ``claimtrack dates`` command ------------------------------------------------


def _command(argv: list[str]) -> int:
    import argparse

    from claimtrack.dates.cli import add_commands

    parser = argparse.ArgumentParser(prog="claimtrack")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


def test_command_lists_the_dates_of_a_file(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    from pathlib import Path

    story = Path(str(tmp_path)) / "story.txt"
    story.write_text("The council voted on Wednesday; the law takes effect next month.\n")
    assert _command(["dates", str(story), "--published", "2024-03-14T09:30:00-04:00"]) == 0
    table = capsys.readouterr().out
    assert "Wednesday" in table and "2024-03-13" in table and "2024-04" in table
    assert _command(["dates", str(story), "--published", "2024-03-14", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [
        {"start": 21, "end": 30, "text": "Wednesday", "value": "2024-03-13",
         "basis": "resolved", "rule": "weekday.most_recent"},
        {"start": 53, "end": 63, "text": "next month", "value": "2024-04",
         "basis": "resolved", "rule": "relative.next_month"},
    ]  # fmt: skip


def test_command_resolves_one_expression(capsys: pytest.CaptureFixture[str]) -> None:
    assert _command(["dates", "--published", "2024-03-14", "--resolve", "last week"]) == 0
    assert "2024-03-04/2024-03-10" in capsys.readouterr().out


def test_command_rejects_a_bad_reference_and_binary_files(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    with pytest.raises(DateError):
        _command(["dates", "--published", "soon", "--resolve", "today"])
    junk = Path(str(tmp_path)) / "junk.bin"
    junk.write_bytes(b"\xff\xfe\x00\x81" * 100)
    assert _command(["dates", str(junk), "--published", "2024-03-14"]) == 1
    assert "not UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("reference", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_references_at_the_ends_of_the_calendar_do_not_crash(reference: dt.date) -> None:
    text = "yesterday, tomorrow, next year, last year, the 1990s, in 10 days, Dec. 31"
    for mention in find_dates(text, reference):
        assert mention.span.of(text) == mention.text
    assert "the 1990s" in [m.text for m in find_dates(text, reference)]
