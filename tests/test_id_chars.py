"""Which characters an id may hold (issue #11.7): no look-alikes, nothing a shell reads.

The table in unicode_tables.py is checked against every code point with the `regex` module
as the oracle (it knows Default_Ignorable_Code_Point and White_Space, which Python's
unicodedata does not), and against Python's own categories where those are stable.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from importlib import metadata
from itertools import pairwise
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from accordcli import unicode_tables
from accordcli.dates import event_id_refusal
from accordcli.errors import DataError
from accordcli.ids import (
    _ASCII_REFUSED,
    SHELL_SPECIAL,
    _escaped_repr,
    first_refused,
    id_refusal,
    shown_id,
)
from accordcli.load import default_data_path, load
from accordcli.read import parse_toml
from accordcli.validate import build
from conftest import SAMPLE


@lru_cache(maxsize=1)
def every_code_point() -> str:
    """Return 0..0x10FFFF as one string, lone surrogates included (built once, ~0.1 s)."""
    return "".join(map(chr, range(0x110000)))


# The oracle: the rule as Unicode properties, one class per kind of unicode_tables.KINDS
# (the first that matches describes the code point).
ORACLE = (
    r"\p{Cc}",
    r"[\p{White_Space}\p{Zs}\p{Zl}\p{Zp}]",
    r"[\p{Default_Ignorable_Code_Point}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]",
    r"\p{Co}",
    r"\p{Cs}",
    r"\p{Cn}",
)


def test_the_table_is_for_the_unicode_version_of_the_oracle() -> None:
    described = metadata.metadata("regex").json.get("description", "")
    found = re.search(r"supports Unicode (\d+\.\d+\.\d+)", str(described))
    assert found is not None
    assert found.group(1) == unicode_tables.UNICODE_VERSION, (
        "regenerate the table: python scripts/gen_unicode_tables.py (and update the pin of "
        "regex in pyproject.toml)")
    assert unicode_tables.KINDS[-1] == f"unassigned in Unicode {unicode_tables.UNICODE_VERSION}"


def test_every_code_point_is_judged_as_the_unicode_properties_say() -> None:
    everything = every_code_point()
    expected: list[str | None] = [None] * len(everything)
    for kind in range(len(ORACLE) - 1, -1, -1):  # the first kind is written last and wins
        for found in regex.finditer(ORACLE[kind] + "+", everything):
            expected[found.start():found.end()] = (
                [unicode_tables.KINDS[kind]] * (found.end() - found.start()))
    for char in SHELL_SPECIAL:
        expected[ord(char)] = "special to shells"
    got = list(map(id_refusal, everything))
    wrong = [f"U+{code:04X}: {got[code]} != {expected[code]}"
             for code in range(len(got)) if got[code] != expected[code]]
    assert not wrong, wrong[:20]


def test_python_categories_that_are_never_in_an_id_are_refused() -> None:
    # An oracle independent of the regex module: whatever this Python's Unicode version,
    # a control, format, separator, private-use or surrogate code point is refused.
    refused = {"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs"}
    missed = [f"U+{ord(char):04X}" for char in every_code_point()
              if unicodedata.category(char) in refused and id_refusal(char) is None]
    assert not missed, missed[:20]


def test_the_table_is_sorted_and_disjoint() -> None:
    ranges = unicode_tables.RANGES
    assert all(first <= last for first, last, _ in ranges)
    assert all(a[1] < b[0] for a, b in pairwise(ranges))
    assert all(0 <= kind < len(unicode_tables.KINDS) for _, _, kind in ranges)


@pytest.mark.parametrize(("code", "kind"), [
    *((code, "an invisible character") for code in (
        0xE0000, 0xE0001, 0xE0020, 0xE0041, 0xE007F,  # tag characters
        0x3164, 0x115F, 0x1160, 0xFFA0,  # Hangul fillers (letters to Python 3.11)
        0xFFF9, 0xFFFA, 0xFFFB,  # interlinear annotation
        0x034F,  # combining grapheme joiner (a mark to Python 3.11)
        0x200B, 0x200C, 0x200D, 0x2060, 0x2066, 0x202E, 0x061C, 0x00AD, 0xFEFF,
        0x180E, 0x17B4, 0xFE0F, 0xE0100, 0x1D173, 0x2800)),
    *((code, "a space or line break") for code in (
        0x20, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)),
    *((code, "a control character") for code in (0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x85, 0x9B)),
    (0xE000, "a private-use character"), (0x10FFFD, "a private-use character"),
    (0xD800, "a surrogate"),
    *((code, f"unassigned in Unicode {unicode_tables.UNICODE_VERSION}")
      for code in (0x0378, 0xFDD0, 0xFFFE, 0x50000, 0x10FFFF)),
])
def test_named_look_alikes_are_refused(code: int, kind: str) -> None:
    assert id_refusal(chr(code)) == kind


@pytest.mark.parametrize("char", ["a", "Z", "0", "-", "_", ".", ":", "/", "+", "=", ",", "@",
                                  "%", "^", "ç", "İ", "ı", "ş", "ğ", "é", "ß", "ж", "ا", "中",
                                  "\u0327", "\u0301", "\U0001f600"])
def test_letters_digits_marks_and_plain_punctuation_are_allowed(char: str) -> None:
    assert id_refusal(char) is None


def test_the_ascii_shortcut_agrees_with_the_table() -> None:
    for code in range(0x80):
        char = chr(code)
        assert (re.fullmatch(_ASCII_REFUSED, char) is not None) is (id_refusal(char) is not None)
        # The same text through the non-ASCII path ("é" forces it) finds the same character.
        assert first_refused("ab" + char) == first_refused("ab" + char + "é")


_DOCUMENT = parse_toml(SAMPLE.read_text(encoding="utf-8"), "sample.toml")


def _problems_with_event_id(identifier: str) -> list[str]:
    document: dict[str, Any] = copy.deepcopy(_DOCUMENT)
    document["events"][0]["id"] = identifier
    with pytest.raises(DataError) as caught:
        build(document, "x.toml")
    return list(caught.value.problems)


@pytest.mark.parametrize(("identifier", "message"), [
    *((f"a{char}b", f"has {char!r} (U+{ord(char):04X}, special to shells) at character 2")
      for char in SHELL_SPECIAL),
    ("has space", "has ' ' (U+0020, a space or line break) at character 4"),
    ("tab\there", "has U+0009 (a control character) at character 4"),
    ("esc\x1b", "has U+001B (a control character) at character 4"),
    ("c1\x9b", "has U+009B (a control character) at character 3"),
    ("nb\u00a0sp", "has U+00A0 (a space or line break) at character 3"),
    ("line\u2028sep", "has U+2028 (a space or line break) at character 5"),
    ("wide\u3000space", "has U+3000 (a space or line break) at character 5"),
    ("zero\u200bwidth", "has U+200B (an invisible character) at character 5"),
    ("\u202ereversed", "has U+202E (an invisible character) at character 1"),
    ("soft\u00adhyphen", "has U+00AD (an invisible character) at character 5"),
    ("envoy\U000e0041", "has U+E0041 (an invisible character) at character 6"),
    ("han\u3164gul", "has U+3164 (an invisible character) at character 4"),
    ("cgj\u034f", "has U+034F (an invisible character) at character 4"),
    ("vs\ufe0f", "has U+FE0F (an invisible character) at character 3"),
    ("private\ue000", "has U+E000 (a private-use character) at character 8"),
    ("lone\ud800", "has U+D800 (a surrogate) at character 5"),
    ("çok\U00050000", "has U+50000 (unassigned in Unicode 18.0.0) at character 4"),
])
def test_each_kind_of_refused_character_gets_one_line_with_its_fix(identifier: str,
                                                                   message: str) -> None:
    problems = _problems_with_event_id(identifier)
    shown = shown_id(identifier)
    assert problems[0] == (f"events[0] (id {shown}).id: id {shown} {message}; remove it, "
                           "or use '-' or '_' between words"), problems
    assert problems[0].isascii() or "ç" in problems[0]  # nothing invisible is shown raw


def test_ids_are_shown_with_refused_characters_escaped() -> None:
    assert shown_id("talks-open") == repr("talks-open")
    assert shown_id("it's") == repr("it's")
    assert shown_id("a\\b\"c'") == repr("a\\b\"c'")
    assert shown_id("çekilme") == "'çekilme'"
    # U+3164 and U+034F are printable to Python 3.11 (a letter and a mark): escaped anyway.
    assert shown_id("a\u3164b\u034f\U000e0041\n") == "'a\\u3164b\\u034f\\U000e0041\\n'"


@settings(max_examples=50)
@given(st.text(alphabet=st.one_of(st.sampled_from("a'\"\\\t\x1b\x85\u3164\u200b\U000e0041"),
                                  st.characters()), max_size=8))
def test_the_quick_way_of_showing_an_id_gives_the_same_text(text: str) -> None:
    assert shown_id(text) == _escaped_repr(text)


def test_references_and_affiliations_follow_the_same_rule() -> None:
    document: dict[str, Any] = copy.deepcopy(_DOCUMENT)
    document["events"][0]["actors"] = ["north", "no$rth"]
    document["actors"][-1]["affiliation"] = "league\u200b"
    with pytest.raises(DataError) as caught:
        build(document, "x.toml")
    problems = "\n".join(caught.value.problems)
    assert "actors[1]: id 'no$rth' has '$' (U+0024, special to shells) at character 3" in problems
    assert ".affiliation: id 'league\\u200b' has U+200B" in problems


def test_the_shipped_dataset_and_the_sample_still_validate() -> None:
    for path in (default_data_path(), SAMPLE):
        dataset = load(path, use_cache=False)
        for identifier in [record.id for table in (dataset.events, dataset.actors,
                                                   dataset.sources, dataset.tags,
                                                   dataset.clauses) for record in table]:
            assert first_refused(identifier) == -1, identifier


@given(st.text(alphabet=st.one_of(
    st.sampled_from("ab-_.çİ" + SHELL_SPECIAL + " \t\u00a0\u200b\u3164\u034f\U000e0041\ue000"),
    st.characters()), min_size=1, max_size=12))
def test_an_id_is_accepted_exactly_when_no_character_is_refused(identifier: str) -> None:
    position = first_refused(identifier)
    refused = [i for i, char in enumerate(identifier) if id_refusal(char) is not None]
    assert position == (refused[0] if refused else -1)
    if position < 0:
        # Nothing a person cannot see, nor anything a shell reads, is left.
        assert not any(char.isspace() or char in SHELL_SPECIAL for char in identifier)
        assert all(char.isprintable() or unicodedata.category(char) == "Cn"
                   for char in identifier)
        if event_id_refusal(identifier) is not None:  # "1988": it would read as a date
            assert "would be taken for" in _problems_with_event_id(identifier)[0]
            return
        document: dict[str, Any] = copy.deepcopy(_DOCUMENT)
        document["events"][0]["id"] = identifier
        assert build(document, "x.toml").events[0].id == identifier
    else:
        assert f"at character {position + 1};" in _problems_with_event_id(identifier)[0]
