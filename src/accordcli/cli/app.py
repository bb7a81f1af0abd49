"""The accord app, and the one place that turns errors into messages and exit codes."""

# No `from __future__ import annotations`: Typer reads every parameter's annotation on each
# start, and a string annotation costs an eval and a compile there.
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from typer._click.exceptions import ClickException  # click as typer 0.26+ vendors it

from accordcli import __version__
from accordcli.environment import Environment, detect
from accordcli.errors import AccordError, DateOrder, UnknownKind
from accordcli.i18n import Message
from accordcli.output import (
    OutputClosed,
    OutputFailed,
    message,
    prepare_streams,
    silence_stdout,
)
from accordcli.text import visible

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

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in accord
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


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


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # never while completing a command line
        from accordcli.shells import install_completion

        with exit_on_error():
            install_completion()
        raise typer.Exit()


def _show_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from accordcli.shells import show_completion

        with exit_on_error():
            show_completion()
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Show the version and exit.")] = False,
    install_completion: Annotated[bool, typer.Option(
        "--install-completion", is_eager=True, expose_value=False,
        callback=_install_completion,
        help="Install completion for the current shell.")] = False,
    show_completion: Annotated[bool, typer.Option(
        "--show-completion", is_eager=True, expose_value=False,
        callback=_show_completion,
        help="Show completion for the current shell, to copy it or customize the "
             "installation.")] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def error_lines(err: AccordError) -> list[str]:
    """Return what an error says, in the command line's words: the core names periods and
    kinds, the command line names the options that gave them."""
    if isinstance(err, DateOrder):
        return [str(Message("--from ({first}) is after --to ({last})", first=err.first,
                            last=err.last))]
    if isinstance(err, UnknownKind):
        return [str(Message("unknown --kind {kind}; choose one of {kinds}",
                            kind=repr(err.kind), kinds=", ".join(err.kinds)))]
    return err.lines()


@contextmanager
def exit_on_error() -> Iterator[None]:
    """Turn accord's own errors into one-line messages on stderr and their exit codes."""
    try:
        yield
    except AccordError as err:
        for line in error_lines(err):
            message(f"accord: error: {visible(line)}")
        raise typer.Exit(err.exit_code) from None


def app_for(argv: list[str], env: Environment) -> typer.Typer:
    """Return an app holding only the command `argv` names, or the whole app.

    Typer turns every registered command into a Click command on each start; building one
    instead of all ten saves that work on every run. Help, unknown commands and shell
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


def _run(argv: list[str], env: Environment) -> int:
    """Run the command line and return its exit code; parser mistakes are one line."""
    if env.completing:
        # Completion is answered here, never by Typer, whose scripts evaluate the answer.
        from accordcli.shells import main_completion

        return main_completion(typer.main.get_command(app))
    try:
        code = app_for(argv, env)(args=argv, prog_name="accord", standalone_mode=False,
                                  obj=env)
    except ClickException as err:
        # Click would print a usage block; accord's errors are one line that says where to
        # look next, whoever found the mistake.
        message(f"accord: error: {visible(err.format_message())}{_help_hint(err, argv)}")
        code = err.exit_code
    except typer.Abort:
        message("accord: aborted")
        code = 1
    finally:
        # The interpreter's own flush at exit would report EPIPE as "Exception ignored".
        if sys.stdout is not None:
            sys.stdout.flush()
    return code if isinstance(code, int) else 0


def main() -> None:
    """Run accord; the one place that handles closed pipes, full disks and crashes."""
    prepare_streams()
    argv = sys.argv[1:]
    try:
        sys.exit(_run(argv, detect(argv, os.environ, sys.stdout)))
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
        sys.exit(EXIT_INTERRUPTED)
    except Exception as err:  # a bug: say so in one line, never a traceback with data in it
        message(f"accord: internal error: {type(err).__name__}: {visible(str(err))}")
        message("accord: please report this with the command you ran")
        sys.exit(EXIT_INTERNAL)
