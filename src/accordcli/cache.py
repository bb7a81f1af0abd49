"""A derived SQLite index of a data file, so repeated runs skip parsing and validating TOML.

The index is only ever an accelerator: any problem with it (missing, stale, corrupt,
unwritable) means it is rebuilt or bypassed, never an error, and the TOML file is never
touched. SQLite holds data only, so a crafted index file cannot run code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import sys
import zlib
from pathlib import Path
from typing import Any

from accordcli import __version__
from accordcli.codec import decode_dataset, decode_event, encode_event, encode_reference
from accordcli.model import Dataset

# Bumped whenever what a Dataset holds changes (2: references in one spelling, tags in use
# as the vocabulary of a file without [[tags]]), so older indexes are rebuilt, not misread.
# The version is part of it too: a release whose loader checks more must not be served data
# that an older one let through.
FORMAT = f"accord-index-2/{__version__}"
# The whole schema, as sqlite_master records it. An index holding anything else (a view, a
# trigger, a generated column) was not written by accord and is never queried.
_META = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_EVENTS = ("CREATE TABLE events (position INTEGER PRIMARY KEY, start INTEGER NOT NULL,"
           " finish INTEGER NOT NULL, data TEXT NOT NULL)")
_BY_START = "CREATE INDEX events_by_start ON events (start)"
_SCHEMA = [("events", _EVENTS), ("events_by_start", _BY_START), ("meta", _META),
           ("sqlite_autoindex_meta_1", None)]
# One encoder for every row: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def cache_dir() -> Path:
    """Return where indexes live: ACCORD_CACHE_DIR, else the user's cache directory."""
    configured = os.environ.get("ACCORD_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(_plain_xdg_cache_dir() or _platformdirs_cache_dir())


def _plain_xdg_cache_dir() -> str | None:
    """Return the user cache directory on desktop Linux when the XDG rule is unambiguous.

    Importing platformdirs costs ~3.4 ms, 6% of every start (tests/test_cache.py checks that
    this agrees with it). Every other case (another system, Android, a relative HOME, root
    redirection...) gets None and is left to platformdirs.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            "ANDROID_DATA" in os.environ or "ANDROID_ROOT" in os.environ):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "accord")
    home = os.environ.get("HOME", "")
    return os.path.join(home, ".cache", "accord") if home.startswith("/") else None


def _platformdirs_cache_dir() -> str:
    import platformdirs

    return platformdirs.user_cache_dir("accord", appauthor=False)


def identity(stat: os.stat_result) -> str:
    """Return what identifies one version of a file without reading it.

    ctime changes on every write, even when size and mtime are put back as they were.
    """
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def digest(raw: bytes) -> str:
    """Return the content fingerprint of a data file."""
    import hashlib  # only needed when the file's identity changed

    return hashlib.sha256(raw).hexdigest()


def index_path(source: Path) -> Path:
    """Return the index file for a data file (one per resolved path).

    Two checksums make a name; a clash would only cost a rebuild, because the index
    records its source path and is ignored for any other file.
    """
    resolved = str(source.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / f"{zlib.crc32(resolved):08x}{zlib.adler32(resolved):08x}.sqlite"


class Index:
    """An open, current index of one data file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def dataset(self, window: tuple[dt.date, dt.date] | None = None) -> Dataset | None:
        """Return the dataset (with a window, only events overlapping it); None if unreadable."""
        try:
            return self._dataset(window)
        except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, OverflowError,
                RecursionError, MemoryError):
            return None  # a damaged or crafted index: the caller parses the TOML instead
        finally:
            self.connection.close()

    def _dataset(self, window: tuple[dt.date, dt.date] | None) -> Dataset:
        reference = json.loads(self.meta("reference") or "null")
        if window is None:
            rows = self.connection.execute("SELECT data FROM events ORDER BY position")
        else:
            first, last = (d.toordinal() for d in window)
            longest = int(self.meta("longest") or 0)
            # Bounding start from below by the longest span keeps the index range small.
            rows = self.connection.execute(
                "SELECT data FROM events WHERE start BETWEEN ? AND ? AND finish >= ? "
                "ORDER BY position", (first - longest, last, first))
        events = [decode_event(json.loads(data)) for (data,) in rows]
        return decode_dataset(reference, events)


def _read_only_uri(path: Path) -> str:
    """Return a read-only SQLite URI for `path`; ?, # and % would otherwise end or escape it."""
    escaped = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


def _trusted(path: Path, connection: sqlite3.Connection) -> bool:
    """True when the index is the user's own and holds exactly the schema accord writes."""
    getuid = getattr(os, "getuid", None)
    if getuid is not None and os.stat(path).st_uid != getuid():
        return False  # planted in a shared cache directory by someone else
    connection.execute("PRAGMA trusted_schema = OFF")
    found = connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    return found == _SCHEMA


def open_index(source: Path, stat: os.stat_result, raw: bytes | None = None) -> Index | None:
    """Return the index of `source` if it is current, else None (never raises)."""
    connection: sqlite3.Connection | None = None
    try:
        path = index_path(source)
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
        index = Index(connection)
        if (_trusted(path, connection) and index.meta("format") == FORMAT
                and index.meta("source") == str(source.resolve())):
            if index.meta("identity") == identity(stat):
                return index
            if raw is not None and index.meta("digest") == digest(raw):
                return index  # touched or copied, same content
    except (sqlite3.Error, OSError, ValueError, UnicodeError):
        pass
    if connection is not None:
        connection.close()  # also after an error: a damaged index must not stay open
    return None


def write_index(source: Path, stat: os.stat_result, raw: bytes, dataset: Dataset) -> None:
    """Write the index atomically (temporary file, then rename); give up silently on error."""
    temporary: str | None = None
    try:
        path = index_path(source)
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=path.parent)
        os.close(handle)
        connection = sqlite3.connect(temporary)
        try:
            _fill(connection, source, stat, raw, dataset)
        finally:
            connection.close()
        os.replace(temporary, path)
        temporary = None
        _prune(path.parent)
    except (sqlite3.Error, OSError, ValueError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# Indexes of files that moved, were deleted or came from elsewhere would pile up forever.
# One not rewritten for this long is removed (it costs one re-parse if still wanted), and
# so is a temporary file that an interrupted run left behind.
STALE_INDEX_SECONDS = 60 * 24 * 3600
STALE_TEMPORARY_SECONDS = 24 * 3600


def _prune(directory: Path) -> None:
    """Remove stale indexes and leftover temporary files; called after each index write."""
    import time

    now = time.time()
    with os.scandir(directory) as entries:
        for entry in entries:
            if not entry.name.endswith(".sqlite") or not entry.is_file(follow_symlinks=False):
                continue
            limit = (STALE_TEMPORARY_SECONDS if entry.name.startswith(".tmp-")
                     else STALE_INDEX_SECONDS)
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > limit:
                    os.unlink(entry.path)


def _fill(connection: sqlite3.Connection, source: Path, stat: os.stat_result, raw: bytes,
          dataset: Dataset) -> None:
    # A temporary file, renamed into place only when complete: no journal or fsync needed.
    connection.executescript(
        f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {_META}; {_EVENTS};")
    rows: list[tuple[int, int, int, str]] = []
    longest = 0
    for position, event in enumerate(dataset.events):
        start, finish = event.date.start.toordinal(), event.date.end.toordinal()
        longest = max(longest, finish - start)
        rows.append((position, start, finish, _ENCODE(encode_event(event))))
    connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
    connection.execute(_BY_START)
    meta: dict[str, Any] = {
        "format": FORMAT,
        "source": str(source.resolve()),
        "identity": identity(stat),
        "digest": digest(raw),
        "longest": str(longest),
        "reference": _ENCODE(encode_reference(dataset)),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
    connection.commit()
