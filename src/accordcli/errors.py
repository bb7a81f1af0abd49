"""The ways accord fails, each with the exit code the CLI turns it into."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from accordcli.i18n import N_, Message

if TYPE_CHECKING:
    from accordcli.problems import Problem

class AccordError(Exception):
    """A failure the user can act on; the CLI prints it as one or a few lines."""

    exit_code = 1

    def lines(self) -> list[str]:
        """Return the message as the lines to print on stderr."""
        return [str(self)]


class DataError(AccordError):
    """The data file cannot be read, parsed or validated: each problem (a Problem, or a
    Message about the whole file) is said after the file's name."""

    def __init__(self, source: str, problems: Sequence[Problem | Message]) -> None:
        from accordcli.problems import Problem  # only when something is wrong

        self.source = source
        self.found = tuple(p if isinstance(p, Problem) else Problem(p) for p in problems)
        super().__init__(source, self.found)

    @property
    def messages(self) -> tuple[Message, ...]:
        """Return each problem as one message (most name where in the data first)."""
        return tuple(problem.said() for problem in self.found)

    @property
    def problems(self) -> tuple[str, ...]:
        """Return the problems in English."""
        return tuple(map(str, self.messages))

    def lines(self) -> list[str]:
        return [f"{self.source}{p.position()}: {p.said()}" for p in self.found]

    def __str__(self) -> str:
        return "\n".join(self.lines())


# What NotFound says for each kind of record: whole sentences, as translations need.
_NO_ID = {
    "event": N_("no event with id {id}"),
    "actor": N_("no actor with id {id}"),
    "tag": N_("no tag with id {id}"),
    "clause": N_("no instrument with id {id}"),
    "source": N_("no source with id {id}"),
    # What `accord sources --for ID` looks for.
    "record": N_("no event, actor or instrument with id {id}"),
}


class NotFound(AccordError):
    """An id given on the command line names nothing in the dataset."""

    def __init__(self, kind: str, wanted: str, suggestions: list[str],
                 number: int | None = None) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = tuple(suggestions)
        # A clause is also looked up by number ("V" is 5): say so, or "no id 'V'" misleads.
        if number is None:
            missing = Message(_NO_ID.get(kind, N_("no {kind} with id {id}")), kind=kind,
                              id=repr(wanted))
        elif wanted.strip() == str(number):
            missing = Message("no instrument numbered {number}", number=number)
        else:
            missing = Message("no instrument numbered {number} or with id {id}", number=number,
                              id=repr(wanted))
        if suggestions:
            missing = Message("{missing}; did you mean {ids}?", missing=missing,
                              ids=", ".join(repr(s) for s in suggestions))
        super().__init__(missing)


class Reported(AccordError):
    """Problems already written to stdout (validate --json): nothing more to say on stderr,
    but the exit code still says the data is invalid."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(count)

    def lines(self) -> list[str]:
        return []


class UsageError(AccordError):
    """A request that cannot be met as asked (a date that cannot be read, an empty search)."""

    exit_code = 2


class DateOrder(UsageError):
    """A period whose first day is after its last."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first = first
        self.last = last
        super().__init__(Message("the first day {first} is after the last day {last}",
                                 first=first, last=last))


class UnknownKind(UsageError):
    """An actor kind the data does not have."""

    def __init__(self, kind: str, kinds: Sequence[str]) -> None:
        self.kind = kind
        self.kinds = tuple(kinds)
        super().__init__(Message("unknown actor kind {kind}; choose one of {kinds}",
                                 kind=repr(kind), kinds=", ".join(kinds)))


class EmptySearch(UsageError):
    """A search without a word: matching everything would hide the mistake."""

    def __init__(self) -> None:
        super().__init__(Message("a search needs at least one word"))
