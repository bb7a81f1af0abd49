"""The output formats: each one renderer, registered here once, imported only when used.

A renderer turns views (views.py) into what goes to stdout: UTF-8 bytes for machine
formats, text for people. It implements the kinds of view it can show; a command offers
only formats that can show its view.

To add a format: write a module defining `RENDERER`, an instance of a `Renderer` subclass;
add one `Format` line below; name the format in the `formats` of the commands that offer
it (cli/commands.py). --format's choices and help follow from those.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing, Timeline, View
    from accordcli.render.views_more import Chart, Report

Output = str | bytes


class Renderer:
    """One output format. Each method shows one kind of view; a format that cannot show a
    kind leaves its method to raise."""

    name = "?"

    def listing(self, view: Listing[Any], env: Environment) -> Output:
        raise NotImplementedError(f"{self.name} cannot show a listing")

    def detail(self, view: Detail, env: Environment) -> Output:
        raise NotImplementedError(f"{self.name} cannot show a record in full")

    def timeline(self, view: Timeline, env: Environment) -> Output:
        """The timeline is a listing of events to most formats."""
        return self.listing(view.listing, env)

    def chart(self, view: Chart, env: Environment) -> Output:
        raise NotImplementedError(f"{self.name} cannot show a chart")

    def report(self, view: Report, env: Environment) -> Output:
        raise NotImplementedError(f"{self.name} cannot show a report")

    def render(self, view: View, env: Environment) -> Output:
        """Return `view` in this format."""
        from accordcli.render.views import Detail, Listing, Timeline

        if isinstance(view, Listing):
            return self.listing(view, env)
        if isinstance(view, Detail):
            return self.detail(view, env)
        if isinstance(view, Timeline):
            return self.timeline(view, env)
        # Imported only now: the views most starts show need not define these.
        from accordcli.render.views_more import Chart, Report

        if isinstance(view, Chart):
            return self.chart(view, env)
        if isinstance(view, Report):
            return self.report(view, env)
        raise TypeError(f"not a view: {view!r}")


class Format(NamedTuple):
    """An output format: its --format name, its renderer's module, and a few words for
    --format's help when the name alone does not say what it is."""

    name: str
    module: str
    help: str = ""


FORMATS = {f.name: f for f in (
    Format("table", "accordcli.render.table",
           "a table on a terminal, tab-separated lines in a pipe"),
    Format("json", "accordcli.render.json"),
    Format("ndjson", "accordcli.render.ndjson"),
    Format("csv", "accordcli.render.csv"),
    Format("markdown", "accordcli.render.markdown"),
    Format("timelinejs", "accordcli.render.timelinejs", "Knight Lab TimelineJS JSON"),
    Format("bibtex", "accordcli.render.bibtex", "BibTeX, for bibtex and biber"),
    Format("csl-json", "accordcli.render.csl_json", "CSL-JSON, for Pandoc and Zotero"),
    Format("ris", "accordcli.render.ris", "RIS, for reference managers"),
    Format("html", "accordcli.render.html", "one web page that works offline"),
    Format("chart", "accordcli.render.chart"),
    Format("report", "accordcli.render.report"),
)}

# What every command that lists or shows records offers; the first is the default.
GENERAL = ("table", "json", "ndjson", "csv", "markdown")
# What the commands that show sources offer besides: bibliographies to cite from.
BIBLIOGRAPHIES = ("bibtex", "csl-json", "ris")


def renderer(name: str) -> Renderer:
    """Return the renderer of the format `name`, importing its module now."""
    found: Renderer = import_module(FORMATS[name].module).RENDERER
    return found


def render(view: View, name: str, env: Environment) -> Output:
    """Return `view` in the format `name`."""
    return renderer(name).render(view, env)


def describe(names: tuple[str, ...]) -> str:
    """Return --format's help for these formats: "table (…), json, ndjson, csv or markdown"."""
    said = [f"{n} ({FORMATS[n].help})" if FORMATS[n].help else n for n in names]
    if len(said) < 2:
        return "".join(said)
    return f"{', '.join(said[:-1])} or {said[-1]}."
