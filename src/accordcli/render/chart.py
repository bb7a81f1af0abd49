"""Draw the timeline as a terminal chart: a year axis, periods as bars, points as markers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

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
LEGEND = (pN_("legend", "event"), pN_("legend", "uncertain"), pN_("legend", "period"),
          pN_("legend", "signed"), pN_("legend", "in force"))


# Narrower than this, labels go on lines of their own (see chart_lines).
STACK_BELOW = 24


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
        """Return the years and the rule with a tick at each."""
        margin = "" if self.stacked else " " * (self.label_width + 1)
        years = list(range(self.low.year, self.high.year + 1))
        step = max(1, math.ceil(5 * len(years) / self.plot))
        ticks = [" "] * self.plot
        labels = [" "] * self.plot
        for year in years[::step]:
            col = self.column(dt.date(year, 1, 1))
            ticks[col] = self.glyphs.tick
            text = str(year)
            if col + len(text) <= self.plot and all(
                    c == " " for c in labels[max(0, col - 1):col + 4]):
                labels[col:col + len(text)] = list(text)
        rule = "".join(self.glyphs.rule if c == " " else c for c in ticks)
        return [[(margin, ""), ("".join(labels), "bold")], [(margin, ""), (rule, "dim")]]

    def row(self, label: str, label_style: str, cells: list[str], style: str) -> list[Line]:
        """Return a label and its row of the plot, side by side or stacked."""
        fitted = _fit(label, self.label_width, self.glyphs.ellipsis, self.encoding)
        plotted = ("".join(cells).rstrip(), style)
        if self.stacked:
            return [[(fitted.rstrip(), label_style)], [plotted]]
        return [[(fitted + " ", label_style), plotted]]

    def event(self, event: Event, lang: str) -> list[Line]:
        """Return an event's row: a bar for a period, a point for a day."""
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
        return self.row(event.title.get(lang), "", cells, style)

    def clause(self, clause: Clause, lang: str) -> list[Line]:
        """Return a clause's row: its signature and its entry into force."""
        cells = [" "] * self.plot
        if clause.in_force is not None and self.shown(clause.in_force.start):
            cells[self.column(clause.in_force.start)] = self.glyphs.in_force
        if self.shown(clause.signed.start):
            cells[self.column(clause.signed.start)] = self.glyphs.signed
        label = f"{self.glyphs.section}{clause.number} {clause.title.get(lang)}"
        return self.row(label, "magenta", cells, "bold magenta")

    def legend(self, lang: str) -> list[Line]:
        """Return what each mark means, on as many lines as the width needs."""
        names = [pgettext("legend", name, lang) for name in LEGEND]
        glyphs = self.glyphs
        marks = (glyphs.point, glyphs.unsure, glyphs.bar * 2, glyphs.signed, glyphs.in_force)
        lines: list[Line] = [[("", "")]]
        legend = ""
        for mark, name in zip(marks, names, strict=True):
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
    event and clause in order of their first day, and the legend."""
    days = [d for e in events for d in (e.date.start, e.date.end)]
    days += [s.start for c in clauses for s in (c.signed, c.in_force) if s is not None]
    if not days:
        return []
    layout = _Layout(ASCII if ascii_only else UNICODE, max(width, 1), encoding,
                     dt.date((first or min(days)).year, 1, 1),
                     dt.date((last or max(days)).year, 12, 31))
    rows = [(e.date.start, order, layout.event(e, lang)) for order, e in enumerate(events)]
    rows += [(c.signed.start, len(events) + c.number, layout.clause(c, lang)) for c in clauses]
    lines = layout.axis()
    for _, _, row_lines in sorted(rows, key=lambda r: (r[0], r[1])):
        lines.extend(row_lines)
    return lines + layout.legend(lang)


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
