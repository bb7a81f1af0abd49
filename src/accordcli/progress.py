"""The phases of long work (reading, parsing, checking, indexing a data file), told to
whoever listens: by default nobody.

The loader says what it is doing here instead of taking a callback through every call, so
that a run answered by an index (the fast path) pays nothing, and the core stays free of
any display: the command line listens (cli/progress.py) only when stderr is a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from accordcli.i18n import N_, Message

# The phases, as the display names them.
READING = N_("Reading")
PARSING = N_("Parsing")
CHECKING = N_("Checking")
INDEXING = N_("Indexing")


if TYPE_CHECKING:  # a Protocol costs a class definition on every start; only mypy needs it
    from typing import Protocol

    class Listener(Protocol):
        def phase(self, name: Message, total: int | None, unit: str) -> None:
            """A phase begins: `total` units of work (bytes or records), None if unknown."""

        def advance(self, amount: int) -> None:
            """`amount` more units of the current phase are done."""

        def close(self) -> None:
            """The work is over (or failed): take any display away."""


_listener: Listener | None = None


def phase(name: str, total: int | None = None, unit: str = "records") -> None:
    if _listener is not None:
        _listener.phase(Message(name), total, unit)


def advance(amount: int) -> None:
    if _listener is not None:
        _listener.advance(amount)


@contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Tell `listener` the phases of the work done inside the block."""
    global _listener
    if listener is None:
        yield
        return
    before, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = before
        listener.close()
