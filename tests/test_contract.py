"""The JSON output is a public interface: its keys and types change only on purpose."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, Run

S = str(SAMPLE)

EVENT_KEYS = {"id": str, "date": str, "start": str, "end": str, "title": str, "summary": str,
              "note": (str, type(None)), "actors": list, "tags": list, "sources": list}
ACTOR_KEYS = {"id": str, "name": str, "kind": str, "role": str,
              "affiliation": (str, type(None)), "event_count": int,
              "first": (str, type(None)), "last": (str, type(None)), "sources": list}
CLAUSE_KEYS = {"id": str, "number": int, "title": str, "full_title": (str, type(None)),
               "parties": list, "signatories": list, "witnesses": list, "signed": str,
               "in_force": (str, type(None)), "summary": str, "provisions": list,
               "sources": list}
PROVISION_KEYS = {"number": str, "text": str, "tags": list}


def assert_shape(record: dict[str, Any], shape: dict[str, Any]) -> None:
    assert set(record) == set(shape), sorted(set(record) ^ set(shape))
    for key, kind in shape.items():
        assert isinstance(record[key], kind), (key, record[key])
        if kind is int:
            assert not isinstance(record[key], bool)


def output(run: Run, *args: str) -> Any:
    result = run(*args, "--data", S, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_timeline_is_an_array_of_event_objects(run: Run) -> None:
    events = output(run, "timeline")
    assert isinstance(events, list) and events
    for event in events:
        assert_shape(event, EVENT_KEYS)


def test_event_object_adds_names_and_source_details(run: Run) -> None:
    event = output(run, "event", "talks-open")
    extra = {"actor_names": list, "source_details": list}
    assert_shape(event, {**EVENT_KEYS, **extra})
    assert event["source_details"][0] == {"id": "src-a", "title": "A test source",
                                          "url": "https://example.org/a",
                                          "publisher": "Example Press"}
    assert event["start"] == "1982-06-01" and event["end"] == "1982-06-30"


def test_actors_array_and_actor_object(run: Run) -> None:
    for actor in output(run, "actors"):
        assert_shape(actor, ACTOR_KEYS)
    actor = output(run, "actor", "north")
    assert_shape(actor, {**ACTOR_KEYS, "events": list, "clauses": list})
    for event in actor["events"]:
        assert_shape(event, EVENT_KEYS)
    for clause in actor["clauses"]:
        assert_shape(clause, {"id": str, "number": int, "title": str, "relations": list})


def test_clauses_array_and_clause_object(run: Run) -> None:
    clauses = output(run, "clauses")
    for clause in clauses:
        assert_shape(clause, CLAUSE_KEYS)
    one = output(run, "clauses", "1")
    assert one == clauses[0]
    for provision in one["provisions"]:
        assert_shape(provision, PROVISION_KEYS)


def test_ndjson_is_the_json_array_one_object_per_line(run: Run) -> None:
    array = output(run, "timeline")
    lines = run("timeline", "--data", S, "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == array


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1), st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_json_output_is_always_valid_and_round_trips(title: str, summary: str,
                                                     tags: list[str]) -> None:
    from accordcli.edtf import parse_edtf
    from accordcli.environment import Environment
    from accordcli.model import Event, LocalText
    from accordcli.render.registry import render
    from accordcli.render.views import events_listing

    event = Event("e", parse_edtf("1988-04-14"), LocalText(title, title), LocalText(summary or "s"),
                  None, ("a",), tuple(tags), ("s",))
    listing = events_listing([event], "tr")
    record = listing.records[0].json()
    encoded = render(listing, "json", Environment())
    assert isinstance(encoded, bytes)
    assert json.loads(encoded.decode("utf-8")) == [record]
    assert b"\x1b" not in encoded and b"\xc2\x9b" not in encoded  # ESC and C1 CSI escaped
    lines = render(listing, "ndjson", Environment())
    assert isinstance(lines, bytes)
    assert [json.loads(line) for line in lines.decode().splitlines()] == [record]
