"""What the bibliography formats (bibtex, csl-json, ris) share: the sources a view holds, with
one citation key and one text each whichever format writes them, and a source's date and
authors as reference managers read them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from accordcli.edtf import parse_edtf

if TYPE_CHECKING:
    from accordcli.render.records_more import SourceRecord
    from accordcli.render.views import Detail, Listing


def sources_of(view: Listing[Any] | Detail) -> tuple[SourceRecord, ...]:
    """Return the sources a view of `sources` or `source ID` holds, in order, as every
    bibliography writes them: `id` is the citation key (unique, whatever the case), every
    text is bibliography text (see plain())."""
    from accordcli.render.records_more import SourceDetailRecord, SourceEntry
    from accordcli.render.views import Detail

    if isinstance(view, Detail):
        if not isinstance(view.record, SourceDetailRecord):
            raise NotImplementedError("only sources can be written as a bibliography")
        found: tuple[SourceRecord, ...] = (view.record.source,)
    elif all(isinstance(record, SourceEntry) for record in view.records):
        found = tuple(record.source for record in view.records)
    else:
        raise NotImplementedError("only sources can be written as a bibliography")
    used: set[str] = set()
    cited = []
    for source in found:
        cite_key = key(source.id)
        while cite_key.casefold() in used:  # never for ids as loaded: they are unique
            cite_key += "-"
        used.add(cite_key.casefold())
        cited.append(_plain_record(source, cite_key))
    return tuple(cited)


def key(identifier: str) -> str:
    """Return the citation key of a source id, the same in BibTeX, CSL-JSON and RIS (so that
    Pandoc's [@key] finds it in whichever file): the id itself when it is plain ASCII, else
    its letters made ASCII and a short hash of the id, so that keys stay unique and stable."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", identifier)
                      if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", letters).strip("-") or "source"
    if slug == identifier:
        return slug
    return f"{slug}-{hashlib.sha256(identifier.encode()).hexdigest()[:6]}"


# Terminal control sequences (ESC [ ... m and the like): dropped whole, not only their ESC.
_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
# Bidirectional formatting characters: they reorder what a reader sees.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                  "\u2066\u2067\u2068\u2069")
_BREAKS = frozenset("\t\n\r\v\f\x85\u2028\u2029")


def plain(text: str) -> str:
    """Return data text as every bibliography format writes it, so that a title reads the
    same in each: one line (line breaks and tabs as spaces, runs of spaces as one), without
    terminal control sequences, other control characters or bidi formatting characters,
    which are never text a bibliography shows."""
    text = _SEQUENCE.sub("", text)
    kept = "".join(" " if char in _BREAKS else "" if char in _BIDI
                   or unicodedata.category(char) in ("Cc", "Cs") else char for char in text)
    return re.sub(" {2,}", " ", kept).strip()


def _plain_record(source: SourceRecord, cite_key: str) -> SourceRecord:
    def maybe(text: str | None) -> str | None:
        return plain(text) or None if text is not None else None

    return source._replace(
        id=cite_key, title=plain(source.title), url=maybe(source.url),
        publisher=plain(source.publisher), authors=tuple(plain(a) for a in source.authors),
        container=maybe(source.container), archived=maybe(source.archived),
        note=maybe(source.note))


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
    text: str  # EDTF, as written


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
    return Published(first, last, span.approximate, span.uncertain, date)


def date_caveat(date: Published, lang: str) -> str:
    """Return the note that says a date is uncertain or approximate, for formats whose dates
    cannot say it: "Date of publication uncertain: 1983-02-11"."""
    from accordcli.i18n import gettext

    # The date without its qualifiers: the note's words say them.
    shown = " – ".join(end.rstrip("?~%") for end in date.text.split("/"))
    if date.uncertain:
        # Translators: a note in a bibliography entry; {date} as in "1983-02-11".
        return gettext("Date of publication uncertain: {date}", lang).format(date=shown)
    # Translators: a note in a bibliography entry; {date} as in "1988-04".
    return gettext("Date of publication approximate: {date}", lang).format(date=shown)


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
