"""Make the README's picture of the web page: docs/timeline.png.

    python scripts/screenshot.py                # the shipped data, in English
    python scripts/screenshot.py --lang tr -o docs/timeline-tr.png

Writes `accord timeline --format html` to a temporary file, opens it in the headless
Chromium the browser tests use (scripts/chromium.py, every host name lookup failing), shows
the slide of the signing of the accords, and saves the viewport as a PNG.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chromium import Browser, colours

ROOT = Path(__file__).resolve().parent.parent
SLIDE = "accords-signed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "timeline.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        page_file = Path(scratch) / "timeline.html"
        with page_file.open("wb") as out:
            subprocess.run([sys.executable, "-m", "accordcli", "timeline", "--format", "html",
                            "--lang", args.lang], stdout=out, check=True)
        with Browser(width=1200, height=900) as browser:
            page = browser.open(page_file)
            page.wait_for("window.timeline && window.timeline.ready")
            page.evaluate(f"window.timeline.goToId({SLIDE!r})")
            time.sleep(2)  # TimelineJS slides over in 1 s
            shot = page.screenshot()
            if page.console:
                sys.exit(f"the page logged: {page.console}")
    if colours(shot) < 50:
        sys.exit("the screenshot is blank")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(shot)
    print(f"wrote {args.output} ({len(shot):,} bytes)")


if __name__ == "__main__":
    main()
