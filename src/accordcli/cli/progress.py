"""Show the loader's long work on stderr: a Rich progress display on a terminal, a plain
line per phase under NO_COLOR or TERM=dumb, nothing in a pipe, and nothing at all for work
that ends within half a second (most runs: an index answers them)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from accordcli import progress
from accordcli.i18n import Message

if TYPE_CHECKING:
    from accordcli.environment import Environment

# Work shorter than this shows nothing: a display that flashes for a moment is noise.
DELAY = 0.5


def watching(env: Environment, path: Path | None) -> AbstractContextManager[None]:
    """Return a context in which the loader's phases are shown, as `env` allows."""
    if not env.progress:
        return nullcontext()
    from accordcli.read import default_data_path, display_name

    return progress.listening(Display(env, display_name(path or default_data_path())))


class Display:
    """Listens to the loader's phases and shows them once the work has lasted DELAY."""

    def __init__(self, env: Environment, name: str, stream: TextIO | None = None,
                 delay: float | None = None) -> None:
        self.env = env
        self.name = Path(name).name or name
        self.stream = stream if stream is not None else sys.stderr
        # Until the first phase starts the timer, only this thread uses the display.
        self.lock: AbstractContextManager[Any] = nullcontext()
        self.current: tuple[Message, int | None, str] | None = None
        self.done = 0
        self.shown = False
        self.closed = False
        self.live: Any = None  # rich.progress.Progress once shown, on a colour terminal
        self.task: Any = None
        self.delay = DELAY if delay is None else delay
        # Started by the first phase: a run an index answers has none, and costs no thread.
        self.timer: Any = None  # a threading.Timer

    def phase(self, name: Message, total: int | None, unit: str) -> None:
        with self.lock:
            self.current, self.done = (name, total, unit), 0
            if self.shown:
                self._show_phase()
            elif self.timer is None:
                # Only a run that reads a file gets here: an index answers the others.
                import threading

                self.lock = threading.Lock()
                self.timer = threading.Timer(self.delay, self._show)
                self.timer.daemon = True
                self.timer.start()

    def advance(self, amount: int) -> None:
        with self.lock:
            self.done += amount
            if self.live is not None and self.task is not None:
                self.live.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            self.closed = True
            if self.live is not None:
                self.live.stop()
                self.live = None

    def _show(self) -> None:
        with self.lock:
            if self.closed or self.shown:
                return
            self.shown = True
            if self.env.progress == "live":
                # Rich is imported only now: the work has already taken DELAY.
                self.live = _rich_progress(self.stream, self.env)
                self.live.start()
            self._show_phase()

    def _show_phase(self) -> None:
        if self.current is None:
            return
        name, total, unit = self.current
        # Translators: a phase of loading a data file, as in "Reading events.toml".
        said = Message("{phase} {file}", phase=name, file=self.name).translated(self.env.lang)
        if self.live is None:
            try:
                self.stream.write(f"accord: {said}…\n")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            return
        if self.task is not None:
            self.live.remove_task(self.task)
        self.task = self.live.add_task(said, total=total, completed=self.done,
                                       unit=unit == "bytes")


def _rich_progress(stream: TextIO, env: Environment) -> Any:
    """Return a Rich progress display on `stream`: the phase, a bar, how much is done, and
    the rate (bytes) or the time left (records)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    class Amount(MofNCompleteColumn):
        """Bytes as a rate, records counted: reading is measured in bytes, the rest in
        records."""

        def render(self, task: Any) -> Any:
            if task.fields.get("unit"):
                return TransferSpeedColumn().render(task)
            return super().render(task) if task.total is not None else ""

    console = Console(file=stream, force_terminal=True, color_system=env.colours,
                      width=env.width, stderr=True)
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    Amount(), TimeRemainingColumn(), console=console, transient=True,
                    refresh_per_second=8)
