"""Dates at their true precision wherever people read them: no day the data lacks, the
qualifiers in words in tables, details and Markdown, EDTF in tab-separated lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accordcli.edtf import shown_date
from accordcli.load import default_data_path, load
from conftest import SAMPLE, Run

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@pytest.mark.parametrize(("edtf", "english", "turkish"), [
    ("1992-03", "1992-03", "1992-03"),
    ("1979~", "c. 1979", "yaklaşık 1979"),
    ("1983?", "1983 (uncertain)", "1983 (kesin değil)"),
    ("1988%", "c. 1988 (uncertain)", "yaklaşık 1988 (kesin değil)"),
    ("1979~/1990", "c. 1979 – 1990", "yaklaşık 1979 – 1990"),
    ("1988-05-15/1989-02-15", "1988-05-15 – 1989-02-15", "1988-05-15 – 1989-02-15"),
])
def test_a_date_reads_at_its_own_precision_with_its_qualifiers_in_words(
        edtf: str, english: str, turkish: str) -> None:
    assert (shown_date(edtf, "en"), shown_date(edtf, "tr")) == (english, turkish)


@pytest.fixture
def imprecise(tmp_path: Path) -> str:
    """The sample with a period from an approximate year (as Pakistan's refugees) and an
    uncertain year (as the 1983 draft), both the first events of their actors."""
    path = tmp_path / "imprecise.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace('date = "1979-12-24/1980-02"', 'date = "1979~/1990"')
                    .replace('date = "1982-06"', 'date = "1983?"'), encoding="utf-8")
    return str(path)


def test_actors_first_and_last_read_at_the_precision_of_their_events(
        run: Run, imprecise: str) -> None:
    markdown = run("actors", "--data", imprecise, "--format", "markdown").stdout
    north = next(line for line in markdown.splitlines() if line.startswith("| north"))
    assert north.endswith("| c. 1979 | 1990 |")  # not 1979-01-01 and 1990-12-31
    envoy = next(line for line in markdown.splitlines() if line.startswith("| envoy"))
    assert envoy.endswith("| 1983 (uncertain) | 1988-04-14 |")
    lines = run("actors", "--data", imprecise).stdout.splitlines()
    assert lines[0].split("\t")[-2:] == ["1979~", "1990"]  # EDTF, for scripts
    turkish = run("actor", "north", "--data", imprecise, "--lang", "tr").stdout
    assert "Tarih aralığı: yaklaşık 1979 … 1990" in turkish


def test_an_event_reads_at_its_precision_in_tables_details_and_markdown(
        run: Run, imprecise: str) -> None:
    detail = run("event", "border-war", "--data", imprecise).stdout
    assert "Date: c. 1979 – 1990" in detail and "1979-01-01" not in detail
    table = run("timeline", "--data", imprecise, "--format", "markdown").stdout
    assert "| c. 1979 – 1990 | border-war |" in table
    assert "| 1983 (uncertain) | talks-open |" in table
    lines = run("timeline", "--data", imprecise).stdout
    assert "1979~/1990\tborder-war\t" in lines and "1983?\ttalks-open\t" in lines


def test_no_day_the_shipped_data_lacks_is_shown(run: Run) -> None:
    dataset = load(default_data_path(), use_cache=False)
    written = {e.date.text for e in dataset.events}
    written |= {s.text for c in dataset.clauses for s in (c.signed, c.in_force) if s}
    days_written = {day for text in written for day in ISO_DAY.findall(text)}
    def rows(*args: str) -> list[str]:  # a table's rows, below its header and rule
        return [line for line in run(*args, "--format", "markdown").stdout.splitlines()[2:]
                if line.startswith("| ")]

    shown = [line.split(" | ")[0] for line in rows("timeline")]
    for line in rows("actors") + rows("clauses"):
        shown += line.rstrip(" |").split(" | ")[-2:]
    assert len(shown) > 100
    invented = {day for cell in shown for day in ISO_DAY.findall(cell)} - days_written
    assert not invented


def test_search_hits_read_their_dates_at_their_precision(run: Run, imprecise: str) -> None:
    markdown = run("search", "talks", "--data", imprecise, "--format", "markdown").stdout
    assert "| talks-open | 1983 (uncertain) |" in markdown
    lines = run("search", "talks", "--data", imprecise).stdout
    assert "\ttalks-open\t1983?\t" in lines


def test_sources_read_their_dates_at_their_precision(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'date = "1988-04-15"', 'date = "1988-04?"', 1), encoding="utf-8")
    data = str(path)
    detail = run("source", "src-a", "--data", data).stdout
    assert "Date: 1988-04 (uncertain)" in detail
    assert "| src-a | A test source | Example Press | 1988-04 (uncertain) |" in run(
        "sources", "--data", data, "--format", "markdown").stdout
    assert "\tExample Press\t1988-04?\t" in run("sources", "--data", data).stdout
    event = run("event", "talks-open", "--data", data, "--lang", "tr").stdout
    # A citation in prose dates in words, as TimelineJS does.
    assert "A test source (Example Press, Nisan 1988 (kesin değil))" in event


@pytest.mark.parametrize(("lang", "date", "words"), [
    ("en", "Date: c. 1988-05-15 – 1989-02-15",
     "  c. Sunday 15 May 1988 – Wednesday 15 February 1989"),
    ("tr", "Tarih: yaklaşık 1988-05-15 – 1989-02-15",
     "  yaklaşık 15 Mayıs 1988 Pazar – 15 Şubat 1989 Çarşamba"),
])
def test_a_date_in_words_carries_the_qualifier_of_the_date_above_it(
        run: Run, tmp_path: Path, lang: str, date: str, words: str) -> None:
    path = tmp_path / "qualified.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8")
                    .replace('date = "1988-05-15/1989-02-15"', 'date = "1988-05-15~/1989-02-15"')
                    .replace('in_force = "1988-05-15"', 'in_force = "1988-05-15?"'),
                    encoding="utf-8")
    lines = run("event", "withdrawal", "--data", str(path), "--lang", lang).stdout.splitlines()
    assert lines[lines.index(date) + 1] == words
    clause = run("clauses", "1", "--data", str(path), "--lang", lang).stdout.splitlines()
    uncertain = {"en": "  Sunday 15 May 1988 (uncertain)",
                 "tr": "  15 Mayıs 1988 Pazar (kesin değil)"}[lang]
    assert uncertain in clause


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("form", ["table", "markdown"])
def test_an_event_without_tags_or_actors_shows_no_empty_labels(
        run: Run, lang: str, form: str) -> None:
    shown = run("event", "rumour", "--data", str(SAMPLE), "--lang", lang,
                "--format", form).stdout
    labels = {"en": ("Tags", "Actors"), "tr": ("Etiketler", "Aktörler")}[lang]
    assert "Sources" in shown or "Kaynaklar" in shown
    assert not any(label in shown for label in labels), shown
