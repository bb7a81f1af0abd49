"""The directory indexes live in, and which files there accord may open, replace or remove.

Indexes live in a directory of accord's own (Environment.cache_dir names it) that no other
user can change (see private_store); accord reads, replaces or removes only regular files of
the user's there, under accord's own names, and removes only those whose SQLite header
carries accord's application id. Nothing else, there or anywhere, is ever opened for
writing or removed.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path
from stat import S_ISDIR, S_ISREG, S_ISVTX

# SQLite's header field for the program that wrote a file ("acrd", at byte 68): with
# accord's file names and directory, what proves a file is an index accord wrote.
APPLICATION_ID = 0x61637264
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
# Opening an index never follows a symlink, never waits on a FIFO, and is not inherited.
_OPEN_READ = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
              | getattr(os, "O_CLOEXEC", 0))
_CREATE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
           | getattr(os, "O_CLOEXEC", 0))


def where_indexes_live(cache_dir: Path | None) -> Path:
    """Return the directory indexes live in: `cache_dir` (Environment.cache_dir), or where
    it is None, the user cache directory platformdirs names.

    platformdirs is imported only here, for the platforms the environment's own rule leaves
    to it: importing it makes every start measurably slower (BENCHMARKS.md).
    """
    if cache_dir is not None:
        return cache_dir
    import platformdirs

    return Path(platformdirs.user_cache_dir("accord", appauthor=False))


def index_path(source: Path, cache_dir: Path | None) -> Path:
    """Return the index file for a data file (one per resolved path)."""
    return where_indexes_live(cache_dir) / index_name(source)


def index_name(source: Path) -> str:
    """Return the file name of a data file's index: 16 hex digits and ".sqlite".

    Two checksums make a name; a clash would only cost a rebuild, because the index
    records its source path and is ignored for any other file.
    """
    resolved = str(source.resolve()).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(resolved):08x}{zlib.adler32(resolved):08x}.sqlite"


def _is_index_name(name: str) -> bool:
    return (len(name) == 23 and name.endswith(".sqlite")
            and all(c in "0123456789abcdef" for c in name[:16]))


def _euid() -> int | None:
    """Return the effective user id, or None where files have no owner id (Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return None if geteuid is None else int(geteuid())


def _own_private_group(gid: int, euid: int) -> bool:
    """True for the user's private group, which umask 002 systems make directories writable by.

    As pam_umask's usergroups rule: the group has the user's number and name, and no other
    member is listed.
    """
    if gid != euid:
        return False
    import grp
    import pwd

    try:
        user = pwd.getpwuid(euid).pw_name
        group = grp.getgrgid(gid)
    except KeyError:
        return False
    return group.gr_name == user and set(group.gr_mem) <= {user}


def _writable_by_others(info: os.stat_result, euid: int) -> bool:
    if info.st_mode & 0o002:
        return True
    return bool(info.st_mode & 0o020) and not _own_private_group(info.st_gid, euid)


def _safe_above(info: os.stat_result, euid: int) -> bool:
    """True for a directory above the store whose entries no other user can move.

    Owned by the user or root, and writable by no one else, or sticky (as /tmp is), where
    only an entry's owner may rename it.
    """
    return (S_ISDIR(info.st_mode) and info.st_uid in (euid, 0)
            and (bool(info.st_mode & S_ISVTX) or not _writable_by_others(info, euid)))


def private_store(cache_dir: Path | None, create: bool) -> Path | None:
    """Return the directory indexes live in (where_indexes_live) if no one else can change
    it, else None.

    SQLite opens an index by path after accord has checked it, so anyone able to swap an
    entry on that path could serve their own index. The rule ssh applies to ~/.ssh closes
    that: the directory must be a real directory (not a symlink) owned by the user and
    writable by no one else (accord makes its own with mode 0700), and no other user may
    rename anything on the way to it: each directory above is the user's or root's and
    not writable by others, unless sticky. With `create`, missing directories are made.
    """
    store = where_indexes_live(cache_dir)
    euid = _euid()
    if create:
        store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if euid is None:  # no owners to compare: per-user profile directories (Windows)
        if create:
            store.mkdir(exist_ok=True)
        return store
    parent, above = _resolve(str(store.parent))
    if not all(_safe_above(info, euid) for info in above):
        return None
    store = Path(parent, store.name)
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(store, 0o700)
    try:
        info = os.lstat(store)
    except FileNotFoundError:
        return None
    if S_ISDIR(info.st_mode) and info.st_uid == euid and not _writable_by_others(info, euid):
        return store
    return None


def _resolve(path: str) -> tuple[str, list[os.stat_result]]:
    """Return `path` absolute and without symlinks, with the status of it and each parent.

    Symlinks above the store (~/.cache on another disk) are the user's own choice; the real
    path they lead to is what gets checked, and used.
    """
    real = os.path.realpath(path)
    return real, _lstat_up(real)


def _lstat_up(path: str) -> list[os.stat_result]:
    """Return the status of `path` and of each directory above it, up to the root."""
    found = [os.lstat(path)]
    while (above := os.path.dirname(path)) != path:
        path = above
        found.append(os.lstat(path))
    return found


def _own_regular_file(info: os.stat_result, euid: int | None) -> bool:
    return S_ISREG(info.st_mode) and (euid is None or info.st_uid == euid)


def _has_accord_header(header: bytes) -> bool:
    return header[:16] == _SQLITE_MAGIC and header[68:72] == APPLICATION_ID.to_bytes(4, "big")


def open_own_index(path: Path) -> tuple[int, os.stat_result] | None:
    """Return an open descriptor and status of the index at `path` if it is accord's.

    It must be a regular file of the user's (a FIFO, socket, device, directory or symlink
    is never opened: a FIFO would block every run) with accord's application id. The
    descriptor keeps the inode from being reused while SQLite opens the path.
    """
    euid = _euid()
    info = os.lstat(path)
    if not _own_regular_file(info, euid):
        return None
    handle = os.open(path, _OPEN_READ)
    try:
        checked = os.fstat(handle)
        if ((checked.st_dev, checked.st_ino) == (info.st_dev, info.st_ino)
                and _own_regular_file(checked, euid)
                and _has_accord_header(os.read(handle, _HEADER_BYTES))):
            return handle, checked
    except BaseException:
        os.close(handle)
        raise
    os.close(handle)
    return None


def replaceable(path: Path) -> bool:
    """True when nothing is at the index path, or a file accord wrote (perhaps damaged since).

    A regular file of the user's under accord's name in accord's directory is accord's;
    anything else there (a FIFO, a directory, a symlink, another user's file) is left alone
    and the data file simply goes unindexed.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    return _own_regular_file(info, _euid())


def new_temporary(store: Path) -> str:
    """Create an empty temporary file of accord's naming (.tmp-<16 hex>.sqlite) in `store`.

    O_EXCL: whatever is already at a name (even a symlink) is never opened, only skipped.
    """
    for _ in range(16):
        path = store / f".tmp-{_random_hex()}.sqlite"
        try:
            os.close(os.open(path, _CREATE, 0o600))
        except FileExistsError:
            continue
        return str(path)
    # Never shown: cache.write_index gives up silently on any OSError, leaving no index.
    raise FileExistsError(f"no free temporary name in {store}")


def _random_hex() -> str:
    return os.urandom(8).hex()


# Indexes of files that moved, were deleted or came from elsewhere would pile up forever.
# One not rewritten for this long is removed (it costs one re-parse if still wanted), and
# so is a temporary file that an interrupted run left behind.
STALE_INDEX_SECONDS = 60 * 24 * 3600
STALE_TEMPORARY_SECONDS = 24 * 3600


def prune(store: Path) -> None:
    """Remove stale indexes and leftover temporary files; called after each index write.

    Only what accord can prove it wrote: in its own directory, under its own names, a
    regular file of the user's whose header carries accord's application id (or, for a
    temporary file, one still empty: an interrupted run, with nothing to lose).
    """
    import time

    now = time.time()
    euid = _euid()
    with os.scandir(store) as entries:
        for entry in entries:
            name = entry.name
            if _is_index_name(name):
                limit, temporary = STALE_INDEX_SECONDS, False
            elif name.startswith(".tmp-") and _is_index_name(name[5:]):
                limit, temporary = STALE_TEMPORARY_SECONDS, True
            else:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if (now - info.st_mtime > limit and _own_regular_file(info, euid)
                        and _written_by_accord(entry.path, info, temporary)):
                    os.unlink(entry.path)


def _written_by_accord(path: str, info: os.stat_result, temporary: bool) -> bool:
    if temporary and info.st_size == 0:
        return True
    handle = os.open(path, _OPEN_READ)
    try:
        now = os.fstat(handle)
        return ((now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)
                and _has_accord_header(os.read(handle, _HEADER_BYTES)))
    finally:
        os.close(handle)
