"""codec.py: every Dataset survives the index's JSON rows unchanged."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from accordcli.codec import decode_dataset, decode_event, encode_event, encode_reference
from accordcli.load import load
from accordcli.model import Event, LocalText, Span
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
    rows = [decode_event(through_json(encode_event(e))) for e in dataset.events]  # type: ignore[arg-type]
    rebuilt = decode_dataset(through_json(encode_reference(dataset)), rows)  # type: ignore[arg-type]
    assert rebuilt == dataset
    assert rebuilt.actor("envoy") == dataset.actor("envoy")  # lookups rebuilt too
