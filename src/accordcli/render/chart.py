"""Draw the timeline as a terminal chart: a year axis, periods as bars, points as markers."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from accordcli.i18n import pgettext, pN_
from accordcli.model import Clause, Event
from accordcli.render.safe import one_line, representable


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


_JOINER = "\u200d"  # zero-width joiner
_WIDENER = "\ufe0f"  # variation selector 16: an emoji presentation


def _fit(text: str, width: int, ellipsis: str) -> str:
    """Return `text` on one line, exactly `width` cells: padded, or cut with `ellipsis`."""
    text = representable(one_line(text))
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    cut = text[:_fitting(text, width - len(ellipsis))]
    return cut + ellipsis + " " * (width - cell_len(cut) - len(ellipsis))


def _fitting(text: str, room: int) -> int:
    """Return the length of the longest prefix of `text` that rich's cell_len measures at
    most `room` cells.

    One pass, adding each character's cells to the prefix before it as cell_len counts
    them (a joiner hides itself and the next character; a variation selector widens the
    character before it by one): measuring each shorter prefix again was quadratic, 23 s
    for one 20,000-character label.
    """
    if room < 0:
        return 0
    used = 0
    widenable: str | None = None  # the last character with a width, which VS16 widens
    index = 0
    while index < len(text):
        char = text[index]
        if char == _JOINER:
            index += 2
            continue
        if char == _WIDENER:
            cells = int(widenable is not None and _widens(widenable))
            widenable = None
        else:
            cells = get_character_cell_size(char)
            if cells:
                widenable = char
        if used + cells > room:
            return index
        used += cells
        index += 1
    return len(text)


@lru_cache(maxsize=256)
def _widens(char: str) -> bool:
    """True when a variation selector 16 after `char` makes it a cell wider (rich's table of
    narrow-to-wide characters, read through its public measure)."""
    return cell_len(char + _WIDENER) > cell_len(char)


def chart_lines(
    events: list[Event],
    clauses: tuple[Clause, ...],
    *,
    width: int,
    lang: str,
    ascii_only: bool,
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
        fitted = _fit(label, label_width, glyphs.ellipsis)
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
        item = f"{mark} {representable(name)}"
        if cell_len(item) > width:
            item = _fit(item, width, glyphs.ellipsis)
        if legend and cell_len(legend) + 2 + cell_len(item) > width:
            lines.append([(legend, "dim")])
            legend = ""
        legend = f"{legend}  {item}" if legend else item
    lines.append([(legend, "dim")])
    return lines


def plain(lines: list[Line]) -> str:
    """Return the chart as plain text: no colour codes."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)
