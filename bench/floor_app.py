"""The least any `accord timeline` could do: accord's options, and a body picked by FLOOR_MODE.

Not accord: a yardstick for bench/floor.py. Each mode drops everything accord does that a
mode does not name (no model, no validation, no date parsing, no filtering), so its time
is a lower bound for an accord that does that much:

  options        parse accord's timeline options, print "[]"
  json-answer    + read a stored JSON answer (FLOOR_ANSWER) and write it to stdout
  sqlite-answer  + read the answer's rows from accord's SQLite index (FLOOR_INDEX), with
                 the checks a cache file needs before it is trusted, and write them as JSON
  table-answer   + read the stored JSON answer and print its date, id and title as a Rich
                 table, as `accord timeline` does on a terminal
"""

import os
import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

MODE = os.environ.get("FLOOR_MODE", "options")

app = typer.Typer(name="accord", rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  invoke_without_command=True)


# Copies of accord's option types, not imports: importing accordcli.cli would time accord's
# own module, which is what the yardsticks leave out.
class Lang(StrEnum):
    en = "en"
    tr = "tr"


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"


@app.callback()
def root(version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    pass


@app.command()
def timeline(  # accord's timeline options, with the same types
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE")] = None,  # noqa: UP045
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE")] = None,  # noqa: UP045
    actor: Annotated[Optional[list[str]], typer.Option("--actor", "-a")] = None,  # noqa: UP045
    tag: Annotated[Optional[list[str]], typer.Option("--tag", "-t")] = None,  # noqa: UP045
    search: Annotated[Optional[str], typer.Option("--search", "-s")] = None,  # noqa: UP045
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0)] = None,  # noqa: UP045
    reverse: Annotated[bool, typer.Option("--reverse", "-r")] = False,
    data: Annotated[Optional[str], typer.Option("--data", envvar="ACCORD_DATA")] = None,  # noqa: UP045
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    lang: Annotated[Lang, typer.Option("--lang", envvar="ACCORD_LANG",
                                       case_sensitive=False)] = Lang.en,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", case_sensitive=False)] = (
        TimelineFormat.table),
    json_flag: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    if MODE == "options":
        print("[]")
    elif MODE == "json-answer":
        import json

        with open(os.environ["FLOOR_ANSWER"], "rb") as file:
            answer = json.loads(file.read())
        sys.stdout.write(json.dumps(answer, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif MODE == "sqlite-answer":
        import json
        import sqlite3

        path = os.environ["FLOOR_INDEX"]
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        for key in ("format", "source", "identity", "reference"):
            connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        rows = connection.execute("SELECT data FROM events WHERE finish >= ? ORDER BY position",
                                  (722085,))  # 1978-01-01
        answer = [json.loads(data) for (data,) in rows]
        sys.stdout.write(json.dumps(answer, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif MODE == "table-answer":
        import json

        from rich.console import Console
        from rich.table import Table

        with open(os.environ["FLOOR_ANSWER"], "rb") as file:
            answer = json.loads(file.read())
        table = Table("Date", "Id", "Title")
        for record in answer:
            table.add_row(record["date"], record["id"], record["title"])
        Console().print(table)
    else:
        raise SystemExit(f"unknown FLOOR_MODE {MODE!r}")


@app.command()
def other() -> None:
    print("other")
