"""The domain model: frozen, typed records of one validated dataset."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

ACTOR_KINDS = ("state", "organisation", "group", "person")
# What a source is, as reference managers tell them apart (BibTeX, CSL and RIS types follow).
SOURCE_TYPES = ("newspaper", "journal", "book", "report", "document", "web")


@lru_cache(maxsize=1 << 18)  # room for every id of a 100,000-event file
def id_key(identifier: str) -> str:
    """Return the form of an id used for comparison: NFC-normalised and case-folded."""
    return unicodedata.normalize("NFC", identifier).casefold()


@dataclass(frozen=True, slots=True)
class LocalText:
    """A human-readable text in English and, where translated, Turkish.

    Its fields are the languages a data file's texts may be in: the data's, which need not
    be all those of accord's own words (i18n.LANGUAGES); tests/test_i18n.py checks that
    each has a message catalogue.
    """

    en: str
    tr: str | None = None

    def get(self, lang: str) -> str:
        """Return the text in `lang`, falling back to English when it is missing."""
        # A branch per field, not getattr(self, lang): this runs for every text shown, and
        # the lookup by name takes twice as long (in variants, twelve times).
        if lang == "tr" and self.tr:
            return self.tr
        return self.en

    def variants(self) -> tuple[str, ...]:
        """Return every language's text, for searching."""
        return (self.en,) if self.tr is None else (self.en, self.tr)


@dataclass(frozen=True, slots=True)
class Span:
    """A date as written in the data (EDTF) and the first and last day it may cover."""

    text: str
    start: dt.date
    end: dt.date
    start_precision: str  # "year", "month" or "day": how precisely the first day is known
    end_precision: str
    uncertain: bool = False  # EDTF "?" (or "%") on either end
    approximate: bool = False  # EDTF "~" (or "%") on either end
    interval: bool = False

    @property
    def is_exact_day(self) -> bool:
        """True when the span names one known day with no qualifier."""
        return (
            not self.interval
            and self.start_precision == "day"
            and not self.uncertain
            and not self.approximate
        )

    def qualifiers(self) -> tuple[str, str]:
        """Return the EDTF qualifier ("", "?", "~" or "%") of the first and of the last end.

        The flags above say only that some end has one: in "1979-03-15/1979-03-20~" the
        first day is exact and the last approximate.
        """
        ends = self.text.split("/") if self.interval else [self.text]
        marks = [end[-1:] if end[-1:] in ("?", "~", "%") else "" for end in ends]
        return marks[0], marks[-1]

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """True when this span shares at least one day with first..last (inclusive)."""
        return self.start <= last and self.end >= first

    def inside(self, first: dt.date, last: dt.date) -> bool:
        """True when every day of this span lies within first..last (inclusive)."""
        return first <= self.start and self.end <= last

    def contains(self, day: dt.date) -> bool:
        """True when `day` lies within the span."""
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Source:
    """A publication that the data cites: what a bibliography entry needs.

    `title` is the source's own title as published (in its own language), `publisher` who
    published it; what this project says about the source is its `note`. The fields after
    `publisher` are optional in a data file.
    """

    id: str
    title: str
    url: str
    publisher: str
    note: LocalText | None = None
    date: Span | None = None  # of publication (EDTF)
    authors: tuple[str, ...] = ()
    type: str | None = None  # one of SOURCE_TYPES
    container: str | None = None  # the newspaper or journal it appeared in
    archived: str | None = None  # an archive's or a mirror's copy (URL)
    accessed: dt.date | None = None  # the day its URL was read


@dataclass(frozen=True, slots=True)
class Tag:
    """One term of the dataset's controlled tag vocabulary."""

    id: str
    label: LocalText


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, organisation, group or person in the story."""

    id: str
    kind: str
    name: LocalText
    role: LocalText
    affiliation: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened on a day, in a month or year, or over a period."""

    id: str
    date: Span
    title: LocalText
    summary: LocalText
    note: LocalText | None
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Provision:
    """One article or paragraph of an instrument, summarised."""

    number: str
    text: LocalText
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Clause:
    """One of the accords' four instruments (the separate agreements signed at Geneva), with
    its provisions.

    "Clause" is the data's word for an instrument: a data file's [[clauses]] tables, and the
    `clauses` command, hold them; help and the data's own texts say "instrument".
    """

    id: str
    number: int
    title: LocalText
    full_title: LocalText | None
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    witnesses: tuple[str, ...]
    signed: Span
    in_force: Span | None
    summary: LocalText
    provisions: tuple[Provision, ...]
    sources: tuple[str, ...]

    def relations(self, actor_id: str) -> tuple[str, ...]:
        """Return how an actor takes part in this clause: party, signatory, witness."""
        found = []
        for relation, ids in (
            ("party", self.parties),
            ("signatory", self.signatories),
            ("witness", self.witnesses),
        ):
            if actor_id in ids:
                found.append(relation)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What a dataset's records refer to by id, and its title and description: all a view of
    some of its events needs besides the events."""

    title: LocalText | None
    sources: tuple[Source, ...]
    tags: tuple[Tag, ...]  # [[tags]], or in a file without them, each tag in use
    actors: tuple[Actor, ...]
    # [dataset] version: the day this edition of the data was made. Keyword-only, so that
    # the positional fields of Dataset and Window follow the four above.
    version: dt.date | None = field(default=None, kw_only=True)
    # [dataset] description, for the web page's title slide; keyword-only too.
    description: LocalText | None = field(default=None, kw_only=True)
    _actors: dict[str, Actor] = field(init=False, repr=False, compare=False)
    _sources: dict[str, Source] = field(init=False, repr=False, compare=False)
    _tags: dict[str, Tag] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookup tables are derived once; the dataclass stays frozen for callers.
        object.__setattr__(self, "_actors", {id_key(a.id): a for a in self.actors})
        object.__setattr__(self, "_sources", {id_key(s.id): s for s in self.sources})
        object.__setattr__(self, "_tags", {id_key(t.id): t for t in self.tags})

    def actor(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None."""
        return self._actors.get(id_key(actor_id))

    def source(self, source_id: str) -> Source | None:
        """Return the source with this id, or None."""
        return self._sources.get(id_key(source_id))

    def tag(self, tag_id: str) -> Tag | None:
        """Return the tag with this id, or None."""
        return self._tags.get(id_key(tag_id))

    def actor_name(self, actor_id: str, lang: str) -> str:
        """Return an actor's name in `lang`, or the id itself if it is unknown."""
        actor = self.actor(actor_id)
        return actor.name.get(lang) if actor else actor_id

    def tag_label(self, tag_id: str, lang: str) -> str:
        """Return a tag's label in `lang`, or the id itself if it is unknown: people read
        tags by label, as actors by name."""
        tag = self.tag(tag_id)
        return tag.label.get(lang) if tag else tag_id


@dataclass(frozen=True, slots=True)
class Dataset(Vocabulary):
    """A whole validated data file, in file order."""

    events: tuple[Event, ...]
    clauses: tuple[Clause, ...]
    _events: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        Vocabulary.__post_init__(self)  # slots=True classes cannot use super() here
        object.__setattr__(self, "_events", {id_key(e.id): e for e in self.events})

    def event(self, event_id: str) -> Event | None:
        """Return the event with this id, or None."""
        return self._events.get(id_key(event_id))


@dataclass(frozen=True, slots=True)
class Window(Vocabulary):
    """The events of a dataset that overlap first..last (both inclusive), in file order, with
    its whole vocabulary: what an index answers without reading the rest of the file."""

    first: dt.date
    last: dt.date
    events: tuple[Event, ...]

    @classmethod
    def of(cls, dataset: Dataset, first: dt.date, last: dt.date) -> Window:
        """Return the window of a whole dataset."""
        return cls(dataset.title, dataset.sources, dataset.tags, dataset.actors, first, last,
                   tuple(e for e in dataset.events if e.date.overlaps(first, last)),
                   version=dataset.version,
                   description=dataset.description)
