"""The accord app, the language it speaks, and the one place that turns errors into messages
and exit codes."""

# No `from __future__ import annotations`: Typer reads every parameter's annotation on each
# start, and a string annotation costs an eval and a compile there.
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import (  # click as typer 0.26+ vendors it
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
)
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from accordcli import __version__
from accordcli.completion import complete_lang
from accordcli.errors import AccordError, DataError, DateOrder, Reported, UnknownKind
from accordcli.i18n import (
    LANGUAGES,
    N_,
    SOURCE,
    Message,
    gettext,
    message_of,
    pgettext,
    pN_,
)
from accordcli.output import (
    OutputClosed,
    OutputFailed,
    message,
    prepare_streams,
    silence_stdout,
)

# Environment and text are imported where they are used: `import accordcli.cli` (help,
# completion, every start before main() runs) need not pay for them.
if TYPE_CHECKING:
    from accordcli.environment import Environment

# Help texts ---------------------------------------------------------------------------------
#
# Typer reads help texts when it builds the app, before the command line is parsed, so they
# are written in English (each part marked with N_) and the root command translates its whole
# tree once it knows the language the command line asks for (_Root.make_context). English
# is the text as written: an English start translates nothing and opens no catalogue.

# Translators: the heading of a command's examples in its help ("accord timeline -h").
EXAMPLES = N_("Examples:")
_INDENT = "  "  # of an example under its heading


def help_text(text: str, examples: str = "", *more: str) -> str:
    """Return a help text as Click shows it: `text`, then `examples` (commands, one a line)
    under their heading in a block Click leaves as written, then the paragraphs `more`.

    Each part is a message, the examples in the context "examples": pN_("examples", ...).
    translated_help reads the parts back.
    """
    block = ["\b", EXAMPLES, *(_INDENT + line for line in examples.splitlines())]
    return "\n\n".join([text, *(["\n".join(block)] if examples else []), *more])


def translated_help(text: str, lang: str) -> str:
    """Return a help text in `lang`: each paragraph is a message; in a block Click leaves as
    written ("\\b"), its heading is one and its lines (unindented) are examples."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("\b\n"):
            _, heading, *lines = paragraph.split("\n")
            body = pgettext("examples", "\n".join(line.removeprefix(_INDENT) for line in lines),
                            lang)
            paragraph = "\n".join(["\b", gettext(heading, lang),
                                   *(_INDENT + line for line in body.splitlines())])
        else:
            paragraph = gettext(paragraph, lang)
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


FORMAT_PARAM = "fmt"  # the parameter --format gives (cli/options.py)


def localize(command: Command, lang: str) -> None:
    """Put the words of `command` and of its subcommands in `lang`: help texts, short helps,
    the parameters' help and metavars (those marked pN_("metavar", ...) are words)."""
    if command.help:
        command.help = translated_help(command.help, lang)
    if command.options_metavar:
        # Translators: in the usage line of help, where a command's options go.
        command.options_metavar = pgettext("metavar", "[OPTIONS]", lang)
    if isinstance(command, TyperGroup):
        # Translators: in the usage line of `accord -h`, where the command and its
        # arguments go.
        command.subcommand_metavar = pgettext("metavar", "COMMAND [ARGS]...", lang)
    if command.short_help:
        command.short_help = gettext(command.short_help, lang)
    for param in command.params:
        if param.name == FORMAT_PARAM and isinstance(param, TyperOption):
            from accordcli.render.registry import describe

            # --format's help is made from the formats it offers, each a message.
            param.help = describe(tuple(map(str, getattr(param.type, "choices", ()))), lang)
        elif isinstance(param, TyperOption | TyperArgument) and param.help:
            param.help = translated_help(param.help, lang)
        if param.metavar:
            param.metavar = pgettext("metavar", param.metavar, lang)
    for subcommand in getattr(command, "commands", {}).values():
        localize(subcommand, lang)


# Click's own words ---------------------------------------------------------------------------
#
# The Click that Typer vendors writes "Usage:", its headings and its help option's help as
# plain English. accord's command classes put them in the run's language through Click's
# extension points: the context's formatter_class (usage line, headings, the bracketed
# notes after an option's help) and the help option the command makes.

_HEADINGS = (pN_("help heading", "Options"), pN_("help heading", "Arguments"),
             pN_("help heading", "Commands"))
HELP_OPTION_HELP = N_("Show this message and exit.")
# What Typer writes in brackets after an option's help: "[env var: X; default: Y]".
_NOTES = r"^(?P<help>.*?)\s*\[(?P<notes>[^\[\]]*)\]$"  # compiled when help is shown


class _Formatter(HelpFormatter):
    """Click's help formatter, writing Click's words in `lang`."""

    lang = SOURCE

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            # Translators: the start of the usage line in help: "Usage: accord timeline
            # [OPTIONS]"; keep the space after it.
            prefix = gettext("Usage: ", self.lang)
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(pgettext("help heading", heading, self.lang)
                              if heading in _HEADINGS else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl([(term, help_notes(text, self.lang)) for term, text in rows],
                         col_max, col_spacing)


def help_notes(text: str, lang: str) -> str:
    """Return an option's help with the notes Typer adds in brackets ("[env var: X;
    default: Y]", "[required]") in `lang`."""
    found = re.match(_NOTES, text, re.DOTALL)
    if found is None or lang == SOURCE:
        return text
    notes = []
    for note in found["notes"].split("; "):
        name, colon, value = note.partition(": ")
        if note == "required":
            note = gettext("required", lang)
        elif colon and name == "env var":
            # Translators: after an option's help, in brackets: the environment variable
            # that sets it.
            note = gettext("env var: {var}", lang).format(var=value)
        elif colon and name == "default":
            note = gettext("default: {default}", lang).format(default=value)
        notes.append(note)
    joined = "; ".join(notes)
    return f"{found['help']}  [{joined}]" if found["help"] else f"[{joined}]"


class _Context(Context):
    """Click's context, making help in the language of its command line."""

    formatter_class = _Formatter

    def make_formatter(self) -> HelpFormatter:
        formatter = super().make_formatter()
        if isinstance(formatter, _Formatter):
            formatter.lang = language(self)
        return formatter


def _help_option_in(option: Any, ctx: Context) -> Any:
    """Give the help option Click makes its help in the run's language."""
    if option is not None:
        option.help = gettext(HELP_OPTION_HELP, language(ctx))
    return option


class AccordCommand(TyperCommand):
    """An accord command: its help, Click's words included, in the run's language."""

    context_class = _Context

    def get_help_option(self, ctx: Context) -> Any:
        return _help_option_in(super().get_help_option(ctx), ctx)


class _Root(TyperGroup):
    """accord's top command. Made to run a command line, it speaks the language that line
    asks for (main()'s Environment says which; run on its own, as tests do, the line, the
    variables and the locale do): its help, its metavars and its completions' descriptions
    read in it."""

    context_class = _Context
    lang = SOURCE  # the language of its words

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Context | None = None, **extra: Any) -> Context:
        if parent is None and self.lang == SOURCE:  # words are translated once, from English
            from accordcli.environment import Environment, prescan_lang

            env = extra.get("obj")
            lang = (env.lang if isinstance(env, Environment)
                    else prescan_lang(args, os.environ, LANGUAGES))
            if lang != SOURCE:
                localize(self, lang)
                self.lang = lang
        return super().make_context(info_name, args, parent, **extra)

    def get_help_option(self, ctx: Context) -> Any:
        return _help_option_in(super().get_help_option(ctx), ctx)


def language(ctx: Context) -> str:
    """Return the language accord speaks in this command line."""
    root = ctx.find_root().command
    return root.lang if isinstance(root, _Root) else SOURCE


# The languages accord speaks, one per message catalogue (i18n.LANGUAGES): a new catalogue
# is a new --lang value. A computed enum is opaque to the type checker, which is shown the
# one member the code names.
if TYPE_CHECKING:
    class Lang(StrEnum):
        en = "en"
else:
    Lang = StrEnum("Lang", [(code, code) for code in LANGUAGES])


HELP = help_text(
    N_("Explore the Geneva Accords of 14 April 1988 (Afghanistan, Pakistan, the USA and the "
       "USSR) and the war and diplomacy around them, from a terminal or a script."),
    # Translators: each command's examples (in the context "examples") are commands as
    # typed, one a line: leave them untranslated, or give examples that suit your language
    # (its --lang, a search word in it, a date with its month names).
    pN_("examples", "accord timeline --from 1978 --to 1979\n"
                    "accord timeline --actor ussr --tag withdrawal --lang tr\n"
                    "accord timeline --from \"April 1988\" --json | jq '.[].title'\n"
                    "accord event accords-signed\n"
                    "accord clauses 4\n"
                    "accord actors --kind person --format csv\n"
                    "accord actor shevardnadze\n"
                    "accord search cekilme\n"
                    "accord on 04-14\n"
                    "accord span soviet-intervention withdrawal-complete\n"
                    "accord chart --from 1985\n"
                    "accord validate my-events.toml"),
    N_("Data comes from the shipped dataset, or from --data PATH (or ACCORD_DATA). Exit "
       "codes: 0 success, 1 data problem or unknown id, 2 usage problem, 70 a bug in accord."),
)

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in accord
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="accord",
        help=HELP,
        cls=_Root,
        rich_markup_mode=None,  # plain help: it never imports Rich and reads the same in a pipe
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        invoke_without_command=True,
        # accord's own --install-completion and --show-completion (on root below): Typer's
        # completion scripts evaluate what accord prints, ids and titles included.
        add_completion=False,
    )


app = _new_app()


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(f"accord {__version__}")
        edition = _dataset_edition(ctx)
        if edition:
            typer.echo(edition)
        raise typer.Exit()


def _dataset_edition(ctx: typer.Context) -> str | None:
    """Return the line that names the version of the data (ACCORD_DATA, else the shipped
    dataset), or None when it has none or does not load: --version never fails."""
    from pathlib import Path

    from accordcli import load
    from accordcli.cli.options import environment
    from accordcli.text import visible

    env = environment(ctx)
    try:
        dataset = load.load(Path(env.data) if env.data else None, cache_dir=env.cache_dir)
    except AccordError:
        return None
    if dataset.version is None:
        return None
    lang = language(ctx)
    version = dataset.version.isoformat()
    if dataset.title is None:
        # Translators: the second line of `accord --version`: the day the data was made.
        return Message("dataset {version}", version=version).translated(lang)
    # Translators: the second line of `accord --version`, with the dataset's title.
    return Message("dataset {version}: {title}", version=version,
                   title=visible(dataset.title.get(lang))).translated(lang)


def _install_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # never while completing a command line
        from accordcli.cli.options import environment
        from accordcli.shells import install_completion

        with exit_on_error(language(ctx)):
            install_completion(environment(ctx).shell)
        raise typer.Exit()


def _show_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from accordcli.cli.options import environment
        from accordcli.shells import show_completion

        with exit_on_error(language(ctx)):
            show_completion(environment(ctx).shell)
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help=N_("Show the version and exit."))] = False,
    install_completion: Annotated[bool, typer.Option(
        "--install-completion", is_eager=True, expose_value=False,
        callback=_install_completion,
        help=N_("Install completion for the current shell."))] = False,
    show_completion: Annotated[bool, typer.Option(
        "--show-completion", is_eager=True, expose_value=False,
        callback=_show_completion,
        help=N_("Show completion for the current shell, to copy it or customize the "
                "installation."))] = False,
    # --data and --lang before the command, as users type them: the command reads them
    # (cli/options.py), and its own, after it, win.
    data: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--data", metavar=pN_("metavar", "PATH"), show_default=False,
        help=N_("TOML data file to read instead of the shipped dataset (or ACCORD_DATA); "
                "also after the command."))] = None,
    lang: Annotated[Optional[Lang], typer.Option(  # noqa: UP045
        "--lang", case_sensitive=False, show_default=False,
        autocompletion=complete_lang,
        help=N_("Language of accord's words and of the data's texts (or ACCORD_LANG, "
                "else the locale); also after the command."))] = None,
) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


# Errors -------------------------------------------------------------------------------------

def error_line(problem: Message | str, lang: str) -> str:
    """Return the line that reports `problem` on stderr, in `lang`; its control characters
    are shown as escapes."""
    from accordcli.text import visible  # only when something goes wrong

    said = problem.translated(lang) if isinstance(problem, Message) else problem
    # Translators: how accord reports a mistake on stderr: "accord: error: no event with id
    # 'x'". Keep "accord", the name of the command.
    return Message("accord: error: {problem}", problem=visible(said)).translated(lang)


def error_lines(err: AccordError, lang: str = SOURCE) -> list[Message | str]:
    """Return what an error says, in the command line's words: the core names periods and
    kinds, the command line names the options that gave them (and the kinds as `lang`
    shows them)."""
    if isinstance(err, DateOrder):
        return [Message("--from ({first}) is after --to ({last})", first=err.first,
                        last=err.last)]
    if isinstance(err, UnknownKind):
        return [_unknown_kind(err, lang)]
    if isinstance(err, DataError):
        return [found.reported(err.source) for found in err.found]
    if isinstance(err, Reported):  # its problems are on stdout (validate --json)
        return []
    return [message_of(err)]


def _unknown_kind(err: UnknownKind, lang: str) -> Message:
    """Say that --kind was given a kind the data lacks, with the nearest one, and the kinds
    as `lang` names them (each is also taken as the data spells it)."""
    import difflib

    from accordcli.render.views import value_label
    from accordcli.text import fold

    names = {kind: value_label(kind, lang) for kind in err.kinds}
    spellings = {fold(spelling): names[kind] for kind in err.kinds
                 for spelling in (kind, names[kind])}
    close = difflib.get_close_matches(fold(err.kind), list(spellings), n=1, cutoff=0.6)
    kinds = ", ".join(names.values())
    if not close:
        return Message("unknown --kind {kind}; choose one of {kinds}", kind=repr(err.kind),
                       kinds=kinds)
    return Message("unknown --kind {kind}; did you mean {match}? Choose one of {kinds}",
                   kind=repr(err.kind), match=repr(spellings[close[0]]), kinds=kinds)


@contextmanager
def exit_on_error(lang: str = SOURCE) -> Iterator[None]:
    """Turn accord's own errors into one-line messages on stderr, in `lang`, and their exit
    codes."""
    try:
        yield
    except AccordError as err:
        for line in error_lines(err, lang):
            message(error_line(line, lang))
        raise typer.Exit(err.exit_code) from None


# The options only the root takes: given after a command, say where they go.
_ROOT_ONLY = ("--version", "--install-completion", "--show-completion")
# The options the root takes with a value, which may come before the command's name.
_ROOT_VALUED = ("--data", "--lang")


def command_index(argv: list[str]) -> int | None:
    """Return where the command's name is in `argv`, after any --data or --lang given
    before it; None when a word before it is anything else (-h, --version, a mistake)."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in _ROOT_VALUED:
            index += 2
        elif word.startswith(tuple(f"{name}=" for name in _ROOT_VALUED)):
            index += 1
        elif word.startswith("-"):
            return None
        else:
            return index
    return None


def app_for(argv: list[str], env: "Environment") -> typer.Typer:
    """Return an app holding only the command `argv` names, or the whole app.

    Typer turns every registered command into a Click command on each start; building one
    instead of all ten saves that work on every run. Help, unknown commands and shell
    completion get the whole app.
    """
    index = command_index(argv)
    if index is None or env.completing:
        return app
    for info in app.registered_commands:
        if _command_name(info) == argv[index]:
            single = _new_app()
            single.registered_callback = app.registered_callback
            single.registered_commands = [info]
            return single
    return app


def _command_name(info: "typer.models.CommandInfo") -> str:
    assert info.callback is not None
    return info.name or info.callback.__name__.replace("_", "-")


def _help_hint(err: ClickException, argv: list[str]) -> str:
    """Return the command whose help to read about a command-line mistake."""
    context = getattr(err, "ctx", None)
    if context is not None:
        return str(context.command_path)
    # Some parser errors ("Option '--limit' requires an argument.") carry no context.
    index = command_index(argv)
    named = [argv[index]] if index is not None and any(
        _command_name(info) == argv[index] for info in app.registered_commands) else []
    return " ".join(["accord", *named])


# What the parser says, in accord's words: Click writes plain English, so each of its
# messages is read back here (the one place that turns parser errors into messages) and
# said again as a message of the catalogue. What is not recognised stays as Click said it.
# The patterns are compiled on first use (re caches them): only a mistake pays for them.
_CLICK_SAYS: tuple[tuple[str, str], ...] = (
    (r"No such command (?P<command>.+?)\.(?: Did you mean (?P<choices>.+)\?)?",
     N_("No such command {command}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Got unexpected extra argument\(s\) \((?P<words>.*)\)",
     N_("Got unexpected extra argument(s) ({words})")),
    (r"Option (?P<option>'.+') requires an argument\.",
     N_("Option {option} requires an argument.")),
    (r"Option (?P<option>'.+') requires (?P<n>\d+) arguments\.",
     N_("Option {option} requires {n} arguments.")),
    (r"Option (?P<option>'.+') does not take a value\.",
     N_("Option {option} does not take a value.")),
    (r"(?P<value>'.*') is not one of (?P<choices>.+)\.",
     N_("{value} is not one of {choices}.")),
    (r"(?P<value>'.*') is not a valid (?:integer|int range|int)\.",
     N_("{value} is not a valid integer.")),
    (r"(?P<value>\S+) is not in the range (?P<range>\S+)\.",
     N_("{value} is not in the range {range}.")),
)


def _click_says(text: str) -> Message | str:
    """Return one of Click's messages as a message of the catalogue, if it is one."""
    for pattern, said in _CLICK_SAYS:
        found = re.fullmatch(pattern, text)
        if found is None:
            continue
        fields = {name: value for name, value in found.groupdict().items() if value}
        message = Message(said, **fields)
        if "choices" in fields and said.startswith("No such command"):
            return Message("{problem} Did you mean {choices}?", problem=message,
                           choices=fields["choices"])
        return message
    return text


def parser_problem(err: ClickException) -> Message | str:
    """Return what a command-line mistake the parser found says, as a message."""
    if isinstance(err, MissingParameter):
        hint = (err.param.get_error_hint(err.ctx) if err.param is not None and err.ctx
                else err.param_hint)
        if (err.param_type or getattr(err.param, "param_type_name", "")) == "option":
            return Message("Missing option {name}.", name=hint)
        return Message("Missing argument {name}.", name=hint)
    if isinstance(err, BadParameter):
        hint = err.param_hint if isinstance(err.param_hint, str) else (
            " / ".join(map(repr, err.param_hint)) if err.param_hint is not None else (
                err.param.get_error_hint(err.ctx) if err.param is not None and err.ctx
                else None))
        problem = _click_says(err.message)
        if hint is None:
            return Message("Invalid value: {problem}", problem=problem)
        return Message("Invalid value for {option}: {problem}", option=hint, problem=problem)
    if isinstance(err, NoSuchOption):
        from accordcli.text import visible

        if err.option_name in _ROOT_ONLY:  # `accord timeline --version`
            # Translators: {option} is an option of accord itself, such as --version.
            return Message("{option} goes before the command: accord {option}",
                           option=err.option_name)
        said = Message("No such option: {option}", option=visible(err.option_name))
        if not err.possibilities:
            return said
        return Message("{problem} (Possible options: {options})", problem=said,
                       options=", ".join(sorted(err.possibilities)))
    if isinstance(err, BadOptionUsage):
        return _click_says(err.message)
    return _click_says(err.format_message())


def _run(argv: list[str], env: "Environment") -> int:
    """Run the command line and return its exit code; parser mistakes are one line."""
    if env.completing:
        # Completion is answered here, never by Typer, whose scripts evaluate the answer.
        from accordcli.shells import respond

        return respond(typer.main.get_command(app), env.completion, argv, env)
    try:
        code = app_for(argv, env)(args=argv, prog_name="accord", standalone_mode=False,
                                  obj=env)
    except ClickException as err:
        # Click would print a usage block; accord's errors are one line that says where to
        # look next, whoever found the mistake.
        # Translators: {problem} is what is wrong with the command line, {command} the
        # command whose help to read ("accord timeline").
        hint = Message("{problem} (see '{command} -h')", problem=parser_problem(err),
                       command=_help_hint(err, argv))
        message(error_line(hint, env.lang))
        code = err.exit_code
    except typer.Abort:
        message(Message("accord: aborted").translated(env.lang))
        code = 1
    finally:
        # The interpreter's own flush at exit would report EPIPE as "Exception ignored".
        if sys.stdout is not None:
            sys.stdout.flush()
    return code if isinstance(code, int) else 0


def main() -> None:
    """Run accord; the one place that handles closed pipes, full disks and crashes."""
    from accordcli.environment import detect

    prepare_streams()
    argv = sys.argv[1:]
    lang = SOURCE  # until the command line says
    try:
        env = detect(argv, os.environ, sys.stdout, sys.stderr)
        lang = env.lang
        sys.exit(_run(argv, env))
    except (OutputClosed, BrokenPipeError):
        silence_stdout()
        sys.exit(0)
    except OutputFailed as err:
        silence_stdout()
        message(error_line(Message("cannot write output: {reason}", reason=message_of(err)),
                           lang))
        sys.exit(1)
    except OSError as err:
        silence_stdout()
        message(error_line(Message("cannot write output: {reason}",
                                   reason=err.strerror or str(err)), lang))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as err:  # a bug: say so in one line, never a traceback with data in it
        for line in _bug_report(err, lang):
            message(line)
        sys.exit(EXIT_INTERNAL)


def _bug_report(err: Exception, lang: str) -> list[str]:
    """Return the lines that report a bug: in `lang`, or in English should its catalogue be
    the trouble."""
    from accordcli.text import visible

    said = [
        # Translators: {error} is the name of a Python exception ("RuntimeError"), {details}
        # what it says; keep "accord", the name of the command.
        Message("accord: internal error: {error}: {details}", error=type(err).__name__,
                details=visible(str(err))),
        Message("accord: please report this with the command you ran"),
    ]
    try:
        return [line.translated(lang) for line in said]
    except Exception:
        return list(map(str, said))
