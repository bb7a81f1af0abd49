"""Headless Chromium, driven over the DevTools protocol through a pipe: standard library only.

The browser tests (tests/test_html_browser.py) and the README's screenshot
(scripts/screenshot.py) open accord's web pages with it. One browser serves many pages at
once; each page records every console line, uncaught exception, log entry and request, so a
test can read all of them. Every host name lookup fails (--host-resolver-rules): a page that
tries to fetch anything from a network says so in its log and its requests.

    with Browser() as browser:
        page = browser.open(Path("timeline.html"))
        page.wait_for("window.timeline && window.timeline.ready")
        print(page.evaluate("document.title"), page.console, page.requests)
        Path("shot.png").write_bytes(page.screenshot())
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Debian's package names the browser `chromium`; elsewhere it may be one of the others.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# What a browser started by a program needs here: no sandbox (CI runs as root), no GPU, no
# background connections of its own (the closed network refuses them, noisily), a profile of
# its own, and no name resolved, so nothing on a page can reach a network.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
TIMEOUT = 30.0


class BrowserError(Exception):
    """The browser is missing, died, or did not answer in time."""


def find() -> str:
    """Return the path of a Chromium, or raise BrowserError saying how to install one."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserError("no Chromium found: install it (Debian: apt-get install chromium)")


def _high(fd: int) -> int:
    """Return a copy of `fd` numbered 10 or more, closing `fd`: the shell that starts the
    browser (bash: sh may not name fds over 9) moves the pipes to 3 and 4, which must not
    be taken by the pipes themselves."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """One headless Chromium; `open` gives pages. Use it as a context manager."""

    def __init__(self, width: int = 1280, height: int = 800,
                 executable: str | None = None) -> None:
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="accord-chromium-")
        commands_read, commands_write = map(_high, os.pipe())
        answers_read, answers_write = map(_high, os.pipe())
        arguments = [executable or find(), *FLAGS, f"--user-data-dir={self.profile}",
                     f"--window-size={width},{height}", "--remote-debugging-pipe",
                     "about:blank"]
        # --remote-debugging-pipe reads commands on fd 3 and writes answers on fd 4.
        self.log = open(os.path.join(self.profile, "stderr.log"), "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{commands_read} 4>&{answers_write} '
                              f"{commands_read}<&- {answers_write}>&-", "sh", *arguments],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            pass_fds=(commands_read, answers_write))
        os.close(commands_read)
        os.close(answers_write)
        self._out = os.fdopen(commands_write, "wb", buffering=0)
        self._in = answers_read
        self._next = 0
        self._lock = threading.Lock()
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._pages: dict[str, Page] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.version = self.send("Browser.getVersion")["product"]

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        # SIGTERM: Chromium shuts down as on Browser.close, in a quarter of the time.
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Send one command and return its result; raise BrowserError on an error."""
        with self._lock:
            self._next += 1
            number = self._next
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._answers[number] = box
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self._out.write(json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"the browser has gone: {self.stderr()}") from None
        try:
            answer = box.get(timeout=timeout)
        except queue.Empty:
            raise BrowserError(f"{method}: no answer in {timeout} s") from None
        finally:
            self._answers.pop(number, None)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._dispatch(json.loads(raw))
        os.close(self._in)
        for box in list(self._answers.values()):
            box.put({"error": {"message": "the browser has gone"}})

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message:
            box = self._answers.get(message["id"])
            if box is not None:
                box.put(message)
            return
        page = self._pages.get(message.get("sessionId", ""))
        if page is not None:
            page.record(message["method"], message.get("params", {}))

    def stderr(self) -> str:
        """Return what the browser printed on stderr."""
        return Path(self.profile, "stderr.log").read_text(errors="replace")[-2000:]

    def open(self, path: Path, javascript: bool = True) -> Page:
        """Open a file in a new page, recording from before it loads; return at once."""
        target = self.send("Target.createTarget", {"url": "about:blank"})
        session = self.send("Target.attachToTarget",
                            {"targetId": target["targetId"], "flatten": True})["sessionId"]
        page = Page(self, session)
        self._pages[session] = page
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1,
                   "mobile": False}, session=session)
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        return page


class Page:
    """A page of the browser, with everything it logged and requested."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.console: list[str] = []  # every console line, exception and log entry
        self.requests: list[str] = []  # every URL the page asked for
        self._urls: dict[str, str] = {}

    def record(self, method: str, params: dict[str, Any]) -> None:
        if method == "Runtime.consoleAPICalled":
            words = [str(a.get("value", a.get("description", a.get("type"))))
                     for a in params.get("args", [])]
            self.console.append(f"console.{params.get('type')}: {' '.join(words)}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            thrown = details.get("exception", {}).get("description", "")
            self.console.append(f"exception: {details.get('text')} {thrown}".strip())
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            self.console.append(f"log.{entry.get('level')} ({entry.get('source')}): "
                                f"{entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            self._urls[params.get("requestId", "")] = url
            self.requests.append(url)
        elif method == "Network.loadingFailed":
            url = self._urls.get(params.get("requestId", ""), "?")
            self.console.append(f"failed load: {url[:200]} {params.get('errorText')}")

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression in the page (JSON-serialisable)."""
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = TIMEOUT) -> None:
        """Wait until a JavaScript expression is true in the page."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"!!({expression})"):
            if time.monotonic() > deadline:
                raise BrowserError(f"not true after {timeout} s: {expression}; "
                                   f"console: {self.console}")
            time.sleep(0.05)

    def screenshot(self, scale: float = 1.0) -> bytes:
        """Return a PNG of the page's viewport."""
        clip = {"x": 0, "y": 0, "width": self.browser.width, "height": self.browser.height,
                "scale": scale}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
        return base64.b64decode(data)


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind = png[position + 4:position + 8]
        yield kind, png[position + 8:position + 8 + length]
        position += 12 + length


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Return the width, height and rows of RGB(A) pixels of an 8-bit truecolour PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    header, data = b"", b""
    for kind, body in _chunks(png):
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    if depth != 8 or colour not in (2, 6):
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * size
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up = previous[x]
            corner = previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours(png: bytes) -> int:
    """Return how many different colours a PNG holds: 1 for a blank page."""
    width, _, rows = pixels(png)
    size = len(rows[0]) // width
    return len({row[x:x + size] for row in rows for x in range(0, len(row), size)})
