"""The kinds of record the commands other than `timeline` show (see records.py).

They are apart from records.py because defining a NamedTuple costs ~0.1 ms, and
`accord timeline` (the command run most, often in scripts) needs none of these.
"""

# No `from __future__ import annotations`: see records.py.
import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from accordcli.render.records import EVENTS, EventRecord, JsonObject, Names, Shape, text_in
from accordcli.text import Cell

if TYPE_CHECKING:
    from accordcli.actors import ActorSummary
    from accordcli.model import Clause, Source


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


class SourceRecord(NamedTuple):
    """A source, with every field a citation needs (inside `event`, and `sources`)."""

    id: str
    title: str
    url: str | None  # None only for the dataset's own entry (`sources --self`)
    publisher: str
    date: str | None = None  # EDTF, of publication
    authors: tuple[str, ...] = ()
    type: str | None = None  # newspaper, journal, book, report, document, web (or dataset)
    container: str | None = None
    archived: str | None = None
    accessed: str | None = None  # ISO day
    note: str | None = None

    @classmethod
    def of(cls, source: "Source", lang: str = "en") -> "SourceRecord":
        return cls(source.id, source.title, source.url, source.publisher,
                   source.date.text if source.date else None, source.authors, source.type,
                   source.container, source.archived, _iso(source.accessed),
                   text_in(source.note, lang))

    def json(self) -> JsonObject:
        return {"id": self.id, "title": self.title, "url": self.url, "publisher": self.publisher,
                "date": self.date, "authors": list(self.authors), "type": self.type,
                "container": self.container, "archived": self.archived,
                "accessed": self.accessed, "note": self.note}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.title, self.url, self.publisher, self.date, self.authors,
                self.type, self.container, self.archived, self.accessed, self.note)


class SourceEntry(NamedTuple):
    """A source and how many records cite it (`sources`)."""

    source: SourceRecord
    citation_count: int

    def json(self) -> JsonObject:
        return {**self.source.json(), "citation_count": self.citation_count}

    def csv(self) -> tuple[Cell, ...]:
        return (*self.source.csv(), self.citation_count)

    def row(self, names: Names) -> tuple[Cell, ...]:
        source = self.source
        return (source.id, source.title, source.publisher, names.date(source.date),
                self.citation_count)


# Authors are joined with ";" in CSV, as lists of ids are: names hold commas ("Maley, W.").
SOURCES = Shape(csv=("id", "title", "url", "publisher", "date", "authors", "type", "container",
                     "archived", "accessed", "note", "citation_count"),
                columns=("id", "title", "publisher", "date", "citation_count"))


class CitationRecord(NamedTuple):
    """A record that cites a source (`source ID`): an event, an actor or a clause."""

    kind: str
    id: str
    title: str
    date: str | None  # EDTF: an event's date, a clause's signing

    def json(self) -> JsonObject:
        return {"kind": self.kind, "id": self.id, "title": self.title, "date": self.date}

    def csv(self) -> tuple[Cell, ...]:
        return (self.kind, self.id, self.title, self.date)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (names.value(self.kind), self.id, self.title, names.date(self.date))


_CITATION_FIELDS = ("kind", "id", "title", "date")
CITATIONS = Shape(csv=_CITATION_FIELDS, columns=_CITATION_FIELDS)


class SourceDetailRecord(NamedTuple):
    """A source in full, with every record that cites it."""

    entry: SourceEntry
    cited_by: tuple[CitationRecord, ...]

    @property
    def source(self) -> SourceRecord:
        return self.entry.source

    def json(self) -> JsonObject:
        return {**self.entry.json(), "cited_by": [c.json() for c in self.cited_by]}


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
    first: str | None  # ISO first day of its earliest event
    last: str | None  # ISO last day of its latest event
    sources: tuple[str, ...]
    first_date: str | None  # EDTF of the end that sets `first`, as written: people read it
    last_date: str | None
    first_precision: str | None  # "year", "month" or "day"
    last_precision: str | None

    @classmethod
    def of(cls, summary: "ActorSummary", lang: str) -> "ActorRecord":
        actor = summary.actor
        return cls(actor.id, actor.name.get(lang), actor.kind, actor.role.get(lang),
                   actor.affiliation, summary.event_count, _iso(summary.first),
                   _iso(summary.last), actor.sources, summary.first_date,
                   summary.last_date, summary.first_precision, summary.last_precision)

    def json(self) -> JsonObject:
        return {"id": self.id, "name": self.name, "kind": self.kind, "role": self.role,
                "affiliation": self.affiliation, "event_count": self.event_count,
                "first": self.first, "last": self.last, "sources": list(self.sources),
                "first_date": self.first_date, "last_date": self.last_date,
                "first_precision": self.first_precision,
                "last_precision": self.last_precision}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.name, self.kind, self.role, self.affiliation, self.event_count,
                self.first, self.last, self.sources, self.first_date, self.last_date,
                self.first_precision, self.last_precision)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (self.id, self.name, names.value(self.kind), self.role,
                        self.event_count, names.date(self.first_date), names.date(self.last_date))


ACTORS = Shape(csv=("id", "name", "kind", "role", "affiliation", "event_count", "first",
                    "last", "sources", "first_date", "last_date", "first_precision",
                    "last_precision"),
               columns=("id", "name", "kind", "role", "event_count", "first", "last"))


class AnniversaryRecord(NamedTuple):
    """An event whose anniversary falls in the days asked about (`on MM-DD`): the event's
    fields, then how many years ago it was."""

    event: EventRecord
    years_ago: int
    ago: str  # how many years ago, as people read it in --lang ("38 years ago")

    def json(self) -> JsonObject:
        return {**self.event.json(), "years_ago": self.years_ago}

    def csv(self) -> tuple[Cell, ...]:
        return (*self.event.csv(), self.years_ago)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (*self.event.row(names), self.ago)


ANNIVERSARIES = Shape(csv=(*EVENTS.csv, "years_ago"), columns=(*EVENTS.columns, "years_ago"))


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
    """One of the accords' instruments, with the provisions the data holds (`clauses`,
    `clauses N`)."""

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
                   text_in(clause.full_title, lang), clause.parties, clause.signatories,
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
                         names.of_actors(self.signatories), names.date(self.signed),
                         names.date(self.in_force))


# Nested provisions are left out: `clauses N` writes them as rows of their own.
CLAUSES = Shape(csv=("id", "number", "title", "full_title", "parties", "signatories",
                     "witnesses", "signed", "in_force", "summary", "sources"),
                columns=("number", "id", "title", "parties", "signatories", "signed",
                         "in_force"))


class HitRecord(NamedTuple):
    """A search result (`search`)."""

    kind: str  # "event", "actor", "clause", "provision" or "source"
    id: str
    title: str
    date: str | None  # EDTF
    match: str  # "title" or "text"
    text: str
    snippet: str  # the text around the first match, from the text that matched
    snippet_lang: str  # that text's language
    lang: str  # the language people read the hit in: a snippet in another is marked

    def json(self) -> JsonObject:
        return {"kind": self.kind, "id": self.id, "title": self.title, "date": self.date,
                "match": self.match, "text": self.text, "snippet": self.snippet,
                "snippet_lang": self.snippet_lang}

    def csv(self) -> tuple[Cell, ...]:
        return (self.kind, self.id, self.title, self.date, self.match, self.text,
                self.snippet, self.snippet_lang)

    def row(self, names: Names) -> tuple[Cell, ...]:
        mark = f"[{self.snippet_lang}] " if self.snippet_lang != self.lang else ""
        return (names.value(self.kind), self.id, names.date(self.date), self.title,
                mark + self.snippet)


HITS = Shape(csv=("kind", "id", "title", "date", "match", "text", "snippet", "snippet_lang"),
             columns=("kind", "id", "date", "title", "snippet"))


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
    min_days: int  # the shortest the span may be, given the precision of its ends
    max_days: int  # the longest

    def json(self) -> JsonObject:
        return {"from": self.start, "to": self.end, "from_label": self.start_label,
                "to_label": self.end_label, "years": self.years, "months": self.months,
                "days": self.days, "total_days": self.total_days, "exact": self.exact,
                "notes": list(self.notes), "min_days": self.min_days,
                "max_days": self.max_days}

    def csv(self) -> tuple[Cell, ...]:
        # The notes are sentences with ";" in them: one per line, not ";"-joined.
        return (self.start, self.end, self.start_label, self.end_label, self.years,
                self.months, self.days, self.total_days, self.exact, "\n".join(self.notes),
                self.min_days, self.max_days)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return self.csv()


_INTERVAL_FIELDS = ("from", "to", "from_label", "to_label", "years", "months", "days",
                    "total_days", "exact", "notes", "min_days", "max_days")
INTERVALS = Shape(csv=_INTERVAL_FIELDS, columns=_INTERVAL_FIELDS)
