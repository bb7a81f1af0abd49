"""Summarise actors: how far each takes part in the timeline, and in which clauses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from accordcli.edtf import PRECISIONS, ends, precision_of
from accordcli.model import Actor, Clause, Dataset, Event, id_key
from accordcli.query import chronological, require_actor


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor with the extent of its part in the timeline."""

    actor: Actor
    event_count: int
    first: dt.date | None  # the first day its earliest event may cover
    last: dt.date | None  # the last day its latest event may cover
    # The end of the event date that sets `first` (`last`), EDTF as written: "1979~" from
    # "1979~/1990". People read these, at the precision the data has.
    first_date: str | None = None
    last_date: str | None = None

    @property
    def first_precision(self) -> str | None:
        return precision_of(self.first_date) if self.first_date else None

    @property
    def last_precision(self) -> str | None:
        return precision_of(self.last_date) if self.last_date else None


class Relation(NamedTuple):
    """A clause an actor takes part in, and how."""

    clause: Clause
    relations: tuple[str, ...]  # any of "party", "signatory", "witness"


@dataclass(frozen=True, slots=True)
class Involvement:
    """An actor's whole part: its summary, its own timeline and the clauses it takes part in."""

    summary: ActorSummary
    events: tuple[Event, ...]
    clauses: tuple[Relation, ...]


def _sharpest(precision: str, qualifier: str) -> tuple[int, bool]:
    """Rank of an end among ends on the same day: the most precise, then the unqualified,
    is the one that says the most about it."""
    return -PRECISIONS.index(precision), qualifier != ""


def _summary(actor: Actor, events: Sequence[Event]) -> ActorSummary:
    if not events:
        return ActorSummary(actor, 0, None, None)
    first = min(events, key=lambda e: (e.date.start, *_sharpest(
        e.date.start_precision, e.date.qualifiers()[0])))
    last = min(events, key=lambda e: (-e.date.end.toordinal(), *_sharpest(
        e.date.end_precision, e.date.qualifiers()[1])))
    return ActorSummary(actor, len(events), first.date.start, last.date.end,
                        ends(first.date.text)[0], ends(last.date.text)[1])


def _events_by_actor(dataset: Dataset) -> dict[str, list[Event]]:
    by_actor: dict[str, list[Event]] = {}
    for event in dataset.events:
        for actor_id in event.actors:
            by_actor.setdefault(id_key(actor_id), []).append(event)
    return by_actor


def actor_summaries(dataset: Dataset, *, kind: str | None = None) -> list[ActorSummary]:
    """Return one summary per actor, in file order, optionally of one kind only (any case;
    query.actor_kind checks a kind typed by a person)."""
    if kind is not None:
        kind = kind.casefold()
    by_actor = _events_by_actor(dataset)
    return [
        _summary(actor, by_actor.get(id_key(actor.id), []))
        for actor in dataset.actors
        if kind is None or actor.kind == kind
    ]


# How `accord actors --sort` orders the summaries; "file" keeps the data's order.
SORTS = ("file", "name", "events", "first")


def sorted_summaries(summaries: list[ActorSummary], by: str, lang: str) -> list[ActorSummary]:
    """Return summaries by name (in `lang`'s alphabet), by number of events (most first) or
    by first event (undated last); "file" keeps them as they are."""
    from accordcli.i18n import sort_key

    if by == "name":
        return sorted(summaries, key=lambda s: sort_key(s.actor.name.get(lang), lang))
    if by == "events":
        return sorted(summaries, key=lambda s: -s.event_count)
    if by == "first":
        return sorted(summaries, key=lambda s: (s.first is None, s.first or dt.date.min))
    return summaries


def involvement(dataset: Dataset, actor_id: str) -> Involvement:
    """Return an actor, its events in order and the clauses it is party, signatory or witness to."""
    actor = require_actor(dataset, actor_id)
    events = chronological(_events_by_actor(dataset).get(id_key(actor.id), []))
    clauses = tuple(Relation(clause, clause.relations(actor.id))
                    for clause in dataset.clauses if clause.relations(actor.id))
    return Involvement(_summary(actor, events), tuple(events), clauses)
