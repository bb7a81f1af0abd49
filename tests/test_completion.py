"""Shell completion: what accord offers, and that real bash, zsh and fish never run data text.

The shell tests drive the real shells with accord's own scripts (`_ACCORD_COMPLETE=source_*
accord`): an interactive zsh on a pseudo-terminal pressing TAB, bash calling the completion
function with COMP_WORDS/COMP_CWORD set, fish answering `complete -C`. One process per shell
runs every case, and the three run side by side (see `sessions`); zsh completes the first
cases through the autoloaded script (~/.zfunc/_accord), the others through a sourced one.
Hostile ids come through a stand-in `accord` (`shim/accord`) that gives one data file ids
the loader would refuse: completion must be safe even if such an id got through. Titles are
free text and come through the real loader. Every shell test also checks that no marker
file was created.

accordcli.shells is imported inside the tests that use it, so that this file can also be
run against an older accord (PYTHONPATH=old/src): every test here fails with Typer's scripts.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pty
import select
import shlex
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import SAMPLE, Run, clean_env

if TYPE_CHECKING:
    from typer._click import Command

    from accordcli.environment import Environment

BIN = Path(sys.executable).parent  # the venv's bin: `accord` and this python
ACCORD = str(BIN / "accord")
LIMIT = 100  # shells.DESCRIPTION_LIMIT, written out so old code can run this file

# Titles: (title, the one-line description accord means to show). {m} is the marker directory;
# every payload that ran would leave a file there.
TITLES: list[tuple[str, str]] = [
    ("Title $(touch {m}/t1)", "Title $(touch {m}/t1)"),
    ("Title \\$(touch {m}/t2)", "Title \\$(touch {m}/t2)"),  # Typer left \$( as $(
    ("Title `touch {m}/t3`", "Title `touch {m}/t3`"),
    ("Title \\`touch {m}/t4\\`", "Title \\`touch {m}/t4\\`"),
    ("x'$(touch {m}/t5)'x ''", "x'$(touch {m}/t5)'x ''"),  # breaks out of '...'
    ('x"$(touch {m}/t6)"x \\"', 'x"$(touch {m}/t6)"x \\"'),
    ("a; touch {m}/t7 | touch {m}/t8 && touch {m}/t9", "a; touch {m}/t7 | touch {m}/t8 && "
     "touch {m}/t9"),
    ("${(e):-$(touch {m}/t10)} ${HOME} $HOME $((1+1))", "${(e):-$(touch {m}/t10)} ${HOME} "
     "$HOME $((1+1))"),
    ("glob * /e* ~ ~root {a,b} ?", "glob * /e* ~ ~root {a,b} ?"),
    ("[bold]bold[/bold] [link=file:///etc/passwd]x[/link] :thumbs_up: [blink]",
     "[bold]bold[/bold] [link=file:///etc/passwd]x[/link] :thumbs_up: [blink]"),
    ("%F{red}red%f %B %(?.a.b) %n", "%F{red}red%f %B %(?.a.b) %n"),
    ("back\\slash \\[x] end\\", "back\\slash \\[x] end\\"),
    ("colon: a:b \\: ((x))", "colon: a:b \\: ((x))"),
    ("y" * 81, "y" * 81),  # Rich wrapped descriptions at 80 columns
    ("Long " + "x" * 120, "Long " + "x" * 120),  # cut to LIMIT by `shown`
    ("line one\nline two\r\nthree", "line one line two three"),
    ("tab\there\t\ttwice\t", "tab here twice"),
    ("esc \x1b[31mred\x1b[0m bell \x07 del", "esc \\x1b[31mred\\x1b[0m bell \\x07 del"),
    ("sep\u2028para\u2029end \x85nel", "sep para end nel"),
    ("bidi \u202eevil", "bidi \\u202eevil"),
    ("Görüşmeler İstanbul'da", "Görüşmeler İstanbul'da"),
]

# Markup Rich refuses to parse: Typer's completion crashed on these (in their own data file,
# so that the crash does not hide what the titles above do to the old scripts).
MARKUP_TITLES: list[tuple[str, str]] = [
    ("[/]", "[/]"),
    ("a [/bold] b", "a [/bold] b"),
    ("/[/=]", "/[/=]"),
    ("[//\\] [red]x", "[//\\] [red]x"),
]

# Ids the loader may refuse, given to completion anyway: each is offered exactly as it is.
HOSTILE_IDS = [
    "a$(touch {m}/i1)", "b\\$(>pwned-i2)", "c`touch {m}/i3`", "d\\`touch {m}/i4\\`",
    "e;touch {m}/i5", "f|touch {m}/i6", "g&&touch {m}/i7", "h>pwned-i8", "/e*", "*", "~",
    "~root", "{j,k}", "${HOME}", "$HOME", "it's", "q\"d", "sp ace", "-n", "--lang",
    "colon:id", "back\\slash", "[/]", "[bold]id", "%F{red}", "çekilme",
]
# Ids that cannot travel on one line as themselves: never offered.
UNOFFERABLE_IDS = ["tab\tid", "new\nline", "esc\x1b[31m", "bidi\u202eid", "cr\rid"]


def shown(description: str) -> str:
    """Cut a description as accord does: LIMIT characters at most, the last one "…"."""
    return description if len(description) <= LIMIT else (
        description[:LIMIT - 1].rstrip() + "…")


def toml_string(text: str) -> str:
    # A JSON string with ASCII escapes is a valid TOML basic string.
    return json.dumps(text)


def data_file(path: Path, events: list[tuple[str, str]]) -> Path:
    """Write a valid data file with these (id, title) events."""
    parts = ['[[sources]]\nid = "s"\ntitle = "S"\nurl = "https://example.org/"\n'
             'publisher = "P"\n',
             '[[actors]]\nid = "north"\nkind = "state"\nname = "North"\nrole = "R"\n'
             'sources = ["s"]\n']
    for event_id, title in events:
        parts.append(f"[[events]]\nid = {toml_string(event_id)}\ndate = \"1988\"\n"
                     f"title = {toml_string(title)}\nsummary = \"x\"\nsources = [\"s\"]\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


SHIM = """\
#!{python}
# accord itself, except that ids.toml gets ids the loader would refuse.
import dataclasses
from pathlib import Path

from accordcli import load

HOSTILE = {hostile!r}
_real = load.load


def _load(path=None, *args, **kwargs):
    dataset = _real(path, *args, **kwargs)
    if path is not None and Path(path).name == "ids.toml":
        events = tuple(dataclasses.replace(e, id=HOSTILE.get(e.id, e.id))
                       for e in dataset.events)
        dataset = dataclasses.replace(dataset, events=events)
    return dataset


load.load = _load
from accordcli.cli import main  # noqa: E402

main()
"""


@dataclass(frozen=True)
class World:
    """The files one run of the shells uses."""

    root: Path
    marks: Path  # payloads that ran would create files here...
    work: Path  # ...or here, the shells' working directory (relative redirections)
    titles: Path
    markup: Path
    ids: Path
    shim: Path
    home: Path
    titles_expected: list[tuple[str, str]] = field(default_factory=list)
    markup_expected: list[tuple[str, str]] = field(default_factory=list)
    ids_expected: list[tuple[str, str]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return clean_env(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                         HOME=str(self.home), ZDOTDIR=str(self.home),
                         XDG_CONFIG_HOME=str(self.home / ".config"),
                         XDG_DATA_HOME=str(self.home / ".local" / "share"),
                         ACCORD_CACHE_DIR=str(self.root / "cache"),
                         LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm")

    def expected(self, case: str) -> list[tuple[str, str]]:
        """The (value, description) pairs a case must offer."""
        return {"ids": self.ids_expected, "markup": self.markup_expected}.get(
            case, self.titles_expected)

    def nothing_ran(self) -> None:
        assert sorted(os.listdir(self.marks)) == [], "a payload ran"
        assert sorted(os.listdir(self.work)) == [], "a payload ran (in the working directory)"


def make_world(root: Path) -> World:
    marks, work, home, shim_dir = (root / "marks", root / "work", root / "home", root / "shim")
    for directory in (marks, work, home, shim_dir):
        directory.mkdir(parents=True)
    m = str(marks)
    titles = [(t.replace("{m}", m), shown(d.replace("{m}", m))) for t, d in TITLES]
    title_events = [(f"t{n:02}", title) for n, (title, _) in enumerate(titles)]
    hostile = [i.replace("{m}", m) for i in HOSTILE_IDS] + UNOFFERABLE_IDS
    stand_ins = {f"i{n:02}": hostile_id for n, hostile_id in enumerate(hostile)}
    shim = shim_dir / "accord"
    shim.write_text(SHIM.format(python=sys.executable, hostile=stand_ins), encoding="utf-8")
    shim.chmod(0o755)
    return World(
        root=root, marks=marks, work=work, home=home, shim=shim_dir,
        titles=data_file(root / "titles.toml", title_events),
        markup=data_file(root / "markup.toml",
                         [(f"m{n}", title) for n, (title, _) in enumerate(MARKUP_TITLES)]),
        markup_expected=[(f"m{n}", d) for n, (_, d) in enumerate(MARKUP_TITLES)],
        ids=data_file(root / "ids.toml", [(k, f"Event {k}") for k in stand_ins]),
        titles_expected=[(f"t{n:02}", d) for n, (_, d) in enumerate(titles)],
        ids_expected=[(hostile_id, f"Event {k}") for k, hostile_id in stand_ins.items()
                      if hostile_id not in UNOFFERABLE_IDS],
    )


# Driving the shells --------------------------------------------------------------------------

ZSH_SETUP = r"""
PS1='> '; LISTMAX=100000; unsetopt beep
# Installed as --install-completion does (the script in ~/.zfunc, autoloaded on the first
# TAB); the "ids" case sources it instead, as `source <(...)` in ~/.zshrc would.
mkdir -p ~/.zfunc && _ACCORD_COMPLETE=source_zsh accord > ~/.zfunc/_accord
fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit -u -D
# Record what completion adds: the words zsh keeps after its own matching (-O) and their
# display strings (-D), as NUL-separated M<match> and D<display> records.
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits __dscr; local __i=${@[(i)-d]} __h
  (( __i < $# )) && __dscr=("${(@P)${@[__i+1]}}")
  builtin compadd -O __hits -D __dscr "$@"
  for __h in "${__hits[@]}"; do print -rn -- "M$__h"$'\0' >> $OUT/capture; done
  for __h in "${__dscr[@]}"; do print -rn -- "D$__h"$'\0' >> $OUT/capture; done
  builtin compadd "$@"
}
# Ctrl-T (a key no other binding starts with): save the command line and what completion
# added, then clear the line.
__dump() {
  (( ++__n ))
  [[ -e $OUT/capture ]] && command mv $OUT/capture $OUT/capture.$__n
  print -rn -- "$BUFFER" > $OUT/tmp && command mv $OUT/tmp $OUT/buffer.$__n
  BUFFER=
}
zle -N __dump; bindkey '^T' __dump
: > $OUT/ready
"""


@dataclass(frozen=True)
class ZshCase:
    typed: str  # the command line before TAB
    before: str = ""  # a command to run first (export, path=...)


@dataclass(frozen=True)
class ZshResult:
    buffer: str  # the command line after TAB
    matches: list[str]
    displays: list[str]


def _wait_for(path: Path, fd: int, deadline: float) -> None:
    """Wait for `path`, reading the terminal meanwhile so the shell never blocks on it."""
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"zsh did not get to {path.name}")
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            with contextlib.suppress(OSError):
                os.read(fd, 65536)


def run_zsh(world: World, cases: list[ZshCase]) -> list[ZshResult]:
    """Type each case into an interactive zsh on a pseudo-terminal, press TAB, record."""
    out = world.root / "zsh"
    out.mkdir()
    env = world.env() | {"OUT": str(out)}
    pid, fd = pty.fork()
    if pid == 0:  # the child: a tall, wide terminal, so no listing asks "see all?"
        try:
            import fcntl
            import termios

            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 500, 300, 0, 0))
            os.chdir(world.work)
            os.execve(shutil.which("zsh") or "/usr/bin/zsh", ["zsh", "-f", "-i"], env)
        finally:
            os._exit(127)
    deadline = time.monotonic() + 30
    try:
        os.write(fd, ZSH_SETUP.encode())
        _wait_for(out / "ready", fd, deadline)
        for n, case in enumerate(cases, 1):
            if case.before:
                os.write(fd, f"{case.before}; : > $OUT/before.{n}\n".encode())
                _wait_for(out / f"before.{n}", fd, deadline)
            os.write(fd, case.typed.encode() + b"\t\x14")
            _wait_for(out / f"buffer.{n}", fd, deadline)
        os.write(fd, b"exit\n")
    finally:
        for _ in range(100):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                break
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
            time.sleep(0.01)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    results = []
    for n in range(1, len(cases) + 1):
        capture = out / f"capture.{n}"
        records = capture.read_bytes().decode().split("\0")[:-1] if capture.exists() else []
        results.append(ZshResult(
            buffer=(out / f"buffer.{n}").read_text(encoding="utf-8"),
            matches=[r[1:] for r in records if r.startswith("M")],
            displays=[r[1:] for r in records if r.startswith("D")]))
    return results


BASH_SCRIPT = r"""
source <(_ACCORD_COMPLETE=source_bash accord)
spec=$(complete -p accord); fn=${spec##*-F }; fn=${fn%% *}
case_() {  # case_ OUT WORD... : complete the last word, write COMPREPLY NUL-separated
  local out=$1; shift
  COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  "$fn" accord "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\0' "${COMPREPLY[@]}" > "$out"
}
"""


def bash_script(world: World, out: Path) -> str:
    q = shlex.quote
    lines = [
        f"case_ {out}/titles accord event --data {q(str(world.titles))} ''",
        f"ACCORD_DATA={q(str(world.titles))} case_ {out}/env accord event ''",
        f"PATH={q(str(world.shim))}:$PATH case_ {out}/ids accord event --data "
        f"{q(str(world.ids))} ''",
        f"case_ {out}/markup accord event --data {q(str(world.markup))} ''",
        f"case_ {out}/command accord ti",
        f"case_ {out}/lang accord timeline --lang = e",
        f"accord --show-completion > {out}/../shown; true",  # bash is accord's parent
    ]
    return BASH_SCRIPT + "\n".join(lines) + "\n"


def fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(world: World, out: Path) -> str:
    q = fish_quote
    return "\n".join([
        "_ACCORD_COMPLETE=source_fish accord | source",
        f"complete -C {q(f'accord event --data {world.titles} ')} > {out}/titles",
        f"set -gx ACCORD_DATA {q(str(world.titles))}",
        f"complete -C 'accord event ' > {out}/env",
        "set -e ACCORD_DATA",
        f"set -gx PATH {q(str(world.shim))} $PATH",
        f"complete -C {q(f'accord event --data {world.ids} ')} > {out}/ids",
        f"complete -C {q(f'accord event --data {world.markup} ')} > {out}/markup",
        f"complete -C 'accord ti' > {out}/command",
        f"complete -C 'accord timeline --lang=e' > {out}/lang",
        f"accord --show-completion > {out}/../shown",
        "",
    ])


@dataclass
class Sessions:
    world: World
    zsh: dict[str, ZshResult]
    bash: dict[str, list[str]]
    fish: dict[str, list[str]]
    shown: dict[str, str]  # what --show-completion printed, run from each shell


ZSH_CASES = {
    "titles": ZshCase("accord event --data {titles} "),
    "env": ZshCase("accord event ", before="export ACCORD_DATA={titles}"),
    "ids": ZshCase("accord event --data {ids} ", before="unset ACCORD_DATA; path=({shim} $path); "
                   "source <(_ACCORD_COMPLETE=source_zsh accord)"),
    "markup": ZshCase("accord event --data {markup} "),
    "insert-a": ZshCase("accord event --data {ids} a"),
    "insert-b": ZshCase("accord event --data {ids} b\\\\"),
    "command": ZshCase("accord ti", before="accord --show-completion > $OUT/shown"),
    "lang": ZshCase("accord timeline --lang=e"),
}


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sessions]:
    """Run every shell case once: bash and fish in the background while zsh is driven."""
    missing = [shell for shell in ("bash", "zsh", "fish") if shutil.which(shell) is None]
    if missing:
        pytest.fail(f"the completion tests need {', '.join(missing)} (CI installs them)")
    world = make_world(tmp_path_factory.mktemp("completion"))
    outs = {shell: world.root / shell / "out" for shell in ("bash", "fish")}
    for out in outs.values():
        out.mkdir(parents=True)
    background = {
        "bash": subprocess.Popen(["bash", "--norc", "--noprofile", "-c",
                                  bash_script(world, outs["bash"])], cwd=world.work,
                                 env=world.env(), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE),
        "fish": subprocess.Popen(["fish", "--no-config", "-c", fish_script(world, outs["fish"])],
                                 cwd=world.work, env=world.env(), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE),
    }
    names = {"titles": str(world.titles), "ids": str(world.ids), "shim": str(world.shim),
             "markup": str(world.markup)}
    cases = [ZshCase(c.typed.format(**names), c.before.format(**names))
             for c in ZSH_CASES.values()]
    zsh = dict(zip(ZSH_CASES, run_zsh(world, cases), strict=True))
    results: dict[str, dict[str, list[str]]] = {}
    for shell, process in background.items():
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode(errors="replace")
        results[shell] = {
            path.name: path.read_bytes().decode().split("\0" if shell == "bash" else "\n")[:-1]
            for path in outs[shell].iterdir()}
    printed = {shell: (world.root / shell / "shown").read_text(encoding="utf-8")
               for shell in ("bash", "zsh", "fish")}
    yield Sessions(world, zsh, results["bash"], results["fish"], printed)


def zsh_display(pairs: list[tuple[str, str]]) -> list[str]:
    """How accord's zsh script shows described values: padded value, " -- ", description."""
    width = max(len(value) for value, _ in pairs)
    return [f"{value.ljust(width)}  -- {description}" for value, description in pairs]


# zsh -------------------------------------------------------------------------------------------

def test_zsh_tab_runs_nothing_from_titles_or_ids(sessions: Sessions) -> None:
    sessions.world.nothing_ran()
    # The hostile cases did complete (a crash would also run nothing).
    for case in ("titles", "env", "markup", "ids"):
        assert sessions.zsh[case].matches, case


@pytest.mark.parametrize("case", ["titles", "env", "markup"])
def test_zsh_offers_each_title_as_one_plain_line(sessions: Sessions, case: str) -> None:
    expected = sessions.world.expected(case)
    result = sessions.zsh[case]
    assert sorted(zip(result.matches, result.displays, strict=True)) == sorted(
        zip([v for v, _ in expected], zsh_display(expected), strict=True))
    sessions.world.nothing_ran()


def test_zsh_offers_hostile_ids_exactly(sessions: Sessions) -> None:
    expected = sessions.world.ids_expected
    result = sessions.zsh["ids"]
    assert sorted(result.matches) == sorted(value for value, _ in expected)
    assert sorted(result.displays) == sorted(zsh_display(expected))
    sessions.world.nothing_ran()


@pytest.mark.parametrize(("case", "inserted"), [
    ("insert-a", "a$(touch {m}/i1)"), ("insert-b", "b\\$(>pwned-i2)")])
def test_zsh_inserts_a_hostile_id_quoted(sessions: Sessions, case: str, inserted: str) -> None:
    # The line TAB leaves is one word that the shell reads back as the id, unexpanded.
    buffer = sessions.zsh[case].buffer
    prefix = f"accord event --data {sessions.world.ids} "
    assert buffer.startswith(prefix)
    assert shlex.split(buffer[len(prefix):]) == [inserted.replace("{m}", str(sessions.world.marks))]
    sessions.world.nothing_ran()


def test_zsh_still_completes_commands_and_option_values(sessions: Sessions) -> None:
    assert sessions.zsh["command"].buffer == "accord timeline "
    assert sessions.zsh["lang"].buffer == "accord timeline --lang=en "


# bash ------------------------------------------------------------------------------------------

def bash_words(reply: list[str]) -> list[str]:
    """Read each COMPREPLY entry as the shell will once it is on the command line."""
    words = []
    for entry in reply:
        parsed = shlex.split(entry)
        assert len(parsed) == 1, entry
        words.append(parsed[0])
    return words


@pytest.mark.parametrize("case", ["titles", "env", "markup", "ids"])
def test_bash_offers_exactly_the_ids_unexpanded_and_quoted(sessions: Sessions,
                                                           case: str) -> None:
    world = sessions.world
    expected = world.expected(case)
    assert sorted(bash_words(sessions.bash[case])) == sorted(value for value, _ in expected)
    world.nothing_ran()


def test_bash_still_completes_commands_and_option_values(sessions: Sessions) -> None:
    assert sessions.bash["command"] == ["timeline"]
    assert sessions.bash["lang"] == ["en"]  # bash split `--lang=e`; it replaces only "e"


# fish ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["titles", "env", "markup", "ids"])
def test_fish_offers_each_value_and_description_exactly(sessions: Sessions, case: str) -> None:
    world = sessions.world
    expected = world.expected(case)
    assert sorted(sessions.fish[case]) == sorted(f"{v}\t{d}" for v, d in expected)
    world.nothing_ran()


def test_fish_still_completes_commands_and_option_values(sessions: Sessions) -> None:
    assert sessions.fish["command"] == ["timeline\tEvents in order, filtered by date, actor, "
                                        "tag, text."]
    assert sessions.fish["lang"] == ["--lang=en\tEnglish"]


# What accord offers (in-process) ---------------------------------------------------------------

@pytest.mark.parametrize(("title", "description"), TITLES + MARKUP_TITLES)
def test_a_description_is_one_line_of_plain_visible_text(title: str, description: str) -> None:
    from accordcli.shells import describe

    assert describe(title.replace("{m}", "/m")) == shown(description.replace("{m}", "/m"))


def test_only_values_that_travel_on_one_line_as_themselves_are_offered() -> None:
    from accordcli.shells import offerable

    assert all(offerable(value) for value in HOSTILE_IDS)
    assert not any(offerable(value) for value in [*UNOFFERABLE_IDS, ""])


def hostile_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[
        tuple[str, str]]]:
    """Make the loader give events with every hostile id and title; return the file and the
    (value, description) pairs completion must offer for them, in file order."""
    import dataclasses

    from accordcli import load

    m = str(tmp_path / "marks")
    ids = [i.replace("{m}", m) for i in HOSTILE_IDS] + UNOFFERABLE_IDS
    titles = [(t.replace("{m}", m), shown(d.replace("{m}", m)))
              for t, d in TITLES + MARKUP_TITLES]
    path = data_file(tmp_path / "hostile.toml",
                     [(f"e{n}", titles[n % len(titles)][0]) for n in range(len(ids))])
    real = load.load

    def with_hostile_ids(*args: object, **kwargs: object) -> object:
        dataset = real(*args, **kwargs)  # type: ignore[arg-type]
        events = tuple(dataclasses.replace(e, id=ids[int(e.id[1:])]) for e in dataset.events)
        return dataclasses.replace(dataset, events=events)

    monkeypatch.setattr(load, "load", with_hostile_ids)
    expected = [(event_id, titles[n % len(titles)][1]) for n, event_id in enumerate(ids)
                if event_id not in UNOFFERABLE_IDS]
    return path, expected


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_protocol_carries_hostile_ids_and_titles_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes],
        shell: str) -> None:
    from accordcli.shells import offers, respond

    path, expected = hostile_dataset(tmp_path, monkeypatch)
    words = ["event", "--data", str(path), ""]
    env = environment(words)
    assert [(o.value, o.description) for o in offers(accord_command(), words, shell, env)
            ] == expected
    assert respond(accord_command(), f"lines_{shell}", words, env) == 0
    lines = capsysbinary.readouterr().out.decode().split("\n")
    assert lines.pop() == ""  # every line ends in a newline
    assert [tuple(line.split("\t")) for line in lines] == expected  # one tab a line


@functools.cache
def accord_command() -> Command:
    """The whole app as a Click command, as cli.main builds it for completion (built once)."""
    from typer.main import get_command

    from accordcli.cli import app

    return get_command(app)


def environment(words: list[str]) -> Environment:
    """The environment main() builds to complete `words` in this process (with the
    variables a test set)."""
    from accordcli.environment import detect

    return detect(words, os.environ, None)


def offered(words: str, shell: str = "zsh") -> list[str]:
    """Return the protocol lines accord answers for the words typed after `accord `."""
    from accordcli.shells import offers

    typed = words.split(" ")
    return [o.line() for o in offers(accord_command(), typed, shell, environment(typed))]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("event tal", ["talks-open\tTalks open in İstanbul"]),
        ("actor e", ["envoy\tAda Envoy"]),
        ("timeline --actor no", ["north\tNorthland"]),
        ("timeline --tag mil", ["military\tMilitary"]),
        ("clauses ", ["1\tPeace", "2\tGuarantee", "peace\tPeace", "guarantee\tGuarantee"]),
        ("timeline --lang ", ["en\tEnglish", "tr\tTürkçe"]),
        ("timeline --lang=t", ["--lang=tr\tTürkçe"]),
        ("span treaty", ["treaty-signed\tTreaty signed"]),
        # Wherever a date is taken, an event id is too: --from, --to and on.
        ("timeline --from treaty", ["treaty-signed\tTreaty signed"]),
        ("chart --to wi", ["withdrawal\tWithdrawal"]),
        ("on leap", ["leap-day\tLeap-day meeting"]),
        ("span treaty-signed w", ["withdrawal\tWithdrawal"]),
        ("ti", ["timeline\tEvents in order, filtered by date, actor, tag, text."]),
        ("timeline --fr", ["--from\tEvents under way on or after a date (1978, 1978-04, "
                           "'27 Nisan 1978') or event id (its first day)."]),
        ("actors --kind p", ["person"]),
        ("source src-", ["src-a\tA test source", "src-b\tAnother test source"]),
        ("sources --for lea", ["leap-day\tLeap-day meeting", "league\tLeague of Lands"]),
        ("sources --for clause:g", ["clause:guarantee\tGuarantee"]),
        ("sources --format c", ["csv", "csl-json"]),
        ("timeline --format m", ["markdown"]),
        # Ids ignore case: what was typed is kept, the rest completed.
        ("actor ENV", ["ENVoy\tAda Envoy"]),
        ("timeline --tag MIL", ["MILitary\tMilitary"]),
        # A callback that prints or acts (--version, --install-completion) does not run.
        ("--version ev", ["event\tOne event in full, with its sources."]),
    ],
)
def test_completion_offers_commands_options_ids_and_values(
        monkeypatch: pytest.MonkeyPatch, words: str, expected: list[str]) -> None:
    monkeypatch.setenv("ACCORD_DATA", str(SAMPLE))
    assert offered(words) == expected


def test_completion_follows_lang_and_survives_a_broken_data_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_DATA", str(SAMPLE))
    monkeypatch.setenv("ACCORD_LANG", "tr")
    assert offered("event tal") == ["talks-open\tGörüşmeler İstanbul'da başlar"]
    broken = tmp_path / "broken.toml"
    broken.write_text("[[", encoding="utf-8")
    monkeypatch.setenv("ACCORD_DATA", str(broken))
    assert offered("event tal") == []
    assert offered(f"event --data {tmp_path}/missing.toml tal") == []


def test_completion_reads_a_data_path_as_typed_with_a_tilde(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copy(SAMPLE, tmp_path / "events.toml")
    assert offered("event --data ~/events.toml tal") == ["talks-open\tTalks open in İstanbul"]


@pytest.mark.parametrize(("words", "expected"), [
    # bash splits words at "=" and ":" and replaces only the last piece.
    ("timeline --lang = e", ["en\tEnglish"]),
    ("timeline --lang =", ["=en\tEnglish", "=tr\tTürkçe"]),
    ("timeline --lang = ", ["en\tEnglish", "tr\tTürkçe"]),
    # Words arrive as typed: bash's quoting is removed before matching.
    ("event 'tal", ["talks-open\tTalks open in İstanbul"]),
    ("event --data " + str(SAMPLE).replace("/", "\\/") + " tal",
     ["talks-open\tTalks open in İstanbul"]),
])
def test_bash_words_are_joined_and_unquoted(
        monkeypatch: pytest.MonkeyPatch, words: str, expected: list[str]) -> None:
    monkeypatch.setenv("ACCORD_DATA", str(SAMPLE))
    assert offered(words, "bash") == expected


def test_tab_after_install_completion_installs_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for shell in ("bash", "zsh", "fish"):
        offered("--install-completion ", shell)
        offered("--show-completion ", shell)
    assert list(tmp_path.iterdir()) == []


# The command: malformed requests, --show-completion, --install-completion ---------------------

MALFORMED: list[tuple[dict[str, str], list[str]]] = [
    # Typer's old scripts' requests (and their malformed forms): no offer, a hint on stderr.
    ({"_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": "accord ev", "COMP_CWORD": "abc"}, []),
    ({"_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": "accord ev"}, []),  # no COMP_CWORD
    ({"_ACCORD_COMPLETE": "complete_bash"}, []),
    ({"_ACCORD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "accord ev"}, []),
    ({"_ACCORD_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}, []),
    # Junk instructions.
    ({"_ACCORD_COMPLETE": "junk"}, []),
    ({"_ACCORD_COMPLETE": "lines_"}, ["ev"]),
    ({"_ACCORD_COMPLETE": "lines_tcsh"}, ["ev"]),
    ({"_ACCORD_COMPLETE": "source_powershell"}, []),
    ({"_ACCORD_COMPLETE": "\x1b[31m$(x)\n"}, []),
    # Good instructions, words that lead nowhere.
    ({"_ACCORD_COMPLETE": "lines_zsh"}, ["event", "--data", "{broken}", ""]),
    ({"_ACCORD_COMPLETE": "lines_zsh"}, ["event", "--data", "{tmp}", ""]),  # a directory
    ({"_ACCORD_COMPLETE": "lines_bash"}, ["event", "--data", "'", "\\", ""]),
    ({"_ACCORD_COMPLETE": "lines_fish"}, ["--limit", "abc", "--nope", "x"]),
]


@pytest.mark.parametrize(("env", "args"), MALFORMED)
def test_a_malformed_completion_request_offers_nothing_and_never_crashes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes], env: dict[str, str],
        args: list[str]) -> None:
    from accordcli.cli import main

    broken = tmp_path / "broken.toml"
    broken.write_text("[[", encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    argv = [a.replace("{broken}", str(broken)).replace("{tmp}", str(tmp_path)) for a in args]
    monkeypatch.setattr(sys, "argv", ["accord", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsysbinary.readouterr()
    assert exited.value.code in (0, 2)
    assert out == b""
    assert b"Traceback" not in err and b"internal error" not in err
    assert len(err.splitlines()) <= 1 and b"\x1b" not in err


def test_typer_style_bash_request_from_an_old_script_is_refused_cleanly() -> None:
    # The case from the issue, as a real process: it was exit 70 (int("abc")).
    result = subprocess.run([ACCORD], capture_output=True, env=clean_env(
        _ACCORD_COMPLETE="complete_bash", COMP_WORDS="accord ev", COMP_CWORD="abc"))
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode().startswith("accord: error: this shell completion script is "
                                             "from an older accord")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_and_install_completion_use_accords_scripts(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str) -> None:
    from accordcli import shells

    monkeypatch.setattr(shells, "detect_shell", lambda login_shell: shell)
    monkeypatch.setenv("HOME", str(tmp_path))
    script = (Path(shells.__file__).parent / f"accord.{shell}").read_text(
        encoding="utf-8")
    showing = run("--show-completion")
    assert (showing.exit_code, showing.stdout) == (0, script)
    installed = run("--install-completion")
    where = tmp_path / {"bash": ".bash_completions/accord.sh", "zsh": ".zfunc/_accord",
                        "fish": ".config/fish/completions/accord.fish"}[shell]
    assert (installed.exit_code, installed.stdout) == (0, (
        f"{shell} completion installed in {where}\n"
        "Completion will take effect once you restart the terminal\n"))
    assert where.read_text(encoding="utf-8") == script


def test_the_login_shell_is_the_guess_when_no_process_says(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham  # type: ignore[import-untyped]

    from accordcli import shells

    def no_process_tree() -> tuple[str, str]:
        raise shellingham.ShellDetectionFailure()

    monkeypatch.setattr(shellingham, "detect_shell", no_process_tree)
    assert shells.detect_shell("/usr/local/bin/Fish") == "fish"
    assert shells.detect_shell("") is None


def test_each_shell_is_detected_and_shown_its_script(sessions: Sessions) -> None:
    from accordcli import shells

    for shell, printed in sessions.shown.items():
        assert printed == (Path(shells.__file__).parent / f"accord.{shell}"
                         ).read_text(encoding="utf-8"), shell


def test_install_replaces_an_old_script_and_adds_its_line_once(tmp_path: Path) -> None:
    from accordcli.shells import install, script

    old = tmp_path / ".zfunc" / "_accord"
    old.parent.mkdir()
    old.write_text("#compdef accord\n_accord_completion() { eval $(accord) }\n")
    (tmp_path / ".zshrc").write_text("setopt autocd")  # no final newline
    for _ in range(2):
        for shell in ("bash", "zsh", "fish"):
            install(shell, tmp_path)
    assert old.read_text(encoding="utf-8") == script("zsh")
    assert (tmp_path / ".zshrc").read_text(encoding="utf-8") == (
        "setopt autocd\nfpath+=~/.zfunc; autoload -Uz compinit; compinit\n")
    assert (tmp_path / ".bashrc").read_text(encoding="utf-8") == (
        f"source '{tmp_path}/.bash_completions/accord.sh'\n")


@pytest.mark.parametrize("detected", ["pwsh", "powershell", "tcsh", None])
def test_completion_for_another_shell_is_a_usage_error(
        run: Run, monkeypatch: pytest.MonkeyPatch, detected: str | None) -> None:
    from accordcli import shells

    monkeypatch.setattr(shells, "detect_shell", lambda login_shell: detected)
    for option in ("--show-completion", "--install-completion"):
        result = run(option)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("accord: error: completion is for bash, zsh or fish,")
        assert len(result.stderr.splitlines()) == 1
