"""Load a data file: from its current index, or by reading and validating it (then indexing it).

Every answer is whole and valid: load() returns the whole Dataset, events_overlapping() a
Window (the events of some days, with the whole vocabulary). Indexes live in `cache_dir`,
the directory Environment.cache_dir names (None: the user cache directory platformdirs
names; see accordcli.store).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from accordcli import cache
from accordcli.errors import DataError
from accordcli.model import Dataset, Window
from accordcli.read import (
    decode,
    default_data_path,
    display_name,
    is_stdin,
    parse,
    read_bytes,
)

__all__ = ["default_data_path", "events_overlapping", "load", "searchable"]

T = TypeVar("T")


def load(path: Path | None = None, *, use_cache: bool = True,
         cache_dir: Path | None = None) -> Dataset:
    """Return the dataset in the file at `path` (the shipped one by default), validated.

    With `use_cache`, a current index of the file in `cache_dir` stands in for reading it,
    and a file that is read gets an index there.
    """
    path = path or default_data_path()
    use_cache = use_cache and not is_stdin(path)  # standard input is read once, not indexed
    indexed = _ask_index(path, cache_dir, cache.Index.dataset) if use_cache else None
    return indexed if indexed is not None else _read(path, use_cache, cache_dir)


def events_overlapping(path: Path | None, first: dt.date, last: dt.date, *,
                       use_cache: bool = True, cache_dir: Path | None = None) -> Window:
    """Return the events that overlap first..last, as load() would find them."""
    path = path or default_data_path()
    use_cache = use_cache and not is_stdin(path)
    indexed = (_ask_index(path, cache_dir, lambda index: index.events_overlapping(first, last))
               if use_cache else None)
    return (indexed if indexed is not None
            else Window.of(_read(path, use_cache, cache_dir), first, last))


def searchable(path: Path | None, *, use_cache: bool = True,
               cache_dir: Path | None = None) -> cache.Index | Dataset:
    """Return the current index of the file with its full-text tables (open: use it in a
    `with` block), adding them on first use; where no index can be kept, the dataset."""
    path = path or default_data_path()
    if not use_cache or is_stdin(path):
        return load(path, use_cache=False)
    index = cache.current_index(path, cache_dir)
    if index is None:
        dataset = _read(path, True, cache_dir, search=True)
    elif index.searchable:
        return index
    else:
        with index:
            cache.add_search(path, index, cache_dir)
        dataset = None
    index = cache.current_index(path, cache_dir)
    if index is not None and index.searchable:
        return index
    if index is not None:
        index.close()  # another run wrote it meanwhile, or it could not be rewritten
    return dataset or load(path, cache_dir=cache_dir)


def _ask_index(path: Path, cache_dir: Path | None,
               question: Callable[[cache.Index], T | None]) -> T | None:
    index = cache.current_index(path, cache_dir)
    if index is None:
        return None
    with index:
        return question(index)


def _read(path: Path, use_cache: bool, cache_dir: Path | None, *,
          search: bool = False) -> Dataset:
    """Read and validate the file, and (with `use_cache`) index it in `cache_dir`, with the
    full-text tables when `search` asks."""
    raw, stat = read_bytes(path)
    dataset = _same_content(path, stat, raw, cache_dir) if use_cache else None
    if dataset is None:
        name = display_name(path)
        dataset = _validated(raw, name)
    if use_cache:
        cache.write_index(path, stat, raw, dataset, cache_dir, search=search)
    return dataset


def _validated(raw: bytes, name: str) -> Dataset:
    """Parse and validate the file's bytes; a DataError names the line of each problem."""
    from accordcli.validate import build  # a run answered by an index checks nothing

    document = parse(raw, name)
    try:
        return build(document, name)
    except DataError as err:
        from accordcli.problems import with_lines

        raise DataError(name, with_lines(err.found, decode(raw, name))) from None


def _same_content(path: Path, stat: os.stat_result, raw: bytes,
                  cache_dir: Path | None) -> Dataset | None:
    """Return the dataset indexed for these very bytes under another identity (the file was
    touched, or copied back); writing the index again files it under the new identity."""
    index = cache.open_index(path, stat, cache_dir, raw)
    if index is None:
        return None
    with index:
        return index.dataset()
