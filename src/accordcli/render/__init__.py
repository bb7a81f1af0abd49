"""Output formats: the one place that turns listings and details into text for stdout."""

from __future__ import annotations

from collections.abc import Iterable

from accordcli.render.formats import (
    Format,
    detail_lines,
    detail_markdown,
    lines,
    markdown_table,
    to_csv,
    to_json,
    to_ndjson,
)
from accordcli.render.views import Detail, Listing

__all__ = ["Format", "render"]


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
    if isinstance(view, Listing):
        if fmt is Format.json:
            return to_json(list(view.records))
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
        from accordcli.render.terminal import listing_table, render_to_text

        return render_to_text(listing_table(view, lang, words))
    if fmt is Format.json:
        return to_json(view.record)
    if fmt is Format.ndjson:
        return to_ndjson((view.record,))
    if fmt is Format.csv:
        return to_csv(view.csv)
    if fmt is Format.markdown:
        return detail_markdown(view, lang)
    if not terminal:
        return detail_lines(view, lang)
    from accordcli.render.terminal import detail_group, render_to_text

    return render_to_text(detail_group(view, lang))
