"""timelinejs.py: events exported as Knight Lab TimelineJS JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from accordcli.environment import Environment
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.query import timeline
from accordcli.render.registry import render
from accordcli.render.views import timeline_view
from conftest import SAMPLE, Run

S = str(SAMPLE)


SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
              "autolink", "unique_id"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


def check_date(value: Any) -> dt.date:
    assert isinstance(value, dict) and set(value) <= DATE_KEYS
    assert isinstance(value["year"], int)
    month = value.get("month", 1)
    assert 1 <= month <= 12
    if "day" in value:
        assert "month" in value
    return dt.date(value["year"], month, value.get("day", 1))  # raises for a bad day


def check_timelinejs(document: Any) -> None:
    """Check the structure against the TimelineJS3 JSON format's documented rules."""
    assert set(document) <= {"events", "title", "eras", "scale"}
    assert isinstance(document["events"], list)
    ids = [slide["unique_id"] for slide in document["events"]]
    assert len(ids) == len(set(ids))
    for slide in document["events"]:
        assert set(slide) <= SLIDE_KEYS
        start = check_date(slide["start_date"])
        if "end_date" in slide:
            assert check_date(slide["end_date"]) >= start
        assert set(slide["text"]) <= {"headline", "text"}
        assert all(isinstance(v, str) for v in slide["text"].values())
        for key in ("group", "display_date", "unique_id"):
            assert isinstance(slide.get(key, ""), str)
    if "title" in document:
        assert "start_date" not in document["title"]


def test_timelinejs_structure_and_precision(run: Run) -> None:
    result = run("timeline", "--data", S, "--format", "timelinejs")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    check_timelinejs(document)
    slides = {s["unique_id"]: s for s in document["events"]}
    assert slides["talks-open"]["start_date"] == {"year": 1982, "month": 6}
    assert slides["withdrawal"]["end_date"] == {"year": 1989, "month": 2, "day": 15}
    assert slides["border-war"]["end_date"] == {"year": 1980, "month": 2}
    assert slides["rumour"]["start_date"] == {"year": 1990}
    assert slides["rumour"]["display_date"] == "1990 (uncertain)"
    assert "display_date" not in slides["leap-day"]
    assert slides["talks-open"]["group"] == "Diplomacy"
    assert slides["talks-open"]["text"]["text"].count("<a href=") == 2
    assert document["title"]["text"]["headline"] == "Sample timeline"


def test_timelinejs_escapes_html_and_follows_lang(run: Run, tmp_path: Path) -> None:
    hostile = tmp_path / "h.toml"
    hostile.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'title = { en = "Withdrawal", tr = "Çekilme" }',
        'title = { en = "<script>alert(1)</script>", tr = "Çekilme" }'), encoding="utf-8")
    document = json.loads(run("timeline", "--data", str(hostile), "--format",
                              "timelinejs").stdout)
    check_timelinejs(document)
    text = json.dumps(document)
    assert "<script>" not in text and "&lt;script&gt;" in text
    turkish = json.loads(run("timeline", "--data", S, "--format", "timelinejs", "--lang",
                             "tr").stdout)
    headlines = [s["text"]["headline"] for s in turkish["events"]]
    assert "Çekilme" in headlines
    rumour = next(s for s in turkish["events"] if s["unique_id"] == "rumour")
    assert rumour["display_date"] == "1990 (kesin değil)"


@pytest.mark.parametrize(("edtf", "english", "turkish"), [
    ("1979-03-15/1979-03-20~", "15 March 1979 – c. 20 March 1979",
     "15 Mart 1979 – yaklaşık 20 Mart 1979"),
    ("1990?", "1990 (uncertain)", "1990 (kesin değil)"),
    ("1982-06~/1982-07", "c. June 1982 – July 1982", "yaklaşık Haziran 1982 – Temmuz 1982"),
    ("1988%", "c. 1988 (uncertain)", "yaklaşık 1988 (kesin değil)"),
])
def test_timelinejs_display_date_qualifies_only_the_end_that_is(edtf: str, english: str,
                                                                turkish: str) -> None:
    from accordcli.edtf import display_date, parse_edtf

    assert display_date(parse_edtf(edtf), "en") == english
    assert display_date(parse_edtf(edtf), "tr") == turkish


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def test_the_renderer_indents_on_a_terminal_only(sample: Dataset) -> None:
    view = timeline_view(timeline(sample), sample, "en")
    compact = render(view, "timelinejs", Environment())
    pretty = render(view, "timelinejs", Environment(terminal=True))
    assert isinstance(compact, bytes) and isinstance(pretty, bytes)
    assert compact.count(b"\n") == 1 and pretty.count(b"\n") > 10
    assert json.loads(compact) == json.loads(pretty)
    check_timelinejs(json.loads(compact))


def test_the_other_formats_see_the_timeline_as_its_listing(sample: Dataset) -> None:
    view = timeline_view(timeline(sample), sample, "en")
    assert render(view, "csv", Environment()) == render(view.listing, "csv", Environment())


def test_json_wins_over_timelinejs(run: Run) -> None:
    both = run("timeline", "--data", S, "--format", "timelinejs", "--json")
    assert both.stdout == run("timeline", "--data", S, "--json").stdout


def test_a_source_date_reads_as_slide_dates_do_never_as_edtf(run: Run,
                                                             tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'date = "1988-04-15"', 'date = "1988-04~"'), encoding="utf-8")
    for lang, said in (("en", "(Example Press, c. April 1988)"),
                       ("tr", "(Example Press, yaklaşık Nisan 1988)")):
        for fmt in ("timelinejs", "html"):
            text = run("timeline", "--data", str(data), "--format", fmt, "--lang",
                       lang).stdout
            assert "1988-04~" not in text and said in text.replace("\\u00a0", " "), fmt
