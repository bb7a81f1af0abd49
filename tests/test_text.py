"""text.py: folding, unsafe characters, cells and truncation (matching: test_match.py)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from accordcli.text import (
    Cell,
    cell,
    fold,
    json_safe,
    listed,
    one_line,
    representable,
    shown,
    truncate,
    visible,
)


@pytest.mark.parametrize(("text", "folded"), [("İ", "i"), ("ı", "i"), ("I", "i"),
                                              ("Çekilme", "cekilme"), ("a \t\n b", "a b")])
def test_fold_values(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(max_size=60))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# ---------------------------------------------------------------- unsafe characters

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_visible_leaves_no_control_character(text: str) -> None:
    assert not RAW_CONTROL.search(visible(text).replace("\n", ""))


def test_visible_escapes_controls_and_bidi_and_keeps_newlines() -> None:
    assert visible("a\x1b[2Jb\u202ec\nd\x9b") == "a\\x1b[2Jb\\u202ec\nd\\x9b"
    assert one_line("a\nb\x07") == "a b\\x07"


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


def test_punctuation_has_a_plain_spelling_where_the_encoding_lacks_it() -> None:
    text = "1988-12-03 … 1988-12-04 – “Nisan” ı"
    assert representable(text, "ascii") == '1988-12-03 ... 1988-12-04 - "Nisan" \\u0131'
    assert representable(text, "cp1252") == "1988-12-03 … 1988-12-04 – “Nisan” \\u0131"
    assert representable(text, "UTF-8") == text


# ---------------------------------------------------------------- cells and cutting


@pytest.mark.parametrize(("value", "joiner", "expected"), [
    (None, ";", ""), (True, ";", "true"), (False, ", ", "false"), (3, ";", "3"),
    (("a", "b"), ";", "a;b"), (["a", "b"], ", ", "a, b"), ((), ";", ""), ("x", ";", "x"),
])
def test_cell_flattens_a_value(value: Cell, joiner: str, expected: str) -> None:
    assert cell(value, joiner) == expected


def test_listed_names_are_cut_to_100_characters() -> None:
    assert listed("a" * 100) == "a" * 100
    assert listed("a" * 101) == "a" * 99 + "…"


def test_a_cut_keeps_every_escape_whole() -> None:
    for width in range(4, 14):
        cut = truncate("ab\u202ecdefghij\x1bklmnop", width, "…", "utf-8", strip=True)
        assert re.search(r"\\(?:u(?![0-9a-f]{4})|x(?![0-9a-f]{2}))", cut) is None, cut
        assert len(cut) <= width


def test_a_cut_keeps_plain_spellings_whole_and_strips_before_the_mark() -> None:
    assert truncate("ab … cdef", 6, "...", "ascii") == "ab ..."
    assert truncate("ab … cdef", 7, "...", "ascii", strip=True) == "ab..."
    assert truncate("short", 9, "…", "utf-8") == "short"
    assert truncate("line\nbreak", 20, "…", "utf-8") == "line break"


def whole_pieces_oracle(text: str, width: int, ellipsis: str) -> str:
    """Measure every shorter prefix of whole characters again: slow, and plainly right."""
    line = shown(text, "utf-8")
    if cell_len(line) <= width:
        return line
    for end in range(len(text), -1, -1):
        cut = shown(text[:end], "utf-8")
        if cell_len(cut) + len(ellipsis) <= width:
            return cut + ellipsis
    return ellipsis


# Characters whose widths rich measures by special rules, and escapes.
TRICKY = st.sampled_from(["a", " ", "  ", "\u4e2d", "\u0301", "\u200d", "\ufe0f", "❤", "👩",
                          "🔬", "\t", "\n", "\x1b", "\u202e", "…", "ab"])


@given(st.lists(TRICKY, max_size=30).map("".join), st.integers(min_value=0, max_value=45),
       st.sampled_from(["…", "..."]))
def test_truncate_cuts_where_measuring_every_shorter_prefix_does(text: str, width: int,
                                                                  ellipsis: str) -> None:
    assert truncate(text, width, ellipsis, "utf-8") == whole_pieces_oracle(text, width,
                                                                            ellipsis)
