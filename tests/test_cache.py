"""cache.py: the derived index is reused, rebuilt when the TOML changes, never trusted when
broken, and answers a date query with only the events it asks for."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import accordcli.load as loader
from accordcli import __version__, cache, read, store
from accordcli.environment import STORE_NAME
from accordcli.model import Dataset, Window
from conftest import SAMPLE, clean_env, process_cache_dir, write_data

ACCORD = str(Path(sys.executable).parent / "accord")


def _index_path(source: Path) -> Path:
    return store.index_path(source, process_cache_dir())


def load(path: Path | None, *, use_cache: bool = True) -> Dataset:
    """Load as a command does, with the cache directory of this process's environment."""
    return loader.load(path, use_cache=use_cache, cache_dir=process_cache_dir())


def events_overlapping(path: Path, first: dt.date, last: dt.date) -> Window:
    """events_overlapping as a command asks it, with this process's cache directory."""
    return loader.events_overlapping(path, first, last, cache_dir=process_cache_dir())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "events.toml", SAMPLE.read_bytes())


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return where indexes live: accord's own directory in ACCORD_CACHE_DIR."""
    where = tmp_path / "cache"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(where))
    return where / STORE_NAME


def test_first_load_writes_an_index_that_later_loads_use(data: Path, cache_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(data)
    index = _index_path(data)
    assert index.exists() and index.parent == cache_dir
    calls = _parses(monkeypatch)
    assert load(data) == first  # from the index: the TOML is not parsed again
    assert calls == []


def test_the_index_answers_a_date_query_with_only_its_events(data: Path,
                                                             cache_dir: Path) -> None:
    dataset = load(data)
    index = cache.current_index(data, process_cache_dir())
    assert index is not None
    with index:
        assert index.dataset() == dataset
        # "1988-05-15/1989-02-15" began before the window and is still running in it.
        found = index.events_overlapping(dt.date(1989, 1, 1), dt.date(1989, 1, 31))
        assert found is not None and [e.id for e in found.events] == ["withdrawal"]
        found = index.events_overlapping(dt.date(1991, 1, 1), dt.date(1991, 1, 1))
        assert found is not None and found.events == ()
        assert (found.title, found.tags, found.actors) == (dataset.title, dataset.tags,
                                                           dataset.actors)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        index.connection.execute("SELECT 1")


def test_changed_file_with_same_size_and_mtime_is_reparsed(data: Path, cache_dir: Path) -> None:
    assert load(data).event("withdrawal").title.en == "Withdrawal"  # type: ignore[union-attr]
    before = data.stat()
    text = data.read_text(encoding="utf-8").replace('"Withdrawal"', '"Withdrawn!"')
    assert len(text.encode()) == before.st_size
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert data.stat().st_size == before.st_size
    assert data.stat().st_mtime_ns == before.st_mtime_ns
    assert load(data).event("withdrawal").title.en == "Withdrawn!"  # type: ignore[union-attr]


def test_invalid_change_is_reported_not_hidden_by_the_index(data: Path, cache_dir: Path) -> None:
    from accordcli.errors import DataError

    load(data)
    data.write_text(data.read_text(encoding="utf-8").replace('"1982-06"', '"1982-13"'),
                    encoding="utf-8")
    with pytest.raises(DataError, match="month 13"):
        load(data)


def test_corrupt_index_is_rebuilt(data: Path, cache_dir: Path) -> None:
    expected = load(data)
    index = _index_path(data)
    index.write_bytes(b"this is not sqlite" * 100)
    assert load(data) == expected
    with open(index, "rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"


def test_an_index_that_cannot_be_read_is_closed_not_left_open(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(data)
    index = _index_path(data)
    # accord's header, so SQLite is asked to open it, then garbage.
    index.write_bytes(index.read_bytes()[:100] + b"this is not sqlite" * 300)
    opened: list[sqlite3.Connection] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(real_connect(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr("accordcli.cache.sqlite3.connect", connect)
    assert cache.open_index(data, data.stat(), process_cache_dir(), data.read_bytes()) is None
    assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")


def test_a_touched_file_with_the_same_content_reuses_its_index(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(data)
    later = data.stat().st_mtime_ns + 5_000_000_000
    os.utime(data, ns=(later, later))  # new identity, same bytes: a checkout, a copy back
    calls = _parses(monkeypatch)
    assert load(data) == first
    assert calls == []
    # Filed under the new identity:
    assert cache.current_index(data, process_cache_dir()) is not None


def test_crafted_index_with_wrong_contents_is_ignored(data: Path, cache_dir: Path) -> None:
    expected = load(data)
    index = _index_path(data)
    connection = sqlite3.connect(index)
    connection.execute("UPDATE meta SET value = 'accord-index-0' WHERE key = 'format'")
    connection.commit()
    connection.close()
    assert load(data) == expected
    for key in ("vocabulary", "clauses"):
        connection = sqlite3.connect(index)
        connection.execute("DELETE FROM meta WHERE key = ?", (key,))
        connection.commit()
        connection.close()
        assert load(data) == expected  # a damaged index is bypassed and rebuilt


def test_read_only_cache_directory_means_no_index(data: Path, cache_dir: Path) -> None:
    given = cache_dir.parent  # ACCORD_CACHE_DIR
    if os.geteuid() == 0:
        # root ignores permission bits: make the "directory" a file instead.
        given.parent.mkdir(exist_ok=True)
        given.write_text("not a directory")
    else:
        given.mkdir()
        given.chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert load(data).event("withdrawal") is not None
    assert load(data).event("withdrawal") is not None


def test_no_cache_and_validate_never_write_an_index(data: Path, cache_dir: Path) -> None:
    given = cache_dir.parent
    env = clean_env(ACCORD_CACHE_DIR=str(given))
    for args in (["timeline", "--no-cache", "--data", str(data)], ["validate", str(data)]):
        result = subprocess.run([ACCORD, *args], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
    assert not given.exists() or not any(given.iterdir())


def test_data_file_is_never_modified(data: Path, cache_dir: Path) -> None:
    before = (data.read_bytes(), data.stat().st_mtime_ns)
    load(data)
    load(data)
    assert (data.read_bytes(), data.stat().st_mtime_ns) == before


def test_eight_concurrent_first_runs_all_answer_correctly(data: Path, cache_dir: Path) -> None:
    env = clean_env(ACCORD_CACHE_DIR=str(cache_dir.parent))
    expected = subprocess.run([ACCORD, "timeline", "--json", "--no-cache", "--data", str(data)],
                              capture_output=True, text=True, env=env).stdout

    def run_once(_: int) -> tuple[int, str, str]:
        result = subprocess.run([ACCORD, "timeline", "--json", "--data", str(data)],
                                capture_output=True, text=True, env=env)
        return result.returncode, result.stdout, result.stderr

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run_once, range(8)))
    assert all(r == (0, expected, "") for r in results), results
    assert json.loads(expected)
    leftovers = [p.name for p in cache_dir.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []
    assert len(list(cache_dir.glob("*.sqlite"))) == 1


def _tamper(index: Path, *statements: str) -> None:
    connection = sqlite3.connect(index)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each TOML parse, so a test can tell an index read from a bypass."""
    calls: list[str] = []
    real = read.parse_toml

    def parse_toml(text: str, name: str) -> dict[str, Any]:
        calls.append("parsed")
        return real(text, name)

    monkeypatch.setattr(read, "parse_toml", parse_toml)
    return calls


@pytest.mark.parametrize("statements", [
    # An event row nested past the recursion limit.
    ["UPDATE events SET data = '" + "[" * 100_000 + "]" * 100_000 + "'"],
    # A precision no view knows, and a title that is a number.
    ["UPDATE events SET data = json_replace(data, '$[1][3]', 'fortnight')"],
    ["UPDATE events SET data = json_replace(data, '$[2]', 42)"],
    # Anything beyond accord's own schema: a trigger, a view.
    ["CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"],
    ["CREATE VIEW v AS SELECT 1"],
], ids=["deep-json", "bad-precision", "bad-type", "trigger", "view"])
def test_an_index_with_bad_contents_is_bypassed_and_rebuilt(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        statements: list[str]) -> None:
    expected = load(data)
    first, last = dt.date(1988, 1, 1), dt.date(1988, 12, 31)
    window = events_overlapping(data, first, last)
    _tamper(_index_path(data), *statements)
    calls = _parses(monkeypatch)
    assert events_overlapping(data, first, last) == window
    assert calls == ["parsed"]
    _tamper(_index_path(data), *statements)
    assert load(data) == expected
    assert calls == ["parsed", "parsed"]
    assert load(data) == expected  # the rebuilt index is used again
    assert events_overlapping(data, first, last) == window
    assert calls == ["parsed", "parsed"]


def test_an_index_whose_meta_is_an_endless_view_is_not_queried(data: Path,
                                                               cache_dir: Path) -> None:
    load(data)
    _tamper(_index_path(data), "DROP TABLE meta",
            "CREATE VIEW meta AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
            " SELECT 'key' || n AS key, n AS value FROM r")  # never the key asked for
    ran = subprocess.run([ACCORD, "timeline", "--json", "--data", str(data)],
                         capture_output=True, text=True, timeout=20,
                         env=clean_env(ACCORD_CACHE_DIR=str(cache_dir.parent)))
    assert ran.returncode == 0 and ran.stderr == ""
    assert json.loads(ran.stdout)[0]["id"] == "border-war"


def test_an_index_owned_by_someone_else_is_not_trusted(data: Path, cache_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load(data)
    owner = _index_path(data).stat().st_uid
    # Seen by another user: the index (and the directory) are not theirs.
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    calls = _parses(monkeypatch)
    assert load(data) == expected
    assert calls == ["parsed"]


@pytest.mark.parametrize("name", ["c#x", "c?x", "c%41x", "c x"])
def test_cache_directories_with_uri_characters_work(tmp_path: Path, data: Path, name: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    where = tmp_path / "caches" / name
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(where))
    expected = load(data)
    calls = _parses(monkeypatch)
    assert load(data) == expected
    assert calls == []  # read back from the index
    assert sorted(p.name for p in (tmp_path / "caches").iterdir()) == [name]  # nothing stray


def test_a_pipe_as_data_file_leaves_no_index(cache_dir: Path) -> None:
    given = cache_dir.parent
    env = clean_env(ACCORD_CACHE_DIR=str(given))
    for _ in range(2):
        ran = subprocess.run([ACCORD, "timeline", "--json", "--data", "/dev/stdin"],
                             input=SAMPLE.read_text(encoding="utf-8"), capture_output=True,
                             text=True, env=env)
        assert ran.returncode == 0, ran.stderr
        assert json.loads(ran.stdout)[0]["id"] == "border-war"
    assert not given.exists() or not list(given.iterdir())


def test_writing_an_index_prunes_its_own_stale_indexes_and_leftovers(
        tmp_path: Path, data: Path, cache_dir: Path) -> None:
    day = 24 * 3600
    other = tmp_path / "other.toml"
    shutil.copy(SAMPLE, other)
    load(other)
    written = _index_path(other).read_bytes()  # an index accord wrote
    _index_path(other).unlink()

    def plant(name: str, content: bytes, age: float) -> Path:
        path = cache_dir / name
        path.write_bytes(content)
        os.utime(path, (path.stat().st_atime - age, path.stat().st_mtime - age))
        return path

    gone = [plant("0123456789abcdef.sqlite", written, 61 * day),  # not rewritten for 60 days
            plant(".tmp-0123456789abcdef.sqlite", b"", 2 * day),  # interrupted before a byte
            plant(".tmp-fedcba9876543210.sqlite", written, 2 * day)]  # interrupted later
    kept = [plant("fedcba9876543210.sqlite", written, 59 * day),
            plant(".tmp-aaaaaaaaaaaaaaaa.sqlite", b"", 0.5 * day),
            plant("notes.txt", b"x", 100 * day)]
    load(data)  # writes the index of `data`, then prunes
    assert _index_path(data).exists()
    assert [p.name for p in gone if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []


def test_an_index_written_by_another_release_is_rebuilt(data: Path, cache_dir: Path) -> None:
    """The release is part of the format, which an index must match to be used at all."""
    assert cache.FORMAT.endswith("/" + __version__)
    load(data)
    connection = sqlite3.connect(_index_path(data))
    connection.execute("UPDATE meta SET value = ? WHERE key = 'format'",
                       (cache.FORMAT.replace(__version__, "0.0.9"),))
    connection.commit()
    connection.close()
    assert cache.open_index(data, data.stat(), process_cache_dir()) is None


@pytest.mark.parametrize("written_under", [
    # This release as 0.1.0 shipped it, before ids were checked more tightly.
    f"accord-index-2/{__version__}",
    # The format before this one.
    f"accord-index-{cache.INDEX_FORMAT - 1}/{__version__}",
    # A later format of the same release, as a development build might leave.
    f"accord-index-{cache.INDEX_FORMAT + 1}/{__version__}",
])
def test_an_index_written_under_other_rules_is_rebuilt_not_served(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        written_under: str) -> None:
    """The index follows the loader: a format mismatch, even in one release, rebuilds."""
    format_number, release = cache.FORMAT.removeprefix("accord-index-").split("/")
    assert (int(format_number), release) == (cache.INDEX_FORMAT, __version__)
    expected = load(data)
    _tamper(_index_path(data),
            f"UPDATE meta SET value = '{written_under}' WHERE key = 'format'",
            "UPDATE events SET data = replace(data, 'Withdrawal', 'Looser')")
    assert cache.open_index(data, data.stat(), process_cache_dir(), data.read_bytes()) is None
    calls = _parses(monkeypatch)
    assert load(data) == expected
    assert load(data) == expected  # rebuilt, then served
    assert calls == ["parsed"]
    assert cache.Index(_connect(_index_path(data))).meta("format") == cache.FORMAT


def test_an_index_without_accords_application_id_is_rebuilt_not_served(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As 0.1.0 wrote them, or any SQLite file under an index's name."""
    expected = load(data)
    _tamper(_index_path(data), "PRAGMA application_id = 0",
            "UPDATE events SET data = replace(data, 'Withdrawal', 'Unproven')")
    calls = _parses(monkeypatch)
    assert load(data) == expected
    assert calls == ["parsed"]
    with open(_index_path(data), "rb") as handle:
        assert handle.read(72)[68:] == b"acrd"  # rebuilt by accord


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# The full-text tables a search adds (fts.py) ----------------------------------------------

def _find(data: Path | None, text: str, *, use_cache: bool = True,
          limit: int | None = None) -> list[Any]:
    from accordcli.match import parse_query
    from accordcli.search import find

    return find(data, parse_query(text), "en", limit=limit, use_cache=use_cache,
                cache_dir=process_cache_dir())


def _searchable(data: Path) -> bool | None:
    index = cache.current_index(data, process_cache_dir())
    if index is None:
        return None
    with index:
        return index.searchable


@pytest.mark.parametrize("query", ["talks", "the", '"indirect talks"', "cekil", "north", "xq"])
def test_the_first_search_adds_the_full_text_tables_and_answers_the_same(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    expected = _find(data, query, use_cache=False)
    load(data)  # a first run: an index without the full-text tables
    assert _searchable(data) is False
    calls = _parses(monkeypatch)
    assert _find(data, query) == expected  # the tables are added from the index ...
    assert calls == [] and _searchable(data) is True  # ... without reading the TOML
    assert _find(data, query) == expected
    assert _find(data, query, limit=1) == expected[:1]
    assert load(data) == load(data, use_cache=False)  # the index still answers the rest


def test_a_search_with_an_empty_cache_writes_the_index_with_its_tables(
        data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _find(data, "talks", use_cache=False)
    calls = _parses(monkeypatch)
    assert _find(data, "talks") == expected
    assert calls == ["parsed"] and _searchable(data) is True
    assert _find(data, "talks") == expected and calls == ["parsed"]


def test_the_trust_check_accepts_fts5_shadow_tables_and_nothing_more(
        data: Path, cache_dir: Path) -> None:
    _find(data, "talks")
    connection = sqlite3.connect(_index_path(data))
    names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert {"search", "search_data", "search_idx", "search_config", "search_docsize",
            "search_records"} <= names
    assert _searchable(data) is True
    _tamper(_index_path(data), "CREATE TRIGGER t AFTER INSERT ON search_records BEGIN "
            "SELECT 1; END")
    assert _searchable(data) is None  # not what accord writes: never queried


@pytest.mark.parametrize("statements", [
    ["DELETE FROM search_records"],
    ["UPDATE search_records SET ref = 9999"],
    ["UPDATE search_records SET kind = 'nothing'"],
    ["DELETE FROM search_data"],
], ids=["no-records", "bad-ref", "bad-kind", "no-fts-data"])
def test_damaged_full_text_tables_give_the_same_answers(data: Path, cache_dir: Path,
                                                        statements: list[str]) -> None:
    expected = _find(data, "the", use_cache=False)
    assert _find(data, "the") == expected
    _tamper(_index_path(data), *statements)
    found = _find(data, "the")
    # Either the damage hides hits (an index is an accelerator: a rebuild restores them)
    # or the data in memory answers; never an error, never a wrong record.
    assert found == expected or all(hit in expected for hit in found)


def test_without_an_index_the_data_in_memory_gives_the_same_answers(data: Path,
                                                                     cache_dir: Path) -> None:
    for query in ("talks", "the", "troops withdraw", "un", '"peace"'):
        assert _find(data, query) == _find(data, query, use_cache=False)
    assert not cache_dir.exists() or _searchable(data) is not None


def test_the_schema_with_full_text_tables_is_what_this_sqlite_writes() -> None:
    from accordcli import fts

    if sqlite3.sqlite_version_info[:2] == (3, 40):  # the version _WITH_SEARCH spells out
        assert sorted(cache._SCHEMA + fts.schema()) == cache._WITH_SEARCH
    assert [name for name, _ in fts.schema()] == sorted(
        name for name, _ in cache._WITH_SEARCH if name not in dict(cache._SCHEMA))
