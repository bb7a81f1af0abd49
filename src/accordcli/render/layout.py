"""Where a listing's columns go on a terminal: each column's width, and each cell wrapped
into lines of at most that width with its words whole.

Short columns (ids, kinds, counts, dates) are as wide as their content; the text columns
share the rest, as narrow as lets every row take the fewest lines, and the main one (a
title, a role, a provision's text) takes what is left over. Below the width a table needs,
there is no layout (None): the records are stacked instead (terminal.py).

Everything here is measured in terminal cells of the text as shown (control characters as
escapes, what the encoding cannot hold spelled out), and costs in proportion to the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, chop_cells

from accordcli.text import representable, shown, truncate, visible

# Short values, shown whole on one line: their column is as wide as the widest.
FIXED = frozenset({"date", "id", "number", "start", "end", "first", "last", "event_count",
                   "signed", "in_force", "kind", "match", "from", "to", "years", "months",
                   "days", "total_days", "exact", "citation_count", "years_ago"})
# Dates an interval joins with "/" ("1979-10-08?/1979-10-09?"), which may break after the
# "/" when the table would not fit otherwise.
DATES = frozenset({"date", "start", "end", "first", "last", "signed", "in_force"})
# Prose a row of a listing shows the start of (an actor's role runs to a paragraph): this
# many lines at most, or as many as the row's other cells take, cut with an ellipsis. The
# record's own view shows it whole.
LIMITED = {"role": 2}
# A cut cell shows at least this many characters, in more lines if it must.
LIMITED_SHOWN = 30
# The text column that takes the width left over: the first of these the listing has, else
# the one with the most text.
MAIN = ("text", "snippet", "role", "title")
# Between two columns.
GAP = 2
# A text column is at least as wide as its longest word up to this: a longer one (an id,
# a web address) is cut rather than widen the column.
LONGEST_WORD = 20
# The narrowest a cut-to-fit column may be: enough for a phrase and its ellipsis.
MIN_LIMITED = 20

_WORDS = re.compile(r"[^ \n]+|\n")
_DATE_PARTS = re.compile(r"[^ \n/]*/|[^ \n/]+|\n")


# A web address alone on a line: what `whole` keeps whole.
_LINK = re.compile(r"[a-z][a-z0-9+.-]*://\S+")


class Words(NamedTuple):
    """A cell's text cut into the pieces a line may break between."""

    text: str  # as in the data
    starts: list[int]  # each piece's start in `text`; a "\n" piece is a line break
    ends: list[int]
    widths: list[int]  # each piece's cells, as shown; -1 for a line break

    @property
    def natural(self) -> int:
        """The cells of its widest line, unwrapped."""
        widest = line = 0
        end = -1
        for start, stop, width in zip(self.starts, self.ends, self.widths, strict=True):
            if width < 0:
                line, end = 0, -1
                continue
            line += width + (start - end if end >= 0 else 0)
            end = stop
            widest = max(widest, line)
        return widest

    @property
    def longest(self) -> int:
        """The cells of its widest piece."""
        return max(self.widths, default=0)


def words(text: str, encoding: str, *, dates: bool = False, flat: bool = False) -> Words:
    """Return `text` cut into pieces at spaces (and, for `dates`, after "/"); with `flat`,
    a line break reads as a space."""
    if flat:
        text = text.replace("\n", " ")
    pattern = _DATE_PARTS if dates else _WORDS
    starts: list[int] = []
    ends: list[int] = []
    widths: list[int] = []
    same = representable(visible(text), encoding) == text
    for found in pattern.finditer(text):
        piece = found.group()
        starts.append(found.start())
        ends.append(found.end())
        if piece == "\n":
            widths.append(-1)
        elif same:
            widths.append(len(piece) if piece.isascii() else cell_len(piece))
        else:
            widths.append(cell_len(representable(visible(piece), encoding)))
    return Words(text, starts, ends, widths)


def line_count(cell: Words, width: int) -> int:
    """Return how many lines `cell` wraps into at `width` (a piece wider is one line)."""
    lines = 0
    used = -1  # cells on the current line; -1 before its first piece
    end = 0
    for start, stop, cells in zip(cell.starts, cell.ends, cell.widths, strict=True):
        if cells < 0:
            lines += 1
            used = -1
        elif used < 0:
            used = cells
        elif used + (start - end) + cells <= width:
            used += (start - end) + cells
        else:
            lines += 1
            used = cells
        end = stop
    return lines + (used >= 0) or 1


def wrap(cell: Words, width: int, encoding: str, mark: str, *, max_lines: int = 0,
         fold: bool = False, whole: bool = False) -> list[str]:
    """Return `cell` as shown lines of at most `width` cells, broken between pieces.

    A piece wider than the column is cut to fit with `mark` (an id or a web address in a
    table), or with `fold` continued on the next lines; with `whole`, a web address is
    left whole on a line of its own, wider than `width` (beside a label: the terminal wraps
    it softly, and it can still be copied). With `max_lines`, what does not fit in them is cut
    with `mark` at the end of the last.
    """
    spans: list[tuple[int, int]] = []  # each line's start and end in cell.text
    first = -1  # the current line's start; -1 before its first piece
    end = used = 0
    text = cell.text
    for start, stop, cells in zip(cell.starts, cell.ends, cell.widths, strict=True):
        if max_lines and len(spans) > max_lines:
            break
        if cells < 0:
            spans.append((first, end) if first >= 0 else (start, start))
            first = -1
        elif first >= 0 and used + (start - end) + cells <= width:
            used += (start - end) + cells
        else:
            if first >= 0:
                spans.append((first, end))
            first, used = start, cells
        end = stop
    if first >= 0:
        spans.append((first, end))
    lines: list[str] = []
    for number, (start, stop) in enumerate(spans):
        if max_lines and number == max_lines - 1 and len(spans) > max_lines:
            lines.append(truncate(text[start:], width, mark, encoding, strip=True))
            break
        line = shown(text[start:stop], encoding)
        if cell_len(line) <= width or (whole and _LINK.fullmatch(line)):
            lines.append(line)
        elif fold:
            lines.extend(chop_cells(line, width))
        else:
            lines.append(truncate(text[start:stop], width, mark, encoding))
    return lines or [""]


class Column(NamedTuple):
    """What a column needs: its key, header and cells."""

    key: str
    header: Words
    cells: list[Words]


def _narrowest(column: Column, compact: bool = True) -> int:
    """Return the narrowest a column can be; a fixed one only when `compact`."""
    header = column.header.longest
    if column.key in FIXED:
        if not compact:
            return _natural(column)
        if column.key in DATES:
            return max(header, max((c.longest for c in column.cells), default=0))
        return _natural(column)
    if column.key in LIMITED:
        return max(header, min(_natural(column), MIN_LIMITED))
    return max(header, min(LONGEST_WORD, max((c.longest for c in column.cells), default=0)))


def _natural(column: Column) -> int:
    return max([column.header.natural, *(cell.natural for cell in column.cells)])


def main_column(columns: Sequence[Column]) -> int:
    """Return the index of the text column that takes the width left over, or -1."""
    keys = [c.key for c in columns]
    for key in MAIN:
        if key in keys:
            return keys.index(key)
    text = [(sum(cell.natural for cell in c.cells), i) for i, c in enumerate(columns)
            if c.key not in FIXED]
    return max(text)[1] if text else -1


def needed(columns: Sequence[Column]) -> int:
    """Return the narrowest width a table of these columns can be drawn at."""
    return GAP * (len(columns) - 1) + sum(_narrowest(c) for c in columns)


def _width_for(cells: list[Words], lines: int, low: int, high: int) -> int:
    """Return the narrowest width from `low` to `high` at which every cell takes at most
    `lines` lines (`high` if none is)."""
    best = low
    for cell in cells:
        best = max(best, min(high, -(-cell.natural // lines)))
        while best < high and line_count(cell, best) > lines:
            best += 1
    return best


def widths(columns: Sequence[Column], width: int) -> list[int] | None:
    """Return each column's width in a table at most `width` cells wide, or None when the
    table would not fit.

    Dates break (after their "/", or at a space) when that lets the table fit, or take
    fewer lines. Ids are never cut: a table too narrow for them is stacked instead, since
    an id is what the next command takes.
    """
    natural = [_natural(c) for c in columns]
    narrowest = [_narrowest(c) for c in columns]
    room = width - GAP * (len(columns) - 1)
    if sum(narrowest) > room:
        return None
    text = [i for i, c in enumerate(columns) if c.key not in FIXED]
    texts = sum(narrowest[i] for i in text)
    whole = [natural[i] if i not in text else 0 for i in range(len(columns))]
    broken = [narrowest[i] if i not in text else 0 for i in range(len(columns))]
    if sum(whole) + texts > room:
        return _shared(columns, broken, room, natural, narrowest)
    first = _shared(columns, whole, room, natural, narrowest)
    if broken == whole or len(columns[0].cells) > _COMPARED_ROWS:
        return first
    second = _shared(columns, broken, room, natural, narrowest)
    return second if height(columns, second) < height(columns, first) else first


# Above this many rows, the two ways to lay out dates are not both measured.
_COMPARED_ROWS = 500


def height(columns: Sequence[Column], sizes: Sequence[int]) -> int:
    """Return how many lines the rows of a table take at these widths."""
    total = 0
    for row in range(len(columns[0].cells) if columns else 0):
        tallest = 1
        for column, size in zip(columns, sizes, strict=True):
            lines = line_count(column.cells[row], size)
            if column.key in LIMITED:
                lines = min(lines, LIMITED[column.key])
            tallest = max(tallest, lines)
        total += tallest
    return total


def _shared(columns: Sequence[Column], fixed: list[int], room: int, natural: list[int],
            narrowest: list[int]) -> list[int]:
    """Return the widths with the text columns sharing what the fixed ones leave: as narrow
    as lets the tallest row take the fewest lines, then the main one widened first."""
    result = list(fixed)
    room -= sum(fixed)
    text = [i for i, c in enumerate(columns) if c.key not in FIXED]
    if sum(natural[i] for i in text) <= room:
        for i in text:
            result[i] = natural[i]
        return result
    limited = [i for i in text if columns[i].key in LIMITED]
    wrapped = [i for i in text if i not in limited]
    share = room - sum(narrowest[i] for i in limited)

    def fitted(lines: int) -> list[int]:
        return [_width_for(columns[i].cells, lines, narrowest[i], natural[i])
                for i in wrapped]

    # The fewest lines a row need take with every wrapped column fitted to them.
    low, high = 1, max((c.natural for i in wrapped for c in columns[i].cells), default=1)
    while low < high:
        middle = (low + high) // 2
        if sum(fitted(middle)) <= share:
            high = middle
        else:
            low = middle + 1
    chosen = fitted(low)
    if sum(chosen) > share:
        chosen = [narrowest[i] for i in wrapped]
    for i, given in zip(wrapped, chosen, strict=True):
        result[i] = given
    for i in limited:
        result[i] = narrowest[i]
    left = room - sum(result[i] for i in text)
    main = main_column(columns)
    order = ([main] if main in text else []) + [i for i in text if i != main]
    for i in order:
        extra = min(left, natural[i] - result[i])
        if extra > 0:
            result[i] += extra
            left -= extra
    return result
