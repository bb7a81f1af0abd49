"""The public JSON shape of every record: plain dicts in the --lang language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accordcli.actors import ActorSummary, ActorView
    from accordcli.model import Actor, Clause, Dataset, Event, LocalText, Span

Record = dict[str, Any]


def _text(value: LocalText | None, lang: str) -> str | None:
    return value.get(lang) if value is not None else None


def span_fields(span: Span) -> Record:
    """Return the date as written and the ISO first and last day of its span."""
    return {"date": span.text, "start": span.start.isoformat(), "end": span.end.isoformat()}


def event_record(event: Event, lang: str) -> Record:
    """Return an event as its public JSON object."""
    return {
        "id": event.id,
        **span_fields(event.date),
        "title": event.title.get(lang),
        "summary": event.summary.get(lang),
        "note": _text(event.note, lang),
        "actors": list(event.actors),
        "tags": list(event.tags),
        "sources": list(event.sources),
    }


def event_detail(event: Event, dataset: Dataset, lang: str) -> Record:
    """Return an event with the names of its actors and the full sources it cites."""
    record = event_record(event, lang)
    record["actor_names"] = [dataset.actor_name(a, lang) for a in event.actors]
    record["source_details"] = [
        {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher}
        for s in (dataset.source(i) for i in event.sources)
        if s is not None
    ]
    return record


def actor_record(summary: ActorSummary, lang: str) -> Record:
    """Return an actor summary as its public JSON object."""
    actor: Actor = summary.actor
    return {
        "id": actor.id,
        "name": actor.name.get(lang),
        "kind": actor.kind,
        "role": actor.role.get(lang),
        "affiliation": actor.affiliation,
        "event_count": summary.event_count,
        "first": summary.first.isoformat() if summary.first else None,
        "last": summary.last.isoformat() if summary.last else None,
        "sources": list(actor.sources),
    }


def actor_detail(view: ActorView, lang: str) -> Record:
    """Return an actor with its own timeline and the clauses it takes part in."""
    record = actor_record(view.summary, lang)
    record["events"] = [event_record(e, lang) for e in view.events]
    record["clauses"] = [
        {"id": c.id, "number": c.number, "title": c.title.get(lang), "relations": list(rel)}
        for c, rel in view.clauses
    ]
    return record


def clause_record(clause: Clause, lang: str) -> Record:
    """Return a clause, with every provision, as its public JSON object."""
    return {
        "id": clause.id,
        "number": clause.number,
        "title": clause.title.get(lang),
        "full_title": _text(clause.full_title, lang),
        "parties": list(clause.parties),
        "signatories": list(clause.signatories),
        "witnesses": list(clause.witnesses),
        "signed": clause.signed.text,
        "in_force": clause.in_force.text if clause.in_force else None,
        "summary": clause.summary.get(lang),
        "provisions": [
            {"number": p.number, "text": p.text.get(lang), "tags": list(p.tags)}
            for p in clause.provisions
        ],
        "sources": list(clause.sources),
    }
