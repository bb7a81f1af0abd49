"""Draw listings and details as Rich tables for a terminal; data reaches Rich only as Text."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from accordcli.render.safe import visible
from accordcli.render.views import Detail, Listing, label

_NO_WRAP = {"date", "id", "number", "start", "end", "first", "last", "event_count", "signed",
            "in_force", "kind"}


def ascii_only() -> bool:
    """True when stdout cannot show box-drawing characters (a non-UTF encoding or TERM=dumb)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("-", "")
    return not encoding.startswith("utf") or os.environ.get("TERM") == "dumb"


def render_to_text(renderable: RenderableType) -> str:
    """Render with the terminal's width and colours into a string, for one write to stdout."""
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    width = shutil.get_terminal_size((80, 24)).columns
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 20),
        force_terminal=True,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(renderable)
    # Rich pads every cell to its column width; trailing blanks only get in the way.
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _box() -> box.Box:
    return box.ASCII if ascii_only() else box.SIMPLE_HEAD


def _text(value: str, style: str = "", words: Iterable[str] = ()) -> Text:
    text = Text(visible(value), style=style)
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
            label(column, lang),
            no_wrap=column in _NO_WRAP,
            style="dim" if column == "id" else "",
            overflow="fold",
        )
    words = tuple(words)
    for record in listing.records:
        table.add_row(*[
            _text(_cell(record.get(c)), "bold" if c in ("title", "name") else "",
                  words if c in ("title", "name", "text") else ())
            for c in listing.columns
        ])
    return table


def detail_group(detail: Detail, lang: str) -> Group:
    """Return a heading, a grid of labelled fields and the detail's tables."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column(overflow="fold")
    for key, value in detail.fields:
        fields.add_row(Text(label(key, lang)), _text(value))
    parts: list[RenderableType] = [_text(detail.heading, "bold"), fields]
    for key, listing in detail.sections:
        parts += [Text(""), Text(label(key, lang), style="bold"), listing_table(listing, lang)]
    return Group(*parts)
