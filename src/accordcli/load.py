"""Load a data file: from its current index, or by reading and validating it (then indexing it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from stat import S_ISREG

from accordcli.model import Dataset
from accordcli.read import default_data_path, display_name, parse, read_bytes

__all__ = ["default_data_path", "load"]


def load(
    path: Path | None = None,
    *,
    window: tuple[dt.date, dt.date] | None = None,
    use_cache: bool = True,
) -> Dataset:
    """Load and validate the data file at `path`, or the shipped dataset.

    With `use_cache`, a current index of the file (see cache.py) replaces parsing, and a
    `window` lets it return only the events that overlap those days.
    """
    path = path or default_data_path()
    name = display_name(path)
    if use_cache:
        from accordcli import cache

        try:
            stat = path.stat()
        except OSError:
            stat = None  # read_bytes below reports the problem
        # Only regular files: a pipe or a device (--data /dev/stdin, <(...)) has another
        # path on each run, so its index would never be read again.
        use_cache = stat is not None and S_ISREG(stat.st_mode)
        index = cache.open_index(path, stat) if use_cache and stat is not None else None
        indexed = index.dataset(window) if index is not None else None
        if indexed is not None:
            return indexed
    raw, stat = read_bytes(path)
    if use_cache:
        index = cache.open_index(path, stat, raw)
        indexed = index.dataset() if index is not None else None
        if indexed is not None:  # same content under a new identity (copied, touched)
            cache.write_index(path, stat, raw, indexed)
            return indexed
    from accordcli.validate import build  # a run answered by an index checks nothing

    dataset = build(parse(raw, name), name)
    if use_cache:
        cache.write_index(path, stat, raw, dataset)
    return dataset
