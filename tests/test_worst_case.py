"""Work that grows faster than its input: every command on the worst valid files under 1 MB.

The promise (README, "Exit codes and guarantees"): a data file under 1 MB costs at most
about a second, whatever it holds. Each file below is built to be the worst a command can
be given: texts at the loader's 20,000-character cap in the widest characters (CJK, emoji
sequences), the costliest to measure (combining marks) or shown as the longest escapes
(bidi controls), as many records as fit, names repeated by every record that refers to
them, and queries that say a word 60,000 times. The runs are in-process, bounded by a time
that scales with the machine's load (time_bound) and stopped there (deadline).

Most cases took seconds to minutes before issue #11 part 5; those marked "guard" were
already in proportion to the file, and are here so that every command and format stays so.
Below them, the fast versions are checked against the slow ones they replaced.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from accordcli.cli import app
from accordcli.environment import Colours, Environment
from accordcli.text import _fold_char, fold, fold_with_map
from conftest import SAMPLE, clean_env

MAX_BYTES = 1_000_000  # every file stays under 1 MB
CAP = 20_000  # the loader's limit on one text (load.MAX_TEXT_CHARS)

WIDE = "漢"  # two cells, three bytes
MARKED = "e\u0301"  # a letter and a combining mark: two characters, one cell
# Emoji that rich measures through its joiner and variation-selector rules.
EMOJI = "👩\u200d🔬❤\ufe0f"
BIDI = "\u202e"  # three bytes, shown as the six-cell escape \u202e


def fill(unit: str, size: int = CAP) -> str:
    """Return `unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _local(text: str) -> str:
    return "{ en = " + _s(text) + " }"


def _ids(ids: Iterable[str]) -> str:
    return "[" + ", ".join(_s(i) for i in ids) + "]"


def source(identifier: str, title: str = "s") -> str:
    return (f"[[sources]]\nid = {_s(identifier)}\ntitle = {_s(title)}\n"
            f'url = "https://example.org/{identifier}"\npublisher = "p"\n')


def tag(identifier: str, label: str = "t") -> str:
    return f"[[tags]]\nid = {_s(identifier)}\nlabel = {_local(label)}\n"


def actor(identifier: str, name: str = "n", role: str = "r") -> str:
    return (f"[[actors]]\nid = {_s(identifier)}\nkind = \"state\"\nname = {_local(name)}\n"
            f"role = {_local(role)}\nsources = [\"s\"]\n")


def event(identifier: str, title: str = "t", *, date: str = "1988-04-14", summary: str = "s",
          note: str | None = None, actors: Iterable[str] = (), tags: Iterable[str] = (),
          sources: Iterable[str] = ("s",)) -> str:
    return (f"[[events]]\nid = {_s(identifier)}\ndate = {_s(date)}\ntitle = {_local(title)}\n"
            f"summary = {_local(summary)}\n"
            + (f"note = {_local(note)}\n" if note is not None else "")
            + f"actors = {_ids(actors)}\ntags = {_ids(tags)}\nsources = {_ids(sources)}\n")


def clause(identifier: str, number: int, title: str = "t", *, parties: Iterable[str] = (),
           summary: str = "s") -> str:
    parties = list(parties)
    return (f"[[clauses]]\nid = {_s(identifier)}\nnumber = {number}\ntitle = {_local(title)}\n"
            f"full_title = {_local(title)}\nparties = {_ids(parties)}\n"
            f"signatories = {_ids(parties)}\nwitnesses = []\nsigned = \"1988-04-14\"\n"
            f"in_force = \"1988-05-15\"\nsummary = {_local(summary)}\nsources = [\"s\"]\n")


def up_to(head: str, records: Iterable[str], tail: str = "") -> str:
    """Return `head`, as many of `records` as keep the file under MAX_BYTES, and `tail`."""
    parts = [head]
    size = len(head.encode()) + len(tail.encode())
    for record in records:
        size += len(record.encode())
        if size >= MAX_BYTES:
            break
        parts.append(record)
    return "".join(parts) + tail


def provision(number: str, text: str = "p", tags: Iterable[str] = ()) -> str:
    """A provision of the clause written just before it."""
    return (f"[[clauses.provisions]]\nnumber = {_s(number)}\ntext = {_local(text)}\n"
            f"tags = {_ids(tags)}\n")


# --------------------------------------------------------------------------- the files


def long_texts() -> str:
    """Every kind of text at the cap, in wide, joined and combining characters: chart labels,
    table cells and detail fields as long and as costly to measure as they can be."""
    head = (source("s", fill(MARKED)) + source("s2", fill(EMOJI))
            + tag("t", fill(WIDE + MARKED)) + tag("t2", fill(EMOJI))
            + actor("a", fill(WIDE), fill(MARKED)) + actor("a2", fill(EMOJI + WIDE), fill(WIDE))
            + event("full", fill(WIDE), date="1978/1992~", summary=fill(MARKED),
                    note=fill(EMOJI + MARKED), actors=["a", "a2"], tags=["t", "t2"],
                    sources=["s", "s2"]))
    tail = (clause("c", 1, fill(WIDE), parties=["a", "a2"], summary=fill(MARKED))
            + provision("1", fill("word "), ["t", "t2"]) + provision("2", fill(WIDE), ["t"]))
    return up_to(head, (event(f"e{i}", fill(WIDE + MARKED), date=f"{1980 + i}?",
                              actors=["a"], tags=["t"]) for i in range(100)), tail)


def many_sources() -> str:
    """One event citing as many sources as fit, their titles at the cap in characters shown
    as six-cell escapes: its detail view holds a field of two megabytes."""
    sources = ["s", *(f"s{i}" for i in range(1, 16))]
    head = actor("a") + event("e", sources=sources)
    return up_to(head, (source(s, fill(BIDI)) for s in sources))


def repeated_words() -> str:
    """Titles at the cap made of one short word, a search for which highlights 6,666
    matches a title, and ending in another, which a search reads the whole title to find."""
    return up_to(source("s") + actor("a"),
                 (event(f"e{i}", fill("ab ", CAP - 2) + "yz") for i in range(1000)))


def many_events() -> str:
    """As many events as fit, all on one day, with one actor and one tag."""
    return up_to(source("s") + tag("t") + actor("a"),
                 (event(f"e{i}", actors=["a"], tags=["t"]) for i in range(100_000)))


def many_actors() -> str:
    """As many actors as fit, every one of them in the one event."""
    count = 9_400
    return up_to(source("s") + event("e", actors=[f"a{i}" for i in range(count)]),
                 (actor(f"a{i}") for i in range(count)))


def many_clauses() -> str:
    """As many clauses as fit, each naming as parties and signatories ten actors whose names
    are at the cap: a listing repeats every name in every clause."""
    parties = [f"a{i}" for i in range(10)]
    head = source("s") + "".join(actor(a, fill("n")) for a in parties) + event("e")
    return up_to(head, (clause(f"c{i}", i + 1, parties=parties) for i in range(100_000)))


def many_provisions() -> str:
    """One clause, its title at the cap, with as many provisions as fit, each tagged with a
    label at the cap: every provision's row and search hit repeats them."""
    head = source("s") + tag("t", fill("l")) + actor("a") + event("e") + clause("c", 1, fill("c"))
    return up_to(head, (provision(str(i), "p", ["t"]) for i in range(100_000)))


FILES = {
    "long": long_texts,
    "sources": many_sources,
    "words": repeated_words,
    "events": many_events,
    "actors": many_actors,
    "clauses": many_clauses,
    "provisions": many_provisions,
}


@pytest.fixture(scope="session")
def worst(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file above, written once a session, each under MAX_BYTES."""
    folder = tmp_path_factory.mktemp("worst")
    paths = {}
    for name, build in FILES.items():
        data = build().encode("utf-8")
        assert len(data) < MAX_BYTES, name
        paths[name] = folder / f"{name}.toml"
        paths[name].write_bytes(data)
        # Dated a minute back: a file just written may be read only once it settles.
        os.utime(paths[name], (time.time() - 60, time.time() - 60))
    return paths


FAST = 2.0  # seconds a worst-case file may cost on an idle machine (see time_bound)


@pytest.fixture(scope="session")
def time_bound(tmp_path_factory: pytest.TempPathFactory) -> float:
    """Return the seconds a worst-case file may cost: FAST, or ten plain starts of accord on
    a machine so loaded that FAST would be noise (as test_robustness.fast(), whose runs
    these in-process ones resemble). What these bounds catch cost seconds to minutes."""
    cache = tmp_path_factory.mktemp("bound-cache")
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "accordcli", "validate", str(SAMPLE)],
                   env=clean_env(ACCORD_CACHE_DIR=str(cache)), capture_output=True, check=True)
    return max(FAST, 10 * (time.monotonic() - start))


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the session: the first run on a file builds its index (within its
    bound, as a first run must be) and later runs read it."""
    return tmp_path_factory.mktemp("index")


class Overrun(BaseException):
    """The run took longer than its bound. A BaseException, so that nothing between here and
    the command catches it as an error of its own."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the block after `seconds`: the runs these tests catch took minutes."""
    def stop(signum: int, frame: object) -> None:
        raise Overrun(f"over {seconds:.1f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


TTY = {"FORCE_COLOR": "1"}  # a terminal with colours: the most work
QUERY = ["yz"] * 60_000  # one word said 60,000 times


def case(name: str, file: str, *args: str, **env: str) -> Any:
    return pytest.param(file, list(args), env, id=name)


NARROW = {"COLUMNS": "20", **TTY}  # the narrowest layout: the most lines for the same text

CASES = [
    # On a terminal, where Rich lays out tables, records and highlights.
    case("timeline-terminal", "events", "timeline", **NARROW),
    case("timeline-search-repeated-terminal", "words", "timeline", "--search",
         " ".join(QUERY[:20_000]), **TTY),
    case("event-terminal", "sources", "event", "e", **NARROW),
    case("clauses-terminal", "clauses", "clauses", **TTY),
    case("clauses-n-terminal", "provisions", "clauses", "1", **TTY),
    case("actors-terminal", "actors", "actors", **TTY),
    case("actor-terminal", "events", "actor", "a", **NARROW),
    case("search-highlights-terminal", "words", "search", "ab", **TTY),
    case("search-repeated-terminal", "words", "search", *QUERY, **TTY),
    case("on-terminal", "events", "on", "04-14", **NARROW),
    case("span-terminal", "events", "span", "e0", "e7000", **TTY),  # guard
    case("chart", "long", "chart"),
    case("chart-terminal", "long", "chart", **TTY),
    case("chart-repeated-words-terminal", "words", "chart", COLUMNS="200", **TTY),
    case("chart-widest-terminal", "long", "chart", COLUMNS="99999999", **TTY),
    # In a pipe: lines, Markdown and JSON.
    case("timeline-table", "events", "timeline"),  # guard
    case("timeline-json", "events", "timeline", "--json"),  # guard
    case("event-json", "sources", "event", "e", "--json"),  # guard
    case("clauses-table", "clauses", "clauses"),
    case("clauses-markdown", "clauses", "clauses", "--format", "markdown"),
    case("clauses-n-table", "provisions", "clauses", "1"),
    case("clauses-n-json", "provisions", "clauses", "1", "--json"),  # guard
    case("actors-table", "actors", "actors"),  # guard
    case("actor-json", "events", "actor", "a", "--json"),  # guard
    case("search-provisions-table", "provisions", "search", "p"),
    case("search-repeated-json", "words", "search", *QUERY, "--json"),
    case("span-json", "long", "span", "full", "e3", "--json"),  # guard
    case("validate", "events", "validate"),  # guard
]


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="deadline() needs SIGALRM")
@pytest.mark.parametrize(("file", "args", "env"), CASES)
def test_worst_file_under_1_mb_costs_about_a_second(
        worst: dict[str, Path], index_cache: Path, time_bound: float, file: str,
        args: list[str], env: dict[str, str]) -> None:
    data = ["--data", str(worst[file])] if args[0] != "validate" else [str(worst[file])]
    runner = CliRunner()
    start = time.monotonic()
    with deadline(time_bound):
        result = runner.invoke(app, [*args, *data],
                               env={"ACCORD_CACHE_DIR": str(index_cache), **env})
    seconds = time.monotonic() - start
    assert result.exit_code == 0, (result.output, result.exception)
    assert seconds < time_bound, f"{seconds:.2f} s"
    # Output in proportion too: names repeated per record once made 1 GB of a 1 MB file.
    assert len(result.stdout_bytes) < 10 * worst[file].stat().st_size


# --------------------------------------------------------------------------- same answers
# The linear versions must say exactly what the quadratic ones they replace said; these are
# those originals, kept as references.


def per_character_fold(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        if piece == " " and out and out[-1] == " ":
            continue
        out.extend(piece)
        origin.extend([index] * len(piece))
    return "".join(out), origin


# Characters whose widths rich measures by special rules, and ones that fold specially.
TRICKY = st.sampled_from(["a", " ", "  ", WIDE, "\u0301", "\u200d", "\ufe0f", "❤", "👩", "🔬",
                          "ß", "İ", "ı", "\u00ad", "\u200b", "\t", "\n", "ﬁ", "Ⅻ", "\x1b",
                          "\u202e", "…", "ab"])
TEXTS = st.lists(TRICKY, max_size=30).map("".join)


@given(TEXTS)
def test_fold_in_c_equals_folding_each_character(text: str) -> None:
    folded, origin = per_character_fold(text)
    assert fold_with_map(text) == (folded, origin)
    assert fold(text) == folded.strip()


def test_every_fold_that_holds_a_space_is_one_space_or_has_none_at_its_ends() -> None:
    """What lets fold() collapse spaces after translating rather than as pieces join. Only
    white space and characters with a decomposition can fold to a space."""
    chars = map(chr, range(sys.maxunicode + 1))
    for char in (c for c in chars if c.isspace() or unicodedata.decomposition(c)):
        piece = _fold_char(char)
        if " " in piece and piece != " ":
            assert piece.strip(" ") == piece and "  " not in piece, hex(ord(char))


@pytest.mark.parametrize("width", [12, 24, 80, 200])
@pytest.mark.parametrize("colours", ["standard", "truecolor", "256"])
def test_chart_styles_equal_what_rich_lays_out(width: int, colours: Colours) -> None:
    from accordcli.load import load
    from accordcli.render.chart import chart_lines
    from accordcli.render.terminal import _cropped, styled_lines

    env = Environment(terminal=True, width=width, colours=colours)
    dataset = load(None, use_cache=False)
    lines = chart_lines(list(dataset.events), dataset.clauses, width=width, lang="tr",
                        ascii_only=False)
    assert "\x1b[" in styled_lines(lines, env)
    assert styled_lines(lines, env) == _cropped(lines, env)
