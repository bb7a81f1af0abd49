"""The general formats' renderers in-process: json, ndjson, csv, markdown, table (lines in
a pipe) and validate's report, each with an Environment built for the test."""

from __future__ import annotations

import json

import pytest

from accordcli.actors import actor_summaries, involvement
from accordcli.environment import Environment
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.query import require_clause, require_event, timeline
from accordcli.render.registry import render
from accordcli.render.views import (
    actor_detail,
    actors_listing,
    clause_detail,
    event_detail,
    events_listing,
)
from accordcli.render.views_more import Report
from conftest import SAMPLE

PIPE = Environment()
TERMINAL = Environment(terminal=True, width=100)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def text(output: str | bytes) -> str:
    return output.decode("utf-8") if isinstance(output, bytes) else output


# ------------------------------------------------------------------------------- json


def test_json_is_compact_in_a_pipe_and_indented_on_a_terminal(sample: Dataset) -> None:
    listing = events_listing(timeline(sample), "en")
    compact, pretty = render(listing, "json", PIPE), render(listing, "json", TERMINAL)
    assert isinstance(compact, bytes) and compact.count(b"\n") == 1
    assert isinstance(pretty, bytes) and pretty.startswith(b"[\n  {\n    \"id\": \"border-war\"")
    assert json.loads(compact) == json.loads(pretty) == [r.json() for r in listing.records]


def test_json_of_a_record_in_full_is_one_object(sample: Dataset) -> None:
    detail = event_detail(require_event(sample, "talks-open"), sample, "tr")
    record = json.loads(render(detail, "json", PIPE))
    assert record["id"] == "talks-open" and record["actor_names"]
    # Added after the event's fields, in the order they were added.
    assert list(record)[-3:] == ["actor_names", "source_details", "dataset_version"]


def test_json_escapes_what_could_drive_a_terminal(sample: Dataset) -> None:
    event = require_event(sample, "talks-open")
    hostile = event.__class__(event.id, event.date, event.title.__class__("a\x1b[2J\u202eb"),
                              event.summary, None, (), (), ())
    encoded = render(events_listing([hostile], "en"), "json", PIPE)
    assert b"\x1b" not in encoded and "\u202e".encode() not in encoded
    assert json.loads(encoded)[0]["title"] == "a\x1b[2J\u202eb"


# ----------------------------------------------------------------------------- ndjson


def test_ndjson_is_one_object_a_line(sample: Dataset) -> None:
    listing = events_listing(timeline(sample), "en")
    lines = text(render(listing, "ndjson", TERMINAL)).splitlines()
    assert [json.loads(line) for line in lines] == [r.json() for r in listing.records]
    clause = clause_detail(require_clause(sample, "1"), sample, "en")
    assert text(render(clause, "ndjson", PIPE)).count("\n") == 1


# -------------------------------------------------------------------------------- csv


def test_csv_has_its_header_even_with_no_records() -> None:
    assert render(events_listing([], "en"), "csv", PIPE) == (
        b"id,date,start,end,title,summary,note,actors,tags,sources,start_precision,"
        b"end_precision,uncertain,approximate\n")


def test_csv_joins_ids_with_semicolons_and_spells_none_as_empty(sample: Dataset) -> None:
    rows = text(render(events_listing(timeline(sample), "en"), "csv", PIPE)).splitlines()
    border = next(row for row in rows if row.startswith("border-war,"))
    assert ",north;south," in border and ",," in border  # two actors; no note


def test_csv_of_a_record_in_full_writes_its_rows(sample: Dataset) -> None:
    clause = text(render(clause_detail(require_clause(sample, "1"), sample, "en"), "csv",
                         PIPE))
    assert clause.splitlines()[0] == "clause,number,text,tags"
    assert clause.splitlines()[1].startswith("peace,")
    actor = text(render(actor_detail(involvement(sample, "north"), sample, "en"), "csv", PIPE))
    assert actor.splitlines()[0].startswith("id,date,start,end")


# --------------------------------------------------------------------------- markdown


def test_markdown_labels_columns_in_the_language_and_keeps_data_literal(
        sample: Dataset) -> None:
    summaries = actor_summaries(sample)
    english = text(render(actors_listing(summaries, "en"), "markdown", PIPE))
    # Views are built in the environment's language, which also labels the columns.
    turkish = text(render(actors_listing(summaries, "tr"), "markdown", Environment(lang="tr")))
    assert english.startswith("| Id | Name | Kind |")
    assert turkish.splitlines()[0] != english.splitlines()[0]
    assert "| devlet |" in turkish  # an enumerated value as people read it
    assert "|---|" in english


def test_markdown_of_a_record_in_full_is_a_section(sample: Dataset) -> None:
    section = text(render(event_detail(require_event(sample, "talks-open"), sample, "en"),
                          "markdown", PIPE))
    assert section.startswith("## ")
    assert "**Date:** 1982-06  " in section


# ---------------------------------------------------------------------- table, in a pipe


def test_table_in_a_pipe_is_a_line_per_record_without_a_header(sample: Dataset) -> None:
    lines = text(render(events_listing(timeline(sample), "en"), "table", PIPE)).splitlines()
    assert lines[0].split("\t") == ["1979-12-24/1980-02", "border-war", "Border war"]
    assert len(lines) == len(timeline(sample))


def test_table_in_a_pipe_shows_a_record_as_label_value_lines(sample: Dataset) -> None:
    lines = text(render(event_detail(require_event(sample, "talks-open"), sample, "en"),
                        "table", PIPE)).splitlines()
    assert lines[1] == "Date: 1982-06"
    sources = lines.index(next(line for line in lines if line.startswith("Sources: ")))
    assert lines[sources + 1].startswith("  ")  # a second source, indented


def test_table_on_a_terminal_is_laid_out_with_labels(sample: Dataset) -> None:
    table = text(render(events_listing(timeline(sample), "en"), "table", TERMINAL))
    assert table.split()[:3] == ["Date", "Id", "Title"]
    assert render(events_listing([], "en"), "table", TERMINAL) == ""


# ----------------------------------------------------------------------------- report


def test_report_counts_each_kind_in_singular_or_plural() -> None:
    report = Report("data/\x1bx.toml", {"events": 1, "actors": 2, "tags": 0})
    assert render(report, "report", PIPE) == (
        "data/\\x1bx.toml: valid: 1 event, 2 actors, 0 tags\n")
