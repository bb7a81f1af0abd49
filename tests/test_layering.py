"""The core imports neither Typer nor Rich, and the JSON path never loads Rich's console."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SAMPLE, clean_env

CORE = ["accordcli.model", "accordcli.edtf", "accordcli.dates", "accordcli.load",
        "accordcli.read", "accordcli.validate", "accordcli.checker", "accordcli.ids",
        "accordcli.query", "accordcli.actors", "accordcli.search", "accordcli.match",
        "accordcli.text", "accordcli.interval", "accordcli.cache", "accordcli.store",
        "accordcli.codec", "accordcli.errors", "accordcli.i18n", "accordcli.environment",
        "accordcli.fts"]


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=env or clean_env())
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_core_modules_import_neither_typer_nor_rich() -> None:
    loaded = modules_after("\n".join(f"import {m}" for m in CORE))
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "click")}


def run_cli_and_list_modules(*args: str) -> set[str]:
    code = (
        "import sys, atexit, json\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['accord', *{list(args)!r}]\n"
        "from accordcli.cli import main\nmain()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=clean_env())
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_machine_formats_never_import_rich() -> None:
    # A promise that keeps the JSON path's start-up fast: Rich is for terminals.
    for args in (["timeline", "--from", "1978", "--json"], ["actors", "--format", "csv"],
                 ["clauses", "1", "--json"], ["timeline", "--format", "timelinejs"],
                 ["event", "talks-open", "--format", "ndjson"], ["span", "1988-01-01", "1989-01-01",
                                                                 "--format", "markdown"]):
        loaded = run_cli_and_list_modules(*args, "--data", str(SAMPLE))
        assert not {m for m in loaded if m.split(".")[0] == "rich"}, args
