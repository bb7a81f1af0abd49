"""codec.py: every Dataset survives the index's JSON rows unchanged; damaged rows are refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.codec import (
    decode_clauses,
    decode_event,
    decode_vocabulary,
    encode_clauses,
    encode_event,
    encode_vocabulary,
)
from accordcli.load import load
from accordcli.model import Dataset, Event, LocalText, Span
from conftest import SAMPLE

texts = st.text(min_size=1, max_size=30)
local_texts = st.builds(LocalText, texts, st.none() | texts)
precisions = st.sampled_from(["year", "month", "day"])


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=dt.date(9999, 12, 31)))
    return Span(draw(texts), start, end, draw(precisions), draw(precisions), draw(st.booleans()),
                draw(st.booleans()), draw(st.booleans()))


ids = st.lists(st.text(min_size=1, max_size=12), max_size=4).map(tuple)
events = st.builds(Event, st.text(min_size=1, max_size=20), spans(), local_texts, local_texts,
                   st.none() | local_texts, ids, ids, ids)


def through_json(value: object) -> object:
    """What the index stores and reads back."""
    return json.loads(json.dumps(value, ensure_ascii=False))


@given(events)
def test_any_event_round_trips_through_its_json_row(event: Event) -> None:
    assert decode_event(through_json(encode_event(event))) == event  # type: ignore[arg-type]


def test_the_sample_dataset_round_trips_whole() -> None:
    dataset = load(SAMPLE, use_cache=False)
    rows = tuple(decode_event(through_json(encode_event(e))) for e in dataset.events)  # type: ignore[arg-type]
    vocabulary = decode_vocabulary(through_json(encode_vocabulary(dataset)))
    clauses = decode_clauses(through_json(encode_clauses(dataset.clauses)))
    rebuilt = Dataset(vocabulary.title, vocabulary.sources, vocabulary.tags, vocabulary.actors,
                      rows, clauses, version=vocabulary.version,
                      description=vocabulary.description)
    assert rebuilt == dataset
    assert dataset.version is not None and dataset.sources[0].authors  # the new fields, too
    assert rebuilt.actor("envoy") == dataset.actor("envoy")  # lookups rebuilt too


@pytest.mark.parametrize("damage", [
    lambda v: v.update(actors={}),  # not a list
    lambda v: v["actors"][0].__setitem__(1, "empire"),  # no such kind
    lambda v: v["tags"][0].__setitem__(1, None),  # a label is required
    lambda v: v.update(title=[1, None]),  # a text of a number
    lambda v: v["sources"][0].__setitem__(7, "blog"),  # no such source type
    lambda v: v["sources"][0].__setitem__(10, "2026-12-01"),  # a day is an ordinal
    lambda v: v["sources"][0].pop(),  # a source of ten fields
    lambda v: v.update(version="2026"),  # the version is a day
])
def test_a_damaged_vocabulary_is_refused(damage: Callable[[dict[str, Any]], None]) -> None:
    vocabulary = through_json(encode_vocabulary(load(SAMPLE, use_cache=False)))
    assert isinstance(vocabulary, dict)
    damage(vocabulary)
    with pytest.raises(ValueError, match=r"^index: "):
        decode_vocabulary(vocabulary)


@pytest.mark.parametrize("damage", [
    lambda c: c[0].__setitem__(1, 0),  # clause numbers start at 1
    lambda c: c[0].__setitem__(7, [1]),  # a span of one item
    lambda c: c[0].__setitem__(10, {}),  # provisions not a list
])
def test_damaged_clauses_are_refused(damage: Callable[[list[Any]], None]) -> None:
    clauses = through_json(encode_clauses(load(SAMPLE, use_cache=False).clauses))
    assert isinstance(clauses, list)
    damage(clauses)
    with pytest.raises(ValueError, match=r"^index: "):
        decode_clauses(clauses)
