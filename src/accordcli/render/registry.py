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

from accordcli.i18n import N_, SOURCE, gettext

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
    """An output format: its --format name, its renderer's module, a few words for
    --format's help when the name alone does not say what it is (a message), and whether
    it is for scripts rather than people."""

    name: str
    module: str
    help: str = ""
    # For scripts: the data's texts in it follow only an explicit --lang or ACCORD_LANG,
    # never the locale, so that a script's output is the same on every machine.
    for_scripts: bool = False


FORMATS = {f.name: f for f in (
    Format("table", "accordcli.render.table",
           N_("a table on a terminal, tab-separated lines in a pipe")),
    Format("json", "accordcli.render.json", for_scripts=True),
    Format("ndjson", "accordcli.render.ndjson", for_scripts=True),
    Format("csv", "accordcli.render.csv", for_scripts=True),
    Format("markdown", "accordcli.render.markdown"),
    Format("timelinejs", "accordcli.render.timelinejs", N_("Knight Lab TimelineJS JSON"),
           for_scripts=True),
    Format("bibtex", "accordcli.render.bibtex", N_("BibTeX, for bibtex and biber"),
           for_scripts=True),
    Format("csl-json", "accordcli.render.csl_json", N_("CSL-JSON, for Pandoc and Zotero"),
           for_scripts=True),
    Format("ris", "accordcli.render.ris", N_("RIS, for reference managers"), for_scripts=True),
    Format("html", "accordcli.render.html", N_("one web page that works offline")),
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


def describe(names: tuple[str, ...], lang: str = SOURCE) -> str:
    """Return --format's help for these formats in `lang`: "table (…), json, ndjson, csv
    or markdown"."""
    said = [f"{n} ({gettext(FORMATS[n].help, lang)})" if FORMATS[n].help else n
            for n in names]
    if len(said) < 2:
        return "".join(said)
    # Translators: --format's help: {formats} are all but the last, joined by ", ".
    return gettext("{formats} or {last}.", lang).format(formats=", ".join(said[:-1]),
                                                        last=said[-1])
