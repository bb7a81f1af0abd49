"""The accord command line: argv → load → query → render → stdout, errors → exit codes.

- app.py: the Typer app, main(), and the one place errors become messages and exit codes;
- options.py: the options every command shares (as one `Common` value), and reading dates
  and paths given on the command line;
- commands.py: the commands, each load → query → show.
"""

from accordcli.cli import commands  # noqa: F401 - registers the commands on the app
from accordcli.cli.app import Lang, app, main

__all__ = ["Lang", "app", "main"]
