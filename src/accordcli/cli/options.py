"""The options commands share, declared once, and reading what the command line gives.

`command()` registers a function as a command and adds to its signature the options every
command shares: --data, --no-cache, --lang, and --format with --json where the command
offers more than one format. The function receives them read, as one `Common` value.
"""

# No `from __future__ import annotations`: Typer reads every parameter's annotation on each
# start, and a string annotation costs an eval and a compile there.
import datetime as dt
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, Optional, TypeVar

import typer

from accordcli.cli.app import FORMAT_PARAM, AccordCommand, Lang, exit_on_error, help_text
from accordcli.completion import complete_actor, complete_event, complete_lang, complete_tag
from accordcli.errors import UsageError
from accordcli.i18n import N_, Message, message_of, pN_
from accordcli.render.registry import GENERAL, describe

# The environment is imported where it is read (main() has it built by then): importing
# the command line need not pay for it.
if TYPE_CHECKING:
    from accordcli.dates import DayRange, EventId
    from accordcli.environment import Environment
    from accordcli.model import Dataset, Window

T = TypeVar("T")

# Data paths are plain strings: Typer's Path type would refuse an unreadable file as a usage
# error (exit 2) before the loader could report it as the data problem it is (exit 1).
DataOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer 0.28 reads Optional reliably on every Python
    typer.Option("--data", envvar="ACCORD_DATA", show_default=False,
                 # Translators: what --data PATH names (in capitals, as help shows it).
                 metavar=pN_("metavar", "PATH"),
                 help=N_("TOML data file to read instead of the shipped dataset.")),
]
FromOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--from", metavar=pN_("metavar", "DATE"), show_default=False,
    autocompletion=complete_event,
    # Translators: the dates are examples of what --from reads; "27 Nisan 1978" is Turkish.
    help=N_("Events under way on or after a date (1978, 1978-04, '27 Nisan 1978') or event "
            "id (its first day)."))]
ToOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--to", metavar=pN_("metavar", "DATE"), show_default=False,
    autocompletion=complete_event,
    help=N_("Events under way on or before this date (1988 means up to 1988-12-31), or "
            "an event id (its last day)."))]
WithinOpt = Annotated[bool, typer.Option(
    "--within", help=N_("Only events that lie wholly between --from and --to, not those that "
                        "merely overlap them."))]
ActorFilter = Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
    "--actor", "-a", metavar=pN_("metavar", "ID"), show_default=False,
    autocompletion=complete_actor,
    help=N_("Only events involving this actor; repeat for any of several."))]
TagFilter = Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
    "--tag", "-t", metavar=pN_("metavar", "TAG"), show_default=False,
    autocompletion=complete_tag,
    help=N_("Only events with this tag; repeat for any of several."))]


class Common(NamedTuple):
    """The shared options as a command receives them."""

    data: Path | None  # --data or ACCORD_DATA; None: the shipped dataset
    no_cache: bool
    format: str  # the format chosen (--json wins over --format)
    env: "Environment"  # with the --lang language: accord's words are in env.lang
    data_named: bool = False  # --data given on the command line (not ACCORD_DATA)

    @property
    def lang(self) -> str:
        """The language of the data's texts in the output: for people the run's language,
        for scripts (JSON, CSV) only the one --lang or ACCORD_LANG chose."""
        from accordcli.render.registry import FORMATS

        return self.env.output_lang(FORMATS[self.format].for_scripts)

    def dataset(self) -> "Dataset":
        from accordcli import load
        from accordcli.cli.progress import watching

        with watching(self.env, self.data):
            return load.load(self.data, use_cache=not self.no_cache,
                             cache_dir=self.env.cache_dir)

    def window(self, first: dt.date, last: dt.date) -> "Window":
        """Return the events overlapping first..last, with the whole vocabulary."""
        from accordcli import load
        from accordcli.cli.progress import watching

        with watching(self.env, self.data):
            return load.events_overlapping(self.data, first, last, use_cache=not self.no_cache,
                                           cache_dir=self.env.cache_dir)


def data_path(text: str | None, name: str | Message = "--data") -> Path | None:
    """Return a data path given on the command line (by the option or argument `name`); an
    empty one is a usage mistake."""
    if text is None:
        return None
    if not text.strip():
        raise UsageError(Message("{option}: empty path; give a TOML file", option=name))
    return Path(text)


def read(option: str | Message, parse: Callable[[str], T], text: str) -> T:
    """Return what `parse` reads in the text given for `option`; a date it cannot read is a
    usage mistake that names the option. The one place date errors get an option's name."""
    from accordcli.dates import DateInputError

    try:
        return parse(text)
    except DateInputError as err:
        raise UsageError(Message("{option}: {problem}", option=option,
                                 problem=message_of(err))) from None


class Period(NamedTuple):
    """--from and --to as typed: each a range of days, an event id to look up in the data
    (--from: its first day; --to: its last), or None."""

    start: "DayRange | EventId | None"
    end: "DayRange | EventId | None"

    @property
    def names_events(self) -> bool:
        """True when an end is an event id, which only the whole dataset can answer."""
        from accordcli.dates import EventId

        return isinstance(self.start, EventId) or isinstance(self.end, EventId)

    def days(self, dataset: "Dataset | None" = None) -> tuple[dt.date | None, dt.date | None]:
        """Return the first and last day the period allows (`dataset` answers event ids)."""
        from accordcli.query import check_period

        first = _days("--from", self.start, dataset)
        last = _days("--to", self.end, dataset)
        first_day = first.first if first else None
        last_day = last.last if last else None
        check_period(first_day, last_day)
        return first_day, last_day


def _days(option: str, end: "DayRange | EventId | None",
          dataset: "Dataset | None") -> "DayRange | None":
    from accordcli.dates import EventId

    if not isinstance(end, EventId):
        return end
    from accordcli.query import event_days

    assert dataset is not None, "an event id is answered by the dataset"
    return read(option, lambda _: event_days(dataset, end), end.id)


def period(from_: str | None, to: str | None) -> Period:
    """Return --from and --to read, their order checked before any data is read when both
    are dates (a usage mistake is exit 2 even when the data file is broken too)."""
    from accordcli.dates import parse_end

    found = Period(read("--from", parse_end, from_) if from_ is not None else None,
                   read("--to", parse_end, to) if to is not None else None)
    if not found.names_events:
        found.days()
    return found


def actor_kind(text: str) -> str:
    """Return the actor kind --kind names, as the data spells it: the value itself or its
    name in any language accord speaks ("devlet" is "state"), in any case."""
    from accordcli.i18n import LANGUAGES
    from accordcli.model import ACTOR_KINDS
    from accordcli.query import actor_kind as data_kind
    from accordcli.render.views import value_label
    from accordcli.text import fold

    wanted = fold(text)
    for kind in ACTOR_KINDS:
        if any(fold(value_label(kind, lang)) == wanted for lang in LANGUAGES):
            return kind
    return data_kind(text)  # the data's own spelling, or UnknownKind


@contextmanager
def one_id_each(*options: tuple[str, str]) -> Iterator[None]:
    """Say to repeat an option when an id it was given is not found and holds commas
    (`--actor ussr,usa`): `options` pairs a kind of record with its option."""
    from accordcli.errors import NotFound

    try:
        yield
    except NotFound as err:
        option = dict(options).get(err.kind)
        if option is None or "," not in err.wanted:
            raise
        example = " ".join(f"{option} {part.strip()}" for part in err.wanted.split(",")
                           if part.strip())
        # Translators: {problem} is "no actor with id 'ussr,usa'"; {example} is the same
        # ids given one by one ("--actor ussr --actor usa").
        raise UsageError(Message("{problem}; to give several, repeat {option}: {example}",
                                 problem=message_of(NotFound(err.kind, err.wanted, [])),
                                 option=option, example=example)) from None


def environment(ctx: typer.Context) -> "Environment":
    """Return the environment main() built, or (for the app invoked on its own, as tests
    do) the one of this process, built now."""
    from accordcli.environment import Environment, detect

    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = detect(sys.argv[1:], os.environ, sys.stdout, sys.stderr)
    return root.obj


def _given(ctx: typer.Context, name: str, value: Any) -> Any:
    """Return a shared option's value: given after the command, that; else given before
    it (to the root, `accord --data F timeline`), that; else its variable's or default."""
    from typer._click.core import ParameterSource

    root = ctx.find_root()
    before = root.params.get(name) if root is not ctx else None
    if before is None or ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
        return value
    return before


@functools.cache  # commands with the same formats share their parameters
def _shared(formats: tuple[str, ...], cache: bool, lang: bool) -> tuple[inspect.Parameter, ...]:
    """Return the shared options a command with these formats takes, as parameters."""
    def option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                 annotation=annotation)

    shared = [option("data", DataOpt, None)]
    if cache:
        shared.append(option("no_cache", Annotated[bool, typer.Option(
            "--no-cache",
            help=N_("Read the TOML file itself, not its index in the cache "
                    "directory."))], False))
    if lang:
        shared.append(option("lang", Annotated[Optional[Lang], typer.Option(  # noqa: UP045
            "--lang", envvar="ACCORD_LANG", case_sensitive=False, show_default=False,
            autocompletion=complete_lang,
            help=N_("Language of accord's words and of the data's texts; without it, "
                    "ACCORD_LANG, else the locale (LANG), else English. JSON, NDJSON and CSV "
                    "follow only --lang and ACCORD_LANG. Missing translations fall back to "
                    "English."))], None))
    if len(formats) > 1:
        # A Literal of the names: Typer makes it a choice, and refuses others in its words.
        names = Literal.__getitem__(formats)
        shared.append(option(FORMAT_PARAM, Annotated[names, typer.Option(
            "--format", "-f", case_sensitive=False, help=describe(formats))], formats[0]))
        # (localize() says it again in the run's language: the help comes from the formats.)
        shared.append(option("json_flag", Annotated[bool, typer.Option(
            "--json", help=N_("Shorthand for --format json."))], False))
    return tuple(shared)


def command(app: typer.Typer, short_help: str, description: str | None = None,
            examples: str = "", *, name: str | None = None,
            formats: tuple[str, ...] = GENERAL, cache: bool = True,
            lang: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose first parameter receives the shared options as `Common`.

    `short_help` is its line in `accord -h`; its own help is `description`, then `examples`
    (commands, one a line), each a message: N_(...) and pN_("examples", ...). `formats`
    are the formats it offers, the first the default: --format's choices and help come from
    them. A command with one format has no --format.
    """
    def register(function: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(function)
        own = list(signature.parameters.values())[1:]  # after `common`
        shared = _shared(formats, cache, lang)

        @functools.wraps(function)
        def run(ctx: typer.Context, **given: Any) -> None:
            # Typer gives the command its Lang; the root's is the parser's string.
            language = str(_given(ctx, "lang", given.pop("lang", None)) or "") or None
            env = environment(ctx)
            env = env._replace(lang=language, chosen_lang=language) if language else env
            with exit_on_error(env.lang):
                fmt = given.pop(FORMAT_PARAM, formats[0])
                chosen = "json" if given.pop("json_flag", False) else fmt
                source = ctx.get_parameter_source("data")
                named = (source is not None and source.name == "COMMANDLINE") or (
                    ctx.find_root() is not ctx and ctx.find_root().params.get("data") is not None)
                common = Common(data_path(_given(ctx, "data", given.pop("data"))),
                                given.pop("no_cache", False), chosen.casefold(), env, named)
                function(common, **given)

        # Typer reads a command's options from its signature and annotations: the command's
        # own, then the shared ones.
        context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=typer.Context)
        parameters = [context, *own, *shared]
        run.__dict__["__signature__"] = signature.replace(parameters=parameters)
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        help = None if description is None else help_text(description, examples)
        app.command(name=name, short_help=short_help, help=help, cls=AccordCommand)(run)
        return function

    return register
