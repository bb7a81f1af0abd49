"""search, on, span, chart and TimelineJS on the sample dataset (completion: test_completion)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE, Run, clean_env

S = str(SAMPLE)
ACCORD = str(Path(sys.executable).parent / "accord")


def json_of(run: Run, *args: str, env: dict[str, str] | None = None) -> Any:
    result = run(*args, "--data", S, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# search ------------------------------------------------------------------------------------

def test_search_ranks_title_matches_first_and_covers_every_kind(run: Run) -> None:
    hits = json_of(run, "search", "cekilme")
    assert [(h["kind"], h["id"], h["match"]) for h in hits] == [
        ("event", "withdrawal", "title"), ("event", "treaty-signed", "text")]
    kinds = {h["kind"] for h in json_of(run, "search", "peace")}
    assert kinds == {"clause"}
    provision = json_of(run, "search", "troops", "withdraw")
    assert ("provision", "peace/II.1") in {(h["kind"], h["id"]) for h in provision}
    assert json_of(run, "search", "envoy")[0] == {
        "kind": "actor", "id": "envoy", "title": "Ada Envoy", "date": None, "match": "title",
        "text": "Mediator"}


def test_search_in_turkish_shows_turkish_titles(run: Run) -> None:
    hits = json_of(run, "search", "WITHDRAWAL", "--lang", "tr")
    assert hits[0]["title"] == "Çekilme"


def test_search_highlights_on_a_terminal_only(run: Run) -> None:
    piped = run("search", "istanbul", "--data", S)
    assert piped.stdout == "event\ttalks-open\tTalks open in İstanbul\n"
    colour = run("search", "istanbul", "--data", S, env={"TTY_COMPATIBLE": "1"})
    # The title is bold; only the matched word is also reversed (7), not the words around it.
    assert "\x1b[1mTalks open in \x1b[0m\x1b[1;7mİstanbul\x1b[0m" in colour.stdout
    assert colour.stdout.count("7m") == 1


def test_search_limit_keeps_the_best_hits(run: Run) -> None:
    every = json_of(run, "search", "talks")
    assert len(every) == 2
    assert json_of(run, "search", "talks", "--limit", "1") == every[:1]
    assert json_of(run, "search", "talks", "--limit", "0") == []


def test_timeline_search_uses_the_same_matching(run: Run) -> None:
    ids = [e["id"] for e in json_of(run, "timeline", "--search", "ISTANBUL")]
    assert ids == ["talks-open"]


# on ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("04-14", ["treaty-signed"]),
        ("02-29", ["leap-day"]),  # a leap day has anniversaries too
        ("05-15", ["withdrawal"]),  # began that day
        ("02-15", ["withdrawal"]),  # ended that day
        ("12-24", ["border-war"]),
        ("06-01", []),  # "1982-06" is known only to the month: no anniversary
        ("1988-06-01", ["withdrawal"]),
        ("1980-02-10", ["border-war"]),
        ("1988-04-14", ["treaty-signed"]),
        ("1988-02-29", ["leap-day"]),
        ("1982-06-15", ["talks-open"]),
        ("1990-07-01", ["rumour"]),
        ("2001-01-01", []),
    ],
)
def test_on(run: Run, when: str, expected: list[str]) -> None:
    assert [e["id"] for e in json_of(run, "on", when)] == expected


def test_on_today_comes_from_accord_today(run: Run) -> None:
    assert [e["id"] for e in json_of(run, "on", env={"ACCORD_TODAY": "2024-02-29"})] == [
        "leap-day"]
    assert [e["id"] for e in json_of(run, "on", env={"ACCORD_TODAY": "2026-04-14"})] == [
        "treaty-signed"]


@pytest.mark.parametrize("when", ["02-30", "13-01", "4-14", "1988-02-30", "yesterday"])
def test_on_rejects_what_is_not_a_day(run: Run, when: str) -> None:
    result = run("on", when, "--data", S)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("accord: error:")


def test_on_rejects_a_bad_accord_today(run: Run) -> None:
    result = run("on", "--data", S, env={"ACCORD_TODAY": "1988-02-30"})
    assert result.exit_code == 2 and "ACCORD_TODAY" in result.stderr


# span --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b", "years", "months", "days", "total"),
    [
        # 1979-12-24 → 1987-12-24 is 8 years (2,922 days with 1980 and 1984 leap);
        # → 1988-04-24 is 4 months (31+31+29+31 = 122); → 1988-05-15 is 21 days: 3,065.
        ("border-war", "withdrawal", 8, 4, 21, 3065),
        ("1988-04-14", "1988-05-15", 0, 1, 1, 31),
        ("1988-02-29", "1992-02-29", 4, 0, 0, 1461),
        # dateutil's convention: a year after 29 February is 28 February.
        ("leap-day", "1989-02-28", 1, 0, 0, 365),
        ("treaty-signed", "treaty-signed", 0, 0, 0, 0),
        ("1988-05-15", "1988-04-14", 0, -1, -1, -31),
    ],
)
def test_span_against_hand_computed_answers(
    run: Run, a: str, b: str, years: int, months: int, days: int, total: int
) -> None:
    record = json_of(run, "span", a, b)
    assert (record["years"], record["months"], record["days"], record["total_days"]) == (
        years, months, days, total)


def test_span_says_when_a_date_is_not_an_exact_day(run: Run) -> None:
    exact = json_of(run, "span", "leap-day", "treaty-signed")
    assert exact["exact"] is True and exact["notes"] == []
    record = json_of(run, "span", "talks-open", "rumour")
    assert record["exact"] is False
    assert record["from"] == "1982-06-01" and record["to"] == "1990-01-01"
    assert record["notes"] == [
        "talks-open is dated 1982-06: known only to the month, so its first day 1982-06-01 "
        "is used",
        "rumour is dated 1990?: known only to the year, so its first day 1990-01-01 is used; "
        "the date is uncertain",
    ]
    text = run("span", "border-war", "withdrawal", "--data", S).stdout
    assert text.splitlines()[0] == "8 years, 4 months, 21 days (3,065 days)"
    assert "a period; its first day 1979-12-24 is used" in text
    turkish = run("span", "border-war", "withdrawal", "--data", S, "--lang", "tr").stdout
    assert turkish.splitlines()[0] == "8 yıl, 4 ay, 21 gün (3.065 gün)"


def test_span_notes_speak_of_the_first_day_only(run: Run, tmp_path: Path) -> None:
    # "~" on the last day of a period says nothing about its first day, which span uses.
    path = tmp_path / "ends.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8")
                    .replace('"1979-12-24/1980-02"', '"1979-12-24/1980-02~"')
                    .replace('"1988-05-15/1989-02-15"', '"1988-05~/1989-02-15?"'),
                    encoding="utf-8")
    ran = run("span", "border-war", "withdrawal", "--data", str(path), "--json")
    record = json.loads(ran.stdout)
    assert record["notes"] == [
        "border-war is dated 1979-12-24/1980-02~: a period; its first day 1979-12-24 is used",
        "withdrawal is dated 1988-05~/1989-02-15?: known only to the month, so its first day "
        "1988-05-01 is used; the date is approximate",
    ]
    # In CSV each note is a line of its own: the notes themselves contain ";".
    csv_text = run("span", "border-war", "withdrawal", "--data", str(path),
                   "--format", "csv").stdout
    import csv as csv_module

    rows = list(csv_module.DictReader(csv_text.splitlines(keepends=True)))
    assert rows[0]["notes"].split("\n") == record["notes"]
    # Every field of the JSON object is a column, with values as JSON spells them.
    assert list(rows[0]) == list(record)
    assert rows[0]["from_label"] == "border-war" and rows[0]["to_label"] == "withdrawal"
    assert rows[0]["exact"] == "false"


def test_span_errors(run: Run) -> None:
    unknown = run("span", "treaty", "1988-01-01", "--data", S)
    assert unknown.exit_code == 1 and "did you mean 'treaty-signed'" in unknown.stderr
    bad = run("span", "1988-02-30", "1988-03-01", "--data", S)
    assert bad.exit_code == 2 and "February 1988 has no day 30" in bad.stderr
    vague = run("span", "April 1988", "1989-01-01", "--data", S)
    assert vague.exit_code == 2
    assert "'April 1988' is a month, not a day" in vague.stderr


def test_span_takes_a_day_in_any_form_from_takes(run: Run) -> None:
    """YYYY-MM-DD, year-first without zeros, or words in English or Turkish: one day each."""
    for start, end in (("14 April 1988", "15 Mayıs 1988"), ("1988-4-14", "1988-05-15")):
        record = json_of(run, "span", start, end)
        assert (record["from"], record["to"], record["total_days"]) == (
            "1988-04-14", "1988-05-15", 31)
        assert (record["from_label"], record["to_label"]) == (start, end)


def test_span_tries_an_event_id_before_a_date_in_words(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "dated-id.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'id = "treaty-signed"', 'id = "14-april-1988"'), encoding="utf-8")
    result = run("span", "14-april-1988", "1988-05-15", "--data", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["from_label"] == "14-april-1988"  # the event, by its id


@pytest.mark.parametrize(("text", "message"), [
    ("Monday 14 April 1988", "14 April 1988 was a Thursday"),
    ("14/04/1988", "is ambiguous"),
    ("14.4.88", "write the year with four digits"),
])
def test_span_reports_a_mistyped_date_as_a_date(run: Run, text: str, message: str) -> None:
    """Not as an unknown event id: ids have no spaces, and no id is near these."""
    result = run("span", text, "1988-05-15", "--data", S)
    assert result.exit_code == 2 and message in result.stderr


# chart -------------------------------------------------------------------------------------

def chart(run: Run, width: int, **env: str) -> str:
    result = run("chart", "--data", S, env={"COLUMNS": str(width), **env})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", [24, 40, 80, 120, 200])
def test_chart_fits_the_width(run: Run, golden: Callable[[str, str], None], width: int) -> None:
    text = chart(run, width)
    assert all(len(line) <= width for line in text.splitlines())
    years = [int(y) for y in text.splitlines()[0].split()]
    assert years[0] == 1979 and years == sorted(years) and years[-1] <= 1990
    assert "◆" in text and "◇" in text  # the clauses' signing and entry into force
    assert "━" in text and "●" in text
    golden(f"chart-{width}.txt", text)


@pytest.mark.parametrize("width", [1, 3, 12, 23])
def test_narrow_chart_stacks_labels_and_still_fits(run: Run, golden: Callable[[str, str], None],
                                                   width: int) -> None:
    text = chart(run, width)
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines)
    assert "◆" in text and "━" in text and "●" in text
    if width >= 12:
        # A label line, then its row of the plot: "Border war" is the first event.
        label = next(n for n, line in enumerate(lines) if line.startswith("Border"))
        assert lines[label + 1].strip()[0] in "━○●◐"
    if width == 12:
        golden("chart-12.txt", text)


def test_chart_labels_stay_aligned_when_the_encoding_cannot_show_them() -> None:
    out = subprocess.run([ACCORD, "chart", "--lang", "tr", "--data", S], capture_output=True,
                         text=True, env=clean_env(PYTHONIOENCODING="ascii", COLUMNS="60"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(len(line) <= 60 for line in lines)
    plot_starts = len(lines[1]) - len(lines[1].lstrip())
    rows = lines[2:lines.index("")]
    assert any("\\u0131" in row for row in rows)  # Turkish letters shown as escapes
    for row in rows:  # labels were escaped before layout: the plot starts in one column
        assert row[plot_starts - 1] == " " and row[plot_starts:plot_starts + 1] != "\\", row


def test_chart_has_no_colour_codes_unless_on_a_colour_terminal(run: Run) -> None:
    assert "\x1b" not in chart(run, 80)
    assert "\x1b" not in chart(run, 80, TTY_COMPATIBLE="1", NO_COLOR="1")
    assert "\x1b[" in chart(run, 80, TTY_COMPATIBLE="1")


def test_chart_degrades_to_plain_characters(run: Run) -> None:
    text = chart(run, 80, TERM="dumb")
    assert "§" not in text and "No. 1 Peace" in text  # the glyphs are ASCII; data text is not
    assert text.isascii() or not re.search("[━●◆◇┬─…]", text)
    assert "#" in text and "=" in text


def test_chart_filters_and_turkish(run: Run) -> None:
    text = run("chart", "--data", S, "--tag", "military", "--lang", "tr").stdout
    assert "Sınır savaşı" in text and "Çekilme" in text and "Artık gün" not in text
    empty = run("chart", "--data", S, "--from", "2005")
    assert (empty.exit_code, empty.stdout) == (0, "")


def test_chart_marks_the_uncertain_end_and_no_day_off_the_axis(run: Run,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "ends.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8")
                    .replace('date = "1988-05-15/1989-02-15"', 'date = "1988-05-15/1989-02-15~"')
                    .replace('in_force = "1988-05-15"', 'in_force = "1989-05-15"'),
                    encoding="utf-8")

    def row(label: str, *args: str) -> str:
        result = run("chart", "--data", str(path), *args, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        line = next(line for line in result.stdout.splitlines() if line.startswith(label))
        return line[27:].strip()  # the plot, right of the 26-column labels

    withdrawal = row("Withdrawal", "--from", "1988")
    assert withdrawal.startswith("━") and withdrawal.endswith("○")  # only the end is "~"
    # Entry into force in 1989 is off a 1988 axis: no ◇ pinned to its right edge.
    assert "◇" not in row("§1 Peace", "--from", "1988", "--to", "1988")
    assert "◇" in row("§1 Peace", "--from", "1988", "--to", "1989")


@pytest.mark.parametrize(("args", "clauses"), [
    ([], ["§1 Peace", "§2 Guarantee"]),
    (["--actor", "south"], ["§1 Peace"]),  # a party to 1 only
    (["--actor", "north"], ["§1 Peace", "§2 Guarantee"]),  # party to 1, witness to 2
    (["--tag", "military"], ["§1 Peace"]),  # a provision of 1 has the tag
    (["--from", "1988-05"], ["§1 Peace"]),  # in force on 1988-05-15; 2 was only signed
])
def test_chart_filters_clause_rows_as_it_filters_events(run: Run, args: list[str],
                                                        clauses: list[str]) -> None:
    text = run("chart", "--data", S, *args, env={"COLUMNS": "100"}).stdout
    assert [line.split("  ")[0].strip() for line in text.splitlines()
            if line.startswith("§")] == clauses


# TimelineJS --------------------------------------------------------------------------------

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
     "15 Mart 1979 – yak. 20 Mart 1979"),
    ("1990?", "1990 (uncertain)", "1990 (kesin değil)"),
    ("1982-06~/1982-07", "c. June 1982 – July 1982", "yak. Haziran 1982 – Temmuz 1982"),
    ("1988%", "c. 1988 (uncertain)", "yak. 1988 (kesin değil)"),
])
def test_timelinejs_display_date_qualifies_only_the_end_that_is(edtf: str, english: str,
                                                                turkish: str) -> None:
    from accordcli.edtf import parse_edtf
    from accordcli.render.timelinejs import display_date

    assert display_date(parse_edtf(edtf), "en") == english
    assert display_date(parse_edtf(edtf), "tr") == turkish
