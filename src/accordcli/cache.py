"""A derived SQLite index of a data file, so that repeated runs skip parsing and validating
TOML, and a date query reads only the events it asks for.

The index is only ever an accelerator: any problem with it (missing, stale, corrupt,
unwritable, unsafe) means it is rebuilt or bypassed, never an error, and the TOML file is
never touched. SQLite holds data only, so a crafted index cannot run code. Where indexes
live, and which files there accord trusts, is store.py's business.

Its questions: Index.dataset() (the whole dataset), Index.events_overlapping(first,
last) (a Window: some events and the whole vocabulary), and, once a search has added the
full-text tables (fts.py; add_search), Index.ranked(query, limit) and Index.records().
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from accordcli import __version__, progress, store
from accordcli.codec import (
    decode_clauses,
    decode_event,
    decode_vocabulary,
    encode_clauses,
    encode_event,
    encode_vocabulary,
)
from accordcli.model import Clause, Dataset, Event, Window

if TYPE_CHECKING:
    from accordcli.match import Query
    from accordcli.search import Origin, Searched

# An index is served only if it was written under the same rules, so one a looser loader
# let through is rebuilt, never served. INDEX_FORMAT is bumped whenever what a Dataset
# holds, what the loader accepts or what the index stores changes, even between releases
# (CHANGELOG.md and git log say what each bump was for). The release is part of the format
# too, so every release rebuilds.
INDEX_FORMAT = 10
FORMAT = f"accord-index-{INDEX_FORMAT}/{__version__}"
# The whole schema, as sqlite_master records it. An index holding anything else (a view, a
# trigger, a generated column) was not written by accord and is never queried.
_META = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_EVENTS = ("CREATE TABLE events (position INTEGER PRIMARY KEY, start INTEGER NOT NULL,"
           " finish INTEGER NOT NULL, data TEXT NOT NULL)")
_BY_START = "CREATE INDEX events_by_start ON events (start)"
_PROGRESS_STEP = 4096  # events encoded between two reports of progress
_SCHEMA = [("events", _EVENTS), ("events_by_start", _BY_START), ("meta", _META),
           ("sqlite_autoindex_meta_1", None)]
# With the full-text tables a search adds (fts.py), as SQLite 3.40 records them; another
# version's are worked out when met (_trusted), and tests/test_cache.py checks this list.
_WITH_SEARCH = sorted([
    *_SCHEMA,
    ("search", "CREATE VIRTUAL TABLE search USING fts5(title, body, content='', detail=full,"
               " tokenize='ascii')"),
    ("search_config", "CREATE TABLE 'search_config'(k PRIMARY KEY, v) WITHOUT ROWID"),
    ("search_data", "CREATE TABLE 'search_data'(id INTEGER PRIMARY KEY, block BLOB)"),
    ("search_docsize", "CREATE TABLE 'search_docsize'(id INTEGER PRIMARY KEY, sz BLOB)"),
    ("search_idx", "CREATE TABLE 'search_idx'(segid, term, pgno, PRIMARY KEY(segid, term))"
                   " WITHOUT ROWID"),
    ("search_records", "CREATE TABLE search_records (position INTEGER PRIMARY KEY, kind TEXT"
                       " NOT NULL, ref INTEGER NOT NULL, sub INTEGER NOT NULL, own INTEGER"
                       " NOT NULL, name TEXT NOT NULL)"),
    ("search_records_by_name", "CREATE INDEX search_records_by_name ON search_records (name)"),
])
# One encoder for every row: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# What reading a damaged or crafted index can raise; the caller then reads the TOML.
_UNREADABLE = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, OverflowError,
               RecursionError, MemoryError)

T = TypeVar("T")


def identity(stat: os.stat_result) -> str:
    """Return what identifies one version of a file without reading it.

    ctime changes on every write, even when size and mtime are put back as they were.
    """
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def digest(raw: bytes) -> str:
    """Return the content fingerprint of a data file."""
    import hashlib  # only needed when the file's identity changed

    return hashlib.sha256(raw).hexdigest()


class Index:
    """An open, current index of one data file; use it in a `with` block, which closes it.

    Each question returns None when the index cannot answer it (damaged or crafted).
    """

    def __init__(self, connection: sqlite3.Connection, searchable: bool = False) -> None:
        self.connection = connection
        self.searchable = searchable  # it holds the full-text tables

    def __enter__(self) -> Index:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def dataset(self) -> Dataset | None:
        """Return the whole dataset."""
        return self._answer(self._dataset)

    def events_overlapping(self, first: dt.date, last: dt.date) -> Window | None:
        """Return the events that overlap first..last (inclusive), with the vocabulary."""
        return self._answer(lambda: self._window(first, last))

    def ranked(self, query: Query, limit: int | None) -> list[tuple[Origin, bool]] | None:
        """Return the origins of the best `limit` hits of `query` (fts.ranked)."""
        if not self.searchable:
            return None
        from accordcli import fts

        return self._answer(lambda: fts.ranked(self.connection, query, limit))

    def records(self, origins: list[Origin]) -> list[Searched] | None:
        """Return the records these origins name, reading only the events among them."""
        return self._answer(lambda: self._records(origins))

    def _records(self, origins: list[Origin]) -> list[Searched]:
        from accordcli.search import record_of

        vocabulary = decode_vocabulary(json.loads(self.meta("vocabulary") or "null"))
        clauses: list[tuple[Clause, ...]] = []

        def event(position: int) -> Event:
            row = self.connection.execute("SELECT data FROM events WHERE position = ?",
                                          (position,)).fetchone()
            return decode_event(json.loads(row[0]))  # no row: a TypeError, as damage is

        def instruments() -> tuple[Clause, ...]:
            if not clauses:
                clauses.append(decode_clauses(json.loads(self.meta("clauses") or "null")))
            return clauses[0]

        return [record_of(origin, event, vocabulary.actors, instruments, vocabulary.sources)
                for origin in origins]

    def _answer(self, question: Callable[[], T]) -> T | None:
        try:
            return question()
        except _UNREADABLE:
            return None

    def _dataset(self) -> Dataset:
        vocabulary = decode_vocabulary(json.loads(self.meta("vocabulary") or "null"))
        clauses = decode_clauses(json.loads(self.meta("clauses") or "null"))
        events = self._select_events("SELECT data FROM events ORDER BY position", ())
        return Dataset(vocabulary.title, vocabulary.sources, vocabulary.tags, vocabulary.actors,
                       events, clauses, version=vocabulary.version,
                       description=vocabulary.description)

    def _window(self, first: dt.date, last: dt.date) -> Window:
        vocabulary = decode_vocabulary(json.loads(self.meta("vocabulary") or "null"))
        low, high = first.toordinal(), last.toordinal()
        longest = int(self.meta("longest") or 0)
        # Bounding start from below by the longest span keeps the index range small.
        events = self._select_events("SELECT data FROM events WHERE start BETWEEN ? AND ? AND "
                              "finish >= ? ORDER BY position", (low - longest, high, low))
        return Window(vocabulary.title, vocabulary.sources, vocabulary.tags, vocabulary.actors,
                      first, last, events, version=vocabulary.version,
                      description=vocabulary.description)

    def _select_events(self, sql: str, parameters: tuple[int, ...]) -> tuple[Event, ...]:
        rows = self.connection.execute(sql, parameters)
        return tuple(decode_event(json.loads(data)) for (data,) in rows)


def current_index(source: Path, cache_dir: Path | None) -> Index | None:
    """Return the index of `source` if it was written for this very version of the file.

    `cache_dir` is where indexes live, as Environment.cache_dir names it (store.py).
    """
    try:
        stat = source.stat()
    except OSError:
        return None  # reading the file reports the problem
    return open_index(source, stat, cache_dir)


def open_index(source: Path, stat: os.stat_result, cache_dir: Path | None,
               raw: bytes | None = None) -> Index | None:
    """Return the index of `source` in `cache_dir` if it is current, else None (never raises).

    Current means written for this identity (`stat`), or, given the file's bytes, for the
    same content (a file touched, or copied back). Only regular files have indexes: a pipe
    or a device (/dev/stdin, <(...)) has another path on each run.
    """
    if not S_ISREG(stat.st_mode):
        return None
    connection: sqlite3.Connection | None = None
    opened: tuple[int, os.stat_result] | None = None
    try:
        directory = store.private_store(cache_dir, create=False)
        path = None if directory is None else directory / store.index_name(source)
        opened = None if path is None else store.open_own_index(path)
        if path is not None and opened is not None:
            connection = sqlite3.connect(_read_only_uri(path), uri=True)
            # connect() opened the path: it must still be the file just checked.
            now = os.lstat(path)
            searchable = _trusted(connection)
            index = Index(connection, bool(searchable))
            if ((now.st_dev, now.st_ino) == (opened[1].st_dev, opened[1].st_ino)
                    and searchable is not None and index.meta("format") == FORMAT
                    and index.meta("source") == str(source.resolve())
                    and (index.meta("identity") == identity(stat)
                         or (raw is not None and index.meta("digest") == digest(raw)))):
                return index
    except (sqlite3.Error, OSError, ValueError, UnicodeError):
        pass
    finally:
        if opened is not None:
            os.close(opened[0])
    if connection is not None:
        connection.close()  # also after an error: a damaged index must not stay open
    return None


def _read_only_uri(path: Path) -> str:
    """Return a read-only SQLite URI for `path`; ?, # and % would otherwise end or escape it."""
    escaped = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


def _trusted(connection: sqlite3.Connection) -> bool | None:
    """Return False when the index holds exactly the schema accord writes, True when it
    holds that and the full-text tables a search adds (FTS5's shadow tables included), and
    None for anything else."""
    connection.execute("PRAGMA trusted_schema = OFF")
    found = connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    if found == _SCHEMA:
        return False
    if found == _WITH_SEARCH:
        return True
    from accordcli import fts  # another SQLite may write FTS5's shadow tables otherwise

    return True if found == sorted(_SCHEMA + fts.schema()) else None


def write_index(source: Path, stat: os.stat_result, raw: bytes, dataset: Dataset,
                cache_dir: Path | None, *, search: bool = False) -> None:
    """Write the index into `cache_dir` atomically (temporary file, then rename), with the
    full-text tables when `search` asks; give up silently on error."""
    if not S_ISREG(stat.st_mode):
        return
    _replace(source, cache_dir, lambda connection: _fill(
        connection, source, identity(stat), digest(raw), dataset, search))


def add_search(source: Path, index: Index, cache_dir: Path | None) -> bool:
    """Rewrite the current `index` of `source` with the full-text tables, from what it holds
    (the file is not read again); True when written.

    A search does this the first time it meets an index without them: the first run of
    any other command does not pay for indexing every text (BENCHMARKS.md).
    """
    fingerprint = index._answer(lambda: (index.meta("identity"), index.meta("digest")))
    dataset = index.dataset()
    if dataset is None or fingerprint is None or None in fingerprint:
        return False
    known, content = fingerprint
    assert known is not None and content is not None
    return _replace(source, cache_dir, lambda connection: _fill(
        connection, source, known, content, dataset, True))


def _replace(source: Path, cache_dir: Path | None,
             fill: Callable[[sqlite3.Connection], None]) -> bool:
    """Write an index of `source` by `fill` into a temporary file, and rename it into place;
    True when done."""
    temporary: str | None = None
    try:
        directory = store.private_store(cache_dir, create=True)
        if directory is None:
            return False  # no directory only the user controls: run without an index
        path = directory / store.index_name(source)
        if not store.replaceable(path):
            return False
        temporary = store.new_temporary(directory)
        connection = sqlite3.connect(temporary)
        try:
            fill(connection)
        finally:
            connection.close()
        os.replace(temporary, path)
        temporary = None
        store.prune(directory)
        return True
    except (sqlite3.Error, OSError, ValueError):
        return False
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _fill(connection: sqlite3.Connection, source: Path, known: str, content: str,
          dataset: Dataset, search: bool = False) -> None:
    # A temporary file, renamed into place only when complete: no journal or fsync needed.
    # The application id goes first: it writes the header, so even a temporary file an
    # interrupted run leaves is either empty or provably accord's.
    connection.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        f" PRAGMA application_id = {store.APPLICATION_ID}; {_META}; {_EVENTS};")
    rows: list[tuple[int, int, int, str]] = []
    longest = 0
    progress.phase(progress.INDEXING, len(dataset.events))
    for position, event in enumerate(dataset.events):
        if not position % _PROGRESS_STEP and position:
            progress.advance(_PROGRESS_STEP)
        start, finish = event.date.start.toordinal(), event.date.end.toordinal()
        longest = max(longest, finish - start)
        rows.append((position, start, finish, _ENCODE(encode_event(event))))
    connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
    connection.execute(_BY_START)
    meta: dict[str, Any] = {
        "format": FORMAT,
        "source": str(source.resolve()),
        "identity": known,
        "digest": content,
        "longest": str(longest),
        "vocabulary": _ENCODE(encode_vocabulary(dataset)),
        "clauses": _ENCODE(encode_clauses(dataset.clauses)),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
    if search:
        from accordcli import fts
        from accordcli import search as searching

        fts.fill(connection, searching.records(dataset),
                 len(dataset.events) + len(dataset.actors) + len(dataset.clauses)
                 + len(dataset.sources))
    connection.commit()
