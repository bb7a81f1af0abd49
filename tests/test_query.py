"""query.py in-process: date overlap, filters, order and limits, lookups with suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from accordcli.errors import DateOrder, NotFound, UsageError
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.query import (
    Anniversary,
    anniversaries,
    check_period,
    chronological,
    clause_number,
    counts,
    event_days,
    require_clause,
    require_event,
    require_tag,
    timeline,
    under_way,
    whole_years,
)
from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def ids(events: object) -> list[str]:
    return [e.id for e in events]  # type: ignore[attr-defined]


def test_unfiltered_timeline_is_chronological_whatever_the_file_order(sample: Dataset) -> None:
    assert ids(timeline(sample)) == ["border-war", "talks-open", "leap-day", "treaty-signed",
                                     "withdrawal", "rumour"]
    assert ids(chronological(reversed(sample.events))) == ids(timeline(sample))


def test_dates_select_every_event_whose_span_overlaps_the_window(sample: Dataset) -> None:
    # border-war runs 1979-12-24 .. 1980-02-29: a window inside it or touching one end counts.
    assert ids(timeline(sample, first=dt.date(1980, 2, 29), last=dt.date(1980, 2, 29))) == [
        "border-war"]
    assert ids(timeline(sample, first=dt.date(1980, 3, 1), last=dt.date(1982, 5, 31))) == []
    # A month-precision date covers the whole month.
    assert ids(timeline(sample, first=dt.date(1982, 6, 30), last=dt.date(1982, 6, 30))) == [
        "talks-open"]
    # Only one bound: everything on or after / on or before it.
    assert ids(timeline(sample, first=dt.date(1989, 1, 1))) == ["withdrawal", "rumour"]
    assert ids(timeline(sample, last=dt.date(1979, 12, 24))) == ["border-war"]


def test_repeated_actors_or_tags_match_any_and_different_filters_all(sample: Dataset) -> None:
    assert ids(timeline(sample, actors=["league", "envoy"])) == ["talks-open", "leap-day",
                                                                 "treaty-signed"]
    assert ids(timeline(sample, tags=["treaty", "military"])) == ["border-war", "treaty-signed",
                                                                  "withdrawal"]
    assert ids(timeline(sample, actors=["north"], tags=["military"])) == ["border-war",
                                                                          "withdrawal"]
    # Ids compare case-insensitively, as everywhere else.
    assert ids(timeline(sample, actors=["NORTH"], tags=["Military"])) == ["border-war",
                                                                          "withdrawal"]


def test_search_needs_every_word_in_any_language(sample: Dataset) -> None:
    assert ids(timeline(sample, search="talks istanbul")) == ["talks-open"]
    assert ids(timeline(sample, search="talks nowhere")) == []


def test_reverse_then_limit_gives_the_newest(sample: Dataset) -> None:
    assert ids(timeline(sample, reverse=True, limit=2)) == ["rumour", "withdrawal"]
    assert ids(timeline(sample, limit=0)) == []
    assert ids(timeline(sample, limit=100)) == ids(timeline(sample))


def test_a_period_that_ends_before_it_starts_is_refused_in_domain_words() -> None:
    with pytest.raises(DateOrder, match="the first day 1990-01-01 is after the last day "
                                        "1980-01-01") as error:
        check_period(dt.date(1990, 1, 1), dt.date(1980, 1, 1))
    assert (error.value.first, error.value.last) == (dt.date(1990, 1, 1), dt.date(1980, 1, 1))
    check_period(dt.date(1980, 1, 1), dt.date(1980, 1, 1))
    check_period(None, dt.date(1980, 1, 1))


def test_unknown_filters_are_errors_not_empty_answers(sample: Dataset) -> None:
    assert timeline(sample, first=dt.date(1990, 1, 1), last=dt.date(1980, 1, 1)) == []
    with pytest.raises(NotFound) as unknown_actor:
        timeline(sample, actors=["nort"])
    assert "north" in "\n".join(unknown_actor.value.lines())
    with pytest.raises(NotFound):
        timeline(sample, tags=["diplomatic"])


def test_lookups_take_ids_and_clause_numbers_and_suggest(sample: Dataset) -> None:
    assert require_event(sample, "Leap-Day").id == "leap-day"
    assert require_clause(sample, "2").id == "guarantee"
    # As people cite the instruments: with a leading zero, or in Roman numerals.
    assert require_clause(sample, "02").id == "guarantee"
    assert require_clause(sample, "II").id == "guarantee"
    assert require_clause(sample, " i ").id == "peace"
    for not_a_number in ("IIII", "VX", "2.0", "٢"):
        with pytest.raises(NotFound):
            require_clause(sample, not_a_number)
    with pytest.raises(NotFound, match="no instrument numbered 5 or with id 'V'"):
        require_clause(sample, "V")
    assert require_clause(sample, "PEACE").id == "peace"
    assert require_tag(sample, "TREATY") == "treaty"
    with pytest.raises(NotFound) as missing:
        require_event(sample, "leap-dya")
    assert "leap-day" in "\n".join(missing.value.lines())


@pytest.mark.parametrize(("text", "number"), [
    ("4", 4), ("04", 4), (" IV ", 4), ("iv", 4), ("ii", 2), ("IX", 9), ("XIV", 14), ("XL", 40),
    ("IIII", None), ("VX", None), ("IC", None), ("", None), ("abc", None), ("٤", None),
    ("2.0", None)])
def test_clause_numbers_in_digits_or_roman_numerals(text: str, number: int | None) -> None:
    assert clause_number(text) == number


def found(anniversaries: list[Anniversary]) -> list[tuple[str, int, int]]:
    return [(a.event.id, a.offset, a.years_ago) for a in anniversaries]


TODAY = dt.date(2026, 4, 14)


def test_anniversaries_count_only_ends_known_to_the_day(sample: Dataset) -> None:
    assert found(anniversaries(sample, 4, 14, today=TODAY)) == [("treaty-signed", 0, 38)]
    assert found(anniversaries(sample, 2, 15, today=TODAY)) == [("withdrawal", 0, 37)]  # end
    # border-war ends "1980-02": only leap-day has 02-29.
    assert found(anniversaries(sample, 2, 29, today=TODAY)) == [("leap-day", 0, 38)]
    assert anniversaries(sample, 6, 1) == []  # talks-open is "1982-06"


def test_anniversaries_take_a_window_of_days_before_and_after(sample: Dataset) -> None:
    # As BSD calendar -A 5 and -B 6: the days after and before the day asked about.
    assert found(anniversaries(sample, 4, 10, after=5, today=TODAY)) == [
        ("treaty-signed", 4, 38)]
    assert anniversaries(sample, 4, 10, after=3, today=TODAY) == []
    assert anniversaries(sample, 4, 10, before=30, today=TODAY) == []  # 04-14 is after
    assert found(anniversaries(sample, 4, 20, before=6, today=TODAY)) == [
        ("treaty-signed", -6, 38)]
    # In order of anniversary: 04-14 (17 days before), then 05-15 (14 days after).
    # Years are whole, as ages: on 2026-04-14, 1988-05-15 is 37 years and 11 months ago.
    assert found(anniversaries(sample, 5, 1, before=20, after=20, today=TODAY)) == [
        ("treaty-signed", -17, 38), ("withdrawal", 14, 37)]
    # Counted in a leap year: 02-29 lies between 02-28 and 03-01.
    assert found(anniversaries(sample, 2, 28, after=1, today=TODAY)) == [("leap-day", 1, 38)]
    assert found(anniversaries(sample, 3, 1, before=1, today=TODAY)) == [("leap-day", -1, 38)]
    # A period with both ends in the window (02-15 and 05-15) is listed once, by its
    # nearer end.
    assert found(anniversaries(sample, 3, 1, before=20, after=80, today=TODAY)) == [
        ("withdrawal", -15, 37), ("leap-day", -1, 38), ("treaty-signed", 44, 38)]


def test_a_window_across_new_year_counts_the_years_to_that_anniversary(
        sample: Dataset) -> None:
    # border-war began 1979-12-24: seen from 2026-01-02, that anniversary was in 2025.
    assert found(anniversaries(sample, 1, 2, before=10, today=dt.date(2026, 1, 2))) == [
        ("border-war", -9, 46)]
    # Seen from 2026-12-20, its 47th anniversary is 4 days away: 46 whole years so far.
    assert found(anniversaries(sample, 12, 20, after=10, today=dt.date(2026, 12, 20))) == [
        ("border-war", 4, 46)]
    # Seen from 1985-01-01, the signing is 3 years and 3 months away: -3 whole years.
    assert found(anniversaries(sample, 4, 14, today=dt.date(1985, 1, 1))) == [
        ("treaty-signed", 0, -3)]


@pytest.mark.parametrize(("today", "years"), [
    (dt.date(2026, 1, 1), 37),  # 37 years and 8 months: not yet 38 (the reviewer's case)
    (dt.date(2026, 4, 13), 37),
    (dt.date(2026, 4, 14), 38),
    (dt.date(1989, 4, 13), 0),
    (dt.date(1988, 4, 14), 0),
    (dt.date(1988, 1, 1), 0),
    (dt.date(1987, 4, 15), 0),
    (dt.date(1987, 4, 14), -1),
    (dt.date(1987, 1, 1), -1),  # 1 year and 3 months to come
])
def test_years_ago_are_whole_years_to_today_as_ages(sample: Dataset, today: dt.date,
                                                    years: int) -> None:
    [found_] = anniversaries(sample, 4, 14, today=today)
    assert (found_.years_ago, found_.day, found_.today) == (years, dt.date(1988, 4, 14), today)


@given(st.dates(), st.dates())
def test_whole_years_are_those_of_an_age_and_antisymmetric(first: dt.date,
                                                          last: dt.date) -> None:
    years = whole_years(first, last)
    assert years == -whole_years(last, first)
    if first <= last and (first.month, first.day) != (2, 29):
        # As span counts years (from 02-29 a year is whole on 03-01 here, on 02-28 there).
        assert relativedelta(last, first).years == years


def test_under_way_on_a_day_or_over_a_range_and_counts(sample: Dataset) -> None:
    assert ids(under_way(sample, dt.date(1988, 12, 31))) == ["withdrawal"]
    assert ids(under_way(sample, dt.date(1990, 7, 1))) == ["rumour"]
    assert ids(under_way(sample, dt.date(1988, 4, 1), dt.date(1988, 5, 31))) == [
        "treaty-signed", "withdrawal"]
    assert counts(sample) == {"events": 6, "actors": 4, "clauses": 2, "provisions": 2,
                              "sources": 2, "tags": 3}


def test_a_clause_number_wins_over_another_clause_whose_id_is_that_number(
        tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "numbers.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace('id = "peace"', 'id = "2"'),
                    encoding="utf-8")
    dataset = load(path, use_cache=False)
    assert require_clause(dataset, "2").id == "guarantee"  # number 2
    assert require_clause(dataset, "1").id == "2"


def test_a_blank_search_is_a_usage_error_not_every_event(sample: Dataset) -> None:
    for blank in ("", "   ", "\t"):
        with pytest.raises(UsageError, match="at least one word"):
            timeline(sample, search=blank)


def test_within_keeps_only_events_wholly_inside_the_range(sample: Dataset) -> None:
    first, last = dt.date(1988, 4, 1), dt.date(1988, 12, 31)
    assert ids(timeline(sample, first=first, last=last)) == ["treaty-signed", "withdrawal"]
    assert ids(timeline(sample, first=first, last=last, within=True)) == ["treaty-signed"]
    # A month-precision date lies inside only a range holding its whole month.
    assert ids(timeline(sample, first=dt.date(1982, 6, 1), last=dt.date(1982, 6, 30),
                        within=True)) == ["talks-open"]
    assert ids(timeline(sample, first=dt.date(1982, 6, 2), last=dt.date(1982, 6, 30),
                        within=True)) == []
    assert ids(timeline(sample, last=dt.date(1980, 2, 29), within=True)) == ["border-war"]


def test_an_event_id_as_a_date_is_the_events_days(sample: Dataset) -> None:
    from accordcli.dates import DateInputError, DayRange, EventId, parse_when

    def days(text: str) -> DayRange:
        wanted = parse_when(text)
        assert isinstance(wanted, EventId)
        return event_days(sample, wanted)

    assert days("withdrawal") == DayRange(dt.date(1988, 5, 15), dt.date(1989, 2, 15), "event")
    assert days("TREATY-SIGNED").first == dt.date(1988, 4, 14)  # ids ignore case
    with pytest.raises(NotFound, match="did you mean 'treaty-signed'"):
        days("treaty-signd")
    with pytest.raises(DateInputError, match="'zz' is neither a date nor an event id"):
        days("zz")
    # Meant as a date: the date's own message, not "no event".
    with pytest.raises(DateInputError, match="'1988-W15' is not a supported date form"):
        days("1988-W15")
    with pytest.raises(DateInputError, match="did you mean April"):
        days("Aprl")
