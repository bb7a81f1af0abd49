"""The JSON output is a public interface: its keys and types change only on purpose."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, Run

S = str(SAMPLE)

EVENT_KEYS = {"id": str, "date": str, "start": str, "end": str, "title": str, "summary": str,
              "note": (str, type(None)), "actors": list, "tags": list, "sources": list,
              "start_precision": str, "end_precision": str, "uncertain": bool,
              "approximate": bool}
ACTOR_KEYS = {"id": str, "name": str, "kind": str, "role": str,
              "affiliation": (str, type(None)), "event_count": int,
              "first": (str, type(None)), "last": (str, type(None)), "sources": list,
              "first_date": (str, type(None)), "last_date": (str, type(None)),
              "first_precision": (str, type(None)), "last_precision": (str, type(None))}
INTERVAL_KEYS = {"from": str, "to": str, "from_label": str, "to_label": str, "years": int,
                 "months": int, "days": int, "total_days": int, "exact": bool, "notes": list,
                 "min_days": int, "max_days": int}
EVENT_CSV = ("id,date,start,end,title,summary,note,actors,tags,sources,start_precision,"
             "end_precision,uncertain,approximate")
ACTOR_CSV = ("id,name,kind,role,affiliation,event_count,first,last,sources,first_date,"
             "last_date,first_precision,last_precision")
INTERVAL_CSV = ("from,to,from_label,to_label,years,months,days,total_days,exact,notes,"
                "min_days,max_days")
CLAUSE_KEYS = {"id": str, "number": int, "title": str, "full_title": (str, type(None)),
               "parties": list, "signatories": list, "witnesses": list, "signed": str,
               "in_force": (str, type(None)), "summary": str, "provisions": list,
               "sources": list}
PROVISION_KEYS = {"number": str, "text": str, "tags": list}
OPTIONAL = (str, type(None))
SOURCE_KEYS = {"id": str, "title": str, "url": str, "publisher": str, "date": OPTIONAL,
               "authors": list, "type": OPTIONAL, "container": OPTIONAL,
               "archived": OPTIONAL, "accessed": OPTIONAL, "note": OPTIONAL}
# A record in full (event, clauses N, actor, source) names the version of its data.
IN_FULL = {"dataset_version": str}
HIT_KEYS = {"kind": str, "id": str, "title": str, "date": (str, type(None)), "match": str,
            "text": str, "snippet": str, "snippet_lang": str}


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


def test_events_say_how_precise_each_end_is_and_whether_it_is_qualified(run: Run) -> None:
    events = {e["id"]: e for e in output(run, "timeline")}
    fields = ("start", "end", "start_precision", "end_precision", "uncertain", "approximate")
    assert [events["border-war"][f] for f in fields] == [  # 1979-12-24/1980-02
        "1979-12-24", "1980-02-29", "day", "month", False, False]
    assert [events["talks-open"][f] for f in fields] == [  # 1982-06
        "1982-06-01", "1982-06-30", "month", "month", False, False]
    assert [events["rumour"][f] for f in fields] == [  # 1990?
        "1990-01-01", "1990-12-31", "year", "year", True, False]


def test_actors_give_the_edtf_and_precision_of_their_first_and_last_dates(run: Run) -> None:
    actors = {a["id"]: a for a in output(run, "actors")}
    fields = ("first", "first_date", "first_precision", "last", "last_date", "last_precision")
    assert [actors["north"][f] for f in fields] == [
        "1979-12-24", "1979-12-24", "day", "1989-02-15", "1989-02-15", "day"]
    assert [actors["envoy"][f] for f in fields] == [  # talks-open, 1982-06
        "1982-06-01", "1982-06", "month", "1988-04-14", "1988-04-14", "day"]
    assert [actors["south"][f] for f in ("last", "last_date")] == ["1988-04-14", "1988-04-14"]


def test_csv_adds_the_new_columns_after_the_existing_ones(run: Run) -> None:
    def header(*args: str) -> str:
        result = run(*args, "--data", S, "--format", "csv")
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[0]

    assert header("timeline") == EVENT_CSV
    assert header("actors") == ACTOR_CSV
    assert header("span", "withdrawal") == INTERVAL_CSV
    rumour = next(line for line in run("timeline", "--data", S, "--format", "csv")
                  .stdout.splitlines() if line.startswith("rumour,"))
    assert rumour.endswith(",year,year,true,false")


def test_span_object_adds_the_shortest_and_longest_it_may_be(run: Run) -> None:
    span = output(run, "span", "rumour", "withdrawal")
    assert_shape(span, INTERVAL_KEYS)
    assert (span["min_days"], span["max_days"]) == (-960, -596)
    assert span["total_days"] == -596 and span["exact"] is False


def test_event_object_adds_names_and_source_details(run: Run) -> None:
    event = output(run, "event", "talks-open")
    extra = {"actor_names": list, "source_details": list}
    assert_shape(event, {**EVENT_KEYS, **extra, **IN_FULL})
    assert event["dataset_version"] == "2026-12-01"
    assert event["source_details"][0] == {
        "id": "src-a", "title": "A test source", "url": "https://example.org/a",
        "publisher": "Example Press", "date": "1988-04-15",
        "authors": ["Ann Author", "Bo Writer"], "type": "newspaper",
        "container": "The Example Times", "archived": "https://archive.example.org/a",
        "accessed": "2026-12-01", "note": "The second edition."}
    for source in event["source_details"]:
        assert_shape(source, SOURCE_KEYS)
    assert event["start"] == "1982-06-01" and event["end"] == "1982-06-30"


def test_on_lists_anniversaries_as_events_with_years_ago_and_days_as_events(run: Run) -> None:
    anniversaries = output(run, "on", "04-14")
    assert anniversaries
    for anniversary in anniversaries:
        assert_shape(anniversary, {**EVENT_KEYS, "years_ago": int})
    for event in output(run, "on", "1988-04-14"):
        assert_shape(event, EVENT_KEYS)


def test_actors_array_and_actor_object(run: Run) -> None:
    for actor in output(run, "actors"):
        assert_shape(actor, ACTOR_KEYS)
    actor = output(run, "actor", "north")
    assert_shape(actor, {**ACTOR_KEYS, "events": list, "clauses": list, **IN_FULL})
    for event in actor["events"]:
        assert_shape(event, EVENT_KEYS)
    for clause in actor["clauses"]:
        assert_shape(clause, {"id": str, "number": int, "title": str, "relations": list})


def test_clauses_array_and_clause_object(run: Run) -> None:
    clauses = output(run, "clauses")
    for clause in clauses:
        assert_shape(clause, CLAUSE_KEYS)
    one = output(run, "clauses", "1")
    assert one.pop("dataset_version") == "2026-12-01"
    assert one == clauses[0]
    for provision in one["provisions"]:
        assert_shape(provision, PROVISION_KEYS)


def test_sources_array_and_source_object(run: Run) -> None:
    sources = output(run, "sources")
    assert [s["id"] for s in sources] == ["src-a", "src-b"]
    for source in sources:
        assert_shape(source, {**SOURCE_KEYS, "citation_count": int})
    one = output(run, "source", "src-b")
    citation = {"kind": str, "id": str, "title": str, "date": OPTIONAL}
    assert_shape(one, {**SOURCE_KEYS, "citation_count": int, "cited_by": list, **IN_FULL})
    for cited_by in one["cited_by"]:
        assert_shape(cited_by, citation)
    assert one["citation_count"] == len(one["cited_by"]) == sources[1]["citation_count"]
    assert one["cited_by"][0] == {"kind": "event", "id": "talks-open",
                                  "title": "Talks open in İstanbul", "date": "1982-06"}


def test_search_hits_keep_their_fields_and_add_the_snippet(run: Run) -> None:
    hits = output(run, "search", "the") + output(run, "search", "troops")
    assert {h["kind"] for h in hits} == {"event", "actor", "clause", "provision"}
    for hit in hits:
        assert_shape(hit, HIT_KEYS)
        assert hit["match"] in ("title", "text") and hit["snippet_lang"] in ("en", "tr")
    header = run("search", "the", "--data", S, "--format", "csv").stdout.splitlines()[0]
    # CSV: new columns only ever after the old ones.
    assert header == "kind,id,title,date,match,text,snippet,snippet_lang"


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
