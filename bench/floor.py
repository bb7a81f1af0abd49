"""How close to its reference any `accord timeline` could get: floors for figures (1) and (2).

Run: python bench/floor.py [--runs 31]
Runs the reference apps, the yardsticks of bench/floor_app.py and accord itself in turn
(A B C ... A B C ...) and prints medians and ratios to the reference. A yardstick that
skips nearly all of accord's work and still lands above a target shows that the target
cannot be met on this machine by any implementation that does that work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ACCORD, HERE, PYTHON, run_once

FLOOR = [PYTHON, "-c", "import floor_app; floor_app.app()"]


def alternate(commands: list[tuple[str, list[str], dict[str, str]]],
              runs: int) -> list[float]:
    """Run the commands in turn `runs` times (after one warm-up round); return medians in ms."""
    times: list[list[float]] = [[] for _ in commands]
    for round_ in range(runs + 1):
        for position, (_, command, env) in enumerate(commands):
            elapsed, _ = run_once(command, env)
            if round_:
                times[position].append(elapsed)
    return [statistics.median(values) * 1000 for values in times]


def report(title: str, commands: list[tuple[str, list[str], dict[str, str]]],
           runs: int) -> None:
    medians = alternate(commands, runs)
    print(f"\n{title}\n\n| what runs | ms | ratio to the reference |\n|---|---:|---:|")
    for (name, _, _), value in zip(commands, medians, strict=True):
        print(f"| {name} | {value:.1f} | {value / medians[0]:.3f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=31)
    arguments = parser.parse_args()
    import accordcli

    # Everything but the references from bytecode, as an installed accord runs.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(accordcli.__file__).parent),
                    str(HERE / "floor_app.py")], check=True)
    base = {k: v for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "ACCORD_DATA",
                         "ACCORD_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        env = {**base, "XDG_CACHE_HOME": scratch, "COLUMNS": "100"}
        query = ["timeline", "--from", "1978"]
        # The first run writes the index; its answer is what the yardsticks read back.
        answer = subprocess.run([ACCORD, *query, "--json"], env=env, check=True,
                                capture_output=True).stdout
        answer_file = Path(scratch) / "answer.json"
        answer_file.write_bytes(answer)
        index = next((Path(scratch) / "accord").glob("*.sqlite"))
        floor = {**env, "PYTHONPATH": str(HERE), "FLOOR_ANSWER": str(answer_file),
                 "FLOOR_INDEX": str(index)}
        terminal = {**env, "FORCE_COLOR": "1"}  # a terminal with colours, as both builds read it
        print(f"runs: {arguments.runs}, medians, all commands in turn")
        report("Figure (1): `timeline --from 1978 --json` (target ≤ 1.10×)", [
            ("reference: minimal Typer app, one line", [PYTHON, str(HERE / "ref_app.py"),
                                                        *query, "--json"], env),
            ("accord's options, print []", [*FLOOR, *query, "--json"],
             {**floor, "FLOOR_MODE": "options"}),
            ("+ read a stored JSON answer, write it", [*FLOOR, *query, "--json"],
             {**floor, "FLOOR_MODE": "json-answer"}),
            ("+ read the answer's rows from the SQLite index", [*FLOOR, *query, "--json"],
             {**floor, "FLOOR_MODE": "sqlite-answer"}),
            ("accord", [ACCORD, *query, "--json"], env),
        ], arguments.runs)
        report("Figure (2): `timeline --from 1978` on a terminal (target ≤ 1.10×)", [
            ("reference: Typer app, five-row Rich table", [PYTHON, str(HERE / "ref_table.py"),
                                                           "timeline"], terminal),
            ("accord's options, the stored answer as a Rich table", [*FLOOR, *query],
             {**floor, "TTY_COMPATIBLE": "1", "FLOOR_MODE": "table-answer"}),
            ("accord", [ACCORD, *query], terminal),
        ], arguments.runs)


if __name__ == "__main__":
    sys.exit(main())
