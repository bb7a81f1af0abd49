"""Benchmarks for accord, each measured side by side with its reference (A B A B ...).

Run: python bench/run.py [--runs 15] [--events 100000]
Prints medians and ratios against the targets of the performance issue; writes nothing
but bench/out/ (the generated dataset and scratch caches).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
ACCORD = str(BIN / "accord")
PYTHON = sys.executable
# Two words that most events of the generated file hold, and a few of the shipped data.
SEARCH_WORDS = ["talks", "border"]


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run a command with output discarded; return wall seconds and peak RSS in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss // 1024


def side_by_side(a: list[str], b: list[str], runs: int, env_a: dict[str, str],
                 env_b: dict[str, str], before_a: object = None) -> tuple[list[float],
                                                                         list[float], int]:
    """Alternate A and B `runs` times each (after one warm-up of each)."""
    times_a, times_b, peak = [], [], 0
    for warm in (True,) + (False,) * runs:
        if callable(before_a):
            before_a()
        elapsed, rss = run_once(a, env_a)
        if not warm:
            times_a.append(elapsed)
            peak = max(peak, rss)
        elapsed, _ = run_once(b, env_b)
        if not warm:
            times_b.append(elapsed)
    return times_a, times_b, peak


def big_dataset(events: int) -> Path:
    """Return the generated dataset of `events` events in bench/out, made once."""
    big = OUT / f"big-{events}.toml"
    if not big.exists():
        print(f"generating {big.name} ...", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "make_big.py"), str(big), "--events",
                        str(events)], check=True)
    return big


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--big-runs", type=int, default=5,
                        help="runs of the first-run comparison (each parses the big file)")
    arguments = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    # Measure the package as an installed one runs: from bytecode. An editable install
    # under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every start.
    import accordcli

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(accordcli.__file__).parent)],
                   check=True)
    big = big_dataset(arguments.events)

    base = {k: v for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "ACCORD_DATA",
                         "ACCORD_CACHE_DIR")}
    cache = tempfile.mkdtemp(prefix="cache-", dir=OUT)
    # The default cache location, as users run it (the user cache directory, found the
    # way accordcli.environment finds it), moved into bench/out through XDG_CACHE_HOME.
    env = {**base, "XDG_CACHE_HOME": cache, "COLUMNS": "100"}
    terminal = {**env, "FORCE_COLOR": "1"}  # a terminal with colours, as both builds read it
    rows = []

    a, b, _ = side_by_side([ACCORD, "timeline", "--from", "1978", "--json"],
                           [PYTHON, str(HERE / "ref_app.py"), "timeline", "--from", "1978",
                            "--json"], arguments.runs, env, env)
    rows.append(("(1) timeline --from 1978 --json", "minimal Typer app, one line", ms(a), ms(b),
                 1.10))
    a, b, _ = side_by_side([ACCORD, "timeline", "--from", "1978"],
                           [PYTHON, str(HERE / "ref_table.py"), "timeline"], arguments.runs,
                           terminal, terminal)
    rows.append(("(2) timeline --from 1978 (table)", "Typer app, 5-row Rich table", ms(a), ms(b),
                 1.10))

    query = ["timeline", "--data", str(big), "--from", "1980", "--to", "1980", "--json"]
    first_cache = OUT / "first-run-cache"

    def empty_cache() -> None:
        shutil.rmtree(first_cache, ignore_errors=True)

    a, b, _ = side_by_side([ACCORD, *query],
                           [PYTHON, "-c",
                            f"import tomllib; tomllib.load(open({str(big)!r}, 'rb'))"],
                           arguments.big_runs, {**env, "XDG_CACHE_HOME": str(first_cache)}, env,
                           before_a=empty_cache)
    rows.append((f"(3a) first run, {arguments.events:,} events", "tomllib.load of the same file",
                 ms(a), ms(b), 1.00))
    a, b, peak = side_by_side([ACCORD, *query],
                              [ACCORD, "timeline", "--from", "1980", "--to", "1980", "--json"],
                              arguments.runs, env, env)
    rows.append((f"(3b) repeated run, {arguments.events:,} events",
                 "same query, shipped dataset", ms(a), ms(b), 2.00))

    # (4a) The first search of the big file: a first run (3a) wrote an index without the
    # full-text tables, which the search adds. Each run starts from a copy of that index.
    search = ["search", *SEARCH_WORDS, "-n", "10"]
    plain = OUT / "plain-index-cache"  # made anew: an index of an older format is not used
    shutil.rmtree(plain, ignore_errors=True)
    subprocess.run([ACCORD, *query], env={**env, "XDG_CACHE_HOME": str(plain)},
                   stdout=subprocess.DEVNULL, check=True)
    searched = OUT / "first-search-cache"

    def plain_index() -> None:
        shutil.rmtree(searched, ignore_errors=True)
        shutil.copytree(plain, searched)

    a, b, _ = side_by_side([ACCORD, *search, "--data", str(big)],
                           [PYTHON, "-c",
                            f"import tomllib; tomllib.load(open({str(big)!r}, 'rb'))"],
                           arguments.big_runs, {**env, "XDG_CACHE_HOME": str(searched)}, env,
                           before_a=plain_index)
    rows.append((f"(4a) first search, {arguments.events:,} events, after a first run",
                 "tomllib.load of the file", ms(a), ms(b), 1.50))
    # (4a') The first search with an empty cache: reading the file, and indexing it whole.
    a, b, _ = side_by_side([ACCORD, *search, "--data", str(big)],
                           [PYTHON, "-c",
                            f"import tomllib; tomllib.load(open({str(big)!r}, 'rb'))"],
                           arguments.big_runs, {**env, "XDG_CACHE_HOME": str(first_cache)},
                           env, before_a=empty_cache)
    rows.append((f"(4a') first search, {arguments.events:,} events, empty cache",
                 "tomllib.load of the file", ms(a), ms(b), 1.50))
    # (4b) A top-ten search, repeated: the index holds the full-text tables by now.
    a, b, search_peak = side_by_side([ACCORD, *search, "--data", str(big)], [ACCORD, *search],
                                     arguments.runs, env, env)
    peak = max(peak, search_peak)
    rows.append((f"(4b) `{' '.join(search)}`, {arguments.events:,} events",
                 "same search, shipped dataset", ms(a), ms(b), 2.00))

    versions = ", ".join(f"{name} {metadata.version(name)}"
                         for name in ("typer", "rich", "python-dateutil", "tomli"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}, {versions}")
    print(f"runs: {arguments.runs} (first-run comparison: {arguments.big_runs}), medians, "
          "measured side by side\n")
    print("| benchmark | reference | accord ms | reference ms | ratio | target | ok |")
    print("|---|---|---:|---:|---:|---:|---|")
    failures = 0
    for name, reference, mine, theirs, target in rows:
        ratio = mine / theirs
        ok = ratio <= target
        failures += not ok
        print(f"| {name} | {reference} | {mine:.0f} | {theirs:.0f} | {ratio:.2f}x "
              f"| ≤ {target:.2f}x | {'yes' if ok else 'NO'} |")
    print(f"\npeak memory of the repeated 100k runs: {peak} MiB (target < 200 MiB: "
          f"{'yes' if peak < 200 else 'NO'})")
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(searched, ignore_errors=True)
    shutil.rmtree(plain, ignore_errors=True)
    empty_cache()
    sys.exit(1 if failures or peak >= 200 else 0)


if __name__ == "__main__":
    main()
