"""Select, sort and summarise records of a Dataset; no I/O and no formatting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accordcli.errors import NotFound, UsageError
from accordcli.model import ACTOR_KINDS, Actor, Clause, Dataset, Event, id_key
from accordcli.search import matches_all, query_words


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor with the extent of its part in the timeline."""

    actor: Actor
    event_count: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True, slots=True)
class ActorView:
    """One actor in full: its summary, its own timeline and the clauses it takes part in."""

    summary: ActorSummary
    events: tuple[Event, ...]
    clauses: tuple[tuple[Clause, tuple[str, ...]], ...]


def chronological(events: Iterable[Event]) -> list[Event]:
    """Return events ordered by first day, then last day, then id."""
    return sorted(events, key=lambda e: (e.date.start, e.date.end, e.id))


def _suggest(wanted: str, choices: Iterable[str]) -> list[str]:
    import difflib  # only an unknown id pays for it

    choices = list(choices)
    by_key = {id_key(c): c for c in choices}
    close = difflib.get_close_matches(id_key(wanted), list(by_key), n=3, cutoff=0.6)
    prefix = [c for k, c in by_key.items() if k.startswith(id_key(wanted)) and len(wanted) >= 2]
    found = list(dict.fromkeys([by_key[k] for k in close] + prefix))
    return found[:3]


def event_text(event: Event) -> list[str]:
    """Return every searchable text of an event, in all languages."""
    texts = [*event.title.variants(), *event.summary.variants()]
    if event.note:
        texts.extend(event.note.variants())
    return texts


def timeline(
    dataset: Dataset,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    actors: Sequence[str] = (),
    tags: Sequence[str] = (),
    search: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
) -> list[Event]:
    """Return the events matching every filter, in chronological order.

    An event matches the dates when its span overlaps first..last (both inclusive), so a
    period that began earlier and is still running is included. Repeated --actor or --tag
    values match events with any of them.
    """
    if first and last and first > last:
        raise UsageError(f"--from ({first}) is after --to ({last})")
    actor_keys = {id_key(require_actor(dataset, a).id) for a in actors}
    tag_keys = {id_key(require_tag(dataset, t)) for t in tags}
    words = query_words(search) if search else ()
    low = first or dt.date.min
    high = last or dt.date.max
    selected = []
    for event in dataset.events:
        if not event.date.overlaps(low, high):
            continue
        if actor_keys and not actor_keys.intersection(id_key(a) for a in event.actors):
            continue
        if tag_keys and not tag_keys.intersection(id_key(t) for t in event.tags):
            continue
        if words and not matches_all(words, event_text(event)):
            continue
        selected.append(event)
    ordered = chronological(selected)
    if reverse:
        ordered.reverse()
    return ordered[:limit] if limit is not None else ordered


def require_event(dataset: Dataset, event_id: str) -> Event:
    """Return the event with this id or raise NotFound with suggestions."""
    event = dataset.event(event_id)
    if event is None:
        raise NotFound("event", event_id, _suggest(event_id, (e.id for e in dataset.events)))
    return event


def require_actor(dataset: Dataset, actor_id: str) -> Actor:
    """Return the actor with this id or raise NotFound with suggestions."""
    actor = dataset.actor(actor_id)
    if actor is None:
        raise NotFound("actor", actor_id, _suggest(actor_id, (a.id for a in dataset.actors)))
    return actor


def require_tag(dataset: Dataset, tag: str) -> str:
    """Return the tag as the dataset spells it, or raise NotFound with suggestions."""
    known = {id_key(t.id): t.id for t in dataset.tags}
    for event in dataset.events:
        for used in event.tags:
            known.setdefault(id_key(used), used)
    if id_key(tag) not in known:
        raise NotFound("tag", tag, _suggest(tag, known.values()))
    return known[id_key(tag)]


def require_clause(dataset: Dataset, wanted: str) -> Clause:
    """Return the clause with this number or id, or raise NotFound with suggestions."""
    for clause in dataset.clauses:
        if wanted.strip() == str(clause.number) or id_key(clause.id) == id_key(wanted):
            return clause
    choices = [str(c.number) for c in dataset.clauses] + [c.id for c in dataset.clauses]
    raise NotFound("clause", wanted, _suggest(wanted, choices))


def check_kind(kind: str) -> str:
    """Return a valid actor kind or raise UsageError listing them."""
    if kind not in ACTOR_KINDS:
        raise UsageError(f"unknown --kind {kind!r}; choose one of {', '.join(ACTOR_KINDS)}")
    return kind


def _summary(actor: Actor, events: Sequence[Event]) -> ActorSummary:
    return ActorSummary(
        actor=actor,
        event_count=len(events),
        first=min((e.date.start for e in events), default=None),
        last=max((e.date.end for e in events), default=None),
    )


def _events_by_actor(dataset: Dataset) -> dict[str, list[Event]]:
    by_actor: dict[str, list[Event]] = {}
    for event in dataset.events:
        for actor_id in event.actors:
            by_actor.setdefault(id_key(actor_id), []).append(event)
    return by_actor


def actor_summaries(dataset: Dataset, *, kind: str | None = None) -> list[ActorSummary]:
    """Return one summary per actor, in file order, optionally of one kind only."""
    if kind is not None:
        check_kind(kind)
    by_actor = _events_by_actor(dataset)
    return [
        _summary(actor, by_actor.get(id_key(actor.id), []))
        for actor in dataset.actors
        if kind is None or actor.kind == kind
    ]


def actor_view(dataset: Dataset, actor_id: str) -> ActorView:
    """Return an actor, its events in order and the clauses it is party, signatory or witness to."""
    actor = require_actor(dataset, actor_id)
    events = chronological(_events_by_actor(dataset).get(id_key(actor.id), []))
    clauses = tuple(
        (clause, clause.relations(actor.id))
        for clause in dataset.clauses
        if clause.relations(actor.id)
    )
    return ActorView(_summary(actor, events), tuple(events), clauses)


def counts(dataset: Dataset) -> dict[str, int]:
    """Return how many records of each kind the dataset holds."""
    return {
        "events": len(dataset.events),
        "actors": len(dataset.actors),
        "clauses": len(dataset.clauses),
        "provisions": sum(len(c.provisions) for c in dataset.clauses),
        "sources": len(dataset.sources),
        "tags": len(dataset.tags),
    }




@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what matched, where, and how well."""

    kind: str  # "event", "actor", "clause" or "provision"
    id: str
    title: str
    text: str
    in_title: bool  # every word matched the title (or name): ranked first
    date: str | None = None


def search(dataset: Dataset, text: str, lang: str) -> list[Hit]:
    """Return events, actors, clauses and provisions whose text contains every word of `text`.

    Matching ignores case, accents and Turkish dotted/dotless i, in every language of the
    dataset; hits whose title holds every word come first, then file order within a kind.
    """
    words = query_words(text)
    if not words:
        raise UsageError("search needs at least one word")
    hits: list[Hit] = []

    def consider(kind: str, identifier: str, titles: tuple[str, ...], body: list[str],
                 title: str, shown: str, date: str | None = None) -> None:
        if matches_all(words, [*titles, *body]):
            hits.append(Hit(kind, identifier, title, shown, matches_all(words, titles), date))

    for event in chronological(dataset.events):
        consider("event", event.id, event.title.variants(), event_text(event),
                 event.title.get(lang), event.summary.get(lang), event.date.text)
    for actor in dataset.actors:
        consider("actor", actor.id, actor.name.variants(), list(actor.role.variants()),
                 actor.name.get(lang), actor.role.get(lang))
    for clause in dataset.clauses:
        titles = clause.title.variants() + (clause.full_title.variants()
                                             if clause.full_title else ())
        consider("clause", clause.id, titles, list(clause.summary.variants()),
                 clause.title.get(lang), clause.summary.get(lang), clause.signed.text)
        for provision in clause.provisions:
            consider("provision", f"{clause.id}/{provision.number}", (),
                     list(provision.text.variants()),
                     f"{clause.number}. {clause.title.get(lang)}, {provision.number}",
                     provision.text.get(lang))
    return sorted(hits, key=lambda h: not h.in_title)  # stable: keeps order within a rank


def anniversaries(dataset: Dataset, month: int, day: int) -> list[Event]:
    """Return events that began or ended on this month and day in any year.

    Only ends known to the day count: an event dated "1982-06" has no anniversary.
    """
    found = []
    for event in dataset.events:
        span = event.date
        starts = span.start_precision == "day" and (span.start.month, span.start.day) == (
            month, day)
        ends = span.end_precision == "day" and (span.end.month, span.end.day) == (month, day)
        if starts or ends:
            found.append(event)
    return chronological(found)


def under_way(dataset: Dataset, day: dt.date) -> list[Event]:
    """Return every event whose span contains `day`."""
    return chronological(e for e in dataset.events if e.date.contains(day))
