"""Turn the parts of a validated Dataset into compact JSON-able lists and back (the index's rows),
without re-validating."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accordcli.model import (
    ACTOR_KINDS,
    SOURCE_TYPES,
    Actor,
    Clause,
    Event,
    LocalText,
    Provision,
    Source,
    Span,
    Tag,
    Vocabulary,
)

# Positional lists rather than dicts: the index of 100,000 events stays small and fast.
# Decoding checks the types and values it rebuilds (raising ValueError), so an index that was
# damaged or crafted is rejected here instead of failing later in a view. Those errors never
# reach a person: cache.py takes any of them as "no index" and reads the TOML instead, so
# their words are for developers and stay out of the message catalogue.

_PRECISIONS = ("year", "month", "day")


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("index: expected a string")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _strs(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not all(type(item) is str for item in value):
        raise ValueError("index: expected a list of strings")
    return tuple(value)


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("index: expected a boolean")
    return value


def _precision(value: Any) -> str:
    if value not in _PRECISIONS:
        raise ValueError("index: unknown precision")
    return str(value)


def _encode_text(value: LocalText | None) -> list[str | None] | None:
    return None if value is None else [value.en, value.tr]


def _decode_text(value: Any) -> LocalText | None:
    if value is None:
        return None
    if type(value) is not list or len(value) != 2:
        raise ValueError("index: expected a text")
    return LocalText(_str(value[0]), _optional_str(value[1]))


def _decode_required_text(value: Any) -> LocalText:
    text = _decode_text(value)
    if text is None:
        raise ValueError("index: missing text")
    return text


def _encode_span(span: Span | None) -> list[Any] | None:
    if span is None:
        return None
    return [span.text, span.start.toordinal(), span.end.toordinal(), span.start_precision,
            span.end_precision, span.uncertain, span.approximate, span.interval]


def _decode_span(value: Any) -> Span:
    if type(value) is not list or len(value) != 8 or type(value[1]) is not int or type(
            value[2]) is not int or value[1] > value[2]:
        raise ValueError("index: expected a span")
    return Span(_str(value[0]), dt.date.fromordinal(value[1]), dt.date.fromordinal(value[2]),
                _precision(value[3]), _precision(value[4]), _flag(value[5]), _flag(value[6]),
                _flag(value[7]))


def encode_event(event: Event) -> list[Any]:
    """Return an event as a compact list."""
    return [event.id, _encode_span(event.date), _encode_text(event.title),
            _encode_text(event.summary), _encode_text(event.note), list(event.actors),
            list(event.tags), list(event.sources)]


def decode_event(value: list[Any]) -> Event:
    """Rebuild an event from encode_event's list."""
    if type(value) is not list or len(value) != 8:
        raise ValueError("index: expected an event")
    return Event(_str(value[0]), _decode_span(value[1]), _decode_required_text(value[2]),
                 _decode_required_text(value[3]), _decode_text(value[4]), _strs(value[5]),
                 _strs(value[6]), _strs(value[7]))


def _encode_day(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _decode_day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if type(value) is not int:
        raise ValueError("index: expected a day")
    return dt.date.fromordinal(value)


def _encode_source(s: Source) -> list[Any]:
    return [s.id, s.title, s.url, s.publisher, _encode_text(s.note), _encode_span(s.date),
            list(s.authors), s.type, s.container, s.archived, _encode_day(s.accessed)]


def _decode_source(value: Any) -> Source:
    if type(value) is not list or len(value) != 11:
        raise ValueError("index: expected a source")
    if value[7] is not None and value[7] not in SOURCE_TYPES:
        raise ValueError("index: unknown source type")
    return Source(_str(value[0]), _str(value[1]), _str(value[2]), _str(value[3]),
                  _decode_text(value[4]), None if value[5] is None else _decode_span(value[5]),
                  _strs(value[6]), _optional_str(value[7]), _optional_str(value[8]),
                  _optional_str(value[9]), _decode_day(value[10]))


def encode_vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    """Return the title, description, version, sources, tags and actors as compact lists."""
    return {
        "title": _encode_text(vocabulary.title),
        "description": _encode_text(vocabulary.description),
        "version": _encode_day(vocabulary.version),
        "sources": [_encode_source(s) for s in vocabulary.sources],
        "tags": [[t.id, _encode_text(t.label)] for t in vocabulary.tags],
        "actors": [[a.id, a.kind, _encode_text(a.name), _encode_text(a.role), a.affiliation,
                    list(a.sources)] for a in vocabulary.actors],
    }


def encode_clauses(clauses: tuple[Clause, ...]) -> list[Any]:
    """Return the clauses, with their provisions, as compact lists."""
    return [
        [c.id, c.number, _encode_text(c.title), _encode_text(c.full_title), list(c.parties),
         list(c.signatories), list(c.witnesses), _encode_span(c.signed),
         _encode_span(c.in_force), _encode_text(c.summary),
         [[p.number, _encode_text(p.text), list(p.tags)] for p in c.provisions],
         list(c.sources)]
        for c in clauses
    ]


def _kind(value: Any) -> str:
    if value not in ACTOR_KINDS:
        raise ValueError("index: unknown actor kind")
    return str(value)


def _number(value: Any) -> int:
    if type(value) is not int or value < 1:
        raise ValueError("index: expected a clause number")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValueError("index: expected a list")
    return value


def decode_vocabulary(value: Any) -> Vocabulary:
    """Rebuild the Vocabulary from encode_vocabulary's dict."""
    if type(value) is not dict:
        raise ValueError("index: expected the vocabulary")
    return Vocabulary(
        title=_decode_text(value["title"]),
        version=_decode_day(value["version"]),
        sources=tuple(_decode_source(s) for s in _list(value["sources"])),
        tags=tuple(Tag(_str(t[0]), _decode_required_text(t[1])) for t in _list(value["tags"])),
        actors=tuple(Actor(_str(a[0]), _kind(a[1]), _decode_required_text(a[2]),
                           _decode_required_text(a[3]), _optional_str(a[4]), _strs(a[5]))
                     for a in _list(value["actors"])),
        description=_decode_text(value["description"]),
    )


def decode_clauses(value: Any) -> tuple[Clause, ...]:
    """Rebuild the clauses from encode_clauses' list."""
    return tuple(
        Clause(_str(c[0]), _number(c[1]), _decode_required_text(c[2]), _decode_text(c[3]),
               _strs(c[4]), _strs(c[5]), _strs(c[6]), _decode_span(c[7]),
               None if c[8] is None else _decode_span(c[8]), _decode_required_text(c[9]),
               tuple(Provision(_str(p[0]), _decode_required_text(p[1]), _strs(p[2]))
                     for p in _list(c[10])),
               _strs(c[11]))
        for c in _list(value)
    )
