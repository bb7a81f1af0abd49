"""terminal.py in-process: tables fitted to an Environment's width, colours and encoding."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.cells import cell_len

import accordcli
from accordcli.actors import ActorSummary, actor_summaries, involvement
from accordcli.environment import Environment
from accordcli.load import load
from accordcli.match import parse_query
from accordcli.model import Actor, Dataset, LocalText
from accordcli.query import anniversaries, timeline
from accordcli.render.registry import render
from accordcli.render.terminal import LAYOUT_BUDGET
from accordcli.render.views import (
    Detail,
    Listing,
    Timeline,
    actor_detail,
    actors_listing,
    anniversaries_listing,
    clause_detail,
    clauses_listing,
    event_detail,
    events_listing,
    header,
    hits_listing,
    label,
    source_detail,
    sources_listing,
    timeline_view,
)
from accordcli.search import search
from accordcli.text import cell
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


# ------------------------------------------------------------ tables at common widths
# Every listing of the shipped data, drawn in-process at the widths people use, colour off:
# the golden files in tests/golden/terminal, and the rules the layout keeps.

SHIPPED = Path(accordcli.__file__).parent / "data" / "events.toml"
WIDTHS = (60, 80, 100, 120)
TODAY = dt.date(2026, 4, 14)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load(SHIPPED, use_cache=False)


def views(data: Dataset, lang: str) -> dict[str, View]:
    """What each command with a table shows, as the command builds it."""
    from accordcli.sources import require_source, select

    events = timeline(data, first=dt.date(1988, 1, 1), last=dt.date(1989, 12, 31))
    geneva = parse_query("geneva")
    return {
        "timeline": timeline_view(events, data, lang),
        "on": anniversaries_listing(anniversaries(data, 4, 14, today=TODAY), lang),
        "actors": actors_listing(actor_summaries(data), lang),
        "actor": actor_detail(involvement(data, "ussr"), data, lang),
        "clauses": clauses_listing(data, lang),
        "clause": clause_detail(data.clauses[3], data, lang),
        "search": hits_listing(search(data, geneva, lang), lang, geneva.highlight),
        "sources": sources_listing(select(data), data, lang),
        "source": source_detail(require_source(data, "accords-text"), data, lang),
        "event": event_detail(next(e for e in data.events if e.id == "accords-signed"),
                              data, lang),
    }


@pytest.fixture(scope="module")
def shown(shipped: Dataset) -> dict[str, dict[str, View]]:
    """Each view, in English and Turkish."""
    return {lang: views(shipped, lang) for lang in ("en", "tr")}


@pytest.fixture(scope="module")
def screens(shown: dict[str, dict[str, View]]) -> dict[tuple[str, str, int], str]:
    """Each view drawn at each width, in English and Turkish."""
    return {(name, lang, width): drawn(view, terminal(width, lang=lang))
            for lang, named in shown.items() for name, view in named.items()
            for width in WIDTHS}


SCREENS = [(name, lang, width) for lang in ("en", "tr")
           for name in ("timeline", "on", "actors", "actor", "clauses", "clause", "search",
                        "sources", "source", "event") for width in WIDTHS]


@pytest.mark.parametrize(("name", "lang", "width"), SCREENS)
def test_each_listing_at_each_width_matches_its_golden_file(
        screens: dict[tuple[str, str, int], str], golden: Callable[[str, str], None],
        name: str, lang: str, width: int) -> None:
    golden(f"terminal/{name}-{lang}-{width}.txt", screens[name, lang, width])


def vocabulary(view: View, lang: str) -> set[str]:
    """Every word a view may show: its values, labels and headers, and dates' parts."""
    texts: list[str] = []
    listings: list[Listing[Any]] = []
    if isinstance(view, Listing):
        listings.append(view)
    elif isinstance(view, Timeline):
        listings.append(view.listing)
    else:
        assert isinstance(view, Detail)
        texts += [view.heading, *(text for _, text in view.fields)]
        texts += [label(key, lang) for key, _ in view.fields]
        texts += [label(key, lang) for key, _ in view.sections]
        listings += [listing for _, listing in view.sections]
    for listing in listings:
        texts += [header(key, lang) for key in listing.columns]
        texts += [cell(value, ", ") for row in listing.rows() for value in row]
    words = {word for text in texts for word in text.split()}
    return words | {part for word in words for part in re.findall(r"[^/]*/|[^/]+", word)}


@pytest.mark.parametrize(("name", "lang", "width"), SCREENS)
def test_words_are_never_broken_and_cuts_are_visible(
        shown: dict[str, dict[str, View]], screens: dict[tuple[str, str, int], str],
        name: str, lang: str, width: int) -> None:
    words = vocabulary(shown[lang][name], lang)
    for line in screens[name, lang, width].splitlines():
        tokens = line.split()
        # Only a token longer than the room beside the labels (a web address) goes past
        # the width, whole, the only value on its line, to be copied: the terminal wraps it.
        assert len(line) <= width or (
            tokens[-1] in words and len(line) - len(tokens[-1]) < width
            and cell_len(tokens[-1]) > width // 2), line
        for token in tokens:
            if token in words or set(token) <= {"─"}:
                continue
            if token.endswith("…"):  # cut: a word's start, or a cut role's last line
                assert any(word.startswith(token[:-1]) for word in words), token
                continue
            raise AssertionError(f"{token!r} is a broken word")


def table_rows(screen: str) -> tuple[list[int], list[list[str]]]:
    """Return a table's column starts and its rows, each the lines it takes."""
    lines = screen.splitlines()
    rule = next(n for n, line in enumerate(lines) if line and set(line) == {"─"})
    starts = sorted({m.start() for line in lines[:rule] for m in re.finditer(r"(?<!\S )\S", line)
                     if m.start() == 0 or line[m.start() - 2:m.start()] == "  "})
    rows: list[list[str]] = []
    for line in lines[rule + 1:]:
        if not line:
            continue
        if line[0] != " ":
            rows.append([])
        rows[-1].append(line)
    return starts, rows


def column_text(row: list[str], starts: list[int], index: int) -> str:
    end = starts[index + 1] if index + 1 < len(starts) else None
    return " ".join(" ".join(line[starts[index]:end].split()) for line in row).strip()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_actors_at_100_show_every_name_whole_and_30_characters_of_each_role(
        shipped: Dataset, screens: dict[tuple[str, str, int], str], lang: str) -> None:
    starts, rows = table_rows(screens["actors", lang, 100])
    summaries = actor_summaries(shipped)
    assert len(rows) == len(summaries) and len(starts) == 7
    for row, summary in zip(rows, summaries, strict=True):
        assert column_text(row, starts, 1) == summary.actor.name.get(lang)
        role = " ".join(summary.actor.role.get(lang).split())
        shown = column_text(row, starts, 3)
        assert role.startswith(shown.removesuffix("…"))
        assert shown == role or len(shown) >= 31


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_clause_titles_are_whole_at_80(shipped: Dataset,
                                       screens: dict[tuple[str, str, int], str],
                                       lang: str) -> None:
    listing = screens["clauses", lang, 80]
    for clause in shipped.clauses:
        title = clause.title.get(lang)
        assert title in listing.replace("\n" + " " * listing.index(title[0]), " ")
        heading = drawn(clause_detail(clause, shipped, lang),
                        terminal(80, lang=lang)).splitlines()[0]
        assert heading == f"{clause.number}. {title}"


def test_a_table_gives_text_the_width_and_short_columns_their_values(
        screens: dict[tuple[str, str, int], str]) -> None:
    head = screens["actors", "en", 100].splitlines()[0]
    assert head.split() == ["Id", "Name", "Kind", "Role", "Events", "First", "Last"]
    assert "Olaylar" in screens["actors", "tr", 100].splitlines()[0]
    # Kind, Events and the dates are as wide as their values, and two apart.
    assert re.search(r"Kind {10}Role .* Events  First {7}Last$", head)
    # The clauses' Turkish date headers wrap over two lines rather than widen their column.
    turkish = screens["clauses", "tr", 100].splitlines()
    assert turkish[0].split()[-2:] == ["İmza", "Yürürlük"]
    assert turkish[1].split()[-2:] == ["tarihi", "tarihi"]


@pytest.mark.parametrize(("name", "width"), [("timeline", 80), ("clauses", 100),
                                             ("search", 120), ("actors", 120)])
def test_a_row_of_several_lines_is_set_off_by_blank_lines(
        screens: dict[tuple[str, str, int], str], name: str, width: int) -> None:
    lines = screens[name, "en", width].splitlines()
    rule = next(n for n, line in enumerate(lines) if line and set(line) == {"─"})
    body = lines[rule + 1:]
    tall = 0
    for number, line in enumerate(body):
        if line and line[0] == " ":  # a row's second line or more
            start = number
            while body[start][0] == " ":
                start -= 1
            end = number
            while end + 1 < len(body) and body[end + 1][:1] == " ":
                end += 1
            assert start == 0 or body[start - 1] == "", body[start - 1:end + 2]
            assert end + 1 == len(body) or body[end + 1] == "", body[start - 1:end + 2]
            tall += 1
    assert tall


def test_below_the_width_a_table_needs_records_stack_in_labelled_blocks(
        shipped: Dataset, screens: dict[tuple[str, str, int], str]) -> None:
    blocks = screens["actors", "en", 60].rstrip("\n").split("\n\n")
    assert len(blocks) == len(shipped.actors)
    for block in blocks:
        labels = [line.split("  ")[0] for line in block.splitlines() if line[0] != " "]
        assert labels == ["Id", "Name", "Kind", "Role", "Events", "First", "Last"]
    # A long value wraps beside its label, under the value's first line.
    role = screens["actors", "en", 60].splitlines()[3:5]
    assert role[0].startswith("Role    Party") and role[1].startswith(" " * 8 + "IV),")


def test_a_token_longer_than_its_column_is_cut_visibly_in_a_table_and_whole_when_stacked(
        ) -> None:
    address = "https://example.org/archive/documents/1988/geneva-accords-full-text.pdf"
    person = Actor("p", "person", LocalText(f"See {address}"), LocalText("Mediator"), None,
                   ("s",))
    listing = actors_listing([ActorSummary(person, 1, None, None)], "en")
    table = drawn(listing, terminal(70))
    assert "https://example.org/archiv…" in table and address not in table
    assert re.search(r"https://\S+…", table)
    stacked = drawn(listing, terminal(40))
    assert address in "".join(line.split("  ")[-1].strip() for line in stacked.splitlines())


def test_an_event_gives_its_date_once(shipped: Dataset) -> None:
    for event in shipped.events:
        shown = drawn(event_detail(event, shipped, "en"), terminal(100)).splitlines()
        assert [line.split()[0] for line in shown[1:] if line.startswith(("Date", "Span"))] == [
            "Date"], event.id


def test_tag_labels_are_joined_alike_in_tables_lines_and_markdown(shipped: Dataset) -> None:
    clause = clause_detail(shipped.clauses[3], shipped, "en")
    joined = [", ".join(shipped.tag_label(tag, "en") for tag in provision.tags)
              for provision in shipped.clauses[3].provisions]
    both = next(text for text in joined if ", " in text)
    for fmt, env in (("table", terminal(1000)), ("table", Environment()),
                     ("markdown", Environment())):
        output = render(clause, fmt, env)
        assert isinstance(output, str) and both in output, (fmt, env)
