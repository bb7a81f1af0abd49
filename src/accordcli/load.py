"""Turn a TOML data file into a validated Dataset, or explain every reason why not."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO, TypeGuard, TypeVar

from accordcli.edtf import EdtfError, parse_edtf
from accordcli.errors import DataError
from accordcli.model import (
    ACTOR_KINDS,
    Actor,
    Clause,
    Dataset,
    Event,
    LocalText,
    Provision,
    Source,
    Span,
    Tag,
    id_key,
)

# Bounds that keep a hostile file from costing more than a second or unbounded memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TEXT_CHARS = 20_000
# A read that overlaps a change to the file is retried; after this many reads in all the
# user is told to try again, rather than given a dataset mixing two versions of the file.
READ_ATTEMPTS = 3
# How long after its last change a file is taken to be finished with. A write stamps the
# times as it starts, so a writer paused mid-copy leaves a half-written file whose size and
# times hold still; this must outlast such a pause, and the tick of the file system's clock
# (a few ms on Linux before 6.13; 1 s on ext3 and 2 s on FAT are not covered). With 12
# readers and a writer on 2 cores, 10 ms still let mixed reads through and 20 ms did not.
# Only a file saved less than this long ago waits, once, before it is read.
SETTLE_NS = 50_000_000

# Deeply dotted table headers or keys make tomli build a dict per part: 40,000 headers of 27
# parts (2.4 MB) cost it over 1 GiB, and keys in inline tables ({ a.a.a... = 1 }) about 100
# bytes per byte. No dataset needs more than a few parts, so a key or header with more than
# MAX_KEY_PARTS of them (at a line start, or after "{" or "," where inline-table keys go)
# is refused before parsing (~9 ms per MB). The chain must end in "=" or "]", as a key or a
# header does, so prose in a string ("cf. U.S. D.o.S. doc. 1. and ...") is not mistaken
# for one.
MAX_KEY_PARTS = 8
# A bare part, or a quoted one with its escapes ("\""): unrolled and possessive, since this
# runs over every line of a file that has no index yet (0.38 s on 42 MB, as without escapes).
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|'[^'\n]*+')"""
# Patterns are kept as strings and compiled where used (re caches them): a run that reads
# the index never parses TOML and need not compile them (~0.6 ms a start).
_DEEP_KEY = (  # one character class first, so the scan skips ahead cheaply
    r"[\n{,][ \t]*(?:\[\[?[ \t]*)?(?:" + _KEY_PART + r"[ \t]*\.[ \t]*){"
    + str(MAX_KEY_PARTS) + ",}" + _KEY_PART + r"[ \t]*[=\]]"
)
# Strings and comments, where a deep-key match is prose, not a key ("Paragraphs [5,
# 1.2.3.4.5.6.7.8.9]"). Scanned only when the pre-scan finds a candidate, which valid data
# almost never has. Every opening matches (an unclosed string runs to the end of its line,
# or of the file), so no opening is retried and the scan stays linear; a multi-line string
# may end in up to five quotes, as TOML allows two inside before the closing three.
_STRING_OR_COMMENT = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"{3,5}|\\?\Z)'  # multi-line basic
    r"|'''(?:[^']|'(?!''))*(?:'{3,5}|\Z)"  # multi-line literal
    r'|"(?:[^"\\\n]|\\.)*(?:"|\\?(?=\n)|\\?\Z)'  # basic
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"  # literal
    r"|#[^\n]*"  # comment
)
# Suggestions run difflib over every known id; a file full of broken references gets
# them for its first few problems only, so reporting stays linear.
MAX_SUGGESTIONS = 25

_SYNTAX_POSITION = r"\s*\(at line (\d+), column (\d+)\)$"
# Characters a shell gives a meaning to (quoting, expansion, globbing, redirection, history,
# comments, the home directory): ids are typed on command lines (accord event ID), in
# completion and in scripts, where these need quoting or do something else. ";" also
# joins lists of ids in CSV, Markdown and line output. Spaces, controls and invisible
# characters are refused through the Unicode table (unicode_tables.py).
SHELL_SPECIAL = "$`\\*?'\"{}[];|&<>()!#~"
# The ASCII characters an id may not hold: the table's (controls, space, DEL) and the
# above; tests/test_id_chars.py checks it against id_refusal().
_ASCII_REFUSED = "[\x00-\x20\x7f" + re.escape(SHELL_SPECIAL) + "]"

T = TypeVar("T")


def default_data_path() -> Path:
    """Return the path of the dataset shipped inside the package."""
    # A plain path next to this module: works for regular and editable installs, and avoids
    # importlib.resources' zipfile import on every start.
    return Path(__file__).resolve().parent / "data" / "events.toml"


def display_name(path: Path) -> str:
    """Return the name used for a data file in messages."""
    return str(path)


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """Read a data file and its status, turning every way it can fail into a DataError.

    A file rewritten in place while it is read can give a mix of both versions (3 of 477
    reads in issue #11), so a read counts only if the file is the same version after it as
    before; otherwise it is read again, up to READ_ATTEMPTS times in all. The status
    returned is the one verified to hold for the whole read, so an index written under it
    (cache.py) describes exactly these bytes.
    """
    name = display_name(path)
    for _attempt in range(READ_ATTEMPTS):
        raw, stat = _read_once(path, name)
        if stat is not None:
            return raw, stat
    raise DataError(name, ["changed while it was being read; try again"])


def _read_once(path: Path, name: str) -> tuple[bytes, os.stat_result | None]:
    """Read the file once; the status is None when the file changed during the read."""
    try:
        if path.is_dir():
            raise DataError(name, ["is a directory, not a TOML file"])
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            regular = S_ISREG(before.st_mode)
            if regular:
                _settle(before)
            raw = _read_at_most(handle, MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise DataError(name, [f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"])
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
        raise DataError(name, ["no such file"]) from None
    except PermissionError:
        raise DataError(name, ["permission denied"]) from None
    except IsADirectoryError:
        raise DataError(name, ["is a directory, not a TOML file"]) from None
    except OSError as err:
        raise DataError(name, [f"cannot read: {err.strerror or err}"]) from None
    return raw, before if same else None


def _version(stat: os.stat_result) -> tuple[int, ...]:
    """Return what changes when a file is rewritten, in place or by a rename over it."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _settle(stat: os.stat_result) -> None:
    """Wait until the file's last change is SETTLE_NS old, if it is younger.

    A write stamps the file's times when it starts, so a reader can see the same size and
    times before and after reading a half-written file: the writer may have been paused
    mid-copy, and a write within the same clock tick leaves the times as they were. A
    change that old is over; a later one changes the times, which the read compares.
    """
    age = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns)
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
    return b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(name, ["is UTF-16; save it as UTF-8"])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DataError(
            name,
            [f"line {line}: not valid UTF-8 (byte {err.start}: 0x{raw[err.start]:02x}); "
             "save the file as UTF-8"],
        ) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text, reporting syntax errors as FILE:LINE:COLUMN."""
    import tomli  # parsing only happens when there is no current index

    if not text or text.isspace():
        raise DataError(name, ["is empty; a dataset needs at least [[events]], [[actors]] "
                               "and [[sources]]"])
    line = _deep_key_line(text)
    if line is not None:
        raise DataError(name, [f"line {line}: a table or key with more than {MAX_KEY_PARTS} "
                               "dotted parts; no accord dataset nests that deep"])
    try:
        return tomli.loads(text)
    except MemoryError:
        raise DataError(name, ["not enough memory to parse this file"]) from None
    except tomli.TOMLDecodeError as err:
        message = re.sub(_SYNTAX_POSITION, "", err.msg if hasattr(err, "msg") else str(err))
        lineno = getattr(err, "lineno", None)
        colno = getattr(err, "colno", None)
        where = f"line {lineno}, column {colno}: " if lineno else ""
        raise DataError(name, [f"{where}invalid TOML: {message}"]) from None
    except ValueError as err:
        # e.g. an integer of more than 4,300 digits, which Python refuses to convert.
        raise DataError(name, [f"invalid TOML: {err}"]) from None
    except RecursionError:
        # tomli bounds key parts and nesting depth by raising RecursionError.
        raise DataError(name, ["invalid TOML: keys or tables nested too deeply"]) from None


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
    dataset = build(parse_toml(decode(raw, name), name), name)
    if use_cache:
        cache.write_index(path, stat, raw, dataset)
    return dataset


@lru_cache(maxsize=1)
def _id_table() -> tuple[tuple[int, ...], tuple[tuple[int, int, int], ...], tuple[str, ...],
                         re.Pattern[str]]:
    # Imported and compiled on first use: a run that reads the index checks no ids.
    from accordcli import unicode_tables

    ranges = unicode_tables.RANGES
    return (tuple(first for first, _, _ in ranges), ranges, unicode_tables.KINDS,
            re.compile(_ASCII_REFUSED))


def id_refusal(char: str) -> str | None:
    """Return why an id may not contain `char` ("an invisible character"), or None.

    Refused: SHELL_SPECIAL, and every code point that unicode_tables.py lists: controls,
    white space, invisible and format characters, private use, surrogates, and code points
    unassigned in its Unicode version. The table decides, not this Python's unicodedata,
    so the answer is the same on every Python.
    """
    code = ord(char)
    if code < 0x80 and char in SHELL_SPECIAL:
        return "special to shells"
    firsts, ranges, kinds, _ = _id_table()
    index = bisect_right(firsts, code) - 1
    if index >= 0 and code <= ranges[index][1]:
        return kinds[ranges[index][2]]
    return None


def first_refused(text: str) -> int:
    """Return the index of the first character of `text` an id may not hold, or -1."""
    if text.isascii():  # almost every id: one regular-expression scan
        found = _id_table()[3].search(text)
        return -1 if found is None else found.start()
    for position, char in enumerate(text):
        if id_refusal(char) is not None:
            return position
    return -1


def shown_id(text: str) -> str:
    """Quote an id for a message as repr() does, with every character that an id may not
    hold escaped (U+3164 as \\u3164), whichever of them this Python thinks printable."""
    # Every record's location names its id: the common case costs one repr().
    if text.isprintable() and (text.isascii() or first_refused(text) < 0):
        return repr(text)
    return _escaped_repr(text)


def _escaped_repr(text: str) -> str:
    quote = '"' if "'" in text and '"' not in text else "'"
    out = [quote]
    for char in text:
        code = ord(char)
        if char in ("\\", quote):
            out.append("\\" + char)
        elif char in "\t\n\r":
            out.append(repr(char)[1:-1])
        elif code < 0x20 or code == 0x7F or (code >= 0x80 and id_refusal(char) is not None):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
                       if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append(quote)
    return "".join(out)


def _refused_id(text: str, position: int) -> str:
    """Return the one-line problem for an id whose character at `position` is refused."""
    char = text[position]
    code = f"U+{ord(char):04X}"
    why = id_refusal(char)
    what = f"{char!r} ({code}, {why})" if " " <= char <= "~" else f"{code} ({why})"
    return (f"id {shown_id(text)} has {what} at character {position + 1}; remove it, "
            "or use '-' or '_' between words")


class _Checker:
    """Collects every problem in a parsed document instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        # Ids each kind of reference may name (compared as id_key, mapped to the spelling of
        # the record's own id), taken from the raw tables before they are built, so that a
        # record with one broken field still has its references checked. An open kind (tags
        # without a [[tags]] vocabulary) learns each new id instead of reporting it.
        self.known: dict[str, dict[str, str]] = {}
        self.open_kinds: set[str] = set()
        self.suggestions_left = MAX_SUGGESTIONS
        self.good_ids: set[str] = set()  # strings already found well-formed as ids

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def table(self, value: Any, where: str, allowed: set[str], required: set[str]) -> bool:
        if not isinstance(value, dict):
            self.problem(where, f"expected a table, got {_kind(value)}")
            return False
        keys = value.keys()
        if keys <= allowed and required <= keys:
            return True  # the common case, checked without building sets
        for key in sorted(set(value) - allowed, key=str):
            hint = _close(key, allowed)
            self.problem(f"{where}.{_key_text(key)}", f"unknown key{hint}")
        for key in sorted(required - set(value)):
            self.problem(f"{where}.{key}", "missing")
        return True

    def field(self, record: dict[str, Any], key: str, where: str,
              parse: Callable[[Any, str], T | None]) -> T | None:
        """Parse record[key] with `parse`, or return None when the key is absent."""
        return parse(record[key], f"{where}.{key}") if key in record else None

    def each(self, records: list[Any], kind: str, allowed: set[str],
             required: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield (location, record) for every record of `kind` that is a table."""
        for position, record in enumerate(records):
            where = _where(kind, position, record)
            if self.table(record, where, allowed, required):
                yield where, record

    def string(self, value: Any, where: str) -> str | None:
        if not isinstance(value, str):
            self.problem(where, f"expected a string, got {_kind(value)}")
            return None
        if not value or value.isspace():
            self.problem(where, "is empty")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(where, f"longer than {MAX_TEXT_CHARS} characters")
            return None
        return value

    def identifier(self, value: Any, where: str) -> str | None:
        text = self.string(value, where)
        if text is None:
            return None
        position = first_refused(text)
        if position >= 0:
            self.problem(where, _refused_id(text, position))
            return None
        return text

    def text(self, value: Any, where: str) -> LocalText | None:
        if type(value) is dict and len(value) == 2:  # the common { en, tr } pair, checked fast
            en, tr = value.get("en"), value.get("tr")
            if _plain(en) and _plain(tr):
                return LocalText(en, tr)
        if isinstance(value, str):
            en = self.string(value, where)
            return LocalText(en) if en is not None else None
        if not isinstance(value, dict):
            self.problem(where, f"expected a text {{ en = \"...\", tr = \"...\" }}, got "
                                f"{_kind(value)}")
            return None
        if not self.table(value, where, {"en", "tr"}, {"en"}):
            return None
        en = self.string(value["en"], f"{where}.en") if "en" in value else None
        tr = self.string(value["tr"], f"{where}.tr") if "tr" in value else None
        return LocalText(en, tr) if en is not None else None

    def id_list(self, value: Any, where: str, kind: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.problem(where, f"expected a list of ids, got {_kind(value)}")
            return ()
        found: dict[str, str] = {}
        known = self.known.get(kind)
        # The common case (a well-formed, known id) builds no location string: a 100,000-event
        # file has 300,000 of these lists.
        for position, item in enumerate(value):
            if type(item) is str and item in self.good_ids:
                identifier = item
            elif (type(item) is str and 0 < len(item) <= MAX_TEXT_CHARS
                  and first_refused(item) < 0):
                identifier = item
                self.good_ids.add(item)
            else:
                checked = self.identifier(item, f"{where}[{position}]")
                if checked is None:
                    continue
                identifier = checked
            key = id_key(identifier)
            if key in found:
                self.problem(f"{where}[{position}]",
                             f"{shown_id(identifier)} is already listed as "
                             f"{shown_id(found[key])}")
                continue
            if known is not None:
                # One spelling everywhere: views and relations compare ids exactly.
                canonical = known.get(key)
                identifier = (canonical if canonical is not None
                              else self.ref(identifier, f"{where}[{position}]", kind))
            found[key] = identifier
        return tuple(found.values())

    def ref(self, identifier: str, where: str, kind: str) -> str:
        """Return the referenced record's own spelling of `identifier`, or report it unknown."""
        known = self.known.get(kind)
        if known is None:
            return identifier
        key = id_key(identifier)
        if key in known:
            return known[key]
        if kind in self.open_kinds:
            known[key] = identifier
            return identifier
        hint = ""
        if self.suggestions_left > 0:
            self.suggestions_left -= 1
            hint = _close(identifier, set(known.values()))
        self.problem(where, f"unknown {kind} {shown_id(identifier)}{hint}")
        return identifier

    def date(self, value: Any, where: str) -> Span | None:
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            self.problem(where, f"write dates as strings, e.g. \"{value}\"; "
                                "a TOML date cannot say 1988 or 1988-04")
            return None
        if not isinstance(value, str):
            self.problem(where, f"expected a date string such as \"1988-04-14\", got "
                                f"{_kind(value)}")
            return None
        try:
            return parse_edtf(value)
        except EdtfError as err:
            self.problem(where, str(err))
            return None

    def records(self, document: dict[str, Any], key: str, required: bool) -> list[Any]:
        value = document.get(key)
        if value is None:
            if required:
                self.problem(key, f"missing; add at least one [[{key}]] table")
            return []
        if not isinstance(value, list):
            self.problem(key, f"expected an array of tables [[{key}]], got {_kind(value)}")
            return []
        if not value and required:
            self.problem(key, f"empty; add at least one [[{key}]] table")
        return value

    def unique(self, records: list[Any], kind: str) -> None:
        """Report every record whose id repeats an earlier one, naming both places."""
        seen: dict[str, tuple[int, str]] = {}
        for position, record in enumerate(records):
            identifier = record.get("id") if isinstance(record, dict) else None
            if not isinstance(identifier, str):
                continue
            folded = id_key(identifier)
            if folded not in seen:
                seen[folded] = (position, identifier)
                continue
            first, earlier = seen[folded]
            if earlier == identifier:
                self.problem(f"{_where(kind, position, record)}.id",
                             f"duplicate id, first used by {kind}[{first}]")
            else:
                # ascii() shows the code points that make look-alikes differ.
                self.problem(f"{kind}[{position}] (id {identifier!a}).id",
                             f"duplicate id: equal to {earlier!a} of {kind}[{first}] after "
                             "case folding and Unicode normalisation")


def _plain(value: Any) -> TypeGuard[str]:
    return (type(value) is str and 0 < len(value) <= MAX_TEXT_CHARS
            and not value.isspace())


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return f"a TOML date ({value})"
    return type(value).__name__


def _key_text(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else repr(key)


def _close(word: str, choices: set[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _where(kind: str, position: int, record: Any) -> str:
    identifier = record.get("id") if isinstance(record, dict) else None
    if isinstance(identifier, str):
        return f"{kind}[{position}] (id {shown_id(identifier)})"
    return f"{kind}[{position}]"


_TOP = {"dataset", "sources", "tags", "actors", "events", "clauses"}
_SOURCE = {"id", "title", "url", "publisher"}
_TAG = {"id", "label"}
_ACTOR = {"id", "kind", "name", "role", "affiliation", "sources"}
_EVENT = {"id", "date", "title", "summary", "note", "actors", "tags", "sources"}
_CLAUSE = {"id", "number", "title", "full_title", "parties", "signatories", "witnesses",
           "signed", "in_force", "summary", "provisions", "sources"}
_PROVISION = {"number", "text", "tags"}


def build(document: dict[str, Any], name: str) -> Dataset:
    """Validate a parsed TOML document into a Dataset; raise DataError listing every problem."""
    check = _Checker()
    check.table(document, "(top level)", _TOP, set())
    title = None
    header = document.get("dataset")
    if header is not None and check.table(header, "dataset", {"title", "description"}, set()):
        if "title" in header:
            title = check.text(header["title"], "dataset.title")
        if "description" in header:
            check.text(header["description"], "dataset.description")

    raw = {
        "sources": check.records(document, "sources", True),
        "tags": check.records(document, "tags", False),
        "actors": check.records(document, "actors", True),
        "events": check.records(document, "events", True),
        "clauses": check.records(document, "clauses", False),
    }
    check.known = {
        "source": _raw_ids(raw["sources"]),
        "actor": _raw_ids(raw["actors"]),
        "tag": _raw_ids(raw["tags"]),
    }
    if not raw["tags"]:
        check.open_kinds.add("tag")  # without a [[tags]] vocabulary any tag is allowed
    sources = _sources(check, raw["sources"])
    tags = _tags(check, raw["tags"])
    actors = _actors(check, raw["actors"])
    events = _events(check, raw["events"])
    clauses = _clauses(check, raw["clauses"])

    for kind, records in raw.items():
        check.unique(records, kind)
    numbers: dict[int, str] = {}
    for clause in clauses:
        if clause.number in numbers:
            check.problem(f"clauses (id {clause.id!r}).number",
                          f"duplicate number {clause.number}, also used by "
                          f"{numbers[clause.number]!r}")
        numbers.setdefault(clause.number, clause.id)

    if check.problems:
        raise DataError(name, check.problems)
    if not raw["tags"]:
        # The tags in use become the vocabulary, labelled by their ids, so that a query for
        # one works on any part of the file (an index read is limited to a date window).
        tags = [Tag(tag, LocalText(tag)) for tag in check.known["tag"].values()]
    return Dataset(
        title=title,
        sources=tuple(sources),
        tags=tuple(tags),
        actors=tuple(actors),
        events=tuple(events),
        clauses=tuple(sorted(clauses, key=lambda c: c.number)),
    )


def _raw_ids(records: list[Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            ids.setdefault(id_key(record["id"]), record["id"])
    return ids


def _sources(check: _Checker, records: list[Any]) -> list[Source]:
    built = []
    for where, record in check.each(records, "sources", _SOURCE, _SOURCE):
        identifier = check.field(record, "id", where, check.identifier)
        title = check.field(record, "title", where, check.string)
        url = check.field(record, "url", where, check.string)
        publisher = check.field(record, "publisher", where, check.string)
        if url is not None and not re.match(r"https?://", url):
            check.problem(f"{where}.url", f"{url!r} is not an http(s) URL")
            url = None
        if identifier and title and url and publisher:
            built.append(Source(identifier, title, url, publisher))
    return built


def _tags(check: _Checker, records: list[Any]) -> list[Tag]:
    built = []
    for where, record in check.each(records, "tags", _TAG, _TAG):
        identifier = check.field(record, "id", where, check.identifier)
        label = check.field(record, "label", where, check.text)
        if identifier and label:
            built.append(Tag(identifier, label))
    return built


def _sources_of(check: _Checker, record: dict[str, Any], where: str) -> tuple[str, ...]:
    if "sources" not in record:
        return ()
    cited = check.id_list(record["sources"], f"{where}.sources", "source")
    if not cited and isinstance(record["sources"], list):
        check.problem(f"{where}.sources", "cite at least one source id")
    return cited


def _actors(check: _Checker, records: list[Any]) -> list[Actor]:
    built = []
    for where, record in check.each(records, "actors", _ACTOR, _ACTOR - {"affiliation"}):
        identifier = check.field(record, "id", where, check.identifier)
        kind = check.field(record, "kind", where, check.string)
        if kind is not None and kind not in ACTOR_KINDS:
            check.problem(f"{where}.kind", f"{kind!r} is not one of {', '.join(ACTOR_KINDS)}")
            kind = None
        name = check.field(record, "name", where, check.text)
        role = check.field(record, "role", where, check.text)
        affiliation = None
        if "affiliation" in record:
            affiliation = check.identifier(record["affiliation"], f"{where}.affiliation")
            if affiliation is not None:
                affiliation = check.ref(affiliation, f"{where}.affiliation", "actor")
        elif kind == "person":
            check.problem(f"{where}.affiliation", "missing; a person needs an affiliation "
                                                  "(an actor id)")
        cited = _sources_of(check, record, where)
        if identifier and kind and name and role and cited:
            built.append(Actor(identifier, kind, name, role, affiliation, cited))
    return built


def _events(check: _Checker, records: list[Any]) -> list[Event]:
    built = []
    required = {"id", "date", "title", "summary", "sources"}
    for where, record in check.each(records, "events", _EVENT, required):
        identifier = check.field(record, "id", where, check.identifier)
        date = check.field(record, "date", where, check.date)
        title = check.field(record, "title", where, check.text)
        summary = check.field(record, "summary", where, check.text)
        note = check.field(record, "note", where, check.text)
        actors = check.id_list(record.get("actors", []), f"{where}.actors", "actor")
        tags = check.id_list(record.get("tags", []), f"{where}.tags", "tag")
        cited = _sources_of(check, record, where)
        if identifier and date and title and summary and cited and (note or "note" not in record):
            built.append(Event(identifier, date, title, summary, note, actors, tags, cited))
    return built


def _clauses(check: _Checker, records: list[Any]) -> list[Clause]:
    built = []
    required = {"id", "number", "title", "parties", "signed", "summary", "sources"}
    for where, record in check.each(records, "clauses", _CLAUSE, required):
        identifier = check.field(record, "id", where, check.identifier)
        number = record.get("number")
        if "number" in record and (isinstance(number, bool) or not isinstance(number, int)
                                   or number < 1):
            check.problem(f"{where}.number", f"expected a whole number from 1, got {_kind(number)}")
            number = None
        title = check.field(record, "title", where, check.text)
        full_title = check.field(record, "full_title", where, check.text)
        parties = check.id_list(record.get("parties", []), f"{where}.parties", "actor")
        signatories = check.id_list(record.get("signatories", []), f"{where}.signatories", "actor")
        witnesses = check.id_list(record.get("witnesses", []), f"{where}.witnesses", "actor")
        signed = check.field(record, "signed", where, check.date)
        in_force = check.field(record, "in_force", where, check.date)
        summary = check.field(record, "summary", where, check.text)
        provisions = _provisions(check, record.get("provisions", []), f"{where}.provisions")
        cited = _sources_of(check, record, where)
        if identifier and number and title and signed and summary and cited:
            built.append(Clause(identifier, number, title, full_title, parties, signatories,
                                witnesses, signed, in_force, summary, provisions, cited))
    return built


def _provisions(check: _Checker, value: Any, where: str) -> tuple[Provision, ...]:
    if not isinstance(value, list):
        check.problem(where, f"expected an array of tables, got {_kind(value)}")
        return ()
    built = []
    numbers: set[str] = set()
    for position, record in enumerate(value):
        here = f"{where}[{position}]"
        if not check.table(record, here, _PROVISION, {"number", "text"}):
            continue
        number = check.field(record, "number", here, check.string)
        if number is not None and number in numbers:
            check.problem(f"{here}.number", f"duplicate provision number {number!r}")
        if number is not None:
            numbers.add(number)
        text = check.field(record, "text", here, check.text)
        tags = check.id_list(record.get("tags", []), f"{here}.tags", "tag")
        if number and text:
            built.append(Provision(number, text, tags))
    return tuple(built)
