"""The index's full-text tables: SQLite FTS5 over the word form of every searchable text,
answering a search with its best hits, ranked in SQL, without building the others.

Texts are indexed in their word form (match.word_form): folded as accord folds, which
FTS5's own unicode61 folding cannot do (it knows no Turkish dotless ı), and split into
words by accord's rule. FTS5's `ascii` tokenizer then splits only at the spaces left: it
takes every character outside ASCII as part of a word, so no Unicode table of SQLite's
own (of another Unicode version than Python's) decides what a word is, and this matcher
and match.py's agree on every text (tests/test_search.py holds them to it).

The `title` and `body` columns hold a record's texts in every language, separated by "¶",
which no query word can hold (it is not a letter): a phrase never spans two texts. The
table is contentless: snippets come from the records themselves (search.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from accordcli import progress

if TYPE_CHECKING:  # cache.py checks the schema on every start: it imports nothing more
    from accordcli.match import Query, Term
    from accordcli.model import LocalText
    from accordcli.search import Origin, Searched

SEARCH = ("CREATE VIRTUAL TABLE search USING fts5(title, body, content='', detail=full,"
          " tokenize='ascii')")
# A record's place in the ranking's last order (position), where it comes from (kind, ref,
# sub: search.Origin), whether its titles are its own name, and its id's word form.
RECORDS = ("CREATE TABLE search_records (position INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
           " ref INTEGER NOT NULL, sub INTEGER NOT NULL, own INTEGER NOT NULL,"
           " name TEXT NOT NULL)")
BY_NAME = "CREATE INDEX search_records_by_name ON search_records (name)"
_APART = " \u00b6 "



@lru_cache(maxsize=1)
def schema() -> list[tuple[str, str | None]]:
    """Return what these tables add to sqlite_master (name and sql), as this SQLite writes
    them: FTS5's shadow tables differ between its versions."""
    connection = sqlite3.connect(":memory:")
    try:
        _create(connection)
        return [(str(name), sql) for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master ORDER BY name")]
    finally:
        connection.close()


def _create(connection: sqlite3.Connection) -> None:
    connection.execute(SEARCH)
    connection.execute(RECORDS)
    connection.execute(BY_NAME)


def _column(texts: tuple[LocalText, ...]) -> str:
    from accordcli.match import word_form

    return _APART.join(word_form(variant) for text in texts for variant in text.variants())


_PROGRESS_STEP = 4096


def fill(connection: sqlite3.Connection, records: Iterable[tuple[Origin, Searched]],
         count: int | None = None) -> None:
    """Create the tables and index `records` (search.records: in the ranking's last order),
    of which there are about `count` (for the progress display)."""
    from accordcli.match import word_form

    _create(connection)
    texts = []
    rows = []
    progress.phase(progress.INDEXING, count)
    for position, (origin, record) in enumerate(records, 1):
        if not position % _PROGRESS_STEP:
            progress.advance(_PROGRESS_STEP)
        rows.append((position, *origin, record.own, word_form(record.id)))
        texts.append((position, _column(record.titles), _column(record.bodies)))
    connection.executemany("INSERT INTO search_records VALUES (?, ?, ?, ?, ?, ?)", rows)
    connection.executemany("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)", texts)


def _phrase(term: Term, exact: bool) -> str:
    # Word forms hold no '"', which would end the string.
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix and not exact else "")


def expression(query: Query, *, exact: bool = False, titles: bool = False) -> str:
    """Return the FTS5 query of every term (whole words only, with `exact`), in the titles
    only with `titles`."""
    every = " AND ".join(_phrase(term, exact) for term in query.terms)
    return f"{{title}} : ({every})" if titles else every


_IN = "position IN (SELECT rowid FROM search WHERE search MATCH ?)"
# The ranking of search.rank: the id first, then whole words before word starts; within
# each, own names (0), titles (1) and the rest (2), the first group judged on whole words;
# then position.
_RANKED = f"""
SELECT kind, ref, sub, titled FROM (
    SELECT position, kind, ref, sub, own, name = ? AS named,
           {_IN} AS titled, {_IN} AS titled_exactly, {_IN} AS exactly
    FROM search_records
    WHERE position IN (SELECT rowid FROM search WHERE search MATCH ?
                       UNION SELECT position FROM search_records WHERE name = ?))
ORDER BY CASE WHEN named THEN -1 ELSE NOT exactly END,
         CASE WHEN named THEN -1
              WHEN (CASE WHEN exactly THEN titled_exactly ELSE titled END) THEN NOT own
              ELSE 2 END,
         position
LIMIT ?
"""


def ranked(connection: sqlite3.Connection, query: Query,
           limit: int | None) -> list[tuple[Origin, bool]]:
    """Return the origins of the best `limit` hits of `query` (all without a limit), best
    first, each with whether its titles hold every term."""
    rows = connection.execute(_RANKED, (
        query.spelled, expression(query, titles=True),
        expression(query, exact=True, titles=True), expression(query, exact=True),
        expression(query), query.spelled, -1 if limit is None else limit))
    return [((str(kind), int(ref), int(sub)), bool(titled))
            for kind, ref, sub, titled in rows]
