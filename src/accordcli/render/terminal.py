"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from accordcli.render.safe import representable, visible
from accordcli.render.views import Detail, Listing, label

_NO_WRAP = {"date", "id", "number", "start", "end", "first", "last", "event_count", "signed",
            "in_force", "kind"}
# Prose that, wrapped, would make one row of a listing dozens of lines tall (an actor's role
# runs to a paragraph): one line, cut with an ellipsis. The record's own view shows it whole.
_ONE_LINE = {"role"}


def ascii_only() -> bool:
    """True when stdout cannot show box-drawing characters (a non-UTF encoding or TERM=dumb)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("-", "")
    return not encoding.startswith("utf") or os.environ.get("TERM") == "dumb"


def colour_off() -> bool:
    """True when NO_COLOR is set or the terminal is dumb: no styling at all."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


# No layout is wider than this: a table or a chart row costs work per column, and
# COLUMNS=99999999 took minutes and GBs to draw blank space no terminal shows.
MAX_WIDTH = 1000


def terminal_width() -> int:
    """Return the width to lay out for: the terminal's (or COLUMNS), at most MAX_WIDTH.

    The one place a width is read, for tables and the chart alike.
    """
    return min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH)


def _console(file: io.StringIO) -> Console:
    no_color = colour_off()
    return Console(
        file=file,
        width=max(terminal_width(), 20),
        force_terminal=True,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


def render_to_text(renderable: RenderableType) -> str:
    """Render with the terminal's width and colours into a string, for one write to stdout."""
    buffer = io.StringIO()
    console = _console(buffer)
    console.print(renderable)
    # Rich pads every cell to its column width; trailing blanks only get in the way.
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


def styled_lines(lines: list[list[tuple[str, str]]]) -> str:
    """Return lines of (text, style) pieces in the terminal's colours, as Rich prints them as
    one cropped Text.

    A chart's lines arrive fitted to the width, so only Rich's styles are used, not its
    layout, which took seconds for a chart of 7,500 rows; a line too wide still goes
    through Rich, which crops it.
    """
    console = _console(io.StringIO())
    width = console.width
    if not lines or any(cell_len("".join(piece for piece, _ in line)) > width
                        for line in lines):
        return _cropped(lines)
    system = _SYSTEMS.get(console.color_system or "")
    styles: dict[str, Style] = {}
    out = []
    for line in lines:
        row = []
        for piece, name in line:
            if name and piece and system is not None:
                style = styles.get(name) or styles.setdefault(name, Style.parse(name))
                piece = style.render(piece, color_system=system,
                                     legacy_windows=console.legacy_windows)
            row.append(piece)
        out.append("".join(row).rstrip(" ") + "\n")
    return "".join(out)


_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}


def _cropped(lines: list[list[tuple[str, str]]]) -> str:
    text = Text(no_wrap=True, overflow="crop")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for piece, style in line:
            text.append(piece, style=style or None)
    return render_to_text(text)


def _label(key: str, lang: str) -> str:
    """Return a column or field label as the terminal will show it (see representable)."""
    return representable(label(key, lang))


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _box() -> box.Box:
    return box.ASCII if ascii_only() else box.SIMPLE_HEAD


def _text(value: str, style: str = "", words: Iterable[str] = ()) -> Text:
    text = Text(representable(visible(value)), style=style)
    if words:
        from accordcli.search import highlight_ranges

        for start, end in highlight_ranges(text.plain, words):
            text.stylize("reverse", start, end)
    return text


def listing_table(listing: Listing, lang: str, words: Iterable[str] = (),
                  width: int | None = None,
                  widths: dict[str, _Measure] | None = None) -> Table:
    """Return a Rich table of the listing's columns, fitted to `width` when given (with
    `widths` from _widths, if already measured)."""
    table = Table(box=_box(), show_edge=False, pad_edge=False, expand=False)
    one_line = [column for column in listing.columns if column in _ONE_LINE]
    limits: dict[str, int] = {}
    if width is not None and one_line:
        # Rich, left to fit a one-line cell's whole length, would squeeze every other column
        # out of sight. Wrapping and one-line columns share what fixed columns leave; a
        # wrapping column takes no more than its share, and one-line columns the rest.
        widths = widths or _widths(listing, lang)
        room = width - _gaps(listing) - sum(widths[c].natural for c in listing.columns
                                            if c in _NO_WRAP)
        flexible = [c for c in listing.columns if c not in _NO_WRAP]
        share = room // len(flexible)
        room -= sum(min(widths[c].natural, share) for c in flexible if c not in _ONE_LINE)
        limits = {c: max(room // len(one_line), widths[c].narrowest) for c in one_line}
    for column in listing.columns:
        table.add_column(
            _label(column, lang),
            no_wrap=column in _NO_WRAP or column in _ONE_LINE,
            style="dim" if column == "id" else "",
            # One-line cells arrive cut to their limit (below); "crop" keeps Rich from adding
            # its own "…", which an ASCII terminal would print as six characters.
            overflow="crop" if column in limits else "ellipsis" if column in _ONE_LINE
            else "fold",
            max_width=limits.get(column),
        )
    words = tuple(words)
    for record in listing.records:
        table.add_row(*[
            _text(_clipped(_cell(listing.shown(record, c)), limits[c]) if c in limits
                  else _cell(listing.shown(record, c)),
                  "bold" if c in ("title", "name") else "",
                  words if c in ("title", "name", "text") else ())
            for c in listing.columns
        ])
    return table


def _clipped(value: str, width: int) -> str:
    """Return `value` as the terminal will show it, cut to `width` cells with an ellipsis
    the terminal's encoding can show."""
    shown = representable(visible(value))
    if cell_len(shown) <= width:
        return shown
    mark = "..." if ascii_only() else "…"
    room = max(width - len(mark), 0)
    kept: list[str] = []
    used = 0
    for char in value:  # whole characters: never half of an escape like \u0131 or \u202e
        piece = representable(visible(char))
        if used + cell_len(piece) > room:
            break
        kept.append(piece)
        used += cell_len(piece)
    return "".join(kept).rstrip() + mark


# Narrowest readable width of a wrapping column; ids and dates must fit whole. A one-line
# column may be narrower: its start and "…" still say what it holds, and `accord actor ID`
# shows it whole, while a table keeps 38 actors on 40 lines instead of 300.
_MIN_WRAPPED = 12
_MIN_ONE_LINE = 8


class _Measure(NamedTuple):
    """A column's widths, and what laying out its values costs."""

    natural: int  # unwrapped: its label or longest value, as the terminal will show them
    narrowest: int  # the narrowest it can be shown at
    cells: int  # all its values together
    text: int  # Rich's work on its values' characters, in LAYOUT_BUDGET's units


def _widths(listing: Listing, lang: str) -> dict[str, _Measure]:
    """Return each column's widths and costs."""
    widths = {}
    for column in listing.columns:
        label_width = cell_len(_label(column, lang))
        values = [representable(visible(_cell(listing.shown(r, column))))
                  for r in listing.records]
        sizes = [cell_len(v) for v in values]
        natural = max([label_width, *sizes])
        if column in _NO_WRAP:
            narrowest = natural
        elif column in _ONE_LINE:
            narrowest = min(natural, max(_MIN_ONE_LINE, label_width))
        else:
            longest = max([cell_len(w) for v in values for w in v.split()] or [1])
            narrowest = min(_MIN_WRAPPED, max(longest, label_width))
        widths[column] = _Measure(natural, narrowest, sum(sizes), _text_cost(values))
    return widths


def _gaps(listing: Listing) -> int:
    # Between two columns: a space of padding on either side of the box's (blank) separator.
    return 3 * (len(listing.columns) - 1)


def _fits(listing: Listing, widths: dict[str, _Measure], width: int) -> bool:
    return _gaps(listing) + sum(m.narrowest for m in widths.values()) <= width


def listing_view(listing: Listing, lang: str, words: Iterable[str] = (),
                 widths: dict[str, _Measure] | None = None) -> RenderableType:
    """Return the listing as a table, or as stacked records when a table would not fit.

    Rich fits a table that is too wide by dropping columns and cropping cells; a narrow
    terminal gets every value whole, one labelled record after another, instead.
    """
    words = tuple(words)
    width = _console(io.StringIO()).width
    widths = widths or _widths(listing, lang)
    if _fits(listing, widths, width):
        return listing_table(listing, lang, words, width, widths)
    parts: list[RenderableType] = []
    for record in listing.records:
        grid = Table.grid(padding=(0, 1))
        _add_label_column(grid, width)
        grid.add_column(overflow="fold")
        for column in listing.columns:
            grid.add_row(Text(_label(column, lang)),
                         _text(_cell(listing.shown(record, column)),
                               "bold" if column in ("title", "name") else "",
                               words if column in ("title", "name", "text") else ()))
        if parts:
            parts.append(Text(""))
        parts.append(grid)
    return Group(*parts)


def _add_label_column(grid: Table, width: int) -> None:
    """Add the labels' column to a grid of labelled values. A label may take half the width
    and wraps beyond it: escaped for an ASCII terminal, "Tarih aralığı" is 28 characters,
    which would leave the values no room at all on a narrow one."""
    grid.add_column(style="dim", overflow="fold", max_width=max(4, width // 2))


def detail_group(detail: Detail, lang: str) -> Group:
    """Return a heading, a grid of labelled fields and the detail's tables."""
    fields = Table.grid(padding=(0, 2))
    _add_label_column(fields, _console(io.StringIO()).width)
    fields.add_column(overflow="fold")
    for key, value in detail.fields:
        fields.add_row(Text(_label(key, lang)), _text(value))
    parts: list[RenderableType] = [_text(detail.heading, "bold"), fields]
    for key, listing in detail.sections:
        parts += [Text(""), Text(_label(key, lang), style="bold"), listing_view(listing, lang)]
    return Group(*parts)


# What Rich spends laying out a view, in units of about 20 µs on this project's machine
# (measured: BENCHMARKS.md): a value in a table row 3 units and in a stacked record 7, a
# line of wrapped text or a highlighted match 1, and a word or a character outside ASCII
# 1/20. A view estimated above LAYOUT_BUDGET (about 0.4 s) is written as in a pipe instead,
# one line per record, at microseconds a record: as a table, 100,000 actors took 47 s and
# 760 MB, and a search highlighting 6,666 matches in each of 40 titles did not finish.
LAYOUT_BUDGET = 20_000
_ROW_CELL = 3
_STACKED_CELL = 7
_PER_CHARACTER = 20  # words and characters outside ASCII per unit
_PER_ASCII = 200  # other characters per unit
_HIGHLIGHTED = ("title", "name", "text")


def listing_text(listing: Listing, lang: str, words: Iterable[str] = ()) -> str:
    """Return the listing drawn for the terminal, or as lines when drawing costs too much."""
    words = tuple(words)
    width = _console(io.StringIO()).width
    widths = _listing_widths(listing, lang)
    if widths is None or _listing_cost(listing, widths, width, words) > LAYOUT_BUDGET:
        _say_lines(len(listing.records))
        from accordcli.render.formats import lines

        return lines(listing)
    return render_to_text(listing_view(listing, lang, words, widths))


def detail_text(detail: Detail, lang: str) -> str:
    """Return the record drawn for the terminal, or as lines when drawing costs too much."""
    width = _console(io.StringIO()).width
    values = [representable(visible(v)) for v in (detail.heading, *(v for _, v in detail.fields))]
    cost = (_STACKED_CELL * len(values) + _text_cost(values)
            + sum(cell_len(v) for v in values) // max(width // 2, 1))
    for _, listing in detail.sections:
        widths = _listing_widths(listing, lang)
        cost += LAYOUT_BUDGET + 1 if widths is None else _listing_cost(listing, widths, width)
    if cost > LAYOUT_BUDGET:
        _say_lines(1 + sum(len(listing.records) for _, listing in detail.sections))
        from accordcli.render.formats import detail_lines

        return detail_lines(detail, lang)
    return render_to_text(detail_group(detail, lang))


def _text_cost(values: Iterable[str]) -> int:
    """Return Rich's work on the values' characters beyond their lines, in budget units: it
    wraps word by word and measures characters outside ASCII one at a time."""
    costly = plain = 0
    for value in values:
        other = 0 if value.isascii() else len(value) - len(value.encode("ascii", "ignore"))
        costly += value.count(" ") + other
        plain += len(value)
    return costly // _PER_CHARACTER + plain // _PER_ASCII


def _listing_widths(listing: Listing, lang: str) -> dict[str, _Measure] | None:
    """Return _widths, or None for a listing whose rows alone are over the budget: those
    are not measured at all."""
    if len(listing.records) * len(listing.columns) * _ROW_CELL > LAYOUT_BUDGET:
        return None
    return _widths(listing, lang)


def _listing_cost(listing: Listing, widths: dict[str, _Measure], width: int,
                  words: tuple[str, ...] = ()) -> int:
    """Estimate what Rich would spend on the listing, in LAYOUT_BUDGET's units: its values,
    the lines its wrapping columns fold into, their characters, and highlighted matches."""
    fits = _fits(listing, widths, width)
    cells = len(listing.records) * len(listing.columns)
    cost = cells * (_ROW_CELL if fits else _STACKED_CELL)
    cost += sum(measure.text for measure in widths.values())
    wrapping = [c for c in listing.columns if c not in _NO_WRAP and c not in _ONE_LINE]
    if wrapping:
        if fits:
            fixed = sum(widths[c].natural for c in listing.columns if c not in wrapping)
            room = (width - _gaps(listing) - fixed) // len(wrapping)
        else:
            room = width // 2  # stacked records: values beside their labels
        cost += sum(widths[c].cells for c in wrapping) // max(room, 1)
    if words:
        from accordcli.search import fold

        for column in listing.columns:
            if column in _HIGHLIGHTED:
                for record in listing.records:
                    folded = fold(_cell(listing.shown(record, column)))
                    cost += sum(folded.count(word) for word in words)
    return cost


def _say_lines(records: int) -> None:
    from accordcli.output import message

    message(f"accord: too much to draw as a table ({records:,} records): one line per "
            "record, as in a pipe")
