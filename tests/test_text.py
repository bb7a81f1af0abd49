"""text.py: folding and matching, unsafe characters, cells and truncation."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from accordcli.errors import UsageError
from accordcli.query import search_words as query_words
from accordcli.text import (
    Cell,
    cell,
    fold,
    fold_words,
    highlight_ranges,
    json_safe,
    listed,
    matches_all,
    one_line,
    representable,
    shown,
    truncate,
    visible,
)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("cekilme", "Askerlerin çekilmesi"),
        ("ISTANBUL", "İstanbul'da"),
        ("istanbul", "İSTANBUL"),
        ("sisli", "Şişli"),
        ("kirmizi", "kırmızı"),
        ("kırmızı", "KIRMIZI"),
        ("GUNES", "güneş"),
        ("dogan", "Doğan"),
        ("izmir", "İZMİR"),
        ("GORBACHEV", "Gorbachev"),
        ("gorbacov", "Mihail Gorbaçov"),
        ("cekilme", "c\u0327ekilme"),  # NFD input in the data
        ("c\u0327ekilme", "çekilme"),  # NFD input in the query
        ("cekilme", "çe\u00adkilme"),  # soft hyphen
        ("cekilme", "çe\u200bkilme"),  # zero-width space
        ("strasse", "Straße"),
        ("perez de cuellar", "Javier  Pérez de\u00a0Cuéllar"),  # spaces folded
        ("kabil", "Kâbil"),
    ],
)
def test_folding_table(query: str, text: str) -> None:
    assert matches_all(query_words(query), [text])


@pytest.mark.parametrize(("text", "folded"), [("İ", "i"), ("ı", "i"), ("I", "i"),
                                              ("Çekilme", "cekilme"), ("a \t\n b", "a b")])
def test_fold_values(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_word_must_match_somewhere() -> None:
    assert matches_all(query_words("soviet geneva"), ["Soviet troops", "Geneva talks"])
    assert not matches_all(query_words("soviet tokyo"), ["Soviet troops", "Geneva talks"])


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("İstanbul'da", "istanbul", ["İstanbul"]),
        ("Straße und Strasse", "strasse", ["Straße", "Strasse"]),
        ("çe\u00adkilme başladı", "cekilme", ["çe\u00adkilme"]),
        ("c\u0327ekilme", "cekilme", ["c\u0327ekilme"]),
        ("The Soviet withdrawal", "SOVIET withdrawal", ["Soviet", "withdrawal"]),
    ],
)
def test_highlights_cover_the_original_characters(text: str, query: str,
                                                  expected: list[str]) -> None:
    ranges = highlight_ranges(text, query_words(query))
    assert [text[start:end] for start, end in ranges] == expected


@given(st.text(max_size=60))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=40), st.text(min_size=1, max_size=10), st.text(max_size=40))
def test_a_substring_always_matches(before: str, needle: str, after: str) -> None:
    assume(fold(needle))  # blank queries are refused (below)
    words = query_words(needle)
    assert matches_all(words, [before + needle + after])


@given(st.text(max_size=20))
def test_a_query_without_words_is_refused_not_matched_against_everything(query: str) -> None:
    if fold(query):
        assert query_words(query)
    else:
        with pytest.raises(UsageError, match="at least one word"):
            query_words(query)


@given(st.text(max_size=60), st.text(min_size=1, max_size=8))
def test_highlight_ranges_stay_inside_the_text(text: str, query: str) -> None:
    assume(fold(query))
    words = query_words(query)
    for start, end in highlight_ranges(text, words):
        assert 0 <= start < end <= len(text)
        assert any(word in fold(text[start:end]) for word in words)


def test_fold_words_are_distinct_folded_and_in_order() -> None:
    assert fold_words("Geneva  GENEVA talks çekilme") == ("geneva", "talks", "cekilme")
    assert fold_words(" \t ") == ()


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
