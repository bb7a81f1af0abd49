"""Make untrusted data text safe to show in a terminal."""

from __future__ import annotations

import re
import sys
from functools import lru_cache

# C0 controls except newline, DEL, C1 controls, the line and paragraph separators (which
# start a new line for a terminal and for str.splitlines), and the bidirectional-formatting
# characters (embeddings, overrides, isolates, marks) that can reorder what a reader sees.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return `text` with control and bidi characters shown as escapes such as \\x1b."""
    return _UNSAFE.sub(_escape, text)


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


def representable(text: str) -> str:
    """Return `text` with what stdout's encoding cannot show already replaced: common
    punctuation by its plain spelling, anything else by a backslash escape.

    The stream would escape those characters anyway (see output.prepare_streams); doing it
    before layout keeps table columns and chart labels aligned.
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        return text
    try:
        plain = text.translate(_plain_for(encoding))
        return plain.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text


def one_line(text: str) -> str:
    """Return `text` made visible and folded onto one line, for line-per-record output."""
    return " ".join(visible(text).split("\n"))


def json_safe(encoded: str) -> str:
    """Escape DEL, C1 and bidi characters that json.dumps(ensure_ascii=False) leaves raw.

    The result is still valid JSON and decodes to the same data.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
