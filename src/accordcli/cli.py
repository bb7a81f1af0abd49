"""The accord command line: argv → load → query → render → stdout, errors → exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from accordcli import __version__, load, query
from accordcli.dates import DateInputError, DayRange, parse_day_range
from accordcli.errors import AccordError, UsageError
from accordcli.model import Dataset
from accordcli.output import (
    OutputClosed,
    OutputFailed,
    emit,
    message,
    prepare_streams,
    silence_stdout,
    stdout_is_terminal,
)
from accordcli.render import Format, render
from accordcli.render.safe import visible
from accordcli.render.views import (
    Detail,
    Listing,
    actor_view_detail,
    actors_listing,
    clause_view,
    clauses_listing,
    event_view,
    events_listing,
    label,
)
from accordcli.search import query_words

HELP = """\
Explore the Geneva Accords of 14 April 1988 (Afghanistan, Pakistan, the USA and
the USSR) and the war and diplomacy around them, from a terminal or a script.

\b
Examples:
  accord timeline --from 1978 --to 1979
  accord timeline --actor ussr --tag withdrawal --lang tr
  accord timeline --from "April 1988" --json | jq '.[].title'
  accord event accords-signed
  accord clauses 4
  accord actors --kind person --format csv
  accord actor shevardnadze
  accord validate my-events.toml

Data comes from the shipped dataset, or from --data PATH (or ACCORD_DATA).
Exit codes: 0 success, 1 data problem or unknown id, 2 usage problem.
"""

app = typer.Typer(
    name="accord",
    help=HELP,
    rich_markup_mode=None,  # plain help: it never imports Rich and reads the same in a pipe
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
)


class Lang(str, Enum):
    """The languages of the dataset's text."""

    en = "en"
    tr = "tr"


DataOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer 0.28 reads Optional reliably on every Python
    typer.Option("--data", envvar="ACCORD_DATA", metavar="PATH", show_default=False,
                 help="TOML data file to read instead of the shipped dataset [env: ACCORD_DATA]."),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", envvar="ACCORD_LANG", case_sensitive=False,
                 help="Language of titles and texts; missing translations fall back to English "
                      "[env: ACCORD_LANG]."),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False,
                 help="table (a table on a terminal, tab-separated lines in a pipe), json, "
                      "ndjson, csv or markdown."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Show the version and exit.")] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


@contextmanager
def handled() -> Iterator[None]:
    """Turn accord's own errors into messages on stderr and their exit codes."""
    try:
        yield
    except AccordError as err:
        for line in err.lines():
            message(f"accord: error: {visible(line)}")
        raise typer.Exit(err.exit_code) from None


def _dataset(path: Path | None) -> Dataset:
    return load.load(path)


def _range(text: str | None, option: str) -> DayRange | None:
    if text is None:
        return None
    try:
        return parse_day_range(text)
    except DateInputError as err:
        raise UsageError(f"{option}: {err}") from None


def _show(view: Listing | Detail, fmt: Format, json_flag: bool, lang: Lang,
          search: str | None = None) -> None:
    chosen = Format.json if json_flag else fmt
    terminal = stdout_is_terminal()
    words = query_words(search) if search else ()
    emit(render(view, chosen, lang.value, terminal=terminal, words=words))
    if isinstance(view, Listing) and not view.records and terminal:
        message(label(view.empty, lang.value))


@app.command()
def timeline(
    from_: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--from", metavar="DATE", show_default=False,
        help="Events under way on or after this date: 1978, 1978-04, 1978-04-27, "
             "'April 1978' or '27 Nisan 1978'.")] = None,
    to: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--to", metavar="DATE", show_default=False,
        help="Events under way on or before this date (1988 means up to 1988-12-31).")] = None,
    actor: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--actor", "-a", metavar="ID", show_default=False,
        help="Only events involving this actor; repeat for any of several.")] = None,
    tag: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--tag", "-t", metavar="TAG", show_default=False,
        help="Only events with this tag; repeat for any of several.")] = None,
    search: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--search", "-s", metavar="TEXT", show_default=False,
        help="Only events whose text contains every word, ignoring case and accents.")] = None,
    limit: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--limit", "-n", min=0, metavar="N", show_default=False,
        help="Show at most N events.")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help="Newest first.")] = False,
    data: DataOpt = None,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """Events in chronological order, filtered by date, actor, tag or text.

    \b
    Examples:
      accord timeline --from 1978
      accord timeline --from 1988-04 --to 1989-02 --tag withdrawal
      accord timeline --actor pakistan --lang tr --format markdown
      accord timeline --search geneva --json | jq -r '.[].id'
    """
    with handled():
        first = _range(from_, "--from")
        last = _range(to, "--to")
        events = query.timeline(
            _dataset(data),
            first=first.first if first else None,
            last=last.last if last else None,
            actors=actor or (),
            tags=tag or (),
            search=search,
            limit=limit,
            reverse=reverse,
        )
        _show(events_listing(events, lang.value), fmt, json_flag, lang, search)


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id.")],
    data: DataOpt = None,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """One event in full: dates, summary, note, actors, tags and sources.

    \b
    Examples:
      accord event accords-signed
      accord event gorbachev-statement --lang tr
    """
    with handled():
        dataset = _dataset(data)
        found = query.require_event(dataset, event_id)
        _show(event_view(found, dataset, lang.value), fmt, json_flag, lang)


@app.command()
def clauses(
    which: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[N|ID]", show_default=False,
        help="A clause number (1-4) or id; without it, all clauses.")] = None,
    data: DataOpt = None,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """The accords' instruments, or one of them with every provision.

    \b
    Examples:
      accord clauses
      accord clauses 4
      accord clauses refugees --lang tr --json
    """
    with handled():
        dataset = _dataset(data)
        if which is None:
            _show(clauses_listing(dataset.clauses, lang.value), fmt, json_flag, lang)
        else:
            clause = query.require_clause(dataset, which)
            _show(clause_view(clause, dataset, lang.value), fmt, json_flag, lang)


@app.command()
def actors(
    kind: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--kind", "-k", metavar="KIND", show_default=False,
        help="Only actors of this kind: state, organisation, group or person.")] = None,
    data: DataOpt = None,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """Every actor with its role, number of events and first and last event dates.

    \b
    Examples:
      accord actors
      accord actors --kind person --format csv
    """
    with handled():
        if kind is not None:
            query.check_kind(kind)
        summaries = query.actor_summaries(_dataset(data), kind=kind)
        _show(actors_listing(summaries, lang.value), fmt, json_flag, lang)


@app.command()
def actor(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="The actor's id.")],
    data: DataOpt = None,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """One actor: its role, its own timeline and the clauses it is party to.

    \b
    Examples:
      accord actor ussr
      accord actor noorani --lang tr
    """
    with handled():
        dataset = _dataset(data)
        view = query.actor_view(dataset, actor_id)
        _show(actor_view_detail(view, dataset, lang.value), fmt, json_flag, lang)


@app.command()
def validate(
    path: Annotated[Optional[Path], typer.Argument(  # noqa: UP045
        metavar="[PATH]", show_default=False,
        help="The TOML file to check; without it, --data or the shipped dataset.")] = None,
    data: DataOpt = None,
) -> None:
    """Check a data file and print its counts, or every problem in it. Never writes the file.

    \b
    Examples:
      accord validate
      accord validate my-events.toml
    """
    with handled():
        target = path or data or load.default_data_path()
        dataset = load.load(target)
        counts = query.counts(dataset)
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        emit(f"{visible(str(target))}: valid: {summary}\n")


def main() -> None:
    """Run the app; the one place that handles closed pipes, full disks and crashes."""
    prepare_streams()
    try:
        try:
            app(prog_name="accord")
        finally:
            # The interpreter's own flush at exit would report EPIPE as "Exception ignored".
            if sys.stdout is not None:
                sys.stdout.flush()
    except (OutputClosed, BrokenPipeError):
        silence_stdout()
        sys.exit(0)
    except OutputFailed as err:
        silence_stdout()
        message(f"accord: error: cannot write output: {err}")
        sys.exit(1)
    except OSError as err:
        silence_stdout()
        message(f"accord: error: cannot write output: {err.strerror or err}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # a bug: say so in one line, never a traceback with data in it
        message(f"accord: internal error: {type(err).__name__}: {visible(str(err))}")
        message("accord: please report this with the command you ran")
        sys.exit(70)
