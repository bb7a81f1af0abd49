"""The bibliography formats: BibTeX that real parsers read back as written, CSL-JSON items
with the fields Pandoc and Zotero use, RIS records; hostile text stays text."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string as bibtexparser_parse
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import BibliographyData, parse_string
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from accordcli.environment import Environment
from accordcli.render.bibtex import tex
from accordcli.render.citing import key
from accordcli.render.records_more import SourceEntry, SourceRecord
from accordcli.render.registry import render
from accordcli.render.views import Listing
from conftest import SAMPLE, Run, write_data

S = str(SAMPLE)
HOSTILE = ("Lone { and } and }{ back\\slash 100% & #1 snake_case ~tilde^ $5 "
           "@misc{x, \"quoted\" a--b ``q'' ?` <less> |bar| "
           "Çekilme İstanbul Gorbaçov ığüşöç Ødegaard Łódź Москва 日本 ‘it’s’ “so” – — …")


def _kernel_decoder() -> LatexNodes2Text:
    """pylatexenc, taught the LaTeX kernel's text commands it lacks (\\textbraceleft ...)."""
    context = get_default_latex_context_db()
    context.add_context_category("kernel-text", prepend=True, macros=[
        MacroTextSpec(name, simplify_repl=text) for name, text in (
            ("textbraceleft", "{"), ("textbraceright", "}"), ("textasciicircum", "^"),
            ("textasciitilde", "~"), ("textbackslash", "\\"), ("textless", "<"),
            ("textgreater", ">"), ("textbar", "|"))])
    return LatexNodes2Text(latex_context=context)


DECODER = _kernel_decoder()
# TeX's typographic forms read back as the characters they print.
_PRINTED = str.maketrans({"‘": "`", "’": "'"})


def printed(text: str) -> str:
    """Return what TeX prints for the text as accord writes it (typographic quotes alike)."""
    return text.translate(_PRINTED)


def source(**fields: Any) -> SourceRecord:
    base: dict[str, Any] = {"id": "s", "title": "T", "url": "https://example.org",
                            "publisher": "P"}
    return SourceRecord(**{**base, **fields})


def bib(*records: SourceRecord, edition: str | None = "2026-12-01") -> str:
    listing = Listing(tuple(SourceEntry(r, 1) for r in records), _shape(), edition=edition)
    out = render(listing, "bibtex", Environment())
    assert isinstance(out, bytes)
    return out.decode("utf-8")


def _shape() -> Any:
    from accordcli.render.records_more import SOURCES
    return SOURCES


def pybtex_read(text: str) -> BibliographyData:
    return parse_string(text, "bibtex")


def bibtexparser_read(text: str, decode: bool) -> dict[str, dict[str, str]]:
    middleware = [LatexDecodingMiddleware(decoder=DECODER)] if decode else []
    library = bibtexparser_parse(text, append_middleware=middleware)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: {"ENTRYTYPE": e.entry_type, **{f.key: f.value for f in e.fields}}
            for e in library.entries}


def test_the_sample_sources_in_bibtex_parse_with_both_parsers(run: Run) -> None:
    result = run("sources", "--data", S, "--format", "bibtex")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("% Written by accord ") and "dataset of 2026-12-01" in text
    data = pybtex_read(text)
    assert list(data.entries) == ["src-a", "src-b"]
    a, b = data.entries["src-a"], data.entries["src-b"]
    assert a.type == "article" and b.type == "misc"
    assert [str(p) for p in a.persons["author"]] == ["{Ann Author}", "{Bo Writer}"]
    assert a.fields["journal"] == "The Example Times"
    assert (a.fields["year"], a.fields["month"], a.fields["date"]) == ("1988", "April",
                                                                       "1988-04-15")
    assert a.fields["url"] == "https://example.org/a"
    assert b.fields["howpublished"] == r"\url{https://example.org/b}"
    parsed = bibtexparser_read(text, decode=True)
    assert parsed["src-a"]["title"] == "A test source"
    assert parsed["src-a"]["urldate"] == "2026-12-01"
    assert "https://archive.example.org/a" in parsed["src-a"]["note"]


@pytest.mark.parametrize(("kind", "entry", "publisher_field"), [
    ("newspaper", "article", "journal"), ("journal", "article", "journal"),
    ("book", "book", "publisher"), ("report", "techreport", "institution"),
    ("document", "techreport", "institution"), ("web", "misc", "howpublished"),
    (None, "misc", "howpublished"),
])
def test_entry_types_follow_source_types(kind: str | None, entry: str,
                                         publisher_field: str) -> None:
    record = source(type=kind, container="The Paper" if kind in ("journal", "newspaper")
                    else None, accessed="2026-12-01")
    found = pybtex_read(bib(record)).entries["s"]
    assert found.type == entry
    assert publisher_field in found.fields
    if kind == "journal":
        assert found.fields["journal"] == "The Paper"
    assert ("entrysubtype" in found.fields) == (kind == "newspaper")
    if kind == "web":
        assert "Accessed 2026-12-01" in found.fields["note"]
        assert found.fields["howpublished"] == r"\url{https://example.org}"


def test_hostile_text_reads_back_as_written_and_ends_no_field_early() -> None:
    record = source(title=HOSTILE, publisher="Pub { & } Co", note="see } there",
                    authors=("Maley, William", "United Nations and Friends", "{Brace"),
                    url="https://example.org/a b{c}?q=1%20&x#f", date="1988-04~",
                    archived="https://arch.example.org/x", type="web",
                    accessed="2026-12-01")
    text = bib(record, source(id="after", title="The entry after"))
    data = pybtex_read(text)
    assert list(data.entries) == ["s", "after"]  # nothing swallowed the next entry
    entry = data.entries["s"]
    assert entry.fields["url"] == "https://example.org/a%20b%7Bc%7D?q=1%20&x#f"
    assert entry.fields["date"] == "1988-04~"
    assert [str(p) for p in entry.persons["author"]] == [
        "Maley, William", "{United Nations and Friends}", "{\\textbraceleft{}Brace}"]
    decoded = bibtexparser_read(text, decode=True)["s"]
    assert decoded["title"] == printed(HOSTILE)
    assert decoded["publisher"] == "Pub { & } Co"
    assert decoded["annote"] == "see } there"
    assert bibtexparser_read(text, decode=False)["after"]["title"] == "{The entry after}"


# Every character a title may hold that TeX or BibTeX reads specially, and letters of
# several scripts; white space as one space (a field is one line).
TITLE_CHARACTERS = st.sampled_from(list(
    "aZ09 .,;:!?()[]{}\\%&#_~^$@\"<>|=+*/-`'" "çğıİöşüÇĞÖŞÜéèñøåłßæœ" "Мосва日本"))


@settings(max_examples=60, deadline=None)
@given(st.text(TITLE_CHARACTERS, min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_title_reads_back_exactly(title: str) -> None:
    text = bib(source(title=title), source(id="next"))
    assert list(pybtex_read(text).entries) == ["s", "next"]
    decoded = bibtexparser_read(text, decode=True)["s"]["title"]
    # A title is one line, its runs of spaces one space, in every bibliography format.
    assert decoded.strip() == " ".join(unicodedata.normalize("NFC", title).split())


def test_control_and_invisible_characters_are_left_out() -> None:
    text = bib(source(title="a\x1b[2J\u202eb\nc\td"))
    assert "\x1b" not in text and "\u202e" not in text
    assert bibtexparser_read(text, decode=True)["s"]["title"] == "ab c d"


HOSTILE_SOURCE = source(
    id="a/b", title="Book \x1b[31mred\x1b[0m  and\u2028more\x07", type="newspaper",
    container="The \u202eRTL\u202c Times", publisher="Pub\x9b2J", note="see\x00 it",
    authors=("Maley,\u200f William",), date="1983?")


def _three(record: SourceRecord) -> tuple[Any, dict[str, Any], dict[str, list[str]]]:
    """Return one source as pybtex reads its BibTeX, its CSL-JSON item and its RIS tags."""
    listing = Listing((SourceEntry(record, 1),), _shape())
    entry = pybtex_read(bib(record)).entries
    (item,) = json.loads(render(listing, "csl-json", Environment()))
    written = render(listing, "ris", Environment())
    assert isinstance(written, bytes)
    ris: dict[str, list[str]] = {}
    for line in written.decode().split("\r\n"):
        if line[:2].strip():
            ris.setdefault(line[:2], []).append(line[6:])
    return entry, item, ris


def test_every_bibliography_writes_the_same_text_without_controls_or_bidi() -> None:
    entries, item, ris = _three(HOSTILE_SOURCE)
    (entry,) = entries.values()
    title, container = "Book red and more", "The RTL Times"
    assert entry.fields["title"] == "{" + title + "}" and item["title"] == title
    assert ris["TI"] == [title]
    assert entry.fields["journal"] == item["container-title"] == container
    assert ris["T2"] == [container]
    assert entry.fields["publisher"] == item["publisher"] == ris["PB"][0] == "Pub"
    assert entry.fields["annote"] == "see it" and ris["N1"][0] == "see it"
    assert item["note"].startswith("see it\n")
    assert str(entry.persons["author"][0]) == "Maley, William"
    assert item["author"] == [{"family": "Maley", "given": "William"}]
    assert ris["AU"] == ["Maley, William"]


@pytest.mark.parametrize("identifier", ["a/b", "A+B", "ab%", "e=mc", "çağ-kaynak", "plain"])
def test_every_bibliography_cites_a_source_by_the_same_key(identifier: str) -> None:
    entries, item, ris = _three(source(id=identifier))
    (cite_key,) = entries
    assert cite_key == item["id"] == ris["ID"][0] == key(identifier)
    assert (cite_key == identifier) == (identifier == "plain")


def test_a_newspaper_without_container_has_no_journal_title() -> None:
    entries, item, ris = _three(source(type="newspaper", publisher="Pub"))
    assert "journal" not in entries["s"].fields and "container-title" not in item
    assert "T2" not in ris and ris["PB"] == ["Pub"] and item["publisher"] == "Pub"


def test_an_uncertain_date_is_no_circa_and_each_format_says_it() -> None:
    entries, item, ris = _three(source(date="1983?"))
    assert item["issued"] == {"date-parts": [[1983]]}
    assert item["note"] == "Date of publication uncertain: 1983"
    assert ris["DA"] == ["1983///"]
    assert ris["N1"] == ["Date of publication uncertain: 1983"]
    assert entries["s"].fields["date"] == "1983?"  # biblatex reads EDTF's qualifier
    _, item, ris = _three(source(date="1988-04~"))
    assert item["issued"] == {"date-parts": [[1988, 4]], "circa": True}
    assert "note" not in item
    assert ris["N1"] == ["Date of publication approximate: 1988-04"]


def test_keys_are_the_ids_when_plain_and_stable_and_unique_otherwise() -> None:
    assert key("accords-text") == "accords-text"
    assert key("un:s/20465") == key("un:s/20465")  # a hash of the id: the same every run
    assert key("un:s/20465").startswith("un:s-20465-")
    assert key("çekilme").startswith("cekilme-")
    assert len({key("a/b"), key("a+b"), key("a-b"), key("a b")}) == 4
    text = bib(source(id="a/b"), source(id="a+b"), source(id="Ab"), source(id="日本"))
    keys = list(pybtex_read(text).entries)
    assert len(keys) == 4 and all(k.isascii() for k in keys)


def test_tex_escapes_what_tex_reads_specially() -> None:
    assert tex("50% & #1 a_b $x ~ ^ \\ { }") == (
        r"50\% \& \#1 a\_b \$x \textasciitilde{} \textasciicircum{} \textbackslash{} "
        r"\textbraceleft{} \textbraceright{}")
    assert tex("Gorbaçov İstanbul ı") == r"Gorba{\c{c}}ov {\.{I}}stanbul {\i}"
    assert tex("a--b") == "a-{}-b"


def test_the_dataset_cites_itself(run: Run) -> None:
    result = run("sources", "--self", "--data", S, "--format", "bibtex")
    assert result.exit_code == 0, result.output
    entry = pybtex_read(result.stdout).entries["dataset"]
    assert entry.type == "misc"
    assert (entry.fields["title"], entry.fields["version"]) == ("{Sample timeline}",
                                                                "2026-12-01")
    # A user's dataset: described by its own [dataset], never as accord's contributors' work.
    assert "author" not in entry.persons and "accord" not in result.stdout.split("\n", 1)[1]
    shipped = run("sources", "--self", "--format", "bibtex")
    ours = pybtex_read(shipped.stdout).entries["accord-dataset"]
    assert [str(p) for p in ours.persons["author"]] == ["{accord contributors}"]
    assert ours.fields["note"].startswith("Dataset of accord ")
    mixed = run("sources", "--self", "--unused", "--data", S)
    assert mixed.exit_code == 2 and "--self" in mixed.stderr
    csl = json.loads(run("sources", "--self", "--data", S, "--format", "csl-json").stdout)
    assert csl[0]["type"] == "dataset" and csl[0]["issued"] == {"date-parts": [[2026, 12, 1]]}


CSL_TYPES = {"newspaper": "article-newspaper", "journal": "article-journal", "book": "book",
             "report": "report", "document": "report", "web": "webpage"}


def test_csl_json_items_carry_what_pandoc_and_zotero_read(run: Run) -> None:
    items = json.loads(run("sources", "--data", S, "--format", "csl-json").stdout)
    assert [i["id"] for i in items] == ["src-a", "src-b"]
    a, b = items
    assert a == {
        "id": "src-a", "type": "article-newspaper", "title": "A test source",
        "author": [{"literal": "Ann Author"}, {"literal": "Bo Writer"}],
        "container-title": "The Example Times", "publisher": "Example Press",
        "issued": {"date-parts": [[1988, 4, 15]]}, "URL": "https://example.org/a",
        "accessed": {"date-parts": [[2026, 12, 1]]},
        "note": "The second edition.\nArchived copy: https://archive.example.org/a"}
    assert b == {"id": "src-b", "type": "document", "title": "Another test source",
                 "publisher": "Example Archive", "URL": "https://example.org/b"}


@pytest.mark.parametrize(("kind", "expected"), list(CSL_TYPES.items()))
def test_csl_types_and_dates(kind: str, expected: str) -> None:
    from accordcli.render.csl_json import item

    found = item(source(type=kind, date="1979~/1990-05", authors=("Maley, William",)), "en")
    assert found["type"] == expected
    assert found["issued"] == {"date-parts": [[1979], [1990, 5]], "circa": True}
    assert found["author"] == [{"family": "Maley", "given": "William"}]


def test_ris_has_one_record_per_source(run: Run, tmp_path: Path) -> None:
    # The bytes: the runner's text turns the specification's CRLF into LF.
    text = run("sources", "--data", S, "--format", "ris").stdout_bytes.decode()
    lines = text.split("\r\n")
    assert sum(line.startswith("TY  - ") for line in lines) == 2
    assert sum(line == "ER  - " for line in lines) == 2
    assert lines[:3] == ["TY  - NEWS", "ID  - src-a", "TI  - A test source"]
    assert {"AU  - Ann Author", "T2  - The Example Times", "PY  - 1988", "DA  - 1988/04/15/",
            "UR  - https://example.org/a", "Y2  - 2026/12/01"} <= set(lines)
    one = run("source", "src-b", "--data", S, "--format", "ris").stdout_bytes.decode()
    assert one.split("\r\n")[0] == "TY  - GEN" and one.count("ER  - ") == 1


@pytest.mark.parametrize(("kind", "tag"), [("newspaper", "NEWS"), ("journal", "JOUR"),
                                           ("book", "BOOK"), ("report", "RPRT"),
                                           ("document", "RPRT"), ("web", "ELEC")])
def test_ris_types(kind: str, tag: str) -> None:
    from accordcli.render.ris import record

    said = record(source(type=kind, title="Two\nlines"), "en")
    assert said.startswith(f"TY  - {tag}\r\n") and "TI  - Two lines\r\n" in said


def test_every_bibliography_of_the_shipped_data_parses(run: Run) -> None:
    bibtex = run("sources", "--format", "bibtex").stdout
    entries = pybtex_read(bibtex).entries
    ids = [s["id"] for s in json.loads(run("sources", "--json").stdout)]
    assert len(entries) == len(ids) == len(bibtexparser_read(bibtex, decode=True))
    csl = json.loads(run("sources", "--format", "csl-json").stdout)
    assert [i["id"] for i in csl] == ids and all(i["title"] and i["type"] for i in csl)
    ris = run("sources", "--format", "ris").stdout_bytes.decode()
    assert ris.count("\r\nER  - \r\n") == len(ids)


def test_a_file_whose_sources_have_no_new_fields_cites_them_too(run: Run,
                                                                 tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("note = { en = \"The second"), text.index("[[sources]]", 200)
    plain = write_data(tmp_path / "plain.toml", text[:start] + "\n" + text[end:])
    for fmt in ("bibtex", "csl-json", "ris"):
        result = run("sources", "--data", str(plain), "--format", fmt)
        assert result.exit_code == 0 and "src-a" in result.stdout, (fmt, result.output)
    assert list(pybtex_read(run("sources", "--data", str(plain), "--format",
                                "bibtex").stdout).entries) == ["src-a", "src-b"]


def test_bibliographies_are_only_for_sources(run: Run) -> None:
    result = run("timeline", "--data", S, "--format", "bibtex")
    assert result.exit_code == 2 and "bibtex" in result.stderr


def test_citation_cff_names_this_release() -> None:
    import yaml  # pybtex's dependency

    from accordcli import __version__

    cff = yaml.safe_load((Path(__file__).parent.parent / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == __version__
    assert cff["title"] and cff["message"] and cff["authors"][0]["name"]
    assert cff["references"][0]["type"] == "data"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_bibtex_and_the_csl_json_alike(run: Run, tmp_path: Path) -> None:
    bib = tmp_path / "sources.bib"
    bib.write_bytes(run("sources", "--data", S, "--format", "bibtex").stdout_bytes)
    read = subprocess.run(["pandoc", str(bib), "-f", "biblatex", "-t", "csljson"],
                          capture_output=True, check=True, text=True)
    from_bibtex = {item["id"]: item for item in json.loads(read.stdout)}
    ours = {item["id"]: item for item in
            json.loads(run("sources", "--data", S, "--format", "csl-json").stdout)}
    assert from_bibtex.keys() == ours.keys()
    for field in ("type", "title", "issued", "URL", "accessed", "container-title"):
        assert from_bibtex["src-a"].get(field) == ours["src-a"].get(field), field
