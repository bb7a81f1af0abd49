"""Search queries and what they match: words, word starts and "quoted phrases".

A text is searched in its word form: folded as text.fold folds it (case, accents, Turkish
dotted and dotless i, invisible characters), with every character that is not a letter, a
digit or a mark turned into a space. Its words are what lies between the spaces, so
"Cenevre'de" holds the words "cenevre" and "de", and "UN-brokered" "un" and "brokered".

A query is a list of terms, all of which must match:
- an unquoted word matches a word of the text or the start of one (`cekil` finds
  "çekilme", `un` finds "UN" and "UNGOMAP" but never "founded");
- a "quoted phrase" matches those whole words, in that order, in one text;
- an unquoted word that folds to several words ("UN-brokered", "Cenevre'de") matches them
  as a phrase whose last word may be a word start.

The pure-Python matcher here and the SQLite index (fts.py) give the same answers; the
tests hold them to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from accordcli.errors import EmptySearch
from accordcli.text import fold_piece, fold_with_map


class _WordTable(dict[int, str]):
    """Each code point's word form, for str.translate, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        piece = "".join(c if unicodedata.category(c)[0] in "LNM" else " "
                        for c in fold_piece(code))
        if len(self) < 1 << 16:
            self[code] = piece
        return piece


_WORD_TABLE = _WordTable()
_SPACES = re.compile(" {2,}")


def word_form(text: str) -> str:
    """Return the words of `text`, folded, each separated from the next by one space."""
    return _SPACES.sub(" ", text.translate(_WORD_TABLE)).strip()


def words_of(text: str) -> list[str]:
    """Return the folded words of `text`, in order."""
    form = word_form(text)
    return form.split(" ") if form else []


# In a text's word form words are separated by a space, and two texts by a newline: a
# phrase, whose words a space separates, never spans two texts.
_BEFORE = r"(?<![^ \n])"
_AFTER = r"(?![^ \n])"


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a query asks for: one word or a phrase of several, in their word form."""

    words: tuple[str, ...]
    prefix: bool  # the last word may be the start of a word of the text

    @property
    def exact(self) -> Term:
        """The same term where every word must be whole."""
        return Term(self.words, False)

    @property
    def key(self) -> str:
        """The term as Listing.highlight carries it: its words, and a trailing space when
        the last word must be whole (no word form ends with a space)."""
        return " ".join(self.words) + ("" if self.prefix else " ")

    @classmethod
    def of_key(cls, key: str) -> Term:
        return cls(tuple(key.split()), not key.endswith(" "))

    def pattern(self) -> re.Pattern[str]:
        return _compiled(self)

    def found_in(self, form: str) -> bool:
        """True when the term occurs in `form` (word forms joined by newlines)."""
        return _compiled(self).search(form) is not None


_PATTERNS: dict[Term, re.Pattern[str]] = {}


def _compiled(term: Term) -> re.Pattern[str]:
    pattern = _PATTERNS.get(term)
    if pattern is None:
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        body = " ".join(re.escape(word) for word in term.words)
        pattern = _PATTERNS[term] = re.compile(_BEFORE + body + ("" if term.prefix else _AFTER))
    return pattern


@dataclass(frozen=True)  # not slots: `exact` is cached on the instance
class Query:
    """Terms that must all match, each somewhere in a record (in any of its languages)."""

    terms: tuple[Term, ...]

    @cached_property
    def exact(self) -> Query:
        """The same query where every word must be whole."""
        return Query(tuple(dict.fromkeys(term.exact for term in self.terms)))

    @property
    def spelled(self) -> str:
        """Every word of the query in order, as an id's word form would spell them."""
        return " ".join(word for term in self.terms for word in term.words)

    @property
    def highlight(self) -> tuple[str, ...]:
        """The terms as Listing.highlight carries them (Term.key)."""
        return tuple(term.key for term in self.terms)

    def matches(self, form: str) -> bool:
        """True when every term occurs in `form` (word forms joined by newlines)."""
        return all(term.found_in(form) for term in self.terms)


def parse_query(texts: str | Sequence[str]) -> Query:
    """Return the query that `texts` ask for, all of them at once (a repeated --search asks
    for every term of each); raise EmptySearch when one of them holds no word, since a
    blank search matching everything would hide the mistake."""
    terms: list[Term] = []
    for text in [texts] if isinstance(texts, str) else texts:
        found = _terms(text)
        if not found:
            raise EmptySearch()
        terms.extend(found)
    return Query(tuple(dict.fromkeys(terms)))  # a term said twice asks nothing more


def _terms(text: str) -> list[Term]:
    terms = []
    # Between quotes (odd pieces) a phrase; an unclosed quote runs to the end.
    for index, piece in enumerate(text.split('"')):
        if index % 2:
            words = words_of(piece)
            if words:
                terms.append(Term(tuple(words), False))
            continue
        for chunk in piece.split():
            words = words_of(chunk)
            if words:
                terms.append(Term(tuple(words), True))
    return terms


def form_of(texts: Iterable[str]) -> str:
    """Return the word forms of `texts` joined so that no phrase can span two of them."""
    return "\n".join(map(word_form, texts))


# --------------------------------------------------------------- places in the original


def _spans(text: str, terms: Iterable[Term]) -> list[tuple[int, int]]:
    """Return where in `text` (its own indexes) each term occurs, in order of start."""
    form, origin = fold_with_map(text, _WORD_TABLE)
    found = []
    for term in terms:
        for match in term.pattern().finditer(form):
            found.append((origin[match.start()], origin[match.end() - 1] + 1))
    return sorted(found)


def highlight_ranges(text: str, keys: Iterable[str]) -> list[tuple[int, int]]:
    """Return the merged (start, end) ranges of `text` where the terms (Term.key) occur."""
    ranges: list[tuple[int, int]] = []
    for start, end in _spans(text, [Term.of_key(k) for k in keys if k.strip()]):
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return ranges


SNIPPET = 200  # the most characters a snippet holds, its "…" included
_CONTEXT = 60  # about how much text a snippet keeps before the first match
_BLANKS = re.compile(r"\s+")


def snippet(text: str, query: Query) -> str | None:
    """Return the excerpt of `text` (at most SNIPPET characters, on one line) around the
    first place any term occurs, cut between words with "…"; None if no term occurs."""
    spans = _spans(text, query.terms)
    return excerpt(text, *spans[0]) if spans else None


def excerpt(text: str, start: int, end: int) -> str:
    """Return at most SNIPPET characters of `text` on one line, around text[start:end]."""
    if len(text) > SNIPPET:
        first = max(0, start - _CONTEXT)
        if first:  # begin at a word: after the first blank at or past `first`
            blank = _BLANKS.search(text, first, start)
            first = blank.end() if blank else start
        lead = "…" if first else ""
        rest = text[first:]
        if len(lead) + len(rest) > SNIPPET:
            room = SNIPPET - len(lead) - 1
            cut = max((m.start() for m in _BLANKS.finditer(rest, 0, room + 1)), default=0)
            # Cut between words, unless that would leave out the match itself.
            kept = rest[:cut] if cut > end - first else rest[:room]
            text = lead + kept.rstrip() + "…"
        else:
            text = lead + rest
    return _BLANKS.sub(" ", text).strip()
