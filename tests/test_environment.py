"""environment.py: what a run's surroundings ask of it, read once."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TextIO, cast

import pytest

from accordcli.environment import MAX_WIDTH, Environment, detect, prescan_lang


class _Stream:
    """A stdout that says whether it is a terminal and has an encoding, but no file."""

    def __init__(self, tty: bool, encoding: str | None) -> None:
        self.tty = tty
        self.encoding = encoding

    def isatty(self) -> bool:
        return self.tty

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file")


def stream(tty: bool = False, encoding: str | None = "utf-8") -> TextIO:
    """A _Stream, typed as the stdout detect() takes: detect() reads only its isatty(),
    fileno() and encoding (None included: detect() then takes UTF-8), which _Stream has."""
    return cast(TextIO, _Stream(tty, encoding))


def test_a_pipe_is_not_a_terminal_and_a_tty_is() -> None:
    assert detect([], {}, stream()).terminal is False
    assert detect([], {}, stream(tty=True)).terminal is True
    assert detect([], {}, None).terminal is False


@pytest.mark.parametrize(("environ", "tty", "terminal"), [
    ({"TTY_COMPATIBLE": "1"}, False, True),
    ({"TTY_COMPATIBLE": "0"}, True, False),
    ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),  # as Rich reads them
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": ""}, True, True),
    ({"TTY_COMPATIBLE": "yes"}, False, False),
])
def test_the_environment_can_say_what_stdout_is(environ: dict[str, str], tty: bool,
                                                terminal: bool) -> None:
    assert detect([], environ, stream(tty=tty)).terminal is terminal


@pytest.mark.parametrize(("environ", "tty", "coloured"), [
    ({"TTY_COMPATIBLE": "1"}, False, False),  # a pipe asked for the layout: no codes
    ({"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": "1"}, False, True),
    ({}, True, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
])
def test_colour_codes_reach_a_pipe_only_when_forced(environ: dict[str, str], tty: bool,
                                                    coloured: bool) -> None:
    assert detect([], environ, stream(tty=tty)).colour is coloured


@pytest.mark.parametrize(("columns", "width"), [
    ("100", 100), ("1", 1), ("99999999", MAX_WIDTH), ("0", 80), ("-5", 80), ("wide", 80),
    (None, 80),
])
def test_width_is_columns_clamped_or_80(columns: str | None, width: int) -> None:
    environ = {} if columns is None else {"COLUMNS": columns}
    assert detect([], environ, stream()).width == width


@pytest.mark.parametrize(("environ", "colours"), [
    ({"TERM": "xterm-256color"}, "256"),
    ({"TERM": "xterm"}, "standard"),
    ({"TERM": "xterm-kitty"}, "256"),
    ({"TERM": "xterm", "COLORTERM": "truecolor"}, "truecolor"),
    ({"TERM": "xterm", "NO_COLOR": "1"}, None),
    ({"TERM": "dumb"}, None),
    ({"TERM": "unknown"}, None),
])
def test_colours_on_a_terminal_as_rich_would_detect_them(environ: dict[str, str],
                                                         colours: str | None) -> None:
    env = detect([], environ, stream(tty=True))
    assert (env.colours, env.colour) == (colours, colours is not None)


def test_no_colours_in_a_pipe() -> None:
    assert detect([], {"TERM": "xterm-256color"}, stream()).colours is None


@pytest.mark.parametrize(("encoding", "term", "ascii_only"), [
    ("utf-8", "xterm", False), ("UTF-8", "xterm", False), ("ascii", "xterm", True),
    ("cp1252", "xterm", True), ("utf-8", "dumb", True), (None, "xterm", False),
])
def test_ascii_only_follows_the_encoding_and_a_dumb_terminal(
        encoding: str | None, term: str, ascii_only: bool) -> None:
    env = detect([], {"TERM": term}, stream(encoding=encoding))
    assert env.ascii_only is ascii_only
    assert env.encoding == (encoding or "utf-8")


def test_data_today_completion_and_shell_come_from_their_variables() -> None:
    env = detect([], {"ACCORD_TODAY": "1989-02-15", "_ACCORD_COMPLETE": "lines_bash",
                      "ACCORD_DATA": "x.toml", "SHELL": "/bin/zsh"}, stream())
    assert (env.today, env.completing, env.data) == ("1989-02-15", True, "x.toml")
    assert (env.completion, env.shell) == ("lines_bash", "/bin/zsh")
    nothing = detect([], {"ACCORD_TODAY": ""}, stream())
    assert (nothing.today, nothing.completing, nothing.completion, nothing.shell) == (
        None, False, "", "")


def test_the_cache_directory_comes_from_its_variables() -> None:
    """ACCORD_CACHE_DIR holds a directory of accord's own; else the XDG rule, where it alone
    decides (tests/test_store.py checks it against platformdirs), else None."""
    home = {"HOME": "/home/u"}
    assert detect([], {"ACCORD_CACHE_DIR": "/tmp/c", **home}, stream()).cache_dir == Path(
        "/tmp/c/accord")
    assert detect([], {"ACCORD_CACHE_DIR": "", **home}, stream()).cache_dir != Path("accord")
    assert detect([], {"ANDROID_ROOT": "/system", **home}, stream()).cache_dir is None
    assert detect([], {"HOME": "relative"}, stream()).cache_dir is None
    assert detect([], {}, stream()).cache_dir is None
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        assert detect([], home, stream()).cache_dir == Path("/home/u/.cache/accord")
        assert detect([], {"XDG_CACHE_HOME": "/x", **home}, stream()).cache_dir == Path(
            "/x/accord")


LANGS = ("en", "tr")


@pytest.mark.parametrize(("argv", "environ", "lang"), [
    ([], {}, "en"),
    (["timeline", "--lang", "tr"], {}, "tr"),
    (["timeline", "--lang=TR"], {}, "tr"),
    (["timeline", "--lang", "tr", "--lang", "en"], {}, "en"),  # the last wins, as in Click
    ([], {"ACCORD_LANG": "tr"}, "tr"),
    (["--lang", "en"], {"ACCORD_LANG": "tr"}, "en"),  # the flag over the variable
    (["--lang", "de"], {}, "en"),  # left to the parser to refuse
    (["search", "--", "--lang", "tr"], {}, "en"),  # words after "--" are arguments
    (["timeline", "--lang"], {"ACCORD_LANG": "tr"}, "tr"),
])
def test_language_is_known_before_the_command_line_is_parsed(
        argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert prescan_lang(argv, environ, LANGS) == lang


def test_detect_prescans_the_language_for_help() -> None:
    assert detect(["timeline", "-h", "--lang", "tr"], {}, stream()).lang == "tr"


def test_an_environment_can_be_built_for_a_test() -> None:
    env = Environment(terminal=True, width=40, colours="standard")
    assert env.colour and env.lang == "en" and env.encoding == "utf-8"
