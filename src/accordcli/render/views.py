"""What each command shows, built from the model in the --lang language.

A view is a listing of records, one record in full (a detail), the timeline (a listing
that exporters read as events), a chart or validate's report. Renderers (registry.py)
turn views into output; the records themselves, and their columns, are in records.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from accordcli.i18n import N_, gettext, ngettext, number, pgettext, pN_
from accordcli.render.records import EVENTS, EventRecord, Names, Record, Shape, Whole
from accordcli.text import Cell, listed

if TYPE_CHECKING:
    from accordcli.actors import ActorSummary, Involvement
    from accordcli.interval import Interval, Moment
    from accordcli.model import Clause, Dataset, Event, Source, Vocabulary
    from accordcli.query import Anniversary
    from accordcli.render.records_more import (
        ActorRecord,
        AnniversaryRecord,
        ClauseRecord,
        HitRecord,
        SourceEntry,
    )
    from accordcli.render.views_more import Chart, Report
    from accordcli.search import Hit
    from accordcli.sources import SourceUse

# Column and field labels by key (the key is the JSON and CSV name), and what a listing says
# when nothing matched: the English is the message, translated where it is shown.
_LABELS = {
    "date": pN_("label", "Date"), "id": pN_("label", "Id"), "title": pN_("label", "Title"),
    "summary": pN_("label", "Summary"), "note": pN_("label", "Note"),
    "actors": pN_("label", "Actors"), "tags": pN_("label", "Tags"),
    "sources": pN_("label", "Sources"), "start": pN_("label", "Start"),
    "end": pN_("label", "End"), "name": pN_("label", "Name"), "kind": pN_("label", "Kind"),
    "role": pN_("label", "Role"), "affiliation": pN_("label", "Affiliation"),
    "event_count": pN_("label", "Event count"), "first": pN_("label", "First"),
    "last": pN_("label", "Last"), "number": pN_("label", "No."),
    "parties": pN_("label", "Parties"), "signatories": pN_("label", "Signatories"),
    "witnesses": pN_("label", "Witnesses"), "signed": pN_("label", "Signed"),
    "in_force": pN_("label", "In force"), "full_title": pN_("label", "Full title"),
    "text": pN_("label", "Text"), "span": pN_("label", "Span"),
    "clauses": pN_("label", "Instruments"), "provisions": pN_("label", "Provisions"),
    "events": pN_("label", "Events"), "relations": pN_("label", "Relation"),
    "match": pN_("label", "Match"), "from": pN_("label", "From"), "to": pN_("label", "To"),
    "years": pN_("label", "Years"), "months": pN_("label", "Months"),
    "days": pN_("label", "Days"), "total_days": pN_("label", "Total days"),
    "notes": pN_("label", "Notes"), "years_ago": pN_("label", "Anniversary"),
    "publisher": pN_("label", "Publisher"), "citation_count": pN_("label", "Citations"),
    "cited_by": pN_("label", "Cited by"), "authors": pN_("label", "Authors"),
    "type": pN_("label", "Type"), "container": pN_("label", "Published in"),
    "url": pN_("label", "URL"), "archived": pN_("label", "Archived copy"),
    "accessed": pN_("label", "Accessed"),
    # Translators: the column of search results showing the words around a match.
    "snippet": pN_("label", "Context"),
}
# Column headers that differ from the field's label: a table's short columns are as narrow
# as their values, so their headers are short words.
_HEADERS = {"event_count": pN_("header", "Events"),
            "citation_count": pN_("header", "Citations")}
# How a list (names, tags, relations) reads for people, in tables, lines and Markdown alike;
# CSV joins ids with ";".
JOINER = ", "
_EMPTY = {
    "no_events": N_("no events match"), "no_actors": N_("no actors match"),
    "no_clauses": N_("no instruments in this dataset"), "no_hits": N_("nothing matches"),
    "no_sources": N_("no sources match"),
}
# Enumerated values (actor kinds, relations to a clause, kinds of search hit, kinds of
# source) as a person reads them in the detail views; JSON, NDJSON and CSV keep the values
# themselves, which --kind takes (and, for kinds, their names here in any language). A
# clause is one instrument of the accords, and people read it so.
_VALUES = {
    "state": pN_("value", "state"), "organisation": pN_("value", "organisation"),
    "group": pN_("value", "group"), "person": pN_("value", "person"),
    "party": pN_("value", "party"), "signatory": pN_("value", "signatory"),
    "witness": pN_("value", "witness"), "event": pN_("value", "event"),
    "actor": pN_("value", "actor"), "clause": pN_("value", "instrument"),
    "provision": pN_("value", "provision"), "source": pN_("value", "source"),
    "newspaper": pN_("value", "newspaper"), "journal": pN_("value", "journal"),
    "book": pN_("value", "book"), "report": pN_("value", "report"),
    "document": pN_("value", "document"), "web": pN_("value", "web"),
}


def label(key: str, lang: str) -> str:
    """Return the column or field label for `key` in `lang`."""
    if key in _EMPTY:
        return gettext(_EMPTY[key], lang)
    return pgettext("label", _LABELS[key], lang) if key in _LABELS else key


def header(key: str, lang: str) -> str:
    """Return the header of the column `key` in `lang`."""
    return pgettext("header", _HEADERS[key], lang) if key in _HEADERS else label(key, lang)


def value_label(value: str, lang: str) -> str:
    """Return an enumerated value (an actor kind, a relation) in `lang`."""
    return pgettext("value", _VALUES[value], lang) if value in _VALUES else value


def value_labels(lang: str) -> dict[str, str]:
    """Return every enumerated value with how it reads in `lang`."""
    return {value: pgettext("value", name, lang) for value, name in _VALUES.items()}


R = TypeVar("R", bound=Record)


class Listing(NamedTuple, Generic[R]):
    """Records of one kind, in order."""

    records: tuple[R, ...]
    shape: Shape  # their CSV header and columns, known even when there are no records
    names: Names = Names()  # how ids and values read for people
    empty: str = "no_events"  # label key of what an empty listing says on a terminal
    highlight: tuple[str, ...] = ()  # folded search words, shown highlighted on a terminal
    edition: str | None = None  # the data's [dataset] version (ISO day), which exports name

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns people read (label keys)."""
        return self.shape.columns

    def rows(self, edtf: bool = False) -> list[tuple[Cell, ...]]:
        """Return each record's cells as people read them, in `columns` order; with `edtf`,
        dates as the data writes them ("1979~"), for tab-separated lines that scripts read."""
        names = self.names._replace(lang=None) if edtf else self.names
        return [record.row(names) for record in self.records]


class Field(NamedTuple):
    key: str  # label key
    text: str  # the value as people read it; one item per line


class Section(NamedTuple):
    key: str  # label key of its heading
    listing: Listing[Any]


class Detail(NamedTuple):
    """One record in full: a heading, labelled fields and listings below them."""

    record: Whole  # what JSON and NDJSON write
    heading: str
    fields: tuple[Field, ...]
    flat: Listing[Any]  # the record as rows, for formats that write only rows (CSV)
    sections: tuple[Section, ...] = ()
    edition: str | None = None  # the data's [dataset] version (ISO day), which exports name


class Timeline(NamedTuple):
    """The timeline: its listing, and the events and vocabulary exporters read whole."""

    listing: Listing[EventRecord]
    events: tuple[Event, ...]
    vocabulary: Vocabulary


if TYPE_CHECKING:
    # Only annotations name a View: a union made at run time would cost every start.
    View = Listing[Any] | Detail | Timeline | Chart | Report


# The records of the commands other than `timeline` are imported by the views that show
# them: defining them costs a start ~1 ms (records_more.py).
def events_listing(events: list[Event], lang: str,
                   highlight: tuple[str, ...] = ()) -> Listing[EventRecord]:
    """Return the listing of some events."""
    return Listing(tuple(EventRecord.of(e, lang) for e in events), EVENTS, Names(lang=lang),
                   highlight=highlight)


def timeline_view(events: list[Event], vocabulary: Vocabulary, lang: str,
                  highlight: tuple[str, ...] = ()) -> Timeline:
    """Return the timeline of `events`."""
    listing = events_listing(events, lang, highlight)._replace(edition=edition(vocabulary))
    return Timeline(listing, tuple(events), vocabulary)


def anniversaries_listing(found: list[Anniversary],
                          lang: str) -> Listing[AnniversaryRecord]:
    """Return events by anniversary, each with how many years ago it was."""
    from accordcli.render.records_more import ANNIVERSARIES, AnniversaryRecord
    return Listing(tuple(AnniversaryRecord(EventRecord.of(a.event, lang), a.years_ago,
                                           years_ago(a, lang)) for a in found),
                   ANNIVERSARIES, Names(lang=lang))


def years_ago(found: Anniversary, lang: str) -> str:
    """Return how long ago an anniversary's day is, true to the day: past days in whole
    years as ages are counted ("37 years ago" for 37 years and 8 months), days to come in
    whole years only when exact ("in 1 year" on the day, else "in more than 1 year")."""
    years, day, today = found.years_ago, found.day, found.today
    if day == today:
        return gettext("today", lang)
    if years > 0:
        return ngettext("{n} year ago", "{n} years ago", years, lang).format(n=years)
    if day < today:
        return gettext("less than a year ago", lang)
    if years == 0:
        return gettext("in less than a year", lang)
    if (day.month, day.day) == (today.month, today.day):
        return ngettext("in {n} year", "in {n} years", -years, lang).format(n=-years)
    return ngettext("in more than {n} year", "in more than {n} years", -years,
                    lang).format(n=-years)


def actors_listing(summaries: list[ActorSummary], lang: str) -> Listing[ActorRecord]:
    """Return the listing of actor summaries; people read kinds in `lang`."""
    from accordcli.render.records_more import ACTORS, ActorRecord
    return Listing(tuple(ActorRecord.of(s, lang) for s in summaries), ACTORS,
                   Names(values=value_labels(lang), lang=lang), empty="no_actors")


def clauses_listing(dataset: Dataset, lang: str) -> Listing[ClauseRecord]:
    """Return the dataset's clauses; people read their parties and signatories by name."""
    from accordcli.render.records_more import CLAUSES, ClauseRecord
    names = Names(actors={a.id: listed(a.name.get(lang)) for a in dataset.actors}, lang=lang)
    return Listing(tuple(ClauseRecord.of(c, lang) for c in dataset.clauses), CLAUSES,
                   names, empty="no_clauses")


def hits_listing(hits: list[Hit], lang: str,
                 highlight: tuple[str, ...] = ()) -> Listing[HitRecord]:
    """Return search results, best first; people read their kinds in `lang`, and
    `highlight` (match.Query.highlight) marked on a terminal."""
    from accordcli.render.records_more import HITS, HitRecord
    records = tuple(HitRecord(h.kind, h.id, h.title, h.date,
                              "title" if h.in_title else "text", h.text, h.snippet,
                              h.snippet_lang, lang) for h in hits)
    return Listing(records, HITS, Names(values=value_labels(lang), lang=lang), empty="no_hits",
                   highlight=highlight)


def _names(dataset: Vocabulary, ids: tuple[str, ...], lang: str) -> str:
    return JOINER.join(dataset.actor_name(i, lang) for i in ids)


def edition(dataset: Vocabulary) -> str | None:
    """Return the data's version as exports name it (an ISO day), if it has one."""
    return dataset.version.isoformat() if dataset.version else None


def citation(source: Source, lang: str) -> str:
    """Return a source as people read it: its title, publisher and date (in words, as
    citations write it: "11 February 1983 (uncertain)", "c. April 1988"), and its
    address."""
    from accordcli.edtf import date_text

    about = (f"{source.publisher}, {date_text(source.date, lang)}" if source.date
             else source.publisher)
    return f"{source.title} ({about}) {source.url}"


def _citations(dataset: Vocabulary, ids: tuple[str, ...], lang: str) -> str:
    """Return the sources of a record, one a line, as people read them."""
    return "\n".join(citation(s, lang) for s in map(dataset.source, ids) if s is not None)


def in_words(text: str, lang: str) -> str | None:
    """Return a date from the data (EDTF) in words, each end at its own precision: a day
    with its weekday ("Thursday 14 April 1988"; "14 Nisan 1988 Perşembe"), a month with its
    year ("April 1988"), each with the qualifier the line above it carries ("c. April
    1988"); None when it holds only years, which read the same either way."""
    from accordcli.edtf import days_of, ends, precision_of, qualified, qualifier_of
    from accordcli.i18n import month_name, weekday_name

    first, last = ends(text)
    said = []
    for end in (first,) if first == last else (first, last):
        precision, day = precision_of(end), days_of(end)[0]
        if precision == "year":
            words = str(day.year)
        elif precision == "month":
            words = gettext("{month} {year}", lang).format(
                month=month_name(day.month, lang), year=day.year)
        else:
            # Translators: a day in words with its weekday, as a detail view shows it
            # under the ISO date: "Thursday 14 April 1988" ("14 Nisan 1988 Perşembe").
            words = gettext("{weekday} {day} {month} {year}", lang).format(
                weekday=weekday_name(day.weekday(), lang), day=day.day,
                month=month_name(day.month, lang), year=day.year)
        said.append(qualified(words, qualifier_of(end), lang))
    if all(precision_of(end) == "year" for end in (first, last)):
        return None
    return " – ".join(said)


def _dated(text: str, lang: str) -> str:
    """Return a detail view's date: as written, at its precision, then in words."""
    from accordcli.edtf import shown_date

    words = in_words(text, lang)
    return shown_date(text, lang) + (f"\n{words}" if words else "")


def event_detail(event: Event, dataset: Dataset, lang: str) -> Detail:
    """Return one event in full."""
    from accordcli.render.records_more import EventDetailRecord, SourceRecord
    record = EventRecord.of(event, lang)
    sources = tuple(SourceRecord.of(s) for s in (dataset.source(i) for i in event.sources)
                    if s is not None)
    whole = EventDetailRecord(record, tuple(dataset.actor_name(a, lang) for a in event.actors),
                              sources)
    # The date at its own precision says all a span of days would: no day the data lacks.
    fields = [Field("date", _dated(record.date, lang)), Field("id", record.id),
              Field("summary", record.summary)]
    if record.note:
        fields.append(Field("note", record.note))
    lists = (("actors", JOINER.join(whole.actor_names)),
             ("tags", JOINER.join(dataset.tag_label(t, lang) for t in record.tags)),
             ("sources", _citations(dataset, event.sources, lang)))
    fields += [Field(key, value) for key, value in lists if value]  # no empty labels
    return Detail(whole, record.title, tuple(fields), Listing((record,), EVENTS),
                  edition=edition(dataset))


def clause_detail(clause: Clause, dataset: Dataset, lang: str) -> Detail:
    """Return one clause with the provisions the data holds for it."""
    from accordcli.render.records_more import PROVISIONS, ClauseRecord
    record = ClauseRecord.of(clause, lang)
    fields = [Field("number", str(record.number)), Field("id", record.id)]
    if record.full_title:
        fields.append(Field("full_title", record.full_title))
    fields += [Field("parties", _names(dataset, record.parties, lang)),
               Field("signatories", _names(dataset, record.signatories, lang))]
    if record.witnesses:
        fields.append(Field("witnesses", _names(dataset, record.witnesses, lang)))
    fields.append(Field("signed", _dated(record.signed, lang)))
    if record.in_force:
        fields.append(Field("in_force", _dated(record.in_force, lang)))
    fields += [Field("summary", record.summary),
               Field("sources", _citations(dataset, record.sources, lang))]
    provisions = Listing(record.provisions, PROVISIONS,
                         Names(tags={tag.id: listed(tag.label.get(lang)) for tag in dataset.tags}))
    return Detail(record, f"{record.number}. {record.title}", tuple(fields), provisions,
                  (Section("provisions", provisions),), edition(dataset))


def actor_detail(involvement: Involvement, dataset: Dataset, lang: str) -> Detail:
    """Return one actor with its timeline and clauses."""
    from accordcli.edtf import shown_end
    from accordcli.render.records_more import (
        RELATIONS,
        ActorDetailRecord,
        ActorRecord,
        RelationRecord,
    )
    actor = ActorRecord.of(involvement.summary, lang)
    events = tuple(EventRecord.of(e, lang) for e in involvement.events)
    clauses = tuple(RelationRecord(c.id, c.number, c.title.get(lang), relations)
                    for c, relations in involvement.clauses)
    fields = [Field("id", actor.id), Field("kind", value_label(actor.kind, lang)),
              Field("role", actor.role)]
    if actor.affiliation:
        fields.append(Field("affiliation", dataset.actor_name(actor.affiliation, lang)))
    fields.append(Field("event_count", str(actor.event_count)))
    if actor.first_date and actor.last_date:
        fields.append(Field("span", f"{shown_end(actor.first_date, lang)} … "
                                    f"{shown_end(actor.last_date, lang)}"))
    fields.append(Field("sources", _citations(dataset, actor.sources, lang)))
    events_section = Listing(events, EVENTS, Names(lang=lang))
    # An empty section would be a bare table header; "Event count: 0" already says it.
    sections = tuple(section for section in (
        Section("events", events_section),
        Section("clauses", Listing(clauses, RELATIONS, Names(values=value_labels(lang)),
                                   empty="no_clauses")),
    ) if section.listing.records)
    return Detail(ActorDetailRecord(actor, events, clauses), actor.name, tuple(fields),
                  events_section, sections, edition(dataset))


def sources_listing(uses: list[SourceUse], dataset: Vocabulary,
                    lang: str) -> Listing[SourceEntry]:
    """Return sources with how many records cite each."""
    from accordcli.render.records_more import SOURCES, SourceEntry, SourceRecord
    records = tuple(SourceEntry(SourceRecord.of(u.source, lang), len(u.cited_by)) for u in uses)
    return Listing(records, SOURCES, Names(lang=lang), empty="no_sources",
                   edition=edition(dataset))


def dataset_entry(dataset: Vocabulary, lang: str, *,
                  shipped: bool = True) -> Listing[SourceEntry]:
    """Return the dataset itself as a source to cite (`sources --self`): the shipped one is
    accord's, by accord's contributors; a user's (`shipped` False) is described only by its
    own [dataset] title and version, with no author or publisher accord cannot know."""
    from accordcli import __version__
    from accordcli.render.records_more import SOURCES, SourceEntry, SourceRecord
    version = edition(dataset)
    if shipped:
        title = dataset.title.get(lang) if dataset.title else gettext("accord dataset", lang)
        # Translators: who publishes the dataset itself (the publisher of `sources --self`).
        publisher = gettext("accord contributors", lang)
        note = gettext("Dataset of accord {version}", lang).format(version=__version__)
        record = SourceRecord("accord-dataset", title, None, publisher, version, (publisher,),
                              "dataset", None, None, None, note)
    else:
        # Translators: the title of a user's dataset that names none in [dataset].
        title = dataset.title.get(lang) if dataset.title else gettext("Untitled dataset", lang)
        record = SourceRecord("dataset", title, None, "", version, (), "dataset")
    return Listing((SourceEntry(record, 0),), SOURCES, edition=version)


def source_detail(use: SourceUse, dataset: Vocabulary, lang: str) -> Detail:
    """Return one source in full, with every record that cites it."""
    from accordcli.render.records_more import (
        CITATIONS,
        SOURCES,
        CitationRecord,
        SourceDetailRecord,
        SourceEntry,
        SourceRecord,
    )
    source = SourceRecord.of(use.source, lang)
    entry = SourceEntry(source, len(use.cited_by))
    cited_by = tuple(CitationRecord(c.kind, c.id, c.title.get(lang), c.date)
                     for c in use.cited_by)
    fields = [Field("id", source.id), Field("publisher", source.publisher)]
    optional = (("type", value_label(source.type, lang) if source.type else None),
                ("container", source.container),
                ("date", _dated(source.date, lang) if source.date else None),
                ("authors", "\n".join(source.authors)), ("url", source.url),
                ("archived", source.archived), ("accessed", source.accessed),
                ("note", source.note))
    fields += [Field(key, value) for key, value in optional if value]
    fields.append(Field("citation_count", str(entry.citation_count)))
    citations = Listing(cited_by, CITATIONS, Names(values=value_labels(lang), lang=lang))
    sections = (Section("cited_by", citations),) if cited_by else ()
    return Detail(SourceDetailRecord(entry, cited_by), source.title, tuple(fields),
                  Listing((entry,), SOURCES), sections, edition(dataset))


def caveat(moment: Moment, lang: str) -> str | None:
    """Say, in `lang`, why an event's day that a span uses is less than a certain day, if it
    is: known only to the year or month (the range takes in all of it), a period (its first
    day is used), or uncertain or approximate."""
    from accordcli.edtf import precision_of, qualifier_of

    date = moment.date
    if date is None or moment.exact:
        return None
    reasons = []
    precision = precision_of(moment.end)
    if precision == "year":
        reasons.append(gettext("known only to the year, so the range takes in the whole year",
                               lang))
    elif precision == "month":
        reasons.append(gettext("known only to the month, so the range takes in the whole "
                               "month", lang))
    elif date.interval and not moment.own:
        reasons.append(gettext("a period; its first day {day} is used", lang))
    qualifier = qualifier_of(moment.end)
    if qualifier in ("?", "%"):
        reasons.append(gettext("the date is uncertain", lang))
    if qualifier in ("~", "%"):
        reasons.append(gettext("the date is approximate", lang))
    if not reasons:
        return None
    day = moment.day.isoformat()
    # Translators: {reasons} are one or two of the reasons above, joined by "; ".
    return gettext("{id} is dated {date}: {reasons}", lang).format(
        id=moment.label, date=date.text,
        reasons="; ".join(reason.format(day=day) for reason in reasons))


def _calendar(years: int, months: int, days: int, lang: str, units: int = 3) -> str:
    """Return a time in calendar units, its `units` largest that are not zero: "-1 year",
    as "1 year" (the form is chosen by the size of the count)."""
    parts = []
    if years:
        parts.append(ngettext("{n} year", "{n} years", abs(years), lang).format(n=years))
    if months:
        parts.append(ngettext("{n} month", "{n} months", abs(months), lang).format(n=months))
    if days or not parts:
        parts.append(ngettext("{n} day", "{n} days", abs(days), lang).format(n=days))
    return ", ".join(parts[:units])


def _days(count: int, lang: str) -> str:
    return ngettext("{n} day", "{n} days", abs(count), lang).format(n=number(count, lang))


def _shown_moment(moment: Moment, lang: str) -> str:
    """Return a span's end for readers: a typed day as typed, an event's day at the
    precision of its date, with the event's id."""
    from accordcli.edtf import shown_end

    if moment.date is None:  # a typed day, month or year, at its precision
        day = shown_end(moment.end, lang) if moment.end else moment.day.isoformat()
        return day if moment.label == day else f"{day} ({moment.label})"
    return f"{shown_end(moment.end, lang)} ({moment.label})"


def interval_detail(interval: Interval, lang: str) -> Detail:
    """Return the time between two moments as a sentence, with its caveats: the shortest and
    longest it may be when an end is less precise than a day, "about" when an end is
    uncertain or approximate, never a falsely exact figure."""
    from accordcli.render.records_more import INTERVALS, IntervalRecord
    start, end = interval.start, interval.end
    if interval.min_days != interval.max_days:
        # From the least to the most, as min_days and max_days: "-5 years to -4 years".
        # Translators: a range of durations, "4 years, 3 months to 5 years, 3 months".
        between = gettext("{shortest} to {longest}", lang)
        heading = between.format(shortest=_calendar(*interval.shortest, lang, units=2),
                                 longest=_calendar(*interval.longest, lang, units=2))
        total = between.format(shortest=number(interval.min_days, lang),
                               longest=_days(interval.max_days, lang))
        heading = f"{heading} ({total})"
    elif interval.max_days == 0 and start.own:  # a one-day event's own length
        heading = _days(0, lang)
    elif interval.max_days == 0:  # said once, in words
        heading = (gettext("about the same day", lang)
                   if (start.qualified or end.qualified) and not start.same(end) else
                   gettext("the same day", lang))
    else:
        heading = (f"{_calendar(interval.years, interval.months, interval.days, lang)} "
                   f"({_days(interval.total_days, lang)})")
        if (start.qualified or end.qualified) and not start.same(end):
            # Translators: a duration between uncertain or approximate dates.
            heading = gettext("about {span}", lang).format(span=heading)
    # One day of one date against itself is no time, whichever day it was: nothing to note.
    notes = () if start.same(end) else tuple(dict.fromkeys(
        n for n in (caveat(start, lang), caveat(end, lang)) if n))
    record = IntervalRecord(start.day.isoformat(), end.day.isoformat(), start.label, end.label,
                            interval.years, interval.months, interval.days,
                            interval.total_days, start.exact and end.exact, notes,
                            interval.min_days, interval.max_days)
    fields = [Field("from", _shown_moment(start, lang)), Field("to", _shown_moment(end, lang))]
    if notes:
        fields.append(Field("notes", "\n".join(notes)))
    return Detail(record, heading, tuple(fields), Listing((record,), INTERVALS))
