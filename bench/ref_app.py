"""Reference for benchmark (1): the smallest Typer app, two commands, printing one line."""

import typer

app = typer.Typer(rich_markup_mode=None)


@app.command()
def timeline(from_: str = typer.Option("", "--from"), json: bool = False) -> None:
    print("[]")


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()
