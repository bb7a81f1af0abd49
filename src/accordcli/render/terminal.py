"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from accordcli.render.safe import representable, visible
from accordcli.render.views import Detail, Listing, label

_NO_WRAP = {"date", "id", "number", "start", "end", "first", "last", "event_count", "signed",
            "in_force", "kind"}


def ascii_only() -> bool:
    """True when stdout cannot show box-drawing characters (a non-UTF encoding or TERM=dumb)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("-", "")
    return not encoding.startswith("utf") or os.environ.get("TERM") == "dumb"


def colour_off() -> bool:
    """True when NO_COLOR is set or the terminal is dumb: no styling at all."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def _console(file: io.StringIO) -> Console:
    no_color = colour_off()
    width = shutil.get_terminal_size((80, 24)).columns
    return Console(
        file=file,
        width=max(width, 20),
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


def listing_table(listing: Listing, lang: str, words: Iterable[str] = ()) -> Table:
    """Return a Rich table of the listing's columns."""
    table = Table(box=_box(), show_edge=False, pad_edge=False, expand=False)
    for column in listing.columns:
        table.add_column(
            _label(column, lang),
            no_wrap=column in _NO_WRAP,
            style="dim" if column == "id" else "",
            overflow="fold",
        )
    words = tuple(words)
    for record in listing.records:
        table.add_row(*[
            _text(_cell(listing.shown(record, c)), "bold" if c in ("title", "name") else "",
                  words if c in ("title", "name", "text") else ())
            for c in listing.columns
        ])
    return table


# Narrowest readable width of a wrapping column; ids and dates must fit whole.
_MIN_WRAPPED = 12


def _fits(listing: Listing, lang: str, width: int) -> bool:
    needed = 2 * (len(listing.columns) - 1)  # one space of padding either side of a gap
    for column in listing.columns:
        values = [visible(_cell(listing.shown(r, column))) for r in listing.records]
        if column in _NO_WRAP:
            needed += max([cell_len(_label(column, lang)), *(cell_len(v) for v in values)])
        else:
            longest = max([cell_len(w) for v in values for w in v.split()] or [1])
            needed += min(_MIN_WRAPPED, max(longest, cell_len(_label(column, lang))))
    return needed <= width


def listing_view(listing: Listing, lang: str, words: Iterable[str] = ()) -> RenderableType:
    """Return the listing as a table, or as stacked records when a table would not fit.

    Rich fits a table that is too wide by dropping columns and cropping cells; a narrow
    terminal gets every value whole, one labelled record after another, instead.
    """
    words = tuple(words)
    if _fits(listing, lang, _console(io.StringIO()).width):
        return listing_table(listing, lang, words)
    parts: list[RenderableType] = []
    for record in listing.records:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
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


def detail_group(detail: Detail, lang: str) -> Group:
    """Return a heading, a grid of labelled fields and the detail's tables."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column(overflow="fold")
    for key, value in detail.fields:
        fields.add_row(Text(_label(key, lang)), _text(value))
    parts: list[RenderableType] = [_text(detail.heading, "bold"), fields]
    for key, listing in detail.sections:
        parts += [Text(""), Text(_label(key, lang), style="bold"), listing_view(listing, lang)]
    return Group(*parts)
