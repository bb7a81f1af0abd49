"""Reference for benchmark (2): a minimal Typer app that prints a five-row Rich table."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(rich_markup_mode=None)


@app.command()
def timeline(from_: str = typer.Option("", "--from")) -> None:
    table = Table("Date", "Id", "Title")
    for n in range(5):
        table.add_row(f"1988-0{n + 1}-01", f"event-{n}", f"Event number {n}")
    Console().print(table)


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()
