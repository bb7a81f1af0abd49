"""Refresh the copy of Knight Lab's TimelineJS that `--format html` inlines into its page.

    python scripts/vendor_timelinejs.py              # the pinned VERSION below, again
    python scripts/vendor_timelinejs.py 3.9.12       # move to another release (then set
                                                     # VERSION below to it)
    python scripts/vendor_timelinejs.py --check      # exit 1 if a vendored file was changed

Takes the release with `npm pack` (npm's own registry setting; no address here), and keeps
in src/accordcli/vendor/timelinejs/ only what the page needs, byte for byte as the package
ships it: the minified script, its stylesheet, the icon font in its smallest format (WOFF2),
the locale of every language accord speaks but English (English is built into the script),
and the licence texts: TimelineJS's (MPL-2.0) and those of the two libraries its script
bundles, DOMPurify (Apache-2.0 or MPL-2.0) and wicg-inert (W3C-20150513). VERSION names the
release and SHA256SUMS the files (`sha256sum -c SHA256SUMS` there checks them). The page's
changes to these files (the icon font as a data: URL) are made by render/html.py as it
writes, so the files stay as shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "accordcli"
TARGET = PACKAGE / "vendor" / "timelinejs"
LOCALE = PACKAGE / "locale"

NAME = "@knight-lab/timelinejs"
VERSION = "3.9.11"

# package path -> vendored name
FILES = {
    "dist/js/timeline.js": "timeline.js",
    "dist/js/timeline.js.LICENSE.txt": "timeline.js.LICENSE.txt",
    "dist/css/timeline.css": "timeline.css",
    "dist/css/icons/tl-icons.woff2": "tl-icons.woff2",
    "LICENSE": "LICENSE",
}
SUMS = "SHA256SUMS"


def languages() -> list[str]:
    """Return the languages accord has catalogues for: their TimelineJS locales ship."""
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def pack(spec: str, into: Path) -> Path:
    """Return the unpacked folder of the npm package `spec` (name@version or range)."""
    into.mkdir(parents=True)
    done = subprocess.run(["npm", "pack", "--json", "--pack-destination", str(into), spec],
                          check=True, capture_output=True, text=True)
    tarball = into / json.loads(done.stdout)[0]["filename"]
    with tarfile.open(tarball) as archive:
        archive.extractall(into, filter="data")
    return into / "package"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor(version: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        timeline = pack(f"{NAME}@{version}", work / "timeline")
        manifest = json.loads((timeline / "package.json").read_text(encoding="utf-8"))
        # The script's own licence note names the DOMPurify release it bundles.
        banner = (timeline / "dist/js/timeline.js.LICENSE.txt").read_text(encoding="utf-8")
        found = re.search(r"DOMPurify (\d+\.\d+\.\d+)", banner)
        if found is None:
            sys.exit("no DOMPurify version in timeline.js.LICENSE.txt")
        dompurify = pack(f"dompurify@{found[1]}", work / "dompurify")
        inert_range = manifest["dependencies"]["wicg-inert"]
        inert = pack(f"wicg-inert@{inert_range}", work / "inert")

        if TARGET.exists():
            shutil.rmtree(TARGET)
        TARGET.mkdir(parents=True)
        copies = dict(FILES)
        copies.update({f"dist/js/locale/{lang}.json": f"locale/{lang}.json"
                       for lang in languages() if lang != "en"})
        for source, name in copies.items():
            (TARGET / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(timeline / source, TARGET / name)
        shutil.copyfile(dompurify / "LICENSE", TARGET / "LICENSE.dompurify")
        shutil.copyfile(inert / "LICENSE.md", TARGET / "LICENSE.wicg-inert")
        inert_version = json.loads((inert / "package.json").read_text(encoding="utf-8"))
        (TARGET / "VERSION").write_text(
            f"{NAME} {manifest['version']}\n"
            f"bundling dompurify {found[1]} and wicg-inert {inert_range} "
            f"(licence from {inert_version['version']})\n", encoding="utf-8")
    write_sums()


def vendored() -> list[Path]:
    return sorted(p for p in TARGET.rglob("*") if p.is_file() and p.name != SUMS)


def write_sums() -> None:
    lines = [f"{sha256(p)}  {p.relative_to(TARGET).as_posix()}\n" for p in vendored()]
    (TARGET / SUMS).write_text("".join(lines), encoding="utf-8")


def check() -> list[str]:
    """Return what differs from SHA256SUMS: changed, missing or unlisted files."""
    listed = {}
    for line in (TARGET / SUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.relative_to(TARGET).as_posix(): sha256(p) for p in vendored()}
    problems = [f"changed: {n}" for n in listed if n in present and present[n] != listed[n]]
    problems += [f"missing: {n}" for n in listed if n not in present]
    problems += [f"not listed: {n}" for n in present if n not in listed]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("version", nargs="?", default=VERSION)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "vendored files as shipped")
        sys.exit(1 if problems else 0)
    vendor(args.version)
    print(f"vendored {NAME} {args.version} into {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
