"""Parse the EDTF subset used in data files into spans of days."""

from __future__ import annotations

import datetime as dt
import re

from accordcli.i18n import MONTHS, Message, gettext, month_name
from accordcli.model import Span

# [0-9] rather than \d: \d also matches full-width and Arabic-Indic digits.
_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")


class EdtfError(ValueError):
    """A string that is not a date of the supported EDTF subset; its one argument is the
    Message saying why."""


def _not_a_date(text: str) -> EdtfError:
    return EdtfError(Message("{date} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, "
                             "optionally ending in ?, ~ or %, or an interval A/B",
                             date=repr(text)))


# Spelled out rather than taken from `calendar`, whose import every start would pay.
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    """True for a leap year of the proleptic Gregorian calendar."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days in a month."""
    return 29 if month == 2 and is_leap(year) else _DAYS[month - 1]


def _part(text: str) -> tuple[dt.date, dt.date, str, str]:
    match = _PART.fullmatch(text)
    if match is None:
        raise _not_a_date(text)
    year_s, month_s, day_s, qualifier = match.groups()
    year = int(year_s)
    if year < 1:
        raise EdtfError(Message("{date}: year 0000 is not supported (years run from 0001 "
                                "to 9999)", date=repr(text)))
    if month_s is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", qualifier
    month = int(month_s)
    if not 1 <= month <= 12:
        raise EdtfError(Message("{date}: month {month} does not exist", date=repr(text),
                                month=month_s))
    last_day = days_in_month(year, month)
    if day_s is None:
        return dt.date(year, month, 1), dt.date(year, month, last_day), "month", qualifier
    day = int(day_s)
    if not 1 <= day <= last_day:
        raise EdtfError(Message("{date}: {month} {year} has no day {day}", date=repr(text),
                                month=Message(MONTHS[month - 1], context="month"),
                                year=year, day=day_s))
    return dt.date(year, month, day), dt.date(year, month, day), "day", qualifier


def parse_edtf(text: str) -> Span:
    """Return the span of days an EDTF date or interval may cover; raise EdtfError if invalid."""
    pieces = text.split("/")
    if len(pieces) > 2:
        raise _not_a_date(text)
    if len(pieces) == 1:
        start, end, precision, qualifier = _part(text)
        return Span(
            text=text,
            start=start,
            end=end,
            start_precision=precision,
            end_precision=precision,
            uncertain=qualifier in ("?", "%"),
            approximate=qualifier in ("~", "%"),
        )
    if ".." in pieces or "" in pieces:
        raise EdtfError(Message("{date}: an interval needs both its ends; an open end ('..') "
                                "is not supported", date=repr(text)))
    try:
        first_start, _, first_precision, first_q = _part(pieces[0])
        _, last_end, last_precision, last_q = _part(pieces[1])
    except EdtfError as err:  # said of the whole interval, never of a fragment of it
        said = err.args[0]
        raise EdtfError(Message(said.text, said.context, **{**said.fields,
                                                            "date": repr(text)})) from None
    if first_start > last_end:
        raise EdtfError(Message("{date}: the interval ends before it starts", date=repr(text)))
    qualifiers = first_q + last_q
    return Span(
        text=text,
        start=first_start,
        end=last_end,
        start_precision=first_precision,
        end_precision=last_precision,
        uncertain="?" in qualifiers or "%" in qualifiers,
        approximate="~" in qualifiers or "%" in qualifiers,
        interval=True,
    )


# --- Dates as people read them: never a day the data does not have --------------------

PRECISIONS = ("year", "month", "day")  # coarsest first
_QUALIFIERS = ("?", "~", "%")


def ends(text: str) -> tuple[str, str]:
    """Return the EDTF of a date's first and last end, as written ("1979~/1990" gives
    "1979~" and "1990"; a single date is both)."""
    pieces = text.split("/")
    return pieces[0], pieces[-1]


def precision_of(end: str) -> str:
    """Return how precisely one EDTF end is known: "year", "month" or "day"."""
    return PRECISIONS[end.rstrip("?~%").count("-")]


def qualifier_of(end: str) -> str:
    """Return one EDTF end's qualifier: "", "?", "~" or "%"."""
    return end[-1] if end[-1:] in _QUALIFIERS else ""


def days_of(end: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day one EDTF end may stand for ("1983?": all of 1983)."""
    first, last, _, _ = _part(end)
    return first, last


def qualified(date: str, qualifier: str, lang: str) -> str:
    """Return a date with what its EDTF qualifier says, as readers write it: uncertain (?),
    approximate (~), both (%)."""
    if qualifier in ("?", "%"):
        # Translators: an uncertain date, as in "1990 (uncertain)".
        date = gettext("{date} (uncertain)", lang).format(date=date)
    if qualifier in ("~", "%"):
        # Translators: an approximate date, as in "c. 1990" (circa).
        date = gettext("c. {date}", lang).format(date=date)
    return date


def shown_end(end: str, lang: str) -> str:
    """Return one EDTF end for readers: ISO at its own precision, its qualifier in words
    ("1979~" reads "c. 1979", "1992-03" stays "1992-03")."""
    qualifier = qualifier_of(end)
    return qualified(end[:-1] if qualifier else end, qualifier, lang)


def shown_date(text: str, lang: str, *, cell: bool = False) -> str:
    """Return a date from the data (EDTF, as written) for readers: each end at its own
    precision, qualifiers in words, an interval's ends joined by a dash ("1979~/1990"
    reads "c. 1979 – 1990"). In a table `cell` the second end goes on a line of its own,
    so that a date column is as wide as one end, not two (Markdown joins the lines)."""
    if "/" not in text:
        # Most dates carry no qualifier and read as written: every row of a listing asks.
        return text if text[-1:] not in _QUALIFIERS else shown_end(text, lang)
    first, last = ends(text)
    return f"{shown_end(first, lang)} –{chr(10) if cell else ' '}{shown_end(last, lang)}"


def _human(day: dt.date, precision: str, lang: str) -> str:
    if precision == "year":
        return str(day.year)
    month = month_name(day.month, lang)
    if precision == "month":
        # Translators: a month of a year, as in "April 1988".
        return gettext("{month} {year}", lang).format(month=month, year=day.year)
    # Translators: a day, as in "14 April 1988".
    return gettext("{day} {month} {year}", lang).format(day=day.day, month=month, year=day.year)


def display_date(span: Span, lang: str) -> str | None:
    """Return how an uncertain or approximate date should read, or None if it is plain."""
    if not (span.uncertain or span.approximate):
        return None
    first, last = span.qualifiers()
    said = [(span.start, span.start_precision, first)]
    if span.interval:
        said.append((span.end, span.end_precision, last))
    return " – ".join(qualified(_human(day, precision, lang), qualifier, lang)
                      for day, precision, qualifier in said)


def date_text(span: Span, lang: str) -> str:
    """Return a date as people read it in prose, in words at its precision, qualifiers
    said: "14 April 1988", "c. April 1988", "11 February 1983 (uncertain)", "1979 – 1990"
    (a TimelineJS slide, the web page, a source cited in a detail view or Markdown)."""
    shown = display_date(span, lang)
    if shown:
        return shown
    first = _human(span.start, span.start_precision, lang)
    if not span.interval:
        return first
    return f"{first} – {_human(span.end, span.end_precision, lang)}"
