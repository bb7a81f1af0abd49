"""The yardsticks of bench/floor_app.py still do what bench/floor.py says they measure."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import clean_env

BENCH = Path(__file__).parent.parent / "bench"
QUERY = ["timeline", "--from", "1978", "--json"]
# The `stored` fixture: an environment whose cache holds the index, and accord's answer.
Stored = tuple[dict[str, str], list[dict[str, Any]]]


def _floor(mode: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import floor_app; floor_app.app()", *args],
        env={**env, "PYTHONPATH": str(BENCH), "FLOOR_MODE": mode},
        capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    """An environment whose cache holds accord's index, and accord's own answer."""
    scratch = tmp_path_factory.mktemp("floor")
    env = clean_env(XDG_CACHE_HOME=str(scratch))
    answer = subprocess.run([sys.executable, "-m", "accordcli", *QUERY], env=env,
                            capture_output=True, check=True, timeout=60).stdout
    (scratch / "answer.json").write_bytes(answer)
    index = next((scratch / "accord").glob("*.sqlite"))
    return ({**env, "FLOOR_ANSWER": str(scratch / "answer.json"), "FLOOR_INDEX": str(index)},
            json.loads(answer))


def test_options_mode_takes_accords_timeline_options(stored: Stored) -> None:
    env, _ = stored
    every = ["--from", "1978", "--to", "1990", "-a", "ussr", "-t", "un", "-s", "geneva", "-n",
             "3", "-r", "--data", "x.toml", "--no-cache", "--lang", "TR", "-f", "csv", "--json"]
    assert _floor("options", env, "timeline", *every) == "[]\n"


def test_json_answer_mode_writes_accords_answer(stored: Stored) -> None:
    env, answer = stored
    assert json.loads(_floor("json-answer", env, *QUERY)) == answer


def test_sqlite_answer_mode_reads_one_row_per_event_of_the_answer(stored: Stored) -> None:
    env, answer = stored
    rows = json.loads(_floor("sqlite-answer", env, *QUERY))
    # In file order: the yardstick skips even accord's sort by date.
    assert sorted(row[0] for row in rows) == sorted(record["id"] for record in answer)


def test_table_answer_mode_prints_every_event_of_the_answer(stored: Stored) -> None:
    env, answer = stored
    table = _floor("table-answer", {**env, "COLUMNS": "200"}, "timeline", "--from", "1978")
    assert all(record["id"] in table for record in answer)
    assert len(answer) > 5  # more rows than the five of the reference table


@pytest.fixture()
def compare(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """bench/compare.py as a module (it imports bench/run.py as `run`, as when run as a script)."""
    monkeypatch.syspath_prepend(str(BENCH))
    for name in ("compare", "run"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import compare as module

    yield module
    for name in ("compare", "run"):
        sys.modules.pop(name, None)


def test_compare_takes_each_build_as_an_executable_or_a_revision(compare: ModuleType) -> None:
    arguments = compare.parse_arguments(["--old-rev", "aea34f0", "--new", "/x/bin/accord"])
    assert (arguments.old, arguments.old_rev, arguments.new, arguments.new_rev) == (
        None, "aea34f0", "/x/bin/accord", None)
    assert arguments.runs >= compare.MIN_PAIRED_RUNS == 21
    for wrong in (["--new", "a"], ["--old", "a", "--old-rev", "b", "--new", "c"],
                  ["--old", "a", "--new", "b", "--runs", "0"]):
        with pytest.raises(SystemExit):
            compare.parse_arguments(wrong)


def test_compare_summarizes_paired_gaps_and_their_growth(compare: ModuleType) -> None:
    reference = [0.060 + 0.002 * (i % 5) for i in range(21)]  # seconds, drifting
    old = [r + 0.020 for r in reference]
    new = [r + 0.023 + (0.010 if i == 3 else 0.0) for i, r in enumerate(reference)]
    summary = compare.summarize_gaps(reference, old, new, draws=200)
    assert summary.old[0] == pytest.approx(20.0) and summary.new[0] == pytest.approx(23.0)
    assert summary.growth == pytest.approx(3.0) and summary.within
    assert summary.interval[0] - 1e-9 <= 3.0 <= summary.interval[1] + 1e-9
    assert summary.paired[0] == pytest.approx(3.0) and summary.rounds == 21
    (row,) = compare.gap_table([("(1)", 60.0, summary)])[2:]
    assert row.startswith("| (1) | 60.0 | +20.0 ") and row.endswith("| yes |")
    grown = compare.summarize_gaps(reference, old, [n + 0.003 for n in new], draws=200)
    assert not grown.within and compare.gap_table([("(1)", 60.0, grown)])[2].endswith("| NO |")
