"""Every kind of record accord shows, typed, with its three shapes in one place.

A record holds one thing in the --lang language and gives it as:

- `json()`: its public JSON object (README, "The JSON contract"; fields are only ever added),
  which NDJSON writes too;
- `csv()`: its flat fields, in the order of the CSV header in its Shape;
- `row(names)`: the columns people read in tables, lines and Markdown, in the order of the
  columns in its Shape, with ids and enumerated values as `names` says they read.

To change a column, change the record's row() and the Shape below it; the labels of
columns are in views.py. Records are NamedTuples, not dataclasses: every start defines
them all, and a NamedTuple costs a small fraction of a frozen dataclass to define.
"""

# No `from __future__ import annotations`: a NamedTuple with string annotations costs twice
# as much to define, and every start defines these. Names only the type checker imports
# are quoted.
import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from accordcli.text import Cell

if TYPE_CHECKING:
    from accordcli.actors import ActorSummary
    from accordcli.model import Clause, Event, LocalText, Source

JsonObject = dict[str, object]


class Record(Protocol):
    """What every listed record offers the renderers."""

    def json(self) -> JsonObject: ...

    def csv(self) -> tuple[Cell, ...]: ...

    def row(self, names: "Names") -> tuple[Cell, ...]: ...


class Whole(Protocol):
    """A record shown in full (`accord event ID`, `clauses N`, `actor ID`, `span`)."""

    def json(self) -> JsonObject: ...


class Shape(NamedTuple):
    """A kind of record's flat shapes: its CSV header, and the columns people read (label
    keys, the fields of its row)."""

    csv: tuple[str, ...]
    columns: tuple[str, ...]


_NONE: Mapping[str, str] = MappingProxyType({})


class Names(NamedTuple):
    """How ids and enumerated values read for people, in the --lang language: JSON and CSV
    keep the values themselves, which --actor, --tag and --kind take."""

    values: Mapping[str, str] = _NONE  # kinds, relations
    actors: Mapping[str, str] = _NONE  # actor id → name
    tags: Mapping[str, str] = _NONE  # tag id → label

    def value(self, value: str) -> str:
        return self.values.get(value, value)

    def of_actors(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.actors.get(i, i) for i in ids)

    def of_tags(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.tags.get(i, i) for i in ids)

    def of_values(self, values: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.values.get(v, v) for v in values)


def _text_in(value: "LocalText | None", lang: str) -> str | None:
    return value.get(lang) if value is not None else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


class EventRecord(NamedTuple):
    """An event (`timeline`, `on`, inside `actor`)."""

    id: str
    date: str  # EDTF, as written in the data
    start: str  # ISO first day of its span
    end: str  # ISO last day
    title: str
    summary: str
    note: str | None
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]

    @classmethod
    def of(cls, event: "Event", lang: str) -> "EventRecord":
        span = event.date
        return cls(event.id, span.text, span.start.isoformat(), span.end.isoformat(),
                   event.title.get(lang), event.summary.get(lang), _text_in(event.note, lang),
                   event.actors, event.tags, event.sources)

    def json(self) -> JsonObject:
        return {"id": self.id, "date": self.date, "start": self.start, "end": self.end,
                "title": self.title, "summary": self.summary, "note": self.note,
                "actors": list(self.actors), "tags": list(self.tags),
                "sources": list(self.sources)}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.date, self.start, self.end, self.title, self.summary, self.note,
                self.actors, self.tags, self.sources)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.date, self.id, self.title)


EVENTS = Shape(csv=("id", "date", "start", "end", "title", "summary", "note", "actors",
                    "tags", "sources"),
               columns=("date", "id", "title"))


class SourceRecord(NamedTuple):
    """A source as `accord event ID` cites it."""

    id: str
    title: str
    url: str
    publisher: str

    @classmethod
    def of(cls, source: "Source") -> "SourceRecord":
        return cls(source.id, source.title, source.url, source.publisher)

    def json(self) -> JsonObject:
        return {"id": self.id, "title": self.title, "url": self.url, "publisher": self.publisher}


class EventDetailRecord(NamedTuple):
    """An event in full: its actors by name and the sources it cites."""

    event: EventRecord
    actor_names: tuple[str, ...]
    sources: tuple[SourceRecord, ...]

    def json(self) -> JsonObject:
        return {**self.event.json(), "actor_names": list(self.actor_names),
                "source_details": [s.json() for s in self.sources]}


class ActorRecord(NamedTuple):
    """An actor with the extent of its part in the timeline (`actors`)."""

    id: str
    name: str
    kind: str
    role: str
    affiliation: str | None
    event_count: int
    first: str | None
    last: str | None
    sources: tuple[str, ...]

    @classmethod
    def of(cls, summary: "ActorSummary", lang: str) -> "ActorRecord":
        actor = summary.actor
        return cls(actor.id, actor.name.get(lang), actor.kind, actor.role.get(lang),
                   actor.affiliation, summary.event_count, _iso(summary.first),
                   _iso(summary.last), actor.sources)

    def json(self) -> JsonObject:
        return {"id": self.id, "name": self.name, "kind": self.kind, "role": self.role,
                "affiliation": self.affiliation, "event_count": self.event_count,
                "first": self.first, "last": self.last, "sources": list(self.sources)}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.name, self.kind, self.role, self.affiliation, self.event_count,
                self.first, self.last, self.sources)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.id, self.name, names.value(self.kind), self.role,
                        self.event_count, self.first, self.last)


ACTORS = Shape(csv=("id", "name", "kind", "role", "affiliation", "event_count", "first",
                    "last", "sources"),
               columns=("id", "name", "kind", "role", "event_count", "first", "last"))


class RelationRecord(NamedTuple):
    """A clause an actor takes part in, and how (`actor ID`)."""

    id: str
    number: int
    title: str
    relations: tuple[str, ...]  # any of "party", "signatory", "witness"

    def json(self) -> JsonObject:
        return {"id": self.id, "number": self.number, "title": self.title,
                "relations": list(self.relations)}

    def csv(self) -> tuple[Cell, ...]:
        return (self.number, self.id, self.title, self.relations)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.number, self.id, self.title, names.of_values(self.relations))


_RELATION_FIELDS = ("number", "id", "title", "relations")
RELATIONS = Shape(csv=_RELATION_FIELDS, columns=_RELATION_FIELDS)


class ActorDetailRecord(NamedTuple):
    """An actor in full: its own timeline and the clauses it takes part in."""

    actor: ActorRecord
    events: tuple[EventRecord, ...]
    clauses: tuple[RelationRecord, ...]

    def json(self) -> JsonObject:
        return {**self.actor.json(), "events": [e.json() for e in self.events],
                "clauses": [c.json() for c in self.clauses]}


class ProvisionRecord(NamedTuple):
    """A provision of a clause (inside `clauses`, listed by `clauses N`)."""

    clause: str  # the clause's id: in CSV, not in the clause's JSON that holds it
    number: str  # as the clause numbers it: "1", "II.1"
    text: str
    tags: tuple[str, ...]

    def json(self) -> JsonObject:
        return {"number": self.number, "text": self.text, "tags": list(self.tags)}

    def csv(self) -> tuple[Cell, ...]:
        return (self.clause, self.number, self.text, self.tags)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.number, self.text, names.of_tags(self.tags))


PROVISIONS = Shape(csv=("clause", "number", "text", "tags"), columns=("number", "text", "tags"))


class ClauseRecord(NamedTuple):
    """One of the accords' instruments, with every provision (`clauses`, `clauses N`)."""

    id: str
    number: int
    title: str
    full_title: str | None
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    witnesses: tuple[str, ...]
    signed: str  # EDTF
    in_force: str | None  # EDTF
    summary: str
    provisions: tuple[ProvisionRecord, ...]
    sources: tuple[str, ...]

    @classmethod
    def of(cls, clause: "Clause", lang: str) -> "ClauseRecord":
        provisions = tuple(ProvisionRecord(clause.id, p.number, p.text.get(lang), p.tags)
                           for p in clause.provisions)
        return cls(clause.id, clause.number, clause.title.get(lang),
                   _text_in(clause.full_title, lang), clause.parties, clause.signatories,
                   clause.witnesses, clause.signed.text,
                   clause.in_force.text if clause.in_force else None,
                   clause.summary.get(lang), provisions, clause.sources)

    def json(self) -> JsonObject:
        return {"id": self.id, "number": self.number, "title": self.title,
                "full_title": self.full_title, "parties": list(self.parties),
                "signatories": list(self.signatories), "witnesses": list(self.witnesses),
                "signed": self.signed, "in_force": self.in_force, "summary": self.summary,
                "provisions": [p.json() for p in self.provisions],
                "sources": list(self.sources)}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.number, self.title, self.full_title, self.parties,
                self.signatories, self.witnesses, self.signed, self.in_force, self.summary,
                self.sources)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.number, self.id, self.title, names.of_actors(self.parties),
                         names.of_actors(self.signatories), self.signed, self.in_force)


# Nested provisions are left out: `clauses N` writes them as rows of their own.
CLAUSES = Shape(csv=("id", "number", "title", "full_title", "parties", "signatories",
                     "witnesses", "signed", "in_force", "summary", "sources"),
                columns=("number", "id", "title", "parties", "signatories", "signed",
                         "in_force"))


class HitRecord(NamedTuple):
    """A search result (`search`)."""

    kind: str  # "event", "actor", "clause" or "provision"
    id: str
    title: str
    date: str | None  # EDTF
    match: str  # "title" or "text"
    text: str

    def json(self) -> JsonObject:
        return {"kind": self.kind, "id": self.id, "title": self.title, "date": self.date,
                "match": self.match, "text": self.text}

    def csv(self) -> tuple[Cell, ...]:
        return (self.kind, self.id, self.title, self.date, self.match, self.text)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (names.value(self.kind), self.id, self.title)


HITS = Shape(csv=("kind", "id", "title", "date", "match", "text"), columns=("kind", "id", "title"))


class IntervalRecord(NamedTuple):
    """The time between two moments (`span`)."""

    start: str  # ISO day; "from" in JSON and CSV
    end: str  # "to"
    start_label: str  # the event id or the date as given
    end_label: str
    years: int
    months: int
    days: int
    total_days: int
    exact: bool  # both ends are exact days
    notes: tuple[str, ...]  # why an end is not an exact day

    def json(self) -> JsonObject:
        return {"from": self.start, "to": self.end, "from_label": self.start_label,
                "to_label": self.end_label, "years": self.years, "months": self.months,
                "days": self.days, "total_days": self.total_days, "exact": self.exact,
                "notes": list(self.notes)}

    def csv(self) -> tuple[Cell, ...]:
        # The notes are sentences with ";" in them: one per line, not ";"-joined.
        return (self.start, self.end, self.start_label, self.end_label, self.years,
                self.months, self.days, self.total_days, self.exact, "\n".join(self.notes))

    def row(self, names: Names) -> tuple[Cell, ...]:
        return self.csv()


_INTERVAL_FIELDS = ("from", "to", "from_label", "to_label", "years", "months", "days",
                    "total_days", "exact", "notes")
INTERVALS = Shape(csv=_INTERVAL_FIELDS, columns=_INTERVAL_FIELDS)
