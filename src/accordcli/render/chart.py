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
    from accordcli.render.views import Chart


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
    """Return the chart's lines for a terminal `width` columns wide.

    Labels sit left of the plot; below STACK_BELOW columns, where both would be too
    cramped to read, each label gets a line of its own above its row of the plot.
    """
    glyphs = ASCII if ascii_only else UNICODE
    width = max(width, 1)
    stacked = width < STACK_BELOW
    label_width = width if stacked else max(8, min(40, width // 3))
    plot = width if stacked else width - label_width - 1
    margin = "" if stacked else " " * (label_width + 1)
    days = [d for e in events for d in (e.date.start, e.date.end)]
    days += [s.start for c in clauses for s in (c.signed, c.in_force) if s is not None]
    if not days:
        return []
    low = dt.date((first or min(days)).year, 1, 1)
    high = dt.date((last or max(days)).year, 12, 31)
    total = (high - low).days or 1

    def column(day: dt.date) -> int:
        day = min(max(day, low), high)
        return round((day - low).days / total * (plot - 1))

    def shown(day: dt.date) -> bool:
        """True when `day` lies on the axis: a marker for a day off it would be drawn at the
        edge, as if it happened there."""
        return low <= day <= high

    lines: list[Line] = []
    years = list(range(low.year, high.year + 1))
    step = max(1, math.ceil(5 * len(years) / plot))
    axis = [" "] * plot
    labels = [" "] * plot
    for year in years[::step]:
        col = column(dt.date(year, 1, 1))
        axis[col] = glyphs.tick
        text = str(year)
        if col + len(text) <= plot and all(c == " " for c in labels[max(0, col - 1):col + 4]):
            labels[col:col + len(text)] = list(text)
    rule = "".join(glyphs.rule if c == " " else c for c in axis)
    lines.append([(margin, ""), ("".join(labels), "bold")])
    lines.append([(margin, ""), (rule, "dim")])

    def row(label: str, label_style: str, cells: list[str], style: str) -> list[Line]:
        fitted = _fit(label, label_width, glyphs.ellipsis, encoding)
        plotted = ("".join(cells).rstrip(), style)
        if stacked:
            return [[(fitted.rstrip(), label_style)], [plotted]]
        return [[(fitted + " ", label_style), plotted]]

    rows: list[tuple[dt.date, int, list[Line]]] = []
    for order, event in enumerate(events):
        cells = [" "] * plot
        span = event.date
        style = "yellow"
        if span.interval or (span.start != span.end and span.start_precision != "day"):
            style = "cyan"
            left, right = column(span.start), column(span.end)
            cells[left:right + 1] = [glyphs.bar] * (right + 1 - left)  # in C, not per cell
        else:
            cells[column(span.start)] = glyphs.point
        # The unsure mark goes on the end that is uncertain or approximate, if it is shown:
        # in "1979-03-15/1979-03-20~" only the last day is.
        first_mark, last_mark = span.qualifiers()
        if first_mark and shown(span.start):
            cells[column(span.start)] = glyphs.unsure
        if last_mark and span.interval and shown(span.end):
            cells[column(span.end)] = glyphs.unsure
        rows.append((span.start, order, row(event.title.get(lang), "", cells, style)))
    for clause in clauses:
        cells = [" "] * plot
        if clause.in_force is not None and shown(clause.in_force.start):
            cells[column(clause.in_force.start)] = glyphs.in_force
        if shown(clause.signed.start):
            cells[column(clause.signed.start)] = glyphs.signed
        label = f"{glyphs.section}{clause.number} {clause.title.get(lang)}"
        rows.append((clause.signed.start, len(events) + clause.number,
                     row(label, "magenta", cells, "bold magenta")))
    for _, _, row_lines in sorted(rows, key=lambda r: (r[0], r[1])):
        lines.extend(row_lines)
    names = [pgettext("legend", name, lang) for name in LEGEND]
    marks = (glyphs.point, glyphs.unsure, glyphs.bar * 2, glyphs.signed, glyphs.in_force)
    lines.append([("", "")])
    legend = ""
    for mark, name in zip(marks, names, strict=True):
        item = f"{mark} {representable(name, encoding)}"
        if cell_len(item) > width:
            item = _fit(item, width, glyphs.ellipsis, encoding)
        if legend and cell_len(legend) + 2 + cell_len(item) > width:
            lines.append([(legend, "dim")])
            legend = ""
        legend = f"{legend}  {item}" if legend else item
    lines.append([(legend, "dim")])
    return lines


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
