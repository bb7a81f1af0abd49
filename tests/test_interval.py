"""interval.py in-process: spans are antisymmetric, an event has its own length, and an end
less precise than a day gives the shortest and longest the span may be."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from accordcli.edtf import parse_edtf
from accordcli.errors import NotFound, UsageError
from accordcli.interval import Breakdown, Moment, between, breakdown, length, moment
from accordcli.load import default_data_path, load
from accordcli.model import Dataset
from accordcli.render.views import interval_detail
from conftest import SAMPLE, Run

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load(default_data_path(), use_cache=False)


@given(days, days)
def test_swapping_the_ends_only_flips_the_sign(a: dt.date, b: dt.date) -> None:
    forward, backward = breakdown(a, b), breakdown(b, a)
    assert backward == Breakdown(-forward.years, -forward.months, -forward.days)
    # Counted forward from the earlier day, whose month-end stands for a shorter month's.
    earlier, later = min(a, b), max(a, b)
    years, months, rest = breakdown(earlier, later)
    assert years >= 0 and 0 <= months < 12 and rest >= 0
    assert earlier + relativedelta(years=years, months=months) + dt.timedelta(rest) == later


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("1988-02-29", "1989-02-28", (1, 0, 0, 365)),
    ("1988-01-31", "1988-02-29", (0, 1, 0, 29)),
    ("1988-04-14", "1988-05-15", (0, 1, 1, 31)),
])
def test_the_reviewers_spans_read_the_same_both_ways(
        a: str, b: str, expected: tuple[int, int, int, int]) -> None:
    def counts(start: str, end: str) -> tuple[int, int, int, int]:
        interval = between(Moment(dt.date.fromisoformat(start), start),
                           Moment(dt.date.fromisoformat(end), end))
        return interval.years, interval.months, interval.days, interval.total_days

    assert counts(a, b) == expected
    assert counts(b, a) == tuple(-n for n in expected)


def test_one_event_measures_its_own_length(shipped: Dataset, sample: Dataset) -> None:
    # soviet-withdrawal is 1988-05-15/1989-02-15: 17+30+31+31+30+31+30+31+31+14 = 276 days.
    withdrawal = length(shipped, "soviet-withdrawal")
    assert (withdrawal.years, withdrawal.months, withdrawal.days) == (0, 9, 0)
    assert (withdrawal.total_days, withdrawal.min_days, withdrawal.max_days) == (276, 276, 276)
    assert withdrawal.start.exact and withdrawal.end.exact
    detail = interval_detail(withdrawal, "en")
    assert detail.heading == "9 months (276 days)"
    assert detail.record.json()["notes"] == []
    # A period ending in a month: from its first day to the last day that month may be.
    war = length(sample, "border-war")  # 1979-12-24/1980-02
    assert (war.total_days, war.min_days, war.max_days) == (67, 39, 67)
    assert interval_detail(war, "en").heading == (
        "1 month, 8 days to 2 months, 5 days (39 to 67 days)")
    # A single day lasts no time; a year-only date anything up to the year.
    assert length(sample, "leap-day").max_days == 0
    rumour = length(sample, "rumour")  # 1990?
    assert (rumour.min_days, rumour.max_days) == (0, 364)


def test_one_end_must_be_an_event(sample: Dataset) -> None:
    with pytest.raises(UsageError, match="'1988-04-14' is a date, and a span needs two"):
        length(sample, "1988-04-14")
    with pytest.raises(NotFound, match="did you mean 'withdrawal'"):
        length(sample, "withdrawl")


def test_an_imprecise_end_gives_a_range_never_a_falsely_exact_figure(shipped: Dataset) -> None:
    draft = moment(shipped, "draft-1983")  # 1983?
    signed = moment(shipped, "accords-signed")
    interval = between(draft, signed)
    assert (interval.min_days, interval.total_days, interval.max_days) == (1566, 1930, 1930)
    assert interval_detail(interval, "en").heading == (
        "4 years, 3 months to 5 years, 3 months (1,566 to 1,930 days)")
    assert interval_detail(interval, "tr").heading == (
        "4 yıl, 3 ay ile 5 yıl, 3 ay arası (1.566 ile 1.930 gün arası)")
    reverse = between(signed, draft)
    assert (reverse.min_days, reverse.max_days) == (-1930, -1566)
    # From min_days to max_days, as JSON has them, whichever way the span runs.
    assert interval_detail(reverse, "en").heading == (
        "-5 years, -3 months to -4 years, -3 months (-1,930 to -1,566 days)")
    assert interval_detail(reverse, "tr").heading == (
        "-5 yıl, -3 ay ile -4 yıl, -3 ay arası (-1.930 ile -1.566 gün arası)")
    record = interval_detail(interval, "en").record.json()
    assert (record["min_days"], record["max_days"], record["exact"]) == (1566, 1930, False)
    # The note agrees with the range: the whole year counts, not its first day, both ways.
    for span in (interval, reverse):
        assert interval_detail(span, "en").record.json()["notes"] == [
            "draft-1983 is dated 1983?: known only to the year, so the range takes in the "
            "whole year; the date is uncertain"]
        assert interval_detail(span, "tr").record.json()["notes"] == [
            "draft-1983 (1983?) yalnızca yılı biliniyor; aralık yılın tamamını kapsıyor; "
            "tarihi kesin değil."]


@pytest.mark.parametrize(("typed", "event"), [("1983", "draft-1983"), ("1983?", "draft-1983"),
                                              ("1986-02", "bleeding-wound"),
                                              ("Şubat 1986", "bleeding-wound"),
                                              ("February 1986", "bleeding-wound")])
def test_a_typed_year_or_month_is_an_end_as_an_event_of_that_precision_is(
        shipped: Dataset, typed: str, event: str) -> None:
    date = shipped.event(event)
    assert date is not None and date.date.text.rstrip("?") in ("1983", "1986-02")
    day = moment(shipped, "1990-01-01")
    for first, last in ((moment(shipped, typed), day), (day, moment(shipped, typed))):
        by_event = between(*(moment(shipped, event) if m.label == typed else m
                             for m in (first, last)))
        interval = between(first, last)
        assert (interval.min_days, interval.max_days) == (by_event.min_days, by_event.max_days)
        assert interval.min_days < interval.max_days
        assert not (interval.start.exact and interval.end.exact)
        for lang in ("en", "tr"):
            assert (interval_detail(interval, lang).heading
                    == interval_detail(by_event, lang).heading)


def test_span_takes_a_typed_year_in_either_language(run: Run) -> None:
    english = run("span", "1983", "1988-04-14")
    assert english.exit_code == 0, english.output
    assert english.stdout.splitlines()[:2] == [
        "4 years, 3 months to 5 years, 3 months (1,566 to 1,930 days)", "From: 1983"]
    turkish = run("span", "1988-04-14", "Nisan 1988", "--lang", "tr")
    assert turkish.exit_code == 0, turkish.output
    assert turkish.stdout.splitlines()[:3] == [
        "-13 gün ile 16 gün arası (-13 ile 16 gün arası)", "Başlangıç: 1988-04-14",
        "Bitiş: 1988-04 (Nisan 1988)"]


def test_uncertain_days_set_only_exact_and_read_about(sample: Dataset) -> None:
    day = Moment(dt.date(1988, 4, 14), "1988-04-14")
    unsure = Moment(dt.date(1988, 5, 15), "unsure", parse_edtf("1988-05-15?"))
    interval = between(day, unsure)
    assert (interval.min_days, interval.max_days) == (31, 31)
    record = interval_detail(interval, "en").record.json()
    assert record["exact"] is False and (record["min_days"], record["max_days"]) == (31, 31)
    assert interval_detail(interval, "en").heading == "about 1 month, 1 day (31 days)"
    assert interval_detail(interval, "tr").heading == "yaklaşık 1 ay, 1 gün (31 gün)"


def test_an_event_against_itself_is_the_same_day_without_notes(sample: Dataset) -> None:
    rumour = moment(sample, "rumour")
    interval = between(rumour, rumour)
    assert (interval.min_days, interval.max_days) == (0, 0)
    detail = interval_detail(interval, "en")
    assert detail.heading == "the same day"
    assert interval_detail(interval, "tr").heading == "aynı gün"
    # Whichever day of 1990 it was, it is the same: nothing about the date changes that.
    assert detail.record.json()["notes"] == []
    assert [f.text for f in detail.fields[:2]] == ["1990 (uncertain) (rumour)"] * 2


def test_no_time_reads_naturally_once(shipped: Dataset) -> None:
    signed = moment(shipped, "accords-signed")
    day = moment(shipped, "1988-04-14")
    for interval in (between(signed, signed), between(day, signed)):
        assert (interval_detail(interval, "en").heading,
                interval_detail(interval, "tr").heading) == ("the same day", "aynı gün")
    # A one-day event lasts no time, whichever day it was: not "about".
    falls = length(shipped, "najibullah-falls")  # 1992-04-16?
    assert (interval_detail(falls, "en").heading,
            interval_detail(falls, "tr").heading) == ("0 days", "0 gün")
    # Two days that may not be the one day they are given as.
    unsure = between(moment(shipped, "1992-04-16"), moment(shipped, "najibullah-falls"))
    assert (interval_detail(unsure, "en").heading,
            interval_detail(unsure, "tr").heading) == ("about the same day",
                                                       "aşağı yukarı aynı gün")


edtf_ends = st.builds(
    lambda year, month, day, depth, mark: (
        f"{year:04d}" + (f"-{month:02d}" if depth else "")
        + (f"-{day:02d}" if depth == 2 else "") + mark),
    st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
    st.sampled_from(["", "?", "~", "%"]))


@given(edtf_ends, edtf_ends)
def test_the_first_day_figure_lies_between_the_shortest_and_longest(a: str, b: str) -> None:
    start = Moment(parse_edtf(a).start, "a", parse_edtf(a))
    end = Moment(parse_edtf(b).start, "b", parse_edtf(b))
    interval = between(start, end)
    assert interval.min_days <= interval.total_days <= interval.max_days
    reverse = between(end, start)
    assert (reverse.min_days, reverse.max_days) == (-interval.max_days, -interval.min_days)
    heading = interval_detail(interval, "en").heading
    assert (" to " in heading) == (interval.min_days != interval.max_days)
