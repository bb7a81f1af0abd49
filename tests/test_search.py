"""search.py in-process: what the search command finds, in which order, with which snippet."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accordcli import search as search_module
from accordcli.errors import UsageError
from accordcli.load import load
from accordcli.match import parse_query, words_of
from accordcli.model import Dataset, LocalText
from accordcli.search import Hit, search
from conftest import SAMPLE, write_data


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load(use_cache=False)


def dataset(tmp_path: Path, *records: str) -> Dataset:
    """A data file of the given [[...]] tables, with one source (and one actor, one event)."""
    if "[[actors]]" not in "".join(records):
        records += (actor("someone", "Someone", "Nobody"),)
    if "[[events]]" not in "".join(records):
        records += (event("something", "1900", "Nothing", "Nothing"),)
    text = ('[[sources]]\nid = "s"\ntitle = "S"\nurl = "https://example.org"\n'
            'publisher = "P"\n' + "".join(records))
    return load(write_data(tmp_path / "data.toml", text), use_cache=False)


def event(identifier: str, date: str, title: str, summary: str, tr: str = "") -> str:
    summary_tr = f', tr = "{tr}"' if tr else ""
    return (f'[[events]]\nid = "{identifier}"\ndate = "{date}"\ntitle = {{ en = "{title}" }}\n'
            f'summary = {{ en = "{summary}"{summary_tr} }}\nactors = []\ntags = []\n'
            'sources = ["s"]\n')


def actor(identifier: str, name: str, role: str) -> str:
    return (f'[[actors]]\nid = "{identifier}"\nkind = "state"\nname = {{ en = "{name}" }}\n'
            f'role = {{ en = "{role}" }}\nsources = ["s"]\n')


def ids(hits: list[Hit]) -> list[str]:
    return [h.id for h in hits]


Find = Callable[..., list[Hit]]


def via_index(data: Dataset, text: str, lang: str, *, limit: int | None = None) -> list[Hit]:
    """Search as the index answers (fts.py), in memory."""
    from accordcli import fts

    query = parse_query(text)
    connection = sqlite3.connect(":memory:")
    try:
        fts.fill(connection, search_module.records(data))
        found = fts.ranked(connection, query, limit)
    finally:
        connection.close()
    return [search_module.hit(search_module.record_of(origin, data.events.__getitem__,
                                                      data.actors, lambda: data.clauses,
                                                      data.sources),
                              titled, query, lang)
            for origin, titled in found]


@pytest.fixture(params=["memory", "index"])
def find(request: pytest.FixtureRequest) -> Find:
    """Each test of what a search finds runs on the data in memory and on the index."""
    return search if request.param == "memory" else via_index


# What matches ------------------------------------------------------------------------------

def test_every_kind_can_match_and_provisions_are_named_by_clause(sample: Dataset,
                                                                 find: Find) -> None:
    kinds = {h.kind for h in find(sample, "the", "en")}
    assert {"event", "actor", "clause"} <= kinds
    provision = [h for h in find(sample, "troops withdraw", "en") if h.kind == "provision"]
    assert [h.id for h in provision] == ["peace/II.1"]
    assert provision[0].title == "1. Peace, II.1"


def test_matching_ignores_language_case_and_accents_but_shows_lang(sample: Dataset,
                                                                   find: Find) -> None:
    english = find(sample, "ISTANBUL", "en")
    turkish = find(sample, "istanbul", "tr")
    assert ids(english) == ids(turkish) == ["talks-open"]
    assert english[0].title != turkish[0].title  # shown in the asked language


def test_words_and_word_starts_never_inside_a_word(shipped: Dataset, find: Find) -> None:
    un = find(shipped, "un", "en")
    assert {"un", "ungomap"} <= set(ids(un))
    # Every hit holds a word starting with "un" (not "founded", "round"), or is the UN.
    for hit in un[1:]:
        record = next(r for _, r in search_module.records(shipped) if r.id == hit.id)
        words = words_of(record.title_form() + " " + record.body_form())
        assert any(word.startswith("un") for word in words), hit.id
    assert find(shipped, "zz", "en") == []  # not "fizzled"
    assert "withdrawal-complete" in ids(find(shipped, "cekil", "tr"))  # "çekilmesi"


def test_a_phrase_matches_in_order_and_never_across_two_texts(sample: Dataset, find: Find) -> None:
    assert ids(find(sample, '"indirect talks"', "en")) == ["talks-open"]
    assert find(sample, '"talks indirect"', "en") == []
    # "Talks open in İstanbul" ends the title; "Indirect talks" begins the summary.
    assert find(sample, '"istanbul indirect"', "en") == []
    assert ids(find(sample, "istanbul indirect", "en")) == ["talks-open"]


def test_no_words_is_a_usage_error(sample: Dataset, find: Find) -> None:
    with pytest.raises(UsageError):
        find(sample, "  \t ", "en")


# Ranking -----------------------------------------------------------------------------------

def test_an_actors_own_name_beats_a_mention(shipped: Dataset, find: Find) -> None:
    assert ids(find(shipped, "gorbachev", "en"))[0] == "gorbachev"


def test_an_instruments_own_title_beats_an_event_title(tmp_path: Path, find: Find) -> None:
    data = dataset(tmp_path, event("e1", "1980", "Zebra treaty signed", "x"),
                   '[[clauses]]\nid = "c"\nnumber = 1\ntitle = { en = "Zebra treaty" }\n'
                   'parties = []\nsignatories = []\nwitnesses = []\nsigned = "1988"\n'
                   'summary = { en = "y" }\nsources = ["s"]\n')
    assert ids(find(data, "zebra treaty", "en")) == ["c", "e1"]


def test_a_title_beats_body_text(tmp_path: Path, find: Find) -> None:
    data = dataset(tmp_path, event("early", "1980", "Talks", "about zebras"),
                   event("late", "1990", "Zebras seen", "nothing"))
    hits = find(data, "zebras", "en")
    assert ids(hits) == ["late", "early"]
    assert [h.in_title for h in hits] == [True, False]


def test_an_exact_word_beats_a_word_start(tmp_path: Path, find: Find) -> None:
    data = dataset(tmp_path, event("early", "1980", "Zebras seen", "a"),
                   event("late", "1990", "A zebra seen", "b"),
                   event("body-start", "1970", "Other", "zebras"),
                   event("body-exact", "1995", "Other", "a zebra"))
    # Exactness comes first: whole words in body text beat a word start in a title.
    assert ids(find(data, "zebra", "en")) == ["late", "body-exact", "early", "body-start"]


def test_an_exact_word_anywhere_beats_a_word_start_in_an_own_name(tmp_path: Path,
                                                                  find: Find) -> None:
    data = dataset(tmp_path, actor("herd", "Zebras United", "Grazers"),
                   event("seen", "1980", "Other", "a zebra"),
                   event("titled", "1990", "A zebra", "x"))
    assert ids(find(data, "zebra", "en")) == ["titled", "seen", "herd"]


def test_among_word_starts_an_own_name_beats_a_title_beats_body_text(tmp_path: Path,
                                                                      find: Find) -> None:
    data = dataset(tmp_path, event("body", "1970", "Other", "zebras"),
                   event("titled", "1980", "Zebras seen", "x"),
                   actor("herd", "Zebras United", "Grazers"))
    assert ids(find(data, "zebra", "en")) == ["herd", "titled", "body"]


def test_un_lists_what_holds_the_word_un_before_what_starts_with_it(shipped: Dataset,
                                                                     find: Find) -> None:
    found = ids(find(shipped, "un", "en"))
    assert found[0] == "un"
    for exact in ("ungomap", "unga-es-6-2", "unga-35-37"):
        for start_only in ("usa", "ussr", "cpsu"):
            assert found.index(exact) < found.index(start_only), (exact, start_only)


def test_a_title_hit_is_exact_by_its_title_alone(tmp_path: Path, find: Find) -> None:
    # "early" holds the whole word only in its body: in the title it is a word start.
    data = dataset(tmp_path, event("early", "1980", "Zebras seen", "a zebra"),
                   event("late", "1990", "A zebra seen", "b"))
    assert ids(find(data, "zebra", "en")) == ["late", "early"]


def test_ties_keep_date_order_then_actors(tmp_path: Path, find: Find) -> None:
    data = dataset(tmp_path, actor("a", "Someone", "Zebra keeper"),
                   event("late", "1990", "X", "zebra"), event("early", "1980", "X", "zebra"))
    assert ids(find(data, "zebra", "en")) == ["early", "late", "a"]


def test_the_record_the_query_names_by_id_comes_first(shipped: Dataset,
                                                      tmp_path: Path, find: Find) -> None:
    assert ids(find(shipped, "un", "en"))[0] == "un"
    assert ids(find(shipped, "soviet withdrawal", "en"))[0] == "soviet-withdrawal"
    # Found by its id though no text of it holds the word.
    data = dataset(tmp_path, actor("xq", "Someone", "A keeper"))
    [found] = find(data, "XQ", "en")
    assert (found.id, found.snippet, found.snippet_lang) == ("xq", "A keeper", "en")


def test_limit_keeps_the_best_ranked_hits_and_builds_only_those(
        sample: Dataset, monkeypatch: pytest.MonkeyPatch, find: Find) -> None:
    every = find(sample, "the", "en")
    assert len(every) > 3
    built: list[str] = []
    original = search_module.hit

    def counted(record: search_module.Searched, *rest: Any) -> Hit:
        built.append(record.id)
        return original(record, *rest)

    monkeypatch.setattr(search_module, "hit", counted)
    assert find(sample, "the", "en", limit=3) == every[:3]
    assert len(built) == 3
    assert find(sample, "the", "en", limit=0) == []


# Snippets ----------------------------------------------------------------------------------

def test_the_snippet_comes_from_the_text_that_matched(sample: Dataset, find: Find) -> None:
    [talks] = find(sample, "sources", "en")
    assert (talks.snippet, talks.snippet_lang) == ("Some sources say 1981.", "en")
    [title_only] = find(sample, "istanbul", "en")
    assert title_only.snippet == "Talks open in İstanbul"


def test_a_snippet_in_the_other_language_says_which(sample: Dataset, find: Find) -> None:
    [provision] = find(sample, "çekilir", "en")
    assert (provision.snippet, provision.snippet_lang) == ("Askerler çekilir.", "tr")
    [turkish] = find(sample, "withdraws", "tr")
    assert (turkish.title, turkish.snippet_lang) == ("Çekilme", "en")


def test_the_snippet_prefers_the_language_shown(sample: Dataset, find: Find) -> None:
    [english] = find(sample, "troops withdraw", "en")[-1:]
    assert english.snippet_lang == "en"
    hits = find(sample, "kuzey", "tr")
    assert all(h.snippet_lang == "tr" for h in hits)


def test_the_snippet_comes_from_a_text_holding_every_word(tmp_path: Path, find: Find) -> None:
    data = dataset(tmp_path, event("e", "1986", "Missiles", "Stinger fired at gunships",
                                   "Stinger ateşlendi"))
    [hit] = find(data, "stinger gunships", "tr")
    assert (hit.snippet, hit.snippet_lang) == ("Stinger fired at gunships", "en")
    # When the language shown holds every word, the snippet stays in it.
    [hit] = find(data, "stinger", "tr")
    assert (hit.snippet, hit.snippet_lang) == ("Stinger ateşlendi", "tr")


def test_otherwise_the_snippet_comes_from_the_text_holding_most_words(tmp_path: Path,
                                                                      find: Find) -> None:
    # No text holds all three words; the Turkish summary holds two, the English one.
    data = dataset(tmp_path, event("e", "1986", "Zebra", "alpha only",
                                   "alpha beta ikisi"))
    [hit] = find(data, "alpha beta zebra", "en")
    assert (hit.snippet, hit.snippet_lang) == ("alpha beta ikisi", "tr")


def test_snippets_are_short_and_cut_around_the_first_match(shipped: Dataset, find: Find) -> None:
    for hit in find(shipped, "geneva", "en"):
        assert 0 < len(hit.snippet) <= 200
        assert "geneva" in hit.snippet.casefold() or hit.snippet_lang != "en"


# The index answers as the data in memory does ---------------------------------------------

# Few words, so that records share them, with characters that fold (İ, ß, ç) and ones that
# do not and lie outside ASCII (ø, α, 中, a spacing mark, a Cherokee letter that folds to a
# capital), which a tokenizer of its own would split or fold otherwise.
_WORDS = st.sampled_from(["ab", "abc", "b", "ba", "ç", "c", "İ", "i", "ı", "ss", "ß", "x y",
                          "a-b", "1", "½", "\u00ad", "ab'c", "ø", "øa", "α", "中", "a\u0903b",
                          "\uab70", "\u13a0"])
_TEXTS = st.lists(_WORDS, max_size=5).map(" ".join)
_LOCAL = st.builds(LocalText, _TEXTS, st.none() | _TEXTS)
_RECORDS = st.lists(st.tuples(st.sampled_from(["event", "actor", "clause", "provision"]),
                              st.sampled_from(["ab", "b", "ab-c", "x"]),
                              st.lists(_LOCAL, max_size=2), st.lists(_LOCAL, max_size=2)),
                    max_size=8)
_QUERIES = st.lists(st.sampled_from(["ab", "a", "b", "c", "i", "ss", '"ab b"', '"ab"', "x",
                                     "a-b", "ab'c", '"ab', "İ", "ø", "α", "中", "a", "\u13a0",
                                     "ab\u0903"]),
                    min_size=1, max_size=3).map(" ".join)


def searched(records: list[tuple[str, str, list[LocalText], list[LocalText]]],
             ) -> list[tuple[search_module.Origin, search_module.Searched]]:
    return [((kind, n, 0), search_module.Searched(kind, identifier, kind in ("actor", "clause"),
                                                  tuple(titles), tuple(bodies),
                                                  LocalText("t"), LocalText("x")))
            for n, (kind, identifier, titles, bodies) in enumerate(records)]


@settings(max_examples=150)
@given(_RECORDS, _QUERIES, st.none() | st.integers(0, 4))
def test_the_index_ranks_as_the_data_in_memory_does(
        records: list[tuple[str, str, list[LocalText], list[LocalText]]], text: str,
        limit: int | None) -> None:
    from accordcli import fts

    query = parse_query(text)
    every = searched(records)
    in_memory = [(origin, titled) for origin, _, titled in
                 search_module.ranked(iter(every), query, limit)]
    connection = sqlite3.connect(":memory:")
    try:
        fts.fill(connection, every)
        assert fts.ranked(connection, query, limit) == in_memory
    finally:
        connection.close()
