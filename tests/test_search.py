"""search.py in-process: what the search command finds, in which order, with which snippet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accordcli import search as search_module
from accordcli.errors import UsageError
from accordcli.load import load
from accordcli.match import words_of
from accordcli.model import Dataset
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


# What matches ------------------------------------------------------------------------------

def test_every_kind_can_match_and_provisions_are_named_by_clause(sample: Dataset) -> None:
    kinds = {h.kind for h in search(sample, "the", "en")}
    assert {"event", "actor", "clause"} <= kinds
    provision = [h for h in search(sample, "troops withdraw", "en") if h.kind == "provision"]
    assert [h.id for h in provision] == ["peace/II.1"]
    assert provision[0].title == "1. Peace, II.1"


def test_matching_ignores_language_case_and_accents_but_shows_lang(sample: Dataset) -> None:
    english = search(sample, "ISTANBUL", "en")
    turkish = search(sample, "istanbul", "tr")
    assert ids(english) == ids(turkish) == ["talks-open"]
    assert english[0].title != turkish[0].title  # shown in the asked language


def test_words_and_word_starts_never_inside_a_word(shipped: Dataset) -> None:
    un = search(shipped, "un", "en")
    assert {"un", "ungomap"} <= set(ids(un))
    # Every hit holds a word starting with "un" (not "founded", "round"), or is the UN.
    for hit in un[1:]:
        record = next(r for _, r in search_module.records(shipped) if r.id == hit.id)
        words = words_of(record.title_form() + " " + record.body_form())
        assert any(word.startswith("un") for word in words), hit.id
    assert search(shipped, "zz", "en") == []  # not "fizzled"
    assert "withdrawal-complete" in ids(search(shipped, "cekil", "tr"))  # "çekilmesi"


def test_a_phrase_matches_in_order_and_never_across_two_texts(sample: Dataset) -> None:
    assert ids(search(sample, '"indirect talks"', "en")) == ["talks-open"]
    assert search(sample, '"talks indirect"', "en") == []
    # "Talks open in İstanbul" ends the title; "Indirect talks" begins the summary.
    assert search(sample, '"istanbul indirect"', "en") == []
    assert ids(search(sample, "istanbul indirect", "en")) == ["talks-open"]


def test_no_words_is_a_usage_error(sample: Dataset) -> None:
    with pytest.raises(UsageError):
        search(sample, "  \t ", "en")


# Ranking -----------------------------------------------------------------------------------

def test_an_actors_own_name_beats_a_mention(shipped: Dataset) -> None:
    assert ids(search(shipped, "gorbachev", "en"))[0] == "gorbachev"


def test_an_instruments_own_title_beats_an_event_title(tmp_path: Path) -> None:
    data = dataset(tmp_path, event("e1", "1980", "Zebra treaty signed", "x"),
                   '[[clauses]]\nid = "c"\nnumber = 1\ntitle = { en = "Zebra treaty" }\n'
                   'parties = []\nsignatories = []\nwitnesses = []\nsigned = "1988"\n'
                   'summary = { en = "y" }\nsources = ["s"]\n')
    assert ids(search(data, "zebra treaty", "en")) == ["c", "e1"]


def test_a_title_beats_body_text(tmp_path: Path) -> None:
    data = dataset(tmp_path, event("early", "1980", "Talks", "about zebras"),
                   event("late", "1990", "Zebras seen", "nothing"))
    hits = search(data, "zebras", "en")
    assert ids(hits) == ["late", "early"]
    assert [h.in_title for h in hits] == [True, False]


def test_an_exact_word_beats_a_word_start(tmp_path: Path) -> None:
    data = dataset(tmp_path, event("early", "1980", "Zebras seen", "a"),
                   event("late", "1990", "A zebra seen", "b"),
                   event("body-start", "1970", "Other", "zebras"),
                   event("body-exact", "1995", "Other", "a zebra"))
    assert ids(search(data, "zebra", "en")) == ["late", "early", "body-exact", "body-start"]


def test_ties_keep_date_order_then_actors(tmp_path: Path) -> None:
    data = dataset(tmp_path, actor("a", "Someone", "Zebra keeper"),
                   event("late", "1990", "X", "zebra"), event("early", "1980", "X", "zebra"))
    assert ids(search(data, "zebra", "en")) == ["early", "late", "a"]


def test_the_record_the_query_names_by_id_comes_first(shipped: Dataset,
                                                      tmp_path: Path) -> None:
    assert ids(search(shipped, "un", "en"))[0] == "un"
    assert ids(search(shipped, "soviet withdrawal", "en"))[0] == "soviet-withdrawal"
    # Found by its id though no text of it holds the word.
    data = dataset(tmp_path, actor("xq", "Someone", "A keeper"))
    [found] = search(data, "XQ", "en")
    assert (found.id, found.snippet, found.snippet_lang) == ("xq", "A keeper", "en")


def test_limit_keeps_the_best_ranked_hits_and_builds_only_those(
        sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    every = search(sample, "the", "en")
    assert len(every) > 3
    built: list[str] = []
    original = search_module.hit

    def counted(record: search_module.Searched, *rest: Any) -> Hit:
        built.append(record.id)
        return original(record, *rest)

    monkeypatch.setattr(search_module, "hit", counted)
    assert search(sample, "the", "en", limit=3) == every[:3]
    assert len(built) == 3
    assert search(sample, "the", "en", limit=0) == []


# Snippets ----------------------------------------------------------------------------------

def test_the_snippet_comes_from_the_text_that_matched(sample: Dataset) -> None:
    [talks] = search(sample, "sources", "en")
    assert (talks.snippet, talks.snippet_lang) == ("Some sources say 1981.", "en")
    [title_only] = search(sample, "istanbul", "en")
    assert title_only.snippet == "Talks open in İstanbul"


def test_a_snippet_in_the_other_language_says_which(sample: Dataset) -> None:
    [provision] = search(sample, "çekilir", "en")
    assert (provision.snippet, provision.snippet_lang) == ("Askerler çekilir.", "tr")
    [turkish] = search(sample, "withdraws", "tr")
    assert (turkish.title, turkish.snippet_lang) == ("Çekilme", "en")


def test_the_snippet_prefers_the_language_shown(sample: Dataset) -> None:
    [english] = search(sample, "troops withdraw", "en")[-1:]
    assert english.snippet_lang == "en"
    hits = search(sample, "kuzey", "tr")
    assert all(h.snippet_lang == "tr" for h in hits)


def test_snippets_are_short_and_cut_around_the_first_match(shipped: Dataset) -> None:
    for hit in search(shipped, "geneva", "en"):
        assert 0 < len(hit.snippet) <= 200
        assert "geneva" in hit.snippet.casefold() or hit.snippet_lang != "en"
