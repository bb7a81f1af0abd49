"""The sources a dataset cites: who cites each, which a record cites, which nothing cites."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from accordcli.errors import NotFound, UsageError
from accordcli.i18n import Message
from accordcli.model import Actor, Clause, Dataset, Event, LocalText, Source, id_key
from accordcli.query import (
    clause_number,
    require_actor,
    require_clause,
    require_event,
    suggest,
)
from accordcli.text import fold

if TYPE_CHECKING:
    from accordcli.problems import Problem

# The kinds of record that cite sources, as --for names them ("event:ID").
CITING_KINDS = ("event", "actor", "clause")


class Citation(NamedTuple):
    """A record that cites a source: its kind, id, title (an actor's name) and date (EDTF:
    an event's date, an instrument's signing; an actor has none)."""

    kind: str  # one of CITING_KINDS
    id: str
    title: LocalText
    date: str | None


class SourceUse(NamedTuple):
    """A source and every record that cites it, in file order: events, actors, clauses."""

    source: Source
    cited_by: tuple[Citation, ...]


def _citing(dataset: Dataset) -> Iterable[tuple[Citation, tuple[str, ...]]]:
    for event in dataset.events:
        yield Citation("event", event.id, event.title, event.date.text), event.sources
    for actor in dataset.actors:
        yield Citation("actor", actor.id, actor.name, None), actor.sources
    for clause in dataset.clauses:
        yield Citation("clause", clause.id, clause.title, clause.signed.text), clause.sources


def uses(dataset: Dataset) -> list[SourceUse]:
    """Return every source, in file order, with the records that cite it."""
    by_source: dict[str, list[Citation]] = {id_key(s.id): [] for s in dataset.sources}
    for citation, cited in _citing(dataset):
        for source_id in cited:
            by_source.setdefault(id_key(source_id), []).append(citation)
    return [SourceUse(s, tuple(by_source[id_key(s.id)])) for s in dataset.sources]


def require_source(dataset: Dataset, source_id: str) -> SourceUse:
    """Return the source with this id and what cites it, or raise NotFound with suggestions."""
    if not source_id.strip():
        raise UsageError(Message("empty source id"))
    source = dataset.source(source_id)
    if source is None:
        raise NotFound("source", source_id, suggest(source_id, (s.id for s in dataset.sources)))
    return next(use for use in uses(dataset) if use.source is source)


def select(dataset: Dataset, *, cited_by: str | None = None, publisher: str | None = None,
           unused: bool = False) -> list[SourceUse]:
    """Return the sources a record cites (`cited_by`, as --for names it: see record()), in
    the order it cites them, or else every source in file order; of those, the ones whose
    publisher holds `publisher` (ignoring case and accents) and, with `unused`, those
    nothing cites."""
    found = uses(dataset)
    if cited_by is not None:
        by_key = {id_key(use.source.id): use for use in found}
        found = [by_key[id_key(i)] for i in record(dataset, cited_by).sources]
    if publisher is not None:
        wanted = fold(publisher)
        if not wanted.strip():
            raise UsageError(Message("--publisher: empty text; give part of a publisher's "
                                     "name"))
        found = [use for use in found if wanted in fold(use.source.publisher)]
    if unused:
        found = [use for use in found if not use.cited_by]
    return found


def record(dataset: Dataset, wanted: str) -> Event | Actor | Clause:
    """Return the record --for names: "event:ID", "actor:ID", "clause:ID" (also a number,
    "clause:4" or "clause:IV"), or a bare id or instrument number that only one kind has.

    Ids are unique only within their kind: one that names records of two kinds is a usage
    mistake, and the message says how to choose.
    """
    kind, sep, rest = wanted.partition(":")
    if sep and kind.casefold() in CITING_KINDS:
        return _of_kind(dataset, kind.casefold(), rest)
    if not wanted.strip():
        raise UsageError(Message("--for: empty id; give an event, actor or instrument id"))
    found: dict[str, Event | Actor | Clause] = {}
    if (event := dataset.event(wanted)) is not None:
        found["event"] = event
    if (actor := dataset.actor(wanted)) is not None:
        found["actor"] = actor
    clause = _clause(dataset, wanted)
    if clause is not None:
        found["clause"] = clause
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        raise UsageError(Message(
            "--for: {id} names records of more than one kind ({kinds}); write {choices} to "
            "choose one", id=repr(wanted), kinds=", ".join(found),
            choices=", ".join(f"{kind}:{wanted}" for kind in found)))
    every = [e.id for e in dataset.events] + [a.id for a in dataset.actors] + [
        c.id for c in dataset.clauses]
    raise NotFound("record", wanted, suggest(wanted, every))


def _clause(dataset: Dataset, wanted: str) -> Clause | None:
    number = clause_number(wanted)
    for clause in dataset.clauses:
        if clause.number == number or id_key(clause.id) == id_key(wanted):
            return clause
    return None


def _of_kind(dataset: Dataset, kind: str, wanted: str) -> Event | Actor | Clause:
    if kind == "event":
        return require_event(dataset, wanted)
    if kind == "actor":
        return require_actor(dataset, wanted)
    return require_clause(dataset, wanted)


def unused_sources(dataset: Dataset) -> list[Source]:
    """Return the sources no event, actor or clause cites, in file order."""
    return [use.source for use in uses(dataset) if not use.cited_by]


def unused_actors(dataset: Dataset) -> list[Actor]:
    """Return the actors that appear nowhere else: no event names them, no clause has them
    as a party, signatory or witness, and no actor is affiliated to them."""
    named = {id_key(a) for e in dataset.events for a in e.actors}
    named.update(id_key(a) for c in dataset.clauses
                 for a in (*c.parties, *c.signatories, *c.witnesses))
    named.update(id_key(a.affiliation) for a in dataset.actors if a.affiliation)
    return [actor for actor in dataset.actors if id_key(actor.id) not in named]


def warnings(dataset: Dataset, path: Path | None = None) -> list[Problem]:
    """Return what `validate` warns about in a valid file: sources nothing cites and actors
    that appear nowhere else, each where it is in the data (and on which line of the file at
    `path`, when it can be read again)."""
    from accordcli.ids import shown_id
    from accordcli.problems import WARNING, Problem, with_lines

    said = []
    unused = {id(source) for source in unused_sources(dataset)}
    for position, source in enumerate(dataset.sources):
        if id(source) in unused:
            said.append(Problem(Message("no event, actor or instrument cites this source"),
                                f"sources[{position}] (id {shown_id(source.id)})",
                                severity=WARNING))
    idle = {id(actor) for actor in unused_actors(dataset)}
    for position, actor in enumerate(dataset.actors):
        if id(actor) in idle:
            said.append(Problem(Message("no event, instrument or actor names this actor"),
                                f"actors[{position}] (id {shown_id(actor.id)})",
                                severity=WARNING))
    if said and path is not None and path.is_file():
        try:
            return with_lines(said, path.read_text(encoding="utf-8-sig", errors="replace"))
        except OSError:
            pass  # the warnings stand without their lines
    return said
