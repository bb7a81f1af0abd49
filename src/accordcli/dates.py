"""Read dates typed on the command line: one closed grammar, the same for every command.

The forms (README, "Dates on the command line"):

- ISO and EDTF as accord prints them: `1988`, `1988-04`, `1988-04-14`, optionally ending in
  `?`, `~` or `%` (read, and ignored: the days are the same), and ranges `A/B` of those;
- dates as accord shows them to people: qualifiers in words in either language (`c. 1979`,
  `1983 (uncertain)`, `yaklaşık 1979`, `1983 (kesin değil)`) and ranges joined by a dash
  (`1983-04-11 – 1983-04-29`; a hyphen with spaces round it, as plain output writes it);
- day and month in digits before the year (`14.04.1988`, `14/4/1988`) when only one order
  makes a date;
- year first with any one separator and no leading zeros needed: `1988-4-5`, `1988/4/14`,
  `1988.4`;
- English and Turkish words: `14 April 1988`, `April 14, 1988`, `April 1988`,
  `14 Nisan 1988`, `Nisan 1988`, months also as their first three letters (`Apr`, `Nis`,
  `Sept`), `5th of May 1988`, and a weekday beside a day, checked against it;
- anniversaries (a month and a day, no year): `04-14`, `4-14`, `14 April`, `14 Nisan`.

Anything else is refused with the reason, never guessed: the grammar is closed, so wrong
input simply does not match, and each way of not matching has its own message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from accordcli.edtf import EdtfError, days_in_month, parse_edtf
from accordcli.errors import UsageError
from accordcli.i18n import (
    LANGUAGES,
    MONTHS,
    WEEKDAYS,
    Message,
    gettext,
    message_of,
    month_name,
    weekday_name,
)
from accordcli.text import fold

# [0-9] rather than \d: \d also matches full-width and Arabic-Indic digits.
_EDTF = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?"
_RANGE_END = _EDTF + r"|\.\."
# Year first is never ambiguous, with or without leading zeros: 1988-4-5, 1988/4/14, 1988.4.
_YEAR_FIRST = r"([0-9]{4})([-/.])([0-9]{1,2})(?:\2([0-9]{1,2}))?"
_MONTH_DAY = r"([0-9]{1,2})-([0-9]{1,2})"
_ALL_NUMBERS = r"[0-9]+(?:[ ./-]+[0-9]+)+"
_ORDINAL = r"([0-9]{1,2})(?:st|nd|rd|th)"
_FULL_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# What the messages offer instead of what they refuse.
FORMS = "1988, 1988-04, 1988-04-14, 'April 1988', '14 Nisan 1988'"

# Month names in languages accord does not read dates in, so that "avril" is told so rather
# than taken for a misspelt "April" (folded: no accents or case).
_FOREIGN_MONTHS = frozenset(word for names in (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "januar februar marz maerz juni juli oktober dezember",  # German
    "enero febrero marzo abril mayo junio julio agosto setiembre octubre noviembre diciembre",
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre",  # Italian
    "janeiro fevereiro marco maio junho julho outubro dezembro",  # Portuguese
    "januari februari maart mei augustus",  # Dutch
) for word in names.split())


class DateInputError(UsageError):
    """Text on the command line that is not a date accord can read; its one argument is the
    Message saying why. `meant_as_date` is False when the text could as well be an id that
    is simply not a date (`accords-signd`): a caller that also takes ids says "no event"."""

    def __init__(self, message: Message, *, meant_as_date: bool = True) -> None:
        super().__init__(message)
        self.meant_as_date = meant_as_date


@dataclass(frozen=True, slots=True)
class DayRange:
    """The first and last day a typed date covers, and how precise it was."""

    first: dt.date
    last: dt.date
    precision: str  # "year", "month" or "day"; "range" for A/B


class MonthDay(NamedTuple):
    """A month and day in any year: an anniversary (`04-14`, `14 April`)."""

    month: int
    day: int


def parse_date(text: str) -> DayRange | MonthDay:
    """Return what `text` names in the date grammar: a range of days, or a month and day
    without a year; raise DateInputError saying what is wrong otherwise."""
    # Only a dash, a space or a bracket can make a date as accord shows it to people.
    if _SHOWN_MARK.search(text):
        shown = _as_shown(text)
        if shown is not None:
            return shown
    return _parse_plain(text)


def _parse_plain(text: str) -> DayRange | MonthDay:
    """Return what `text` names in the forms without words for qualifiers or dashes."""
    tokens = _tokens(text)
    if not any(_has_letter(folded) for _, folded in tokens):
        joined = " ".join(folded for _, folded in tokens)
        return _numeric(joined, text)
    return _words(tokens, text)


class EventId(NamedTuple):
    """Text the grammar refuses that could be an event id: looked up once the data is
    read; when no event has it, `error` (what the grammar said) may be the answer."""

    id: str
    error: DateInputError


def parse_when(text: str) -> DayRange | MonthDay | EventId:
    """Return what `text` names as a date or anniversary (parse_date), or else the event id
    it may be.

    Anything the grammar reads is a date, and an event id holds a letter (the loader
    refuses other ids): text that cannot be an id (no letter, white space, a character ids
    may not hold) gets the grammar's error at once, before any data is read.
    """
    try:
        return parse_date(text)
    except DateInputError as err:
        if could_be_event_id(text):
            return EventId(text, err)
        raise


def could_be_event_id(text: str) -> bool:
    """True when `text` may be an event id: it holds a letter and no character ids may not
    hold (white space among them)."""
    from accordcli.ids import first_refused

    return _has_letter(text) and first_refused(text) < 0


def event_id_refusal(text: str) -> Message | None:
    """Return why an event id would be taken for a date on the command line (it has no
    letter, or the grammar reads it), or None for an id that would not."""
    if text[:1].isalpha() and "," not in text:
        return None  # almost every id, at the cost of two checks: a large file has many
    if not _has_letter(text):
        return Message("event id {id} has no letter, so it would be taken for a date; add a "
                       "word, e.g. {example}", id=repr(text), example=repr(f"event-{text}"))
    if reads_as_date(text):
        return Message("event id {id} reads as a date, so it would be taken for one; write "
                       "it without commas, e.g. {example}", id=repr(text),
                       example=repr(text.replace(",", "-")))
    return None


def parse_end(text: str) -> DayRange | EventId:
    """Return the days or the event id that one end of a period names (parse_when, where a
    month and day without a year is refused)."""
    found = parse_when(text)
    return _no_anniversary(found, text) if isinstance(found, MonthDay) else found


def _no_anniversary(found: MonthDay, text: str) -> DayRange:
    raise DateInputError(Message("{date} has no year: give one, e.g. {example}",
                                 date=repr(text), example=_example(found)))


def parse_day_range(text: str) -> DayRange:
    """Return the range of days `text` names; a month and day without a year is refused.

    "1988" covers the whole year and "1988-02" the whole of February; nothing is ever
    filled in from today's date.
    """
    found = parse_date(text)
    return _no_anniversary(found, text) if isinstance(found, MonthDay) else found


def reads_as_date(text: str) -> bool:
    """True when the grammar reads `text` as a date or an anniversary: an id that does
    would be taken for a date on the command line, so the loader refuses it."""
    # Every form holds a digit; without white space only numeric forms start with one, and
    # only a comma joins words: other ids need no parsing (a large file has many).
    if not (text[:1].isdigit() or "," in text):
        return False
    try:
        parse_date(text)
    except DateInputError:
        return False
    return True


def is_full_day(text: str) -> bool:
    """True when `text` has the YYYY-MM-DD form (whether or not the day exists)."""
    return re.fullmatch(_FULL_DAY, text) is not None


def parse_day(text: str) -> dt.date:
    """Return the day a YYYY-MM-DD string names (as ACCORD_TODAY holds it); raise
    DateInputError otherwise."""
    if not is_full_day(text):
        raise DateInputError(Message("{date}: use YYYY-MM-DD, e.g. 1988-04-14", date=repr(text)))
    return _edtf(text, text).first


def _example(found: MonthDay) -> Message:
    # Translators: a day as an example, "'14 April 1988'", in your language's order.
    return Message("'{day} {month} {year}'", day=found.day, year=1988,
                   month=Message(MONTHS[found.month - 1], context="month"))


# ---------------------------------------------------------------------------- as shown

# accord joins a range's ends for people with an en dash, which plain output writes as a
# hyphen with spaces round it ("1983-04-11 – 1983-04-29"; text.py).
_SHOWN_MARK = re.compile(r"\s|–|\(")
_RANGE_DASH = re.compile(r"\s*–\s*|\s+-\s+")


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Return the words (folded) before and after a date that say it is uncertain or
    approximate, as accord writes them for people in every language it speaks (edtf.py's
    `qualified`): "c. 1979", "1983 (kesin değil)"."""
    found = set()
    for lang in LANGUAGES:
        for said in (gettext("{date} (uncertain)", lang), gettext("c. {date}", lang)):
            before, _, after = said.partition("{date}")
            found.add((tuple(fold(w) for w in before.split()),
                       tuple(fold(w) for w in after.split())))
    return tuple(sorted(found))


def _unqualified(text: str) -> str | None:
    """Return `text` without the qualifiers in words round it ("c. 1979" → "1979"), or None
    when it has none."""
    words = text.split()
    folded = [fold(word) for word in words]
    start, stop = 0, len(words)
    # Each qualifier at most once: "c. 1983 (uncertain)" is 1983%.
    for before, after in _qualifiers():
        if before and stop - start > len(before) and tuple(
                folded[start:start + len(before)]) == before:
            start += len(before)
        if after and stop - start > len(after) and tuple(
                folded[stop - len(after):stop]) == after:
            stop -= len(after)
    if (start, stop) == (0, len(words)):
        return None
    return " ".join(words[start:stop])


def _as_shown(text: str) -> DayRange | None:
    """Read a date as accord shows it to people: a qualifier in words ("c. 1979" means
    1979~, "1983 (uncertain)" 1983?) or a range joined by a dash (A – B means A/B); None
    when `text` is in neither form."""
    ends = _RANGE_DASH.split(text.strip())
    if len(ends) == 2 and all(ends):
        first, last = (_shown_end(end, text) for end in ends)
        if last.last < first.first:
            raise DateInputError(Message("{date}: the interval ends before it starts",
                                         date=repr(text)))
        return DayRange(first.first, last.last, "range")
    if len(ends) > 1:
        return None  # a dash where a range's cannot be: the plain forms say what is wrong
    bare = _unqualified(text)
    return None if bare is None else _shown_end(bare, text, unqualified=True)


def _shown_end(end: str, text: str, *, unqualified: bool = False) -> DayRange:
    """Read one date of a range as accord shows it (a year, month or day, perhaps
    qualified); its messages quote `text`, what was typed."""
    bare = end if unqualified else _unqualified(end) or end
    try:
        found = _parse_plain(bare)
    except DateInputError as err:
        said = message_of(err)
        if isinstance(said, Message) and "date" in said.fields:
            said = Message(said.text, said.context, **{**said.fields, "date": repr(text)})
        raise DateInputError(said if isinstance(said, Message) else Message(said),
                             meant_as_date=err.meant_as_date) from None
    if isinstance(found, MonthDay) or found.precision == "range":
        raise _unsupported(text)  # neither an anniversary nor a range is a range's end
    return found


# ---------------------------------------------------------------------------- tokens


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _tokens(text: str) -> list[tuple[str, str]]:
    """Return the words of `text` as typed and folded (case, accents, Turkish ı/İ, invisible
    characters), split at white space and commas."""
    tokens = [(raw, fold(raw)) for raw in re.split(r"[\s,]+", text) if raw]
    tokens = [(raw, folded) for raw, folded in tokens if folded]
    if not tokens:
        raise DateInputError(Message("empty date; use YYYY, YYYY-MM or YYYY-MM-DD, "
                                     "e.g. 1988-04-14"))
    if any(not c.isprintable() for _, folded in tokens for c in folded):
        # What folding leaves of Unicode's category C is a real control (or a surrogate).
        raise DateInputError(Message("{date} contains control characters", date=repr(text)))
    return tokens


def _unsupported(text: str, *, meant_as_date: bool = True) -> DateInputError:
    return DateInputError(Message("{date} is not a supported date form; write e.g. {forms}",
                                  date=repr(text), forms=FORMS), meant_as_date=meant_as_date)


def _with_time(text: str) -> DateInputError:
    return DateInputError(Message("cannot read {date}: give a date without a time",
                                  date=repr(text)))


def _four_digits(text: str) -> DateInputError:
    return DateInputError(Message("{date}: write the year with four digits, e.g. 1988-04-14",
                                  date=repr(text)))


# ---------------------------------------------------------------------------- numbers


def _edtf(form: str, text: str) -> DayRange:
    """Read an EDTF date or range; its messages quote `text`, what was typed."""
    try:
        span = parse_edtf(form)
    except EdtfError as err:
        said = message_of(err)
        if isinstance(said, Message) and "date" in said.fields:
            said = Message(said.text, said.context, **{**said.fields, "date": repr(text)})
        raise DateInputError(said if isinstance(said, Message) else Message(said)) from None
    if span.interval:
        return DayRange(span.start, span.end, "range")
    return DayRange(span.start, span.end, span.start_precision)


def _numeric(form: str, text: str) -> DayRange | MonthDay:
    """Read a date written with digits and separators only (`form` is folded)."""
    if re.fullmatch(_EDTF, form):
        return _edtf(form, text)
    if "/" in form and re.fullmatch(f"(?:{_RANGE_END})/(?:{_RANGE_END})", form):
        if ".." in form:
            raise DateInputError(Message("{date}: a range needs both its ends; an open end "
                                         "('..') is not supported", date=repr(text)))
        return _edtf(form, text)
    year_first = re.fullmatch(_YEAR_FIRST, form)
    if year_first:
        year, _, month, day = year_first.groups()
        return _checked(text, int(year), int(month), int(day) if day else None)
    month_day = re.fullmatch(_MONTH_DAY, form)
    if month_day:
        month, day = int(month_day.group(1)), int(month_day.group(2))
        if month > 31:
            raise _four_digits(text)  # 88-04
        if month > 12 and 1 <= day <= 12 and month <= days_in_month(2000, day):
            # Day first (13-01): say which way round MM-DD goes.
            raise DateInputError(Message("{date} is not a month and day (MM-DD); did you "
                                         "mean {example}?", date=repr(text),
                                         example=f"{day:02d}-{month:02d}"))
        return _month_day(text, month, day)
    if ":" in form or re.match(_FULL_DAY + "t", form):
        raise _with_time(text)
    if form[:1] in "-+" and re.fullmatch(r"[-+][0-9]{4}.*", form):
        raise DateInputError(Message("{date}: years run from 0001 to 9999, with no sign",
                                     date=repr(text)))
    if re.fullmatch(r"[0-9]{4}(?:[-/.][0-9]{1,2})?[-/.]", form):
        raise DateInputError(Message("{date} is incomplete; write e.g. {forms}",
                                     date=repr(text), forms=FORMS))
    if re.fullmatch(r"[0-9]{8}", form):
        return _compact(form, text)
    if form.isdigit():
        raise DateInputError(Message("{date}: a year has four digits (0001 to 9999), "
                                     "e.g. 1988", date=repr(text)))
    if re.fullmatch(_ALL_NUMBERS, form):
        return _all_numbers(form, text)
    raise _unsupported(text, meant_as_date=form[:1].isdigit())


def _compact(form: str, text: str) -> DayRange:
    """Refuse ISO's basic form (19880414), saying how to write it when it is a day."""
    iso = f"{form[:4]}-{form[4:6]}-{form[6:]}"
    try:
        _edtf(iso, iso)
    except DateInputError:
        raise DateInputError(Message("{date} is not a date; write e.g. {forms}",
                                     date=repr(text), forms=FORMS)) from None
    raise DateInputError(Message("{date}: write the day with hyphens, {example}",
                                 date=repr(text), example=iso))


def _all_numbers(form: str, text: str) -> DayRange:
    """Read day, month and year in digits when only one order makes a date (14.04.1988);
    refuse numbers whose order is a guess (04/05/1988: day or month first?), naming the
    mistake otherwise."""
    parts = re.split(r"[ ./-]+", form)
    years = [p for p in parts if len(p) == 4]
    if not years:
        raise _four_digits(text)
    if len(years) > 1:
        # Translators: {example} is a range of two years, as in "1988/1989".
        raise DateInputError(Message("{date} holds more than one year; give one date, or a "
                                     "range as {example}", date=repr(text),
                                     example=f"{years[0]}/{years[1]}"))
    if len(parts) == 2:
        number = parts[0] if parts[1] == years[0] else parts[1]
        raise DateInputError(Message("{date} is ambiguous: is {number} a day or a month? Name "
                                     "the month ('May 1988', '5 Mayıs 1988') or write "
                                     "YYYY-MM-DD", date=repr(text), number=number))
    if len(parts) == 3 and parts[2] == years[0]:
        return _day_and_month(parts, text)
    raise DateInputError(Message("{date} is ambiguous (day or month first?); write it as "
                                 "YYYY-MM-DD, e.g. {example}", date=repr(text),
                                 example=_iso_hint(parts, years[0])))


def _day_and_month(parts: list[str], text: str) -> DayRange:
    """Read day and month, in either order, before a year: the one order that makes a date
    (14.04.1988, 4/14/1988, 05.05.1988), or refuse with what is wrong."""
    year, numbers = int(parts[2]), (int(parts[0]), int(parts[1]))
    readings = {(month, day) for day, month in (numbers, numbers[::-1])
                if 1 <= month <= 12 and 1 <= day <= days_in_month(max(year, 1), month)}
    if len(readings) == 1:
        month, day = readings.pop()
        return _checked(text, year, month, day)
    if readings:
        raise DateInputError(Message("{date} is ambiguous (day or month first?); write it as "
                                     "YYYY-MM-DD, e.g. {example}", date=repr(text),
                                     example=_iso_hint(parts, parts[2])))
    if all(n > 12 for n in numbers):
        raise DateInputError(Message("{date} has no month: {first} and {second} are both over "
                                     "12; write YYYY-MM-DD, e.g. 1988-04-14", date=repr(text),
                                     first=parts[0], second=parts[1]))
    # One number can be a month and the other is no day of it (31.02.1988), or one is 0.
    day, month = numbers if 1 <= numbers[1] <= 12 else numbers[::-1]
    return _checked(text, year, month, day)


def _iso_hint(parts: list[str], year: str) -> Message | str:
    """Return the ISO forms that day-first and month-first readings give, only real days."""
    rest = [p.zfill(2) for p in parts if p is not year]
    if len(rest) != 2:
        return "1988-04-14"
    readings = [f"{year}-{month}-{day}" for month, day in (rest, rest[::-1])
                if 1 <= int(month) <= 12 and 1 <= int(day) <= days_in_month(int(year), int(month))]
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        # Translators: two ways to read a date, as in "1988-04-05 or 1988-05-04".
        return Message("{first} or {second}", first=readings[0], second=readings[1])
    return readings[0] if readings else "1988-04-14"


def _checked(text: str, year: int, month: int, day: int | None) -> DayRange:
    """Return the month or day, refusing one that does not exist (quoting what was typed)."""
    if year < 1:
        raise DateInputError(Message("{date}: year 0000 is not supported (years run from 0001 "
                                     "to 9999)", date=repr(text)))
    if not 1 <= month <= 12:
        raise DateInputError(Message("{date}: month {month} does not exist", date=repr(text),
                                     month=month))
    last = days_in_month(year, month)
    if day is None:
        return DayRange(dt.date(year, month, 1), dt.date(year, month, last), "month")
    if not 1 <= day <= last:
        raise DateInputError(Message("{date}: {month} {year} has no day {day}", date=repr(text),
                                     month=Message(MONTHS[month - 1], context="month"),
                                     year=year, day=day))
    return DayRange(dt.date(year, month, day), dt.date(year, month, day), "day")


def _month_day(text: str, month: int, day: int) -> MonthDay:
    # 2000 is a leap year: 02-29 is an anniversary in leap years.
    if not 1 <= month <= 12:
        raise DateInputError(Message("{date} is not a month and day (MM-DD)", date=repr(text)))
    if not 1 <= day <= days_in_month(2000, month):
        raise DateInputError(Message("{date}: {month} has no day {day}", date=repr(text),
                                     month=Message(MONTHS[month - 1], context="month"),
                                     day=day))
    return MonthDay(month, day)


# ---------------------------------------------------------------------------- words


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """Return the month names (1 to 12) and weekday names (0 is Monday) accord reads, folded,
    and every full name folded → as written, for "did you mean".

    A month reads in full or by its first three letters ("apr", "nis"; also "sept"), in
    every language accord speaks; a weekday in full, or in English by three letters or more
    ("thu", "thurs"). Built on first use: only dates in words need it, and it opens every
    catalogue.
    """
    months: dict[str, int] = {"sept": 9}
    weekdays: dict[str, int] = {}
    shown: dict[str, str] = {}
    for lang in LANGUAGES:
        for n in range(1, 13):
            name = month_name(n, lang)
            months[fold(name)] = months[fold(name)[:3]] = n
            shown.setdefault(fold(name), name)
        for n in range(7):
            name = weekday_name(n, lang)
            weekdays[fold(name)] = n
            shown.setdefault(fold(name), name)
    for n, name in enumerate(WEEKDAYS):
        folded = fold(name)
        weekdays.update((folded[:end], n) for end in range(3, len(folded)))
    return months, weekdays, shown


def _words(tokens: list[tuple[str, str]], text: str) -> DayRange | MonthDay:
    """Read a date in words: a month name with a day and/or a year, or a weekday beside a
    day; everything else is refused with the first reason found."""
    months, weekdays, _ = _names()
    weekday: int | None = None
    month: int | None = None
    numeric: DayRange | MonthDay | None = None
    shape = ""  # the order of what was read: M month, D day, Y year
    numbers: list[str] = []
    for raw, folded in tokens:
        word = folded[:-1] if folded.endswith(".") and _has_letter(folded) else folded
        ordinal = re.fullmatch(_ORDINAL, word)
        if word.isalpha():
            if word in months:
                if month is not None:
                    raise _unsupported(text)
                month, shape = months[word], shape + "M"
            elif word in weekdays:
                if weekday is not None:
                    raise _unsupported(text)
                weekday = weekdays[word]
            elif word == "of":
                continue
            elif word in ("am", "pm", "utc", "gmt", "z"):
                raise _with_time(text)
            else:
                raise _unknown_word(raw, word, text, len(tokens) == 1)
        elif word.isdigit() or ordinal:
            number = ordinal.group(1) if ordinal else word
            numbers.append(number)
            shape += "Y" if len(number) == 4 and not ordinal else "D"
        elif not _has_letter(word) and numeric is None and not shape:
            numeric = _numeric(word, text)
        elif ":" in word or re.fullmatch(r"[0-9]{1,2}(am|pm)|" + _FULL_DAY + "t.*", word):
            raise _with_time(text)
        else:
            raise _unsupported(text, meant_as_date=len(tokens) > 1 or word[:1].isdigit())
    if numeric is not None:
        if shape:
            raise _unsupported(text)
        return _weekday_checked(numeric, weekday, text)
    if month is None:
        return _no_month(numbers, text)
    return _weekday_checked(_by_shape(shape, month, numbers, text), weekday, text)


def _by_shape(shape: str, month: int, numbers: list[str], text: str) -> DayRange | MonthDay:
    """Return the date that the order of month (M), day (D) and year (Y) writes."""
    if shape in ("DMY", "MDY"):
        return _checked(text, int(numbers[1]), month, int(numbers[0]))
    if shape == "MY":
        return _checked(text, int(numbers[0]), month, None)
    if shape in ("DM", "MD"):
        if len(numbers[0]) == 2 and int(numbers[0]) > 31:
            raise _four_digits(text)  # April 88
        return _month_day(text, month, int(numbers[0]))
    if shape == "M":
        # Translators: a month as an example, "'April 1988'", in your language's order.
        example = Message("'{month} {year}'", year=1988,
                          month=Message(MONTHS[month - 1], context="month"))
        raise DateInputError(Message("{date} needs a year, e.g. {example}", date=repr(text),
                                     example=example))
    if re.fullmatch("M?D?M?D", shape) and len(numbers[-1]) in (2, 3):
        raise _four_digits(text)  # 14 April 88
    raise _unsupported(text)


def _no_month(numbers: list[str], text: str) -> DayRange | MonthDay:
    """Refuse words that name no month: a weekday with a year, or numbers beside words."""
    small = [n for n in numbers if len(n) <= 2]
    if small:
        raise DateInputError(Message("{date} is ambiguous: is {number} a day or a month? Name "
                                     "the month ('May 1988', '5 Mayıs 1988') or write "
                                     "YYYY-MM-DD", date=repr(text), number=small[0]))
    raise DateInputError(Message("{date}: a weekday goes with a day, e.g. 'Thursday 14 April "
                                 "1988'", date=repr(text)))


def _weekday_checked(found: DayRange | MonthDay, weekday: int | None,
                     text: str) -> DayRange | MonthDay:
    """Refuse a weekday beside anything but a day, or one the day was not."""
    if weekday is None:
        return found
    if isinstance(found, MonthDay) or found.precision != "day":
        raise DateInputError(Message("{date}: a weekday goes with a day, e.g. 'Thursday 14 "
                                     "April 1988'", date=repr(text)))
    day = found.first
    if day.weekday() != weekday:
        raise DateInputError(Message(
            "{date}: {day} {month} {year} was a {weekday}", date=repr(text), day=day.day,
            month=Message(MONTHS[day.month - 1], context="month"), year=day.year,
            weekday=Message(WEEKDAYS[day.weekday()], context="weekday")))
    return found


def _unknown_word(raw: str, word: str, text: str, alone: bool) -> DateInputError:
    """Return why a word is no part of a date: another language's month, a misspelt month
    or weekday ("did you mean April?"), or a form accord does not read."""
    if word in _FOREIGN_MONTHS:
        return DateInputError(Message("{date}: {word} is not a month name accord reads; write "
                                      "the month in English or Turkish ('14 April 1988', "
                                      "'14 Nisan 1988') or in digits (1988-04-14)",
                                      date=repr(text), word=repr(raw)))
    import difflib  # only a mistake pays for it

    _, _, shown = _names()
    close = difflib.get_close_matches(word, list(shown), n=1, cutoff=0.75)
    if close and len(word) >= 3:
        return DateInputError(Message("{date}: {word} is not a month or weekday; did you mean "
                                      "{name}?", date=repr(text), word=repr(raw),
                                      name=shown[close[0]]))
    # A word alone is more likely an id than a date (an event id where one is taken).
    return _unsupported(text, meant_as_date=not alone)
