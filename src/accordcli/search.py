"""Fold text for accent-, case- and Turkish-insensitive matching, and find matches.

Every step here costs in proportion to the text (and, for matching, to the distinct words
of the query), never to the text times a repeated query: folding runs in str.translate,
repeated query words count once, and highlighting looks at each position of a text once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, repeat

from accordcli.errors import UsageError
from accordcli.i18n import Message


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
    """Each code point's fold, for str.translate, filled in as characters are first met, so
    that folding a text runs in C rather than once per character in Python."""

    def __missing__(self, code: int) -> str:
        piece = _fold_char(chr(code))
        if len(self) < _TABLE_LIMIT:
            self[code] = piece
        return piece


_TABLE = _FoldTable()
# Only whole-space pieces hold a space at either end (checked for every code point in the
# tests), so collapsing runs of spaces after translating equals collapsing as pieces join.
_SPACES = re.compile(" {2,}")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each folded character, the index of its source character.

    Folding changes lengths (ß→ss, İ→i, soft hyphens vanish), so highlighting must map
    positions back through this table rather than reuse folded offsets.
    """
    pieces = list(map(_TABLE.__getitem__, map(ord, text)))
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


def fold(text: str) -> str:
    """Return `text` folded: no accents, no case, Turkish i's unified, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


def query_words(query: str) -> tuple[str, ...]:
    """Split a search query into its distinct folded words, in order; raise UsageError when
    it has none, since a blank search matching everything would hide the mistake.

    A word said twice asks nothing more, and would otherwise be matched and highlighted
    again for every time it was said.
    """
    words = tuple(dict.fromkeys(word for word in fold(query).split(" ") if word))
    if not words:
        raise UsageError(Message("a search needs at least one word"))
    return words


def fold_texts(texts: Iterable[str]) -> str:
    """Return the texts folded and joined so that no word can span two of them."""
    return " \n ".join(fold(text) for text in texts)


def matches_all(words: Iterable[str], texts: Iterable[str]) -> bool:
    """True when every word occurs in at least one of the texts."""
    return contains_all(words, fold_texts(texts))


def contains_all(words: Iterable[str], folded: str) -> bool:
    """True when every word occurs in `folded` (from fold_texts)."""
    return all(word in folded for word in words)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # The longest word first, inside a lookahead: each position yields the longest word
    # that starts there, overlapping ones included, and a position is visited once
    # however many words there are.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?=({alternatives}))")


def highlight_ranges(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Return the merged (start, end) ranges of `text` where any of the folded words occurs.

    The work is one pass over the text: at most one match per position, whatever the
    query repeats.
    """
    unique = tuple(dict.fromkeys(w for w in words if w))
    if not unique:
        return []
    folded, origin = fold_with_map(text)
    ranges: list[tuple[int, int]] = []
    for found in _pattern(unique).finditer(folded):
        start = origin[found.start()]
        end = origin[found.start() + len(found.group(1)) - 1] + 1
        # Matches arrive in order of their start, so a range only ever joins the last one.
        if ranges and start <= ranges[-1][1]:
            if end > ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges
