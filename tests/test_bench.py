"""The yardsticks of bench/floor_app.py still do what bench/floor.py says they measure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import clean_env

BENCH = Path(__file__).parent.parent / "bench"
QUERY = ["timeline", "--from", "1978", "--json"]


def _floor(mode: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import floor_app; floor_app.app()", *args],
        env={**env, "PYTHONPATH": str(BENCH), "FLOOR_MODE": mode},
        capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[dict]]:
    """An environment whose cache holds accord's index, and accord's own answer."""
    scratch = tmp_path_factory.mktemp("floor")
    env = clean_env(XDG_CACHE_HOME=str(scratch))
    answer = subprocess.run([sys.executable, "-m", "accordcli", *QUERY], env=env,
                            capture_output=True, check=True, timeout=60).stdout
    (scratch / "answer.json").write_bytes(answer)
    index = next((scratch / "accord").glob("*.sqlite"))
    return ({**env, "FLOOR_ANSWER": str(scratch / "answer.json"), "FLOOR_INDEX": str(index)},
            json.loads(answer))


def test_options_mode_takes_accords_timeline_options(stored) -> None:
    env, _ = stored
    every = ["--from", "1978", "--to", "1990", "-a", "ussr", "-t", "un", "-s", "geneva", "-n",
             "3", "-r", "--data", "x.toml", "--no-cache", "--lang", "TR", "-f", "csv", "--json"]
    assert _floor("options", env, "timeline", *every) == "[]\n"


def test_json_answer_mode_writes_accords_answer(stored) -> None:
    env, answer = stored
    assert json.loads(_floor("json-answer", env, *QUERY)) == answer


def test_sqlite_answer_mode_reads_one_row_per_event_of_the_answer(stored) -> None:
    env, answer = stored
    rows = json.loads(_floor("sqlite-answer", env, *QUERY))
    # In file order: the yardstick skips even accord's sort by date.
    assert sorted(row[0] for row in rows) == sorted(record["id"] for record in answer)


def test_table_answer_mode_prints_every_event_of_the_answer(stored) -> None:
    env, answer = stored
    table = _floor("table-answer", {**env, "COLUMNS": "200"}, "timeline", "--from", "1978")
    assert all(record["id"] in table for record in answer)
    assert len(answer) > 5  # more rows than the five of the reference table
