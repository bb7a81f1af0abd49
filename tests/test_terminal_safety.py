"""Data text cannot drive the terminal: no markup, no escape sequences, in any format."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, Run

H = str(DATA / "hostile.toml")
TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "120"}
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ANSI_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
@pytest.mark.parametrize("env", [{}, TERMINAL], ids=["piped", "terminal"])
@pytest.mark.parametrize("args", [["timeline"], ["event", "clear"], ["actors"],
                                  ["actor", "a"]])
def test_human_formats_show_controls_as_escapes(
    run: Run, args: list[str], env: dict[str, str], fmt: str
) -> None:
    result = run(*args, "--data", H, "--format", fmt, env=env)
    assert result.exit_code == 0, result.output
    # Our own styling is SGR colour codes only; strip those, then no control may remain.
    assert not RAW_CONTROL.search(ANSI_SGR.sub("", result.stdout.replace("\n", "")))


def test_markup_and_escapes_are_shown_literally_on_a_terminal(run: Run) -> None:
    event = run("event", "clear", "--data", H, env={**TERMINAL, "NO_COLOR": "1"}).stdout
    assert "ok\\x1b[2J\\x1b[Hcleared" in event
    assert "\\x9b31m" in event and "\\u202egnp.exe" in event
    assert "tab\\x09here" in event
    assert "line\\u2028separator" in event  # a terminal would start a new line there
    assert "C:\\path\\[x] and x\\" in event  # backslashes survive
    assert "[link=file:///etc/passwd]click[/link]" in event
    assert "\x1b]8" not in event
    actors = run("actors", "--data", H, env={**TERMINAL, "NO_COLOR": "1"}).stdout
    assert "[bold red]x[/]" in actors and "unbalanced [/] here :thumbs_up:" in actors


def test_json_escapes_controls_and_keeps_exact_data(run: Run) -> None:
    result = run("event", "clear", "--data", H, "--json")
    assert not RAW_CONTROL.search(result.stdout.replace("\n", ""))
    record = json.loads(result.stdout)
    assert record["title"] == "ok\x1b[2J\x1b[Hcleared"
    assert "\x9b31m" in record["summary"] and "\u202e" in record["summary"]
