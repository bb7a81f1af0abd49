"""What an id may hold, and how an id is quoted in a message.

Ids are typed on command lines (accord event ID), in completion and in scripts, so they
may hold no character a shell reads, and no look-alike or invisible character. Ids are
compared ignoring case and normalisation (model.id_key).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from accordcli.i18n import N_, Message

# Characters a shell gives a meaning to (quoting, expansion, globbing, redirection, history,
# comments, the home directory). ";" also joins lists of ids in CSV, Markdown and line
# output. Spaces, controls and invisible characters are refused through the Unicode table
# (unicode_tables.py).
SHELL_SPECIAL = "$`\\*?'\"{}[];|&<>()!#~"
# The ASCII characters an id may not hold: the table's (controls, space, DEL) and the
# above; tests/test_id_chars.py checks it against id_refusal().
_ASCII_REFUSED = "[\x00-\x20\x7f" + re.escape(SHELL_SPECIAL) + "]"
_SPECIAL = N_("special to shells")
# unicode_tables.KINDS as the catalogue holds them, in the same order (tests/test_i18n.py
# checks they read the same): the table is generated, the messages are written here.
_KINDS = (
    N_("a control character"),
    N_("a space or line break"),
    N_("an invisible character"),
    N_("a private-use character"),
    N_("a surrogate"),
    N_("unassigned in Unicode {version}"),
)


@lru_cache(maxsize=1)
def _id_table() -> tuple[tuple[int, ...], tuple[tuple[int, int, int], ...], tuple[str, ...],
                         re.Pattern[str]]:
    # Imported and compiled on first use: a run that reads an index checks no ids.
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
        return _SPECIAL
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


def refusal(text: str, position: int) -> Message:
    """Return the one-line problem for an id whose character at `position` is refused."""
    char = text[position]
    shown, code, why = shown_id(text), f"U+{ord(char):04X}", _why(char)
    if " " <= char <= "~":  # printable ASCII: shown as well as numbered
        return Message("id {id} has {char} ({code}, {why}) at character {position}; remove "
                       "it, or use '-' or '_' between words", id=shown, char=repr(char),
                       code=code, why=why, position=position + 1)
    return Message("id {id} has {code} ({why}) at character {position}; remove it, or use "
                   "'-' or '_' between words", id=shown, code=code, why=why,
                   position=position + 1)


def _why(char: str) -> Message:
    """Return why an id may not contain `char` (a refused character) as a Message."""
    from accordcli.unicode_tables import UNICODE_VERSION

    why = id_refusal(char)
    kind = _SPECIAL if why == _SPECIAL else _KINDS[_id_table()[2].index(why)]
    return Message(kind, version=UNICODE_VERSION)
