"""actors.py in-process: each actor's extent in the timeline and its part in the clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from accordcli.actors import actor_summaries, involvement
from accordcli.errors import NotFound, UnknownKind
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.query import actor_kind
from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def test_summaries_count_events_and_span_first_start_to_last_end(sample: Dataset) -> None:
    summaries = {s.actor.id: s for s in actor_summaries(sample)}
    assert list(summaries) == ["north", "south", "envoy", "league"]  # file order
    north = summaries["north"]
    assert (north.event_count, north.first, north.last) == (
        4, dt.date(1979, 12, 24), dt.date(1989, 2, 15))
    league = summaries["league"]
    assert (league.event_count, league.first, league.last) == (
        1, dt.date(1988, 4, 14), dt.date(1988, 4, 14))


def test_kind_filter(sample: Dataset) -> None:
    assert [s.actor.id for s in actor_summaries(sample, kind="person")] == ["envoy"]
    assert [s.actor.id for s in actor_summaries(sample, kind="PERSON")] == ["envoy"]
    assert actor_summaries(sample, kind="group") == []
    assert actor_summaries(sample, kind="country") == []  # no actor of a kind the data lacks


def test_a_typed_kind_is_checked_before_any_data_is_read() -> None:
    assert actor_kind("Person") == "person"
    with pytest.raises(UnknownKind, match="unknown actor kind 'country'; choose one of state, "
                                          "organisation, group, person") as error:
        actor_kind("country")
    assert (error.value.kind, error.value.exit_code) == ("country", 2)


def test_involvement_lists_its_events_in_order_and_every_relation(sample: Dataset) -> None:
    view = involvement(sample, "North")
    assert view.summary.actor.id == "north"
    assert [e.id for e in view.events] == ["border-war", "talks-open", "treaty-signed",
                                           "withdrawal"]
    assert [(c.id, relations) for c, relations in view.clauses] == [
        ("peace", ("party",)), ("guarantee", ("witness",))]
    envoy = involvement(sample, "envoy")
    assert [(c.id, relations) for c, relations in envoy.clauses] == [
        ("peace", ("signatory",)), ("guarantee", ("signatory",))]
    with pytest.raises(NotFound):
        involvement(sample, "nobody")
