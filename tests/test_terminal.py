"""terminal.py in-process: tables fitted to an Environment's width, colours and encoding."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from accordcli.actors import ActorSummary, actor_summaries
from accordcli.environment import Environment
from accordcli.load import load
from accordcli.match import parse_query
from accordcli.model import Actor, Dataset, LocalText
from accordcli.query import timeline
from accordcli.render.registry import render
from accordcli.render.terminal import LAYOUT_BUDGET
from accordcli.render.views import actors_listing, events_listing, hits_listing
from accordcli.search import search
from conftest import SAMPLE

if TYPE_CHECKING:
    from accordcli.render.views import View

SGR = re.compile("\x1b\\[([0-9;]*)m")


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load(SAMPLE, use_cache=False)


def terminal(width: int = 100, **settings: Any) -> Environment:
    return Environment(terminal=True, width=width, **settings)


def drawn(view: View, env: Environment) -> str:
    output = render(view, "table", env)
    assert isinstance(output, str)
    return output


def reversed_text(styled: str) -> list[str]:
    """Return the runs of text a terminal shows in reverse video (SGR 7)."""
    runs: list[str] = []
    current, reverse = "", False
    for index, piece in enumerate(SGR.split(styled)):
        if index % 2 == 0:  # text between escape sequences
            current += piece if reverse else ""
            continue
        codes = set(piece.split(";"))
        if reverse and codes & {"", "0", "27"}:
            runs.append(current)
            current, reverse = "", False
        reverse = reverse or "7" in codes
    return runs


def test_only_the_matched_words_are_highlighted(sample: Dataset) -> None:
    query = parse_query("istanbul")
    listing = hits_listing(search(sample, query, "en"), "en", query.highlight)
    # In the title and in the snippet (the title, the only text that matched).
    assert reversed_text(drawn(listing, terminal(colours="standard"))) == ["İstanbul"] * 2
    assert "\x1b" not in drawn(listing, terminal())  # no colours: no styling at all


@pytest.mark.parametrize("width", [20, 40, 60, 100, 200])
def test_a_listing_never_outgrows_the_width_and_keeps_every_id(sample: Dataset,
                                                                width: int) -> None:
    listing = events_listing(timeline(sample), "en")
    lines = drawn(listing, terminal(width)).splitlines()
    assert max(len(line) for line in lines) <= width
    words = {word for line in lines for word in line.split()}
    assert {record.id for record in listing.records} <= words


def test_a_narrow_terminal_gets_labelled_records_instead_of_a_table(sample: Dataset) -> None:
    lines = drawn(actors_listing(actor_summaries(sample), "en"), terminal(30)).splitlines()
    assert [line.split()[0] for line in lines if line.startswith("Id")] == ["Id"] * 4


def test_ascii_terminals_get_ascii_rules(sample: Dataset) -> None:
    listing = events_listing(timeline(sample), "en")
    assert "━" in drawn(listing, terminal()) or "─" in drawn(listing, terminal())
    ascii_table = drawn(listing, terminal(ascii_only=True, encoding="ascii"))
    assert ascii_table.isascii()
    assert "\\u0130stanbul" in ascii_table  # "İ" shown as an escape, not dropped


def actor(role: str) -> ActorSummary:
    person = Actor("p", "person", LocalText("Person"), LocalText(role), None, ("s",))
    return ActorSummary(person, 1, None, None)


def test_a_long_role_is_two_lines_cut_with_an_ellipsis() -> None:
    role = "Mediator who shuttled between the capitals\nfor six years " * 4
    for env, mark in ((terminal(), "…"), (terminal(ascii_only=True, encoding="ascii"), "...")):
        lines = drawn(actors_listing([actor(role)], "en"), env).splitlines()
        assert len(lines) == 4  # header, rule, one row of two lines
        # The line break reads as a space, and the cut ends the second line.
        assert "capitals for six" in lines[2] and lines[3].endswith(mark)
        assert lines[3].startswith(" ") and mark not in lines[2]


def test_a_cut_never_halves_an_escape() -> None:
    role = "abcdefgh\u202e" * 30
    line = drawn(actors_listing([actor(role)], "en"), terminal(60)).splitlines()[2]
    assert re.search(r"\\(?:u(?![0-9a-f]{4})|x(?![0-9a-f]{2}))", line) is None


def test_too_much_to_lay_out_is_written_as_lines(capsys: pytest.CaptureFixture[str]) -> None:
    many = [actor(f"role {n}") for n in range(LAYOUT_BUDGET // 7)]
    text = drawn(actors_listing(many, "en"), terminal())
    assert text.splitlines()[0].split("\t")[:3] == ["p", "Person", "person"]
    assert "too much to draw as a table" in capsys.readouterr().err
