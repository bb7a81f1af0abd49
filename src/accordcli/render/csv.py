"""The csv format: a header row and one row per record, with the records' flat fields.

Lists of ids are joined with ";" (ids cannot contain one); a record shown in full writes
its rows (a clause's provisions, an actor's events).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from accordcli.render.registry import Renderer
from accordcli.text import cell, visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing


def table(listing: Listing[Any]) -> bytes:
    """Return the listing's CSV header and rows as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(listing.shape.csv)
    for record in listing.records:
        writer.writerow([visible(cell(value)) for value in record.csv()])
    return buffer.getvalue().encode("utf-8")


class Csv(Renderer):
    name = "csv"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return table(view)

    def detail(self, view: Detail, env: Environment) -> bytes:
        return table(view.flat)


RENDERER = Csv()
