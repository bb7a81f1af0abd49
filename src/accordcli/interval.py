"""Measure the time between two moments, each an event id or a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accordcli.dates import DateInputError, is_full_day, parse_day, parse_day_range
from accordcli.errors import AccordError, NotFound, UsageError
from accordcli.i18n import Message
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
    """Return the day a YYYY-MM-DD text names (DateInputError if there is none), or None
    for an event id."""
    return parse_day(text) if is_full_day(text) else None


def moment(dataset: Dataset, text: str) -> Moment:
    """Return the day a text stands for: YYYY-MM-DD is that day; any other text is an event
    id (its first day) if the dataset has one, else a day in any form --from takes
    ("14 April 1988", "1988-4-14")."""
    day = date_of(text)
    if day is not None:
        return Moment(day, text, None)
    event = dataset.event(text)
    if event is not None:
        return Moment(event.date.start, event.id, event.date)
    try:
        typed = parse_day_range(text)  # only now: an id is the common case, and cheaper
    except DateInputError as err:
        raise _neither(dataset, text, err) from None
    if typed.precision == "year":
        raise UsageError(Message("{date} is a year, not a day: give an exact day "
                                 "(e.g. 1988-04-14) or an event id", date=repr(text)))
    if typed.precision == "month":
        raise UsageError(Message("{date} is a month, not a day: give an exact day "
                                 "(e.g. 1988-04-14) or an event id", date=repr(text)))
    return Moment(typed.first, text, None)


def _neither(dataset: Dataset, text: str, err: DateInputError) -> AccordError:
    """Return the error for a text that is neither an event id nor a day: the date reading's
    own message when the text was meant as a date (ids have no spaces; digits with no id
    near them), else the unknown id with its suggestions."""
    try:
        require_event(dataset, text)
    except NotFound as missing:
        meant_as_date = any(c.isspace() for c in text) or (
            any(c.isdigit() for c in text) and not missing.suggestions)
        return err if meant_as_date else missing
    return err  # not reached: moment() found no event with this id


def between(start: Moment, end: Moment) -> Interval:
    """Return the calendar difference (python-dateutil's relativedelta) and total days."""
    from dateutil.relativedelta import relativedelta  # only span needs it

    delta = relativedelta(end.day, start.day)
    return Interval(start, end, delta.years, delta.months, delta.days,
                    (end.day - start.day).days)
