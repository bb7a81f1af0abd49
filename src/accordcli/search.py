"""The search command: every event, actor, instrument, provision and source holding all the
terms of a query (match.py), ranked, each with a snippet of where it matched.

Ranking, best first (README "Search" says the same to users):
0. the record whose id the query spells (`search un` finds the UN actor first, and finds it
   even if no text of it holds the words);
1. every record holding every term as whole words (anywhere in it), before every record
   found only through word starts;
2. within each of those, a record's own name holding every term (an actor's name, an
   instrument's title), then an event's or a source's title holding every term, then every
   other hit (the terms in body text, or spread over title and body); "holding" means as
   whole words in the first group;
3. then events in date order, actors, instruments each followed by its provisions, and
   sources, in file order.

The same answers come from the data in memory (search) and from the index's full-text
tables (cache.py, fts.py), which a search builds on first use.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from accordcli.match import Query, excerpt, form_of, parse_query, snippet, word_form
from accordcli.model import Actor, Clause, Dataset, Event, LocalText, Source
from accordcli.query import chronological
from accordcli.text import listed


@dataclass(frozen=True, slots=True)
class Searched:
    """One record as search sees it: its texts in every language, and what a hit shows."""

    kind: str  # "event", "actor", "clause", "provision" or "source"
    id: str
    own: bool  # its titles are its own name (an actor, an instrument): ranked first
    titles: tuple[LocalText, ...]
    bodies: tuple[LocalText, ...]
    title: LocalText  # what a hit shows as its title
    text: LocalText  # and as its text
    date: str | None = None  # EDTF

    def title_form(self) -> str:
        return form_of(t for text in self.titles for t in text.variants())

    def body_form(self) -> str:
        return form_of(t for text in self.bodies for t in text.variants())


def of_event(event: Event) -> Searched:
    bodies = (event.summary,) if event.note is None else (event.summary, event.note)
    return Searched("event", event.id, False, (event.title,), bodies, event.title,
                    event.summary, event.date.text)


def of_actor(actor: Actor) -> Searched:
    return Searched("actor", actor.id, True, (actor.name,), (actor.role,), actor.name,
                    actor.role)


def of_clause(clause: Clause) -> Searched:
    titles = (clause.title,) if clause.full_title is None else (clause.title,
                                                                 clause.full_title)
    return Searched("clause", clause.id, True, titles, (clause.summary,), clause.title,
                    clause.summary, clause.signed.text)


def of_provision(clause: Clause, index: int) -> Searched:
    provision = clause.provisions[index]

    # Every provision's hit names its clause: cut, as listings cut a name they repeat for
    # every record; the clause's own hit shows it whole.
    def named(title: str) -> str:
        return f"{clause.number}. {listed(title)}, {provision.number}"

    title = LocalText(named(clause.title.en),
                      None if clause.title.tr is None else named(clause.title.tr))
    return Searched("provision", f"{clause.id}/{provision.number}", False, (),
                    (provision.text,), title, provision.text)


def of_source(source: Source) -> Searched:
    """A source is found by its title, publisher and authors. They are as published, in no
    language of the data's own: the same text stands for every language, so a hit shows it
    as in the language asked for."""
    def same(text: str) -> LocalText:
        return LocalText(text, text)

    title = same(source.title)
    bodies = (same(source.publisher), *(same(name) for name in source.authors))
    return Searched("source", source.id, False, (title,), bodies, title,
                    same(source.publisher), source.date.text if source.date else None)


# Where a record comes from: its kind, and for events its position in the file, for actors,
# clauses and sources their index, for provisions their clause's index and their own. The index
# stores it (fts.py) to find the record again.
Origin = tuple[str, int, int]


def records(dataset: Dataset) -> Iterator[tuple[Origin, Searched]]:
    """Yield every searchable record, in the order that breaks ties in the ranking."""
    positions = {id(event): position for position, event in enumerate(dataset.events)}
    for event in chronological(dataset.events):
        yield ("event", positions[id(event)], 0), of_event(event)
    for index, actor in enumerate(dataset.actors):
        yield ("actor", index, 0), of_actor(actor)
    for index, clause in enumerate(dataset.clauses):
        yield ("clause", index, 0), of_clause(clause)
        for number in range(len(clause.provisions)):
            yield ("provision", index, number), of_provision(clause, number)
    for index, source in enumerate(dataset.sources):
        yield ("source", index, 0), of_source(source)


def record_of(origin: Origin, event: Callable[[int], Event], actors: tuple[Actor, ...],
              clauses: Callable[[], tuple[Clause, ...]],
              sources: tuple[Source, ...]) -> Searched:
    """Return the record an Origin names, from the parts of a dataset (as an index holds
    them: events one at a time, the instruments only when asked)."""
    kind, index, sub = origin
    if kind == "event":
        return of_event(event(index))
    if kind == "actor":
        return of_actor(actors[index])
    if kind == "source":
        return of_source(sources[index])
    if kind == "clause":
        return of_clause(clauses()[index])
    if kind == "provision":
        return of_provision(clauses()[index], sub)
    raise KeyError(kind)  # a damaged index: cache.py reads it as no answer


Rank = tuple[int, int]  # (not exact, tier): smaller ranks first; (-1, -1) is the id


def rank(record: Searched, query: Query) -> tuple[Rank, bool] | None:
    """Return how well `record` matches (and whether in its titles), or None if it does not."""
    titles = record.title_form()
    everything = f"{titles}\n{record.body_form()}"
    named = word_form(record.id) == query.spelled
    if not named and not query.matches(everything):
        return None
    titled = query.matches(titles)
    if named:
        return (-1, -1), titled
    # Exactness first: a record holding every term as whole words anywhere outranks one
    # found only through word starts; then its own name, its title, its body, judged on
    # whole words for the first group and on what matched for the second.
    exact = query.exact.matches(everything)
    in_titles = query.exact.matches(titles) if exact else titled
    tier = (0 if record.own else 1) if in_titles else 2
    return (int(not exact), tier), titled


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what matched, where, how well, and a snippet of it."""

    kind: str  # "event", "actor", "clause", "provision" or "source"
    id: str
    title: str
    text: str
    in_title: bool  # every term matched the title (or name)
    date: str | None
    snippet: str  # at most match.SNIPPET characters of the text that matched
    snippet_lang: str  # the language of that text


def hit(record: Searched, titled: bool, query: Query, lang: str) -> Hit:
    """Return the hit of a matching record, shown in `lang`, with its snippet."""
    shown, lang_of_snippet = _snippet(record, query, lang)
    return Hit(record.kind, record.id, record.title.get(lang), record.text.get(lang), titled,
               record.date, shown, lang_of_snippet)


def _languages(text: LocalText, lang: str) -> list[tuple[str, str]]:
    """Return the variants of `text` with their languages, the one shown in `lang` first."""
    variants = [("en", text.en)] + ([("tr", text.tr)] if text.tr is not None else [])
    if lang == "tr" and text.tr:
        variants.reverse()
    return variants


def _snippet(record: Searched, query: Query, lang: str) -> tuple[str, str]:
    """The snippet comes from a text in `lang` when the texts in `lang` hold every term,
    else from whichever text holds the most terms (so a Turkish snippet never stands for
    words only the English holds). Among equals: the body texts as shown in `lang`, the
    titles as shown, then the other language's body texts and titles."""
    shown: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for local in (*record.bodies, *record.titles):
        first, *rest = _languages(local, lang)
        shown.append(first)
        other.extend(rest)
    every_term_shown = query.matches(form_of(text for _, text in shown))
    candidates = shown if every_term_shown else shown + other
    best: tuple[int, str, str] | None = None
    for language, text in candidates:
        form = word_form(text)
        held = sum(term.found_in(form) for term in query.terms)
        if held and (best is None or held > best[0]):
            best = held, language, text
    if best is not None:
        _, language, text = best
        found = snippet(text, query)
        if found is not None:
            return found, language
    # Found by its id alone: the start of its text.
    language, shown_text = _languages(record.text, lang)[0]
    return excerpt(shown_text, 0, 0), language


def search(dataset: Dataset, query: Query | str, lang: str, *,
           limit: int | None = None) -> list[Hit]:
    """Return the hits of `query` (or of the query a text asks, match.parse_query) in
    `dataset`, best first, at most `limit` of them.

    Only the hits kept are built: the rest are ranked and dropped.
    """
    if isinstance(query, str):
        query = parse_query(query)
    return [hit(record, titled, query, lang)
            for _, record, titled in ranked(records(dataset), query, limit)]


def ranked(every: Iterable[tuple[Origin, Searched]], query: Query,
           limit: int | None) -> list[tuple[Origin, Searched, bool]]:
    """Return the best `limit` matching records (all without a limit), best first, each with
    whether its titles hold every term; `every` comes in the ranking's last order."""
    found = (
        (place[0], position, origin, record, place[1])
        for position, (origin, record) in enumerate(every)
        if (place := rank(record, query)) is not None
    )
    kept = (heapq.nsmallest(limit, found, key=lambda r: (r[0], r[1])) if limit is not None
            else sorted(found, key=lambda r: (r[0], r[1])))
    return [(origin, record, titled) for _, _, origin, record, titled in kept]


def find(path: Path | None, query: Query, lang: str, *, limit: int | None, use_cache: bool,
         cache_dir: Path | None) -> list[Hit]:
    """Return the hits of `query` in the data file at `path` (the shipped one by default):
    from the index's full-text tables (made on the first search), or, where no index can
    be kept, from the data in memory; both give the same answers."""
    from accordcli import load

    source = load.searchable(path, use_cache=use_cache, cache_dir=cache_dir)
    if isinstance(source, Dataset):
        return search(source, query, lang, limit=limit)
    with source:
        found = source.ranked(query, limit)
        kept = None if found is None else source.records([origin for origin, _ in found])
    if found is None or kept is None:  # a damaged index, or a query FTS5 cannot take
        return search(load.load(path, use_cache=use_cache, cache_dir=cache_dir), query, lang,
                      limit=limit)
    return [hit(record, titled, query, lang)
            for record, (_, titled) in zip(kept, found, strict=True)]
