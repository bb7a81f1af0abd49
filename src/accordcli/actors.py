"""Summarise actors: how far each takes part in the timeline, and in which clauses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from accordcli.model import Actor, Clause, Dataset, Event, id_key
from accordcli.query import chronological, require_actor


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor with the extent of its part in the timeline."""

    actor: Actor
    event_count: int
    first: dt.date | None
    last: dt.date | None


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


def involvement(dataset: Dataset, actor_id: str) -> Involvement:
    """Return an actor, its events in order and the clauses it is party, signatory or witness to."""
    actor = require_actor(dataset, actor_id)
    events = chronological(_events_by_actor(dataset).get(id_key(actor.id), []))
    clauses = tuple(Relation(clause, clause.relations(actor.id))
                    for clause in dataset.clauses if clause.relations(actor.id))
    return Involvement(_summary(actor, events), tuple(events), clauses)
