"""The table format in a pipe: one tab-separated line per record, or `Label: value` lines
for a record in full; no header, colour, truncation or wrapping, for grep, cut and awk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accordcli.render.views import JOINER, label
from accordcli.text import cell, one_line

if TYPE_CHECKING:
    from accordcli.render.views import Detail, Listing


def listing_lines(listing: Listing[Any]) -> str:
    """Return one tab-separated line per record, for grep and awk: no header, no wrapping;
    a list in a cell is joined as in tables and Markdown; dates in EDTF as the data writes
    them ("1979~"), which scripts can parse."""
    return "".join("\t".join(one_line(cell(value, JOINER)) for value in row) + "\n"
                   for row in listing.rows(edtf=True))


def detail_lines(detail: Detail, lang: str) -> str:
    """Return a record in full as plain 'Label: value' lines, then its listings."""
    out = [one_line(detail.heading)]
    for key, value in detail.fields:
        values = [v for v in value.split("\n") if v] or [""]
        out.append(f"{label(key, lang)}: {one_line(values[0])}")
        out.extend(f"  {one_line(v)}" for v in values[1:])
    for key, listing in detail.sections:
        out += ["", f"{label(key, lang)}:", listing_lines(listing).rstrip("\n")]
    return "\n".join(out) + "\n"
