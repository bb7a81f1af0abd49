"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text.

Everything about the terminal (width, colours, encoding) comes from the Environment:
Rich is given it explicitly and reads nothing from the process itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from accordcli.render.views import label
from accordcli.text import Cell, cell, representable, truncate, visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing

Rows = list[tuple[Cell, ...]]

_NO_WRAP = {"date", "id", "number", "start", "end", "first", "last", "event_count", "signed",
            "in_force", "kind"}
# Prose that, wrapped, would make one row of a listing dozens of lines tall (an actor's role
# runs to a paragraph): one line, cut with an ellipsis. The record's own view shows it whole.
_ONE_LINE = {"role"}
_BOLD = ("title", "name")
_HIGHLIGHTED = ("title", "name", "text")
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
    console(env, buffer).print(renderable)
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
    """Return a column or field label as the terminal will show it."""
    return representable(label(key, env.lang), env.encoding)


def _shown(value: Cell) -> str:
    return cell(value, ", ")


def _styled(value: str, env: Environment, style: str = "",
            words: Iterable[str] = ()) -> Text:
    """Return data text as inert Rich Text, its matches of `words` highlighted."""
    text = Text(representable(visible(value), env.encoding), style=style)
    if words:
        from accordcli.text import highlight_ranges

        for start, end in highlight_ranges(text.plain, words):
            text.stylize("reverse", start, end)
    return text


def _cell_text(column: str, value: str, env: Environment, words: tuple[str, ...]) -> Text:
    return _styled(value, env, "bold" if column in _BOLD else "",
                   words if column in _HIGHLIGHTED else ())


class _Measure(NamedTuple):
    """A column's widths, and what laying out its values costs."""

    natural: int  # unwrapped: its label or longest value, as the terminal will show them
    narrowest: int  # the narrowest it can be shown at
    cells: int  # all its values together
    text: int  # Rich's work on its values' characters, in LAYOUT_BUDGET's units


# Narrowest readable width of a wrapping column; ids and dates must fit whole. A one-line
# column may be narrower: its start and "…" still say what it holds, and the record's own
# view shows it whole, while the table keeps one line per record.
_MIN_WRAPPED = 12
_MIN_ONE_LINE = 8


def _one_line_limits(listing: Listing[Any], widths: dict[str, _Measure],
                     width: int) -> dict[str, int]:
    """Return the width each one-line column is cut to.

    Rich, left to fit a one-line cell's whole length, would squeeze every other column out
    of sight. Wrapping and one-line columns share what fixed columns leave; a wrapping
    column takes no more than its share, and one-line columns the rest.
    """
    one_line = [column for column in listing.columns if column in _ONE_LINE]
    if not one_line:
        return {}
    room = width - _gaps(listing) - sum(widths[c].natural for c in listing.columns
                                        if c in _NO_WRAP)
    flexible = [c for c in listing.columns if c not in _NO_WRAP]
    share = room // len(flexible)
    room -= sum(min(widths[c].natural, share) for c in flexible if c not in _ONE_LINE)
    return {c: max(room // len(one_line), widths[c].narrowest) for c in one_line}


def listing_table(listing: Listing[Any], rows: Rows, env: Environment,
                  widths: dict[str, _Measure]) -> Table:
    """Return a Rich table of the listing's columns, fitted to the terminal's width."""
    table = Table(box=box.ASCII if env.ascii_only else box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, expand=False)
    limits = _one_line_limits(listing, widths, _width(env))
    for column in listing.columns:
        table.add_column(
            _label(column, env),
            no_wrap=column in _NO_WRAP or column in _ONE_LINE,
            style="dim" if column == "id" else "",
            # One-line cells arrive cut to their limit (below); "crop" keeps Rich from adding
            # its own "…", which an ASCII terminal would print as six characters.
            overflow="crop" if column in limits else "ellipsis" if column in _ONE_LINE
            else "fold",
            max_width=limits.get(column),
        )
    mark = "..." if env.ascii_only else "…"
    for row in rows:
        cells = []
        for column, value in zip(listing.columns, row, strict=True):
            shown = _shown(value)
            if column in limits:
                shown = truncate(shown, limits[column], mark, env.encoding, strip=True)
            cells.append(_cell_text(column, shown, env, listing.highlight))
        table.add_row(*cells)
    return table


def _widths(listing: Listing[Any], rows: Rows, env: Environment) -> dict[str, _Measure]:
    """Return each column's widths and costs."""
    widths = {}
    for index, column in enumerate(listing.columns):
        label_width = cell_len(_label(column, env))
        values = [representable(visible(_shown(row[index])), env.encoding) for row in rows]
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


def _width(env: Environment) -> int:
    return max(env.width, _MIN_TABLE_WIDTH)


def _gaps(listing: Listing[Any]) -> int:
    # Between two columns: a space of padding on either side of the box's (blank) separator.
    return 3 * (len(listing.columns) - 1)


def _fits(listing: Listing[Any], widths: dict[str, _Measure], width: int) -> bool:
    return _gaps(listing) + sum(m.narrowest for m in widths.values()) <= width


def listing_view(listing: Listing[Any], rows: Rows, env: Environment,
                 widths: dict[str, _Measure]) -> RenderableType:
    """Return the listing as a table, or as stacked records when a table would not fit.

    Rich fits a table that is too wide by dropping columns and cropping cells; a narrow
    terminal gets every value whole, one labelled record after another, instead.
    """
    width = _width(env)
    if _fits(listing, widths, width):
        return listing_table(listing, rows, env, widths)
    parts: list[RenderableType] = []
    for row in rows:
        grid = Table.grid(padding=(0, 1))
        _add_label_column(grid, width)
        grid.add_column(overflow="fold")
        for column, value in zip(listing.columns, row, strict=True):
            grid.add_row(Text(_label(column, env)),
                         _cell_text(column, _shown(value), env, listing.highlight))
        if parts:
            parts.append(Text(""))
        parts.append(grid)
    return Group(*parts)


def _add_label_column(grid: Table, width: int) -> None:
    """Add the labels' column to a grid of labelled values. A label may take half the width
    and wraps beyond it: escaped for an ASCII terminal, "Tarih aralığı" is 28 characters,
    which would leave the values no room at all on a narrow one."""
    grid.add_column(style="dim", overflow="fold", max_width=max(4, width // 2))


def detail_group(detail: Detail, env: Environment) -> Group:
    """Return a heading, a grid of labelled fields and the detail's tables."""
    fields = Table.grid(padding=(0, 2))
    _add_label_column(fields, _width(env))
    fields.add_column(overflow="fold")
    for key, value in detail.fields:
        fields.add_row(Text(_label(key, env)), _styled(value, env))
    parts: list[RenderableType] = [_styled(detail.heading, env, "bold"), fields]
    for key, listing in detail.sections:
        rows = listing.rows()
        parts += [Text(""), Text(_label(key, env), style="bold"),
                  listing_view(listing, rows, env, _widths(listing, rows, env))]
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
    widths = _widths(listing, rows, env)
    if _listing_cost(listing, rows, widths, _width(env), listing.highlight) > LAYOUT_BUDGET:
        return _as_lines(listing, env.lang)
    return render_to_text(listing_view(listing, rows, env, widths), env)


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
        cost += _listing_cost(listing, rows, _widths(listing, rows, env), width)
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


def _listing_cost(listing: Listing[Any], rows: Rows, widths: dict[str, _Measure], width: int,
                  words: tuple[str, ...] = ()) -> int:
    """Estimate what Rich would spend on the listing, in LAYOUT_BUDGET's units: its values,
    the lines its wrapping columns fold into, their characters, and highlighted matches."""
    fits = _fits(listing, widths, width)
    cost = len(rows) * len(listing.columns) * (_ROW_CELL if fits else _STACKED_CELL)
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
