"""The views of `chart` and `validate` (see views.py).

They are apart from views.py because defining a NamedTuple costs ~0.1 ms, and
`accord timeline` (the command run most, often in scripts) needs neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from accordcli.model import Clause, Event
    from accordcli.problems import Problem


class Chart(NamedTuple):
    """Events and clauses to draw on an axis from `first` to `last` (the data's when None)."""

    events: tuple[Event, ...]
    clauses: tuple[Clause, ...]
    first: dt.date | None = None
    last: dt.date | None = None


class Report(NamedTuple):
    """validate's report on a file: how many records of each kind it holds, or (for a file
    that is not valid) its problems."""

    path: str
    counts: Mapping[str, int]
    problems: tuple[Problem, ...] = ()
