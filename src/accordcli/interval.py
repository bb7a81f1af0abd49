"""Measure the time between two moments, each an event id or a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from accordcli.dates import DateInputError, DayRange, EventId, parse_day_range, parse_end
from accordcli.edtf import days_of, ends, precision_of, qualifier_of
from accordcli.errors import UsageError
from accordcli.i18n import Message
from accordcli.model import Dataset, Span
from accordcli.query import event_days, require_event


@dataclass(frozen=True, slots=True)
class Moment:
    """A day named on the command line, or a year or month (any day of it); for an event,
    the date it stands for."""

    day: dt.date
    label: str  # the event id or the date as typed
    date: Span | None = None  # the event's date, when the moment is an event
    end: str = ""  # the EDTF end of `date` the moment is (its first, or with `last` its last)
    last: bool = False  # the event's last end: `span ID` measures from its first to its last
    own: bool = False  # an end of the event's own length, not the event as a moment

    def __post_init__(self) -> None:
        # A typed year or month has `end` (its EDTF) and no `date`.
        if self.date is not None and not self.end:  # an event stands for its first end
            object.__setattr__(self, "end", ends(self.date.text)[-1 if self.last else 0])

    @property
    def exact(self) -> bool:
        """True when the moment is a known day, not a guess from a coarser or unsure date."""
        if self.date is None:  # a typed day; a typed year or month is not one
            return not self.end
        if self.own:  # the ends of a period are days in their own right
            return precision_of(self.end) == "day" and not qualifier_of(self.end)
        return self.date.is_exact_day

    @property
    def qualified(self) -> bool:
        """True when the end the moment stands for is uncertain or approximate."""
        return bool(self.end) and bool(qualifier_of(self.end))

    @property
    def earliest(self) -> dt.date:
        """The first day the moment may be, given the precision of its date."""
        return days_of(self.end)[0] if self.end else self.day

    @property
    def latest(self) -> dt.date:
        """The last day the moment may be."""
        return days_of(self.end)[1] if self.end else self.day

    def same(self, other: Moment) -> bool:
        """True when both name one end of one date: whatever day it was, it is the same."""
        return (self.date is not None and self.label == other.label
                and self.date == other.date and self.last == other.last)


class Breakdown(NamedTuple):
    """A signed time in calendar units: all of one sign, counted from the earlier day."""

    years: int
    months: int
    days: int


@dataclass(frozen=True, slots=True)
class Interval:
    """The time between two moments, as calendar units and as a count of days, and the
    shortest and longest it may be when an end is less precise than a day."""

    start: Moment
    end: Moment
    years: int
    months: int
    days: int
    total_days: int
    min_days: int
    max_days: int
    shortest: Breakdown  # the calendar units of min_days
    longest: Breakdown  # of max_days


def date_of(text: str) -> DayRange | EventId:
    """Return what a text names in the date grammar, or the event id it may be; raise
    DateInputError for a date that cannot be (read before any data is)."""
    return parse_end(text)


def moment(dataset: Dataset, text: str) -> Moment:
    """Return the day a text stands for: a day, month or year in any form the date grammar
    reads ("1988-04-14", "14 April 1988", "1983"), or an event id (its first day)."""
    typed = date_of(text)
    if isinstance(typed, EventId):
        event = dataset.event(text)
        if event is None:
            event_days(dataset, typed)  # raises the date's error, or NotFound
            raise typed.error  # not reached
        return Moment(event.date.start, event.id, event.date, ends(event.date.text)[0])
    # A year or a month stands for any day of it, as an event dated to one does: the
    # span is then the shortest and longest it may be.
    if typed.precision == "year":
        return Moment(typed.first, text, None, f"{typed.first.year:04d}")
    if typed.precision == "month":
        return Moment(typed.first, text, None, typed.first.isoformat()[:7])
    if typed.precision == "range":
        raise UsageError(Message("{date} is a range, not one end: give a day, month or "
                                 "year (e.g. 1988-04-14, 1988-04) or an event id",
                                 date=repr(text)))
    return Moment(typed.first, text, None)


def breakdown(start: dt.date, end: dt.date) -> Breakdown:
    """Return the calendar time from `start` to `end`, counted forward from the earlier day
    (whole years, then months, a month-end day standing for a shorter month's last, then
    days), negative when `end` is earlier: swapping the days only flips the sign."""
    from dateutil.relativedelta import relativedelta  # only span needs it

    if end < start:
        years, months, days = breakdown(end, start)
        return Breakdown(-years, -months, -days)
    delta = relativedelta(end, start)
    return Breakdown(delta.years, delta.months, delta.days)


def between(start: Moment, end: Moment) -> Interval:
    """Return the time from one moment to the other: between the days they stand for (the
    first day of an imprecise date), and at least and at most, given what days they may be."""
    years, months, days = breakdown(start.day, end.day)
    if start.same(end):  # one unknown day, whichever it was: no time between
        low, high = (start.day, end.day), (start.day, end.day)
    else:
        low, high = (start.latest, end.earliest), (start.earliest, end.latest)
        if start.own and end.own and low[1] < low[0]:
            low = (low[0], low[0])  # an event does not end before it starts
    return Interval(start, end, years, months, days, (end.day - start.day).days,
                    (low[1] - low[0]).days, (high[1] - high[0]).days,
                    breakdown(*low), breakdown(*high))


def length(dataset: Dataset, text: str) -> Interval:
    """Return an event's own length: from the first day its date may cover to the last."""
    if dataset.event(text) is None:
        try:
            parse_day_range(text)
        except DateInputError:
            pass
        else:
            raise UsageError(Message("{date} is a date, and a span needs two: give the "
                                     "other end too, or one event id to measure how long "
                                     "it lasted", date=repr(text)))
    event = require_event(dataset, text)
    first, last = ends(event.date.text)
    return between(Moment(event.date.start, event.id, event.date, first, own=True),
                   Moment(event.date.end, event.id, event.date, last, last=True, own=True))
