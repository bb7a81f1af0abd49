"""What accord's surroundings ask of its output, read once from the process and then passed on.

`detect` is the one place that reads environment variables and asks whether stdout is a
terminal and how wide it is; everything after it (renderers above all) receives an
`Environment` and reads nothing else, so a test can render with any value it builds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple, TextIO

# No layout is wider than this: a table or a chart row costs work per column, and a huge
# COLUMNS would draw blank space no terminal shows.
MAX_WIDTH = 1000
DEFAULT_WIDTH = 80

# Set, it asks accord for completion instead of running a command (see accordcli.shells).
COMPLETE_VAR = "_ACCORD_COMPLETE"

# Rich's colour systems; "auto" lets Rich ask a Windows console what it can show.
Colours = Literal["auto", "standard", "256", "truecolor"]
# The colour systems by the last part of TERM ("xterm-256color"), as Rich reads them.
_TERM_COLOURS: dict[str, Colours] = {"kitty": "256", "256color": "256", "16color": "standard"}


class Environment(NamedTuple):
    """How to write for this run's stdout, and the settings the environment gives."""

    terminal: bool = False  # lay out for a person: tables, indented JSON
    width: int = DEFAULT_WIDTH  # columns to lay out for, 1 to MAX_WIDTH
    ascii_only: bool = False  # no box drawing or typographic characters
    colours: Colours | None = None  # None: no styling at all
    encoding: str = "utf-8"  # of stdout: what it cannot show is spelled or escaped
    lang: str = "en"  # the language of accord's words (and the data's, where translated)
    data: str | None = None  # ACCORD_DATA: the data file (--data, when given, wins)
    today: str | None = None  # ACCORD_TODAY: the day `accord on` takes as today
    completing: bool = False  # the shell asks for completions instead of a command run

    @property
    def colour(self) -> bool:
        """True when output may be styled."""
        return self.colours is not None


def detect(argv: Sequence[str], environ: Mapping[str, str], stdout: TextIO | None
           ) -> Environment:
    """Return the environment of a run with these arguments, variables and stdout."""
    from accordcli.i18n import LANGUAGES
    from accordcli.text import is_utf

    encoding = getattr(stdout, "encoding", None) or "utf-8"
    term = environ.get("TERM", "")
    terminal = _is_terminal(environ, stdout)
    return Environment(
        terminal=terminal,
        width=min(_columns(environ, stdout), MAX_WIDTH),
        ascii_only=not is_utf(encoding) or term == "dumb",
        colours=_colours(environ) if terminal else None,
        encoding=encoding,
        lang=prescan_lang(argv, environ, LANGUAGES),
        data=environ.get("ACCORD_DATA") or None,
        today=environ.get("ACCORD_TODAY") or None,
        completing=bool(environ.get(COMPLETE_VAR)),
    )


def _is_terminal(environ: Mapping[str, str], stdout: TextIO | None) -> bool:
    """True when stdout is a terminal, or TTY_COMPATIBLE or FORCE_COLOR (which Rich honours
    too) say to treat it as one."""
    forced = environ.get("TTY_COMPATIBLE")
    if forced in ("0", "1"):
        return forced == "1"
    if environ.get("FORCE_COLOR"):
        return True
    try:
        return stdout is not None and stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _columns(environ: Mapping[str, str], stdout: TextIO | None) -> int:
    """Return COLUMNS, else the terminal's width, else 80: shutil.get_terminal_size's rule,
    applied to the stdout given."""
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):  # not a file, closed, or no terminal
            columns = 0
    return columns if columns > 0 else DEFAULT_WIDTH


def _colours(environ: Mapping[str, str]) -> Colours | None:
    """Return the colour system of a terminal, as Rich would detect it; None when NO_COLOR
    is set or the terminal is dumb."""
    term = environ.get("TERM", "").strip().lower()
    if environ.get("NO_COLOR") or term in ("dumb", "unknown"):
        return None
    if sys.platform == "win32":
        return "auto"  # Rich asks the console itself, not the environment
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    return _TERM_COLOURS.get(term.rpartition("-")[2], "standard")


def prescan_lang(argv: Sequence[str], environ: Mapping[str, str],
                 languages: Sequence[str]) -> str:
    """Return the language a command line asks for, before it is parsed (help and parser
    errors need it): the last --lang before "--", else ACCORD_LANG, else English.

    A language accord does not speak is left to the parser to refuse; until then, English.
    """
    chosen: str | None = None
    words = iter(argv)
    for word in words:
        if word == "--":
            break
        if word == "--lang":
            chosen = next(words, None)
        elif word.startswith("--lang="):
            chosen = word.partition("=")[2]
    if chosen is None:
        chosen = environ.get("ACCORD_LANG")
    known = {lang.casefold(): lang for lang in languages}
    return known.get((chosen or "").casefold(), languages[0] if languages else "en")
