"""validate.py: a valid document builds its Dataset; each kind of problem is reported at
its exact location, all of them at once."""

from __future__ import annotations

import datetime as dt

import pytest

from accordcli.errors import DataError
from accordcli.model import Dataset
from accordcli.read import parse_toml
from accordcli.validate import build
from conftest import SAMPLE

NAME = "x.toml"

HEAD = """\
[[sources]]
id = "s"
title = "T"
url = "https://example.org"
publisher = "P"

[[actors]]
id = "a"
kind = "state"
name = { en = "A", tr = "A" }
role = { en = "R", tr = "R" }
sources = ["s"]
"""

EVENT = """
[[events]]
id = "e"
date = "1988-04-14"
title = { en = "T", tr = "T" }
summary = { en = "S", tr = "S" }
actors = ["a"]
sources = ["s"]
"""


def dataset_of(text: str) -> Dataset:
    return build(parse_toml(text, NAME), NAME)


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        dataset_of(text)
    assert caught.value.source == NAME
    return list(caught.value.problems)


def test_minimal_valid_file_builds() -> None:
    dataset = dataset_of(HEAD + EVENT)
    assert dataset.events[0].date.start == dt.date(1988, 4, 14)
    assert dataset.clauses == ()


def test_plain_string_text_is_english_only() -> None:
    event = dataset_of(HEAD + EVENT.replace('{ en = "T", tr = "T" }', '"Only English"')).events[0]
    assert event.title.get("tr") == "Only English"


@pytest.mark.parametrize(
    ("snippet_from", "snippet_to", "expected"),
    [
        ('date = "1988-04-14"', "date = 1988", 'events[0] (id \'e\').date: expected a date string'),
        ('date = "1988-04-14"', "date = 1988-04-14",
         "events[0] (id 'e').date: write dates as strings"),
        ('date = "1988-04-14"', 'date = "1988-02-30"',
         "events[0] (id 'e').date: '1988-02-30': February 1988 has no day 30"),
        ('date = "1988-04-14"', 'date = "1988-13"', "events[0] (id 'e').date: '1988-13': month 13"),
        ('date = "1988-04-14"', 'date = "0000"', "events[0] (id 'e').date: '0000': year 0000"),
        ('date = "1988-04-14"', 'date = "99999"', "events[0] (id 'e').date: '99999' is not a date"),
        ('date = "1988-04-14"', 'date = "1989/1988"',
         "events[0] (id 'e').date: '1989/1988': the interval ends before it starts"),
        ('title = { en = "T", tr = "T" }', "title = true",
         "events[0] (id 'e').title: expected a text"),
        ('title = { en = "T", tr = "T" }', 'title = { tr = "T" }',
         "events[0] (id 'e').title.en: missing"),
        ('title = { en = "T", tr = "T" }', 'title = { en = "T", de = "T" }',
         "events[0] (id 'e').title.de: unknown key"),
        ('title = { en = "T", tr = "T" }', 'title = { en = "" }',
         "events[0] (id 'e').title.en: is empty"),
        ('actors = ["a"]', 'actors = "a"', "events[0] (id 'e').actors: expected a list of ids"),
        ('actors = ["a"]', 'actors = ["b"]', "events[0] (id 'e').actors[0]: unknown actor 'b'"),
        ('sources = ["s"]\n', 'sources = ["x"]\n',
         "events[0] (id 'e').sources[0]: unknown source 'x'"),
        ('sources = ["s"]\n', "sources = []\n", "events[0] (id 'e').sources: cite at least one"),
        ('actors = ["a"]', 'actors = ["a"]\ntitel = "typo"',
         "events[0] (id 'e').titel: unknown key (did you mean 'title'?)"),
        ('summary = { en = "S", tr = "S" }\n', "", "events[0] (id 'e').summary: missing"),
        ('id = "e"', "id = 5", "events[0].id: expected a string, got an integer (5)"),
        ('id = "e"', 'id = "has space"',
         "events[0] (id 'has space').id: id 'has space' has ' ' (U+0020, a space or line "
         "break) at character 4; remove it, or use '-' or '_' between words"),
    ],
)
def test_event_problems_name_the_exact_location(
    snippet_from: str, snippet_to: str, expected: str
) -> None:
    event = EVENT.replace(snippet_from, snippet_to, 1)
    assert event != EVENT
    problems = problems_of(HEAD + event)
    assert any(p.startswith(expected) for p in problems), problems


def test_all_problems_are_reported_at_once() -> None:
    event = EVENT.replace('date = "1988-04-14"', "date = true").replace('["a"]', '["zz"]')
    problems = problems_of(HEAD + event)
    assert len(problems) == 2
    assert problems[0].startswith("events[0] (id 'e').date: expected a date string")


def test_duplicate_ids_including_unicode_lookalikes() -> None:
    twice = EVENT + EVENT.replace('id = "e"', 'id = "E"')
    assert problems_of(HEAD + twice) == [
        "events[1] (id 'E').id: duplicate id: equal to 'e' of events[0] after case folding and "
        "Unicode normalisation"]
    same = EVENT + EVENT
    assert problems_of(HEAD + same) == [
        "events[1] (id 'e').id: duplicate id, first used by events[0]"]
    nfc = EVENT.replace('id = "e"', 'id = "\u00e7"')
    nfd = EVENT.replace('id = "e"', 'id = "c\u0327"')
    problems = problems_of(HEAD + nfc + nfd)
    assert problems == ["events[1] (id 'c\\u0327').id: duplicate id: equal to '\\xe7' of "
                        "events[0] after case folding and Unicode normalisation"]


def test_person_needs_an_affiliation_that_resolves() -> None:
    person = HEAD.replace('kind = "state"', 'kind = "person"')
    assert "actors[0] (id 'a').affiliation: missing" in problems_of(person + EVENT)[0]
    dangling = HEAD.replace('kind = "state"', 'kind = "person"\naffiliation = "nobody"')
    assert problems_of(dangling + EVENT) == [
        "actors[0] (id 'a').affiliation: unknown actor 'nobody'"
    ]


def test_bad_actor_kind_and_bool_is_not_an_int() -> None:
    problems = problems_of(HEAD.replace('"state"', '"empire"') + EVENT)
    assert problems[0].startswith("actors[0] (id 'a').kind: 'empire' is not one of")
    clause = """
[[clauses]]
id = "c"
number = true
title = "C"
parties = ["a"]
signed = "1988-04-14"
summary = "S"
sources = ["s"]
"""
    problems = problems_of(HEAD + EVENT + clause)
    assert problems == ["clauses[0] (id 'c').number: expected a whole number from 1, "
                        "got a boolean (true)"]


def test_clause_references_and_provisions() -> None:
    clause = """
[[clauses]]
id = "c"
number = 1
title = "C"
parties = ["a"]
signatories = ["ghost"]
signed = "1988-04-14"
summary = "S"
sources = ["s"]

[[clauses.provisions]]
number = "I"
text = "x"

[[clauses.provisions]]
number = "I"
text = "y"
"""
    problems = problems_of(HEAD + EVENT + clause)
    assert "clauses[0] (id 'c').provisions[1].number: duplicate provision number 'I'" in problems
    assert "clauses[0] (id 'c').signatories[0]: unknown actor 'ghost'" in problems


def test_declared_tags_are_a_closed_vocabulary() -> None:
    tags = '\n[[tags]]\nid = "diplomacy"\nlabel = "Diplomacy"\n'
    event = EVENT.replace('actors = ["a"]', 'actors = ["a"]\ntags = ["diplomcy"]')
    problems = problems_of(HEAD + tags + event)
    assert problems == ["events[0] (id 'e').tags[0]: unknown tag 'diplomcy' "
                        "(did you mean 'diplomacy'?)"]


def test_unknown_top_level_table() -> None:
    problems = problems_of(HEAD + EVENT + "\n[[event]]\nid = 'x'\n")
    assert problems == ["(top level).event: unknown key (did you mean 'events'?)"]


def test_missing_required_tables() -> None:
    problems = problems_of('x = 1\n')
    assert "sources: missing; add at least one [[sources]] table" in problems
    assert "events: missing; add at least one [[events]] table" in problems


def test_huge_string_is_refused_with_its_location() -> None:
    event = EVENT.replace('summary = { en = "S", tr = "S" }',
                          'summary = { en = "' + "x" * 3_000_000 + '" }')
    problems = problems_of(HEAD + event)
    assert problems == ["events[0] (id 'e').summary.en: longer than 20000 characters"]


def test_references_take_the_spelling_of_the_record_they_name() -> None:
    # Ids compare ignoring case and normalisation; once loaded, every reference is spelled
    # as the record's own id, so views and relations can compare ids exactly.
    text = (SAMPLE.read_text(encoding="utf-8")
            .replace('affiliation = "league"', 'affiliation = "LEAGUE"')
            .replace('actors = ["north", "south"]\ntags = ["military"]',
                     'actors = ["North", "south"]\ntags = ["Military"]')
            .replace('parties = ["north", "south"]', 'parties = ["NORTH", "South"]')
            .replace('sources = ["src-a"]\n\n[[events]]\nid = "rumour"',
                     'sources = ["SRC-A"]\n\n[[events]]\nid = "rumour"'))
    dataset = dataset_of(text)
    envoy, border_war = dataset.actor("envoy"), dataset.event("border-war")
    assert envoy is not None and envoy.affiliation == "league"
    assert border_war is not None
    assert (border_war.actors, border_war.tags) == (("north", "south"), ("military",))
    assert dataset.clauses[0].parties == ("north", "south")
    assert dataset.clauses[0].relations("north") == ("party",)


def test_without_a_tag_vocabulary_the_tags_in_use_become_one() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("[[tags]]"), text.index("[[actors]]")
    text = (text[:start] + text[end:]).replace('tags = ["treaty", "diplomacy"]',
                                               'tags = ["Treaty", "DIPLOMACY"]')
    dataset = dataset_of(text)
    # First spelling wins; labels are the ids themselves.
    assert [(t.id, t.label.en) for t in dataset.tags] == [
        ("military", "military"), ("diplomacy", "diplomacy"), ("Treaty", "Treaty")]
    signed = dataset.event("treaty-signed")
    assert signed is not None and signed.tags == ("Treaty", "diplomacy")


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u00ad", "\ufeff", "\u2066",
                                       "\u3164", "\U000e0041"])
def test_ids_with_invisible_characters_are_refused(invisible: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('id = "envoy"', f'id = "env{invisible}oy"')
    problems = problems_of(text)
    code = ord(invisible)
    escaped = ascii(invisible)[1:-1]  # \xad, \u200b, \U000e0041
    assert (f"actors[2] (id 'env{escaped}oy').id: id 'env{escaped}oy' has U+{code:04X} (an "
            "invisible character) at character 4; remove it, or use '-' or '_' between words"
            in problems), problems


def test_an_empty_events_array_is_as_wrong_as_a_missing_one() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = "events = []\n" + text[:text.index("[[events]]")]
    assert problems_of(text) == ["events: empty; add at least one [[events]] table"]


CLAUSE = """
[[clauses]]
id = "c"
number = 1
title = "C"
parties = ["a"]
signed = "1988"
summary = "S"
sources = ["s"]
"""


@pytest.mark.parametrize(("text", "expected"), [
    (HEAD + EVENT.replace('actors = ["a"]', 'actors = ["a", "A"]'),
     ["events[0] (id 'e').actors[1]: 'A' is already listed as 'a'"]),
    (HEAD + EVENT.replace('actors = ["a"]', 'actors = [1, "a"]'),
     ["events[0] (id 'e').actors[0]: expected a string, got an integer (1)"]),
    (HEAD + EVENT.replace('title = { en = "T", tr = "T" }', 'title = { en = "T", tr = " " }'),
     ["events[0] (id 'e').title.tr: is empty"]),
    (HEAD.replace('"https://example.org"', '"ftp://example.org"') + EVENT,
     ["sources[0] (id 's').url: 'ftp://example.org' is not an http(s) URL"]),
    ("events = 3\n" + HEAD,
     ["events: expected an array of tables [[events]], got an integer (3)"]),
    ("events = [3]\n" + HEAD, ["events[0]: expected a table, got an integer (3)"]),
    ('[dataset]\ntitle = 5\ndescription = { en = "" }\nextra = 1\n' + HEAD + EVENT,
     ["dataset.extra: unknown key",
      'dataset.title: expected a text { en = "...", tr = "..." }, got an integer (5)',
      "dataset.description.en: is empty"]),
    (HEAD + EVENT + CLAUSE + CLAUSE.replace('"c"', '"d"').replace('"C"', '"D"'),
     ["clauses (id 'd').number: duplicate number 1, also used by 'c'"]),
    (HEAD + EVENT + CLAUSE + "provisions = 3\n",
     ["clauses[0] (id 'c').provisions: expected an array of tables, got an integer (3)"]),
], ids=["repeated-reference", "reference-not-a-string", "empty-translation", "not-a-web-url",
        "not-an-array", "not-a-table", "dataset-header", "clause-number-twice",
        "provisions-not-an-array"])
def test_more_problems_and_their_locations(text: str, expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_the_dataset_title_is_a_text() -> None:
    dataset = dataset_of('[dataset]\ntitle = { en = "T", tr = "B" }\ndescription = "D"\n'
                         + HEAD + EVENT)
    assert dataset.title is not None and (dataset.title.en, dataset.title.tr) == ("T", "B")


def test_without_a_tag_vocabulary_provisions_tags_are_known_too() -> None:
    provision = '\n[[clauses.provisions]]\nnumber = "I"\ntext = "x"\ntags = ["Treaty"]\n'
    dataset = dataset_of(HEAD + EVENT.replace('actors = ["a"]', 'actors = ["a"]\ntags = ["un"]')
                         + CLAUSE + provision)
    assert [t.id for t in dataset.tags] == ["un", "Treaty"]
    assert dataset.clauses[0].provisions[0].tags == ("Treaty",)


CITED = '''\
[dataset]
version = "2026-12-01"

[[sources]]
id = "s"
title = "T"
url = "https://example.org"
publisher = "P"
note = { en = "N", tr = "Not" }
date = "1988-04-15"
authors = ["Ann Author", "Bo Writer"]
type = "newspaper"
container = "The Times"
archived = "https://archive.example.org/t"
accessed = "2026-12-01"
''' + HEAD[HEAD.index("\n[[actors]]"):]


def test_a_source_holds_every_field_a_citation_needs() -> None:
    dataset = dataset_of(CITED + EVENT)
    source = dataset.sources[0]
    assert dataset.version == dt.date(2026, 12, 1)
    assert source.note is not None and (source.note.en, source.note.tr) == ("N", "Not")
    assert source.date is not None and source.date.start == dt.date(1988, 4, 15)
    assert source.authors == ("Ann Author", "Bo Writer")
    assert (source.type, source.container, source.archived, source.accessed) == (
        "newspaper", "The Times", "https://archive.example.org/t", dt.date(2026, 12, 1))


def test_a_source_without_the_optional_fields_has_none_of_them() -> None:
    dataset = dataset_of(HEAD + EVENT)
    source = dataset.sources[0]
    assert dataset.version is None
    assert (source.note, source.date, source.authors, source.type, source.container,
            source.archived, source.accessed) == (None, None, (), None, None, None, None)


@pytest.mark.parametrize(("line", "new", "expected"), [
    ('type = "newspaper"', 'type = "newspapr"',
     "sources[0] (id 's').type: 'newspapr' is not one of newspaper, journal, book, report, "
     "document, web (did you mean 'newspaper'?)"),
    ('type = "newspaper"', 'type = "Journal"',
     "sources[0] (id 's').type: 'Journal' is not one of newspaper, journal, book, report, "
     "document, web (did you mean 'journal'?)"),
    ('type = "newspaper"', 'type = "blog"',
     "sources[0] (id 's').type: 'blog' is not one of newspaper, journal, book, report, "
     "document, web"),
    ('authors = ["Ann Author", "Bo Writer"]', 'authors = "Ann Author"',
     "sources[0] (id 's').authors: expected a list of names such as [\"Ann Author\"], got a "
     "string"),
    ('authors = ["Ann Author", "Bo Writer"]', 'authors = ["Ann", ""]',
     "sources[0] (id 's').authors[1]: is empty"),
    ('accessed = "2026-12-01"', 'accessed = "2026-12"',
     "sources[0] (id 's').accessed: '2026-12' is not one day; write it as \"YYYY-MM-DD\""),
    ('accessed = "2026-12-01"', "accessed = 2026-12-01",
     "sources[0] (id 's').accessed: write dates as strings, e.g. \"2026-12-01\"; a TOML date "
     "cannot say 1988 or 1988-04"),
    ('date = "1988-04-15"', 'date = "1988-04-31"',
     "sources[0] (id 's').date: '1988-04-31': April 1988 has no day 31"),
    ('archived = "https://archive.example.org/t"', 'archived = "archive.example.org/t"',
     "sources[0] (id 's').archived: 'archive.example.org/t' is not an http(s) URL"),
    ('container = "The Times"', "container = 1",
     "sources[0] (id 's').container: expected a string, got an integer (1)"),
    ('note = { en = "N", tr = "Not" }', 'note = { tr = "Not" }',
     "sources[0] (id 's').note.en: missing"),
    ('container = "The Times"', 'container = "The Times"\nauthor = ["X"]',
     "sources[0] (id 's').author: unknown key (did you mean 'authors'?)"),
    ('version = "2026-12-01"', 'version = "2026~"',
     "dataset.version: '2026~' is not one day; write it as \"YYYY-MM-DD\""),
    ('version = "2026-12-01"', 'version = 3',
     "dataset.version: expected a date string such as \"1988-04-14\", got an integer (3)"),
])
def test_each_new_source_field_is_checked(line: str, new: str, expected: str) -> None:
    text = CITED.replace(line, new, 1)
    assert text != CITED
    assert problems_of(text + EVENT) == [expected]


@pytest.mark.parametrize(("identifier", "problem"), [
    ("1988", "events[0] (id '1988').id: event id '1988' has no letter, so it would be taken "
             "for a date; add a word, e.g. 'event-1988'"),
    ("04-14", "event id '04-14' has no letter"),
    ("1988-02-30", "event id '1988-02-30' has no letter"),
    ("14,april", "events[0] (id '14,april').id: event id '14,april' reads as a date, so it "
                 "would be taken for one; write it without commas, e.g. '14-april'"),
])
def test_event_ids_that_the_command_line_would_read_as_dates_are_refused(
        identifier: str, problem: str) -> None:
    # --from, --to, on and span take an event id wherever they take a date.
    found = problems_of(HEAD + EVENT.replace('id = "e"', f'id = "{identifier}"'))
    assert any(problem in p for p in found), found


def test_ids_with_digits_and_a_word_and_other_records_numbered_ids_are_fine() -> None:
    text = HEAD + EVENT.replace('id = "e"', 'id = "1988-summit"')
    assert dataset_of(text).events[0].id == "1988-summit"
    assert dataset_of(text.replace('id = "a"', 'id = "1988"').replace(
        'actors = ["a"]', 'actors = ["1988"]')).actors[0].id == "1988"


def test_an_open_interval_is_refused_without_quoting_a_fragment() -> None:
    found = problems_of(HEAD + EVENT.replace('date = "1988-04-14"', 'date = "1980-01-01/.."'))
    assert found == ["events[0] (id 'e').date: '1980-01-01/..': an interval needs both its "
                     "ends; an open end ('..') is not supported"]
