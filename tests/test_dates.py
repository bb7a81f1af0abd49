"""Dates typed on the command line: ISO and free text, ranges by precision, rejections."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.dates import DateInputError, parse_day_range, parse_month_day

D = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("1978", D(1978, 1, 1), D(1978, 12, 31), "year"),
        ("1978-04", D(1978, 4, 1), D(1978, 4, 30), "month"),
        ("1988-02", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("1978-04-27", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("April 1978", D(1978, 4, 1), D(1978, 4, 30), "month"),
        ("27 April 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("April 27, 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("27 Nisan 1978", D(1978, 4, 27), D(1978, 4, 27), "day"),
        ("Şubat 1988", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("subat 1988", D(1988, 2, 1), D(1988, 2, 29), "month"),
        ("14 NİSAN 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("15 Mayıs 1988", D(1988, 5, 15), D(1988, 5, 15), "day"),
        ("Aralık 1979", D(1979, 12, 1), D(1979, 12, 31), "month"),
        ("8 Şubat 1988", D(1988, 2, 8), D(1988, 2, 8), "day"),
        ("Eylül 1986", D(1986, 9, 1), D(1986, 9, 30), "month"),
        ("ağustos 1988", D(1988, 8, 1), D(1988, 8, 31), "month"),
        ("  1988  ", D(1988, 1, 1), D(1988, 12, 31), "year"),
        # Year first is never ambiguous, zero-padded or not.
        ("1988-4-5", D(1988, 4, 5), D(1988, 4, 5), "day"),
        ("1988/4/14", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988.2", D(1988, 2, 1), D(1988, 2, 29), "month"),
        # A weekday that agrees with the date is fine.
        ("Thursday 14 April 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Thu, 14 Apr 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Perşembe 14 Nisan 1988", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("salı, 12 nisan 1988", D(1988, 4, 12), D(1988, 4, 12), "day"),
        # A small number beside a month name is the day.
        ("5th of May 1988", D(1988, 5, 5), D(1988, 5, 5), "day"),
        # ISO beside a weekday or punctuation has no day-or-month question to ask.
        ("Thursday 1988-04-14", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988-04-14 Thursday", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988-04-14.", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("Sept 5, 1988", D(1988, 9, 5), D(1988, 9, 5), "day"),
        ("1988,", D(1988, 1, 1), D(1988, 12, 31), "year"),
        ("April 0999", D(999, 4, 1), D(999, 4, 30), "month"),
        ("0088-04", D(88, 4, 1), D(88, 4, 30), "month"),
        # Folded as --search folds: a soft hyphen pasted from a web page is no obstacle.
        ("Ni\u00adsan 1988", D(1988, 4, 1), D(1988, 4, 30), "month"),
    ],
)
def test_accepted_forms(text: str, first: dt.date, last: dt.date, precision: str) -> None:
    parsed = parse_day_range(text)
    assert (parsed.first, parsed.last, parsed.precision) == (first, last, precision)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty date"),
        ("   ", "empty date"),
        ("abc", "four-digit year"),
        ("99999999999", "four-digit year"),
        ("1988-02-30", "has no day 30"),
        ("1988-13", "month 13"),
        ("+25:00", "four-digit year"),
        ("04/05/1988", "e.g. 1988-04-05 or 1988-05-04"),
        ("14/4/1988", "e.g. 1988-04-14"),  # 14 is no month: one reading only
        ("31/02/1988", "e.g. 1988-04-14"),  # neither reading is a day: an example
        ("05.04.1988", "ambiguous"),
        ("13/05/1988", "ambiguous"),
        ("March", "four-digit year"),
        ("April 88", "four-digit year"),
        ("12:30 1988", "without a time"),
        ("27 Nisan 1978 10:00", "without a time"),
        ("1988 EST", "cannot read"),
        ("Monday 1988", "cannot read"),
        ("1988\x00", "control characters"),
        ("1988-4-31", "April 1988 has no day 31"),
        ("1988-4/5", "ambiguous"),
        ("88-04", "write the year with four digits"),
        ("14/4/88", "write the year with four digits"),
        ("Monday 14 April 1988", "14 April 1988 was a Thursday"),
        ("sun 14 April 1988", "was a Thursday"),
        ("Monday 1988-04-14", "14 April 1988 was a Thursday"),
        ("Pazartesi 14 Nisan 1988", "14 April 1988 was a Thursday"),
        # dateutil would read the bare number as a month: 1988-04-05, May 1988, May 1988.
        ("4,5,1988", "is 4 a day or a month"),
        ("5, 1988", "is 5 a day or a month"),
        ("5 of 1988", "is 5 a day or a month"),
        ("1988-04-14T05", "without a time"),
        ("14 April 1988 5pm", "without a time or zone"),
        # dateutil would give these a century near today's (1988, 2050, 1999).
        ("April 0088", "a year before 100 must be written as ISO YYYY, YYYY-MM or YYYY-MM-DD, "
                       "e.g. 0088-04"),
        ("Nisan 0050", "e.g. 0050-04"),
        ("1 January 0099", "e.g. 0099-01-01"),
    ],
)
def test_rejections(text: str, fragment: str) -> None:
    with pytest.raises(DateInputError, match=fragment):
        parse_day_range(text)


def test_ambiguous_form_shows_both_iso_readings() -> None:
    with pytest.raises(DateInputError, match="1988-04-05 or 1988-05-04"):
        parse_day_range("04/05/1988")


def test_nothing_is_filled_in_from_today() -> None:
    # dateutil alone would give today's month and day for "1978" and "April 1988".
    assert parse_day_range("April 1988").first == D(1988, 4, 1)
    assert parse_day_range("April 1988").last == D(1988, 4, 30)
    assert parse_day_range("1978").first == D(1978, 1, 1)


def test_iso_input_does_not_import_dateutil_parser() -> None:
    code = (
        "import sys; from accordcli.dates import parse_day_range as p; "
        "p('1978'); p('1978-04'); p('1978-04-27'); "
        "print('dateutil.parser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@given(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_iso_days_agree_with_datetime(day: dt.date) -> None:
    parsed = parse_day_range(day.isoformat())
    assert parsed.first == parsed.last == day


@given(st.text(max_size=40))
def test_any_text_is_a_range_or_a_date_input_error(text: str) -> None:
    try:
        parsed = parse_day_range(text)
    except DateInputError:
        return
    assert parsed.first <= parsed.last


@pytest.mark.parametrize(("text", "hint"), [
    ("14/4/1988", "e.g. 1988-04-14"),
    ("1988 4 14", "e.g. 1988-04-14"),
    ("04/05/1988", "e.g. 1988-04-05 or 1988-05-04"),
    ("5.5.1988", "e.g. 1988-05-05"),
    ("31/02/1988", "e.g. 1988-04-14"),
])
def test_an_ambiguous_date_is_answered_with_only_real_days(text: str, hint: str) -> None:
    with pytest.raises(DateInputError) as refused:
        parse_day_range(text)
    assert str(refused.value).endswith(hint)


@pytest.mark.parametrize(("text", "expected"), [
    ("04-14", (4, 14)), ("02-29", (2, 29)), ("12-31", (12, 31)), ("01-01", (1, 1))])
def test_month_day(text: str, expected: tuple[int, int]) -> None:
    assert parse_month_day(text) == expected


@pytest.mark.parametrize(("text", "fragment"), [
    ("02-30", "is not a month and day"), ("13-01", "is not a month and day"),
    ("00-10", "is not a month and day"), ("04-00", "is not a month and day"),
    ("4-14", "use MM-DD"), ("04/14", "use MM-DD"), ("", "use MM-DD")])
def test_month_day_rejections(text: str, fragment: str) -> None:
    with pytest.raises(DateInputError, match=fragment):
        parse_month_day(text)
