"""sources.py and the `sources`, `source` and `validate` commands: who cites what, which
record --for names, what nothing cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accordcli.errors import NotFound, UsageError
from accordcli.load import load
from accordcli.model import Dataset
from accordcli.read import parse_toml
from accordcli.sources import record, require_source, select, unused_actors, uses, warnings
from accordcli.validate import build
from conftest import SAMPLE, Run, write_data

S = str(SAMPLE)
README = Path(__file__).parent.parent / "README.md"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def with_extra(text: str) -> Dataset:
    """Return the sample with `text` added at its end."""
    return build(parse_toml(SAMPLE.read_text(encoding="utf-8") + text, "x"), "x")


def test_each_source_knows_what_cites_it_in_file_order(sample: Dataset) -> None:
    found = {u.source.id: [(c.kind, c.id) for c in u.cited_by] for u in uses(sample)}
    assert found == {
        "src-a": [("event", "border-war"), ("event", "talks-open"), ("event", "treaty-signed"),
                  ("event", "withdrawal"), ("actor", "north"), ("actor", "south"),
                  ("clause", "peace")],
        "src-b": [("event", "talks-open"), ("event", "leap-day"), ("event", "rumour"),
                  ("actor", "envoy"), ("actor", "league"), ("clause", "guarantee")],
    }


@pytest.mark.parametrize(("wanted", "kind", "found"), [
    ("talks-open", "event", "talks-open"), ("TALKS-open", "event", "talks-open"),
    ("envoy", "actor", "envoy"), ("2", "clause", "guarantee"), ("II", "clause", "guarantee"),
    ("peace", "clause", "peace"), ("event:talks-open", "event", "talks-open"),
    ("actor:league", "actor", "league"), ("clause:1", "clause", "peace"),
    ("Clause:IV", None, None),
])
def test_for_names_an_event_an_actor_or_an_instrument(sample: Dataset, wanted: str,
                                                      kind: str | None,
                                                      found: str | None) -> None:
    if found is None:
        with pytest.raises(NotFound, match="no instrument numbered 4"):
            record(sample, wanted)
        return
    assert record(sample, wanted).id == found


def test_an_id_two_kinds_share_is_a_usage_error_naming_both() -> None:
    dataset = with_extra('\n[[events]]\nid = "league"\ndate = "1990"\ntitle = "L"\n'
                         'summary = "S"\nsources = ["src-a"]\n')
    with pytest.raises(UsageError) as caught:
        record(dataset, "league")
    assert str(caught.value) == ("--for: 'league' names records of more than one kind "
                                 "(event, actor); write event:league, actor:league to "
                                 "choose one")
    assert record(dataset, "actor:league").id == "league"
    assert [u.source.id for u in select(dataset, cited_by="event:league")] == ["src-a"]


def test_an_unknown_record_suggests_ids_of_every_kind(sample: Dataset) -> None:
    with pytest.raises(NotFound) as caught:
        record(sample, "leage")
    assert str(caught.value) == ("no event, actor or instrument with id 'leage'; did you "
                                 "mean 'league', 'peace'?")
    with pytest.raises(NotFound, match="no actor with id 'talks-open'"):
        record(sample, "actor:talks-open")


def test_select_filters_by_record_publisher_and_use(sample: Dataset) -> None:
    assert [u.source.id for u in select(sample, cited_by="talks-open")] == ["src-a", "src-b"]
    assert [u.source.id for u in select(sample, cited_by="league")] == ["src-b"]
    assert [u.source.id for u in select(sample, publisher="ARCHIVE")] == ["src-b"]
    assert [u.source.id for u in select(sample, publisher="exámple")] == ["src-a", "src-b"]
    assert select(sample, unused=True) == []
    with pytest.raises(UsageError):
        select(sample, publisher=" ")


def test_unused_sources_and_actors_are_warnings() -> None:
    dataset = with_extra('\n[[sources]]\nid = "src-c"\ntitle = "C"\nurl = "https://c.org"\n'
                         'publisher = "C"\n\n[[actors]]\nid = "idle"\nkind = "group"\n'
                         'name = "Idle"\nrole = "None"\nsources = ["src-c"]\n')
    assert [u.source.id for u in select(dataset, unused=True)] == []  # the idle actor cites it
    assert [a.id for a in unused_actors(dataset)] == ["idle"]
    assert [str(w.said()) for w in warnings(dataset)] == [
        "actors[4] (id 'idle'): no event, instrument or actor names this actor"]
    lonely = with_extra('\n[[sources]]\nid = "src-c"\ntitle = "C"\nurl = "https://c.org"\n'
                        'publisher = "C"\n')
    assert [u.source.id for u in select(lonely, unused=True)] == ["src-c"]
    assert [str(w.said()) for w in warnings(lonely)] == [
        "sources[2] (id 'src-c'): no event, actor or instrument cites this source"]


def test_validate_warns_and_still_succeeds(run: Run, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + (
        '\n[[sources]]\nid = "src-c"\ntitle = "C"\nurl = "https://c.org"\npublisher = "C"\n')
    path = write_data(tmp_path / "unused.toml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0 and "valid" in result.stdout
    line = text.splitlines().index("[[sources]]", 150) + 1  # the table's own line
    assert result.stderr == (f"accord: warning: {path}:{line}: sources[2] (id 'src-c'): no "
                             "event, actor or instrument cites this source\n")
    # In JSON, warnings are problems of severity "warning" in a valid file, on stdout only.
    result = run("validate", str(path), "--json")
    report = json.loads(result.stdout)
    assert (result.exit_code, result.stderr, report["valid"]) == (0, "", True)
    assert report["problems"] == [{
        "file": str(path), "line": line, "column": None,
        "location": "sources[2] (id 'src-c')", "severity": "warning",
        "message": "no event, actor or instrument cites this source"}]
    clean = run("validate", S)
    assert (clean.exit_code, clean.stderr) == (0, "")


def test_source_unknown_id_is_exit_1_with_suggestions(run: Run) -> None:
    result = run("source", "src-c", "--data", S)
    assert result.exit_code == 1
    assert result.stderr == ("accord: error: no source with id 'src-c'; did you mean 'src-b', "
                             "'src-a'?\n")
    assert run("source", "SRC-A", "--data", S, "--json").exit_code == 0


def test_sources_for_ambiguous_is_exit_2_and_unknown_exit_1(run: Run, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + (
        '\n[[events]]\nid = "league"\ndate = "1990"\ntitle = "L"\nsummary = "S"\n'
        'sources = ["src-a"]\n')
    path = str(write_data(tmp_path / "twice.toml", text))
    result = run("sources", "--for", "league", "--data", path)
    assert result.exit_code == 2 and "write event:league, actor:league" in result.stderr
    result = run("sources", "--for", "actor:league", "--data", path, "--json")
    assert [s["id"] for s in json.loads(result.stdout)] == ["src-b"]
    assert run("sources", "--for", "nothing", "--data", path).exit_code == 1


def test_require_source_gives_its_citations(sample: Dataset) -> None:
    use = require_source(sample, "src-b")
    assert use.source.publisher == "Example Archive" and len(use.cited_by) == 6


def readme_example(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    return write_data(tmp_path / "example.toml", text)


def test_sources_work_on_the_readme_example(run: Run, tmp_path: Path) -> None:
    path = str(readme_example(tmp_path))
    listed = json.loads(run("sources", "--data", path, "--json").stdout)
    assert [(s["id"], s["citation_count"]) for s in listed] == [
        ("un-ungomap", 5), ("latimes-1988-04-14", 1)]
    one = json.loads(run("source", "latimes-1988-04-14", "--data", path, "--json").stdout)
    assert one["cited_by"] == [{"kind": "event", "id": "gorbachev-statement",
                                "title": "Gorbachev announces the withdrawal",
                                "date": "1988-02-08"}]
    assert one["type"] == "newspaper" and one["dataset_version"] == "2026-12-05"
    for_event = run("sources", "--for", "gorbachev-statement", "--data", path)
    assert for_event.stdout.splitlines()[1].startswith("latimes-1988-04-14\t")
    assert run("sources", "--for", "2", "--data", path).stdout.startswith("un-ungomap\t")
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (0, "")


def test_the_shipped_sources_list_and_show(run: Run) -> None:
    listed = json.loads(run("sources", "--json").stdout)
    assert len(listed) > 100 and all(s["citation_count"] >= 0 for s in listed)
    ids = {s["id"] for s in listed}
    for_accords = json.loads(run("sources", "--for", "accords-signed", "--json").stdout)
    assert for_accords and {s["id"] for s in for_accords} <= ids
    by_number = json.loads(run("sources", "--for", "IV", "--json").stdout)
    assert by_number and {s["id"] for s in by_number} <= ids
    shown = run("source", for_accords[0]["id"])
    assert shown.exit_code == 0 and "accords-signed" in shown.stdout


def test_detail_views_name_their_sources_by_title(run: Run) -> None:
    for args in (["event", "talks-open"], ["clauses", "1"], ["actor", "north"]):
        out = run(*args, "--data", S).stdout
        assert "A test source (Example Press, 15 April 1988) https://example.org/a" in out, args
        markdown = run(*args, "--data", S, "--format", "markdown").stdout
        assert "A test source (Example Press, 15 April 1988) <https://example.org/a>" in markdown
        assert markdown.endswith("<!-- Written by accord 0.1.0 from the dataset of "
                                 "2026-12-01 -->\n")


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "(The Christian Science Monitor, 11 February 1983 (uncertain))"),
    ("tr", "(The Christian Science Monitor, 11 Şubat 1983 (kesin değil))"),
])
def test_a_cited_source_dates_in_words_never_in_edtf(run: Run, lang: str, said: str) -> None:
    # A source's date reads as a citation writes it, in words, its qualifier said (as
    # event dates read in prose); never EDTF ("1983-02-11?"), not even escaped in Markdown.
    for fmt in ("table", "markdown"):
        out = run("event", "draft-1983", "--lang", lang, "--format", fmt).stdout
        assert said in out and "1983-02-11?" not in out and "1988-04\\?" not in out, fmt
    detail = run("source", "dawn-text", "--lang", lang, "--format", "markdown").stdout
    assert "1988-04?" not in detail and ("April 1988" in detail or "Nisan 1988" in detail)


def test_the_shipped_data_validates_with_no_warnings(run: Run) -> None:
    result = run("validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert warnings(load(use_cache=False)) == []


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown", "bibtex",
                                 "csl-json", "ris"])
def test_hostile_source_text_is_inert_in_every_format(run: Run, fmt: str) -> None:
    hostile = str(Path(__file__).parent / "data" / "hostile.toml")
    # `source` shows what `sources` lists, and more: its citing records' titles too.
    for args in (["source", "s"],):
        result = run(*args, "--data", hostile, "--format", fmt)
        assert result.exit_code == 0, result.output
        out = result.stdout_bytes
        assert b"\x1b" not in out and b"\x07" not in out and b"\xc2\x9b" not in out, fmt


@pytest.mark.parametrize(("words", "found"), [
    ("test source", ["src-a", "src-b"]),  # the titles
    ("archive", ["src-b"]),  # the publisher
    ("bo writer", ["src-a"]),  # an author
    ("src-b", ["src-b"]),  # the id itself
])
def test_search_finds_sources_by_title_publisher_and_authors(sample: Dataset, words: str,
                                                               found: list[str]) -> None:
    from accordcli.search import search

    hits = [h for h in search(sample, words, "en") if h.kind == "source"]
    assert [h.id for h in hits] == found


def test_a_source_hit_reads_the_same_in_every_language(run: Run) -> None:
    result = run("search", "writer", "--data", S, "--lang", "tr", "--json")
    assert json.loads(result.stdout) == [{
        "kind": "source", "id": "src-a", "title": "A test source", "date": "1988-04-15",
        "match": "text", "text": "Example Press", "snippet": "Bo Writer",
        "snippet_lang": "tr"}]
    # As published, in no language of the data's own: never marked as another language's.
    lines = run("search", "writer", "--data", S, "--lang", "tr").stdout
    assert lines == "kaynak\tsrc-a\t1988-04-15\tA test source\tBo Writer\n"


def test_the_index_finds_sources_as_the_data_in_memory_does(run: Run) -> None:
    # The first search writes the full-text tables, the second answers from them.
    first, second, uncached = (run("search", "test source", "--data", S, "--json", *extra)
                               for extra in ((), (), ("--no-cache",)))
    assert first.stdout == second.stdout == uncached.stdout
    assert [h["id"] for h in json.loads(second.stdout) if h["kind"] == "source"] == [
        "src-a", "src-b"]


def test_the_readme_shows_the_bibtex_its_example_gives(run: Run, tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    shown = readme.split("  ```bibtex\n", 1)[1].split("  ```\n", 1)[0]
    path = str(readme_example(tmp_path))
    written = run("source", "latimes-1988-04-14", "--data", path, "--format", "bibtex").stdout
    assert shown == "".join("  " + line if line.strip() else line
                            for line in written.splitlines(keepends=True))
