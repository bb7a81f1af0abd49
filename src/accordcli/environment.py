"""What accord's surroundings ask of it, read once from the process and then passed on.

`detect` is the one place that reads environment variables and asks whether stdout is a
terminal and how wide it is; everything after it (renderers, the loader and its index,
completion) receives an `Environment` and reads nothing else, so a test can run with any
value it builds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, NamedTuple, TextIO

# No layout is wider than this: a table or a chart row costs work per column, and a huge
# COLUMNS would draw blank space no terminal shows.
MAX_WIDTH = 1000
DEFAULT_WIDTH = 80
SOURCE_LANG = "en"  # i18n.SOURCE: accord's words as written, and the language with no choice

# The variables gettext reads for the language of messages, in its order: the first one
# set decides (LANGUAGE may list several, "tr:en").
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# Set, it asks accord for completion instead of running a command (see accordcli.shells).
COMPLETE_VAR = "_ACCORD_COMPLETE"
# The directory of accord's own that indexes live in inside ACCORD_CACHE_DIR.
STORE_NAME = "accord"

# Rich's colour systems; "auto" lets Rich ask a Windows console what it can show.
Colours = Literal["auto", "standard", "256", "truecolor"]
# The colour systems by the last part of TERM ("xterm-256color"), as Rich reads them.
_TERM_COLOURS: dict[str, Colours] = {"kitty": "256", "256color": "256", "16color": "standard"}


class Environment(NamedTuple):
    """How to write for this run's stdout, and the settings the environment gives."""

    terminal: bool = False  # lay out for a person: tables, indented JSON
    tty: bool = False  # stdout really is a terminal (what refuses a web page is the device)
    width: int = DEFAULT_WIDTH  # columns to lay out for, 1 to MAX_WIDTH
    ascii_only: bool = False  # no box drawing or typographic characters
    colours: Colours | None = None  # None: no styling at all
    encoding: str = "utf-8"  # of stdout: what it cannot show is spelled or escaped
    # The language of accord's words and of the data in output for people: --lang, else
    # ACCORD_LANG, else the locale (see language), else English.
    lang: str = "en"
    # The language --lang or ACCORD_LANG named, None when neither did: output for scripts
    # (JSON, CSV) follows only this, so that it never changes with the machine's locale.
    chosen_lang: str | None = None
    data: str | None = None  # ACCORD_DATA: the data file (--data, when given, wins)
    today: str | None = None  # ACCORD_TODAY: the day `accord on` takes as today
    # Where indexes live (see _cache_dir); None: the user cache directory that only
    # platformdirs can name here, asked by accordcli.store when an index is needed.
    cache_dir: Path | None = None
    completion: str = ""  # _ACCORD_COMPLETE: what the shell asks instead of a command run
    shell: str = ""  # SHELL: the login shell, completion's guess when no process says
    # How long work is shown on stderr: "live" (a terminal: a progress display), "plain"
    # (a terminal under NO_COLOR or TERM=dumb: a line per phase), "" (not a terminal).
    progress: str = ""

    @property
    def colour(self) -> bool:
        """True when output may be styled."""
        return self.colours is not None

    def output_lang(self, for_scripts: bool) -> str:
        """Return the language of the data text in output: for people, the run's language;
        for scripts, only the one --lang or ACCORD_LANG chose, else English."""
        return (self.chosen_lang or SOURCE_LANG) if for_scripts else self.lang

    @property
    def completing(self) -> bool:
        """True when the shell asks for completion (or a script) instead of a command run."""
        return bool(self.completion)


def detect(argv: Sequence[str], environ: Mapping[str, str], stdout: TextIO | None,
           stderr: TextIO | None = None) -> Environment:
    """Return the environment of a run with these arguments, variables, stdout and stderr."""
    from accordcli.i18n import LANGUAGES
    from accordcli.text import is_utf

    encoding = getattr(stdout, "encoding", None) or "utf-8"
    term = environ.get("TERM", "")
    tty = _is_tty(stdout)
    terminal = _is_terminal(environ, tty)
    return Environment(
        terminal=terminal,
        tty=tty,
        width=min(_columns(environ, stdout), MAX_WIDTH),
        ascii_only=not is_utf(encoding) or term == "dumb",
        # TTY_COMPATIBLE asks for the layout only: colour codes go into a pipe or a file
        # only when FORCE_COLOR asks for them too.
        colours=(_colours(environ) if terminal and (tty or environ.get("FORCE_COLOR"))
                 else None),
        encoding=encoding,
        lang=prescan_lang(argv, environ, LANGUAGES),
        chosen_lang=chosen_lang(argv, environ, LANGUAGES),
        data=environ.get("ACCORD_DATA") or None,
        today=environ.get("ACCORD_TODAY") or None,
        cache_dir=_cache_dir(environ),
        completion=environ.get(COMPLETE_VAR, ""),
        shell=environ.get("SHELL", ""),
        progress=_progress(environ, stderr),
    )


def _progress(environ: Mapping[str, str], stderr: TextIO | None) -> str:
    """Return how to show long work on stderr: only a terminal gets it."""
    try:
        if stderr is None or not stderr.isatty():
            return ""
    except (AttributeError, ValueError):
        return ""
    term = environ.get("TERM", "").strip().lower()
    return "plain" if environ.get("NO_COLOR") or term in ("dumb", "unknown") else "live"


def _is_terminal(environ: Mapping[str, str], tty: bool) -> bool:
    """True when stdout is a terminal, or TTY_COMPATIBLE or FORCE_COLOR (which Rich honours
    too) say to treat it as one."""
    forced = environ.get("TTY_COMPATIBLE")
    if forced in ("0", "1"):
        return forced == "1"
    if environ.get("FORCE_COLOR"):
        return True
    return tty


def _is_tty(stdout: TextIO | None) -> bool:
    """True when stdout is a terminal device."""
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


def _cache_dir(environ: Mapping[str, str]) -> Path | None:
    """Return where indexes live: STORE_NAME in ACCORD_CACHE_DIR, else the user cache
    directory when the XDG rule alone names it, else None (platformdirs' to name).

    The user cache directory (~/.cache/accord) is named for accord already; ACCORD_CACHE_DIR
    may be any directory (., /tmp), so accord keeps a directory of its own inside it.
    """
    configured = environ.get("ACCORD_CACHE_DIR")
    if configured:
        return Path(configured) / STORE_NAME
    plain = _plain_xdg_cache_dir(environ)
    return None if plain is None else Path(plain)


def _plain_xdg_cache_dir(environ: Mapping[str, str]) -> str | None:
    """Return the user cache directory on desktop Linux when the XDG rule is unambiguous,
    else None, leaving every other case to platformdirs.

    Why not always platformdirs: importing it makes every start measurably slower
    (BENCHMARKS.md); tests/test_store.py checks that both give the same answer.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            "ANDROID_DATA" in environ or "ANDROID_ROOT" in environ):
        return None
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "accord")
    home = environ.get("HOME", "")
    return os.path.join(home, ".cache", "accord") if home.startswith("/") else None


def prescan_lang(argv: Sequence[str], environ: Mapping[str, str],
                 languages: Sequence[str]) -> str:
    """Return the language of a run, known before its command line is parsed (help and
    parser errors need it): the one --lang or ACCORD_LANG chose, else the locale's, else
    English."""
    return (chosen_lang(argv, environ, languages) or locale_lang(environ, languages)
            or (languages[0] if languages else SOURCE_LANG))


def chosen_lang(argv: Sequence[str], environ: Mapping[str, str],
                languages: Sequence[str]) -> str | None:
    """Return the language a run explicitly asks for: the last --lang before "--" (before
    or after the command), else ACCORD_LANG; None when neither names one accord speaks.

    A language accord does not speak is left to the parser to refuse; until then, none.
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
    return known.get((chosen or "").casefold())


def locale_lang(environ: Mapping[str, str], languages: Sequence[str]) -> str | None:
    """Return the language of the locale, as gettext reads it: the first of LANGUAGE,
    LC_ALL, LC_MESSAGES and LANG that is set, and in it the first language accord speaks
    ("tr_TR.UTF-8" is Turkish; "de:tr" too); None when it names none, or the C locale."""
    for name in LOCALE_VARS:
        value = environ.get(name)
        if not value:
            continue
        for entry in value.split(":"):
            # language[_territory][.codeset][@modifier]
            code = entry.partition("@")[0].partition(".")[0].partition("_")[0].casefold()
            if code in ("c", "posix"):
                return None
            for lang in languages:
                if lang.casefold() == code:
                    return lang
        return None
    return None
