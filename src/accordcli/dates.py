"""Read dates typed on the command line (ISO or English/Turkish free text) as day ranges."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache

from accordcli.edtf import EdtfError, days_in_month, parse_edtf
from accordcli.errors import UsageError
from accordcli.i18n import (
    LANGUAGES,
    MONTHS,
    SOURCE,
    WEEKDAYS,
    Message,
    message_of,
    month_name,
    weekday_name,
)
from accordcli.text import fold

# Pattern strings, compiled on first use by re's own cache: a start compiles only the ones
# its input needs (ISO input, the common case, needs one).
_ISO = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
# Only digits and separators, e.g. 04/05/1988 or 5.4.1988: day-first or month-first is a guess.
_ALL_NUMBERS = r"[0-9]+([ ./-]+[0-9]+)+"
_FOUR_DIGIT_YEAR = r"(?<![0-9])[0-9]{4}(?![0-9])"
# Year first is never ambiguous, with or without leading zeros: 1988-4-5, 1988/4/5, 1988.4.
_YEAR_FIRST = r"([0-9]{4})([-/.])([0-9]{1,2})(?:\2([0-9]{1,2}))?"
_WEEKDAYS = tuple(name.lower() for name in WEEKDAYS)


@lru_cache(maxsize=1)
def _translated_names() -> dict[str, str]:
    """Return the month and weekday names of every language accord speaks as typed (folded:
    no accents, dotless i as i), each with the English name dateutil reads, so that
    "Perşembe 14 Nisan 1988" is read and checked like "Thursday 14 April 1988".

    Built on first use: only free-text dates need it, and it opens every catalogue.
    """
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        if lang != SOURCE:
            names.update((fold(month_name(n, lang)), MONTHS[n - 1]) for n in range(1, 13))
            names.update((fold(weekday_name(n, lang)), _WEEKDAYS[n]) for n in range(7))
    return names


class DateInputError(UsageError):
    """Text on the command line that is not a date accord can read; its one argument is the
    Message saying why."""


@dataclass(frozen=True, slots=True)
class DayRange:
    """The first and last day a typed date covers, and how precise it was."""

    first: dt.date
    last: dt.date
    precision: str  # "year", "month" or "day"


_FULL_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def is_full_day(text: str) -> bool:
    """True when `text` has the YYYY-MM-DD form (whether or not the day exists)."""
    return re.fullmatch(_FULL_DAY, text) is not None


def parse_day(text: str) -> dt.date:
    """Return the day a YYYY-MM-DD string names; raise DateInputError otherwise."""
    if not is_full_day(text):
        raise DateInputError(Message("{date}: use YYYY-MM-DD, e.g. 1988-04-14", date=repr(text)))
    try:
        return parse_edtf(text).start
    except EdtfError as err:
        raise DateInputError(message_of(err)) from None


_MONTH_DAY = r"([0-9]{2})-([0-9]{2})"


def parse_month_day(text: str) -> tuple[int, int]:
    """Return the month and day an MM-DD string names, 02-29 included (an anniversary in
    leap years); raise DateInputError otherwise."""
    match = re.fullmatch(_MONTH_DAY, text)
    if match is None:
        raise DateInputError(Message("{date}: use MM-DD (e.g. 04-14) or YYYY-MM-DD "
                                     "(e.g. 1988-04-14)", date=repr(text)))
    month, day = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= day <= days_in_month(2000, month)):  # 2000: a leap year
        raise DateInputError(Message("{date} is not a month and day (MM-DD)", date=repr(text)))
    return month, day


def parse_day_range(text: str) -> DayRange:
    """Return the range of days `text` names; raise DateInputError if it is not a full date.

    "1988" covers the whole year and "1988-02" the whole of February; nothing is ever
    filled in from today's date.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateInputError(Message("empty date; use YYYY, YYYY-MM or YYYY-MM-DD, "
                                     "e.g. 1988-04-14"))
    if re.fullmatch(_ISO, cleaned):
        try:
            span = parse_edtf(cleaned)
        except EdtfError as err:
            raise DateInputError(message_of(err)) from None
        return DayRange(span.start, span.end, span.start_precision)
    year_first = re.fullmatch(_YEAR_FIRST, cleaned)
    if year_first:
        year, _, month, day = year_first.groups()
        return parse_day_range(f"{year}-{month.zfill(2)}" + (f"-{day.zfill(2)}" if day else ""))
    if re.fullmatch(_ALL_NUMBERS, cleaned):
        if not re.search(_FOUR_DIGIT_YEAR, cleaned):
            raise DateInputError(Message("{date}: write the year with four digits, "
                                         "e.g. 1988-04-14", date=repr(text)))
        raise DateInputError(Message("{date} is ambiguous (day or month first?); write it as "
                                     "YYYY-MM-DD, e.g. {example}", date=repr(text),
                                     example=_iso_hint(cleaned)))
    return _parse_free_text(cleaned, text)


def _iso_hint(numbers: str) -> Message | str:
    """Return the ISO forms that day-first and month-first readings give, only real days."""
    parts = re.split(r"[ ./-]+", numbers)
    year = next((p for p in parts if len(p) == 4), None)
    rest = [p.zfill(2) for p in parts if p is not year]
    if year is None or len(rest) != 2:
        return "1988-04-14"
    readings = [f"{year}-{month}-{day}" for month, day in (rest, rest[::-1])
                if 1 <= int(month) <= 12 and 1 <= int(day) <= days_in_month(int(year), int(month))]
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        # Translators: two ways to read a date, as in "1988-04-05 or 1988-05-04".
        return Message("{first} or {second}", first=readings[0], second=readings[1])
    return readings[0] if readings else "1988-04-14"


def _english(cleaned: str, original: str) -> str:
    """Return typed text folded, with other languages' month and weekday names in English,
    for dateutil; raise DateInputError for what cannot be a date without a time."""
    # The same folding as --search: ş→s, İ/ı→i, and invisible format characters (soft
    # hyphens, bidi marks) dropped; what is left of Unicode's category C is a real control.
    folded = fold(cleaned)
    if any(unicodedata.category(c).startswith("C") for c in folded):
        raise DateInputError(Message("{date} contains control characters", date=repr(original)))
    translated = _translated_names()
    words = [translated.get(word, word) for word in re.split(r"(\W+)", folded)]
    english = "".join(words)
    if not re.search(_FOUR_DIGIT_YEAR, english):
        raise DateInputError(Message("cannot read {date} as a date: it needs a four-digit year "
                                     "(e.g. 'April 1978', '27 Nisan 1978' or 1978-04-27)",
                                     date=repr(original)))
    if ":" in english or re.match(_FULL_DAY + "t", english):
        raise DateInputError(Message("cannot read {date}: give a date without a time",
                                     date=repr(original)))
    return english


def _parse_free_text(cleaned: str, original: str) -> DayRange:
    english = _english(cleaned, original)
    # Imported here: dateutil.parser is slow to import and ISO input never needs it.
    from dateutil import parser

    # dateutil reads a bare small number as a month ("5, 1988" is May, "4,5,1988" is 5 April);
    # without a month name it could as well be a day, so it is refused like 04/05/1988.
    # Year-first numbers ("Thursday 1988-04-14") are never ambiguous: they are left out.
    small = re.findall(r"(?<![0-9])[0-9]{1,2}(?![0-9])", re.sub(_YEAR_FIRST, " ", english))
    info = parser.parserinfo()
    if small and not any(info.month(word) for word in re.findall(r"[^\W\d_]+", english)):
        raise DateInputError(Message("{date} is ambiguous: is {number} a day or a month? Name "
                                     "the month ('May 1988', '5 Mayıs 1988') or write "
                                     "YYYY-MM-DD", date=repr(original), number=small[0]))

    # Two far-apart defaults show which fields the text really gave (dateutil#261):
    # whatever differs between the two results was filled in, never from today.
    low_default = dt.datetime(1, 1, 1)
    high_default = dt.datetime(9999, 12, 31)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            low = parser.parse(english, default=low_default)
            high = parser.parse(english, default=high_default)
    except (ValueError, OverflowError, TypeError, ArithmeticError, Warning):
        raise DateInputError(Message("cannot read {date} as a date; try YYYY-MM-DD, "
                                     "'April 1978' or '27 Nisan 1978'",
                                     date=repr(original))) from None
    if low.tzinfo is not None or high.tzinfo is not None or low.time() != dt.time() or (
        high.time() != dt.time()
    ):
        raise DateInputError(Message("cannot read {date}: give a date without a time or zone",
                                     date=repr(original)))
    if low.year != high.year:
        raise DateInputError(Message("cannot read {date} as one year, month or day",
                                     date=repr(original)))
    written = re.findall(_FOUR_DIGIT_YEAR, english)
    if f"{low.year:04d}" not in written:
        # dateutil reads "0088" as 88 and then picks a century near today's: 1988, or 2050
        # for "0050". Such years are only safe in the ISO form.
        month = f"-{low.month:02d}" if low.month == high.month else ""
        day = f"-{low.day:02d}" if month and low.day == high.day else ""
        raise DateInputError(Message("{date}: a year before 100 must be written as ISO YYYY, "
                                     "YYYY-MM or YYYY-MM-DD, e.g. {example}",
                                     date=repr(original), example=f"{written[0]}{month}{day}"))
    if low.month != high.month:
        if low.day != 1 or high.day != 31:
            raise DateInputError(Message("cannot read {date}: a day needs a month",
                                         date=repr(original)))
        return DayRange(low.date(), high.date(), "year")
    if low.day != high.day:
        return DayRange(low.date(), high.date(), "month")
    _check_weekday(english, low.date(), original)
    return DayRange(low.date(), low.date(), "day")


def _check_weekday(english: str, day: dt.date, original: str) -> None:
    """Refuse a weekday that contradicts the date ("Monday 14 April 1988" was a Thursday):
    dateutil would silently ignore it."""
    words = re.findall(r"[a-z]+", english.lower())
    named = [n for n, name in enumerate(_WEEKDAYS) if any(
        word == name or (len(word) >= 3 and name.startswith(word)) for word in words)]
    if named and day.weekday() not in named:
        raise DateInputError(Message(
            "{date}: {day} {month} {year} was a {weekday}", date=repr(original), day=day.day,
            month=Message(MONTHS[day.month - 1], context="month"), year=day.year,
            weekday=Message(WEEKDAYS[day.weekday()], context="weekday")))
