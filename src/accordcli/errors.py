"""The ways accord fails, each with the exit code the CLI turns it into."""

from __future__ import annotations


class AccordError(Exception):
    """A failure the user can act on; the CLI prints it as one or a few lines."""

    exit_code = 1

    def lines(self) -> list[str]:
        """Return the message as the lines to print on stderr."""
        return [str(self)]


class DataError(AccordError):
    """The data file cannot be read, parsed or validated."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


class NotFound(AccordError):
    """An id given on the command line names nothing in the dataset."""

    def __init__(self, kind: str, wanted: str, suggestions: list[str],
                 number: int | None = None) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        # A clause is also looked up by number ("V" is 5): say so, or "no id 'V'" misleads.
        if number is None:
            what = f"with id {wanted!r}"
        elif wanted.strip() == str(number):
            what = f"numbered {number}"
        else:
            what = f"numbered {number} or with id {wanted!r}"
        super().__init__(f"no {kind} {what}{hint}")


class UsageError(AccordError):
    """The command line asks for something impossible (a bad date, --from after --to)."""

    exit_code = 2
