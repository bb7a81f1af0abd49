"""The shipped data is found after a regular install, an editable install, from any directory."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import clean_env

ROOT = Path(__file__).resolve().parents[1]


def fresh_venv(where: Path) -> Path:
    """Make a venv without pip that borrows this environment's dependencies (offline)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # A plain path line: the parent's packages become importable, but its .pth files (our
    # own editable install among them) are not processed, so only the new install counts.
    parents = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(purelib, "borrowed-deps.pth").write_text("\n".join(sorted(parents)) + "\n")
    return python


def pip_into(python: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "--no-index", "--no-build-isolation", "--quiet", *args],
                   check=True, cwd=ROOT, env=clean_env(PIP_NO_WARN_SCRIPT_LOCATION="1"))


def check_runs_anywhere(python: Path, cwd: Path) -> str:
    accord = python.parent / "accord"
    for command in ([str(accord), "validate"],
                    [str(python), "-m", "accordcli", "validate"],
                    [str(accord), "timeline", "--from", "1978", "--limit", "1"],
                    # "Nisan" is read through the Turkish catalogue, which must be installed.
                    [str(accord), "timeline", "--from", "14 Nisan 1988", "--limit", "1"],
                    # Help in Turkish comes from the compiled catalogue, which must be
                    # installed (its .mo, not only the .po).
                    [str(accord), "--lang", "tr", "timeline", "-h"],
                    # The web page inlines the vendored TimelineJS, which must be installed.
                    [str(accord), "timeline", "--format", "html", "--limit", "1",
                     "--lang", "tr"]):
        out = subprocess.run(command, capture_output=True, text=True, cwd=cwd,
                             env=clean_env())
        assert out.returncode == 0, (command, out.stderr)
        assert out.stdout and "Traceback" not in out.stderr
        assert "Kullanım: accord timeline" in out.stdout or "-h" not in command
    return subprocess.run([str(accord), "validate"], capture_output=True, text=True,
                          cwd=cwd, env=clean_env()).stdout


@pytest.mark.slow
def test_regular_install_finds_the_shipped_data(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index",
                    "--no-build-isolation", "--quiet", "-w", str(wheels), str(ROOT)],
                   check=True, env=clean_env())
    wheel = next(wheels.glob("accord-*.whl"))
    # The vendored TimelineJS costs the wheel at most 600 KB (README, "Publish").
    with zipfile.ZipFile(wheel) as archive:
        vendored = [i for i in archive.infolist() if "/vendor/" in i.filename
                    or "/licenses/" in i.filename]
    assert {Path(i.filename).name for i in vendored} >= {"timeline.js", "tr.json", "LICENSE"}
    assert sum(i.compress_size for i in vendored) < 600_000
    python = fresh_venv(tmp_path / "venv")
    pip_into(python, str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = check_runs_anywhere(python, elsewhere)
    assert "site-packages" in report and str(ROOT) not in report


@pytest.mark.slow
def test_editable_install_finds_the_shipped_data(tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    pip_into(python, "--editable", str(ROOT))
    report = check_runs_anywhere(python, Path(os.sep))
    assert report.startswith(str(ROOT / "src" / "accordcli" / "data" / "events.toml"))


def test_top_level_data_file_is_the_packaged_one() -> None:
    top = ROOT / "data" / "events.toml"
    packaged = ROOT / "src" / "accordcli" / "data" / "events.toml"
    assert top.resolve() == packaged.resolve()
