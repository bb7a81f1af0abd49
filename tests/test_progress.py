"""cli/progress.py: long work shows its phases on a terminal's stderr (a Rich display, or
plain lines under NO_COLOR), nothing in a pipe, nothing when an index answers, and nothing
for work shorter than DELAY."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from accordcli import progress
from accordcli.cli.progress import Display
from accordcli.environment import Environment, _progress
from accordcli.i18n import Message
from conftest import SAMPLE, clean_env


def _shown(display: Display) -> None:
    """Wait for the display's timer, as the work would."""
    assert display.timer is not None
    display.timer.join(5)


def test_plain_lines_name_each_phase_in_the_users_language() -> None:
    for lang, expected in (("en", ["accord: Checking x.toml…", "accord: Indexing x.toml…"]),
                           ("tr", ["accord: x.toml denetleniyor…",
                                   "accord: x.toml dizinleniyor…"])):
        stream = io.StringIO()
        display = Display(Environment(progress="plain", lang=lang), "/d/x.toml", stream, 0)
        with progress.listening(display):
            progress.phase(progress.CHECKING, 10)
            _shown(display)
            progress.advance(5)
            progress.phase(progress.INDEXING, 3)
        assert stream.getvalue().splitlines() == expected


def test_a_live_display_shows_the_phase_and_goes_away() -> None:
    stream = io.StringIO()
    display = Display(Environment(progress="live", width=60), "big.toml", stream, 0)
    with progress.listening(display):
        progress.phase(progress.READING, 2048, "bytes")
        _shown(display)
        progress.advance(1024)
        progress.phase(progress.CHECKING, 100)
        progress.advance(40)
        display.live.refresh()
    out = stream.getvalue()
    assert "Reading big.toml" in out and "Checking big.toml" in out and "40/100" in out
    assert display.live is None  # stopped: the terminal is left as it was


def test_work_shorter_than_the_delay_shows_nothing() -> None:
    stream = io.StringIO()
    display = Display(Environment(progress="live"), "x.toml", stream, 30)
    with progress.listening(display):
        progress.phase(progress.CHECKING, 10)
    assert display.timer is not None
    display.timer.join(5)  # cancelled: it ends without showing anything
    assert not display.timer.is_alive() and stream.getvalue() == ""


def test_a_run_without_phases_starts_no_thread() -> None:
    display = Display(Environment(progress="live"), "x.toml", io.StringIO(), 0)
    with progress.listening(display):
        pass
    assert display.timer is None


def test_no_listener_costs_nothing_and_the_phases_are_messages() -> None:
    progress.phase(progress.CHECKING, 1)  # nobody listens: nothing happens
    progress.advance(1)
    assert str(Message(progress.READING)) == "Reading"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "environ", "expected"), [
    (False, {}, ""),
    (True, {"TERM": "xterm"}, "live"),
    (True, {"TERM": "xterm", "NO_COLOR": "1"}, "plain"),
    (True, {"TERM": "dumb"}, "plain"),
])
def test_only_a_terminal_gets_progress(tty: bool, environ: dict[str, str],
                                       expected: str) -> None:
    assert _progress(environ, _Stream(tty)) == expected
    assert _progress(environ, None) == ""


RUN = ("import sys; import accordcli.cli.progress as p; p.DELAY = 0; "
       "from accordcli.cli import main; sys.argv[0] = 'accord'; main()")


def _on_a_terminal(args: list[str], env: dict[str, str], tty: bool = True
                   ) -> tuple[bytes, bytes]:
    """Run accord with stderr on a pseudo-terminal (or a pipe); return stdout, stderr."""
    if not tty:
        done = subprocess.run([sys.executable, "-c", RUN, *args], env=env,
                              capture_output=True, timeout=60, check=True)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", RUN, *args], env=env,
                               stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        err += chunk
    out = process.stdout.read() if process.stdout else b""
    assert process.wait(60) == 0, err
    os.close(leader)
    return out, err


def test_a_first_read_shows_progress_on_a_terminal_and_nothing_elsewhere(
        tmp_path: Path) -> None:
    env = clean_env(ACCORD_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm", COLUMNS="80")
    args = ["timeline", "--data", str(SAMPLE), "--limit", "1"]
    out, err = _on_a_terminal(args, env)
    assert out.startswith(b"1979-12-24/1980-02\tborder-war\t")  # the data, on stdout
    assert b"Checking sample.toml" in err and b"Indexing sample.toml" in err, err
    assert b"\x1b[" in err  # a live display
    # The index answers now: no phase, no display.
    assert _on_a_terminal(args, env)[1] == b""
    # NO_COLOR: plain lines, no escape codes; a pipe: nothing.
    plain = dict(env, NO_COLOR="1", ACCORD_CACHE_DIR=str(tmp_path / "other"))
    err = _on_a_terminal(args, plain)[1]
    assert b"accord: Checking sample.toml\xe2\x80\xa6" in err and b"\x1b" not in err, err
    piped = dict(env, ACCORD_CACHE_DIR=str(tmp_path / "third"))
    assert _on_a_terminal(args, piped, tty=False)[1] == b""
