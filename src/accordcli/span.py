"""Measure the time between two moments, each an event id or a full date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accordcli.dates import DateInputError, is_full_day, parse_day
from accordcli.errors import UsageError
from accordcli.model import Dataset, Span
from accordcli.query import require_event


@dataclass(frozen=True, slots=True)
class Moment:
    """A day named on the command line; for an event, the date it stands for."""

    day: dt.date
    label: str  # the event id or the date as typed
    date: Span | None = None  # the event's date, when the moment is an event

    @property
    def exact(self) -> bool:
        """True when the moment is a known day, not a guess from a coarser or unsure date."""
        return self.date is None or self.date.is_exact_day


@dataclass(frozen=True, slots=True)
class Interval:
    """The time between two moments, as calendar units and as a count of days."""

    start: Moment
    end: Moment
    years: int
    months: int
    days: int
    total_days: int


def date_of(text: str) -> dt.date | None:
    """Return the day a YYYY-MM-DD text names (UsageError if there is none), or None for an
    event id."""
    if not is_full_day(text):
        return None
    try:
        return parse_day(text)
    except DateInputError as err:
        raise UsageError(str(err)) from None


def moment(dataset: Dataset, text: str) -> Moment:
    """Return the day an event id (its first day) or a YYYY-MM-DD date stands for."""
    day = date_of(text)
    if day is not None:
        return Moment(day, text, None)
    event = require_event(dataset, text)
    return Moment(event.date.start, event.id, event.date)


def between(start: Moment, end: Moment) -> Interval:
    """Return the calendar difference (python-dateutil's relativedelta) and total days."""
    from dateutil.relativedelta import relativedelta  # ~18 ms; only span needs it

    delta = relativedelta(end.day, start.day)
    return Interval(start, end, delta.years, delta.months, delta.days,
                    (end.day - start.day).days)
