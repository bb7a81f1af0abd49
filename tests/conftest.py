"""Shared fixtures: a clean, fixed environment, the CLI runner, data files and goldens."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from accordcli import read
from accordcli.cli import app

# Deterministic property tests (the same examples on every run and machine), and no
# per-example deadline: CI shares its machine, and a slow example is not a failure.
settings.register_profile("accord", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("accord")

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
SAMPLE = DATA / "sample.toml"

# Variables that change colour, width, terminal detection or data selection.
_ENV_TO_CLEAR = (
    "FORCE_COLOR", "PY_COLORS", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE",
    "TTY_INTERACTIVE", "GITHUB_ACTIONS", "TERM", "COLORTERM", "ACCORD_DATA", "ACCORD_LANG",
    "ACCORD_TODAY", "ACCORD_CACHE_DIR", "PYTHONIOENCODING",
    # The locale names accord's language when --lang and ACCORD_LANG do not: tests run in
    # English whatever the machine's locale (LANG is set to C.UTF-8 below).
    "LANGUAGE", "LC_ALL", "LC_MESSAGES",
)


def clean_env(**overrides: str) -> dict[str, str]:
    """Return os.environ without colour/terminal variables, with fixed width, plus overrides."""
    env = {k: v for k, v in os.environ.items() if k not in _ENV_TO_CLEAR}
    env.update({"COLUMNS": "100", "LINES": "40", "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    env.update(overrides)
    return env


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(autouse=True)
def _no_settle_wait(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read a data file at once though a test has only just written it: nothing else writes
    it, so waiting for it to settle (read.SETTLE_NS) would cost ~50 ms a read for nothing.
    Tests of the wait itself are marked @pytest.mark.settle."""
    if request.node.get_closest_marker("settle") is None:
        monkeypatch.setattr(read, "SETTLE_NS", 0)


def process_cache_dir() -> Path | None:
    """Return where indexes live for this process's environment (the ACCORD_CACHE_DIR the
    fixtures set), as main() finds it: what a test that loads in-process passes on."""
    from accordcli.environment import detect

    return detect([], os.environ, None).cache_dir


def write_data(path: Path, content: str | bytes) -> Path:
    """Write a data file as if saved a second ago, so that accord run as a subprocess reads
    it at once rather than waiting for it to settle (read.SETTLE_NS); return its path."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    second_ago = path.stat().st_mtime_ns - 1_000_000_000
    os.utime(path, ns=(second_ago, second_ago))
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "settle: the test waits for files to settle, as accord "
                                       "does outside the tests (read.SETTLE_NS)")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/* from the current output.")


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process: run("timeline", "--json", env={...})."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Iterator[Callable[[str, str], None]]:
    """Compare text with tests/golden/NAME, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"

    yield check
