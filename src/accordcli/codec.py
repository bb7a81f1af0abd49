"""Turn a validated Dataset into compact JSON-able lists and back, without re-validating."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accordcli.model import (
    Actor,
    Clause,
    Dataset,
    Event,
    LocalText,
    Provision,
    Source,
    Span,
    Tag,
)

# Positional lists rather than dicts: the index of 100,000 events stays small and fast.


def _text(value: LocalText | None) -> list[str | None] | None:
    return None if value is None else [value.en, value.tr]


def _untext(value: Any) -> LocalText | None:
    return None if value is None else LocalText(value[0], value[1])


def _span(span: Span | None) -> list[Any] | None:
    if span is None:
        return None
    return [span.text, span.start.toordinal(), span.end.toordinal(), span.start_precision,
            span.end_precision, span.uncertain, span.approximate, span.interval]


def _unspan(value: Any) -> Span:
    return Span(value[0], dt.date.fromordinal(value[1]), dt.date.fromordinal(value[2]),
                value[3], value[4], value[5], value[6], value[7])


def encode_event(event: Event) -> list[Any]:
    """Return an event as a compact list."""
    return [event.id, _span(event.date), _text(event.title), _text(event.summary),
            _text(event.note), list(event.actors), list(event.tags), list(event.sources)]


def decode_event(value: list[Any]) -> Event:
    """Rebuild an event from encode_event's list."""
    return Event(value[0], _unspan(value[1]), _untext(value[2]),  # type: ignore[arg-type]
                 _untext(value[3]), _untext(value[4]),  # type: ignore[arg-type]
                 tuple(value[5]), tuple(value[6]), tuple(value[7]))


def encode_reference(dataset: Dataset) -> dict[str, Any]:
    """Return everything but the events: title, sources, tags, actors and clauses."""
    return {
        "title": _text(dataset.title),
        "sources": [[s.id, s.title, s.url, s.publisher] for s in dataset.sources],
        "tags": [[t.id, _text(t.label)] for t in dataset.tags],
        "actors": [[a.id, a.kind, _text(a.name), _text(a.role), a.affiliation, list(a.sources)]
                   for a in dataset.actors],
        "clauses": [
            [c.id, c.number, _text(c.title), _text(c.full_title), list(c.parties),
             list(c.signatories), list(c.witnesses), _span(c.signed), _span(c.in_force),
             _text(c.summary), [[p.number, _text(p.text), list(p.tags)] for p in c.provisions],
             list(c.sources)]
            for c in dataset.clauses
        ],
    }


def decode_dataset(reference: dict[str, Any], events: list[Event]) -> Dataset:
    """Rebuild a Dataset from encode_reference's dict and decoded events."""
    return Dataset(
        title=_untext(reference["title"]),
        sources=tuple(Source(*s) for s in reference["sources"]),
        tags=tuple(Tag(t[0], _untext(t[1])) for t in reference["tags"]),  # type: ignore[arg-type]
        actors=tuple(Actor(a[0], a[1], _untext(a[2]), _untext(a[3]),  # type: ignore[arg-type]
                           a[4], tuple(a[5])) for a in reference["actors"]),
        events=tuple(events),
        clauses=tuple(
            Clause(c[0], c[1], _untext(c[2]), _untext(c[3]),  # type: ignore[arg-type]
                   tuple(c[4]), tuple(c[5]), tuple(c[6]), _unspan(c[7]),
                   None if c[8] is None else _unspan(c[8]), _untext(c[9]),  # type: ignore[arg-type]
                   tuple(Provision(p[0], _untext(p[1]), tuple(p[2]))  # type: ignore[arg-type]
                         for p in c[10]),
                   tuple(c[11]))
            for c in reference["clauses"]
        ),
    )
