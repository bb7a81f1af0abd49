"""views.py and records.py: what each command shows, as typed records with three shapes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accordcli.actors import actor_summaries, involvement
from accordcli.interval import Breakdown, Interval, Moment
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.query import require_clause, require_event, timeline
from accordcli.render.records import EVENTS, EventRecord, Names
from accordcli.render.records_more import CLAUSES, PROVISIONS, ClauseRecord, IntervalRecord
from accordcli.render.views import (
    Field,
    Listing,
    actor_detail,
    actors_listing,
    clause_detail,
    clauses_listing,
    event_detail,
    events_listing,
    interval_detail,
    label,
)
from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def test_an_event_record_is_its_json_its_csv_and_its_row(sample: Dataset) -> None:
    record = EventRecord.of(require_event(sample, "talks-open"), "tr")
    assert list(record.json()) == list(EVENTS.csv)  # every field is flat
    assert record.csv()[0] == "talks-open"
    assert record.row(Names()) == (record.date, record.id, record.title)
    assert EVENTS.columns == ("date", "id", "title")
    assert len(EVENTS.csv) == len(record.csv())
    assert record.title != EventRecord.of(require_event(sample, "talks-open"), "en").title


def test_rows_read_ids_and_values_as_names_say_json_and_csv_keep_them(
        sample: Dataset) -> None:
    actors = actors_listing(actor_summaries(sample), "tr")
    assert [row[2] for row in actors.rows()] == ["devlet", "devlet", "kişi", "kuruluş"]
    assert [record.kind for record in actors.records] == [
        "state", "state", "person", "organisation"]
    clauses = clauses_listing(sample, "en")
    assert clauses.records[0].parties == ("north", "south")
    assert clauses.rows()[0][3] == (sample.actor_name("north", "en"),
                                    sample.actor_name("south", "en"))


def test_a_clause_in_json_holds_its_provisions_in_csv_they_are_its_rows(
        sample: Dataset) -> None:
    detail = clause_detail(require_clause(sample, "1"), sample, "en")
    assert isinstance(detail.record, ClauseRecord)
    provisions = detail.record.json()["provisions"]
    assert isinstance(provisions, list) and set(provisions[0]) == {"number", "text", "tags"}
    assert "provisions" not in CLAUSES.csv
    assert detail.flat.shape is PROVISIONS
    assert detail.flat.records[0].csv()[0] == "peace"
    assert [section.key for section in detail.sections] == ["provisions"]


def test_an_event_in_full_names_its_actors_and_cites_its_sources(sample: Dataset) -> None:
    detail = event_detail(require_event(sample, "talks-open"), sample, "en")
    keys = [field.key for field in detail.fields]
    # The date at its own precision, and no span of days the data does not have.
    assert keys == ["date", "id", "summary", "note", "actors", "tags", "sources"]
    assert Field("date", "1982-06\nJune 1982") in detail.fields  # ISO, then in words
    sources = detail.record.json()["source_details"]
    assert isinstance(sources, list) and {"id", "title", "url", "publisher"} <= set(sources[0])


def test_an_actor_in_full_leaves_out_empty_sections(sample: Dataset) -> None:
    north = actor_detail(involvement(sample, "north"), sample, "en")
    assert [section.key for section in north.sections] == ["events", "clauses"]
    relations = north.sections[1].listing.rows()
    assert relations[0][3] == ("party",)
    assert north.flat.shape is EVENTS


def test_an_interval_is_a_sentence_its_csv_joins_notes_by_line() -> None:
    day = Moment(dt.date(1988, 4, 14), "1988-04-14")
    later = Moment(dt.date(1989, 2, 15), "withdrawal")
    calendar = Breakdown(0, 10, 1)
    detail = interval_detail(Interval(day, later, 0, 10, 1, 307, 307, 307, calendar, calendar),
                             "en")
    assert detail.heading == "10 months, 1 day (307 days)"
    assert detail.fields[1] == Field("to", "1989-02-15 (withdrawal)")
    record = detail.record
    assert isinstance(record, IntervalRecord)
    assert list(record.json())[:2] == ["from", "to"]
    notes = IntervalRecord("a", "b", "a", "b", 0, 0, 0, 0, False, ("one; two", "three"), 0, 0)
    assert notes.csv()[9] == "one; two\nthree"


def test_an_empty_listing_knows_what_to_say(sample: Dataset) -> None:
    assert label(events_listing([], "en").empty, "en") == "no events match"
    assert label(actors_listing([], "tr").empty, "tr") != "no actors match"
    assert events_listing(timeline(sample), "en", ("talks",)).highlight == ("talks",)


def test_every_row_and_csv_row_matches_its_shape(sample: Dataset) -> None:
    from accordcli.render.views import hits_listing
    from accordcli.search import search

    listings: list[Listing[Any]] = [events_listing(timeline(sample), "en"),
                actors_listing(actor_summaries(sample), "en"), clauses_listing(sample, "en"),
                hits_listing(search(sample, "the", "en"), "en"),
                clause_detail(require_clause(sample, "1"), sample, "en").flat,
                *(s.listing for s in actor_detail(involvement(sample, "north"), sample,
                                                 "en").sections)]
    for listing in listings:
        assert listing.records
        for record, row in zip(listing.records, listing.rows(), strict=True):
            assert len(row) == len(listing.columns), listing.shape
            assert len(record.csv()) == len(listing.shape.csv), listing.shape
