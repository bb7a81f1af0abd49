"""Where a `timeline --from 1978 --json` start spends its time, phase by phase, in-process.

Run: python bench/phases.py [--runs 15]
Each run is a fresh interpreter that imports and runs the same steps as `accord`, timing
each step with perf_counter; the table shows medians. It explains bench/run.py's figure (1)
rather than replacing it: the phases add up to less than a whole process (interpreter
start-up and exit are not in them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

# Runs in the child. Each phase imports only what its step needs, in the order accord does.
CHILD = r"""
import json, os, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import typer; mark("import typer (the framework's floor)")
import accordcli.cli; mark("import accordcli.cli")
from accordcli.cli.app import app_for
from accordcli.environment import detect
from typer.main import get_command
env = detect(["timeline"], os.environ, sys.stdout)
command = get_command(app_for(["timeline"], env)); mark("Typer builds the command")
import json, sqlite3; mark("import json, sqlite3")
import accordcli.model; mark("import model (11 frozen dataclasses)")
import accordcli.dates, accordcli.query; mark("import dates, query")
import accordcli.render.views, accordcli.render.json; mark("import views, the json renderer")
import accordcli.load, accordcli.cache; mark("import load, cache")
saved = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
try:
    command.main(["timeline", "--from", "1978", "--json"], prog_name="accord",
                 standalone_mode=False, obj=env)
finally:
    sys.stdout.flush()
    os.dup2(saved, 1)
mark("parse, load the index, query, write JSON")
print(json.dumps([(name, (t - marks[i][1]) * 1000) for i, (name, t) in enumerate(marks[1:])]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    # As bench/run.py does: measure bytecode, as an installed copy runs (see there).
    import accordcli

    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(accordcli.__file__)],
                   check=True)
    with tempfile.TemporaryDirectory() as cache:
        env = {**{k: v for k, v in os.environ.items() if k != "ACCORD_CACHE_DIR"},
               "XDG_CACHE_HOME": cache}
        runs = []
        for _ in range(arguments.runs + 1):  # the first run builds the index
            done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                                  env=env, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    phases = [name for name, _ in runs[1]]
    total = 0.0
    print(f"| phase (median of {arguments.runs} runs) | ms |\n|---|---:|")
    for position, name in enumerate(phases):
        value = statistics.median(run[position][1] for run in runs[1:])
        total += value
        print(f"| {name} | {value:.1f} |")
    print(f"| **sum** | **{total:.1f}** |")


if __name__ == "__main__":
    main()
