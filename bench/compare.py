"""Two builds of accord side by side: how far each is from the references of bench/run.py.

Run:  python bench/compare.py --old-rev aea34f0 --new-rev HEAD [--runs 21] [--big-runs 5]
 or:  python bench/compare.py --old /tmp/accord-old/.venv/bin/accord --new .venv/bin/accord

A build is either an installed `accord` executable (--old / --new) or a git revision
(--old-rev / --new-rev), which is exported with `git archive` (committed files only) and
installed, not editable, into a fresh virtual environment of its own for this run.

Figures (1) and (2) run the reference, the old build and the new build in turn (ref, old,
new, ref, old, new, ...) after one warm-up round. For each build the report gives the
median of its gap to the reference of the same round (accord minus reference, in ms) and
the spread of those gaps, then the difference of the gaps (new minus old): the difference
of the two medians, which the restructuring issue caps at +5 ms, with a 95% bootstrap
interval over the rounds, and the median of the paired per-round differences. Figures
(3a) and (3b) run both builds with their references in turn too, and report each build's
ratio to its reference against the targets, as bench/run.py does.

Each build has a cache directory of its own (mode 0700; by default as XDG_CACHE_HOME, so
the code that finds the user's cache directory is measured as in bench/run.py), so one
build never reads the other's index. Writes nothing but bench/out/ (the generated dataset)
and temporary directories it removes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from run import HERE, OUT, PYTHON, big_dataset, run_once

REPO = HERE.parent
# The rule for figures (1) and (2): the gap to the reference may grow by at most this.
MAX_GROWTH_MS = 5.0
MIN_PAIRED_RUNS = 21
TARGETS = {"3a": 1.00, "3b": 2.00}
PEAK_LIMIT_MIB = 200
_VERSIONS = ("typer", "rich", "python-dateutil", "tomli", "platformdirs")


@dataclass
class Build:
    """One accord under test: its executable, interpreter and private cache directories."""

    name: str
    accord: str
    python: str
    origin: str
    cache: Path
    first_cache: Path


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for side in ("old", "new"):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(f"--{side}", metavar="ACCORD",
                           help=f"the {side} build's installed accord executable")
        group.add_argument(f"--{side}-rev", metavar="REV",
                           help=f"a git revision to install as the {side} build")
    parser.add_argument("--runs", type=int, default=MIN_PAIRED_RUNS,
                        help="paired runs of (1), (2) and (3b) (default and minimum for a "
                             f"verdict: {MIN_PAIRED_RUNS})")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--big-runs", type=int, default=5,
                        help="runs of the first-run comparison (3a; each parses the big file)")
    parser.add_argument("--cache-variable", choices=("XDG_CACHE_HOME", "ACCORD_CACHE_DIR"),
                        default="XDG_CACHE_HOME",
                        help="how each build is pointed at its own cache directory")
    parser.add_argument("--keep", action="store_true",
                        help="keep the builds installed from --old-rev/--new-rev (and say where)")
    arguments = parser.parse_args(argv)
    if arguments.runs < 1 or arguments.big_runs < 1 or arguments.events < 1:
        parser.error("--runs, --big-runs and --events must be at least 1")
    return arguments


# Statistics -------------------------------------------------------------------------------

def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Return the median and the lower and upper quartiles of `values`."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return statistics.median(values), low, high


def gaps(accord: Sequence[float], reference: Sequence[float]) -> list[float]:
    """Return accord minus reference, round by round, in ms (times are in seconds)."""
    return [(mine - theirs) * 1000 for mine, theirs in zip(accord, reference, strict=True)]


@dataclass(frozen=True)
class GapSummary:
    old: tuple[float, float, float]       # median, lower quartile, upper quartile (ms)
    new: tuple[float, float, float]
    growth: float                          # median new gap minus median old gap (ms)
    interval: tuple[float, float]          # 95% bootstrap interval of `growth`
    paired: tuple[float, float, float]     # spread of new minus old, round by round (ms)
    rounds: int

    @property
    def within(self) -> bool:
        return self.growth <= MAX_GROWTH_MS


def summarize_gaps(reference: Sequence[float], old: Sequence[float], new: Sequence[float],
                   draws: int = 2000, seed: int = 0) -> GapSummary:
    """Summarize the gaps of two builds to the reference, measured in the same rounds."""
    old_gaps, new_gaps = gaps(old, reference), gaps(new, reference)
    rounds = len(old_gaps)
    growth = statistics.median(new_gaps) - statistics.median(old_gaps)
    rng = random.Random(seed)
    samples = []
    for _ in range(draws):
        picks = [rng.randrange(rounds) for _ in range(rounds)]
        samples.append(statistics.median(new_gaps[i] for i in picks)
                       - statistics.median(old_gaps[i] for i in picks))
    samples.sort()
    interval = (samples[int(0.025 * (draws - 1))], samples[int(0.975 * (draws - 1))])
    return GapSummary(spread(old_gaps), spread(new_gaps), growth, interval,
                      spread([n - o for n, o in zip(new_gaps, old_gaps, strict=True)]), rounds)


def ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000


# Running ----------------------------------------------------------------------------------

def rotate(commands: Sequence[tuple[list[str], dict[str, str]]], runs: int,
           before: dict[int, Callable[[], None]] | None = None,
           ) -> tuple[list[list[float]], list[int]]:
    """Run the commands in turn `runs` times after one warm-up round.

    Returns each command's wall times in seconds and its peak RSS in MiB; `before` maps a
    command's position to what must happen before each of its runs (not timed).
    """
    times: list[list[float]] = [[] for _ in commands]
    peaks = [0 for _ in commands]
    for round_ in range(runs + 1):
        for position, (command, env) in enumerate(commands):
            if before and position in before:
                before[position]()
            elapsed, rss = run_once(command, env)
            if round_:
                times[position].append(elapsed)
                peaks[position] = max(peaks[position], rss)
    return times, peaks


def _python_of(accord: str) -> str:
    """Return the interpreter an installed accord script runs with (its shebang)."""
    with open(accord, "rb") as script:
        first = script.readline().decode(errors="replace").strip()
    if first.startswith("#!") and first[2:].split() and Path(first[2:].split()[0]).exists():
        return first[2:].split()[0]
    sibling = Path(accord).parent / "python"
    if sibling.exists():
        return str(sibling)
    raise SystemExit(f"{accord}: cannot tell which Python runs it")


def _query(python: str, code: str) -> str:
    return subprocess.run([python, "-c", code], check=True, capture_output=True,
                          text=True).stdout.strip()


def install(revision: str, where: Path) -> str:
    """Export a git revision into `where` and install it, not editable, in a venv of its own.

    Returns the installed accord executable.
    """
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify",
                             f"{revision}^{{commit}}"], check=True, capture_output=True,
                            text=True).stdout.strip()
    source = where / "src"
    source.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", commit],
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(source)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    # The venv module of a venv's interpreter makes a venv on the same base interpreter.
    subprocess.run([PYTHON, "-m", "venv", str(where / ".venv")], check=True)
    done = subprocess.run([str(where / ".venv" / "bin" / "pip"), "install", "-q", str(source)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"installing {revision} ({commit[:12]}) failed:\n{done.stderr}")
    return str(where / ".venv" / "bin" / "accord")


def describe(build: Build) -> str:
    """One line about a build: where it comes from, how it is installed, its dependencies."""
    info = json.loads(_query(build.python, (
        "import json, accordcli\nfrom importlib import metadata\n"
        "d = metadata.distribution('accord')\n"
        "u = json.loads(d.read_text('direct_url.json') or '{}')\n"
        f"v = {{n: metadata.version(n) for n in {_VERSIONS!r}}}\n"
        "print(json.dumps([d.version, u.get('dir_info', {}).get('editable', False), v]))")))
    version, editable, versions = info
    kind = "EDITABLE install" if editable else "regular install"
    return (f"{build.name}: {build.origin}; accord {version}, {kind}, "
            + ", ".join(f"{k} {v}" for k, v in versions.items()))


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700)
    path.chmod(0o700)
    return path


def _empty(path: Path) -> Callable[[], None]:
    def empty() -> None:
        shutil.rmtree(path, ignore_errors=True)
        _private_dir(path)
    return empty


def _has_index(cache: Path) -> bool:
    return any(cache.rglob("*.sqlite"))


# Reporting --------------------------------------------------------------------------------

def gap_table(rows: Sequence[tuple[str, float, GapSummary]]) -> list[str]:
    """Markdown table of the gaps of figures (1) and (2); rows: (name, reference ms, summary)."""
    lines = ["| benchmark | reference ms | old gap ms (IQR) | new gap ms (IQR) "
             "| new − old gap ms | 95% interval | paired new − old ms (IQR) "
             f"| growth ≤ {MAX_GROWTH_MS:.0f} ms |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, reference, summary in rows:
        o, n, p = summary.old, summary.new, summary.paired
        verdict = "yes" if summary.within else "NO"
        if summary.rounds < MIN_PAIRED_RUNS:
            verdict += f" (only {summary.rounds} runs)"
        lines.append(
            f"| {name} | {reference:.1f} | {o[0]:+.1f} ({o[1]:+.1f} to {o[2]:+.1f}) "
            f"| {n[0]:+.1f} ({n[1]:+.1f} to {n[2]:+.1f}) | {summary.growth:+.1f} "
            f"| {summary.interval[0]:+.1f} to {summary.interval[1]:+.1f} "
            f"| {p[0]:+.1f} ({p[1]:+.1f} to {p[2]:+.1f}) | {verdict} |")
    return lines


def ratio_table(rows: Sequence[tuple[str, str, str, float, float, float | None]]) -> list[str]:
    """Markdown table as bench/run.py prints; rows: (benchmark, build, reference, accord ms,
    reference ms, target or None)."""
    lines = ["| benchmark | build | reference | accord ms | reference ms | ratio | target | met |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for name, build, reference, mine, theirs, target in rows:
        ratio = mine / theirs
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        shown = "" if target is None else f"≤ {target:.2f}×"
        lines.append(f"| {name} | {build} | {reference} | {mine:,.0f} | {theirs:,.0f} "
                     f"| {ratio:.2f}× | {shown} | {met} |")
    return lines


# Main -------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    OUT.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="accord-compare-"))
    scratch.chmod(0o700)
    installed: list[Path] = []
    try:
        builds = []
        for side in ("old", "new"):
            accord, revision = getattr(arguments, side), getattr(arguments, f"{side}_rev")
            if revision:
                where = Path(tempfile.mkdtemp(prefix=f"accord-{side}-"))
                installed.append(where)
                print(f"installing {side} build {revision} into {where} ...", file=sys.stderr)
                commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12",
                                         f"{revision}^{{commit}}"], check=True,
                                        capture_output=True, text=True).stdout.strip()
                accord, origin = install(revision, where), f"git {revision} = {commit}"
            else:
                accord = str(Path(accord).absolute())
                origin = accord
            builds.append(Build(side, accord, _python_of(accord), origin,
                                _private_dir(scratch / f"{side}-cache"),
                                _private_dir(scratch / f"{side}-first-cache")))
        return measure(arguments, builds, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        for where in installed:
            if arguments.keep:
                print(f"kept {where}", file=sys.stderr)
            else:
                shutil.rmtree(where, ignore_errors=True)


def measure(arguments: argparse.Namespace, builds: list[Build], scratch: Path) -> int:
    old, new = builds
    for build in builds:
        # From bytecode, as an installed accord runs (pip writes it; an editable tree may not).
        package = _query(build.python, "import accordcli, os; "
                                       "print(os.path.dirname(accordcli.__file__))")
        subprocess.run([build.python, "-m", "compileall", "-q", package], check=True)
    big = big_dataset(arguments.events)

    base = {k: v for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "ACCORD_DATA",
                         "ACCORD_CACHE_DIR", "XDG_CACHE_HOME")}
    base["COLUMNS"] = "100"
    variable = arguments.cache_variable
    ref_env = {**base, "XDG_CACHE_HOME": str(_private_dir(scratch / "reference-cache"))}

    def env(build: Build, extra: dict[str, str] | None = None,
            first: bool = False) -> dict[str, str]:
        return {**base, variable: str(build.first_cache if first else build.cache),
                **(extra or {})}

    versions = ", ".join(f"{k} {v}" for k, v in json.loads(_query(PYTHON, (
        "import json\nfrom importlib import metadata\n"
        f"print(json.dumps({{n: metadata.version(n) for n in {_VERSIONS!r}}}))"))).items())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"reference: {PYTHON}; {versions}")
    for build in builds:
        answer = subprocess.run([build.accord, "timeline", "--from", "1978", "--json"],
                                env=env(build), check=True, capture_output=True).stdout
        print(f"{describe(build)}; `timeline --from 1978` answers {len(json.loads(answer))} "
              f"events; cache via {variable}")
        if not _has_index(build.cache):
            raise SystemExit(f"{build.name}: no index was written in {build.cache}; "
                             "its starts would not be measured as users run them")
    print(f"runs: {arguments.runs} paired (first-run comparison: {arguments.big_runs}) after "
          "one warm-up round, in turn (reference, old, new, ...), medians\n")

    ratio_rows: list[tuple[str, str, str, float, float, float | None]] = []
    gap_rows: list[tuple[str, float, GapSummary]] = []
    startup = [
        ("(1) timeline --from 1978 --json", "minimal Typer app, one line",
         [PYTHON, str(HERE / "ref_app.py"), "timeline", "--from", "1978", "--json"],
         ["timeline", "--from", "1978", "--json"], {}),
        ("(2) timeline --from 1978 (table)", "Typer app, 5-row Rich table",
         [PYTHON, str(HERE / "ref_table.py"), "timeline"],
         ["timeline", "--from", "1978"], {"FORCE_COLOR": "1"}),
    ]
    for name, reference, ref_command, query, extra in startup:
        print(f"running {name} ...", file=sys.stderr)
        (ref, old_t, new_t), _ = rotate(
            [(ref_command, {**ref_env, **extra}),
             ([old.accord, *query], env(old, extra)),
             ([new.accord, *query], env(new, extra))], arguments.runs)
        for build, times in ((old, old_t), (new, new_t)):
            ratio_rows.append((name, build.name, reference, ms(times), ms(ref), None))
        gap_rows.append((name, ms(ref), summarize_gaps(ref, old_t, new_t)))

    query = ["timeline", "--data", str(big), "--from", "1980", "--to", "1980", "--json"]
    print("running (3a) ...", file=sys.stderr)
    (ref, old_t, new_t), _ = rotate(
        [([PYTHON, "-c", f"import tomllib; tomllib.load(open({str(big)!r}, 'rb'))"], ref_env),
         ([old.accord, *query], env(old, first=True)),
         ([new.accord, *query], env(new, first=True))], arguments.big_runs,
        before={1: _empty(old.first_cache), 2: _empty(new.first_cache)})
    name = f"(3a) first run, {arguments.events:,} events"
    for build, times in ((old, old_t), (new, new_t)):
        ratio_rows.append((name, build.name, "tomllib.load of the same file", ms(times),
                           ms(ref), TARGETS["3a"]))

    print("running (3b) ...", file=sys.stderr)
    shipped = ["timeline", "--from", "1980", "--to", "1980", "--json"]
    repeated, peaks = rotate(
        [([old.accord, *query], env(old)), ([old.accord, *shipped], env(old)),
         ([new.accord, *query], env(new)), ([new.accord, *shipped], env(new))], arguments.runs)
    name = f"(3b) repeated run, {arguments.events:,} events"
    for position, build in ((0, old), (2, new)):
        ratio_rows.append((name, build.name, "same query, shipped dataset",
                           ms(repeated[position]), ms(repeated[position + 1]),
                           TARGETS["3b"]))

    print("\n".join(ratio_table(ratio_rows)))
    print("\nGap to the reference, accord minus reference in the same round (ms): medians, "
          "quartiles in brackets;\nnew − old is the difference of the median gaps, with a 95% "
          "bootstrap interval over the rounds.\n")
    print("\n".join(gap_table(gap_rows)))
    print()
    for position, build in ((0, old), (2, new)):
        print(f"peak memory of the repeated {arguments.events:,}-event run, {build.name}: "
              f"{peaks[position]} MiB (target < {PEAK_LIMIT_MIB} MiB: "
              f"{'yes' if peaks[position] < PEAK_LIMIT_MIB else 'NO'})")

    failures = [f"{name}: the gap grew by {summary.growth:+.1f} ms"
                for name, _, summary in gap_rows if not summary.within]
    failures += [f"{name}: new build {mine / theirs:.2f}× > {target:.2f}×"
                 for name, build, _, mine, theirs, target in ratio_rows
                 if build == "new" and target is not None and mine / theirs > target]
    if peaks[2] >= PEAK_LIMIT_MIB:
        failures.append(f"new build peak memory {peaks[2]} MiB")
    if arguments.runs < MIN_PAIRED_RUNS:
        failures.append(f"only {arguments.runs} paired runs (the issue asks for "
                        f"{MIN_PAIRED_RUNS} or more)")
    print("\nverdict: " + ("within the issue's limits" if not failures
                           else "NOT within the issue's limits: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
