"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text.

Everything about the terminal (width, colours, encoding) comes from the Environment:
Rich is given it explicitly and reads nothing from the process itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from accordcli.render.layout import (
    DATES,
    FIXED,
    GAP,
    LIMITED,
    LIMITED_SHOWN,
    Column,
    Words,
    needed,
    widths,
    words,
    wrap,
)
from accordcli.render.views import JOINER, header, label
from accordcli.text import Cell, cell, representable, visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing

Rows = list[tuple[Cell, ...]]

_STYLES = {"title": "bold", "name": "bold", "id": "dim"}
_HIGHLIGHTED = ("title", "name", "text", "snippet")
# SIMPLE_HEAD drawn in ASCII: blank but for a rule of "-" under the header.
_ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
_MIN_TABLE_WIDTH = 20
# Nothing accord draws depends on the height; giving one keeps Rich from asking the terminal.
_HEIGHT = 25


def console(env: Environment, file: io.StringIO) -> Console:
    """Return a Rich console writing to `file` as this environment's terminal would show it."""
    return Console(
        file=file,
        width=max(env.width, _MIN_TABLE_WIDTH),
        height=_HEIGHT,
        force_terminal=True,
        color_system=env.colours,
        no_color=not env.colour,
        markup=False,
        emoji=False,
        highlight=False,
        _environ={},
    )


def render_to_text(renderable: RenderableType, env: Environment) -> str:
    """Render with the terminal's width and colours into a string, for one write to stdout."""
    buffer = io.StringIO()
    # crop=False: a web address longer than the line is left whole (see _fields); every
    # other line is laid out within the width already.
    console(env, buffer).print(renderable, crop=False)
    # Rich pads every cell to its column width; trailing blanks only get in the way.
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}


def styled_lines(lines: list[list[tuple[str, str]]], env: Environment) -> str:
    """Return lines of (text, style) pieces in the terminal's colours, as Rich prints them as
    one cropped Text.

    The lines arrive fitted to the width (a chart's), so only Rich's styles are used, not
    its layout, whose cost grows with every row; a line too wide still goes through Rich,
    which crops it.
    """
    terminal = console(env, io.StringIO())
    width = terminal.width
    if not lines or any(cell_len("".join(piece for piece, _ in line)) > width
                        for line in lines):
        return _cropped(lines, env)
    system = _SYSTEMS.get(terminal.color_system or "")
    styles: dict[str, Style] = {}
    out = []
    for line in lines:
        row = []
        for piece, name in line:
            if name and piece and system is not None:
                style = styles.get(name) or styles.setdefault(name, Style.parse(name))
                piece = style.render(piece, color_system=system,
                                     legacy_windows=terminal.legacy_windows)
            row.append(piece)
        out.append("".join(row).rstrip(" ") + "\n")
    return "".join(out)


def _cropped(lines: list[list[tuple[str, str]]], env: Environment) -> str:
    text = Text(no_wrap=True, overflow="crop")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for piece, style in line:
            text.append(piece, style=style or None)
    return render_to_text(text, env)


def _label(key: str, env: Environment) -> str:
    """Return a field label as the terminal will show it."""
    return representable(label(key, env.lang), env.encoding)


def _header(key: str, env: Environment) -> str:
    """Return a column's header as the terminal will show it."""
    return representable(header(key, env.lang), env.encoding)


def _shown(value: Cell) -> str:
    return cell(value, JOINER)


def _styled(value: str, env: Environment, style: str = "",
            words: Iterable[str] = ()) -> Text:
    """Return data text as inert Rich Text, its matches of `words` highlighted."""
    text = Text(representable(visible(value), env.encoding), style=style)
    return _highlighted(text, words)


def _highlighted(text: Text, words: Iterable[str]) -> Text:
    if words:
        from accordcli.match import highlight_ranges

        for start, end in highlight_ranges(text.plain, words):
            text.stylize("reverse", start, end)
    return text


def _lines_text(column: str, lines: list[str], listing: Listing[Any]) -> Text:
    """Return a cell's shown lines as one Rich Text, styled as its column is."""
    text = Text("\n".join(lines), style=_STYLES.get(column, ""))
    return _highlighted(text, listing.highlight if column in _HIGHLIGHTED else ())


class _Measured(NamedTuple):
    """A listing's columns measured for layout, and what laying them out costs."""

    columns: list[Column]
    cells: int  # all values' cells together
    text: int  # Rich's work on their characters, in LAYOUT_BUDGET's units


def _measure(listing: Listing[Any], rows: Rows, env: Environment) -> _Measured:
    columns = []
    cells = text = 0
    for index, key in enumerate(listing.columns):
        values = [_shown(row[index]) for row in rows]
        dates = key in DATES
        column = Column(key, words(_header(key, env), env.encoding),
                        [words(v, env.encoding, dates=dates, flat=key in LIMITED)
                         for v in values])
        columns.append(column)
        cells += sum(len(v) for v in values)
        text += _text_cost(values)
    return _Measured(columns, cells, text)


def _mark(env: Environment) -> str:
    return "..." if env.ascii_only else "…"


def listing_table(listing: Listing[Any], rows: Rows, env: Environment,
                  measured: _Measured, sizes: list[int]) -> Table:
    """Return a Rich table of the listing's columns at these widths, its cells wrapped
    between words; a blank line sets off every row that takes more than one line."""
    table = Table(box=_ASCII_HEAD if env.ascii_only else box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, expand=False, padding=(0, GAP - 1, 0, 0))
    mark = _mark(env)
    for column, size in zip(measured.columns, sizes, strict=True):
        heading = wrap(column.header, size, env.encoding, mark, fold=True)
        table.add_column(Text("\n".join(heading)), width=size, no_wrap=True,
                         overflow="crop")
    wrapped: list[list[list[str]]] = []
    for index in range(len(rows)):
        cells: list[list[str]] = []
        for column, size in zip(measured.columns, sizes, strict=True):
            if column.key in LIMITED:
                cells.append([])  # once the row's height is known
            else:
                cells.append(wrap(column.cells[index], size, env.encoding, mark))
        height = max(len(lines) for lines in cells)
        for position, (column, size) in enumerate(zip(measured.columns, sizes, strict=True)):
            if column.key in LIMITED:
                cells[position] = _limited(column.cells[index], size, env, mark,
                                           max(LIMITED[column.key], height))
        wrapped.append(cells)
    tall = [max(len(lines) for lines in cells) > 1 for cells in wrapped]
    for index, cells in enumerate(wrapped):
        following = index + 1 < len(wrapped) and tall[index + 1]
        table.add_row(*(_lines_text(column, lines, listing)
                        for column, lines in zip(listing.columns, cells, strict=True)),
                      end_section=tall[index] or following)
    return table


def _limited(cell: Words, size: int, env: Environment, mark: str, lines: int) -> list[str]:
    """Return a cut-to-fit cell in at most `lines` lines, or more where those would show
    fewer than LIMITED_SHOWN characters of it (long words leave lines short)."""
    shown = wrap(cell, size, env.encoding, mark, max_lines=lines)
    while (len(shown) == lines and shown[-1].endswith(mark)
           and sum(len(line) for line in shown) - len(mark) < LIMITED_SHOWN):
        lines += 1
        shown = wrap(cell, size, env.encoding, mark, max_lines=lines)
    return shown


def _width(env: Environment) -> int:
    return max(env.width, _MIN_TABLE_WIDTH)


def _label_width(labels: list[str], width: int) -> int:
    """Return the width of the labels beside stacked values: the longest label's, up to
    half the width (beyond it a label wraps: escaped for an ASCII terminal, "Tarih
    aralığı" is 28 characters, which would leave the values no room on a narrow one)."""
    return min(max(cell_len(text) for text in labels), max(4, width // 2))


def _fields(fields: Sequence[tuple[str, str]], env: Environment) -> Text:
    """Return a record's labelled fields, each value wrapped between words beside its
    label; a web address longer than the line stays whole on a line of its own."""
    width = _width(env)
    labels = [_label(key, env) for key, _ in fields]
    room = _label_width(labels, width) if labels else 0
    value_room = max(width - room - GAP, 1)
    mark = _mark(env)
    out = Text(no_wrap=True, overflow="ignore")
    for position, (label_text, (_, value)) in enumerate(zip(labels, fields, strict=True)):
        head = wrap(words(label_text, env.encoding), room, env.encoding, mark, fold=True)
        lines = wrap(words(value, env.encoding), value_room, env.encoding, mark, fold=True,
                     whole=True)
        for number in range(max(len(head), len(lines))):
            if position or number:
                out.append("\n")
            used = 0
            if number < len(head):
                out.append(head[number], style="dim")
                used = cell_len(head[number])
            if number < len(lines) and lines[number]:
                out.append(" " * (room - used + GAP))
                out.append(lines[number])
    return out


def stacked(listing: Listing[Any], env: Environment, measured: _Measured) -> Text:
    """Return the records one after another, each a block of labelled values wrapped
    beside their labels, a blank line between two blocks.

    The lines are laid out here, so Rich only styles them: a grid per record would cost
    Rich far more than the text does.
    """
    width = _width(env)
    labels = [_header(key, env) for key in listing.columns]
    room = _label_width(labels, width)
    value_room = max(width - room - GAP, 1)
    mark = _mark(env)
    heads = [wrap(column.header, room, env.encoding, mark, fold=True)
             for column in measured.columns]
    out = Text(no_wrap=True, overflow="crop", end="")
    for index in range(len(listing.records)):
        if index:
            out.append("\n\n")
        for position, (column, head) in enumerate(zip(measured.columns, heads, strict=True)):
            # A web address longer than the line stays whole, to be copied.
            values = _lines_text(column.key, wrap(column.cells[index], value_room,
                                                  env.encoding, mark, fold=True, whole=True),
                                 listing)
            lines = values.split("\n", allow_blank=True)
            for number in range(max(len(head), len(lines))):
                if position or number:
                    out.append("\n")
                if number < len(head):
                    out.append(head[number], style="dim")
                if number < len(lines) and lines[number].plain:
                    used = cell_len(head[number]) if number < len(head) else 0
                    out.append(" " * (room - used + GAP))
                    out.append_text(lines[number])
    return out


def listing_view(listing: Listing[Any], rows: Rows, env: Environment,
                 measured: _Measured) -> RenderableType:
    """Return the listing as a table, or as stacked records when a table would not fit.

    Rich fits a table that is too wide by dropping columns and cropping cells; a narrow
    terminal gets every value whole, one labelled record after another, instead.
    """
    sizes = widths(measured.columns, _width(env))
    if sizes is None:
        return stacked(listing, env, measured)
    return listing_table(listing, rows, env, measured, sizes)


def _add_label_column(grid: Table, width: int) -> None:
    """Add the labels' column to a grid of labelled fields: it may take half the width and
    wraps beyond it (see _label_width)."""
    grid.add_column(style="dim", overflow="fold", max_width=max(4, width // 2))


def detail_group(detail: Detail, env: Environment) -> Group:
    """Return a heading, a grid of labelled fields and the detail's tables."""
    parts: list[RenderableType] = [_styled(detail.heading, env, "bold"),
                                   _fields(detail.fields, env)]
    for key, listing in detail.sections:
        rows = listing.rows()
        parts += [Text(""), Text(_label(key, env), style="bold"),
                  listing_view(listing, rows, env, _measure(listing, rows, env))]
    return Group(*parts)


# What Rich spends laying out a view, in units of roughly 20 µs (BENCHMARKS.md, "Worst
# cases under 1 MB"): a value in a table row 3 units and in a stacked record 7, a line of
# wrapped text or a highlighted match 1, and a word or a character outside ASCII 1/20. A
# view estimated above LAYOUT_BUDGET is written as in a pipe instead, one line per record:
# Rich's layout grows faster than the records, and a table too big to read is not worth a
# long wait.
LAYOUT_BUDGET = 20_000
_ROW_CELL = 3
_STACKED_CELL = 7
_PER_CHARACTER = 20  # words and characters outside ASCII per unit
_PER_ASCII = 200  # other characters per unit


def listing_text(listing: Listing[Any], env: Environment) -> str:
    """Return the listing drawn for the terminal, or as lines when drawing costs too much."""
    if len(listing.records) * len(listing.columns) * _ROW_CELL > LAYOUT_BUDGET:
        return _as_lines(listing, env.lang)  # not even measured
    rows = listing.rows()
    measured = _measure(listing, rows, env)
    if _listing_cost(listing, rows, measured, _width(env), listing.highlight) > LAYOUT_BUDGET:
        return _as_lines(listing, env.lang)
    return render_to_text(listing_view(listing, rows, env, measured), env)


def detail_text(detail: Detail, env: Environment) -> str:
    """Return the record drawn for the terminal, or as lines when drawing costs too much."""
    width = _width(env)
    values = [representable(visible(v), env.encoding)
              for v in (detail.heading, *(v for _, v in detail.fields))]
    cost = (_STACKED_CELL * len(values) + _text_cost(values)
            + sum(cell_len(v) for v in values) // max(width // 2, 1))
    for _, listing in detail.sections:
        if len(listing.records) * len(listing.columns) * _ROW_CELL > LAYOUT_BUDGET:
            cost += LAYOUT_BUDGET + 1
            break
        rows = listing.rows()
        cost += _listing_cost(listing, rows, _measure(listing, rows, env), width)
    if cost > LAYOUT_BUDGET:
        _say_lines(1 + sum(len(listing.records) for _, listing in detail.sections), env.lang)
        from accordcli.render.lines import detail_lines

        return detail_lines(detail, env.lang)
    return render_to_text(detail_group(detail, env), env)


def _as_lines(listing: Listing[Any], lang: str) -> str:
    from accordcli.render.lines import listing_lines

    _say_lines(len(listing.records), lang)
    return listing_lines(listing)


def _text_cost(values: Iterable[str]) -> int:
    """Return Rich's work on the values' characters beyond their lines, in budget units: it
    wraps word by word and measures characters outside ASCII one at a time."""
    costly = plain = 0
    for value in values:
        other = 0 if value.isascii() else len(value) - len(value.encode("ascii", "ignore"))
        costly += value.count(" ") + other
        plain += len(value)
    return costly // _PER_CHARACTER + plain // _PER_ASCII


def _listing_cost(listing: Listing[Any], rows: Rows, measured: _Measured, width: int,
                  words: tuple[str, ...] = ()) -> int:
    """Estimate what Rich would spend on the listing, in LAYOUT_BUDGET's units: its values,
    the lines they wrap into, their characters, and highlighted matches."""
    fits = needed(measured.columns) <= width
    cost = len(rows) * len(listing.columns) * (_ROW_CELL if fits else _STACKED_CELL)
    cost += measured.text
    # Lines: the text spread over the width a table leaves it, or beside stacked labels.
    fixed = sum(max((c.natural for c in column.cells), default=0)
                for column in measured.columns if column.key in FIXED)
    room = max(width - fixed, 1) if fits else max(width // 2, 1)
    cost += measured.cells // room
    if words:
        from accordcli.text import fold

        for index, column in enumerate(listing.columns):
            if column in _HIGHLIGHTED:
                for row in rows:
                    folded = fold(_shown(row[index]))
                    cost += sum(folded.count(word) for word in words)
    return cost


def _say_lines(records: int, lang: str) -> None:
    from accordcli.i18n import gettext, number
    from accordcli.output import message

    # Translators: on stderr, after "accord: ", when a table would take too long to draw.
    # {records} is the number of records, 1 or more; one form serves every number.
    note = gettext("too much to draw as a table ({records} records): one line per record, "
                   "as in a pipe", lang)
    message(f"accord: {note.format(records=number(records, lang))}")
