"""Fold text for accent-, case- and Turkish-insensitive matching, and find matches."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from accordcli.errors import UsageError


@lru_cache(maxsize=4096)
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


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each folded character, the index of its source character.

    Folding changes lengths (ß→ss, İ→i, soft hyphens vanish), so highlighting must map
    positions back through this table rather than reuse folded offsets.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        if piece == " " and out and out[-1] == " ":
            continue  # runs of white space fold to one space
        out.extend(piece)
        origin.extend([index] * len(piece))
    return "".join(out), origin


def fold(text: str) -> str:
    """Return `text` folded: no accents, no case, Turkish i's unified, spaces collapsed."""
    return fold_with_map(text)[0].strip()


def query_words(query: str) -> tuple[str, ...]:
    """Split a search query into folded words; raise UsageError when it has none, since a
    blank search matching everything would hide the mistake."""
    words = tuple(word for word in fold(query).split(" ") if word)
    if not words:
        raise UsageError("a search needs at least one word")
    return words


def matches_all(words: Iterable[str], texts: Iterable[str]) -> bool:
    """True when every word occurs in at least one of the texts."""
    folded = " \n ".join(fold(text) for text in texts)
    return all(word in folded for word in words)


def highlight_ranges(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Return (start, end) ranges of `text` where any of the folded words occurs."""
    folded, origin = fold_with_map(text)
    ranges: list[tuple[int, int]] = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            end = start + len(word) - 1
            ranges.append((origin[start], origin[end] + 1))
            start = folded.find(word, start + 1)
    return _merge(ranges)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
