"""Load a data file: from its current index, or by reading and validating it (then indexing it).

Every answer is whole and valid: load() returns the whole Dataset, events_overlapping() a
Window (the events of some days, with the whole vocabulary).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from accordcli import cache
from accordcli.model import Dataset, Window
from accordcli.read import default_data_path, display_name, parse, read_bytes

__all__ = ["default_data_path", "events_overlapping", "load"]

T = TypeVar("T")


def load(path: Path | None = None, *, use_cache: bool = True) -> Dataset:
    """Return the dataset in the file at `path` (the shipped one by default), validated.

    With `use_cache`, a current index of the file stands in for reading it, and a file
    that is read gets an index.
    """
    path = path or default_data_path()
    indexed = _ask_index(path, cache.Index.dataset) if use_cache else None
    return indexed if indexed is not None else _read(path, use_cache)


def events_overlapping(path: Path | None, first: dt.date, last: dt.date, *,
                       use_cache: bool = True) -> Window:
    """Return the events that overlap first..last, as load() would find them."""
    path = path or default_data_path()
    indexed = (_ask_index(path, lambda index: index.events_overlapping(first, last))
               if use_cache else None)
    return indexed if indexed is not None else Window.of(_read(path, use_cache), first, last)


def _ask_index(path: Path, question: Callable[[cache.Index], T | None]) -> T | None:
    index = cache.current_index(path)
    if index is None:
        return None
    with index:
        return question(index)


def _read(path: Path, use_cache: bool) -> Dataset:
    """Read and validate the file, and (with `use_cache`) index it."""
    from accordcli.validate import build  # a run answered by an index checks nothing

    raw, stat = read_bytes(path)
    dataset = _same_content(path, stat, raw) if use_cache else None
    if dataset is None:
        name = display_name(path)
        dataset = build(parse(raw, name), name)
    if use_cache:
        cache.write_index(path, stat, raw, dataset)
    return dataset


def _same_content(path: Path, stat: os.stat_result, raw: bytes) -> Dataset | None:
    """Return the dataset indexed for these very bytes under another identity (the file was
    touched, or copied back); writing the index again files it under the new identity."""
    index = cache.open_index(path, stat, raw)
    if index is None:
        return None
    with index:
        return index.dataset()
