"""Select and sort the records of a Dataset, and look them up by id; no I/O, no formatting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from accordcli.errors import DateOrder, NotFound, UnknownKind, UsageError
from accordcli.i18n import N_, Message
from accordcli.model import ACTOR_KINDS, Actor, Clause, Dataset, Event, Vocabulary, Window, id_key

if TYPE_CHECKING:
    from accordcli.dates import DayRange, EventId
    from accordcli.match import Query


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


suggest = _suggest  # for the lookups of other modules (sources.py)


def event_text(event: Event) -> list[str]:
    """Return every searchable text of an event, in all languages."""
    texts = [*event.title.variants(), *event.summary.variants()]
    if event.note:
        texts.extend(event.note.variants())
    return texts


def search_query(search: str | Sequence[str]) -> Query:
    """Return the query of one or more --search values: every term of each must match.

    Raise EmptySearch when one holds no word, since a blank search matching everything
    would hide the mistake.
    """
    from accordcli.match import parse_query

    return parse_query(search)


def timeline(
    dataset: Dataset | Window,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    actors: Sequence[str] = (),
    tags: Sequence[str] = (),
    search: str | Sequence[str] | None = None,
    limit: int | None = None,
    reverse: bool = False,
    within: bool = False,
) -> list[Event]:
    """Return the events matching every filter, in chronological order.

    An event matches the dates when its span overlaps first..last (both inclusive), so a
    period that began earlier and is still running is included; `within`, only when its
    whole span lies inside first..last. Repeated --actor or --tag values match events with
    any of them; every term of every --search value must match (match.py). A period that
    ends before it starts holds no event (see check_period).
    """
    actor_keys = {id_key(require_actor(dataset, a).id) for a in actors}
    tag_keys = {id_key(require_tag(dataset, t)) for t in tags}
    query = search_query(search) if search is not None else None
    if query is not None:
        from accordcli.match import form_of
    low = first or dt.date.min
    high = last or dt.date.max
    selected = []
    for event in dataset.events:
        if not (event.date.inside(low, high) if within else event.date.overlaps(low, high)):
            continue
        if actor_keys and not actor_keys.intersection(id_key(a) for a in event.actors):
            continue
        if tag_keys and not tag_keys.intersection(id_key(t) for t in event.tags):
            continue
        if query is not None and not query.matches(form_of(event_text(event))):
            continue
        selected.append(event)
    ordered = chronological(selected)
    if reverse:
        ordered.reverse()
    return ordered[:limit] if limit is not None else ordered


def clauses_matching(
    dataset: Dataset,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    actors: Sequence[str] = (),
    tags: Sequence[str] = (),
    within: bool = False,
) -> list[Clause]:
    """Return the clauses signed or entering into force within first..last, in number order,
    that involve any of `actors` (as party, signatory or witness) and have a provision with
    any of `tags`, as timeline() filters events (`within`: a date wholly inside the range)."""
    actor_ids = [require_actor(dataset, a).id for a in actors]
    tag_keys = {id_key(require_tag(dataset, t)) for t in tags}
    low = first or dt.date.min
    high = last or dt.date.max
    found = []
    for clause in dataset.clauses:
        dates = [clause.signed] + ([clause.in_force] if clause.in_force else [])
        if not any(d.inside(low, high) if within else d.overlaps(low, high) for d in dates):
            continue
        if actor_ids and not any(clause.relations(a) for a in actor_ids):
            continue
        if tag_keys and not any(id_key(t) in tag_keys for p in clause.provisions
                                for t in p.tags):
            continue
        found.append(clause)
    return found


# What an empty id of each kind is called: whole sentences, as translations need.
_EMPTY_ID = {"event": N_("empty event id"), "actor": N_("empty actor id"),
             "tag": N_("empty tag id"), "clause": N_("empty instrument id")}


def _given(kind: str, wanted: str) -> None:
    """Refuse an empty id as the usage mistake it is, not as an id the data lacks."""
    if not wanted.strip():
        raise UsageError(Message(_EMPTY_ID[kind]))


def require_event(dataset: Dataset, event_id: str) -> Event:
    """Return the event with this id or raise NotFound with suggestions."""
    _given("event", event_id)
    event = dataset.event(event_id)
    if event is None:
        raise NotFound("event", event_id, _suggest(event_id, (e.id for e in dataset.events)))
    return event


def require_actor(vocabulary: Vocabulary, actor_id: str) -> Actor:
    """Return the actor with this id or raise NotFound with suggestions."""
    _given("actor", actor_id)
    actor = vocabulary.actor(actor_id)
    if actor is None:
        raise NotFound("actor", actor_id, _suggest(actor_id, (a.id for a in vocabulary.actors)))
    return actor


def require_tag(vocabulary: Vocabulary, tag_id: str) -> str:
    """Return the tag as the dataset spells it, or raise NotFound with suggestions."""
    _given("tag", tag_id)
    tag = vocabulary.tag(tag_id)
    if tag is None:
        raise NotFound("tag", tag_id, _suggest(tag_id, (t.id for t in vocabulary.tags)))
    return tag.id


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def clause_number(text: str) -> int | None:
    """Return the number `text` writes in digits ("4", "04") or Roman numerals ("IV", "iv"),
    as people cite the accords' instruments; None for anything else."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    folded = text.casefold()
    if not folded or not all(c in _ROMAN_VALUES for c in folded):
        return None
    values = [_ROMAN_VALUES[c] for c in folded]
    number = sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0],
                                                            strict=True))
    return number if _roman(number) == folded else None  # "IIII" and "VX" are not numerals


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
                           (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, number = divmod(number, value)
        out += letters * count
    return out


def require_clause(dataset: Dataset, wanted: str) -> Clause:
    """Return the clause with this number (digits or Roman numerals) or id, or raise NotFound
    with suggestions.

    Numbers are tried first, over every clause: a clause whose id is "2" cannot hide the
    clause numbered 2.
    """
    _given("clause", wanted)
    number = clause_number(wanted)
    for clause in dataset.clauses:
        if number is not None and number == clause.number:
            return clause
    for clause in dataset.clauses:
        if id_key(clause.id) == id_key(wanted):
            return clause
    choices = [str(c.number) for c in dataset.clauses] + [c.id for c in dataset.clauses]
    raise NotFound("clause", wanted, _suggest(wanted, choices), number)


def actor_kind(kind: str) -> str:
    """Return an actor kind as the data spells it (any case is read, as ids and tags are),
    or raise UnknownKind."""
    if kind.casefold() not in ACTOR_KINDS:
        raise UnknownKind(kind, ACTOR_KINDS)
    return kind.casefold()


def check_period(first: dt.date | None, last: dt.date | None) -> None:
    """Raise DateOrder when a period's first day is after its last."""
    if first and last and first > last:
        raise DateOrder(first, last)


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


def event_days(dataset: Dataset, wanted: EventId) -> DayRange:
    """Return the days of the event a date end names by its id (the text the date grammar
    refused); when no event has it, the grammar's error if the text was meant as a date,
    else NotFound with suggestions."""
    from accordcli.dates import FORMS, DateInputError, DayRange

    event = dataset.event(wanted.id)
    if event is None:
        if wanted.error.meant_as_date:
            raise wanted.error
        suggestions = _suggest(wanted.id, (e.id for e in dataset.events))
        if suggestions:
            raise NotFound("event", wanted.id, suggestions)
        raise DateInputError(Message("{text} is neither a date nor an event id; write e.g. "
                                     "{forms}, or an event id", text=repr(wanted.id),
                                     forms=FORMS))
    return DayRange(event.date.start, event.date.end, "event")


class Anniversary(NamedTuple):
    """An event whose first or last day comes round in the days asked about."""

    event: Event
    offset: int  # days from the day asked about to the anniversary (negative: before it)
    years_ago: int  # whole years from the event's day to today, as ages; negative: to come
    day: dt.date  # the event's day that comes round (its first or last)
    today: dt.date  # what years_ago counts to


def whole_years(first: dt.date, last: dt.date) -> int:
    """Return the whole years from `first` to `last`, counted as ages are (a year is whole
    on its anniversary; from 02-29, on 03-01 in a common year); negative when `last` comes
    first."""
    if last < first:
        return -whole_years(last, first)
    return last.year - first.year - ((last.month, last.day) < (first.month, first.day))


# Days are counted in a leap year, so that 02-29 is always there to be asked about.
_LEAP = 2000


def _day_of_year(month: int, day: int) -> int:
    return dt.date(_LEAP, month, day).timetuple().tm_yday - 1  # 0 to 365


def anniversaries(dataset: Dataset, month: int, day: int, *, before: int = 0, after: int = 0,
                  today: dt.date | None = None) -> list[Anniversary]:
    """Return events that began or ended, in any year, on this month and day or in the
    `before` days before it or the `after` days after it (as BSD calendar's -B and -A),
    ordered by anniversary, then chronologically.

    Only ends known to the day count: an event dated "1982-06" has no anniversary. How
    many years ago is the whole years from the event's day to `today` (the date now, or
    ACCORD_TODAY), counted as ages are: seen on 2026-01-01, 1988-04-14 was 37 years ago.
    """
    today = today or dt.date.today()
    asked = _day_of_year(month, day)
    found = []
    for event in dataset.events:
        span = event.date
        best: tuple[int, dt.date] | None = None  # (offset, the day that comes round)
        for end, precision in ((span.start, span.start_precision), (span.end, span.end_precision)):
            if precision != "day":
                continue
            # Signed distance on a circle of 366 days: 12-30 is two days before 01-01.
            offset = (_day_of_year(end.month, end.day) - asked + 183) % 366 - 183
            if -before <= offset <= after and (best is None or abs(offset) < abs(best[0])):
                best = (offset, end)
        if best is not None:
            offset, end = best
            found.append(Anniversary(event, offset, whole_years(end, today), end, today))
    found.sort(key=lambda a: (a.offset, a.event.date.start, a.event.date.end, a.event.id))
    return found


def under_way(dataset: Dataset, first: dt.date, last: dt.date | None = None) -> list[Event]:
    """Return every event under way on any day of first..last (on `first` alone, without
    `last`)."""
    last = first if last is None else last
    return chronological(e for e in dataset.events if e.date.overlaps(first, last))
