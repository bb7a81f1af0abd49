"""What each command shows: its records, its columns and its labels in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

LABELS = {
    "en": {
        "date": "Date", "id": "Id", "title": "Title", "summary": "Summary", "note": "Note",
        "actors": "Actors", "tags": "Tags", "sources": "Sources", "start": "Start",
        "end": "End", "name": "Name", "kind": "Kind", "role": "Role",
        "affiliation": "Affiliation", "event_count": "Event count", "first": "First",
        "last": "Last", "number": "No.", "parties": "Parties", "signatories": "Signatories",
        "witnesses": "Witnesses", "signed": "Signed", "in_force": "In force",
        "full_title": "Full title", "text": "Text", "span": "Span", "clauses": "Clauses",
        "provisions": "Provisions", "events": "Events", "relations": "Relation",
        "no_events": "no events match", "no_actors": "no actors match",
        "no_clauses": "no clauses in this dataset",
        "no_hits": "nothing matches", "match": "Match", "from": "From", "to": "To",
        "years": "Years", "months": "Months", "days": "Days", "total_days": "Total days",
        "notes": "Notes",
    },
    "tr": {
        "date": "Tarih", "id": "Kimlik", "title": "Başlık", "summary": "Özet", "note": "Not",
        "actors": "Aktörler", "tags": "Etiketler", "sources": "Kaynaklar", "start": "Başlangıç",
        "end": "Bitiş", "name": "Ad", "kind": "Tür", "role": "Rol",
        "affiliation": "Bağlı olduğu", "event_count": "Olay sayısı", "first": "İlk",
        "last": "Son",
        "number": "No", "parties": "Taraflar", "signatories": "İmzacılar",
        "witnesses": "Tanıklar", "signed": "İmza", "in_force": "Yürürlük",
        "full_title": "Tam adı", "text": "Metin", "span": "Tarih aralığı", "clauses": "Maddeler",
        "provisions": "Hükümler", "events": "Olaylar", "relations": "İlişki",
        "no_events": "eşleşen olay yok", "no_actors": "eşleşen aktör yok",
        "no_clauses": "bu veri kümesinde madde yok",
        "no_hits": "eşleşen bir şey yok", "match": "Eşleşme", "from": "Başlangıç",
        "to": "Bitiş", "years": "Yıl", "months": "Ay", "days": "Gün",
        "total_days": "Toplam gün", "notes": "Notlar",
    },
}


# Enumerated values (actor kinds, relations to a clause) as a person reads them in the
# detail views; JSON, NDJSON and CSV keep the values themselves, which --kind takes.
VALUES = {
    "tr": {
        "state": "devlet", "organisation": "kuruluş", "group": "grup", "person": "kişi",
        "party": "taraf", "signatory": "imzacı", "witness": "tanık",
        "event": "olay", "actor": "aktör", "clause": "madde", "provision": "hüküm",
    },
}


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
    return LABELS.get(lang, LABELS["en"]).get(key) or LABELS["en"].get(key, key)


def value_label(value: str, lang: str) -> str:
    """Return an enumerated value (an actor kind, a relation) in `lang`."""
    return VALUES.get(lang, {}).get(value, value)


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
                   names=VALUES.get(lang, {}))


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
        names=VALUES.get(lang, {}),
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
                   translated=("kind",), names=VALUES.get(lang, {}))


_UNITS = {
    "en": (("year", "years"), ("month", "months"), ("day", "days")),
    "tr": (("yıl", "yıl"), ("ay", "ay"), ("gün", "gün")),
}


def _thousands(number: int, lang: str) -> str:
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "tr" else text


_CAVEATS = {
    "en": {
        "head": "{id} is dated {date}",
        "year": "known only to the year, so its first day {day} is used",
        "month": "known only to the month, so its first day {day} is used",
        "period": "a period; its first day {day} is used",
        "uncertain": "the date is uncertain",
        "approximate": "the date is approximate",
    },
    "tr": {
        "head": "{id} tarihi: {date}",
        "year": "yalnızca yılı bilindiğinden ilk günü ({day}) alındı",
        "month": "yalnızca ayı bilindiğinden ilk günü ({day}) alındı",
        "period": "bir dönem; ilk günü ({day}) alındı",
        "uncertain": "tarih kesin değil",
        "approximate": "tarih yaklaşık",
    },
}


def caveat(moment: Moment, lang: str) -> str | None:
    """Say, in `lang`, why an event's first day is less than a certain day, if it is."""
    date = moment.date
    if date is None or date.is_exact_day:
        return None
    words = _CAVEATS.get(lang, _CAVEATS["en"])
    day = moment.day.isoformat()
    reasons = []
    if date.start_precision != "day":
        reasons.append(words[date.start_precision].format(day=day))
    elif date.interval:
        reasons.append(words["period"].format(day=day))
    first = date.qualifiers()[0]  # only the first day is used
    if first in ("?", "%"):
        reasons.append(words["uncertain"])
    if first in ("~", "%"):
        reasons.append(words["approximate"])
    if not reasons:
        return None
    return words["head"].format(id=moment.label, date=date.text) + ": " + "; ".join(reasons)


def interval_view(interval: Interval, lang: str) -> Detail:
    """Return the time between two moments as a sentence, with its caveats."""
    units = _UNITS.get(lang, _UNITS["en"])
    parts = []
    for value, (one, many) in zip((interval.years, interval.months, interval.days), units,
                                  strict=True):
        if value:
            parts.append(f"{value} {one if abs(value) == 1 else many}")
    calendar = ", ".join(parts) or f"0 {units[2][1]}"
    total = _thousands(interval.total_days, lang)
    day_word = units[2][0] if abs(interval.total_days) == 1 else units[2][1]
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
    return Detail(record, f"{calendar} ({total} {day_word})", tuple(fields), (), csv)
