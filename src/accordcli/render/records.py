"""Every kind of record accord shows, typed, with its three shapes in one place.

A record holds one thing in the --lang language and gives it as:

- `json()`: its public JSON object (README, "The JSON contract"; fields are only ever added),
  which NDJSON writes too;
- `csv()`: its flat fields, in the order of the CSV header in its Shape;
- `row(names)`: the columns people read in tables, lines and Markdown, in the order of the
  columns in its Shape, with ids and enumerated values as `names` says they read.

To change a column, change the record's row() and the Shape below it; the labels of
columns are in views.py. Records are NamedTuples, not dataclasses: a NamedTuple costs a
small fraction of a frozen dataclass to define. Each class still costs ~0.1 ms to define,
so this module holds only what `timeline` needs, which every start of it defines; the
other kinds of record are in records_more.py, imported by the views that show them.
"""

# No `from __future__ import annotations`: a NamedTuple with string annotations costs twice
# as much to define, and every `timeline` defines these. Names only the type checker imports
# are quoted.
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from accordcli.text import Cell

if TYPE_CHECKING:
    from accordcli.model import Event, LocalText

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
    # The language dates read in ("c. 1979"); None keeps their EDTF as written ("1979~"),
    # which scripts parse: tab-separated lines.
    lang: str | None = None

    def value(self, value: str) -> str:
        return self.values.get(value, value)

    def of_actors(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.actors.get(i, i) for i in ids)

    def of_tags(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.tags.get(i, i) for i in ids)

    def of_values(self, values: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.values.get(v, v) for v in values)

    def date(self, edtf: str | None) -> str | None:
        if edtf is None or self.lang is None:
            return edtf
        from accordcli.edtf import shown_date
        return shown_date(edtf, self.lang, cell=True)


def text_in(value: "LocalText | None", lang: str) -> str | None:
    return value.get(lang) if value is not None else None


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
    start_precision: str  # "year", "month" or "day": how precisely `start` is known
    end_precision: str
    uncertain: bool  # either end carries "?" (or "%")
    approximate: bool  # either end carries "~" (or "%")

    @classmethod
    def of(cls, event: "Event", lang: str) -> "EventRecord":
        span = event.date
        return cls(event.id, span.text, span.start.isoformat(), span.end.isoformat(),
                   event.title.get(lang), event.summary.get(lang), text_in(event.note, lang),
                   event.actors, event.tags, event.sources, span.start_precision,
                   span.end_precision, span.uncertain, span.approximate)

    def json(self) -> JsonObject:
        return {"id": self.id, "date": self.date, "start": self.start, "end": self.end,
                "title": self.title, "summary": self.summary, "note": self.note,
                "actors": list(self.actors), "tags": list(self.tags),
                "sources": list(self.sources), "start_precision": self.start_precision,
                "end_precision": self.end_precision, "uncertain": self.uncertain,
                "approximate": self.approximate}

    def csv(self) -> tuple[Cell, ...]:
        return (self.id, self.date, self.start, self.end, self.title, self.summary, self.note,
                self.actors, self.tags, self.sources, self.start_precision,
                self.end_precision, self.uncertain, self.approximate)

    def row(self, names: Names) -> tuple[Cell, ...]:
        return (names.date(self.date), self.id, self.title)


EVENTS = Shape(csv=("id", "date", "start", "end", "title", "summary", "note", "actors",
                    "tags", "sources", "start_precision", "end_precision", "uncertain",
                    "approximate"),
               columns=("date", "id", "title"))
