"""Output formats: the one place that turns listings and details into text for stdout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accordcli.model import Clause, Event
    from accordcli.render.views import Detail, Listing

__all__ = ["Format", "render", "render_chart", "render_validation"]


class Format(StrEnum):
    """The output formats every listing command accepts."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"


def render(
    view: Listing | Detail,
    fmt: Format,
    lang: str,
    *,
    terminal: bool,
    words: Iterable[str] = (),
) -> str | bytes:
    """Return the view in `fmt`: bytes for machine formats, text for people.

    `table` is a Rich table on a terminal and one tab-separated line per record otherwise,
    so pipes to grep and awk never see colour, truncation or wrapping.
    """
    from accordcli.render.formats import (
        detail_lines,
        detail_markdown,
        lines,
        markdown_table,
        to_csv,
        to_json,
        to_ndjson,
    )
    from accordcli.render.views import Listing

    if isinstance(view, Listing):
        if fmt is Format.json:
            return to_json(list(view.records), pretty=terminal)
        if fmt is Format.ndjson:
            return to_ndjson(view.records)
        if fmt is Format.csv:
            return to_csv(view)
        if fmt is Format.markdown:
            return markdown_table(view, lang)
        if not terminal:
            return lines(view)
        if not view.records:
            return ""
        # Imported only here: Rich's tables cost ~55 ms that other paths never pay.
        from accordcli.render.terminal import listing_text

        return listing_text(view, lang, words)
    if fmt is Format.json:
        return to_json(view.record, pretty=terminal)
    if fmt is Format.ndjson:
        return to_ndjson((view.record,))
    if fmt is Format.csv:
        return to_csv(view.csv)
    if fmt is Format.markdown:
        return detail_markdown(view, lang)
    if not terminal:
        return detail_lines(view, lang)
    from accordcli.render.terminal import detail_text

    return detail_text(view, lang)


def render_chart(
    events: list[Event],
    clauses: tuple[Clause, ...],
    lang: str,
    *,
    terminal: bool,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> str:
    """Return the terminal chart: styled on a terminal, plain characters otherwise."""
    from accordcli.render.chart import chart_lines, plain
    from accordcli.render.terminal import ascii_only, colour_off, terminal_width

    lines = chart_lines(events, clauses, width=terminal_width(), lang=lang,
                        ascii_only=ascii_only(),
                        first=first, last=last)
    if not terminal or colour_off():
        return plain(lines)
    from accordcli.render.terminal import styled_lines

    return styled_lines(lines)


def render_validation(path: str, counts: dict[str, int]) -> str:
    """Return validate's report of a valid file: its path and how many records of each kind."""
    from accordcli.render.safe import visible

    summary = ", ".join(f"{n} {kind if n != 1 else kind[:-1]}"  # "1 event", "2 events"
                        for kind, n in counts.items())
    return f"{visible(path)}: valid: {summary}\n"
