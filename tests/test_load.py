"""The loader: valid files load; each kind of broken file is reported at its exact location."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accordcli import load as loader
from accordcli.errors import DataError
from accordcli.load import build, decode, load, parse_toml
from conftest import SAMPLE


@pytest.fixture(autouse=True)
def _no_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every test here writes a file and reads it at once, with nothing else writing it:
    # waiting for it to settle (tests/test_load_race.py) would only cost ~50 ms a read.
    monkeypatch.setattr(loader, "SETTLE_NS", 0)

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


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "bad.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.source == str(path)
    return list(caught.value.problems)


def test_sample_loads_in_file_order() -> None:
    dataset = load(SAMPLE)
    assert [e.id for e in dataset.events][:2] == ["border-war", "talks-open"]
    assert len(dataset.actors) == 4
    assert [c.number for c in dataset.clauses] == [1, 2]
    assert dataset.event("TALKS-OPEN") is dataset.event("talks-open")  # ids compare folded
    assert dataset.actor("envoy").affiliation == "league"  # type: ignore[union-attr]


def test_minimal_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(HEAD + EVENT, encoding="utf-8")
    dataset = load(path)
    assert dataset.events[0].date.start == dt.date(1988, 4, 14)
    assert dataset.clauses == ()


def test_plain_string_text_is_english_only(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(HEAD + EVENT.replace('{ en = "T", tr = "T" }', '"Only English"'),
                    encoding="utf-8")
    event = load(path).events[0]
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
    tmp_path: Path, snippet_from: str, snippet_to: str, expected: str
) -> None:
    event = EVENT.replace(snippet_from, snippet_to, 1)
    assert event != EVENT
    problems = problems_of(tmp_path, HEAD + event)
    assert any(p.startswith(expected) for p in problems), problems


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    event = EVENT.replace('date = "1988-04-14"', "date = true").replace('["a"]', '["zz"]')
    problems = problems_of(tmp_path, HEAD + event)
    assert len(problems) == 2
    assert problems[0].startswith("events[0] (id 'e').date: expected a date string")


def test_duplicate_ids_including_unicode_lookalikes(tmp_path: Path) -> None:
    twice = EVENT + EVENT.replace('id = "e"', 'id = "E"')
    assert problems_of(tmp_path, HEAD + twice) == [
        "events[1] (id 'E').id: duplicate id: equal to 'e' of events[0] after case folding and "
        "Unicode normalisation"]
    same = EVENT + EVENT
    assert problems_of(tmp_path, HEAD + same) == [
        "events[1] (id 'e').id: duplicate id, first used by events[0]"]
    nfc = EVENT.replace('id = "e"', 'id = "\u00e7"')
    nfd = EVENT.replace('id = "e"', 'id = "c\u0327"')
    problems = problems_of(tmp_path, HEAD + nfc + nfd)
    assert problems == ["events[1] (id 'c\\u0327').id: duplicate id: equal to '\\xe7' of "
                        "events[0] after case folding and Unicode normalisation"]


def test_person_needs_an_affiliation_that_resolves(tmp_path: Path) -> None:
    person = HEAD.replace('kind = "state"', 'kind = "person"')
    assert "actors[0] (id 'a').affiliation: missing" in problems_of(tmp_path, person + EVENT)[0]
    dangling = HEAD.replace('kind = "state"', 'kind = "person"\naffiliation = "nobody"')
    assert problems_of(tmp_path, dangling + EVENT) == [
        "actors[0] (id 'a').affiliation: unknown actor 'nobody'"
    ]


def test_bad_actor_kind_and_bool_is_not_an_int(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, HEAD.replace('"state"', '"empire"') + EVENT)
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
    problems = problems_of(tmp_path, HEAD + EVENT + clause)
    assert problems == ["clauses[0] (id 'c').number: expected a whole number from 1, "
                        "got a boolean (true)"]


def test_clause_references_and_provisions(tmp_path: Path) -> None:
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
    problems = problems_of(tmp_path, HEAD + EVENT + clause)
    assert "clauses[0] (id 'c').provisions[1].number: duplicate provision number 'I'" in problems
    assert "clauses[0] (id 'c').signatories[0]: unknown actor 'ghost'" in problems


def test_declared_tags_are_a_closed_vocabulary(tmp_path: Path) -> None:
    tags = '\n[[tags]]\nid = "diplomacy"\nlabel = "Diplomacy"\n'
    event = EVENT.replace('actors = ["a"]', 'actors = ["a"]\ntags = ["diplomcy"]')
    problems = problems_of(tmp_path, HEAD + tags + event)
    assert problems == ["events[0] (id 'e').tags[0]: unknown tag 'diplomcy' "
                        "(did you mean 'diplomacy'?)"]


def test_unknown_top_level_table(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, HEAD + EVENT + "\n[[event]]\nid = 'x'\n")
    assert problems == ["(top level).event: unknown key (did you mean 'events'?)"]


def test_missing_required_tables(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, 'x = 1\n')
    assert "sources: missing; add at least one [[sources]] table" in problems
    assert "events: missing; add at least one [[events]] table" in problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[[events]\n", "line 1, column 9: invalid TOML"),
        ('a = 1\na = 2\n', "line 2, column 6: invalid TOML: Cannot overwrite a value"),
        ("", "is empty"),
        ("   \n\n", "is empty"),
        (b"\xff\xfea\x00", "is UTF-16; save it as UTF-8"),
        (b'x = "caf\xe9"\n', "line 1: not valid UTF-8 (byte 8: 0xe9)"),
        (b"\n\x99", "line 2: not valid UTF-8"),
        ("a = " + "[" * 5000 + "]" * 5000, "invalid TOML"),
        ("a" + ".a" * 100_000 + " = 1\n", "line 1: a table or key with more than 8 dotted"),
        ("x = 1\n" + "a" + ".a" * 100_000 + " = 1\n", "line 2: a table or key with more"),
        ("a = " + "{b = " * 5000 + "1" + "}" * 5000, "invalid TOML"),
        ("[" + ".".join(["t"] * 5000) + "]\n", "line 1: a table or key with more than 8"),
        ("".join(f"[{i}.a.b.c.d.e.f.g.h.i.j.k]\n" for i in range(40_000)), "more than 8 dotted"),
        ("x = 1\ny = { " + ".".join(["a"] * 900) + " = 1 }\n", "line 2: a table or key with"),
        ('y = { b = 2, "q".' + ".".join(["a"] * 9) + " = 1 }\n", "line 1: a table or key with"),
        ("x = " + "9" * 5000 + "\n", "invalid TOML: Exceeds the limit (4300 digits)"),
    ],
)
def test_unreadable_documents_get_one_line(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    problems = problems_of(tmp_path, content)
    assert len(problems) == 1 and expected in problems[0], problems


def test_up_to_eight_dotted_parts_are_parsed(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, '[a.b.c.d.e.f.g.h]\n"q.r".s.t.u.v.w.x.y = 1\n')
    assert problems[0] == "(top level).a: unknown key"


def test_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + EVENT).encode())
    assert load(path).events[0].id == "e"


def test_missing_file_directory_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load(tmp_path / "nope.toml")
    with pytest.raises(DataError, match="is a directory"):
        load(tmp_path)


def test_huge_string_is_refused_with_its_location(tmp_path: Path) -> None:
    event = EVENT.replace('summary = { en = "S", tr = "S" }',
                          'summary = { en = "' + "x" * 3_000_000 + '" }')
    problems = problems_of(tmp_path, HEAD + event)
    assert problems == ["events[0] (id 'e').summary.en: longer than 20000 characters"]


def test_loader_never_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(HEAD + EVENT, encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_dataset_or_a_data_error(raw: bytes) -> None:
    try:
        build(parse_toml(decode(raw, "fuzz"), "fuzz"), "fuzz")
    except DataError as err:
        assert err.problems


def test_dotted_abbreviations_in_text_are_not_mistaken_for_deep_keys(tmp_path: Path) -> None:
    prose = "Dates differ, cf. U.S. D.o.S. doc. 1. and T.A.S.S. of 8.2.1988 (p. 3.4.5.6.7.8.9)."
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'summary = { en = "Only English here." }',
        f'summary = {{ en = "{prose}" }}\nnote = """\nx, a.b.c.d.e.f.g.h.i.j\n{prose}"""')
    assert prose in text
    path = tmp_path / "prose.toml"
    path.write_text(text, encoding="utf-8")
    event = load(path, use_cache=False).event("rumour")
    assert event is not None and event.summary.en == prose


@pytest.mark.parametrize("text", [
    'summary = { en = "Paragraphs [5, 1.2.3.4.5.6.7.8.9] of the MoU" }',
    'summary = { en = "Said \\"a, 1.2.3.4.5.6.7.8.9 = b\\" twice" }',
    'summary = { en = "Multi" }\nnote = """\n1.2.3.4.5.6.7.8.9 = not a key\n"""',
    "summary = { en = \"Literal\" }\nnote = '''\n[a.b.c.d.e.f.g.h.i]\n'''",
    'summary = { en = "Commented" } # see [x, 1.2.3.4.5.6.7.8.9]',
])
def test_deep_dotted_text_inside_strings_and_comments_is_not_a_key(tmp_path: Path,
                                                                   text: str) -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    assert 'summary = { en = "Only English here." }' in source
    path = tmp_path / "prose.toml"
    path.write_text(source.replace('summary = { en = "Only English here." }', text),
                    encoding="utf-8")
    assert load(path, use_cache=False).event("rumour") is not None


def test_a_deep_key_after_a_string_that_looks_like_one_is_still_refused(
        tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('x = "a, 1.2.3.4.5.6.7.8.9]"\nnote = """\n1.2.3.4.5.6.7.8.9 = x\n"""\n'
                    "y = { a.b.c.d.e.f.g.h.i = 1 }\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 5: a table or key with more than 8 dotted"):
        load(path, use_cache=False)


@pytest.mark.parametrize(("text", "line"), [
    # Up to two quotes may end a multi-line string's text before its closing three.
    ('t = {s = """x"""", a.b.c.d.e.f.g.h.i.j = 1, u = "q"}\n', 1),
    ("s = '''x'''' # ''''\n[a.a.a.a.a.a.a.a.a.k1]\nend = '''z'''\n", 2),
    ('s = "unclosed\n[a.b.c.d.e.f.g.h.i.j]\n', 2),  # a string never runs past its line
    ('x = 1\n[k."\\"".a.b.c.d.e.f.g.h]\n', 2),  # an escaped quote inside a quoted key part
])
def test_the_string_scan_keeps_its_place_so_deep_keys_cannot_hide(text: str,
                                                                   line: int) -> None:
    with pytest.raises(DataError, match=f"line {line}: a table or key with more than 8"):
        parse_toml(text, "x.toml")


def test_a_comment_after_a_string_ending_in_extra_quotes_is_a_comment() -> None:
    text = 'title = """He said "hi""""  # see "note", a.b.c.d.e.f.g.h.i.j = 1\n'
    assert parse_toml(text, "x.toml") == {"title": 'He said "hi"'}


# Text full of what the pre-scan looks for: dots, commas, brackets, "=", quotes, "#", and
# whole deep keys or headers, which inside a string or comment are prose.
_BAIT = st.sampled_from([", a.b.c.d.e.f.g.h.i = 1", "\n[a.b.c.d.e.f.g.h.i]\n",
                         "{a.b.c.d.e.f.g.h.i = 1}", '"', "'", '""', "''", "\\"])
_PROSE = st.lists(st.one_of(st.text(alphabet=st.sampled_from(list("ab1.,[]={} #\"'\\\n")),
                                    max_size=12), _BAIT), max_size=5).map("".join)


def _basic(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _multiline_basic(text: str) -> str:
    # Quotes stay raw, as people write them, but never three in a row ("" may even end the
    # text, right before the closing three).
    out, run = [], 0
    for char in text.replace("\\", "\\\\"):
        run = run + 1 if char == '"' else 0
        out.append('\\"' if run == 3 else char)
        run = 0 if run == 3 else run
    return '"""' + "".join(out) + '"""'


TRIPLE = "'" * 3  # a multi-line literal string's quotes


def _literal(text: str) -> str | None:
    return None if "'" in text or "\n" in text else f"'{text}'"


def _multiline_literal(text: str) -> str | None:
    return None if TRIPLE in text else TRIPLE + text + TRIPLE


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([_basic, _multiline_basic, _literal,
                                           _multiline_literal]),
                          _PROSE, st.booleans()), min_size=1, max_size=6))
def test_any_string_or_comment_text_in_valid_toml_is_never_a_deep_key(
        values: list[tuple[Callable[[str], str | None], str, bool]]) -> None:
    """No false positives: whatever valid strings and comments hold, a file whose keys have
    three parts parses, and to what was written."""
    lines, expected = [], {}
    for number, (quote, text, comment) in enumerate(values):
        written = quote(text)
        if written is None:
            continue
        note = text.splitlines()[0] if comment and text.strip() else ""
        lines.append(f"k{number}.a.b = {written}" + (f"  # {note}" if note else ""))
        # TOML drops the newline that starts a multi-line string.
        multiline = written.startswith(('"""', TRIPLE))
        expected[f"k{number}"] = text[1:] if multiline and text.startswith("\n") else text
    assume(lines)
    parsed = parse_toml("\n".join(lines) + "\n", "prop.toml")
    assert {key: parsed[key]["a"]["b"] for key in parsed} == expected

def test_references_take_the_spelling_of_the_record_they_name(tmp_path: Path) -> None:
    # Ids compare ignoring case and normalisation; once loaded, every reference is spelled
    # as the record's own id, so views and relations can compare ids exactly.
    text = (SAMPLE.read_text(encoding="utf-8")
            .replace('affiliation = "league"', 'affiliation = "LEAGUE"')
            .replace('actors = ["north", "south"]\ntags = ["military"]',
                     'actors = ["North", "south"]\ntags = ["Military"]')
            .replace('parties = ["north", "south"]', 'parties = ["NORTH", "South"]')
            .replace('sources = ["src-a"]\n\n[[events]]\nid = "rumour"',
                     'sources = ["SRC-A"]\n\n[[events]]\nid = "rumour"'))
    path = tmp_path / "cased.toml"
    path.write_text(text, encoding="utf-8")
    dataset = load(path, use_cache=False)
    envoy, border_war = dataset.actor("envoy"), dataset.event("border-war")
    assert envoy is not None and envoy.affiliation == "league"
    assert border_war is not None
    assert (border_war.actors, border_war.tags) == (("north", "south"), ("military",))
    assert dataset.clauses[0].parties == ("north", "south")
    assert dataset.clauses[0].relations("north") == ("party",)


def test_without_a_tag_vocabulary_the_tags_in_use_become_one(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("[[tags]]"), text.index("[[actors]]")
    text = (text[:start] + text[end:]).replace('tags = ["treaty", "diplomacy"]',
                                               'tags = ["Treaty", "DIPLOMACY"]')
    path = tmp_path / "open.toml"
    path.write_text(text, encoding="utf-8")
    dataset = load(path, use_cache=False)
    # First spelling wins; labels are the ids themselves.
    assert [(t.id, t.label.en) for t in dataset.tags] == [
        ("military", "military"), ("diplomacy", "diplomacy"), ("Treaty", "Treaty")]
    signed = dataset.event("treaty-signed")
    assert signed is not None and signed.tags == ("Treaty", "diplomacy")


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u00ad", "\ufeff", "\u2066",
                                       "\u3164", "\U000e0041"])
def test_ids_with_invisible_characters_are_refused(tmp_path: Path, invisible: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('id = "envoy"', f'id = "env{invisible}oy"')
    problems = problems_of(tmp_path, text)
    code = ord(invisible)
    escaped = ascii(invisible)[1:-1]  # \xad, \u200b, \U000e0041
    assert (f"actors[2] (id 'env{escaped}oy').id: id 'env{escaped}oy' has U+{code:04X} (an "
            "invisible character) at character 4; remove it, or use '-' or '_' between words"
            in problems), problems


def test_an_empty_events_array_is_as_wrong_as_a_missing_one(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = "events = []\n" + text[:text.index("[[events]]")]
    assert problems_of(tmp_path, text) == ["events: empty; add at least one [[events]] table"]
