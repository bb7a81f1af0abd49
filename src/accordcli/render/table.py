"""The table format: a table on a terminal, fitted to its width; lines in a pipe.

In a pipe a listing is one tab-separated line per record and a record in full is
`Label: value` lines (lines.py), so grep, cut and awk never see colour, truncation or
wrapping. Rich, which draws the terminal tables, is imported only for a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accordcli.render.lines import detail_lines, listing_lines
from accordcli.render.registry import Renderer

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing


class Table(Renderer):
    name = "table"

    def listing(self, view: Listing[Any], env: Environment) -> str:
        if not env.terminal:
            return listing_lines(view)
        if not view.records:
            return ""
        from accordcli.render.terminal import listing_text

        return listing_text(view, env)

    def detail(self, view: Detail, env: Environment) -> str:
        if not env.terminal:
            return detail_lines(view, env.lang)
        from accordcli.render.terminal import detail_text

        return detail_text(view, env)


RENDERER = Table()
