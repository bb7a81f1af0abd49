"""Read a data file into a TOML document, turning every way that can fail into a DataError.

Reading is bounded (size, key depth) so that a hostile file costs seconds, not memory, and
a file rewritten while it is read is read again rather than returned half old, half new.
What the document means is validate.py's business.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO

from accordcli import progress
from accordcli.errors import DataError
from accordcli.i18n import Message
from accordcli.problems import Problem

MAX_FILE_BYTES = 256 * 1024 * 1024
# A read that overlaps a change to the file is retried; after this many reads in all the
# user is told to try again.
READ_ATTEMPTS = 3
# How long after its last change a file is taken to be finished with. A writer paused
# mid-copy leaves a half-written file whose size and times hold still, so this must outlast
# such a pause and the file system clock's tick (a few ms on Linux; not the 1-2 s of ext3
# or FAT). Only a file changed less than this long ago waits, once. BENCHMARKS.md says how
# it was chosen.
SETTLE_NS = 50_000_000

# tomli builds a dict per part of a dotted key or header, so deeply dotted ones cost it
# memory out of all proportion to the file (BENCHMARKS.md). No dataset needs more than a
# few parts, so a key with more than MAX_KEY_PARTS is refused before parsing. A key sits at
# a line start, or after "{" or "," in an inline table, and ends in "=" or "]": prose in a
# string ("cf. U.S. D.o.S. doc. 1. and ...") is not mistaken for one.
MAX_KEY_PARTS = 8
# A bare part, or a quoted one with its escapes ("\""); unrolled and possessive, because it
# runs over every line of a file that has no index yet.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|'[^'\n]*+')"""
# Kept as strings and compiled where used (re caches them): a run that reads an index
# never parses TOML.
_DEEP_KEY = (  # one character class first, so the scan skips ahead cheaply
    r"[\n{,][ \t]*(?:\[\[?[ \t]*)?(?:" + _KEY_PART + r"[ \t]*\.[ \t]*){"
    + str(MAX_KEY_PARTS) + ",}" + _KEY_PART + r"[ \t]*[=\]]"
)
# Strings and comments, where a deep-key match is prose ("Paragraphs [5, 1.2.3.4.5.6.7.8.9]").
# Scanned only when the pre-scan finds a candidate. Every opening matches (an unclosed
# string runs to the end of its line, or of the file), so no opening is retried and the
# scan stays linear; a multi-line string may end in up to five quotes, as TOML allows two
# inside before the closing three.
_STRING_OR_COMMENT = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"{3,5}|\\?\Z)'  # multi-line basic
    r"|'''(?:[^']|'(?!''))*(?:'{3,5}|\Z)"  # multi-line literal
    r'|"(?:[^"\\\n]|\\.)*(?:"|\\?(?=\n)|\\?\Z)'  # basic
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"  # literal
    r"|#[^\n]*"  # comment
)
_SYNTAX_POSITION = r"\s*\(at line (\d+), column (\d+)\)$"


def default_data_path() -> Path:
    """Return the path of the dataset shipped inside the package."""
    # A plain path next to this module works for regular and editable installs, without
    # importlib.resources' zipfile import.
    return Path(__file__).resolve().parent / "data" / "events.toml"


# `--data -`: the data comes from standard input, read once and never indexed.
STDIN = Path("-")


def is_stdin(path: Path | None) -> bool:
    return path is not None and str(path) == "-"


def display_name(path: Path) -> str:
    """Return the name used for a data file in messages."""
    return "<stdin>" if is_stdin(path) else str(path)


def parse(raw: bytes, name: str) -> dict[str, Any]:
    """Decode and parse a data file's bytes into a TOML document."""
    return parse_toml(decode(raw, name), name)


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """Read a data file and its status, turning every way it can fail into a DataError.

    A file rewritten in place while it is read can give a mix of both versions, so a read
    counts only if the file is the same version after it as before; otherwise it is read
    again, up to READ_ATTEMPTS times in all. The status returned is the one verified to
    hold for the whole read, so an index written under it describes exactly these bytes.
    """
    name = display_name(path)
    if is_stdin(path):
        return _read_stdin(name)
    for _attempt in range(READ_ATTEMPTS):
        raw, stat = _read_once(path, name)
        if stat is not None:
            return raw, stat
    raise DataError(name, [Message("changed while it was being read; try again")])


def _read_stdin(name: str) -> tuple[bytes, os.stat_result]:
    import sys

    try:
        stream = sys.stdin.buffer
        raw = _read_at_most(stream, MAX_FILE_BYTES + 1)
    except (AttributeError, ValueError, OSError):  # closed, or not a byte stream
        raise DataError(name, [Message("cannot read standard input")]) from None
    try:
        stat = os.fstat(stream.fileno())
    except (ValueError, OSError):  # an in-memory stream: no index is written for it anyway
        stat = os.stat_result((0,) * 10)
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(name, [Message("larger than {size} MiB",
                                       size=MAX_FILE_BYTES // (1024 * 1024))])
    return raw, stat


def _read_once(path: Path, name: str) -> tuple[bytes, os.stat_result | None]:
    """Read the file once; the status is None when the file changed during the read."""
    try:
        if path.is_dir():
            raise DataError(name, [Message("is a directory, not a TOML file")])
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            regular = S_ISREG(before.st_mode)
            if regular:
                _settle(before)
                progress.phase(progress.READING, before.st_size, "bytes")
            raw = _read_at_most(handle, MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise DataError(name, [Message("larger than {size} MiB",
                                               size=MAX_FILE_BYTES // (1024 * 1024))])
            if not regular:
                return raw, before  # a pipe or a device: there is no version to compare
            # A size of 0 with content is a kernel file (/proc), not a truncation.
            same = (before.st_size in (0, len(raw))
                    and _version(os.fstat(handle.fileno())) == _version(before))
        if same:
            try:
                same = _version(path.stat()) == _version(before)  # not renamed over meanwhile
            except FileNotFoundError:
                same = False  # deleted meanwhile: the next attempt says so
    except FileNotFoundError:
        raise DataError(name, [Message("no such file")]) from None
    except PermissionError:
        raise DataError(name, [Message("permission denied")]) from None
    except IsADirectoryError:
        raise DataError(name, [Message("is a directory, not a TOML file")]) from None
    except OSError as err:
        # The system's own words for what failed ("Input/output error") follow.
        raise DataError(name, [Message("cannot read: {reason}",
                                       reason=err.strerror or err)]) from None
    return raw, before if same else None


def _version(stat: os.stat_result) -> tuple[int, ...]:
    """Return what changes when a file is rewritten, in place or by a rename over it."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _settle(stat: os.stat_result) -> None:
    """Wait until the file's content last changed SETTLE_NS ago, if it changed since.

    A write stamps the file's times when it starts, so a reader can see the same size and
    times before and after reading a half-written file. A change that old is over; a later
    one changes the times, which the read compares. Only the content's time (mtime) counts:
    a change of status alone (chmod, a rename, a tool setting the time once it has written
    the file) tears no read.
    """
    age = time.time_ns() - stat.st_mtime_ns
    if age < SETTLE_NS:  # also a time in the future (clock skew): wait once, no longer
        time.sleep(min(SETTLE_NS, SETTLE_NS - age) / 1e9)


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    # read(limit) would make CPython allocate `limit` bytes up front, whatever the file size.
    chunks = []
    total = 0
    while total < limit:
        chunk = handle.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        progress.advance(len(chunk))
    return b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(name, [Message("is UTF-16; save it as UTF-8")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DataError(name, [Problem(Message(
            "not valid UTF-8 (byte {offset}: {byte}); save the file as UTF-8",
            offset=err.start, byte=f"0x{raw[err.start]:02x}"), line=line)]) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text, reporting syntax errors as FILE:LINE:COLUMN."""
    import tomli  # only a run without a current index parses

    if not text or text.isspace():
        raise DataError(name, [Message("is empty; a dataset needs at least [[events]], "
                                       "[[actors]] and [[sources]]")])
    line = _deep_key_line(text)
    if line is not None:
        raise DataError(name, [Problem(Message("a table or key with more than {parts} dotted "
                                               "parts; no accord dataset nests that deep",
                                               parts=MAX_KEY_PARTS), line=line)])
    progress.phase(progress.PARSING)
    try:
        return tomli.loads(text)
    except MemoryError:
        raise DataError(name, [Message("not enough memory to parse this file")]) from None
    except tomli.TOMLDecodeError as err:
        # tomli's own words for the mistake ("Expected '=' after a key") follow.
        problem = re.sub(_SYNTAX_POSITION, "", err.msg if hasattr(err, "msg") else str(err))
        lineno = getattr(err, "lineno", None)
        colno = getattr(err, "colno", None)
        said = Message("invalid TOML: {problem}", problem=problem)
        raise DataError(name, [Problem(said, line=lineno, column=colno if lineno else None)]
                        ) from None
    except ValueError as err:
        # e.g. an integer of more than 4,300 digits, which Python refuses to convert.
        raise DataError(name, [Message("invalid TOML: {problem}", problem=err)]) from None
    except RecursionError:
        # tomli bounds key parts and nesting depth by raising RecursionError.
        raise DataError(name, [Message("invalid TOML: keys or tables nested too deeply")]
                        ) from None


def _deep_key_line(text: str) -> int | None:
    """Return the line of the first over-deep key or header outside strings and comments."""
    end = text.find("\n")  # the first line has no "\n" before it
    deep_key = re.compile(_DEEP_KEY)
    if deep_key.match("\n" + (text if end < 0 else text[:end + 1])):
        return 1
    quoted: Iterator[re.Match[str]] | None = None  # strings and comments, scanned on demand
    region: re.Match[str] | None = None
    for found in deep_key.finditer(text):
        start = found.start()  # a "\n" ends the line before; a "{" or "," is on the key's line
        if quoted is None:
            quoted = re.compile(_STRING_OR_COMMENT).finditer(text)
            region = next(quoted, None)
        while region is not None and region.end() <= start:
            region = next(quoted, None)
        if region is not None and region.start() <= start:
            continue  # inside a string or a comment: prose
        return text.count("\n", 0, start) + (2 if text[start] == "\n" else 1)
    return None
