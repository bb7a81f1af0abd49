"""validate's report on a valid file: its path and how many records of each kind it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accordcli.render.registry import Renderer
from accordcli.text import visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views_more import Report


class Counts(Renderer):
    name = "report"

    def report(self, view: Report, env: Environment) -> str:
        summary = ", ".join(f"{n} {kind if n != 1 else kind[:-1]}"  # "1 event", "2 events"
                            for kind, n in view.counts.items())
        return f"{visible(view.path)}: valid: {summary}\n"


RENDERER = Counts()
