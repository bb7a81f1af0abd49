"""EDTF dates in data files: every accepted form, every rejection, leap years, spans."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.edtf import EdtfError, days_in_month, parse_edtf

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1978", D(1978, 1, 1), D(1978, 12, 31), "year"),
        ("1992-04", D(1992, 4, 1), D(1992, 4, 30), "month"),
        ("1988-02", D(1988, 2, 1), D(1988, 2, 29), "month"),  # leap year
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28), "month"),  # century, not leap
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), "month"),  # 400-year rule, leap
        ("1988-04-14", D(1988, 4, 14), D(1988, 4, 14), "day"),
        ("1988-02-29", D(1988, 2, 29), D(1988, 2, 29), "day"),
        ("0001", D(1, 1, 1), D(1, 12, 31), "year"),
    ],
)
def test_single_dates_cover_their_whole_precision(
    text: str, start: dt.date, end: dt.date, precision: str
) -> None:
    span = parse_edtf(text)
    assert (span.start, span.end, span.start_precision) == (start, end, precision)
    assert span.text == text
    assert not span.interval


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [("1986-09-25?", True, False), ("1983~", False, True), ("1981-02%", True, True),
     ("1981-02", False, False)],
)
def test_qualifiers(text: str, uncertain: bool, approximate: bool) -> None:
    span = parse_edtf(text)
    assert (span.uncertain, span.approximate) == (uncertain, approximate)
    assert not span.is_exact_day


def test_interval_spans_from_first_day_of_start_to_last_day_of_end() -> None:
    assert parse_edtf("1988-04-14").is_exact_day
    span = parse_edtf("1981-02/1981-04")
    assert (span.start, span.end) == (D(1981, 2, 1), D(1981, 4, 30))
    assert (span.start_precision, span.end_precision) == ("month", "month")
    assert span.interval
    withdrawal = parse_edtf("1988-05-15/1989-02-15")
    assert (withdrawal.start, withdrawal.end) == (D(1988, 5, 15), D(1989, 2, 15))
    assert parse_edtf("1984?/2004-06~").uncertain and parse_edtf("1984?/2004-06~").approximate


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1988-13", "month 13 does not exist"),
        ("1988-00", "month 00 does not exist"),
        ("1988-02-30", "February 1988 has no day 30"),
        ("1900-02-29", "February 1900 has no day 29"),
        ("1988-04-31", "April 1988 has no day 31"),
        ("0000", "year 0000"),
        ("99999", "is not a date"),
        ("88", "is not a date"),
        ("1988-4-5", "is not a date"),
        ("1988/04/05", "is not a date"),
        ("1989/1988", "ends before it starts"),
        ("1988-05-15/1988-05-14", "ends before it starts"),
        ("１９８８", "is not a date"),  # full-width digits are not EDTF
        ("", "is not a date"),
        ("1988?~", "is not a date"),
        ("1988-04-14T10:00", "is not a date"),
        ("a/b/c", "is not a date"),
    ],
)
def test_rejections_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(EdtfError, match=fragment):
        parse_edtf(text)


@pytest.mark.parametrize(("text", "message"), [
    # An interval's problem is said of the whole interval, never of a fragment ('..').
    ("1980-01-01/..", "'1980-01-01/..': an interval needs both its ends; an open end ('..') "
                      "is not supported"),
    ("../1989", "'../1989': an interval needs both its ends"),
    ("1980/", "'1980/': an interval needs both its ends"),
    ("1988-13/1989", "'1988-13/1989': month 13 does not exist"),
    ("1988/1989-02-30", "'1988/1989-02-30': February 1989 has no day 30"),
    ("1988/x", "'1988/x' is not a date"),
])
def test_an_interval_is_quoted_whole(text: str, message: str) -> None:
    with pytest.raises(EdtfError) as refused:
        parse_edtf(text)
    assert str(refused.value.args[0]) == message if message.endswith("supported") else (
        str(refused.value.args[0]).startswith(message))


@given(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_iso_days_agree_with_datetime(day: dt.date) -> None:
    span = parse_edtf(day.isoformat())
    assert span.start == span.end == day


@given(st.text(max_size=30))
def test_any_text_is_a_span_or_an_edtf_error(text: str) -> None:
    try:
        span = parse_edtf(text)
    except EdtfError:
        return
    assert span.start <= span.end


def test_days_in_month_agrees_with_the_calendar_module_for_every_month() -> None:
    import calendar

    for year in range(1, 10000):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
