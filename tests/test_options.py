"""cli/options.py: the shared options, declared once, and reading dates and paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accordcli.cli.options import Common, command, data_path, period
from accordcli.environment import Environment
from accordcli.errors import DateOrder, UsageError


def test_a_date_that_cannot_be_read_names_its_option() -> None:
    with pytest.raises(UsageError, match=r"^--to: 'Q2 1988' is not a supported date form"):
        period("1988", "Q2 1988")
    with pytest.raises(UsageError, match=r"^--from: '04-14' has no year"):
        period("04-14", None)
    assert period("1988", "1988-04").days() == (dt.date(1988, 1, 1), dt.date(1988, 4, 30))
    assert period(None, None).days() == (None, None)
    with pytest.raises(DateOrder):
        period("1989", "1988")


def test_an_end_that_may_be_an_event_id_waits_for_the_data() -> None:
    from accordcli.load import load
    from conftest import SAMPLE

    asked = period("treaty-signed", "withdrawal")
    assert asked.names_events
    # --from an event: its first day; --to an event: its last day.
    assert asked.days(load(SAMPLE, use_cache=False)) == (dt.date(1988, 4, 14),
                                                          dt.date(1989, 2, 15))
    with pytest.raises(DateOrder):
        period("withdrawal", "treaty-signed").days(load(SAMPLE, use_cache=False))
    with pytest.raises(UsageError, match=r"^--to: 'zz' is neither a date nor an event id"):
        period(None, "zz").days(load(SAMPLE, use_cache=False))


def test_an_empty_data_path_is_a_usage_mistake() -> None:
    assert data_path("x.toml") == Path("x.toml") and data_path(None) is None
    with pytest.raises(UsageError, match=r"^PATH: empty path"):
        data_path(" ", "PATH")


def run(*formats: str, args: tuple[str, ...] = (), lang: bool = True) -> tuple[Common, str]:
    """Register a command on a new app, run it, and return what it received and its help."""
    app = typer.Typer()
    received: list[Common] = []

    @command(app, "A test command.", formats=formats, lang=lang)
    def probe(common: Common, word: str = "x") -> None:
        received.append(common)

    @app.callback()
    def root() -> None:
        pass

    result = CliRunner().invoke(app, ["probe", *args], obj=Environment(width=50))
    assert result.exit_code == 0, result.output
    help_text = CliRunner().invoke(app, ["probe", "--help"]).output
    return received[0], help_text


def test_every_command_gets_the_shared_options_as_one_value() -> None:
    common, help_text = run("table", "json", args=("--data", "d.toml", "--no-cache",
                                                   "--lang", "TR", "-f", "JSON"))
    assert (common.data, common.no_cache, common.format, common.lang) == (
        Path("d.toml"), True, "json", "tr")
    assert common.env.width == 50  # the environment main() gave the app
    for option in ("--data", "--no-cache", "--lang", "--format", "--json", "--word"):
        assert option in help_text


def test_json_wins_over_format_and_the_first_format_is_the_default() -> None:
    assert run("table", "csv", args=("--format", "csv", "--json"))[0].format == "json"
    assert run("csv", "table")[0].format == "csv"


def test_a_command_with_one_format_has_no_format_option() -> None:
    common, help_text = run("report", lang=False)
    assert common.format == "report" and common.lang == "en"
    assert "--format" not in help_text and "--json" not in help_text
    assert "--lang" not in help_text
