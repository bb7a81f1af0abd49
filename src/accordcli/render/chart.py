"""Draw the timeline as a terminal chart: an axis of years, months or days (as the range
asks), periods as bars, points as markers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

from accordcli.edtf import days_in_month
from accordcli.i18n import pgettext, pN_
from accordcli.render.registry import Renderer
from accordcli.text import representable, truncate

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.model import Clause, Event
    from accordcli.render.views_more import Chart


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The characters a chart is drawn with."""

    bar: str
    point: str
    unsure: str
    signed: str
    in_force: str
    tick: str
    rule: str
    ellipsis: str
    section: str  # before a clause's number


UNICODE = Glyphs("━", "●", "○", "◆", "◇", "┬", "─", "…", "§")
ASCII = Glyphs("=", "o", "?", "#", "+", "+", "-", "...", "No. ")

# (text, style) pieces of one line; style names are Rich styles, ignored without colour.
Line = list[tuple[str, str]]

# What each mark means, in the order of the marks in chart_lines' legend.
# The unsure mark stands for both qualifiers ("1983?" and "c. 1979"), and says so.
LEGEND = (pN_("legend", "event"), pN_("legend", "uncertain or approximate"),
          pN_("legend", "period"), pN_("legend", "signed"), pN_("legend", "in force"))


# Narrower than this, labels go on lines of their own (see chart_lines).
STACK_BELOW = 24
# A range shorter than about two years gets a month axis, shorter than about two months a
# day axis: a year axis would put a whole range between two ticks.
MONTHS_BELOW = 731  # days
DAYS_BELOW = 62
# Steps between labelled ticks that read naturally: quarters, weeks.
_STEPS = {"year": (1, 2, 5, 10, 20, 50, 100), "month": (1, 2, 3, 6, 12),
          "day": (1, 2, 7, 14)}


def unit_of(low: dt.date, high: dt.date) -> str:
    """Return the unit of an axis from `low` to `high`: "year", "month" or "day"."""
    length = (high - low).days
    return "day" if length < DAYS_BELOW else "month" if length < MONTHS_BELOW else "year"


def _ticks(low: dt.date, high: dt.date, unit: str) -> list[tuple[dt.date, str]]:
    """Return the first day of each year, month or day from `low` to `high`, labelled."""
    if unit == "year":
        return [(dt.date(y, 1, 1), str(y)) for y in range(low.year, high.year + 1)
                if low <= dt.date(y, 1, 1)] or [(low, str(low.year))]
    if unit == "month":
        ticks = []
        year, month = low.year, low.month
        while dt.date(year, month, 1) <= high:
            if dt.date(year, month, 1) >= low:
                ticks.append((dt.date(year, month, 1), f"{year}-{month:02d}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return ticks or [(low, f"{low.year}-{low.month:02d}")]
    return [(low + dt.timedelta(n), (low + dt.timedelta(n)).strftime("%m-%d"))
            for n in range((high - low).days + 1)]


def _rounded(low: dt.date, high: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """Return the days of the data widened to whole years or months of the axis's unit."""
    if unit == "year":
        return dt.date(low.year, 1, 1), dt.date(high.year, 12, 31)
    if unit == "month":
        return dt.date(low.year, low.month, 1), dt.date(
            high.year, high.month, days_in_month(high.year, high.month))
    return low, high


def _fit(text: str, width: int, ellipsis: str, encoding: str) -> str:
    """Return `text` on one line, exactly `width` cells: padded, or cut with `ellipsis`."""
    fitted = truncate(text, width, ellipsis, encoding)
    return fitted + " " * (width - cell_len(fitted))


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where things go on a chart `width` columns wide whose axis runs from `low` to `high`.

    Labels sit left of the plot; below STACK_BELOW columns, where both would be too cramped
    to read, each label gets a line of its own above its row of the plot.
    """

    glyphs: Glyphs
    width: int
    encoding: str
    low: dt.date
    high: dt.date

    @property
    def stacked(self) -> bool:
        return self.width < STACK_BELOW

    @property
    def label_width(self) -> int:
        return self.width if self.stacked else max(8, min(40, self.width // 3))

    @property
    def plot(self) -> int:
        return self.width if self.stacked else self.width - self.label_width - 1

    def column(self, day: dt.date) -> int:
        day = min(max(day, self.low), self.high)
        return round((day - self.low).days / ((self.high - self.low).days or 1)
                     * (self.plot - 1))

    def shown(self, day: dt.date) -> bool:
        """True when `day` lies on the axis: a marker for a day off it would be drawn at the
        edge, as if it happened there."""
        return self.low <= day <= self.high

    def axis(self) -> list[Line]:
        """Return the labels of the years, months or days and the rule with a tick at each."""
        margin = "" if self.stacked else " " * (self.label_width + 1)
        unit = unit_of(self.low, self.high)
        points = _ticks(self.low, self.high, unit)
        room = max(len(text) for _, text in points) + 1
        wanted = math.ceil(room * len(points) / self.plot)
        step = next((n for n in _STEPS[unit] if n >= wanted), max(wanted, 1))
        ticks = [" "] * self.plot
        labels = [" "] * self.plot
        for day, text in points[::step]:
            col = self.column(day)
            ticks[col] = self.glyphs.tick
            at = min(col, self.plot - len(text))  # the last label ends at the edge
            if at >= 0 and all(c == " " for c in labels[max(0, at - 1):at + len(text) + 1]):
                labels[at:at + len(text)] = list(text)
        rule = "".join(self.glyphs.rule if c == " " else c for c in ticks)
        if unit == "day" and not self.stacked:  # days are labelled MM-DD: the year goes left
            years = f"{self.low.year}" if self.low.year == self.high.year else (
                f"{self.low.year}-{self.high.year}")
            margin = _fit(years, self.label_width, self.glyphs.ellipsis, self.encoding) + " "
        return [[(margin, ""), ("".join(labels), "bold")], [(" " * len(margin), ""),
                                                            (rule, "dim")]]

    def row(self, label: str, label_style: str, cells: list[str], style: str) -> list[Line]:
        """Return a label and its row of the plot, side by side or stacked."""
        fitted = _fit(label, self.label_width, self.glyphs.ellipsis, self.encoding)
        plotted = ("".join(cells).rstrip(), style)
        if self.stacked:
            return [[(fitted.rstrip(), label_style)], [plotted]]
        return [[(fitted + " ", label_style), plotted]]

    def event(self, event: Event, lang: str, drawn: set[int]) -> list[Line]:
        """Return an event's row: a bar for a period, a point for a day; add the marks it
        draws (their places in LEGEND) to `drawn`."""
        cells = [" "] * self.plot
        span = event.date
        style = "yellow"
        if span.interval or (span.start != span.end and span.start_precision != "day"):
            style = "cyan"
            left, right = self.column(span.start), self.column(span.end)
            cells[left:right + 1] = [self.glyphs.bar] * (right + 1 - left)  # in C, not per cell
        else:
            cells[self.column(span.start)] = self.glyphs.point
        # The unsure mark goes on the end that is uncertain or approximate, if it is shown:
        # in "1979-03-15/1979-03-20~" only the last day is.
        first_mark, last_mark = span.qualifiers()
        if first_mark and self.shown(span.start):
            cells[self.column(span.start)] = self.glyphs.unsure
        if last_mark and span.interval and self.shown(span.end):
            cells[self.column(span.end)] = self.glyphs.unsure
        # What is left visible: an unsure mark may have taken a point's only cell.
        drawn.update(n for n, mark in ((0, self.glyphs.point), (1, self.glyphs.unsure),
                                       (2, self.glyphs.bar)) if mark in cells)
        return self.row(event.title.get(lang), "", cells, style)

    def clause(self, clause: Clause, lang: str, drawn: set[int]) -> list[Line]:
        """Return a clause's row: its signature and its entry into force, each visible: an
        entry into force that falls in the signature's cell goes in the next one."""
        cells = [" "] * self.plot
        signed = self.column(clause.signed.start) if self.shown(clause.signed.start) else None
        if signed is not None:
            cells[signed] = self.glyphs.signed
            drawn.add(3)
        if clause.in_force is not None and self.shown(clause.in_force.start):
            col = self.column(clause.in_force.start)
            if col == signed:
                col = col + 1 if col + 1 < self.plot else col - 1
            if 0 <= col != signed:
                cells[col] = self.glyphs.in_force
                drawn.add(4)
        label = f"{self.glyphs.section}{clause.number} {clause.title.get(lang)}"
        return self.row(label, "magenta", cells, "bold magenta")

    def legend(self, lang: str, drawn: set[int]) -> list[Line]:
        """Return what each mark drawn means, on as many lines as the width needs: a mark
        that no row shows is not promised."""
        names = [pgettext("legend", name, lang) for name in LEGEND]
        glyphs = self.glyphs
        marks = (glyphs.point, glyphs.unsure, glyphs.bar * 2, glyphs.signed, glyphs.in_force)
        lines: list[Line] = [[("", "")]]
        legend = ""
        for mark, name in (pair for n, pair in enumerate(zip(marks, names, strict=True))
                           if n in drawn):
            item = f"{mark} {representable(name, self.encoding)}"
            if cell_len(item) > self.width:
                item = _fit(item, self.width, glyphs.ellipsis, self.encoding)
            if legend and cell_len(legend) + 2 + cell_len(item) > self.width:
                lines.append([(legend, "dim")])
                legend = ""
            legend = f"{legend}  {item}" if legend else item
        lines.append([(legend, "dim")])
        return lines


def chart_lines(
    events: Sequence[Event],
    clauses: Sequence[Clause],
    *,
    width: int,
    lang: str,
    ascii_only: bool,
    encoding: str = "utf-8",
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[Line]:
    """Return the chart's lines for a terminal `width` columns wide: the axis, a row per
    event and clause in order of their first day, and the legend.

    The axis runs from `first` to `last` when they are given, and nothing outside them is
    drawn; an end not given is the data's, widened to a whole year or month of the axis."""
    days = [d for e in events for d in (e.date.start, e.date.end)]
    days += [s.start for c in clauses for s in (c.signed, c.in_force) if s is not None]
    if not days:
        return []
    low, high = first or min(days), last or max(days)
    if high < low:  # one end given, and all the data on the other side of it
        low, high = (high, high) if first is None else (low, low)
    wide_low, wide_high = _rounded(low, high, unit_of(low, high))
    layout = _Layout(ASCII if ascii_only else UNICODE, max(width, 1), encoding,
                     first or wide_low, last or wide_high)
    drawn: set[int] = set()
    rows = [(e.date.start, order, layout.event(e, lang, drawn))
            for order, e in enumerate(events)]
    rows += [(c.signed.start, len(events) + c.number, layout.clause(c, lang, drawn))
             for c in clauses]
    lines = layout.axis()
    for _, _, row_lines in sorted(rows, key=lambda r: (r[0], r[1])):
        lines.extend(row_lines)
    return lines + layout.legend(lang, drawn)


def plain(lines: list[Line]) -> str:
    """Return the chart as plain text: no colour codes."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)


class ChartRenderer(Renderer):
    name = "chart"

    def chart(self, view: Chart, env: Environment) -> str:
        """Styled on a terminal with colours, plain characters otherwise."""
        lines = chart_lines(view.events, view.clauses, width=env.width, lang=env.lang,
                            ascii_only=env.ascii_only, encoding=env.encoding,
                            first=view.first, last=view.last)
        if not env.terminal or not env.colour:
            return plain(lines)
        from accordcli.render.terminal import styled_lines

        return styled_lines(lines, env)


RENDERER = ChartRenderer()
