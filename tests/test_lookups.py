"""search, on and span on the sample dataset (chart: test_chart, TimelineJS: test_timelinejs,
completion: test_completion)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE, Run

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
        "text": "Mediator", "snippet": "Ada Envoy", "snippet_lang": "en"}


def test_search_in_turkish_shows_turkish_titles(run: Run) -> None:
    hits = json_of(run, "search", "WITHDRAWAL", "--lang", "tr")
    assert hits[0]["title"] == "Çekilme"


def test_search_highlights_on_a_terminal_only(run: Run) -> None:
    piped = run("search", "istanbul", "--data", S)
    assert piped.stdout == ("event\ttalks-open\t1982-06\tTalks open in İstanbul"
                            "\tTalks open in İstanbul\n")
    colour = run("search", "istanbul", "--data", S, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in colour.stdout and "İstanbul" in colour.stdout
    # Which characters are highlighted: test_terminal.py.


def test_search_limit_keeps_the_best_hits(run: Run) -> None:
    every = json_of(run, "search", "talks")
    assert len(every) == 2
    assert json_of(run, "search", "talks", "--limit", "1") == every[:1]
    assert json_of(run, "search", "talks", "--limit", "0") == []


def test_timeline_search_uses_the_same_matching(run: Run) -> None:
    ids = [e["id"] for e in json_of(run, "timeline", "--search", "ISTANBUL")]
    assert ids == ["talks-open"]
    assert [e["id"] for e in json_of(run, "timeline", "--search", "ope")] == ["talks-open"]
    assert json_of(run, "timeline", "--search", "pen") == []  # never inside a word


def test_repeated_timeline_searches_must_all_match(run: Run) -> None:
    def ids(*args: str) -> list[str]:
        return [e["id"] for e in json_of(run, "timeline", *args)]

    assert ids("-s", "troops") == ["border-war", "withdrawal"]
    assert ids("-s", "troops", "-s", "northland") == ["border-war", "withdrawal"]
    assert ids("-s", "troops", "-s", "cross") == ["border-war"]
    assert ids("-s", "cross", "-s", "troops") == ids("-s", "cross troops")
    assert ids("-s", "troops", "-s", "istanbul") == []


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
        # Every form --from takes; a month or year: everything under way during it.
        ("4-14", ["treaty-signed"]),
        ("14 April", ["treaty-signed"]),
        ("14 Nisan", ["treaty-signed"]),
        ("April 14", ["treaty-signed"]),
        ("29 Şubat", ["leap-day"]),
        ("14 April 1988", ["treaty-signed"]),
        ("14 Nisan 1988", ["treaty-signed"]),
        ("1988-04", ["treaty-signed"]),
        ("Nisan 1988", ["treaty-signed"]),
        ("1988-08", ["withdrawal"]),
        ("1988", ["leap-day", "treaty-signed", "withdrawal"]),
        ("1980", ["border-war"]),
        ("1988-05-15/1989-02-15", ["withdrawal"]),
        ("1990?", ["rumour"]),
        # An event id: everything under way during that event.
        ("treaty-signed", ["treaty-signed"]),
        ("withdrawal", ["withdrawal"]),
        ("border-war", ["border-war"]),
    ],
)
def test_on(run: Run, when: str, expected: list[str]) -> None:
    assert [e["id"] for e in json_of(run, "on", when)] == expected


def test_on_today_comes_from_accord_today(run: Run) -> None:
    assert [e["id"] for e in json_of(run, "on", env={"ACCORD_TODAY": "2024-02-29"})] == [
        "leap-day"]
    assert [e["id"] for e in json_of(run, "on", env={"ACCORD_TODAY": "2026-04-14"})] == [
        "treaty-signed"]


@pytest.mark.parametrize(("when", "message"), [
    ("02-30", "date: '02-30': February has no day 30"),
    ("13-01", "date: '13-01' is not a month and day (MM-DD); did you mean 01-13?"),
    ("31-02", "date: '31-02' is not a month and day (MM-DD)\n"),
    ("4/14", "date: '4/14': write the year with four digits"),
    ("1988-02-30", "date: '1988-02-30': February 1988 has no day 30"),
    ("yesterday", "date: 'yesterday' is neither a date nor an event id"),
    ("14 Aprl", "date: '14 Aprl': 'Aprl' is not a month or weekday; did you mean April?"),
    ("Thursday 14 April", "date: 'Thursday 14 April': a weekday goes with a day"),
])
def test_on_rejects_what_is_not_a_date_naming_the_mistake(run: Run, when: str,
                                                          message: str) -> None:
    result = run("on", when, "--data", S)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("accord: error: " + message)


def test_on_an_anniversary_says_how_many_years_ago(run: Run) -> None:
    today = {"ACCORD_TODAY": "2026-04-14"}
    assert [(e["id"], e["years_ago"]) for e in json_of(run, "on", "04-14", env=today)] == [
        ("treaty-signed", 38)]
    # Without a date: today's anniversaries; ACCORD_TODAY also sets the years ago.
    assert [(e["id"], e["years_ago"]) for e in json_of(
        run, "on", env={"ACCORD_TODAY": "1998-02-15"})] == [("withdrawal", 9)]
    lines = run("on", "04-14", "--data", S, env=today).stdout
    assert lines == "1988-04-14\ttreaty-signed\tTreaty signed\t38 years ago\n"
    turkish = run("on", "14 Nisan", "--data", S, "--lang", "tr", env=today).stdout
    assert turkish.endswith("\t38 yıl önce\n")
    # Only an anniversary has years ago: what was under way is a timeline.
    assert "years_ago" not in json_of(run, "on", "1988-04-14")[0]


@pytest.mark.parametrize(("today", "years", "english", "turkish"), [
    # Whole years, as ages: 37 years and 8 months is not "38 years ago".
    ("2026-01-01", 37, "37 years ago", "37 yıl önce"),
    ("1988-04-14", 0, "today", "bugün"),
    ("1989-04-13", 0, "less than a year ago", "bir yıldan kısa süre önce"),
    ("1988-01-01", 0, "in less than a year", "bir yıldan kısa süre sonra"),
    ("1987-04-14", -1, "in 1 year", "1 yıl sonra"),
    # 1 year and 3 months to come is not "in 1 year".
    ("1987-01-01", -1, "in more than 1 year", "1 yıldan uzun süre sonra"),
    ("1985-01-01", -3, "in more than 3 years", "3 yıldan uzun süre sonra"),
])
def test_years_ago_are_true_to_the_day(run: Run, today: str, years: int, english: str,
                                       turkish: str) -> None:
    env = {"ACCORD_TODAY": today}
    assert [e["years_ago"] for e in json_of(run, "on", "04-14", env=env)] == [years]
    assert run("on", "04-14", "--data", S, env=env).stdout.endswith(f"\t{english}\n")
    said = run("on", "04-14", "--data", S, "--lang", "tr", env=env).stdout
    assert said.endswith(f"\t{turkish}\n")


@pytest.mark.parametrize(("typed", "lang"), [
    ("c. 1979", "en"), ("1983 (uncertain)", "en"), ("1983-04-11 – 1983-04-29", "en"),
    ("yaklaşık 1979", "tr"), ("1983 (kesin değil)", "tr"), ("14.04.1988", "en"),
    ("14-04-1988", "tr"),
])
def test_dates_as_accord_shows_them_are_read_back(run: Run, typed: str, lang: str) -> None:
    """What a table, a detail view or Markdown shows is a date `--from` reads."""
    result = run("timeline", "--from", typed, "--data", S, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout and "not a supported date form" not in result.stderr


@pytest.mark.parametrize(("typed", "english", "turkish"), [
    ("1988 1989", "'1988 1989' holds more than one year; give one date, or a range as "
                  "1988/1989", "'1988 1989' birden çok yıl içeriyor"),
    ("14 14 1988", "'14 14 1988' has no month: 14 and 14 are both over 12",
     "'14 14 1988' içinde ay yok: 14 ve 14 ikisi de 12'den büyük"),
    ("31.02.1988", "'31.02.1988': February 1988 has no day 31",
     "'31.02.1988': Şubat 1988 ayında 31. gün yok"),
])
def test_numbers_that_make_no_date_name_the_mistake(run: Run, typed: str, english: str,
                                                    turkish: str) -> None:
    result = run("timeline", "--from", typed, "--data", S)
    assert result.exit_code == 2 and english in result.stderr
    assert "ambiguous" not in result.stderr
    result = run("timeline", "--from", typed, "--data", S, "--lang", "tr")
    assert result.exit_code == 2 and turkish in result.stderr


def test_a_month_without_that_day_says_so_in_either_language(run: Run) -> None:
    assert "'02-30': February has no day 30" in run("on", "02-30", "--data", S).stderr
    said = run("on", "02-30", "--data", S, "--lang", "tr").stderr
    assert "'02-30': Şubat ayında 30. gün yok" in said


def test_on_takes_a_window_of_days_like_bsd_calendar(run: Run) -> None:
    def ids(*args: str) -> list[str]:
        found = json_of(run, "on", *args, env={"ACCORD_TODAY": "2026-04-14"})
        return [e["id"] for e in found]

    assert ids("04-10") == []
    assert ids("04-10", "--after", "4") == ["treaty-signed"]
    assert ids("04-10", "-A", "3") == []
    assert ids("04-20", "--before", "6") == ["treaty-signed"]
    assert ids("04-20", "-B", "5") == []
    # In order of anniversary: 04-14 is 16 days before 04-30, 05-15 is 15 days after it.
    assert ids("04-30", "-B", "16", "-A", "15") == ["treaty-signed", "withdrawal"]
    assert ids("02-28", "-A", "1") == ["leap-day"]
    # Around a date, the window widens the days asked about.
    assert ids("1988-04-10") == []
    assert ids("1988-04-10", "--after", "4") == ["treaty-signed"]
    assert ids("1988-05-20", "--before", "36") == ["treaty-signed", "withdrawal"]
    assert ids("0001-01-01", "--before", "365") == []  # no day before the first
    result = run("on", "04-14", "--after", "400", "--data", S)
    assert result.exit_code == 2 and "--after" in result.stderr


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
        "talks-open is dated 1982-06: known only to the month, so the range takes in the "
        "whole month",
        "rumour is dated 1990?: known only to the year, so the range takes in the whole year; "
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
        "withdrawal is dated 1988-05~/1989-02-15?: known only to the month, so the range "
        "takes in the whole month; the date is approximate",
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
    # A month is an end (any day of it); a range of days is not one moment.
    vague = run("span", "1988-04-14/1988-05-15", "1989-01-01", "--data", S)
    assert vague.exit_code == 2
    assert ("'1988-04-14/1988-05-15' is a range, not one end: give a day, month or year"
            in vague.stderr)


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
    ("04/05/1988", "is ambiguous"),
    ("14.4.88", "write the year with four digits"),
])
def test_span_reports_a_mistyped_date_as_a_date(run: Run, text: str, message: str) -> None:
    """Not as an unknown event id: ids have no spaces, and no id is near these."""
    result = run("span", text, "1988-05-15", "--data", S)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("query", [["the"], ["troops", "withdraw"], ['"indirect talks"'],
                                   ["cekil"], ["north"], ["src-a"]])
def test_search_answers_the_same_from_the_index_standard_input_and_no_cache(
        run: Run, query: list[str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from accordcli import cache
    from accordcli.cli import app
    from conftest import process_cache_dir

    indexed = json_of(run, "search", *query)
    index = cache.current_index(SAMPLE, process_cache_dir())
    assert index is not None
    with index:
        assert index.searchable  # the first search added the full-text tables
    assert json_of(run, "search", *query) == indexed
    assert json_of(run, "search", *query, "--no-cache") == indexed
    piped = CliRunner().invoke(app, ["search", *query, "--data", "-", "--json"],
                               input=SAMPLE.read_bytes(),
                               env={"ACCORD_CACHE_DIR": str(tmp_path)})
    assert piped.exit_code == 0, piped.stderr
    assert json.loads(piped.stdout) == indexed
