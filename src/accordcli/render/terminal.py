"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable

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
                  widths: dict[str, tuple[int, int]] | None = None) -> Table:
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
        room = width - _gaps(listing) - sum(widths[c][0] for c in listing.columns
                                            if c in _NO_WRAP)
        flexible = [c for c in listing.columns if c not in _NO_WRAP]
        share = room // len(flexible)
        room -= sum(min(widths[c][0], share) for c in flexible if c not in _ONE_LINE)
        limits = {c: max(room // len(one_line), widths[c][1]) for c in one_line}
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


def _widths(listing: Listing, lang: str) -> dict[str, tuple[int, int]]:
    """Return each column's natural width (unwrapped: its label or longest value, as the
    terminal will show them) and the narrowest it can be shown at."""
    widths = {}
    for column in listing.columns:
        label_width = cell_len(_label(column, lang))
        values = [representable(visible(_cell(listing.shown(r, column))))
                  for r in listing.records]
        natural = max([label_width, *(cell_len(v) for v in values)])
        if column in _NO_WRAP:
            narrowest = natural
        elif column in _ONE_LINE:
            narrowest = min(natural, max(_MIN_ONE_LINE, label_width))
        else:
            longest = max([cell_len(w) for v in values for w in v.split()] or [1])
            narrowest = min(_MIN_WRAPPED, max(longest, label_width))
        widths[column] = (natural, narrowest)
    return widths


def _gaps(listing: Listing) -> int:
    # Between two columns: a space of padding on either side of the box's (blank) separator.
    return 3 * (len(listing.columns) - 1)


def _fits(listing: Listing, widths: dict[str, tuple[int, int]], width: int) -> bool:
    return _gaps(listing) + sum(narrowest for _, narrowest in widths.values()) <= width


def listing_view(listing: Listing, lang: str, words: Iterable[str] = ()) -> RenderableType:
    """Return the listing as a table, or as stacked records when a table would not fit.

    Rich fits a table that is too wide by dropping columns and cropping cells; a narrow
    terminal gets every value whole, one labelled record after another, instead.
    """
    words = tuple(words)
    width = _console(io.StringIO()).width
    widths = _widths(listing, lang)
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
