"""The date grammar (dates.py): every documented form, every refusal and its message."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.dates import (
    DateInputError,
    DayRange,
    EventId,
    MonthDay,
    event_id_refusal,
    parse_date,
    parse_day,
    parse_day_range,
    parse_end,
    parse_when,
    reads_as_date,
)
from accordcli.ids import first_refused

D = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        # ISO and EDTF, as accord prints them; a qualifier keeps the same days.
        ("1978", D(1978, 1, 1), D(1978, 12, 31), "year"),
        ("1978-04", D(1978, 4, 1), D(1978, 4, 30), "month"),
        ("1988-02", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("1978-04-27", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("1979~", D(1979, 1, 1), D(1979, 12, 31), "year"),
        ("1983?", D(1983, 1, 1), D(1983, 12, 31), "year"),
        ("1986-09-26?", D(1986, 9, 26), D(1986, 9, 26), "day"),
        ("1992-04%", D(1992, 4, 1), D(1992, 4, 30), "month"),
        ("1988-05-15/1989-02-15", D(1988, 5, 15), D(1989, 2, 15), "range"),
        ("1979~/1990", D(1979, 1, 1), D(1990, 12, 31), "range"),
        ("0088-04", D(88, 4, 1), D(88, 4, 30), "month"),
        ("  1988  ", D(1988, 1, 1), D(1988, 12, 31), "year"),
        ("1988,", D(1988, 1, 1), D(1988, 12, 31), "year"),
        # Dates as accord shows them to people (edtf.shown_date), in either language: the
        # same days as the EDTF they stand for.
        ("c. 1979", D(1979, 1, 1), D(1979, 12, 31), "year"),
        ("1983 (uncertain)", D(1983, 1, 1), D(1983, 12, 31), "year"),
        ("c. 1992-04 (uncertain)", D(1992, 4, 1), D(1992, 4, 30), "month"),
        ("yaklaşık 1979", D(1979, 1, 1), D(1979, 12, 31), "year"),
        ("1983 (kesin değil)", D(1983, 1, 1), D(1983, 12, 31), "year"),
        ("Yaklasik 1986-09-26 (kesin degil)", D(1986, 9, 26), D(1986, 9, 26), "day"),
        ("c. April 1988", D(1988, 4, 1), D(1988, 4, 30), "month"),
        ("1983-04-11 – 1983-04-29", D(1983, 4, 11), D(1983, 4, 29), "range"),
        ("1983-04-11–1983-04-29", D(1983, 4, 11), D(1983, 4, 29), "range"),
        ("1983-04-11 - 1983-04-29", D(1983, 4, 11), D(1983, 4, 29), "range"),  # plain output
        ("c. 1979 – 1990", D(1979, 1, 1), D(1990, 12, 31), "range"),
        ("1987-12-07 (uncertain) –\n1987-12-10", D(1987, 12, 7), D(1987, 12, 10), "range"),
        ("14 April 1988 – May 1988", D(1988, 4, 14), D(1988, 5, 31), "range"),
        # Day and month in digits before the year when only one order makes a date.
        ("14.04.1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("14-04-1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("14/4/1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("4/14/1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("05.05.1988", D(1988, 5, 5), D(1988, 5, 5), "day"),
        ("29.02.1988", D(1988, 2, 29), D(1988, 2, 29), "day"),
        # Year first is never ambiguous, zero-padded or not.
        ("1988-4-5", D(1988, 4, 5), D(1988, 4, 5), "day"),
        ("1988/4/14", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988.2", D(1988, 2, 1), D(1988, 2, 29), "month"),
        # English and Turkish words, in full or by three letters.
        ("April 1978", D(1978, 4, 1), D(1978, 4, 30), "month"),
        ("27 April 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("April 27, 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("april 27 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("Sept 5, 1988", D(1988, 9, 5), D(1988, 9, 5), "day"),
        ("5 Apr. 1988", D(1988, 4, 5), D(1988, 4, 5), "day"),
        ("5th of May 1988", D(1988, 5, 5), D(1988, 5, 5), "day"),
        ("1st March 1988", D(1988, 3, 1), D(1988, 3, 1), "day"),
        ("April 0999", D(999, 4, 1), D(999, 4, 30), "month"),
        ("27 Nisan 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("Nisan 1988", D(1988, 4, 1), D(1988, 4, 30), "month"),
        ("14 Nis 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Şubat 1988", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("subat 1988", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("14 NİSAN 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("15 Mayıs 1988", D(1988, 5, 15), D(1988, 5, 15), "day"),
        ("Aralık 1979", D(1979, 12, 1), D(1979, 12, 31), "month"),
        ("Eylül 1986", D(1986, 9, 1), D(1986, 9, 30), "month"),
        ("ağustos 1988", D(1988, 8, 1), D(1988, 8, 31), "month"),
        # A weekday that agrees with its day, in either language, before or after it.
        ("Thursday 14 April 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Thu, 14 Apr 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Perşembe 14 Nisan 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("salı, 12 nisan 1988", D(1988, 4, 12), D(1988, 4, 12), "day"),
        ("Thursday 1988-04-14", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988-04-14 Thursday", D(1988, 4, 14), D(1988, 4, 14), "day"),
        # Folded as --search folds: a soft hyphen pasted from a web page is no obstacle.
        ("Ni\u00adsan 1988", D(1988, 4, 1), D(1988, 4, 30), "month"),
    ],
)
def test_accepted_forms(text: str, first: dt.date, last: dt.date, precision: str) -> None:
    assert parse_day_range(text) == DayRange(first, last, precision)
    assert parse_end(text) == parse_date(text) == parse_when(text) == DayRange(first, last,
                                                                               precision)


@pytest.mark.parametrize(("text", "month", "day"), [
    ("04-14", 4, 14), ("4-14", 4, 14), ("02-29", 2, 29), ("12-31", 12, 31), ("01-01", 1, 1),
    ("14 April", 4, 14), ("April 14", 4, 14), ("14 Nisan", 4, 14), ("14th of April", 4, 14),
    ("29 Şubat", 2, 29),
])
def test_a_month_and_day_without_a_year_is_an_anniversary(text: str, month: int,
                                                          day: int) -> None:
    assert parse_date(text) == parse_when(text) == MonthDay(month, day)


@pytest.mark.parametrize(("text", "message"), [
    # The usability review's cases (items 11 and 12), each with the mistake it is.
    ("14 Aprl 1988", "'14 Aprl 1988': 'Aprl' is not a month or weekday; did you mean April?"),
    ("14 Nisn 1988", "'14 Nisn 1988': 'Nisn' is not a month or weekday; did you mean Nisan?"),
    ("Febuary 1988", "'Febuary' is not a month or weekday; did you mean February?"),
    ("14 Mayis 1988", None),  # Mayıs without its dotless ı: read, not refused
    ("Thursdy 14 April 1988", "did you mean Thursday?"),
    ("14 avril 1988", "'14 avril 1988': 'avril' is not a month name accord reads; write the "
                      "month in English or Turkish ('14 April 1988', '14 Nisan 1988') or in "
                      "digits (1988-04-14)"),
    ("3 März 1988", "'März' is not a month name accord reads"),
    ("14 abril 1988", "'abril' is not a month name accord reads"),
    ("Q2 1988", "'Q2 1988' is not a supported date form; write e.g. 1988, 1988-04, "
                "1988-04-14, 'April 1988', '14 Nisan 1988'"),
    ("1988-W15", "'1988-W15' is not a supported date form"),
    ("1988-Q2", "is not a supported date form"),
    ("19880414", "'19880414': write the day with hyphens, 1988-04-14"),
    ("19881399", "'19881399' is not a date; write e.g. 1988"),
    ("1988.0", "'1988.0': month 0 does not exist"),
    ("1988.13", "'1988.13': month 13 does not exist"),
    ("-1988", "'-1988': years run from 0001 to 9999, with no sign"),
    ("+1988-04", "'+1988-04': years run from 0001 to 9999, with no sign"),
    ("1988-", "'1988-' is incomplete; write e.g. 1988, 1988-04"),
    ("1988-04-", "'1988-04-' is incomplete"),
    ("1988/", "'1988/' is incomplete"),
    ("1980-01-01/..", "'1980-01-01/..': a range needs both its ends; an open end ('..') is "
                      "not supported"),
    ("../1989", "a range needs both its ends"),
    ("1989/1988", "'1989/1988': the interval ends before it starts"),
    # The rest of the grammar's refusals.
    ("", "empty date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    ("   ", "empty date"),
    ("\u00ad", "empty date"),
    ("abc", "'abc' is not a supported date form"),
    ("99999999999", "'99999999999': a year has four digits (0001 to 9999), e.g. 1988"),
    ("198", "a year has four digits"),
    ("0000", "'0000': year 0000 is not supported"),
    ("1988-02-30", "'1988-02-30': February 1988 has no day 30"),
    ("1988-13", "'1988-13': month 13 does not exist"),
    ("1988-4-31", "'1988-4-31': April 1988 has no day 31"),
    ("31 April 1988", "'31 April 1988': April 1988 has no day 31"),
    # A month with no such day says so (not "not a month and day").
    ("30 Şubat", "'30 Şubat': February has no day 30"),
    ("02-30", "'02-30': February has no day 30"),
    ("00-10", "is not a month and day"),
    ("14-04", "'14-04' is not a month and day (MM-DD); did you mean 04-14?"),
    ("31-02", "'31-02' is not a month and day (MM-DD)"),
    ("04-00", "'04-00': April has no day 0"),
    ("+25:00", "cannot read '+25:00': give a date without a time"),
    ("12:30 1988", "give a date without a time"),
    ("27 Nisan 1978 10:00", "give a date without a time"),
    ("1988-04-14T05", "give a date without a time"),
    ("14 April 1988 5pm", "give a date without a time"),
    ("14 April 1988 UTC", "give a date without a time"),
    ("1988 EST", "is not a supported date form"),
    ("1988\x00", "contains control characters"),
    ("04/05/1988", "'04/05/1988' is ambiguous (day or month first?); write it as YYYY-MM-DD, "
                   "e.g. 1988-04-05 or 1988-05-04"),
    ("4,5,1988", "e.g. 1988-04-05 or 1988-05-04"),
    # Neither order makes a date: the real mistake, not "ambiguous".
    ("31/02/1988", "'31/02/1988': February 1988 has no day 31"),
    ("02.31.1988", "'02.31.1988': February 1988 has no day 31"),
    ("0.5.1988", "'0.5.1988': May 1988 has no day 0"),
    ("14 14 1988", "'14 14 1988' has no month: 14 and 14 are both over 12; write YYYY-MM-DD, "
                   "e.g. 1988-04-14"),
    ("14.13.1988", "has no month: 14 and 13 are both over 12"),
    ("1988 1989", "'1988 1989' holds more than one year; give one date, or a range as "
                  "1988/1989"),
    ("14.04.1988.1989", "holds more than one year"),
    ("05.04.1988", "ambiguous"),
    ("29.02.1989", "'29.02.1989': February 1989 has no day 29"),
    # What accord shows for people, mistyped: the message quotes all that was typed.
    ("c. 1988-02-30", "'c. 1988-02-30': February 1988 has no day 30"),
    ("1990 – 1979", "'1990 – 1979': the interval ends before it starts"),
    ("1988 – 1989 – 1990", "is not a supported date form"),
    ("1988 –", "is not a supported date form"),
    ("c. 04-14", "'c. 04-14' is not a supported date form"),
    ("1979/1980 – 1990", "is not a supported date form"),
    ("c.", "is not a supported date form"),
    ("1988-4/5", "ambiguous"),
    ("5, 1988", "'5, 1988' is ambiguous: is 5 a day or a month? Name the month ('May 1988', "
                "'5 Mayıs 1988') or write YYYY-MM-DD"),
    ("1988 5", "is 5 a day or a month?"),
    ("5 of 1988", "is 5 a day or a month?"),
    ("88-04", "'88-04': write the year with four digits, e.g. 1988-04-14"),
    ("14/4/88", "write the year with four digits"),
    ("April 88", "'April 88': write the year with four digits"),
    ("14 April 88", "write the year with four digits"),
    ("March", "'March' needs a year, e.g. 'March 1988'"),
    ("April May 1988", "is not a supported date form"),
    ("1988 April", "is not a supported date form"),
    ("Monday 14 April 1988", "'Monday 14 April 1988': 14 April 1988 was a Thursday"),
    ("sun 14 April 1988", "was a Thursday"),
    ("Monday 1988-04-14", "14 April 1988 was a Thursday"),
    ("Pazartesi 14 Nisan 1988", "14 April 1988 was a Thursday"),
    ("Monday 1988", "'Monday 1988': a weekday goes with a day, e.g. 'Thursday 14 April 1988'"),
    ("Monday April 1988", "a weekday goes with a day"),
    ("Thursday 14 April", "a weekday goes with a day"),
    ("Monday", "a weekday goes with a day"),
])
def test_refusals_name_the_mistake(text: str, message: str | None) -> None:
    if message is None:
        assert parse_date(text) == DayRange(D(1988, 5, 14), D(1988, 5, 14), "day")
        return
    with pytest.raises(DateInputError) as refused:
        parse_date(text)
    assert message in str(refused.value)


@pytest.mark.parametrize("text", ["1988.0", "19880414", "1988-", "Q2 1988", "14 Aprl 1988"])
def test_a_message_quotes_only_what_was_typed(text: str) -> None:
    with pytest.raises(DateInputError) as refused:
        parse_date(text)
    said = str(refused.value)
    assert said.startswith(repr(text))
    assert "1988-00" not in said


@pytest.mark.parametrize(("text", "message"), [
    ("04-14", "'04-14' has no year: give one, e.g. '14 April 1988'"),
    ("14 Nisan", "'14 Nisan' has no year: give one, e.g. '14 April 1988'"),
])
def test_a_range_needs_a_year(text: str, message: str) -> None:
    with pytest.raises(DateInputError, match=message):
        parse_day_range(text)
    with pytest.raises(DateInputError, match=message):
        parse_end(text)


@pytest.mark.parametrize(("text", "meant_as_date"), [
    ("accords-signed", False), ("abc", False), ("1988-W15", True), ("aprl", True),
])
def test_text_that_could_be_an_event_id_is_left_to_the_data(text: str,
                                                            meant_as_date: bool) -> None:
    found = parse_when(text)
    assert isinstance(found, EventId) and found.id == text
    assert found.error.meant_as_date is meant_as_date
    again = parse_end(text)
    assert isinstance(again, EventId) and again.id == text


@pytest.mark.parametrize("text", ["Q2 1988", "13-45", "1988-02-30", "4,5,1988", "-1988",
                                  "14 Aprl 1988", "19880414"])
def test_text_that_cannot_be_an_event_id_is_refused_at_once(text: str) -> None:
    with pytest.raises(DateInputError):
        parse_when(text)


@pytest.mark.parametrize(("identifier", "message"), [
    ("1988", "event id '1988' has no letter, so it would be taken for a date; add a word, "
             "e.g. 'event-1988'"),
    ("04-14", "has no letter"),
    ("1988-02-30", "has no letter"),
    ("april,1988", "event id 'april,1988' reads as a date, so it would be taken for one; "
                   "write it without commas, e.g. 'april-1988'"),
    ("14,nisan", "reads as a date"),
])
def test_event_ids_that_would_read_as_dates_are_refused(identifier: str, message: str) -> None:
    refused = event_id_refusal(identifier)
    assert refused is not None and message in str(refused)


@pytest.mark.parametrize("identifier", ["accords-signed", "draft-1983", "1988-w15",
                                        "event-1", "april", "14-april-1988", "1988-summit"])
def test_other_event_ids_are_fine(identifier: str) -> None:
    assert event_id_refusal(identifier) is None
    assert not reads_as_date(identifier)


def test_nothing_is_filled_in_from_today() -> None:
    assert parse_day_range("April 1988") == DayRange(D(1988, 4, 1), D(1988, 4, 30), "month")
    assert parse_day_range("1978").first == D(1978, 1, 1)


def test_parse_day_reads_only_a_full_iso_day() -> None:
    assert parse_day("1989-02-15") == D(1989, 2, 15)
    with pytest.raises(DateInputError, match="use YYYY-MM-DD"):
        parse_day("1989-02")
    with pytest.raises(DateInputError, match="February 1989 has no day 29"):
        parse_day("1989-02-29")


def test_reading_dates_never_imports_the_dateutil_parser() -> None:
    code = (
        "import sys; from accordcli.dates import parse_date as p; "
        "p('1978'); p('1978-04'); p('14 Nisan 1988'); p('Thu, 14 Apr 1988'); "
        "print('dateutil.parser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@given(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_iso_days_and_words_agree_with_datetime(day: dt.date) -> None:
    assert parse_day_range(day.isoformat()) == DayRange(day, day, "day")
    words = f"{day.day} {day.strftime('%B')} {day.year:04d}"
    assert parse_day_range(words) == DayRange(day, day, "day")
    assert parse_day_range(f"{day.strftime('%A')} {words}").first == day


@given(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)),
       st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_a_range_covers_its_ends(one: dt.date, two: dt.date) -> None:
    first, last = sorted((one, two))
    assert parse_day_range(f"{first}/{last}") == DayRange(first, last, "range")


@given(st.text(max_size=40))
def test_any_text_is_a_date_an_anniversary_an_id_or_a_date_input_error(text: str) -> None:
    try:
        found = parse_when(text)
    except DateInputError:
        return
    if isinstance(found, DayRange):
        assert found.first <= found.last
    if isinstance(found, EventId):
        assert found.id == text and not reads_as_date(text)
    elif text and first_refused(text) < 0:
        # Whatever could be an id and reads as a date is refused as an event id.
        assert reads_as_date(text) and event_id_refusal(text) is not None
