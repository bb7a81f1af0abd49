"""Check one value of a parsed TOML document at a time, collecting every problem.

Each check returns the value as the model holds it, or None after reporting why not with
the value's location ("events[3] (id 'x').date: ..."); validate.py applies them record by
record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from accordcli import progress
from accordcli.edtf import EdtfError, parse_edtf
from accordcli.i18n import N_, Message
from accordcli.ids import first_refused, refusal, shown_id
from accordcli.model import LocalText, Span, id_key
from accordcli.problems import Problem

# Longer texts are refused, so that a hostile file cannot make every view slow.
MAX_TEXT_CHARS = 20_000
# Where the document itself is: its keys are "(top level).key" (see _key_path).
TOP_LEVEL = ""
# Suggestions run difflib over every known id; a file full of broken references gets them
# for its first few problems only, so reporting stays linear.
MAX_SUGGESTIONS = 25

T = TypeVar("T")
# Records checked between two reports of progress.
PROGRESS_STEP = 4096

_TEXT = {"en", "tr"}
_TEXT_REQUIRED = {"en"}
# What a reference to an id that no record has says, for each kind: whole sentences.
_UNKNOWN = {
    "source": N_("unknown source {id}"),
    "actor": N_("unknown actor {id}"),
    "tag": N_("unknown tag {id}"),
}


class Checker:
    """Checks values one at a time, collecting every problem instead of stopping at one."""

    def __init__(self) -> None:
        # Built only for a problem: a valid file makes none.
        self.problems: list[Problem] = []
        # The ids each kind of reference may name (by id_key, to the record's own spelling),
        # taken from the raw tables before they are built, so that a record with one broken
        # field still has its references checked. An open kind (tags, in a file without
        # [[tags]]) learns each new id instead of reporting it.
        self.known: dict[str, dict[str, str]] = {}
        self.open_kinds: set[str] = set()
        self.suggestions_left = MAX_SUGGESTIONS
        self.good_ids: set[str] = set()  # strings identifier() accepted: a file repeats them

    def problem(self, where: str | Message, message: Message) -> None:
        """Report `message` about the value at `where` ("events[3] (id 'x').date")."""
        self.problems.append(Problem(message, where))

    def table(self, value: Any, where: str, allowed: set[str], required: set[str]) -> bool:
        """Report unknown and missing keys; False when `value` is not a table at all."""
        if not isinstance(value, dict):
            self.problem(where, Message("expected a table, got {kind}", kind=kind_of(value)))
            return False
        keys = value.keys()
        if keys <= allowed and required <= keys:
            return True  # the common case, checked without building sets
        for key in sorted(set(value) - allowed, key=str):
            self.problem(_key_path(where, _key_text(key)),
                         _hinted(Message("unknown key"), _closest(key, allowed)))
        for key in sorted(required - set(value)):
            # Translators: said of a key a record must have, as in "events[3].date: missing".
            self.problem(_key_path(where, key), Message("missing"))
        return True

    def field(self, record: dict[str, Any], key: str, where: str,
              parse: Callable[[Any, str], T | None]) -> T | None:
        """Parse record[key] with `parse`, or return None when the key is absent."""
        return parse(record[key], f"{where}.{key}") if key in record else None

    def each(self, records: list[Any], kind: str, allowed: set[str],
             required: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield (location, record) for every record of `kind` that is a table."""
        for position, record in enumerate(records):
            if not position % PROGRESS_STEP and position:
                progress.advance(PROGRESS_STEP)
            where = location(kind, position, record)
            if self.table(record, where, allowed, required):
                yield where, record

    def string(self, value: Any, where: str) -> str | None:
        try:
            return _string(value)
        except _Invalid as err:
            self.problem(where, err.message)
            return None

    def identifier(self, value: Any, where: str) -> str | None:
        try:
            return self._identifier(value)
        except _Invalid as err:
            self.problem(where, err.message)
            return None

    def text(self, value: Any, where: str) -> LocalText | None:
        """Check a text: a string (English only) or a table { en = "...", tr = "..." }."""
        if isinstance(value, str):
            en = self.string(value, where)
            return LocalText(en) if en is not None else None
        if not isinstance(value, dict):
            self.problem(where, Message("expected a text {example}, got {kind}",
                                        example='{ en = "...", tr = "..." }',
                                        kind=kind_of(value)))
            return None
        if not self.table(value, where, _TEXT, _TEXT_REQUIRED):
            return None
        en, tr = self._language(value, "en", where), self._language(value, "tr", where)
        return LocalText(en, tr) if en is not None else None

    def _language(self, text: dict[str, Any], lang: str, where: str) -> str | None:
        if lang not in text:
            return None
        try:
            return _string(text[lang])
        except _Invalid as err:  # the location is built only for a problem
            self.problem(f"{where}.{lang}", err.message)
            return None

    def date(self, value: Any, where: str) -> Span | None:
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            self.problem(where, Message('write dates as strings, e.g. "{date}"; a TOML date '
                                        "cannot say 1988 or 1988-04", date=value))
            return None
        if not isinstance(value, str):
            self.problem(where, Message('expected a date string such as "1988-04-14", got '
                                        "{kind}", kind=kind_of(value)))
            return None
        try:
            return parse_edtf(value)
        except EdtfError as err:
            self.problem(where, err.args[0])  # its one argument is the Message saying why
            return None

    def day(self, value: Any, where: str) -> dt.date | None:
        """Check one known day, "YYYY-MM-DD" (a version, the day a page was read)."""
        span = self.date(value, where)
        if span is None:
            return None
        if not span.is_exact_day:
            self.problem(where, Message('{date} is not one day; write it as "YYYY-MM-DD"',
                                        date=repr(span.text)))
            return None
        return span.start

    def names(self, value: Any, where: str) -> tuple[str, ...] | None:
        """Check a list of names (a source's authors): strings, none empty."""
        if not isinstance(value, list):
            self.problem(where, Message('expected a list of names such as {example}, got '
                                        "{kind}", example='["Ann Author"]', kind=kind_of(value)))
            return None
        names = [self.string(item, f"{where}[{position}]")
                 for position, item in enumerate(value)]
        return None if None in names else tuple(name for name in names if name is not None)

    def choice(self, value: Any, where: str, choices: tuple[str, ...]) -> str | None:
        """Check a value from a closed list, hinting at the closest when it is not one."""
        text = self.string(value, where)
        if text is None or text in choices:
            return text
        self.problem(where, _hinted(Message("{value} is not one of {choices}",
                                            value=repr(text), choices=", ".join(choices)),
                                    _closest(text.casefold(), set(choices))))
        return None

    def number(self, value: Any, where: str) -> int | None:
        """Check a clause number: a whole number from 1 (TOML's true is no number)."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(where, Message("expected a whole number from 1, got {kind}",
                                        kind=kind_of(value)))
            return None
        return value

    def id_list(self, value: Any, where: str, kind: str) -> tuple[str, ...]:
        """Check a list of references to `kind`; return each once, as its record spells it."""
        if not isinstance(value, list):
            self.problem(where, Message("expected a list of ids, got {kind}",
                                        kind=kind_of(value)))
            return ()
        found: dict[str, str] = {}
        known = self.known[kind]
        # A location is built only for a problem: large files hold a great many references.
        for position, item in enumerate(value):
            try:
                identifier = self._identifier(item)
                key = id_key(identifier)
                if key in found:
                    raise _Invalid(Message("{id} is already listed as {first}",
                                           id=shown_id(identifier), first=shown_id(found[key])))
            except _Invalid as err:
                self.problem(f"{where}[{position}]", err.message)
                continue
            found[key] = known.get(key) or self._new_ref(identifier, f"{where}[{position}]",
                                                         kind)
        return tuple(found.values())

    def ref(self, identifier: str, where: str, kind: str) -> str:
        """Return the referenced record's own spelling of `identifier`, or report it unknown.

        One spelling everywhere: views and relations compare ids exactly.
        """
        return self.known[kind].get(id_key(identifier)) or self._new_ref(identifier, where, kind)

    def _new_ref(self, identifier: str, where: str, kind: str) -> str:
        """Learn an id no record has if `kind` is open, else report it unknown."""
        if kind in self.open_kinds:
            self.known[kind][id_key(identifier)] = identifier
            return identifier
        match = None
        if self.suggestions_left > 0:
            self.suggestions_left -= 1
            match = _closest(identifier, set(self.known[kind].values()))
        self.problem(where, _hinted(Message(_UNKNOWN[kind], id=shown_id(identifier)), match))
        return identifier

    def _identifier(self, value: Any) -> str:
        if type(value) is str and value in self.good_ids:
            return value
        text = _string(value)
        position = first_refused(text)
        if position >= 0:
            raise _Invalid(refusal(text, position))
        self.good_ids.add(text)
        return text


class _Invalid(Exception):
    """A value fails a check; the message says why, and the caller says where."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def _string(value: Any) -> str:
    """Return `value` if it is a string accord accepts, else raise _Invalid."""
    if not isinstance(value, str):
        raise _Invalid(Message("expected a string, got {kind}", kind=kind_of(value)))
    if not value or value.isspace():
        # Translators: said of a text, as in "events[3] (id 'x').title: is empty".
        raise _Invalid(Message("is empty"))
    if len(value) > MAX_TEXT_CHARS:
        raise _Invalid(Message("longer than {limit} characters", limit=MAX_TEXT_CHARS))
    return value


def kind_of(value: Any) -> Message | str:
    """Describe what a value is, for "expected ..., got ..." problems."""
    if isinstance(value, bool):  # TOML's words for it, true or false
        return Message("a boolean ({value})", context="kind of value", value=str(value).lower())
    if isinstance(value, int):
        return Message("an integer ({value})", context="kind of value", value=value)
    if isinstance(value, float):
        return Message("a number ({value})", context="kind of value", value=value)
    if isinstance(value, str):
        return Message("a string", context="kind of value")
    if isinstance(value, list):
        return Message("a list", context="kind of value")
    if isinstance(value, dict):
        return Message("a table", context="kind of value")
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return Message("a TOML date ({value})", context="kind of value", value=value)
    return type(value).__name__  # no TOML value: Python's name for it


def _key_text(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else repr(key)


def _key_path(where: str, key: str) -> str | Message:
    """Return where a key of the table at `where` is."""
    if where != TOP_LEVEL:
        return f"{where}.{key}"
    # Translators: where a key outside every table of a data file is, as in
    # "(top level).event: unknown key".
    return Message("(top level).{key}", key=key)


def _closest(word: str, choices: set[str]) -> str | None:
    import difflib  # only a mistake pays for it

    match = difflib.get_close_matches(word, sorted(choices), n=1)
    return match[0] if match else None


def _hinted(problem: Message, match: str | None) -> Message:
    """Return `problem`, followed by the closest known word if there is one."""
    if match is None:
        return problem
    return Message("{problem} (did you mean {match}?)", problem=problem, match=repr(match))


def location(kind: str, position: int, record: Any) -> str:
    """Return where a record is, as problems name it: "events[3] (id 'x')"."""
    identifier = record.get("id") if isinstance(record, dict) else None
    if isinstance(identifier, str):
        return f"{kind}[{position}] (id {shown_id(identifier)})"
    return f"{kind}[{position}]"
