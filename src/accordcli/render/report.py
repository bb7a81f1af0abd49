"""validate's report on a valid file: its path and how many records of each kind it holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from accordcli.i18n import gettext, ngettext, number
from accordcli.render.registry import Renderer
from accordcli.text import visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views_more import Report

# How many records of a kind, by query.counts' keys. A data file's [[clauses]] tables are
# counted as "clauses", the name its author wrote.
_COUNTS: dict[str, Callable[[int, str], str]] = {
    "events": lambda n, lang: ngettext("{n} event", "{n} events", n, lang),
    "actors": lambda n, lang: ngettext("{n} actor", "{n} actors", n, lang),
    "clauses": lambda n, lang: ngettext("{n} clause", "{n} clauses", n, lang),
    "provisions": lambda n, lang: ngettext("{n} provision", "{n} provisions", n, lang),
    "sources": lambda n, lang: ngettext("{n} source", "{n} sources", n, lang),
    "tags": lambda n, lang: ngettext("{n} tag", "{n} tags", n, lang),
}


def count(kind: str, n: int, lang: str) -> str:
    """Return "69 events", in `lang`."""
    said = _COUNTS.get(kind)
    if said is None:  # a kind without a message: as English counts it
        return f"{n} {kind if n != 1 else kind[:-1]}"
    return said(n, lang).format(n=number(n, lang))


class Counts(Renderer):
    name = "report"

    def report(self, view: Report, env: Environment) -> str:
        summary = ", ".join(count(kind, n, env.lang) for kind, n in view.counts.items())
        # Translators: validate's report on a file without problems; {summary} is the
        # counts of its records ("69 events, 38 actors, ...").
        return gettext("{path}: valid: {summary}", env.lang).format(
            path=visible(view.path), summary=summary) + "\n"


RENDERER = Counts()
