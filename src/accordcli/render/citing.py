"""What the bibliography formats (bibtex, csl-json, ris) share: the sources a view holds, and
a source's date and authors as reference managers read them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from accordcli.edtf import parse_edtf

if TYPE_CHECKING:
    from accordcli.render.records_more import SourceRecord
    from accordcli.render.views import Detail, Listing


def sources_of(view: Listing[Any] | Detail) -> tuple[SourceRecord, ...]:
    """Return the sources a view of `sources` or `source ID` holds, in order."""
    from accordcli.render.records_more import SourceDetailRecord, SourceEntry
    from accordcli.render.views import Detail

    if isinstance(view, Detail):
        if isinstance(view.record, SourceDetailRecord):
            return (view.record.source,)
    elif all(isinstance(record, SourceEntry) for record in view.records):
        return tuple(record.source for record in view.records)
    raise NotImplementedError("only sources can be written as a bibliography")


class Day(NamedTuple):
    """One end of a date, as precisely as it is known: (1988,), (1988, 4), (1988, 4, 15)."""

    parts: tuple[int, ...]


class Published(NamedTuple):
    """A source's date: its first end, its last end if it is a period, and whether it is
    approximate or uncertain."""

    first: Day
    last: Day | None
    approximate: bool
    uncertain: bool


def _day(year: int, month: int, day: int, precision: str) -> Day:
    return Day((year,) if precision == "year" else (year, month) if precision == "month"
               else (year, month, day))


def published(date: str | None) -> Published | None:
    """Return a source's EDTF date as reference managers take it, or None without one."""
    if date is None:
        return None
    span = parse_edtf(date)  # the loader checked it
    first = _day(span.start.year, span.start.month, span.start.day, span.start_precision)
    last = (_day(span.end.year, span.end.month, span.end.day, span.end_precision)
            if span.interval else None)
    return Published(first, last, span.approximate, span.uncertain)


def iso_parts(day: str) -> tuple[int, int, int]:
    """Return the year, month and day of an ISO day (a source's `accessed`)."""
    year, month, date = day.split("-")
    return int(year), int(month), int(date)


def family_given(name: str) -> tuple[str, str] | None:
    """Return (family, given) for a name written "Family, Given"; None for any other name,
    which is kept whole: splitting "Given Family" by guess would misname many people."""
    family, comma, given = name.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        return family.strip(), given.strip()
    return None
