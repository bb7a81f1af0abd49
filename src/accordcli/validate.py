"""Validate a parsed TOML document into the Dataset it describes: accord's schema.

build() returns a whole, valid Dataset, or raises a DataError listing every problem with
its location, so that one run reports them all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from accordcli import progress
from accordcli.checker import TOP_LEVEL, Checker, kind_of, location
from accordcli.dates import event_id_refusal
from accordcli.errors import DataError
from accordcli.i18n import Message
from accordcli.model import (
    ACTOR_KINDS,
    SOURCE_TYPES,
    Actor,
    Clause,
    Dataset,
    Event,
    LocalText,
    Provision,
    Source,
    Tag,
    id_key,
)

_TOP = {"dataset", "sources", "tags", "actors", "events", "clauses"}
_HEADER = {"title", "description", "version"}
_SOURCE_REQUIRED = {"id", "title", "url", "publisher"}
_SOURCE = _SOURCE_REQUIRED | {"note", "date", "authors", "type", "container", "archived",
                              "accessed"}
_TAG = {"id", "label"}
_ACTOR = {"id", "kind", "name", "role", "affiliation", "sources"}
_EVENT = {"id", "date", "title", "summary", "note", "actors", "tags", "sources"}
_CLAUSE = {"id", "number", "title", "full_title", "parties", "signatories", "witnesses",
           "signed", "in_force", "summary", "provisions", "sources"}
_PROVISION = {"number", "text", "tags"}
# Each array of tables, and whether a dataset must have one.
_TABLES = (("sources", True), ("tags", False), ("actors", True), ("events", True),
           ("clauses", False))


def build(document: dict[str, Any], name: str) -> Dataset:
    """Validate a parsed TOML document into a Dataset; raise DataError listing every problem."""
    check = Checker()
    check.table(document, TOP_LEVEL, _TOP, set())
    title, description, version = _header(check, document.get("dataset"))
    raw = {kind: _records(check, document, kind, required) for kind, required in _TABLES}
    progress.phase(progress.CHECKING, sum(map(len, raw.values())))
    check.known = {"source": _raw_ids(raw["sources"]), "actor": _raw_ids(raw["actors"]),
                   "tag": _raw_ids(raw["tags"])}
    if not raw["tags"]:
        check.open_kinds.add("tag")  # without a [[tags]] vocabulary any tag is allowed
    # A repeated id first: it is often the cause of the problems that follow (a renamed
    # record leaves references to its old id unknown).
    before = len(check.problems)
    for kind, records in raw.items():
        _unique(check, records, kind)
    check.problems[before:] = [p._replace(cause=True) for p in check.problems[before:]]
    sources = _build_sources(check, raw["sources"])
    tags = _build_tags(check, raw["tags"])
    actors = _build_actors(check, raw["actors"])
    events = _build_events(check, raw["events"])
    clauses = _build_clauses(check, raw["clauses"])
    _unique_numbers(check, clauses)
    if check.problems:
        raise DataError(name, check.problems)
    if not raw["tags"]:
        # The file's vocabulary is open: the tags its records use, each labelled by its id,
        # are the tags it knows (to queries by tag, completion and counts alike).
        tags = [Tag(tag, LocalText(tag)) for tag in check.known["tag"].values()]
    return Dataset(title=title, sources=tuple(sources), tags=tuple(tags), actors=tuple(actors),
                   events=tuple(events), clauses=tuple(sorted(clauses, key=lambda c: c.number)),
                   version=version, description=description)


def _header(check: Checker, header: Any
            ) -> tuple[LocalText | None, LocalText | None, dt.date | None]:
    """Check the optional [dataset] table; return its title, description and version (a
    day)."""
    if header is None or not check.table(header, "dataset", _HEADER, set()):
        return None, None, None
    title = check.field(header, "title", "dataset", check.text)
    description = check.field(header, "description", "dataset", check.text)
    return title, description, check.field(header, "version", "dataset", check.day)


def _records(check: Checker, document: dict[str, Any], key: str, required: bool) -> list[Any]:
    """Return the array of tables under `key`, reporting it missing, empty or not an array."""
    value = document.get(key)
    if value is None:
        if required:
            check.problem(key, Message("missing; add at least one [[{table}]] table",
                                       table=key))
        return []
    if not isinstance(value, list):
        check.problem(key, Message("expected an array of tables [[{table}]], got {kind}",
                                   table=key, kind=kind_of(value)))
        return []
    if not value and required:
        check.problem(key, Message("empty; add at least one [[{table}]] table", table=key))
    return value


def _raw_ids(records: list[Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            ids.setdefault(id_key(record["id"]), record["id"])
    return ids


def _unique(check: Checker, records: list[Any], kind: str) -> None:
    """Report every record whose id repeats an earlier one, naming both places."""
    seen: dict[str, tuple[int, str]] = {}
    for position, record in enumerate(records):
        identifier = record.get("id") if isinstance(record, dict) else None
        if not isinstance(identifier, str):
            continue
        folded = id_key(identifier)
        if folded not in seen:
            seen[folded] = (position, identifier)
            continue
        first, earlier = seen[folded]
        if earlier == identifier:
            check.problem(f"{location(kind, position, record)}.id",
                          Message("duplicate id, first used by {first}",
                                  first=f"{kind}[{first}]"))
        else:
            # ascii() shows the code points that make look-alikes differ.
            check.problem(f"{kind}[{position}] (id {identifier!a}).id",
                          Message("duplicate id: equal to {id} of {first} after case folding "
                                  "and Unicode normalisation", id=ascii(earlier),
                                  first=f"{kind}[{first}]"))


def _unique_numbers(check: Checker, clauses: list[Clause]) -> None:
    numbers: dict[int, str] = {}
    for clause in clauses:
        if clause.number in numbers:
            check.problem(f"clauses (id {clause.id!r}).number",
                          Message("duplicate number {number}, also used by {id}",
                                  number=clause.number, id=repr(numbers[clause.number])))
        numbers.setdefault(clause.number, clause.id)


def _build_sources(check: Checker, records: list[Any]) -> list[Source]:
    built = []
    for where, record in check.each(records, "sources", _SOURCE, _SOURCE_REQUIRED):
        identifier = check.field(record, "id", where, check.identifier)
        title = check.field(record, "title", where, check.string)
        url = check.field(record, "url", where, _url(check))
        publisher = check.field(record, "publisher", where, check.string)
        # The optional fields: each one present must be valid, or the source is not built.
        optional = {key: record[key] for key in _SOURCE - _SOURCE_REQUIRED if key in record}
        note = check.field(record, "note", where, check.text)
        date = check.field(record, "date", where, check.date)
        authors = check.field(record, "authors", where, check.names)
        kind = check.field(record, "type", where,
                           lambda value, at: check.choice(value, at, SOURCE_TYPES))
        container = check.field(record, "container", where, check.string)
        archived = check.field(record, "archived", where, _url(check))
        accessed = check.field(record, "accessed", where, check.day)
        parsed = {"note": note, "date": date, "authors": authors, "type": kind,
                  "container": container, "archived": archived, "accessed": accessed}
        if identifier and title and url and publisher and all(
                parsed[key] is not None for key in optional):
            built.append(Source(identifier, title, url, publisher, note, date, authors or (),
                                kind, container, archived, accessed))
    return built


def _url(check: Checker) -> Callable[[Any, str], str | None]:
    """Return the check of a web address: a string starting http:// or https://."""
    def url(value: Any, where: str) -> str | None:
        text = check.string(value, where)
        if text is not None and not re.match(r"https?://", text):
            check.problem(where, Message("{url} is not an http(s) URL", url=repr(text)))
            return None
        return text
    return url



def _build_tags(check: Checker, records: list[Any]) -> list[Tag]:
    built = []
    for where, record in check.each(records, "tags", _TAG, _TAG):
        identifier = check.field(record, "id", where, check.identifier)
        label = check.field(record, "label", where, check.text)
        if identifier and label:
            built.append(Tag(identifier, label))
    return built


def _cited(check: Checker, record: dict[str, Any], where: str) -> tuple[str, ...]:
    """Return the record's source ids; a record that has the key must cite one at least."""
    if "sources" not in record:
        return ()
    cited = check.id_list(record["sources"], f"{where}.sources", "source")
    if not cited and isinstance(record["sources"], list):
        check.problem(f"{where}.sources", Message("cite at least one source id"))
    return cited


def _build_actors(check: Checker, records: list[Any]) -> list[Actor]:
    built = []
    for where, record in check.each(records, "actors", _ACTOR, _ACTOR - {"affiliation"}):
        identifier = check.field(record, "id", where, check.identifier)
        kind = check.field(record, "kind", where, check.string)
        if kind is not None and kind not in ACTOR_KINDS:
            check.problem(f"{where}.kind", Message("{kind} is not one of {kinds}",
                                                   kind=repr(kind), kinds=", ".join(ACTOR_KINDS)))
            kind = None
        name = check.field(record, "name", where, check.text)
        role = check.field(record, "role", where, check.text)
        affiliation = _affiliation(check, record, where, kind)
        cited = _cited(check, record, where)
        if identifier and kind and name and role and cited:
            built.append(Actor(identifier, kind, name, role, affiliation, cited))
    return built


def _affiliation(check: Checker, record: dict[str, Any], where: str,
                 kind: str | None) -> str | None:
    """Return the actor an actor belongs to; a person must name one."""
    if "affiliation" not in record:
        if kind == "person":
            check.problem(f"{where}.affiliation",
                          Message("missing; a person needs an affiliation (an actor id)"))
        return None
    affiliation = check.identifier(record["affiliation"], f"{where}.affiliation")
    if affiliation is None:
        return None
    return check.ref(affiliation, f"{where}.affiliation", "actor")


def _build_events(check: Checker, records: list[Any]) -> list[Event]:
    built = []
    required = {"id", "date", "title", "summary", "sources"}
    for where, record in check.each(records, "events", _EVENT, required):
        identifier = check.field(record, "id", where, check.identifier)
        refused = event_id_refusal(identifier) if identifier else None
        if refused is not None:
            # The command line takes an event id wherever it takes a date (--from, on, span).
            check.problem(f"{where}.id", refused)
            identifier = None
        date = check.field(record, "date", where, check.date)
        title = check.field(record, "title", where, check.text)
        summary = check.field(record, "summary", where, check.text)
        note = check.field(record, "note", where, check.text)
        actors = check.id_list(record.get("actors", []), f"{where}.actors", "actor")
        tags = check.id_list(record.get("tags", []), f"{where}.tags", "tag")
        cited = _cited(check, record, where)
        if identifier and date and title and summary and cited and (note or "note" not in record):
            built.append(Event(identifier, date, title, summary, note, actors, tags, cited))
    return built


def _build_clauses(check: Checker, records: list[Any]) -> list[Clause]:
    built = []
    required = {"id", "number", "title", "parties", "signed", "summary", "sources"}
    for where, record in check.each(records, "clauses", _CLAUSE, required):
        identifier = check.field(record, "id", where, check.identifier)
        number = check.field(record, "number", where, check.number)
        title = check.field(record, "title", where, check.text)
        full_title = check.field(record, "full_title", where, check.text)
        parties, signatories, witnesses = (
            check.id_list(record.get(key, []), f"{where}.{key}", "actor")
            for key in ("parties", "signatories", "witnesses"))
        signed = check.field(record, "signed", where, check.date)
        in_force = check.field(record, "in_force", where, check.date)
        summary = check.field(record, "summary", where, check.text)
        provisions = _build_provisions(check, record.get("provisions", []), f"{where}.provisions")
        cited = _cited(check, record, where)
        if identifier and number and title and signed and summary and cited:
            built.append(Clause(identifier, number, title, full_title, parties, signatories,
                                witnesses, signed, in_force, summary, provisions, cited))
    return built


def _build_provisions(check: Checker, value: Any, where: str) -> tuple[Provision, ...]:
    if not isinstance(value, list):
        check.problem(where, Message("expected an array of tables, got {kind}",
                                     kind=kind_of(value)))
        return ()
    built = []
    numbers: set[str] = set()
    for position, record in enumerate(value):
        here = f"{where}[{position}]"
        if not check.table(record, here, _PROVISION, {"number", "text"}):
            continue
        number = check.field(record, "number", here, check.string)
        if number is not None and number in numbers:
            check.problem(f"{here}.number",
                          Message("duplicate provision number {number}", number=repr(number)))
        if number is not None:
            numbers.add(number)
        text = check.field(record, "text", here, check.text)
        tags = check.id_list(record.get("tags", []), f"{here}.tags", "tag")
        if number and text:
            built.append(Provision(number, text, tags))
    return tuple(built)
