"""search.py in-process: what the search command finds, and in which order."""

from __future__ import annotations

import pytest

from accordcli.errors import UsageError
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.search import search
from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def test_title_matches_rank_before_text_matches_and_keep_file_order(sample: Dataset) -> None:
    hits = search(sample, "peace", "en")
    assert hits, "the sample mentions peace"
    in_title = [h for h in hits if h.in_title]
    assert hits[:len(in_title)] == in_title  # every title match comes first
    assert ("clause", "peace") in [(h.kind, h.id) for h in in_title]


def test_every_kind_can_match_and_provisions_are_named_by_clause(sample: Dataset) -> None:
    kinds = {h.kind for h in search(sample, "the", "en")}
    assert {"event", "clause"} <= kinds
    provision = [h for h in search(sample, "troops withdraw", "en") if h.kind == "provision"]
    assert [h.id for h in provision] == ["peace/II.1"]
    assert provision[0].title == "1. Peace, II.1"


def test_matching_ignores_language_case_and_accents_but_shows_lang(sample: Dataset) -> None:
    english = search(sample, "ISTANBUL", "en")
    turkish = search(sample, "istanbul", "tr")
    assert [h.id for h in english] == [h.id for h in turkish] == ["talks-open"]
    assert english[0].title != turkish[0].title  # shown in the asked language


def test_no_words_is_a_usage_error(sample: Dataset) -> None:
    with pytest.raises(UsageError):
        search(sample, "  \t ", "en")


def test_limit_keeps_the_best_ranked_hits(sample: Dataset) -> None:
    every = search(sample, "the", "en")
    assert len(every) > 3
    assert search(sample, "the", "en", limit=3) == every[:3]
    assert search(sample, "the", "en", limit=0) == []


def test_a_word_never_matches_across_two_texts(sample: Dataset) -> None:
    """Title and summary are separate texts: the end of one and the start of the next do
    not make a word together."""
    from accordcli.text import matches_all

    assert matches_all(["in"], ["Talks open", "in İstanbul"])
    assert not matches_all(["openin"], ["Talks open", "in İstanbul"])
    assert not matches_all(["open in"], ["Talks open", "in İstanbul"])
