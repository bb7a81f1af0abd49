"""render/registry.py: every format is one renderer, registered once, offered by name."""

from __future__ import annotations

import importlib
import sys

import pytest
from typer._types import TyperChoice
from typer.core import TyperGroup, TyperOption
from typer.main import get_command

from accordcli.cli import app
from accordcli.environment import Environment
from accordcli.render.registry import FORMATS, GENERAL, Renderer, describe, render, renderer
from accordcli.render.views_more import Report

# What each command offers, as the README says.
OFFERED = {
    "timeline": (*GENERAL, "timelinejs", "html"),
    "event": GENERAL, "clauses": GENERAL, "actors": GENERAL, "actor": GENERAL,
    "search": GENERAL, "on": GENERAL, "span": GENERAL,
    "chart": ("chart",), "validate": ("report", "json"),
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_one_module_with_its_renderer(name: str) -> None:
    module = importlib.import_module(FORMATS[name].module)
    assert isinstance(module.RENDERER, Renderer)
    assert module.RENDERER.name == name
    assert renderer(name) is module.RENDERER


def test_the_general_formats_come_first_and_table_is_the_default() -> None:
    assert GENERAL == ("table", "json", "ndjson", "csv", "markdown")
    assert set(GENERAL) <= set(FORMATS)


def test_help_names_each_format_and_says_what_the_unclear_ones_are() -> None:
    assert describe(GENERAL) == ("table (a table on a terminal, tab-separated lines in a "
                                 "pipe), json, ndjson, csv or markdown.")
    assert describe(("json", "timelinejs")) == "json or timelinejs (Knight Lab TimelineJS JSON)."
    assert describe(("json",)) == "json"


@pytest.mark.parametrize(("command", "formats"), list(OFFERED.items()))
def test_format_choices_and_help_come_from_what_a_command_offers(command: str,
                                                                  formats: tuple[str, ...]
                                                                  ) -> None:
    group = get_command(app)
    assert isinstance(group, TyperGroup)  # for the type checker: accord has subcommands
    params = {p.name: p for p in group.commands[command].params}
    if len(formats) == 1:
        assert "fmt" not in params and "json_flag" not in params
        return
    option = params["fmt"]
    assert isinstance(option, TyperOption) and isinstance(option.type, TyperChoice)  # a choice
    assert tuple(option.type.choices) == formats
    assert option.default == formats[0]
    assert option.help == describe(formats)
    assert "json_flag" in params


def test_a_format_is_imported_only_when_used() -> None:
    for name in ("accordcli.render.report",):
        sys.modules.pop(name, None)
    assert render(Report("x.toml", {"events": 1}), "report", Environment()) == (
        "x.toml: valid: 1 event\n")
    assert "accordcli.render.report" in sys.modules


def test_a_format_that_cannot_show_a_view_says_so() -> None:
    with pytest.raises(NotImplementedError, match="csv cannot show a report"):
        render(Report("x", {}), "csv", Environment())


def test_a_new_renderer_needs_only_the_views_it_shows() -> None:
    class Shout(Renderer):
        name = "shout"

        def report(self, view: Report, env: Environment) -> str:
            return view.path.upper()

    assert Shout().render(Report("x.toml", {}), Environment()) == "X.TOML"
