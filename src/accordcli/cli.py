"""The accord command line: argv → load → query → render → stdout, errors → exit codes."""

# No `from __future__ import annotations`: Typer reads every parameter's annotation on each
# start, and a string annotation costs an eval and a compile there (~1 ms a run).
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer._click.exceptions import ClickException  # click as typer 0.26+ vendors it

from accordcli import __version__
from accordcli.completion import (
    complete_actor,
    complete_clause,
    complete_event,
    complete_kind,
    complete_lang,
    complete_tag,
)
from accordcli.environment import Environment, detect
from accordcli.errors import AccordError, DateOrder, UnknownKind, UsageError
from accordcli.i18n import LANGUAGES, Message, message_of
from accordcli.output import (
    OutputClosed,
    OutputFailed,
    emit,
    message,
    prepare_streams,
    silence_stdout,
)
from accordcli.text import visible

if TYPE_CHECKING:
    from accordcli.dates import DayRange
    from accordcli.model import Dataset, Window
    from accordcli.render.views import View

# Everything else is imported inside the commands: a start-up pays only for what the one
# command it runs needs (see bench/ and BENCHMARKS.md).

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
  accord search cekilme
  accord on 04-14
  accord span soviet-intervention withdrawal-complete
  accord chart --from 1985
  accord validate my-events.toml

Data comes from the shipped dataset, or from --data PATH (or ACCORD_DATA).
Exit codes: 0 success, 1 data problem or unknown id, 2 usage problem, 70 a bug in accord.
"""

def _new_app() -> typer.Typer:
    return typer.Typer(
        name="accord",
        help=HELP,
        rich_markup_mode=None,  # plain help: it never imports Rich and reads the same in a pipe
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        invoke_without_command=True,
        # accord's own --install-completion and --show-completion (on root below): Typer's
        # completion scripts evaluate what accord prints, ids and titles included.
        add_completion=False,
    )


app = _new_app()


# The languages accord speaks, one per message catalogue (i18n.LANGUAGES): a new catalogue
# is a new --lang value. A computed enum is opaque to the type checker, which is shown the
# one member the code names.
if TYPE_CHECKING:
    class Lang(StrEnum):
        en = "en"
else:
    Lang = StrEnum("Lang", [(code, code) for code in LANGUAGES])


class Format(StrEnum):
    """The formats of listings and records (render.registry.GENERAL)."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"


class TimelineFormat(StrEnum):
    """The timeline's formats: every listing format plus TimelineJS."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"


# Data paths are plain strings: Typer's Path type would refuse an unreadable file as a usage
# error (exit 2) before the loader could report it as the data problem it is (exit 1).
DataOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer 0.28 reads Optional reliably on every Python
    typer.Option("--data", envvar="ACCORD_DATA", metavar="PATH", show_default=False,
                 help="TOML data file to read instead of the shipped dataset."),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", envvar="ACCORD_LANG", case_sensitive=False,
                 autocompletion=complete_lang,
                 help="Language of titles and texts; missing translations fall back to "
                      "English."),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False,
                 help="table (a table on a terminal, tab-separated lines in a pipe), json, "
                      "ndjson, csv or markdown."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Read the TOML file itself, not its index in the cache directory.")]
FromOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--from", metavar="DATE", show_default=False,
    help="Events under way on or after this date: 1978, 1978-04, 1978-04-27, "
         "'April 1978' or '27 Nisan 1978'.")]
ToOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--to", metavar="DATE", show_default=False,
    help="Events under way on or before this date (1988 means up to 1988-12-31).")]
ActorFilter = Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
    "--actor", "-a", metavar="ID", show_default=False, autocompletion=complete_actor,
    help="Only events involving this actor; repeat for any of several.")]
TagFilter = Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
    "--tag", "-t", metavar="TAG", show_default=False, autocompletion=complete_tag,
    help="Only events with this tag; repeat for any of several.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # never while completing a command line
        from accordcli.shells import install_completion

        with handled():
            install_completion()
        raise typer.Exit()


def _show_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from accordcli.shells import show_completion

        with handled():
            show_completion()
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Show the version and exit.")] = False,
    install_completion: Annotated[bool, typer.Option(
        "--install-completion", is_eager=True, expose_value=False,
        callback=_install_completion,
        help="Install completion for the current shell.")] = False,
    show_completion: Annotated[bool, typer.Option(
        "--show-completion", is_eager=True, expose_value=False, callback=_show_completion,
        help="Show completion for the current shell, to copy it or customize the "
             "installation.")] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


@contextmanager
def handled() -> Iterator[None]:
    """Turn accord's own errors into messages on stderr and their exit codes."""
    try:
        yield
    except DateOrder as err:  # the core's words, with the options that gave the dates
        said = Message("--from ({first}) is after --to ({last})", first=err.first, last=err.last)
        message(f"accord: error: {said}")
        raise typer.Exit(err.exit_code) from None
    except UnknownKind as err:
        said = Message("unknown --kind {kind}; choose one of {kinds}", kind=repr(err.kind),
                       kinds=", ".join(err.kinds))
        message(f"accord: error: {visible(str(said))}")
        raise typer.Exit(err.exit_code) from None
    except AccordError as err:
        for line in err.lines():
            message(f"accord: error: {visible(line)}")
        raise typer.Exit(err.exit_code) from None


def _environment() -> Environment:
    """Return the environment main() built, or (for an app invoked directly, as by tests)
    one built from this process now."""
    from typer._click.globals import get_current_context

    root = get_current_context().find_root()
    if not isinstance(root.obj, Environment):
        root.obj = detect(sys.argv[1:], os.environ, sys.stdout)
    return root.obj


def _data_path(text: str | None, name: str = "--data") -> Path | None:
    if text is None:
        return None
    if not text.strip():
        raise UsageError(f"{name}: empty path; give a TOML file")
    return Path(text)


def _dataset(path: str | None, no_cache: bool = False) -> "Dataset":
    from accordcli import load

    return load.load(_data_path(path), use_cache=not no_cache)


def _range(text: str | None, option: str) -> "DayRange | None":
    if text is None:
        return None
    from accordcli.dates import DateInputError, parse_day_range

    try:
        return parse_day_range(text)
    except DateInputError as err:
        raise UsageError(Message("{option}: {problem}", option=option,
                                 problem=message_of(err))) from None


def _bounds(from_: str | None, to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last day --from and --to allow, checked before any data is read,
    so that a usage mistake is exit 2 even when the data file is broken too."""
    from accordcli.query import check_period

    first = _range(from_, "--from")
    last = _range(to, "--to")
    low = first.first if first else None
    high = last.last if last else None
    check_period(low, high)
    return low, high


def _show(view: "View", fmt: str, json_flag: bool, lang: Lang,
          limit: int | None = None) -> None:
    from dataclasses import replace

    from accordcli.render.registry import render
    from accordcli.render.views import Listing, Timeline, label

    env = replace(_environment(), lang=lang.value)
    emit(render(view, "json" if json_flag else fmt, env))
    listing = view.listing if isinstance(view, Timeline) else view
    # "no events match" would be wrong after --limit 0: they matched, none were asked for.
    if isinstance(listing, Listing) and not listing.records and env.terminal and limit != 0:
        message(label(listing.empty, lang.value))


@app.command(short_help="Events in order, filtered by date, actor, tag, text.")
def timeline(
    from_: FromOpt = None,
    to: ToOpt = None,
    actor: ActorFilter = None,
    tag: TagFilter = None,
    search: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--search", "-s", metavar="TEXT", show_default=False,
        help="Only events whose text contains every word, ignoring case and accents.")] = None,
    limit: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--limit", "-n", min=0, metavar="N", show_default=False,
        help="Show at most N events.")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help="Newest first.")] = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
    fmt: Annotated[TimelineFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="table (a table on a terminal, tab-separated lines in a pipe), json, ndjson, "
             "csv, markdown, or timelinejs (Knight Lab TimelineJS JSON).")] = (
        TimelineFormat.table),
    json_flag: JsonOpt = False,
) -> None:
    """Events in chronological order, filtered by date, actor, tag or text.

    \b
    Examples:
      accord timeline --from 1978
      accord timeline --from 1988-04 --to 1989-02 --tag withdrawal
      accord timeline --actor pakistan --lang tr --format markdown
      accord timeline --search geneva --json | jq -r '.[].id'
      accord timeline --format timelinejs > timeline.json
    """
    with handled():
        from accordcli import load, query
        from accordcli.render.views import timeline_view

        low, high = _bounds(from_, to)
        if low or high:  # only those days' events, from the index when it is current
            dataset: Dataset | Window = load.events_overlapping(
                _data_path(data), low or dt.date.min, high or dt.date.max,
                use_cache=not no_cache)
        else:
            dataset = _dataset(data, no_cache)
        events = query.timeline(
            dataset,
            first=low,
            last=high,
            actors=actor or (),
            tags=tag or (),
            search=search,
            limit=limit,
            reverse=reverse,
        )
        words = query.search_words(search) if search else ()
        _show(timeline_view(events, dataset, lang.value, words), fmt.value, json_flag, lang,
              limit)


@app.command(short_help="One event in full, with its sources.")
def event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id.",
                                            autocompletion=complete_event)],
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
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
        from accordcli import query
        from accordcli.render.views import event_detail

        dataset = _dataset(data, no_cache)
        found = query.require_event(dataset, event_id)
        _show(event_detail(found, dataset, lang.value), fmt, json_flag, lang)


@app.command(short_help="The four instruments, or one with its provisions.")
def clauses(
    which: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[N|ID]", show_default=False, autocompletion=complete_clause,
        help="A clause number or id; without it, all clauses.")] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
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
        from accordcli import query
        from accordcli.render.views import clause_detail, clauses_listing

        dataset = _dataset(data, no_cache)
        if which is None:
            _show(clauses_listing(dataset, lang.value), fmt, json_flag, lang)
        else:
            clause = query.require_clause(dataset, which)
            _show(clause_detail(clause, dataset, lang.value), fmt, json_flag, lang)


@app.command(short_help="Every actor, with its events' extent.")
def actors(
    kind: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--kind", "-k", metavar="KIND", show_default=False, autocompletion=complete_kind,
        help="Only actors of this kind: state, organisation, group or person.")] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
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
        from accordcli.actors import actor_summaries
        from accordcli.query import actor_kind
        from accordcli.render.views import actors_listing

        if kind is not None:
            kind = actor_kind(kind)
        summaries = actor_summaries(_dataset(data, no_cache), kind=kind)
        _show(actors_listing(summaries, lang.value), fmt, json_flag, lang)


@app.command(short_help="One actor, its timeline and its clauses.")
def actor(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="The actor's id.",
                                            autocompletion=complete_actor)],
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """One actor: its role, its own timeline and the clauses it is party, signatory or witness to.

    \b
    Examples:
      accord actor ussr
      accord actor noorani --lang tr
    """
    with handled():
        from accordcli.actors import involvement
        from accordcli.render.views import actor_detail

        dataset = _dataset(data, no_cache)
        _show(actor_detail(involvement(dataset, actor_id), dataset, lang.value), fmt,
              json_flag, lang)


@app.command(short_help="Find events, actors, clauses, provisions.")
def search(
    text: Annotated[list[str], typer.Argument(
        metavar="TEXT...", help="Words that must all occur; case, accents and Turkish "
                                "letters are ignored.")],
    limit: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--limit", "-n", min=0, metavar="N", show_default=False,
        help="Show at most N results.")] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """Find events, actors, clauses and provisions that mention every word.

    \b
    Examples:
      accord search cekilme
      accord search GENEVA talks
      accord search refugees return --json
    """
    with handled():
        from accordcli.query import search_words
        from accordcli.render.views import hits_listing
        from accordcli.search import search as find

        words = " ".join(text)
        hits = find(_dataset(data, no_cache), words, lang.value, limit=limit)
        _show(hits_listing(hits, lang.value, search_words(words)), fmt, json_flag, lang,
              limit)


def _day(text: str, name: str) -> dt.date:
    from accordcli.dates import DateInputError, parse_day

    try:
        return parse_day(text)
    except DateInputError as err:
        raise UsageError(Message("{option}: {problem}", option=name,
                                 problem=message_of(err))) from None


def _today() -> dt.date:
    fixed = _environment().today
    return _day(fixed, "ACCORD_TODAY") if fixed else dt.date.today()


@app.command(short_help="Anniversaries, or what was under way on a day.")
def on(
    when: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[MM-DD|YYYY-MM-DD]", show_default=False,
        help="MM-DD: anniversaries in any year. YYYY-MM-DD: everything under way that day. "
             "Without it: today (or ACCORD_TODAY).")] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """What happened on a day: anniversaries (MM-DD) or everything under way (YYYY-MM-DD).

    \b
    Examples:
      accord on 04-14
      accord on 1988-08-15
      accord on
      ACCORD_TODAY=1989-02-15 accord on
    """
    with handled():
        from accordcli import query
        from accordcli.dates import is_full_day
        from accordcli.render.views import events_listing

        # The argument is checked before the data is read: a bad date is exit 2 regardless.
        day: dt.date | None = None
        if when is None:
            today = _today()
            month, day_of_month = today.month, today.day
        elif is_full_day(when):
            day = _day(when, "date")
        else:
            from accordcli.dates import parse_month_day

            month, day_of_month = parse_month_day(when)
        dataset = _dataset(data, no_cache)
        if day is not None:
            events = query.under_way(dataset, day)
        else:
            events = query.anniversaries(dataset, month, day_of_month)
        _show(events_listing(events, lang.value), fmt, json_flag, lang)


@app.command(name="span", short_help="Time between two events or dates.")
def span_command(
    start: Annotated[str, typer.Argument(metavar="A", autocompletion=complete_event,
                                         help="An event id (its first day) or a day: "
                                              "1988-04-14, '14 April 1988', '14 Nisan 1988'.")],
    end: Annotated[str, typer.Argument(metavar="B", autocompletion=complete_event,
                                       help="The same, for the other end.")],
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
    fmt: FormatOpt = Format.table,
    json_flag: JsonOpt = False,
) -> None:
    """How long lies between two moments, in years, months and days and in days.

    \b
    Examples:
      accord span soviet-intervention withdrawal-complete
      accord span 1988-04-14 1988-05-15 --json
    """
    with handled():
        from accordcli import span
        from accordcli.render.views import interval_detail

        for text in (start, end):
            span.date_of(text)  # a bad date is a usage error (exit 2) before any data is read
        dataset = _dataset(data, no_cache)
        interval = span.between(span.moment(dataset, start), span.moment(dataset, end))
        _show(interval_detail(interval, lang.value), fmt, json_flag, lang)


@app.command(short_help="The timeline drawn in the terminal.")
def chart(
    from_: FromOpt = None,
    to: ToOpt = None,
    actor: ActorFilter = None,
    tag: TagFilter = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Draw the timeline in the terminal: periods as bars, events and signatures as markers.

    \b
    Examples:
      accord chart
      accord chart --from 1986 --to 1989 --tag withdrawal
      COLUMNS=200 accord chart --lang tr
    """
    with handled():
        from accordcli import query
        from accordcli.render.views import Chart

        low, high = _bounds(from_, to)
        dataset = _dataset(data, no_cache)
        events = query.timeline(dataset, first=low, last=high, actors=actor or (),
                                tags=tag or ())
        clauses = tuple(query.clauses_matching(dataset, first=low, last=high,
                                               actors=actor or (), tags=tag or ()))
        if not events and not clauses:
            from accordcli.render.views import label

            if _environment().terminal:
                message(label("no_events", lang.value))
            return
        _show(Chart(tuple(events), clauses, low, high), "chart", False, lang)


@app.command(short_help="Check a data file; print counts or problems.")
def validate(
    path: Annotated[Optional[str], typer.Argument(  # noqa: UP045
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
        from accordcli import load, query
        from accordcli.render.registry import render
        from accordcli.render.views import Report

        target = (_data_path(path, "PATH") or _data_path(data)
                  or load.default_data_path())
        dataset = load.load(target, use_cache=False)  # validate always reads the file itself
        emit(render(Report(str(target), query.counts(dataset)), "report", _environment()))


def app_for(argv: list[str], env: Environment) -> typer.Typer:
    """Return an app holding only the command `argv` names, or the whole app.

    Typer turns every registered command into a Click command on each start; building
    one instead of all ten takes ~9 ms off every run. Help, unknown commands and shell
    completion get the whole app.
    """
    if not argv or env.completing:
        return app
    for info in app.registered_commands:
        if _command_name(info) == argv[0]:
            single = _new_app()
            single.registered_callback = app.registered_callback
            single.registered_commands = [info]
            return single
    return app


def _command_name(info: "typer.models.CommandInfo") -> str:
    assert info.callback is not None
    return info.name or info.callback.__name__.replace("_", "-")


def _help_hint(err: ClickException, argv: list[str]) -> str:
    """Return where to read help about a command-line mistake: the command's own help."""
    context = getattr(err, "ctx", None)
    if context is not None:
        return f" (see '{context.command_path} -h')"
    # Some parser errors ("Option '--limit' requires an argument.") carry no context.
    named = argv[:1] if argv and any(_command_name(info) == argv[0]
                                     for info in app.registered_commands) else []
    return f" (see '{' '.join(['accord', *named])} -h')"


def main() -> None:
    """Run the app; the one place that handles closed pipes, full disks and crashes."""
    prepare_streams()
    env = detect(sys.argv[1:], os.environ, sys.stdout)
    try:
        if env.completing:
            # Completion is answered here, never by Typer, whose scripts evaluate the answer.
            from accordcli.shells import main_completion

            sys.exit(main_completion(typer.main.get_command(app)))
        try:
            code = app_for(sys.argv[1:], env)(prog_name="accord", standalone_mode=False,
                                              obj=env)
        except ClickException as err:
            # Click would print a usage block; accord's errors are one line that says where
            # to look next, whoever found the mistake.
            hint = _help_hint(err, sys.argv[1:])
            message(f"accord: error: {visible(err.format_message())}{hint}")
            code = err.exit_code
        except typer.Abort:
            message("accord: aborted")
            code = 1
        finally:
            # The interpreter's own flush at exit would report EPIPE as "Exception ignored".
            if sys.stdout is not None:
                sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else 0)
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
