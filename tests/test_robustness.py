"""The installed `accord` command under hostile conditions, run as a user would run it.

Every case starts the console script of this venv in a subprocess with a clean environment
and checks the exit code, stderr (one clear message, never a traceback or "Exception
ignored") and stdout (empty on failure, intact on success):

a. readers that close the pipe after one line (`| head -1`), with and without
   PYTHONUNBUFFERED, on a generated dataset whose output outgrows the pipe buffer;
b. a full disk (`> /dev/full`);
c. odd encodings, locales and terminals;
d. hostile or broken data files: exit 1 naming the file, within 2 s, file untouched;
e. bad command-line input: exit 2 (1 for unknown ids) and a one-line reason;
f. the data files of (d) run under a 1 GiB address-space limit (RLIMIT_AS, Linux).

A subprocess costs a tenth of a second or more, so there is one case per path the output
really takes, not one per command x format x environment: every command writes its output
with one `emit` (output.py), as bytes (json, ndjson, csv, timelinejs) or as text (lines,
markdown, a detail's lines, Rich on a terminal, the chart, validate's report), and every
error goes through `message`. The comments at each table say which variables reach which
path. Independent runs are started in parallel by module-scoped fixtures and checked one
per test. The cases under "bugs found" reproduced bugs that are fixed; they keep them fixed.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE, clean_env

ACCORD = Path(sys.executable).parent / "accord"
TIMEOUT = 10.0  # no case may hang the suite
FAST = 2.0  # wall-clock seconds a hostile data file may cost on an idle machine (see fast())
LINUX = sys.platform.startswith("linux")
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the hostile-data runs
HAS_DEV_FULL = Path("/dev/full").exists()
HAS_SHELL = shutil.which("bash") is not None and shutil.which("head") is not None

pytestmark = pytest.mark.skipif(not ACCORD.exists(), reason=f"{ACCORD} is not installed")


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Ran:
    """One finished run of the command."""

    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: str
    seconds: float

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def last_line(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


def capped(argv: list[str], limit: int = MEMORY_LIMIT) -> list[str]:
    """Return `argv` to run under an address-space limit of `limit` bytes (RLIMIT_AS).

    The shell's `ulimit -v` (KiB) sets it before exec: unlike a preexec_fn, that is safe to
    start from several threads at once (see parallel()).
    """
    return ["sh", "-c", f'ulimit -v {limit // 1024} && exec "$@"', "sh", *argv]


def accord(*args: str | Path, env: dict[str, str], limit_memory: bool = False,
           timeout: float = TIMEOUT, stdout: int | None = subprocess.PIPE,
           prefix: tuple[str, ...] = ()) -> Ran:
    """Run the installed command to completion (after `prefix`, a wrapper such as setpriv)."""
    words = tuple(map(str, args))
    argv = [*prefix, str(ACCORD), *words]
    if limit_memory and LINUX:
        argv = capped(argv)
    start = time.monotonic()
    done = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, env=env,
                          timeout=timeout, check=False)
    return Ran(words, done.returncode, done.stdout or b"",
               done.stderr.decode("utf-8", "replace"), time.monotonic() - start)


_EXCEPTION_NAME = re.compile(r"[A-Za-z]+(Error|Exception)\b")


def assert_no_crash(ran: Ran) -> None:
    """No traceback, no "Exception ignored", no internal error, no exception class names."""
    assert "Traceback" not in ran.stderr, ran.stderr
    assert "Exception ignored" not in ran.stderr, ran.stderr
    assert "internal error" not in ran.stderr, ran.stderr
    assert not _EXCEPTION_NAME.search(ran.stderr), ran.stderr


@lru_cache(maxsize=1)
def fast() -> float:
    """Return the seconds a hostile data file may cost: FAST, or ten plain runs on a machine
    so loaded that FAST would be noise. The failures these bounds catch cost minutes or a
    GiB (see failure-modes), not a slow start."""
    with tempfile.TemporaryDirectory() as cache:
        plain = accord("validate", SAMPLE, env=clean_env(ACCORD_CACHE_DIR=cache))
    return max(FAST, 10 * plain.seconds)


@lru_cache(maxsize=1)
def bytecode_cache() -> str:
    """Return a folder, removed at exit, for the bytecode of the runs below."""
    folder = tempfile.mkdtemp(prefix="accord-bytecode-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def environment(cache: Path, overrides: Mapping[str, str] = {}, *,
                unbuffered: bool | None = None, bytecode: bool = True) -> dict[str, str]:
    """clean_env(**overrides) with a private index cache; PYTHONUNBUFFERED set, unset or as
    inherited.

    With `bytecode`, the runs share compiled modules in a folder of their own, as an
    installed command has them: a PYTHONDONTWRITEBYTECODE inherited from CI would make each
    of some 200 runs compile accord's modules again, a third of what a run costs.
    """
    env = clean_env(ACCORD_CACHE_DIR=str(cache), **overrides)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_cache()
    if unbuffered is True:
        env["PYTHONUNBUFFERED"] = "1"
    elif unbuffered is False:
        env.pop("PYTHONUNBUFFERED", None)
    return env


def replaced(text: str, old: str, new: str) -> str:
    """str.replace that fails loudly if the sample no longer contains `old`."""
    assert old in text, f"sample.toml no longer contains {old!r}"
    return text.replace(old, new, 1)


def parallel(jobs: dict[Any, Callable[[], Any]]) -> dict[Any, Any]:
    """Run independent subprocess jobs on every CPU; each result is a value or its exception."""
    def attempt(job: Callable[[], Any]) -> Any:
        try:
            return job()
        except Exception as err:  # re-raised by the one test it belongs to
            return err

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        futures = {key: pool.submit(attempt, job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def result(results: dict[Any, Any], key: Any) -> Any:
    value = results[key]
    if isinstance(value, Exception):
        raise value
    return value


@dataclass(frozen=True)
class Call:
    """One run of the command in a fresh index cache, made by the `sample_runs` fixture."""

    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    unbuffered: bool | None = None
    full_disk: bool = False  # stdout is /dev/full


SAMPLE_CALLS: dict[Call, None] = {}  # every Call a test asks for, in the order first named


def sample_call(*args: str | Path, env: Mapping[str, str] = {},
                unbuffered: bool | None = None, full_disk: bool = False) -> Call:
    """Name a run of `accord ARGS` with `env` for `sample_runs`, which makes every named run
    at once: tests name theirs as the module is imported (in their parameters), and
    two tests that need the same run share it."""
    call = Call(tuple(map(str, args)), tuple(sorted(env.items())), unbuffered, full_disk)
    SAMPLE_CALLS.setdefault(call)
    return call


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[Call, Any]:
    """Every Call named by sample_call(), in parallel, each with its own empty cache."""
    def run(call: Call, cache: Path) -> Ran:
        env = environment(cache, dict(call.env), unbuffered=call.unbuffered)
        if not call.full_disk:
            return accord(*call.args, env=env)
        with open("/dev/full", "wb") as full:
            return accord(*call.args, env=env, stdout=full.fileno())

    return parallel({call: partial(run, call, tmp_path_factory.mktemp("cache"))
                     for call in SAMPLE_CALLS})


# --------------------------------------------------------------------------- a. pipes


EVENTS = 200  # each ~900 bytes as a line: 180 KB, above the 128 KB a pipe must outgrow


def write_big_dataset(path: Path) -> None:
    """A valid dataset whose outputs below are larger than a pipe buffer twice over.

    EVENTS events with long titles, all involving `envoy`. Few records with long texts make
    big outputs cheaply: on a terminal the titles wrap into many lines.
    """
    sample = SAMPLE.read_text(encoding="utf-8")
    head = sample[:sample.index("[[events]]")]
    filler = "The delegations met again and exchanged drafts; nothing was agreed. "
    parts = [head]
    for i in range(EVENTS):
        parts.append(
            f'[[events]]\nid = "ev-{i:05d}"\n'
            f'date = "{1900 + i % 100}-{1 + i % 12:02d}-{1 + i % 28:02d}"\n'
            f'title = {{ en = "Event {i}: {"a meeting of the delegations " * 30}", '
            f'tr = "Olay {i}: {"heyetlerin görüşmesi " * 3}" }}\n'
            f'summary = {{ en = "{filler * 4}", tr = "Heyetler yeniden görüştü; anlaşma yok." }}\n'
            f'actors = ["north", "envoy"]\ntags = ["diplomacy"]\nsources = ["src-a"]\n\n')
    parts.append(
        '[[clauses]]\nid = "peace"\nnumber = 1\ntitle = { en = "Peace", tr = "Barış" }\n'
        'parties = ["north", "south"]\nsignatories = ["envoy"]\nsigned = "1988-04-14"\n'
        'summary = { en = "The parties make peace.", tr = "Taraflar barış yapar." }\n'
        'sources = ["src-a"]\n\n')
    path.write_text("".join(parts), encoding="utf-8")


PIPE_BUFFER = 64 * 1024  # Linux; macOS uses 16 KiB to 64 KiB
BUFFERING = {"unbuffered": True, "buffered": False}


@dataclass(frozen=True)
class PipeCase:
    """A command whose stdout goes to a reader that reads one line (at most READ_LIMIT
    bytes: JSON in a pipe is one long line) and closes the pipe."""

    args: tuple[str, ...]  # without --data
    env: tuple[tuple[str, str], ...] = ()
    must_break: bool = True  # the output outlasts the pipe buffer, so the pipe really breaks


RICH = (("TTY_COMPATIBLE", "1"), ("NO_COLOR", "1"))  # the Rich output a terminal gets
# One case per way output reaches the pipe, each with and without PYTHONUNBUFFERED. Every
# command ends in one emit() of its whole output: bytes go to the binary buffer (json,
# ndjson, csv, timelinejs), text through the text layer (lines, markdown, Rich, the chart);
# how the closed pipe shows up differs by that, by buffering, by the size (validate's one
# line fits the buffers), and by how much the reader leaves unread (one long JSON line, or
# many lines). Which command or format makes the bytes or the text does not reach emit():
# each path runs once, for a listing and for a detail where both exist.
PIPE_CASES = {
    "timeline-table": PipeCase(("timeline",)),  # text: a line per record
    "timeline-json": PipeCase(("timeline", "--format", "json")),  # bytes: one long line
    "actor-table": PipeCase(("actor", "envoy")),  # text: a detail's lines, with a listing
    "actor-csv": PipeCase(("actor", "envoy", "--format", "csv")),  # bytes: many lines
    "timeline-rich-table": PipeCase(("timeline",), RICH),  # text: a Rich table
    "actor-rich-table": PipeCase(("actor", "envoy"), RICH),  # text: a Rich detail and table
    # The chart's plain lines, as wide as COLUMNS (at most 1000): from 1500 on, the events
    # of 1900-1999 are marked near the right end of each line.
    "chart": PipeCase(("chart", "--lang", "tr", "--from", "1500"), (("COLUMNS", "1000"),)),
    # validate prints one line: its pipe never breaks, but it must still end cleanly.
    "validate": PipeCase(("validate",), must_break=False),
}
READ_LIMIT = 4096


def first_line_then_close(argv: list[str], env: dict[str, str]) -> tuple[bytes, int, str]:
    """Read one line (at most READ_LIMIT bytes) of the command's stdout, close the pipe, and
    wait for the exit code."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        try:
            assert process.stdout is not None
            line = process.stdout.readline(READ_LIMIT)
            process.stdout.close()
            code = process.wait(timeout=TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return line, code, stderr


def shell_pipe_into_head(big: Path, json_flag: bool,
                         env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """`accord timeline | head -1`, or `accord timeline --json | head -c 4096`, in bash with
    pipefail, exiting with accord's own status."""
    head = "head -c 4096" if json_flag else "head -1"
    script = f'set -o pipefail; "$@" | {head}; exit "${{PIPESTATUS[0]}}"'
    argv = [str(ACCORD), "timeline", "--data", str(big), *(["--json"] if json_flag else [])]
    return subprocess.run(["bash", "-c", script, "bash", *argv], capture_output=True,
                          env=env, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.toml"
    write_big_dataset(path)
    return path


@pytest.fixture(scope="module")
def pipe_runs(big: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every pipe case, run in parallel once per module: the whole output of an undisturbed
    run (the reference), then the first line a closing reader got, with either buffering;
    and the shell pipelines into head."""
    cache = tmp_path_factory.mktemp("big-cache")

    def argv(case: PipeCase) -> list[str]:
        data = [str(big)] if case.args[0] == "validate" else ["--data", str(big)]
        return [str(ACCORD), *case.args, *data]

    def env(case: PipeCase, unbuffered: bool) -> dict[str, str]:
        return environment(cache, dict(case.env), unbuffered=unbuffered)

    accord("timeline", "--data", big, env=environment(cache))  # build the index once
    jobs: dict[str, Callable[[], Any]] = {}
    for name, case in PIPE_CASES.items():
        jobs[f"{name}/reference"] = partial(accord, *argv(case)[1:], env=env(case, False))
        for buffering, unbuffered in BUFFERING.items():
            jobs[f"{name}/{buffering}"] = partial(first_line_then_close, argv(case),
                                                  env(case, unbuffered))
    if HAS_SHELL:
        for json_flag in (True, False):
            for buffering, unbuffered in BUFFERING.items():
                jobs[f"shell/{json_flag}/{buffering}"] = partial(
                    shell_pipe_into_head, big, json_flag,
                    environment(cache, unbuffered=unbuffered))
    return parallel(jobs)


@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("name", list(PIPE_CASES))
def test_reader_that_closes_after_one_line(pipe_runs: dict[str, Any], name: str,
                                           buffering: str) -> None:
    """`accord ... | head -1`: the first line is right, exit 0, nothing on stderr."""
    case = PIPE_CASES[name]
    whole: Ran = result(pipe_runs, f"{name}/reference")
    assert whole.code == 0 and whole.stderr == "", whole.stderr
    first = whole.stdout.splitlines(keepends=True)[0][:READ_LIMIT]
    if case.must_break:
        # More than the pipe and the reader's 8 KiB buffer can hold must follow the first
        # line, or the pipe would never break.
        rest = len(whole.stdout) - len(first)
        assert rest > 2 * PIPE_BUFFER, f"only {rest} bytes follow the first line"
    line, code, stderr = result(pipe_runs, f"{name}/{buffering}")
    assert stderr == ""
    assert code == 0  # a reader that leaves is a graceful end (see cli.main)
    assert line == first


@pytest.mark.skipif(not HAS_SHELL, reason="needs bash and head")
@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("json_flag", [True, False], ids=["json", "table"])
def test_shell_pipe_into_head(pipe_runs: dict[str, Any], json_flag: bool,
                              buffering: str) -> None:
    """`accord timeline | head -1` and `accord timeline --json | head -c 4096` (JSON in a pipe
    is one line) in bash with pipefail: accord's own status is 0."""
    done: subprocess.CompletedProcess[bytes] = result(pipe_runs,
                                                      f"shell/{json_flag}/{buffering}")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    reference: Ran = result(pipe_runs, f"timeline-{'json' if json_flag else 'table'}/reference")
    if json_flag:
        assert len(reference.stdout) > 2 * PIPE_BUFFER + 4096  # so the pipe really breaks
        assert done.stdout == reference.stdout[:4096]
        assert done.stdout.startswith(b'[{"id":"ev-00000",')
    else:
        assert done.stdout == reference.stdout.splitlines(keepends=True)[0]
        assert done.stdout.startswith(b"1900-01-01\tev-00000\tEvent 0: a meeting")


# --------------------------------------------------------------------------- b. full disk


FULL_DISK = {(args, buffering): sample_call(*args, "--data", SAMPLE, unbuffered=unbuffered,
                                            full_disk=True)
             for args in [("timeline",), ("timeline", "--json")]
             for buffering, unbuffered in BUFFERING.items() if HAS_DEV_FULL}


# A full disk fails emit()'s write or its flush: bytes (json) and text (the table, and just
# the same a detail or validate's report) each with either buffering.
@pytest.mark.skipif(not HAS_DEV_FULL, reason="no /dev/full on this system")
@pytest.mark.parametrize("buffering", list(BUFFERING))
@pytest.mark.parametrize("args", [["timeline"], ["timeline", "--json"]], ids=["table", "json"])
def test_full_disk_is_one_line_and_exit_1(sample_runs: dict[Call, Any], args: list[str],
                                          buffering: str) -> None:
    ran: Ran = result(sample_runs, FULL_DISK[(tuple(args), buffering)])
    assert ran.code == 1
    assert ran.stderr.count("\n") == 1, ran.stderr
    assert "No space left on device" in ran.stderr
    assert ran.stderr.startswith("accord: error: cannot write output:")
    assert_no_crash(ran)


# --------------------------------------------------------------------------- c. encodings

ENVIRONMENTS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "c-locale": {"LC_ALL": "C"},
    "dumb": {"TERM": "dumb"},
    "no-color": {"NO_COLOR": "1"},
    "force-color": {"FORCE_COLOR": "1"},
    "narrow": {"COLUMNS": "20"},
    "wide": {"COLUMNS": "500"},
}
TTY = {"pipe": {}, "tty-compatible": {"TTY_COMPATIBLE": "1"}}
TEXT_COMMANDS = {
    "json": ["timeline", "--json"],
    "table": ["timeline"],
    "event": ["event", "talks-open"],
    "markdown": ["timeline", "--format", "markdown"],
    "csv": ["timeline", "--format", "csv"],
    "error": ["event", "çekilmeler"],
}
# Which variables reach which output (output.py, render/): whether stdout is a terminal
# (TTY_COMPATIBLE, FORCE_COLOR) picks Rich or plain text; the encodings (PYTHONIOENCODING,
# the C locale) reach every text stream; TERM, NO_COLOR and COLUMNS reach only Rich (and the
# chart). So each output runs in the environments that reach it:
ENCODINGS = ["ascii", "cp1252", "c-locale"]
EVERYWHERE = [(name, tty) for name in ENVIRONMENTS for tty in TTY]
# A listing's or a detail's lines in a pipe: the encodings; FORCE_COLOR, which makes the pipe
# a terminal (Rich); and one of the variables that only Rich reads, which must not matter.
# On a terminal, Rich: every variable.
PLAIN_OR_RICH = [*((name, "pipe") for name in [*ENCODINGS, "force-color", "narrow"]),
                 *((name, "tty-compatible") for name in ENVIRONMENTS)]
ENCODING_CASES: dict[str, list[tuple[str, str]]] = {
    # JSON is bytes that must not depend on anything but a terminal: every environment.
    "json": EVERYWHERE,
    "table": PLAIN_OR_RICH,
    "event": PLAIN_OR_RICH,
    # Markdown is text that nothing but the encoding changes (render() returns it before it
    # looks at the terminal): the encodings, and once on a terminal.
    "markdown": [*((name, "pipe") for name in ENCODINGS), ("ascii", "tty-compatible")],
    # CSV is bytes, written as JSON is (all environments above): one run each way.
    "csv": [("ascii", "pipe"), ("cp1252", "tty-compatible")],
    # An error is a line on stderr, which only the encoding changes: the encodings, and once
    # on a colourful terminal.
    "error": [*((name, "pipe") for name in ENCODINGS), ("force-color", "tty-compatible")],
}


@pytest.fixture(scope="module")
def encoding_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case of ENCODING_CASES in --lang tr, in parallel."""
    cache = tmp_path_factory.mktemp("cache")
    jobs: dict[str, Callable[[], Any]] = {
        "baseline": partial(accord, "timeline", "--json", "--lang", "tr", "--data", SAMPLE,
                            env=environment(cache)),
        "terminal-baseline": partial(accord, "timeline", "--json", "--lang", "tr", "--data",
                                     SAMPLE, env=environment(cache, {"TTY_COMPATIBLE": "1"})),
    }
    for command, cases in ENCODING_CASES.items():
        for name, tty in cases:
            jobs[f"{command}/{name}/{tty}"] = partial(
                accord, *TEXT_COMMANDS[command], "--lang", "tr", "--data", SAMPLE,
                env=environment(cache, {**ENVIRONMENTS[name], **TTY[tty]}))
    return parallel(jobs)


def _encoding_params(commands: list[str]) -> list[Any]:
    return [pytest.param(command, name, tty, id=f"{command}-{name}-{tty}")
            for command in commands for name, tty in ENCODING_CASES[command]]


@pytest.mark.parametrize(("command", "name", "tty"), _encoding_params(["json"]))
def test_json_is_the_same_bytes_everywhere(encoding_runs: dict[str, Any], command: str,
                                           name: str, tty: str) -> None:
    baseline: Ran = result(encoding_runs, "baseline")
    assert baseline.code == 0 and baseline.stderr == ""
    ran: Ran = result(encoding_runs, f"{command}/{name}/{tty}")
    assert ran.code == 0, ran.stderr
    assert ran.stderr == ""
    # Bytes depend only on whether stdout counts as a terminal (indented for a person,
    # compact in a pipe), never on the locale, the encoding, colour or the width.
    terminal = tty == "tty-compatible" or name == "force-color"
    if terminal:
        assert ran.stdout.startswith(b"[\n  {\n")
        assert json.loads(ran.stdout) == json.loads(baseline.stdout)
        assert ran.stdout == result(encoding_runs, "terminal-baseline").stdout
    else:
        assert ran.stdout == baseline.stdout
    assert b"\x1b" not in ran.stdout
    assert json.loads(ran.stdout)[0]["title"] == "Sınır savaşı"


@pytest.mark.parametrize(("command", "name", "tty"),
                         _encoding_params(["table", "event", "markdown", "csv"]))
def test_turkish_text_prints_or_is_escaped(encoding_runs: dict[str, Any], command: str,
                                           name: str, tty: str) -> None:
    ran: Ran = result(encoding_runs, f"{command}/{name}/{tty}")
    assert ran.code == 0, ran.stderr
    assert ran.stderr == ""
    assert_no_crash(ran)
    # Dotless ı is in neither ASCII nor cp1252: it is printed, or visibly escaped.
    assert "ı".encode() in ran.stdout or b"\\u0131" in ran.stdout, ran.stdout[:400]
    colourless = name in ("no-color", "dumb") or (tty == "pipe" and name != "force-color")
    if colourless:
        assert b"\x1b" not in ran.stdout


@pytest.mark.parametrize(("command", "name", "tty"), _encoding_params(["error"]))
def test_error_messages_survive_every_encoding(encoding_runs: dict[str, Any], command: str,
                                               name: str, tty: str) -> None:
    ran: Ran = result(encoding_runs, f"{command}/{name}/{tty}")
    assert ran.code == 1
    assert ran.stdout == b""
    assert ran.stderr.count("\n") == 1
    # The run asks for Turkish: the error is Turkish, in any encoding.
    assert ran.last_line.startswith("accord: hata: ")
    assert ran.last_line.endswith(" kimlikli olay yok")
    assert "ekilmeler" in ran.last_line  # ç printed, or escaped as \xe7
    assert_no_crash(ran)


def _narrow_terminal(width: str) -> dict[str, Call]:
    terminal = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": width}
    return {command: sample_call(command, "--data", SAMPLE, env=terminal)
            for command in ("actors", "timeline")}


NARROW_TERMINAL = {width: _narrow_terminal(width) for width in ["40", "50", "60"]}


@pytest.mark.parametrize("width", list(NARROW_TERMINAL))
def test_narrow_terminal_keeps_every_column_and_whole_values(
        sample_runs: dict[Call, Any], width: str) -> None:
    actors: Ran = result(sample_runs, NARROW_TERMINAL[width]["actors"])
    timeline: Ran = result(sample_runs, NARROW_TERMINAL[width]["timeline"])
    assert actors.code == timeline.code == 0
    for whole in ("Northland", "Southland", "League", "1979-12-24", "1989-02-15", "1982-06",
                  "organisation"):
        assert whole in actors.out, actors.out
    for whole in ("Border", "Leap-day", "Withdrawal", "1988-02-29", "treaty-signed"):
        assert whole in timeline.out, timeline.out


# --------------------------------------------------------------------------- d. data files


def _sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _write(tmp: Path, name: str, content: str | bytes) -> Path:
    path = tmp / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _leap_day(old: str, new: str) -> Callable[[Path], Path]:
    """A sample whose leap-day event has `old` replaced by `new`."""
    def build(tmp: Path) -> Path:
        text = _sample()
        start = text.index('id = "leap-day"')
        end = text.index("[[events]]", start)
        return _write(tmp, "events.toml",
                      text[:start] + replaced(text[start:end], old, new) + text[end:])
    return build


def _directory(tmp: Path) -> Path:
    path = tmp / "a-directory.toml"
    path.mkdir()
    return path


LEAP = "events[2] (id 'leap-day')"
# (builder, exit code, the message after "accord: error: FILE: ", or None for success)
DATA_CASES: dict[str, tuple[Callable[[Path], Path], int, str | None]] = {
    "invalid-toml": (lambda t: _write(t, "bad.toml", '[dataset]\ntitle = "x"\nbad = = 1\n'),
                     1, ":3:7: invalid TOML: Invalid value"),
    "byte-order-mark": (lambda t: _write(t, "bom.toml", b"\xef\xbb\xbf" + SAMPLE.read_bytes()),
                        0, None),
    "latin-1": (lambda t: _write(t, "latin1.toml", _sample().encode("utf-8").replace(
        "Örnek".encode(), "Örnek".encode("latin-1"))), 1, ":3: not valid UTF-8"),
    "utf-16": (lambda t: _write(t, "utf16.toml", _sample().encode("utf-16")),
               1, "is UTF-16; save it as UTF-8"),
    "utf-16-without-bom": (lambda t: _write(t, "utf16le.toml", _sample().encode("utf-16-le")),
                           1, ":3: not valid UTF-8"),
    "empty": (lambda t: _write(t, "empty.toml", b""), 1, "is empty"),
    "blank": (lambda t: _write(t, "blank.toml", b" \n\t\n"), 1, "is empty"),
    "directory": (_directory, 1, "is a directory, not a TOML file"),
    "missing": (lambda t: t / "missing.toml", 1, "no such file"),
    "nested-inline-tables": (lambda t: _write(
        t, "nested.toml", "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n"),
        1, "invalid TOML: keys or tables nested too deeply"),
    "nested-arrays": (lambda t: _write(t, "arrays.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n"),
                      1, "invalid TOML: keys or tables nested too deeply"),
    "dotted-keys-200kb": (lambda t: _write(t, "dotted.toml", "a" + ".a" * 100_000 + " = 1\n"),
                          1, ":1: a table or key with more than 8 dotted parts"),
    # Unclosed quotes by the thousand before a deep key: the scan for strings that tells
    # prose from keys must not retry each one (it took 25-33 s when it did).
    "unclosed-quotes-then-deep-key": (lambda t: _write(
        t, "quotes.toml", "x = 1\n" + '"\\' * 40_000 + "\na.b.c.d.e.f.g.h.i.j = 1\n"),
        1, ":3: a table or key with more than 8 dotted parts"),
    "unclosed-multiline-strings-then-deep-key": (lambda t: _write(
        t, "multiline.toml", '\\"""\n' * 20_000 + "a.b.c.d.e.f.g.h.i.j = 1\n"),
        1, ":1:1: invalid TOML: Invalid statement"),
    "multi-megabyte-string": (lambda t: _write(t, "big-string.toml", replaced(
        _sample(), '"Indirect talks [sic] begin."', '"' + "x" * 5_000_000 + '"')),
        1, "events[1] (id 'talks-open').summary.en: longer than 20000 characters"),
    "date-is-an-integer": (_leap_day('date = "1988-02-29"', "date = 1988"),
                           1, f'{LEAP}.date: expected a date string such as "1988-04-14", '
                              "got an integer (1988)"),
    "date-is-a-toml-date": (_leap_day('date = "1988-02-29"', "date = 1988-02-29"),
                            1, f"{LEAP}.date: write dates as strings"),
    "title-is-a-boolean": (_leap_day(
        'title = { en = "Leap-day meeting", tr = "Artık gün toplantısı" }', "title = true"),
        1, f"{LEAP}.title: expected a text"),
    "actors-is-a-string": (_leap_day('actors = ["envoy"]', 'actors = "ussr"'),
                           1, f"{LEAP}.actors: expected a list of ids, got a string"),
    "dangling-actor": (_leap_day('actors = ["envoy"]', 'actors = ["nobody"]'),
                       1, f"{LEAP}.actors[0]: unknown actor 'nobody'"),
    "dangling-source": (_leap_day('sources = ["src-b"]', 'sources = ["src-c"]'),
                        1, f"{LEAP}.sources[0]: unknown source 'src-c' (did you mean"),
    "duplicate-id": (_leap_day('id = "leap-day"', 'id = "talks-open"'),
                     1, "events[2] (id 'talks-open').id: duplicate id, first used by events[1]"),
    "duplicate-id-after-nfc": (lambda t: _write(t, "nfc.toml", replaced(replaced(
        _sample(), 'id = "leap-day"', 'id = "gar\u00e7on"'),
        'id = "rumour"', 'id = "garc\u0327on"')),
        1, "events[5] (id 'garc\\u0327on').id: duplicate id: equal to 'gar\\xe7on' of events[2]"),
    "day-30-of-february": (_leap_day('date = "1988-02-29"', 'date = "1988-02-30"'),
                           1, f"{LEAP}.date: '1988-02-30': February 1988 has no day 30"),
    "year-0000": (_leap_day('date = "1988-02-29"', 'date = "0000"'),
                  1, f"{LEAP}.date: '0000': year 0000 is not supported"),
    "year-99999": (_leap_day('date = "1988-02-29"', 'date = "99999"'),
                   1, f"{LEAP}.date: '99999' is not a date"),
    "month-13": (_leap_day('date = "1988-02-29"', 'date = "1988-13"'),
                 1, f"{LEAP}.date: '1988-13': month 13 does not exist"),
    "interval-backwards": (_leap_day('date = "1988-02-29"', 'date = "1989-01-01/1988-01-01"'),
                           1, f"{LEAP}.date: '1989-01-01/1988-01-01': the interval ends "
                              "before it starts"),
}


def _fingerprint(path: Path) -> tuple[bytes, int] | None:
    if not path.is_file():
        return None
    return path.read_bytes(), path.stat().st_mtime_ns


# validate reads, decodes, parses and checks the file itself (load.load without the cache).
# timeline first looks for an index of the file (cache.py: by its status, then by its
# bytes) and then does the same, so for a file that fails its path is validate's with the
# cache in front, and it writes the cache besides: every case runs with timeline. validate
# runs once per stage a file can fail at (opening and reading, decoding, the scan for deep
# keys, parsing, the checks), and with the one file that loads, where its report differs.
VALIDATED = ["byte-order-mark", "missing", "latin-1", "dotted-keys-200kb", "invalid-toml",
             "dangling-actor"]
DATA_RUNS = [*((case, "timeline") for case in DATA_CASES),
             *((case, "validate") for case in VALIDATED)]


@dataclass(frozen=True)
class DataRun:
    """A data file, its fingerprint before the run, and the run (or how it failed)."""

    path: Path
    before: tuple[bytes, int] | None
    outcome: Ran | Exception

    @property
    def ran(self) -> Ran:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def _data_args(command: str, path: Path) -> list[str | Path]:
    return ["timeline", "--data", path] if command == "timeline" else ["validate", path]


@pytest.fixture(scope="module")
def data_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DataRun]:
    """Every data file of DATA_RUNS and of two bugs found below, each written in a folder
    of its own (with its cache), then run in parallel."""
    limit = fast()  # measured before the runs below share the CPUs
    files: dict[str, tuple[Path, tuple[bytes, int] | None]] = {}
    jobs: dict[str, Callable[[], Any]] = {}

    def add(key: str, build: Callable[[Path], Path], args: Callable[[Path], list[str | Path]],
            **options: Any) -> None:
        folder = tmp_path_factory.mktemp("data")
        path = build(folder)
        files[key] = (path, _fingerprint(path))
        jobs[key] = partial(accord, *args(path), env=environment(folder / "cache"), **options)

    if LINUX:
        add("deep-table-headers", _deep_table_headers, lambda p: ["validate", p],
            limit_memory=True, timeout=limit)
        add("deep-inline-keys", _deep_inline_keys, lambda p: ["validate", p],
            limit_memory=True, timeout=limit)
    for case, command in DATA_RUNS:
        add(f"{case}/{command}", DATA_CASES[case][0], partial(_data_args, command),
            limit_memory=True)
    outcomes = parallel(jobs)
    return {key: DataRun(*files[key], outcomes[key]) for key in jobs}


@pytest.mark.parametrize(("case", "command"), DATA_RUNS,
                         ids=[f"{case}-{command}" for case, command in DATA_RUNS])
def test_broken_data_file(data_runs: dict[str, DataRun], case: str, command: str) -> None:
    """d + f. Exit 1 naming the file, within 2 s, in 1 GiB of address space (on Linux),
    and the data file unchanged."""
    _, code, problem = DATA_CASES[case]
    run = data_runs[f"{case}/{command}"]
    path, ran = run.path, run.ran
    assert ran.seconds < fast(), f"{case}: {ran.seconds:.2f} s"
    assert ran.code == code, ran.stderr
    assert_no_crash(ran)
    if problem is None:
        assert ran.stderr == ""
        if command == "validate":
            assert ran.out == (f"{path}: valid: 6 events, 4 actors, 2 clauses, 2 provisions, "
                               "2 sources, 3 tags\n")
        else:
            assert ran.out.startswith("1979-12-24/1980-02\tborder-war\tBorder war\n")
    else:
        assert ran.stdout == b""
        lines = ran.stderr.splitlines()
        # "FILE: problem", or "FILE:LINE: problem" where the line is known (every problem
        # with a place in the data has one).
        prefix = re.escape(f"accord: error: {path}")
        assert all(re.match(prefix + r"(:\d+(:\d+)?)?: ", line) for line in lines), lines
        if problem.startswith(":"):
            assert f"accord: error: {path}{problem}" in ran.stderr
        else:
            assert re.search(prefix + r":\d+: " + re.escape(problem) if "[" in problem
                             else prefix + r"(:\d+(:\d+)?)?: " + re.escape(problem),
                             ran.stderr), ran.stderr
    assert _fingerprint(path) == run.before  # never writes, renames or touches the data


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS is only reliable on Linux")
def test_memory_limit_is_in_force() -> None:
    """The 1 GiB cap the data-file tests run under really stops a bigger allocation."""
    done = subprocess.run(capped([sys.executable, "-c", "bytearray(2 << 30)"]),
                          capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 1
    assert b"MemoryError" in done.stderr


def permissions_enforced(probe: Path) -> tuple[str, ...]:
    """A command prefix under which `probe` (mode 000) cannot be read; skip if there is none.

    Root reads any file, so as root the command runs under setpriv without the
    capabilities that override file permissions.
    """
    if os.name != "posix":
        pytest.skip("needs POSIX file permissions")
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: root reads any file")
        drop = "-dac_override,-dac_read_search"
        prefix = (setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}")
    check = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r}, 'rb')"],
                           capture_output=True, timeout=TIMEOUT, check=False)
    if check.returncode == 0 or b"PermissionError" not in check.stderr:
        pytest.skip("cannot take away the permission to read any file here")
    return prefix


@pytest.mark.parametrize("command", ["timeline", "validate"])
@pytest.mark.parametrize("locked", [
    "file",
    "parent-directory",
])
def test_unreadable_data_file(tmp_path: Path, command: str, locked: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "secret.toml"
    path.write_bytes(SAMPLE.read_bytes())
    target = path if locked == "file" else folder
    target.chmod(0)
    try:
        prefix = permissions_enforced(path)
        args: list[str | Path] = (["timeline", "--data", path] if command == "timeline"
                                  else ["validate", path])
        ran = accord(*args, env=environment(tmp_path / "cache"), limit_memory=True,
                     prefix=prefix)
    finally:
        target.chmod(0o700)
    assert ran.code == 1, ran.stderr
    assert ran.stdout == b""
    assert ran.stderr == f"accord: error: {path}: permission denied\n"
    assert ran.seconds < fast()


# --------------------------------------------------------------------------- e. bad input

BAD_INPUT = [
    (["timeline", "--from", ""], {}, 2, "--from: empty date"),
    (["timeline", "--from", "abc"], {}, 2, "--from: 'abc' is neither a date nor an event id"),
    (["timeline", "--from", "99999999999"], {}, 2, "--from: '99999999999': a year has four"),
    (["timeline", "--from", "1988-02-30"], {}, 2, "--from: '1988-02-30': February 1988 has "
                                                  "no day 30"),
    (["timeline", "--from", "+25:00"], {}, 2, "--from: cannot read '+25:00'"),
    (["timeline", "--from", "04/05/1988"], {}, 2, "'04/05/1988' is ambiguous"),
    (["timeline", "--to", "1988 +25:00"], {}, 2, "--to: cannot read '1988 +25:00'"),
    (["timeline", "--from", "1989", "--to", "1988"], {}, 2,
     "--from (1989-01-01) is after --to (1988-12-31)"),
    (["timeline", "--limit", "-1"], {}, 2, "Invalid value for '--limit'"),
    (["timeline", "--limit", "abc"], {}, 2, "Invalid value for '--limit'"),
    (["timeline", "--format", "xml"], {}, 2, "'xml' is not one of"),
    (["timeline", "--lang", "de"], {}, 2, "'de' is not one of 'en', 'tr'"),
    (["actors", "--kind", "empire"], {}, 2, "unknown --kind 'empire'"),
    (["timeline"], {"ACCORD_LANG": "xx"}, 2, "ACCORD_LANG"),
    (["event", "talks-opn"], {}, 1, "no event with id 'talks-opn'; did you mean 'talks-open'?"),
    (["actor", "enovy"], {}, 1, "did you mean 'envoy'?"),
]


@pytest.mark.parametrize(("call", "code", "reason"), [
    pytest.param(sample_call(*args, "--data", SAMPLE, env=extra_env), code, reason,
                 id=" ".join(args[1:]) + "".join(extra_env) or args[0])
    for args, extra_env, code, reason in BAD_INPUT])
def test_bad_command_line_input(sample_runs: dict[Call, Any], call: Call, code: int,
                                reason: str) -> None:
    ran: Ran = result(sample_runs, call)
    assert ran.code == code, ran.stderr
    assert ran.stdout == b""
    assert_no_crash(ran)
    # One line gives the reason, whether accord or the command-line parser found it.
    assert ran.stderr.count("\n") == 1 and ran.last_line.startswith("accord: error: "), (
        ran.stderr)
    assert reason in ran.last_line, ran.stderr


# --------------------------------------------------------------- bugs found (now fixed)


def _deep_table_headers(tmp: Path) -> Path:
    # ~2.4 MB: tomli keeps ~460 bytes of bookkeeping per input byte for such headers.
    return _write(tmp, "deep.toml", "".join(
        f"[{i}.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z]\n" for i in range(40_000)))


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS is only reliable on Linux")
def test_deep_table_headers_are_rejected_quickly_in_bounded_memory(
        data_runs: dict[str, DataRun]) -> None:
    run = data_runs["deep-table-headers"]  # validate, under the memory limit, timeout fast()
    path = run.path
    try:
        ran = run.ran
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate of a {path.stat().st_size} byte file took over {fast():.1f} s")
    assert ran.code == 1, ran.stderr
    assert ran.stderr.startswith(f"accord: error: {path}:")
    assert_no_crash(ran)


def _deep_inline_keys(tmp: Path) -> Path:
    # ~10 MB of { a.a.a... = 1 }: tomli would need about 1 GiB to build it.
    key = ".".join(["a"] * 900)
    return _write(tmp, "inline.toml", "".join(f"x{i} = {{ {key} = 1 }}\n"
                                              for i in range(5_600)))


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS is only reliable on Linux")
def test_deep_keys_in_inline_tables_are_rejected_quickly_in_bounded_memory(
        data_runs: dict[str, DataRun]) -> None:
    run = data_runs["deep-inline-keys"]  # validate, under the memory limit, timeout fast()
    path, ran = run.path, run.ran
    assert ran.code == 1, ran.stderr
    assert ran.stderr == (f"accord: error: {path}:1: a table or key with more than 8 "
                          "dotted parts; no accord dataset nests that deep\n")


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS is only reliable on Linux")
def test_a_small_file_loads_in_a_small_address_space(tmp_path: Path) -> None:
    # Without shared bytecode: compiling the modules counts against the limit too.
    done = subprocess.run(capped([str(ACCORD), "validate", str(SAMPLE)], 128 << 20),
                          capture_output=True,
                          env=environment(tmp_path / "cache", bytecode=False),
                          timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(b": valid: 6 events, 4 actors, 2 clauses, 2 provisions, "
                                b"2 sources, 3 tags\n")


def _many_dangling_references(tmp: Path) -> Path:
    # 190 KB: 2,000 actors and one event naming 400 actors that do not exist.
    head = ('[[sources]]\nid = "s"\ntitle = "T"\nurl = "https://example.org"\n'
            'publisher = "P"\n\n')
    actors = "".join(f'[[actors]]\nid = "actor-number-{i:05d}"\nkind = "state"\nname = "A"\n'
                     'role = "R"\nsources = ["s"]\n\n' for i in range(2000))
    refs = ", ".join(f'"actor-numbr-{i:05d}"' for i in range(400))
    event = (f'[[events]]\nid = "e"\ndate = "1988"\ntitle = "T"\nsummary = "S"\n'
             f'actors = [{refs}]\nsources = ["s"]\n')
    return _write(tmp, "dangling.toml", head + actors + event)


def test_many_dangling_references_are_reported_quickly(tmp_path: Path) -> None:
    # Alone, not among the parallel runs: it costs about half of fast() even then.
    path = _many_dangling_references(tmp_path)
    try:
        ran = accord("validate", path, env=environment(tmp_path / "cache"), timeout=fast())
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate of a {path.stat().st_size} byte file took over {fast():.1f} s")
    assert ran.code == 1
    assert "unknown actor 'actor-numbr-00399'" in ran.stderr


def test_an_id_listed_twice_is_rejected_or_counted_once(tmp_path: Path) -> None:
    path = _leap_day('actors = ["envoy"]', 'actors = ["envoy", "envoy", "Envoy"]')(tmp_path)
    env = environment(tmp_path / "cache")
    checked = accord("validate", path, env=env)
    if checked.code == 1:  # rejected, naming the repeated entry
        assert f"{LEAP}.actors[1]" in checked.stderr
        return
    shown = accord("actor", "envoy", "--json", "--data", path, env=env)
    record = json.loads(shown.stdout)
    assert [e["id"] for e in record["events"]].count("leap-day") == 1
    assert record["event_count"] == 3


def _aligned(encoding: str) -> tuple[Call, Call]:
    terminal = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "200",
                "PYTHONIOENCODING": encoding}
    return (sample_call("actors", "--lang", "tr", "--data", SAMPLE, env=terminal),
            sample_call("actor", "north", "--lang", "tr", "--data", SAMPLE, env=terminal))


ALIGNED = {encoding: _aligned(encoding) for encoding in ["ascii", "cp1252"]}


@pytest.mark.parametrize("encoding", list(ALIGNED))
def test_turkish_headers_and_labels_stay_aligned_when_the_encoding_cannot_show_them(
        sample_runs: dict[Call, Any], encoding: str) -> None:
    # A table's columns start where their escaped headers do, in every row.
    table: Ran = result(sample_runs, ALIGNED[encoding][0])
    assert table.code == 0, table.stderr
    head, rule, *rows = table.stdout.decode(encoding).splitlines()
    assert set(rule) == {"-"} and len(rows) > 2
    for word in ("Olaylar", "Son"):
        at = head.index(word)
        assert all(row[at - 2:at] == "  " and row[at] != " " for row in rows), (word, rows)
    # A detail's field values start in one column, whatever the label.
    detail: Ran = result(sample_runs, ALIGNED[encoding][1])
    fields = detail.stdout.decode(encoding).split("\n\n")[0].splitlines()[1:]
    starts = {len(line) - len(line.split("  ", 1)[1].lstrip()) for line in fields}
    assert len(fields) >= 4 and len(starts) == 1, fields


MISTAKES = [
    (["timeline", "--format", "xml"], "accord: error: Invalid value for '--format' / '-f': "
                                      "'xml' is not one of"),
    (["timeline", "--fro", "1978"], "accord: error: No such option: --fro (Possible options: "),
    (["timelin"], "accord: error: No such command 'timelin'. Did you mean 'timeline'? "
                  "(see 'accord -h')"),
    (["event"], "accord: error: Missing argument 'ID'. (see 'accord event -h')"),
    (["timeline", "--limit", "-1"], "accord: error: Invalid value for '--limit'"),
]


# The first and the last share their run with test_bad_command_line_input.
@pytest.mark.parametrize(("call", "expected"), [
    pytest.param(sample_call(*args, "--data", SAMPLE), expected, id=f"args{number}-{expected}")
    for number, (args, expected) in enumerate(MISTAKES)])
def test_command_line_mistakes_are_one_line_with_where_to_look(
        sample_runs: dict[Call, Any], call: Call, expected: str) -> None:
    ran: Ran = result(sample_runs, call)
    assert ran.code == 2
    assert ran.stdout == b""
    assert ran.stderr.count("\n") == 1 and ran.stderr.startswith(expected), ran.stderr


@pytest.mark.parametrize(("call", "expected"), [
    pytest.param(sample_call(*args, env={"ACCORD_DATA": str(SAMPLE)}), expected,
                 id=f"args{number}-{expected}")
    for number, (args, expected) in enumerate([
        (["timeline", "--limit"], "accord: error: Option '--limit' requires an argument. "
                                  "(see 'accord timeline -h')\n"),
        (["actors", "-k"], "accord: error: Option '-k' requires an argument. "
                           "(see 'accord actors -h')\n"),
        (["timeline", "--json=1"], "accord: error: Option '--json' does not take a value. "
                                   "(see 'accord timeline -h')\n"),
    ])])
def test_mistakes_the_parser_reports_without_a_context_still_say_where_to_look(
        sample_runs: dict[Call, Any], call: Call, expected: str) -> None:
    ran: Ran = result(sample_runs, call)
    assert ran.code == 2
    assert ran.stderr == expected


def _ascii_terminal(*args: str | Path, columns: int) -> Call:
    return sample_call(*args, env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1",
                                   "COLUMNS": str(columns), "PYTHONIOENCODING": "ascii"})


CUT_ROLES = {(lang, columns): _ascii_terminal("actors", "--lang", lang, columns=columns)
             for lang in ["en", "tr"] for columns in [101, 120, 160]}


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("columns", [101, 120, 160])
def test_cut_roles_fit_an_ascii_terminal(sample_runs: dict[Call, Any], lang: str,
                                         columns: int) -> None:
    """Rich's own "…" is written as "\\u2026" on an ASCII stream, six cells for one."""
    ran: Ran = result(sample_runs, CUT_ROLES[(lang, columns)])
    assert ran.code == 0, ran.stderr
    lines = ran.stdout.decode("ascii").splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "\\u2026" not in ran.stdout.decode("ascii")
    if "|" in lines[0]:  # a table (escaped Turkish may need the stacked records instead)
        roles = [line.split("|")[3] for line in lines[2:] if line.count("|") == 6]
        assert any(role.rstrip().endswith("...") for role in roles)
        # A role is cut between characters, never inside an escape such as \u0131.
        assert not [r for r in roles if re.search(r"\\u(?![0-9a-f]{4})", r)]


NARROW_ASCII_ARGS = [["event", "talks-open"], ["actor", "north"], ["clauses", "1"],
                     ["span", "border-war", "withdrawal"], ["actors"]]
NARROW_ASCII = {(tuple(args), columns): _ascii_terminal(*args, "--lang", "tr", "--data", SAMPLE,
                                                         columns=columns)
                for args in NARROW_ASCII_ARGS for columns in [20, 30, 45]}


@pytest.mark.parametrize("args", NARROW_ASCII_ARGS)
@pytest.mark.parametrize("columns", [20, 30, 45])
def test_narrow_ascii_terminal_in_turkish_keeps_every_value(
        sample_runs: dict[Call, Any], args: list[str], columns: int) -> None:
    """Escaped for ASCII, Turkish labels run to 28 characters: they wrap, the values stay."""
    ran: Ran = result(sample_runs, NARROW_ASCII[(tuple(args), columns)])
    assert ran.code == 0, ran.stderr
    text = ran.stdout.decode("ascii")
    # Only a web address, whole on its own line to be copied, goes past the width.
    assert all(len(line) <= columns or re.fullmatch(r" *https?://\S+", line)
               for line in text.splitlines()), text
    assert "\\u2026" not in text  # no ellipsis written as six characters
    if args[0] != "span":  # the record's id is shown, if need be folded over lines
        assert args[-1] in "".join(text.split()) or "north" in "".join(text.split())
