"""Text as accord compares and shows it: folding, unsafe characters, cells and truncation.

- Folding makes matching ignore case, accents and Turkish dotted/dotless i (what a search
  matches, in those folded texts, is match.py's business).
- Data text is untrusted: `visible` shows control and bidi characters as escapes, and
  `representable` spells what the output encoding cannot hold.
- `cell` flattens a record value into one table cell; `truncate` cuts shown text to a
  number of terminal cells.

Every step costs in proportion to the text, never to the text times a query or a width:
folding runs in str.translate, and cutting measures each character once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain, repeat

# ---------------------------------------------------------------------------- folding


def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    if unicodedata.category(char) == "Cf":  # soft hyphen, zero-width space, bidi controls
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    # Dropping combining marks turns ç→c, ş→s, ğ→g and İ (I + dot above) → I.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Dotless ı has no decomposition; Turkish readers type "i" for it.
    return stripped.replace("ı", "i").casefold()


# Code points remembered at most: a text holding every character there is still folds
# correctly, and the table stays a few MB.
_TABLE_LIMIT = 1 << 16


class _FoldTable(dict[int, str]):
    """Each code point's fold, for str.translate, filled in as characters are first met."""

    def __missing__(self, code: int) -> str:
        piece = _fold_char(chr(code))
        if len(self) < _TABLE_LIMIT:
            self[code] = piece
        return piece


_TABLE = _FoldTable()
# Only whole-space pieces hold a space at either end (checked for every code point in the
# tests), so collapsing runs of spaces after translating equals collapsing as pieces join.
_SPACES = re.compile(" {2,}")


def fold(text: str) -> str:
    """Return `text` folded: no accents, no case, Turkish i's unified, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


def fold_piece(code: int) -> str:
    """Return what the character with this code point folds to (perhaps "", or several)."""
    return _TABLE[code]


def fold_with_map(text: str, table: dict[int, str] = _TABLE) -> tuple[str, list[int]]:
    """Fold `text` (through `table`, by default fold's own) and return, for each folded
    character, the index of its source character; runs of spaces become one, not stripped.

    Folding changes lengths (ß→ss, İ→i, soft hyphens vanish), so highlighting must map
    positions back through this table rather than reuse folded offsets.
    """
    pieces = list(map(table.__getitem__, map(ord, text)))
    joined = "".join(pieces)
    if len(joined) == len(text) and "" not in pieces:
        origin = list(range(len(text)))  # every character folded to one: the usual case
    else:
        # Source index i repeated once per folded character it became, built in C.
        origin = list(chain.from_iterable(map(repeat, range(len(text)), map(len, pieces))))
    if "  " not in joined:
        return joined, origin
    parts: list[str] = []
    kept: list[int] = []
    start = 0
    for run in _SPACES.finditer(joined):  # runs of white space fold to their first space
        stop = run.start() + 1
        parts.append(joined[start:stop])
        kept.extend(origin[start:stop])
        start = run.end()
    parts.append(joined[start:])
    kept.extend(origin[start:])
    return "".join(parts), kept


# ------------------------------------------------------------------- unsafe characters

# C0 controls except newline, DEL, C1 controls, the line and paragraph separators (which
# start a new line for a terminal and for str.splitlines), and the bidirectional-formatting
# characters (embeddings, overrides, isolates, marks) that can reorder what a reader sees.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return `text` with control and bidi characters shown as escapes such as \\x1b."""
    return UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Return `text` made visible and folded onto one line, for line-per-record output."""
    return " ".join(visible(text).split("\n"))


def json_safe(encoded: str) -> str:
    """Escape DEL, C1 and bidi characters that json.dumps(ensure_ascii=False) leaves raw.

    The result is still valid JSON and decodes to the same data.
    """
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# Punctuation that has a plain spelling, used where the encoding cannot show the original:
# "1988-12-03 ... 1988-12-04" reads better than "1988-12-03 \u2026 1988-12-04".
_PLAIN_PUNCTUATION = {"…": "...", "–": "-", "—": "--", "‘": "'", "’": "'", "“": '"', "”": '"',
                      "«": "<<", "»": ">>", "\u00a0": " "}


@lru_cache(maxsize=8)
def _plain_for(encoding: str) -> dict[int, str]:
    """Return the plain spellings of the punctuation `encoding` cannot show."""
    table = {}
    for char, plain in _PLAIN_PUNCTUATION.items():
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            table[ord(char)] = plain
    return table


def is_utf(encoding: str) -> bool:
    """True for the UTF encodings, which can show any character."""
    return encoding.lower().replace("-", "").replace("_", "").startswith("utf")


def representable(text: str, encoding: str) -> str:
    """Return `text` with what `encoding` cannot show already replaced: common punctuation
    by its plain spelling, anything else by a backslash escape.

    The output stream would escape those characters anyway (see output.prepare_streams);
    doing it before layout keeps table columns and chart labels aligned.
    """
    if is_utf(encoding):
        return text
    try:
        plain = text.translate(_plain_for(encoding))
        return plain.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text


# ------------------------------------------------------------------- cells and cutting

Cell = str | int | bool | None | tuple[str, ...] | list[str]


def cell(value: Cell, joiner: str = ";") -> str:
    """Return a record value as flat text: list items joined with `joiner` (";" where
    machines read it, ", " where people do), None as empty, booleans spelled as in JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return joiner.join(cell(v, joiner) for v in value)
    return str(value)


_JOINER = "\u200d"  # zero-width joiner
_WIDENER = "\ufe0f"  # variation selector 16: an emoji presentation


def shown(text: str, encoding: str) -> str:
    """Return `text` as a terminal line shows it: visible, on one line, representable."""
    return representable(one_line(text), encoding)


def truncate(text: str, width: int, ellipsis: str, encoding: str, *,
             strip: bool = False) -> str:
    """Return `text` as shown (see `shown`), cut to at most `width` cells with `ellipsis`;
    with `strip`, white space the cut leaves before the ellipsis is dropped.

    The cut falls between whole characters of `text`: never inside an escape such as
    \\u202e, nor inside the plain spelling of a character.
    """
    from rich.cells import cell_len  # only terminal output measures cells

    line = shown(text, encoding)
    if cell_len(line) <= width:
        return line
    end = _fitting(line, width - len(ellipsis))
    if len(line) != len(text):  # some characters became several: back off to a whole one
        end = _whole(text, end, encoding)
    kept = line[:end]
    return (kept.rstrip() if strip else kept) + ellipsis


def _whole(text: str, end: int, encoding: str) -> int:
    """Return the largest length at most `end` of the shown text of a prefix of `text`."""
    length = 0
    for char in text:
        piece = len(shown(char, encoding))  # every step of `shown` maps one character
        if length + piece > end:
            break
        length += piece
    return length


def _fitting(text: str, room: int) -> int:
    """Return the length of the longest prefix of `text` that rich's cell_len measures at
    most `room` cells, in one pass: each character's cells are added as cell_len counts
    them (a joiner hides itself and the next character; a variation selector widens the
    character before it by one)."""
    from rich.cells import get_character_cell_size

    if room < 0:
        return 0
    used = 0
    widenable: str | None = None  # the last character with a width, which VS16 widens
    index = 0
    while index < len(text):
        char = text[index]
        if char == _JOINER:
            index += 2
            continue
        if char == _WIDENER:
            cells = int(widenable is not None and _widens(widenable))
            widenable = None
        else:
            cells = get_character_cell_size(char)
            if cells:
                widenable = char
        if used + cells > room:
            return index
        used += cells
        index += 1
    return len(text)


@lru_cache(maxsize=256)
def _widens(char: str) -> bool:
    """True when a variation selector 16 after `char` makes it a cell wider."""
    from rich.cells import cell_len

    return cell_len(char + _WIDENER) > cell_len(char)


# A name that a listing repeats for every record referring to it is cut to this many
# characters (the shipped data's longest is 73), so that output stays in proportion to
# the data. Where a name is shown once it is whole; JSON and CSV carry the ids.
LISTED_NAME = 100


def listed(name: str) -> str:
    """Return `name` as a listing repeats it: whole, or cut to LISTED_NAME characters."""
    return name if len(name) <= LISTED_NAME else name[:LISTED_NAME - 1] + "…"
