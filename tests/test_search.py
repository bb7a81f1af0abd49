"""Folding and matching: accents, case and Turkish letters ignored; highlights map back."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accordcli.errors import UsageError
from accordcli.search import fold, highlight_ranges, matches_all, query_words


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
