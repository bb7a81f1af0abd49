"""Data text cannot drive the terminal: no markup, no escape sequences, in any format."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from accordcli.render.safe import json_safe, visible
from conftest import DATA, Run

H = str(DATA / "hostile.toml")
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}
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


@given(st.text())
def test_visible_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert not RAW_CONTROL.search(shown.replace("\n", ""))


@given(st.text())
def test_rendered_text_has_no_control_bytes(text: str) -> None:
    console = Console(width=60, color_system=None, force_terminal=True, file=None)
    with console.capture() as capture:
        console.print(Text(visible(text)))
    assert not RAW_CONTROL.search(capture.get().replace("\n", ""))


@given(st.text())
def test_json_safe_round_trips(text: str) -> None:
    encoded = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(encoded) == {"t": text}
    assert not RAW_CONTROL.search(encoded)


def test_punctuation_has_a_plain_spelling_where_the_encoding_lacks_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from accordcli.render.safe import representable

    text = "1988-12-03 … 1988-12-04 – “Nisan” ı"
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert representable(text) == '1988-12-03 ... 1988-12-04 - "Nisan" \\u0131'
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="cp1252"))
    assert representable(text) == "1988-12-03 … 1988-12-04 – “Nisan” \\u0131"  # cp1252 has them


def test_a_cut_cell_keeps_every_escape_whole() -> None:
    from accordcli.render.terminal import _clipped

    for width in range(4, 14):
        cut = _clipped("ab\u202ecdefghij\x1bklmnop", width)
        assert re.search(r"\\(?:u(?![0-9a-f]{4})|x(?![0-9a-f]{2}))", cut) is None, cut
        assert len(cut) <= width
