"""What each command shows: its records, its columns and the labels they have."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from accordcli.i18n import N_, gettext, ngettext, number, pgettext, pN_
from accordcli.render.records import (
    Record,
    actor_detail,
    actor_record,
    clause_record,
    event_detail,
    event_record,
)

if TYPE_CHECKING:
    from accordcli.actors import ActorSummary, ActorView
    from accordcli.hits import Hit
    from accordcli.model import Clause, Dataset, Event
    from accordcli.span import Interval, Moment

EVENT_COLUMNS = ("date", "id", "title")
EVENT_CSV = ("id", "date", "start", "end", "title", "summary", "note", "actors", "tags", "sources")
ACTOR_COLUMNS = ("id", "name", "kind", "role", "event_count", "first", "last")
ACTOR_CSV = ("id", "name", "kind", "role", "affiliation", "event_count", "first", "last",
             "sources")
CLAUSE_COLUMNS = ("number", "id", "title", "parties", "signatories", "signed", "in_force")
CLAUSE_CSV = ("id", "number", "title", "full_title", "parties", "signatories", "witnesses",
              "signed", "in_force", "summary", "sources")
PROVISION_COLUMNS = ("number", "text", "tags")
HIT_COLUMNS = ("kind", "id", "title")
HIT_CSV = ("kind", "id", "title", "date", "match", "text")
INTERVAL_CSV = ("from", "to", "from_label", "to_label", "years", "months", "days",
                "total_days", "exact", "notes")

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
    "clauses": pN_("label", "Clauses"), "provisions": pN_("label", "Provisions"),
    "events": pN_("label", "Events"), "relations": pN_("label", "Relation"),
    "match": pN_("label", "Match"), "from": pN_("label", "From"), "to": pN_("label", "To"),
    "years": pN_("label", "Years"), "months": pN_("label", "Months"),
    "days": pN_("label", "Days"), "total_days": pN_("label", "Total days"),
    "notes": pN_("label", "Notes"),
}
_EMPTY = {
    "no_events": N_("no events match"), "no_actors": N_("no actors match"),
    "no_clauses": N_("no clauses in this dataset"), "no_hits": N_("nothing matches"),
}
# Enumerated values (actor kinds, relations to a clause, kinds of search hit) as a person
# reads them in the detail views; JSON, NDJSON and CSV keep the values themselves, which
# --kind takes.
_VALUES = (
    pN_("value", "state"), pN_("value", "organisation"), pN_("value", "group"),
    pN_("value", "person"), pN_("value", "party"), pN_("value", "signatory"),
    pN_("value", "witness"), pN_("value", "event"), pN_("value", "actor"),
    pN_("value", "clause"), pN_("value", "provision"),
)


# A name or label that a listing repeats for every record referring to it is cut to this
# many characters (the shipped data's longest is 73): a clause listing naming 25 actors of
# 20,000 characters each made a 550 KB file print 100 MB. Where it is shown once (`accord
# actor ID`, a tag in `accord event ID`) it is whole; JSON and CSV carry the ids.
LISTED_NAME = 100


def listed(name: str) -> str:
    """Return `name` as a listing repeats it: whole, or cut to LISTED_NAME characters."""
    return name if len(name) <= LISTED_NAME else name[:LISTED_NAME - 1] + "…"


def label(key: str, lang: str) -> str:
    """Return the column or field label for `key` in `lang`."""
    if key in _EMPTY:
        return gettext(_EMPTY[key], lang)
    return pgettext("label", _LABELS[key], lang) if key in _LABELS else key


def value_label(value: str, lang: str) -> str:
    """Return an enumerated value (an actor kind, a relation) in `lang`."""
    return pgettext("value", value, lang) if value in _VALUES else value


def value_labels(lang: str) -> dict[str, str]:
    """Return every enumerated value with how it reads in `lang`."""
    return {value: pgettext("value", value, lang) for value in _VALUES}


@dataclass(frozen=True, slots=True)
class Listing:
    """Records of one kind with the columns each output format shows."""

    kind: str  # what the records are: "events", "actors", "clauses", "provisions", "hits"...
    records: tuple[Record, ...]
    columns: tuple[str, ...]  # table, line-per-record and markdown output
    csv_columns: tuple[str, ...]
    empty: str = "no_events"  # label key of the "nothing matched" message
    # Columns whose values (or list items) people read under other names: a kind in the
    # chosen language, an actor id as the actor's name.
    translated: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)

    def shown(self, record: Record, column: str) -> Any:
        """Return a record's value as tables, lines and Markdown show it; JSON and CSV keep
        the value itself."""
        value = record.get(column)
        if column not in self.translated:
            return value
        if isinstance(value, list):
            return [self.names.get(item, item) for item in value]
        return self.names.get(value, value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class Detail:
    """One record in full: a heading, labelled fields and listings below them."""

    record: Record  # the JSON object
    heading: str
    fields: tuple[tuple[str, str], ...]  # (label key, human-readable value)
    sections: tuple[tuple[str, Listing], ...]  # (label key, listing)
    csv: Listing  # what --format csv writes for this record


def events_listing(events: list[Event], lang: str) -> Listing:
    """Return the listing of a timeline."""
    return Listing("events", tuple(event_record(e, lang) for e in events), EVENT_COLUMNS,
                   EVENT_CSV)


def actors_listing(summaries: list[ActorSummary], lang: str) -> Listing:
    """Return the listing of actor summaries."""
    return Listing("actors", tuple(actor_record(s, lang) for s in summaries), ACTOR_COLUMNS,
                   ACTOR_CSV, empty="no_actors", translated=("kind",),
                   names=value_labels(lang))


def clauses_listing(dataset: Dataset, lang: str) -> Listing:
    """Return the listing of the dataset's clauses, without their provisions; people see
    the parties and signatories by name."""
    return Listing("clauses", tuple(clause_record(c, lang) for c in dataset.clauses),
                   CLAUSE_COLUMNS, CLAUSE_CSV, empty="no_clauses",
                   translated=("parties", "signatories"),
                   names={a.id: listed(a.name.get(lang)) for a in dataset.actors})


def _names(dataset: Dataset, ids: list[str], lang: str) -> str:
    return ", ".join(dataset.actor_name(i, lang) for i in ids)


def _span_text(record: Record) -> str:
    if record["start"] == record["end"]:
        return str(record["start"])
    return f"{record['start']} … {record['end']}"


def event_view(event: Event, dataset: Dataset, lang: str) -> Detail:
    """Return one event in full."""
    record = event_detail(event, dataset, lang)
    fields = [
        ("date", record["date"]),
        ("span", _span_text(record)),
        ("id", record["id"]),
        ("summary", record["summary"]),
    ]
    if record["note"]:
        fields.append(("note", record["note"]))
    fields += [
        ("actors", ", ".join(record["actor_names"])),
        ("tags", ", ".join(dataset.tag_label(t, lang) for t in record["tags"])),
        ("sources", "\n".join(f"{s['title']} ({s['publisher']}) {s['url']}"
                              for s in record["source_details"])),
    ]
    csv = Listing("events", (event_record(event, lang),), EVENT_COLUMNS, EVENT_CSV)
    return Detail(record, record["title"], tuple(fields), (), csv)


def clause_view(clause: Clause, dataset: Dataset, lang: str) -> Detail:
    """Return one clause with every provision."""
    record = clause_record(clause, lang)
    fields = [("number", str(record["number"])), ("id", record["id"])]
    if record["full_title"]:
        fields.append(("full_title", record["full_title"]))
    fields += [
        ("parties", _names(dataset, record["parties"], lang)),
        ("signatories", _names(dataset, record["signatories"], lang)),
    ]
    if record["witnesses"]:
        fields.append(("witnesses", _names(dataset, record["witnesses"], lang)))
    fields.append(("signed", record["signed"]))
    if record["in_force"]:
        fields.append(("in_force", record["in_force"]))
    fields += [("summary", record["summary"]), ("sources", ", ".join(record["sources"]))]
    provisions = Listing(
        "provisions",
        tuple({"clause": clause.id, **p} for p in record["provisions"]),
        PROVISION_COLUMNS,
        ("clause", *PROVISION_COLUMNS),
        translated=("tags",),
        names={tag.id: listed(tag.label.get(lang)) for tag in dataset.tags},
    )
    return Detail(record, f"{record['number']}. {record['title']}", tuple(fields),
                  (("provisions", provisions),), provisions)


def actor_view_detail(view: ActorView, dataset: Dataset, lang: str) -> Detail:
    """Return one actor with its timeline and clauses."""
    record = actor_detail(view, lang)
    fields = [("id", record["id"]), ("kind", value_label(record["kind"], lang)),
              ("role", record["role"])]
    if record["affiliation"]:
        fields.append(("affiliation", dataset.actor_name(record["affiliation"], lang)))
    fields.append(("event_count", str(record["event_count"])))
    if record["first"]:
        fields.append(("span", f"{record['first']} … {record['last']}"))
    fields.append(("sources", ", ".join(record["sources"])))
    events = Listing("events", tuple(record["events"]), EVENT_COLUMNS, EVENT_CSV)
    clauses = Listing(
        "clauses",
        tuple({"number": c["number"], "id": c["id"], "title": c["title"],
               "relations": c["relations"]} for c in record["clauses"]),
        ("number", "id", "title", "relations"),
        ("number", "id", "title", "relations"),
        empty="no_clauses",
        translated=("relations",),
        names=value_labels(lang),
    )
    # An empty section would be a bare table header; "Event count: 0" already says it.
    sections = tuple((key, listing) for key, listing in (("events", events),
                                                          ("clauses", clauses))
                     if listing.records)
    return Detail(record, record["name"], tuple(fields), sections, events)


def hits_listing(hits: list[Hit], lang: str) -> Listing:
    """Return search results, best first."""
    records = tuple(
        {"kind": h.kind, "id": h.id, "title": h.title, "date": h.date,
         "match": "title" if h.in_title else "text", "text": h.text}
        for h in hits
    )
    return Listing("hits", records, HIT_COLUMNS, HIT_CSV, empty="no_hits",
                   translated=("kind",), names=value_labels(lang))


def caveat(moment: Moment, lang: str) -> str | None:
    """Say, in `lang`, why an event's first day is less than a certain day, if it is."""
    date = moment.date
    if date is None or date.is_exact_day:
        return None
    reasons = []
    if date.start_precision == "year":
        reasons.append(gettext("known only to the year, so its first day {day} is used", lang))
    elif date.start_precision == "month":
        reasons.append(gettext("known only to the month, so its first day {day} is used",
                               lang))
    elif date.interval:
        reasons.append(gettext("a period; its first day {day} is used", lang))
    first = date.qualifiers()[0]  # only the first day is used
    if first in ("?", "%"):
        reasons.append(gettext("the date is uncertain", lang))
    if first in ("~", "%"):
        reasons.append(gettext("the date is approximate", lang))
    if not reasons:
        return None
    day = moment.day.isoformat()
    # Translators: {reasons} are one or two of the reasons above, joined by "; ".
    return gettext("{id} is dated {date}: {reasons}", lang).format(
        id=moment.label, date=date.text,
        reasons="; ".join(reason.format(day=day) for reason in reasons))


def interval_view(interval: Interval, lang: str) -> Detail:
    """Return the time between two moments as a sentence, with its caveats."""
    years, months, days = interval.years, interval.months, interval.days
    # The form is chosen by the size of the count: "-1 year", as "1 year".
    parts = [ngettext("{n} year", "{n} years", abs(years), lang).format(n=years)] if years else []
    if months:
        parts.append(ngettext("{n} month", "{n} months", abs(months), lang).format(n=months))
    if days or not parts:
        parts.append(ngettext("{n} day", "{n} days", abs(days), lang).format(n=days))
    calendar = ", ".join(parts)
    total = ngettext("{n} day", "{n} days", abs(interval.total_days), lang).format(
        n=number(interval.total_days, lang))
    notes = [n for n in (caveat(interval.start, lang), caveat(interval.end, lang)) if n]
    record = {
        "from": interval.start.day.isoformat(),
        "to": interval.end.day.isoformat(),
        "from_label": interval.start.label,
        "to_label": interval.end.label,
        "years": interval.years,
        "months": interval.months,
        "days": interval.days,
        "total_days": interval.total_days,
        "exact": interval.start.exact and interval.end.exact,
        "notes": notes,
    }
    fields = []
    for key, moment in (("from", interval.start), ("to", interval.end)):
        day = moment.day.isoformat()
        fields.append((key, day if moment.label == day else f"{day} ({moment.label})"))
    if notes:
        fields.append(("notes", "\n".join(notes)))
    # The notes are sentences with ";" in them: one per line in CSV, not ";"-joined.
    csv = Listing("intervals", ({**record, "notes": "\n".join(notes)},), INTERVAL_CSV,
                  INTERVAL_CSV)
    return Detail(record, f"{calendar} ({total})", tuple(fields), (), csv)
