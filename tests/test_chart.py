"""chart.py: the timeline drawn for a terminal, fitted to its width, in any encoding."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from accordcli import query
from accordcli.environment import Environment
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.render.chart import chart_lines, plain
from accordcli.render.registry import render
from accordcli.render.views_more import Chart
from conftest import SAMPLE, Run, clean_env

S = str(SAMPLE)
ACCORD = str(Path(sys.executable).parent / "accord")


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
        assert lines[label + 1].strip()[0] in "━○●"
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
    assert "\x1b[" in chart(run, 80, FORCE_COLOR="1")
    assert "\x1b" not in chart(run, 80, TTY_COMPATIBLE="1")  # the layout, not the colours


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


def plot_row(dataset: Dataset, label: str, first: dt.date, last: dt.date | None) -> str:
    """Return the plot of the row whose label starts with `label`, on an 80-column chart."""
    events = query.timeline(dataset, first=first, last=last)
    clauses = query.clauses_matching(dataset, first=first, last=last)
    for line in chart_lines(events, clauses, width=80, lang="en", ascii_only=False,
                            first=first, last=last):
        if line[0][0].startswith(label):
            return line[1][0]
    raise AssertionError(f"no row {label!r}")


def test_chart_marks_the_uncertain_end_and_no_day_off_the_axis(tmp_path: Path) -> None:
    path = tmp_path / "ends.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8")
                    .replace('date = "1988-05-15/1989-02-15"', 'date = "1988-05-15/1989-02-15~"')
                    .replace('in_force = "1988-05-15"', 'in_force = "1989-05-15"'),
                    encoding="utf-8")
    dataset = load(path, use_cache=False)
    year_1988 = (dt.date(1988, 1, 1), dt.date(1988, 12, 31))
    withdrawal = plot_row(dataset, "Withdrawal", year_1988[0], None).strip()
    assert withdrawal.startswith("━") and withdrawal.endswith("○")  # only the end is "~"
    # Entry into force in 1989 is off a 1988 axis: no ◇ pinned to its right edge.
    assert "◇" not in plot_row(dataset, "§1 Peace", *year_1988)
    assert "◇" in plot_row(dataset, "§1 Peace", year_1988[0], dt.date(1989, 12, 31))


@pytest.mark.parametrize(("args", "clauses"), [
    ([], ["§1 Peace", "§2 Guarantee"]),
    (["--actor", "south"], ["§1 Peace"]),  # a party to 1 only
    (["--actor", "north"], ["§1 Peace", "§2 Guarantee"]),  # party to 1, witness to 2
    (["--tag", "military"], ["§1 Peace"]),  # a provision of 1 has the tag
    (["--from", "1988-05"], ["§1 Peace"]),  # in force on 1988-05-15; 2 was only signed
    # The instruments' ranges as event ids and as the EDTF accord prints.
    (["--from", "withdrawal", "--to", "withdrawal"], ["§1 Peace"]),
    (["--from", "1988-05-15/1989-02-15"], ["§1 Peace"]),
])
def test_chart_filters_clause_rows_as_it_filters_events(run: Run, args: list[str],
                                                        clauses: list[str]) -> None:
    text = run("chart", "--data", S, *args, env={"COLUMNS": "100"}).stdout
    assert [line.split("  ")[0].strip() for line in text.splitlines()
            if line.startswith("§")] == clauses


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def test_the_renderer_styles_only_a_colour_terminal(sample: Dataset) -> None:
    view = Chart(tuple(sample.events), sample.clauses)
    drawn = [render(view, "chart", env) for env in (
        Environment(width=80), Environment(terminal=True, width=80),
        Environment(terminal=True, width=80, colours="standard"))]
    assert "\x1b" not in drawn[0] and drawn[0] == drawn[1]
    assert "\x1b[" in drawn[2]
    unstyled = re.sub("\x1b\\[[0-9;]*m", "", str(drawn[2]))
    assert [line.rstrip() for line in unstyled.splitlines()] == str(drawn[0]).splitlines()


def test_the_renderer_draws_ascii_where_the_terminal_needs_it(sample: Dataset) -> None:
    text = str(render(Chart(tuple(sample.events), sample.clauses), "chart",
                      Environment(width=80, ascii_only=True, encoding="ascii")))
    assert text.isascii() and "No. 1 Peace" in text


def test_a_chart_axis_follows_the_period_asked(sample: Dataset) -> None:
    lines = plain(chart_lines(list(sample.events), sample.clauses, width=80, lang="en",
                              ascii_only=False, first=dt.date(1985, 1, 1),
                              last=dt.date(1990, 12, 31))).splitlines()
    assert [int(y) for y in lines[0].split()][::1][0] == 1985
    assert chart_lines([], (), width=80, lang="en", ascii_only=False) == []


def test_the_legend_wraps_to_the_width() -> None:
    from accordcli.edtf import parse_edtf
    from accordcli.model import Event, LocalText

    event = Event("x", parse_edtf("1988"), LocalText("x"), LocalText("x"), None, (), (), ())
    for width in (12, 30, 200):
        legend = plain(chart_lines([event], (), width=width, lang="en", ascii_only=False))
        assert all(len(line) <= width for line in legend.splitlines())


def test_chart_within_draws_only_events_wholly_inside_the_range(run: Run) -> None:
    def rows(*args: str) -> list[str]:
        text = run("chart", "--data", S, "--from", "1988-04", "--to", "1988-12", *args,
                   env={"COLUMNS": "100"}).stdout
        return [line.split("  ")[0].strip() for line in text.splitlines()[1:]
                if line[:1].isalpha() or line.startswith("§")]

    overlapping = rows()
    assert "Withdrawal" in overlapping and "Treaty signed" in overlapping
    inside = rows("--within")
    assert "Withdrawal" not in inside and "Treaty signed" in inside


def axis_labels(text: str) -> list[str]:
    return text.splitlines()[0].split()


@pytest.mark.parametrize(("args", "pattern"), [
    ([], r"[0-9]{4}"),  # 1979–1990: years
    (["--from", "1987", "--to", "1988"], r"[0-9]{4}-[0-9]{2}"),  # two years: months
    (["--from", "1988-03", "--to", "1988-06"], r"[0-9]{4}-[0-9]{2}"),
    (["--from", "1988-04", "--to", "1988-05"], r"[0-9]{2}-[0-9]{2}"),  # two months: days
    (["--from", "1988-04-10", "--to", "1988-04-20"], r"[0-9]{2}-[0-9]{2}"),
])
def test_the_axis_follows_the_length_of_the_range(run: Run, args: list[str],
                                                  pattern: str) -> None:
    result = run("chart", "--data", S, *args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    labels = axis_labels(result.stdout)
    if pattern == r"[0-9]{2}-[0-9]{2}":
        assert labels[0] == "1988"  # the year of a day axis, left of it
        labels = labels[1:]
    assert len(labels) >= 3 and all(re.fullmatch(pattern, label) for label in labels), labels
    assert labels == sorted(labels)
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_nothing_outside_the_range_is_drawn(run: Run) -> None:
    # The chart ends on 14 April: the entry into force on 15 May is not pinned to its edge,
    # the withdrawal (from 15 May) has no row, and the legend promises neither.
    text = run("chart", "--data", S, "--from", "1988-04", "--to", "1988-04-14",
               env={"COLUMNS": "80"}).stdout
    peace = next(line for line in text.splitlines() if line.startswith("§1"))
    assert "◆" in peace and "◇" not in peace
    assert "Withdrawal" not in text and "in force" not in text.splitlines()[-1]
    rule = text.splitlines()[1]
    signed = peace.index("◆")
    assert signed == len(rule.rstrip()) - 1  # 14 April is the axis's last cell


def test_a_signing_and_an_entry_into_force_in_one_cell_are_both_visible(run: Run) -> None:
    # 14 April and 15 May 1988 fall in one cell of a 1979–1990 axis this narrow.
    for width in (12, 30, 60):
        text = run("chart", "--data", S, env={"COLUMNS": str(width)}).stdout
        rows = text.splitlines()
        peace = rows[rows.index("§1 Peace") + 1] if width < 24 else next(
            r for r in rows if r.startswith("§1"))
        assert "◆◇" in peace and "◇ in force" in text


def test_the_legend_lists_only_the_marks_drawn(run: Run) -> None:
    text = run("chart", "--data", S, "--to", "1988-03", env={"COLUMNS": "100"}).stdout
    assert text.splitlines()[-1] == "● event  ━━ period"  # no uncertain date, no clause


@pytest.mark.parametrize(("lang", "name"), [("en", "○ uncertain or approximate"),
                                            ("tr", "○ kesin değil ya da yaklaşık")])
def test_the_unsure_mark_is_named_for_approximate_dates_too(tmp_path: Path, run: Run,
                                                            lang: str, name: str) -> None:
    # Only approximate dates ("c. 1990"): the legend must not call their mark "uncertain".
    path = tmp_path / "approximate.toml"
    text = SAMPLE.read_text(encoding="utf-8").replace('date = "1990?"', 'date = "1990~"')
    assert '?"' not in text
    path.write_text(text, encoding="utf-8")
    shown = run("chart", "--data", str(path), "--lang", lang, env={"COLUMNS": "120"}).stdout
    assert name in shown.splitlines()[-1]
