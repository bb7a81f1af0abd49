"""Problems found in a data file, and the line of the file each one is about.

Validation works on the parsed document, which has no positions (tomllib keeps none), so
a problem names where it is in the data ("events[3] (id 'x').date"); `Lines` finds that
record or key in the file's text afterwards, only when something is wrong.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from accordcli.i18n import Message

ERROR = "error"
WARNING = "warning"


class Problem(NamedTuple):
    """One problem with a data file: what is wrong, where in the data and on which line."""

    message: Message
    # Where in the data ("events[3] (id 'x').date"); None for the file as a whole.
    where: str | Message | None = None
    line: int | None = None  # 1-based, in the file as written
    column: int | None = None  # 1-based, where the parser knows it
    severity: str = ERROR  # an ERROR makes the file unusable; a WARNING is advice
    cause: bool = False  # likely the cause of others (a repeated id): reported first

    def position(self) -> str:
        """Return ":LINE" or ":LINE:COLUMN" as compilers write it after a file name, or ""."""
        if self.line is None:
            return ""
        return f":{self.line}" if self.column is None else f":{self.line}:{self.column}"

    def reported(self, path: str) -> Message:
        """Return the problem as one message after the file's name and line, as compilers
        write it ("my.toml:12: events[3] (id 'x').date: ...")."""
        # Translators: a problem in a data file, after the file's name and line (":12"),
        # as compilers write it.
        return Message("{path}{line}: {problem}", path=path, line=self.position(),
                       problem=self.said())

    def said(self) -> Message:
        """Return the problem as one message, after where it is."""
        if self.where is None:
            return self.message
        # Translators: a problem in a data file, after where in the file it is, as in
        # "events[3] (id 'x').date: expected a date string ...".
        return Message("{where}: {problem}", where=self.where, problem=self.message)


def with_lines(problems: Iterable[Problem], text: str) -> list[Problem]:
    """Return the problems, each with the line of `text` its location names (where found)."""
    lines = Lines(text)
    found = [p if p.line is not None or p.where is None
             else p._replace(line=lines.line_of(str(p.where))) for p in problems]
    # In the order of the file, as an editor goes through them; causes first, problems of
    # the whole file (no line) last.
    return sorted(found, key=lambda p: (not p.cause, p.line is None, p.line or 0))


# A location as checker.py writes it: "events[3] (id 'x').title.tr", "clauses (id 'x').number",
# "dataset.title". The id is a Python repr (ids.shown_id), so its quotes are escaped inside.
_LOCATION = re.compile(
    r"""(?P<table>[A-Za-z_]\w*)(?:\[(?P<position>\d+)\])?"""
    r"""(?:\ \(id\ (?P<id>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\))?(?P<rest>.*)""",
    re.DOTALL)
_TOP = "(top level)."  # checker.py's English for a key outside every table
_STEP = re.compile(r"\.([A-Za-z_]\w*)(?:\[(\d+)\])?")
# A table header, [name] or [[name]], with optional spaces and quoted parts.
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]*?)\s*\]")
_TRIPLE = re.compile(r'"""|\'\'\'')


class Lines:
    """The table headers of a TOML text, to find the line of a record or key by its path."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # (index, header name, is an array of tables), in file order; headers inside a
        # multi-line string are text, not headers.
        self.headers: list[tuple[int, str, bool]] = []
        open_quote: str | None = None
        for index, line in enumerate(self.lines):
            if open_quote is None:
                found = _HEADER.match(line)
                if found:
                    name = re.sub(r"""\s*\.\s*""", ".", found.group(2)).replace('"', "")
                    self.headers.append((index, name.replace("'", ""), found.group(1) == "[["))
            for quote in _TRIPLE.findall(line):
                open_quote = quote if open_quote is None else (
                    None if quote == open_quote else open_quote)
        self._starts = [index for index, _, _ in self.headers]
        # (name, is an array) -> positions in self.headers, in file order.
        self._named: dict[tuple[str, bool], list[int]] = {}
        for k, (_, name, array) in enumerate(self.headers):
            self._named.setdefault((name, array), []).append(k)

    def line_of(self, where: str) -> int | None:
        """Return the 1-based line that `where` names, or the nearest enclosing one."""
        if where.startswith(_TOP):  # a key outside every table
            at = self._key(where[len(_TOP):], -1, len(self.lines))
            return at + 1 if at is not None else None
        found = _LOCATION.fullmatch(where)
        if not found:
            return None
        table, rest = found.group("table"), found.group("rest")
        if _STEP.sub("", rest):
            return None  # not a location checker.py writes
        steps = [(key, int(index) if index else None) for key, index in _STEP.findall(rest)]
        if found.group("position") is not None:
            span = self._record(table, int(found.group("position")), 0, len(self.lines))
        elif found.group("id") is not None:
            span = self._record_by_id(table, found.group("id")[1:-1])
        else:
            span = self._table(table)
        if span is None:
            return None
        start, end, prefix = span
        line = start
        for key, position in steps:
            nested = self._record(f"{prefix}.{key}", position, start, end) if position is not None \
                else None
            if nested is not None:
                start, end, prefix = nested
                line = start
                continue
            at = self._key(key, start, end)
            if at is None:
                break
            line = at
            break  # inside a value (an inline table or array): its key's line is the answer
        return line + 1

    def _table(self, name: str) -> tuple[int, int, str] | None:
        """Return the lines of the [name] table."""
        for k in self._named.get((name, False), ()):
            index = self.headers[k][0]
            return index, self._end(k, name), name
        return None

    def _record(self, name: str, position: int, start: int, end: int
                ) -> tuple[int, int, str] | None:
        """Return the lines of the `position`th [[name]] between start and end."""
        named = self._named.get((name, True), [])
        first = bisect.bisect_left(named, start, key=lambda k: self.headers[k][0])
        if first + position < len(named):
            k = named[first + position]
            index = self.headers[k][0]
            if index < end:
                return index, self._end(k, name), name
        if start <= 0 and name and "." not in name:
            # An inline array ("events = [ {...} ]"): the key's line.
            at = self._key(name, -1, end)
            return (at, at + 1, name) if at is not None else None
        return None

    def _record_by_id(self, name: str, identifier: str) -> tuple[int, int, str] | None:
        wanted = re.compile(r"""\s*id\s*=\s*["']""" + re.escape(identifier) + """["']""")
        for k in self._named.get((name, True), ()):
            index = self.headers[k][0]
            end = self._end(k, name)
            if any(wanted.match(line) for line in self.lines[index + 1:end]):
                return index, end, name
        return None

    def _end(self, k: int, name: str) -> int:
        """Return where the table of the k-th header ends: the next header that is not one of
        its own sub-tables."""
        for j in range(k + 1, len(self.headers)):
            index, header, _ = self.headers[j]
            if not header.startswith(name + "."):
                return index
        return len(self.lines)

    def _key(self, key: str, start: int, end: int) -> int | None:
        """Return the line of `key = ...` in the table starting at `start` (its own lines,
        before any sub-table's header)."""
        # The first header after `start` ends the table's own keys.
        after = bisect.bisect_right(self._starts, start)
        stop = min(self._starts[after], end) if after < len(self._starts) else end
        pattern = re.compile(r"""\s*(?:"KEY"|'KEY'|KEY)\s*[=.]""".replace("KEY", re.escape(key)))
        for index in range(start + 1, stop):
            if pattern.match(self.lines[index]):
                return index
        return None
