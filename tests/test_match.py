"""match.py: what a query matches (words, word starts, phrases), highlights and snippets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.errors import EmptySearch
from accordcli.match import (
    SNIPPET,
    Term,
    form_of,
    highlight_ranges,
    parse_query,
    snippet,
    word_form,
    words_of,
)


def matches(query: str, *texts: str) -> bool:
    return parse_query(query).matches(form_of(texts))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("cekilme", "Askerlerin çekilmesi"),
        ("cekil", "çekilme"),  # a Turkish stem finds its words
        ("cekil", "Sovyet çekilmesi"),
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
        ("perez de cuellar", "Javier  Pérez de\u00a0Cuéllar"),
        ("kabil", "Kâbil"),
        ("un", "UN"),
        ("un", "UNGOMAP"),
        ("un", "the UN-brokered talks"),
        ("UN-brokered", "the UN brokered talks"),
        ("cenevre'de", "Cenevre'deki görüşmeler"),
        ("1988", "on 14 April 1988,"),
    ],
)
def test_a_word_matches_a_word_or_the_start_of_one_after_folding(query: str,
                                                                 text: str) -> None:
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("un", "founded"),
        ("un", "round"),
        ("un", "a refund"),
        ("zz", "fizzled"),
        ("art", "Party"),
        ("kilme", "çekilme"),
        ("988", "1988"),
        ("soviets", "Soviet"),  # a word start, not a longer word
    ],
)
def test_a_word_never_matches_inside_a_word(query: str, text: str) -> None:
    assert not matches(query, text)


def test_every_term_must_match_each_in_any_text_and_language() -> None:
    assert matches("soviet geneva", "Soviet troops", "Geneva talks")
    assert matches("soviet cenevre", "Soviet troops", "Cenevre görüşmeleri")
    assert not matches("soviet tokyo", "Soviet troops", "Geneva talks")


def test_a_quoted_phrase_matches_whole_words_in_order_within_one_text() -> None:
    assert matches('"geneva accords"', "The Geneva Accords were signed")
    assert matches('"GENEVA, accords!"', "the geneva — accords")  # punctuation between
    assert not matches('"accords geneva"', "The Geneva Accords were signed")
    assert not matches('"geneva accord"', "The Geneva Accords were signed")  # whole words
    assert not matches('"geneva accords"', "Talks in Geneva", "accords signed")
    assert not matches('"geneva accords"', "Geneva and the accords")
    assert matches('"un"', "the UN mediator")
    assert not matches('"un"', "UNGOMAP")  # quoted: the whole word only
    assert matches('"cenevre anlaşması" imzalandı', "Cenevre Anlaşması imzalandı")


def test_an_unclosed_quote_runs_to_the_end_and_empty_quotes_ask_nothing() -> None:
    assert parse_query('talks "geneva accords') == parse_query('talks "geneva accords"')
    assert parse_query('talks ""') == parse_query("talks")


def test_a_word_that_folds_to_several_is_a_phrase_ending_in_a_word_start() -> None:
    assert parse_query("Cenevre'de").terms == (Term(("cenevre", "de"), True),)
    assert matches("UN-brokered", "UN-brokered")
    assert not matches("UN-brokered", "brokered by the UN")


def test_repeated_searches_ask_for_every_term_of_each() -> None:
    assert parse_query(["gorbachev", "geneva talks"]) == parse_query("gorbachev geneva talks")
    assert not parse_query(["gorbachev", "tokyo"]).matches(form_of(["Gorbachev in Geneva"]))


@pytest.mark.parametrize("blank", ["", "  \t", "--", '""', "…", "- / ,"])
def test_a_query_without_a_word_is_refused_not_matched_against_everything(blank: str) -> None:
    with pytest.raises(EmptySearch, match="at least one word"):
        parse_query(blank)
    with pytest.raises(EmptySearch):
        parse_query(["geneva", blank])


def test_a_term_said_twice_asks_nothing_more() -> None:
    assert parse_query("Geneva GENEVA cenevre").terms == (Term(("geneva",), True),
                                                          Term(("cenevre",), True))


def test_word_forms() -> None:
    assert word_form("  Cenevre'de, 14 Nisan—1988!  ") == "cenevre de 14 nisan 1988"
    assert words_of("UN-brokered çe\u00adkilme") == ["un", "brokered", "cekilme"]
    assert words_of(" ¶ … ") == []


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("İstanbul'da", "istanbul", ["İstanbul"]),
        ("Straße und Strasse", "strasse", ["Straße", "Strasse"]),
        ("çe\u00adkilme başladı", "cekil", ["çe\u00adkil"]),
        ("c\u0327ekilme", "cekilme", ["c\u0327ekilme"]),
        ("The Soviet withdrawal", "SOVIET withdrawal", ["Soviet", "withdrawal"]),
        ("founded by the UN round", "un", ["UN"]),
        ("the Geneva  Accords", '"geneva accords"', ["Geneva  Accords"]),
    ],
)
def test_highlights_cover_the_matched_original_characters(text: str, query: str,
                                                          expected: list[str]) -> None:
    ranges = highlight_ranges(text, parse_query(query).highlight)
    assert [text[start:end] for start, end in ranges] == expected


def test_a_short_text_is_its_own_snippet_on_one_line() -> None:
    query = parse_query("geneva")
    assert snippet("Talks in\nGeneva  begin", query) == "Talks in Geneva begin"
    assert snippet("Talks in Kabul", query) is None


def test_a_long_text_is_cut_between_words_around_the_first_match() -> None:
    text = " ".join(f"w{n}" for n in range(200)) + " Geneva " + " ".join(
        f"x{n}" for n in range(200))
    cut = snippet(text, parse_query("geneva"))
    assert cut is not None and len(cut) <= SNIPPET
    assert cut.startswith("…w") and cut.endswith("…") and "Geneva" in cut
    inner = cut.strip("…").split(" ")
    assert all(word in text.split(" ") for word in inner)  # whole words only
    first = snippet("Geneva " + text, parse_query("geneva"))
    assert first is not None and first.startswith("Geneva w0") and first.endswith("…")


# Random texts and queries over a few letters, so that words, word starts and phrases
# occur often, with the characters that fold specially.
_PIECES = st.sampled_from(["a", "b", "ab", " ", "  ", "-", "'", "İ", "ı", "i", "ß", "ss",
                           "\u00ad", "\u200b", "\n", "Ç", "c\u0327", "é", "½", "…"])
TEXTS = st.lists(_PIECES, max_size=24).map("".join)
QUERIES = st.lists(st.sampled_from(["a", "b", "ab", "i", "ss", "c", "ç", '"', " ", "-", "İ"]),
                   min_size=1, max_size=8).map("".join)


def reference_found(term: Term, texts: list[str]) -> bool:
    """A term's meaning, spelt out over lists of words."""
    for text in texts:
        words = words_of(text)
        size = len(term.words)
        for start in range(len(words) - size + 1):
            window = words[start:start + size]
            last = window[-1].startswith(term.words[-1]) if term.prefix else (
                window[-1] == term.words[-1])
            if window[:-1] == list(term.words[:-1]) and last:
                return True
    return False


@given(st.lists(TEXTS, max_size=3), QUERIES)
def test_matching_is_words_word_starts_and_phrases(texts: list[str], text: str) -> None:
    try:
        query = parse_query(text)
    except EmptySearch:
        return
    assert query.matches(form_of(texts)) == all(reference_found(t, texts)
                                                for t in query.terms)


@given(TEXTS, QUERIES)
def test_highlights_and_snippets_come_from_the_original_text(text: str, wanted: str) -> None:
    try:
        query = parse_query(wanted)
    except EmptySearch:
        return
    ranges = highlight_ranges(text, query.highlight)
    for start, end in ranges:
        assert 0 <= start < end <= len(text)
        assert any(reference_found(term, [text[start:end]]) for term in query.terms)
    assert ranges == sorted(ranges)
    found = snippet(text, query)
    assert (found is None) == (not ranges)
    if found is not None:
        assert len(found) <= SNIPPET

