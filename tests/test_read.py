"""read.py: every way a file can fail to be read, decoded or parsed gets one line naming
the file; the deep-key guard refuses over-deep keys and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accordcli import read
from accordcli.errors import DataError
from accordcli.read import parse, parse_toml, read_bytes
from conftest import SAMPLE


def problems_of(tmp_path: Path, content: str | bytes) -> list[str]:
    """Return the problems of reading a file holding `content`."""
    path = tmp_path / "bad.toml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        parse(read_bytes(path)[0], str(path))
    assert caught.value.source == str(path)
    # After the file's name: ":LINE:COLUMN: problem" where the line is known.
    return [line[len(str(path)):] for line in caught.value.lines()]


def document_of(path: Path) -> dict[str, Any]:
    return parse(read_bytes(path)[0], str(path))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[[events]\n", ":1:9: invalid TOML"),
        ('a = 1\na = 2\n', ":2:6: invalid TOML: Cannot overwrite a value"),
        ("", "is empty"),
        ("   \n\n", "is empty"),
        (b"\xff\xfea\x00", "is UTF-16; save it as UTF-8"),
        (b'x = "caf\xe9"\n', ":1: not valid UTF-8 (byte 8: 0xe9)"),
        (b"\n\x99", ":2: not valid UTF-8"),
        ("a = " + "[" * 5000 + "]" * 5000, "invalid TOML"),
        ("a" + ".a" * 100_000 + " = 1\n", ":1: a table or key with more than 8 dotted"),
        ("x = 1\n" + "a" + ".a" * 100_000 + " = 1\n", ":2: a table or key with more"),
        ("a = " + "{b = " * 5000 + "1" + "}" * 5000, "invalid TOML"),
        ("[" + ".".join(["t"] * 5000) + "]\n", ":1: a table or key with more than 8"),
        ("".join(f"[{i}.a.b.c.d.e.f.g.h.i.j.k]\n" for i in range(40_000)), "more than 8 dotted"),
        ("x = 1\ny = { " + ".".join(["a"] * 900) + " = 1 }\n", ":2: a table or key with"),
        ('y = { b = 2, "q".' + ".".join(["a"] * 9) + " = 1 }\n", ":1: a table or key with"),
        ("x = " + "9" * 5000 + "\n", "invalid TOML: Exceeds the limit (4300 digits)"),
    ],
)
def test_unreadable_documents_get_one_line(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    problems = problems_of(tmp_path, content)
    assert len(problems) == 1 and expected in problems[0], problems


def test_up_to_eight_dotted_parts_are_parsed() -> None:
    document = parse_toml('[a.b.c.d.e.f.g.h]\n"q.r".s.t.u.v.w.x.y = 1\n', "x.toml")
    table = document["a"]["b"]["c"]["d"]["e"]["f"]["g"]["h"]
    assert table["q.r"]["s"]["t"]["u"]["v"]["w"]["x"] == {"y": 1}


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'x = "\xc3\xa7"\n')
    assert document_of(path) == {"x": "\u00e7"}


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_bytes(tmp_path / "nope.toml")
    with pytest.raises(DataError, match="is a directory"):
        read_bytes(tmp_path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (1024 * 1024 + 1))
    with pytest.raises(DataError) as caught:
        read_bytes(path)
    assert caught.value.problems == ("larger than 1 MiB",)
    path.write_bytes(b"#" * (1024 * 1024))
    assert len(read_bytes(path)[0]) == 1024 * 1024


def test_dotted_abbreviations_in_text_are_not_mistaken_for_deep_keys(tmp_path: Path) -> None:
    prose = "Dates differ, cf. U.S. D.o.S. doc. 1. and T.A.S.S. of 8.2.1988 (p. 3.4.5.6.7.8.9)."
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'summary = { en = "Only English here." }',
        f'summary = {{ en = "{prose}" }}\nnote = """\nx, a.b.c.d.e.f.g.h.i.j\n{prose}"""')
    assert prose in text
    path = tmp_path / "prose.toml"
    path.write_text(text, encoding="utf-8")
    rumour = next(e for e in document_of(path)["events"] if e["id"] == "rumour")
    assert rumour["summary"]["en"] == prose


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
    assert any(e["id"] == "rumour" for e in document_of(path)["events"])


def test_a_deep_key_after_a_string_that_looks_like_one_is_still_refused(
        tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('x = "a, 1.2.3.4.5.6.7.8.9]"\nnote = """\n1.2.3.4.5.6.7.8.9 = x\n"""\n'
                    "y = { a.b.c.d.e.f.g.h.i = 1 }\n", encoding="utf-8")
    with pytest.raises(DataError, match=":5: a table or key with more than 8 dotted"):
        document_of(path)


@pytest.mark.parametrize(("text", "line"), [
    # Up to two quotes may end a multi-line string's text before its closing three.
    ('t = {s = """x"""", a.b.c.d.e.f.g.h.i.j = 1, u = "q"}\n', 1),
    ("s = '''x'''' # ''''\n[a.a.a.a.a.a.a.a.a.k1]\nend = '''z'''\n", 2),
    ('s = "unclosed\n[a.b.c.d.e.f.g.h.i.j]\n', 2),  # a string never runs past its line
    ('x = 1\n[k."\\"".a.b.c.d.e.f.g.h]\n', 2),  # an escaped quote inside a quoted key part
])
def test_the_string_scan_keeps_its_place_so_deep_keys_cannot_hide(text: str,
                                                                   line: int) -> None:
    with pytest.raises(DataError, match=f":{line}: a table or key with more than 8"):
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
