"""The commands: each reads its arguments, loads, queries and shows a view.

Everything a command needs beyond its own options arrives as `Common` (cli/options.py);
what it offers in --format is its `formats`. Modules are imported inside the commands: a
start-up pays only for what the one command it runs needs.
"""

# No `from __future__ import annotations`: Typer reads every parameter's annotation on each
# start, and a string annotation costs an eval and a compile there.
import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from accordcli.cli.app import app
from accordcli.cli.options import (
    ActorFilter,
    Common,
    FromOpt,
    TagFilter,
    ToOpt,
    WithinOpt,
    actor_kind,
    command,
    data_path,
    one_id_each,
    period,
    read,
)
from accordcli.completion import (
    complete_actor,
    complete_cited,
    complete_clause,
    complete_event,
    complete_kind,
    complete_source,
)
from accordcli.i18n import N_, Message, pN_
from accordcli.output import emit, message
from accordcli.render.registry import BIBLIOGRAPHIES, GENERAL

if TYPE_CHECKING:
    from accordcli.render.views import View

def show(common: Common, view: "View", limit: int | None = None) -> None:
    """Write the view in the chosen format; on a terminal, say when nothing matched."""
    from accordcli.render.registry import render
    from accordcli.render.views import Listing, Timeline, label

    emit(render(view, common.format, common.env))
    listing = view.listing if isinstance(view, Timeline) else view
    # "no events match" would be wrong after --limit 0: they matched, none were asked for.
    if (isinstance(listing, Listing) and not listing.records and common.env.terminal
            and limit != 0):
        message(label(listing.empty, common.lang))


@command(app, N_("Events in order, filtered by date, actor, tag, text."),
         N_("Events in chronological order, filtered by date, actor, tag or text."),
         pN_("examples", "accord timeline --from 1978\n"
                         "accord timeline --from 1988-04 --to 1989-02 --tag withdrawal\n"
                         "accord timeline --actor pakistan --lang tr --format markdown\n"
                         "accord timeline --search geneva --json | jq -r '.[].id'\n"
                         "accord timeline --format timelinejs > timeline.json\n"
                         "accord timeline --format html > timeline.html"),
         formats=(*GENERAL, "timelinejs", "html"))
def timeline(
    common: Common,
    from_: FromOpt = None,
    to: ToOpt = None,
    actor: ActorFilter = None,
    tag: TagFilter = None,
    search: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--search", "-s", metavar=pN_("metavar", "TEXT"), show_default=False,
        help=N_("Only events holding every word (or a word starting with it) and every "
                "\"quoted phrase\", ignoring case and accents; repeat to add more."))] = None,
    limit: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--limit", "-n", min=0, metavar="N", show_default=False,
        help=N_("Show at most N events."))] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help=N_("Newest first."))] = False,
    within: WithinOpt = False,
) -> None:
    from accordcli import query
    from accordcli.model import Dataset, Window
    from accordcli.render.views import timeline_view

    asked = period(from_, to)
    # Every --search value's terms must match, as more words in one value would.
    wanted = query.search_query(search) if search else None
    dataset: Dataset | Window
    if asked.names_events:
        dataset = common.dataset()
        first, last = asked.days(dataset)
    else:
        first, last = asked.days()
        # A period is asked of the index, which reads only the events in it.
        dataset = common.dataset() if not (first or last) else (
            common.window(first or dt.date.min, last or dt.date.max))
    with one_id_each(("actor", "--actor"), ("tag", "--tag")):
        events = query.timeline(dataset, first=first, last=last, actors=actor or (),
                                tags=tag or (), search=search or None, limit=limit,
                                reverse=reverse, within=within)
    show(common, timeline_view(events, dataset, common.lang,
                               wanted.highlight if wanted else ()), limit)


@command(app, N_("One event in full, with its sources."),
         N_("One event in full: dates, summary, note, actors, tags and sources."),
         pN_("examples", "accord event accords-signed\n"
                         "accord event gorbachev-statement --lang tr"))
def event(
    common: Common,
    event_id: Annotated[str, typer.Argument(metavar=pN_("metavar", "ID"),
                                            help=N_("The event's id."),
                                            autocompletion=complete_event)],
) -> None:
    from accordcli.query import require_event
    from accordcli.render.views import event_detail

    dataset = common.dataset()
    show(common, event_detail(require_event(dataset, event_id), dataset, common.lang))


@command(app, N_("The four instruments, or one with its provisions."),
         N_("The accords' instruments, or one of them with the provisions the data summarises."),
         pN_("examples", "accord clauses\n"
                         "accord clauses 4\n"
                         "accord clauses refugees --lang tr --json"))
def clauses(
    common: Common,
    which: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        # Translators: an instrument's number (N) or its id (ID), optional.
        metavar=pN_("metavar", "[N|ID]"), show_default=False,
        autocompletion=complete_clause,
        help=N_("An instrument's number or id; without it, every instrument."))] = None,
) -> None:
    from accordcli.query import require_clause
    from accordcli.render.views import clause_detail, clauses_listing

    dataset = common.dataset()
    if which is None:
        show(common, clauses_listing(dataset, common.lang))
    else:
        show(common, clause_detail(require_clause(dataset, which), dataset, common.lang))


@command(app, N_("Every actor, with its events' extent."),
         N_("Every actor with its role, number of events and first and last event dates."),
         pN_("examples", "accord actors\n"
                         "accord actors --kind person --format csv\n"
                         "accord actors --sort name --lang tr"))
def actors(
    common: Common,
    kind: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--kind", "-k", metavar=pN_("metavar", "KIND"), show_default=False,
        autocompletion=complete_kind,
        # Translators: state, organisation, group and person are the values --kind takes.
        help=N_("Only actors of this kind: state, organisation, group or person."))] = None,
    sort: Annotated[Literal["file", "name", "events", "first"], typer.Option(
        "--sort", case_sensitive=False, show_default=False,
        help=N_("Order: file (as the data lists them, the default), name (in the "
                "alphabet of --lang: Turkish puts ç after c, ı before i), events (most "
                "first) or first (earliest first event first)."))] = "file",
) -> None:
    from accordcli.actors import actor_summaries, sorted_summaries
    from accordcli.render.views import actors_listing

    wanted = actor_kind(kind) if kind is not None else None  # before any data is read
    summaries = actor_summaries(common.dataset(), kind=wanted)
    show(common, actors_listing(sorted_summaries(summaries, sort.casefold(), common.lang),
                                common.lang))


@command(app, N_("One actor, its timeline and its instruments."),
         N_("One actor: its role, its own timeline and the instruments it is party, signatory "
            "or witness to."),
         pN_("examples", "accord actor ussr\n"
                         "accord actor noorani --lang tr"))
def actor(
    common: Common,
    actor_id: Annotated[str, typer.Argument(metavar=pN_("metavar", "ID"),
                                            help=N_("The actor's id."),
                                            autocompletion=complete_actor)],
) -> None:
    from accordcli.actors import involvement
    from accordcli.render.views import actor_detail

    dataset = common.dataset()
    show(common, actor_detail(involvement(dataset, actor_id), dataset, common.lang))


@command(app, N_("Find events, actors, instruments, provisions, sources."),
         N_("Find events, actors, instruments, provisions and sources that mention every "
            "word, best first, each with a snippet of its text."),
         pN_("examples", "accord search cekilme\n"
                         "accord search GENEVA talks\n"
                         "accord search refugees return --json"))
def search(
    common: Common,
    text: Annotated[list[str], typer.Argument(
        # Translators: one or more words ("..."), in capitals as help shows them.
        metavar=pN_("metavar", "TEXT..."),
        help=N_("Words that must all occur, each as a word or the start of one, and "
                "\"quoted phrases\"; case, accents and Turkish letters are ignored."))],
    limit: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--limit", "-n", min=0, metavar="N", show_default=False,
        help=N_("Show at most N results."))] = None,
) -> None:
    from accordcli.cli.progress import watching
    from accordcli.match import parse_query
    from accordcli.render.views import hits_listing
    from accordcli.search import find

    query = parse_query(" ".join(text))
    with watching(common.env, common.data):
        hits = find(common.data, query, common.lang, limit=limit,
                    use_cache=not common.no_cache, cache_dir=common.env.cache_dir)
    show(common, hits_listing(hits, common.lang, query.highlight), limit)


@command(app, N_("The sources, to read and to cite."),
         N_("Every source the data cites: its title, publisher and date, and how many "
            "events, actors and instruments cite it. The bibliography formats (bibtex, "
            "csl-json, ris) are for reference managers."),
         pN_("examples", "accord sources\n"
                         "accord sources --for accords-signed\n"
                         "accord sources --for clause:4 --format bibtex > accords.bib\n"
                         "accord sources --publisher 'los angeles' --format csl-json\n"
                         "accord sources --unused\n"
                         "accord sources --self --format bibtex"),
         formats=(*GENERAL, *BIBLIOGRAPHIES))
def sources(
    common: Common,
    for_: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--for", metavar=pN_("metavar", "ID"), show_default=False,
        autocompletion=complete_cited,
        help=N_("Only the sources this event, actor or instrument cites (an instrument also "
                "by number); event:ID, actor:ID or clause:ID when an id names two."))] = None,
    publisher: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--publisher", metavar=pN_("metavar", "TEXT"), show_default=False,
        help=N_("Only sources whose publisher contains this text, ignoring case and "
                "accents."))] = None,
    unused: Annotated[bool, typer.Option(
        "--unused", help=N_("Only sources that nothing cites."))] = False,
    itself: Annotated[bool, typer.Option(
        "--self", help=N_("The dataset itself, as a source to cite (with --format bibtex, "
                          "an entry for your bibliography)."))] = False,
) -> None:
    from accordcli.render.views import dataset_entry, sources_listing
    from accordcli.sources import select

    if itself and (for_ is not None or publisher is not None or unused):
        from accordcli.errors import UsageError

        raise UsageError(Message("--self is the dataset's own entry; it takes no --for, "
                                 "--publisher or --unused"))
    dataset = common.dataset()
    if itself:
        from accordcli.read import default_data_path

        shipped = common.data is None or common.data.resolve() == default_data_path().resolve()
        show(common, dataset_entry(dataset, common.lang, shipped=shipped))
        return
    uses = select(dataset, cited_by=for_, publisher=publisher, unused=unused)
    show(common, sources_listing(uses, dataset, common.lang))


@command(app, N_("One source in full, and what cites it."),
         N_("One source in full, with every event, actor and instrument that cites it."),
         pN_("examples", "accord source accords-text\n"
                         "accord source accords-text --format bibtex"),
         formats=(*GENERAL, *BIBLIOGRAPHIES))
def source(
    common: Common,
    source_id: Annotated[str, typer.Argument(metavar=pN_("metavar", "ID"),
                                             help=N_("The source's id."),
                                             autocompletion=complete_source)],
) -> None:
    from accordcli.render.views import source_detail
    from accordcli.sources import require_source

    dataset = common.dataset()
    show(common, source_detail(require_source(dataset, source_id), dataset, common.lang))


@command(app, N_("Anniversaries, or what was under way on a day."),
         N_("What happened on a day: anniversaries (04-14, '14 April') with how many years "
            "ago, or everything under way on a day, in a month or year, or during an event."),
         pN_("examples", "accord on 04-14\n"
                         "accord on '14 Nisan' --after 7 --before 2\n"
                         "accord on 1988-08-15\n"
                         "accord on 1988-08\n"
                         "accord on accords-signed\n"
                         "ACCORD_TODAY=1989-02-15 accord on"))
def on(
    common: Common,
    when: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        # Translators: the forms `accord on` takes; DATE and ID as help shows them.
        metavar=pN_("metavar", "[MM-DD|DATE|ID]"), show_default=False,
        autocompletion=complete_event,
        help=N_("A month and day (04-14, '14 April'): anniversaries in any year. A date in "
                "any form --from takes (a day, month or year) or an event id: everything "
                "under way then. Without it: today's anniversaries (or ACCORD_TODAY's)."))
    ] = None,
    after: Annotated[int, typer.Option(
        "--after", "-A", min=0, max=365, metavar="N",
        help=N_("Also the N days after it, as BSD calendar -A."))] = 0,
    before: Annotated[int, typer.Option(
        "--before", "-B", min=0, max=365, metavar="N",
        help=N_("Also the N days before it, as BSD calendar -B."))] = 0,
) -> None:
    from accordcli import query
    from accordcli.dates import DayRange, EventId, MonthDay, parse_when
    from accordcli.render.views import anniversaries_listing, events_listing

    # Translators: the name of `accord on`'s argument, before what is wrong with it:
    # "date: '1988-13-01': month 13 does not exist".
    name = Message("date", context="argument")
    # The argument is checked before the data is read: a bad date is exit 2 regardless.
    wanted = read(name, parse_when, when) if when is not None else None
    if wanted is None or isinstance(wanted, MonthDay):
        today = _today(common)
        asked = wanted or MonthDay(today.month, today.day)
        found = query.anniversaries(common.dataset(), asked.month, asked.day, before=before,
                                    after=after, today=today)
        show(common, anniversaries_listing(found, common.lang))
        return
    dataset = common.dataset()
    days: DayRange = (read(name, lambda _: query.event_days(dataset, wanted), wanted.id)
                      if isinstance(wanted, EventId) else wanted)
    first = _moved(days.first, -before)
    last = _moved(days.last, after)
    show(common, events_listing(query.under_way(dataset, first, last), common.lang))


def _moved(day: dt.date, days: int) -> dt.date:
    """Return `day` moved by a number of days, stopping at the first or last day there is."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _today(common: Common) -> dt.date:
    """Return today, or ACCORD_TODAY when it is set."""
    from accordcli.dates import parse_day

    fixed = common.env.today
    return read("ACCORD_TODAY", parse_day, fixed) if fixed else dt.date.today()


@command(app, N_("Time between two events or dates."),
         N_("How long lies between two moments, in years, months and days and in days."),
         pN_("examples", "accord span soviet-intervention withdrawal-complete\n"
                         "accord span 1988-04-14 1988-05-15 --json\n"
                         "accord span soviet-withdrawal"),
         name="span")
def span_command(
    common: Common,
    start: Annotated[str, typer.Argument(
        metavar="A", autocompletion=complete_event,
        # Translators: "14 Nisan 1988" is Turkish, as accord reads it.
        help=N_("An event id (its first day) or a day: 1988-04-14, '14 April 1988', "
                "'14 Nisan 1988'; a month or year (1988-04, 1983) gives the shortest and "
                "longest span."))],
    end: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[B]", autocompletion=complete_event, show_default=False,
        help=N_("The same, for the other end. Without it, A is an event id and the span "
                "is the event's own length, from its first day to its last."))] = None,
) -> None:
    from accordcli.interval import between, date_of, length, moment
    from accordcli.render.views import interval_detail

    for text in (start, end):
        if text is not None:
            date_of(text)  # a bad date is a usage error (exit 2) before any data is read
    dataset = common.dataset()
    if end is None:
        interval = length(dataset, start)
    else:
        interval = between(moment(dataset, start), moment(dataset, end))
    show(common, interval_detail(interval, common.lang))


@command(app, N_("The timeline drawn in the terminal."),
         N_("Draw the timeline in the terminal: periods as bars, events and signatures as "
            "markers."),
         pN_("examples", "accord chart\n"
                         "accord chart --from 1986 --to 1989 --tag withdrawal\n"
                         "COLUMNS=200 accord chart --lang tr"),
         formats=("chart",))
def chart(
    common: Common,
    from_: FromOpt = None,
    to: ToOpt = None,
    actor: ActorFilter = None,
    tag: TagFilter = None,
    within: WithinOpt = False,
) -> None:
    from accordcli import query
    from accordcli.render.views import label
    from accordcli.render.views_more import Chart

    asked = period(from_, to)
    dataset = common.dataset()
    first, last = asked.days(dataset)
    with one_id_each(("actor", "--actor"), ("tag", "--tag")):
        events = query.timeline(dataset, first=first, last=last, actors=actor or (),
                                tags=tag or (), within=within)
        clauses = query.clauses_matching(dataset, first=first, last=last,
                                         actors=actor or (), tags=tag or (), within=within)
    if not events and not clauses:
        if common.env.terminal:
            message(label("no_events", common.lang))
        return
    show(common, Chart(tuple(events), tuple(clauses), first, last))


@command(app, N_("Check a data file; print counts or problems."),
         N_("Check a data file and print its counts, or every problem in it. Never writes "
            "the file."),
         pN_("examples", "accord validate\n"
                         "accord validate my-events.toml"),
         formats=("report", "json"), cache=False, lang=False)
def validate(
    common: Common,
    path: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        # Translators: a path, optional; PATH as --data PATH says it.
        metavar=pN_("metavar", "[PATH]"), show_default=False,
        help=N_("The TOML file to check; without it, --data or the shipped "
                "dataset."))] = None,
) -> None:
    from accordcli import load, query
    from accordcli.cli.progress import watching
    from accordcli.errors import DataError, Reported, UsageError
    from accordcli.read import display_name
    from accordcli.render.views_more import Report
    from accordcli.sources import warnings
    from accordcli.text import visible

    if path is not None and common.data_named:
        raise UsageError(Message("validate checks one file: give PATH or --data, not both"))
    target = (data_path(path, Message("PATH", context="metavar")) or common.data
              or load.default_data_path())
    try:
        with watching(common.env, target):
            dataset = load.load(target, use_cache=False)  # validate always reads the file
    except DataError as err:
        if common.format != "json":
            raise
        # Scripts read every problem from stdout; the exit code still says "invalid".
        show(common, Report(display_name(target), {}, err.found))
        raise Reported(len(err.found)) from None
    # Warnings do not make a file invalid (exit 0): they name what nothing reaches.
    found = warnings(dataset, target)
    show(common, Report(display_name(target), query.counts(dataset), tuple(found)))
    if common.format != "json":
        for warning in found:
            said = warning.reported(display_name(target)).translated(common.lang)
            # Translators: how accord reports what does not make a data file invalid, as in
            # "accord: warning: my.toml:12: actors[3] (id 'x'): no event, instrument or
            # actor names this actor". Keep "accord", the name of the command.
            message(Message("accord: warning: {problem}",
                            problem=visible(said)).translated(common.lang))
