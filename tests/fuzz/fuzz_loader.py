"""Fuzz the data loader: bytes -> decode -> parse_toml -> build must raise DataError or succeed.

Run:  python tests/fuzz/fuzz_loader.py -max_total_time=60 [CORPUS_DIR ...]

The first byte picks how the rest is used: as the whole file, as a replacement for one line
of the sample dataset, or as a replacement for the value of one `key = value` line of it.
The last two reach the schema checks behind a valid TOML document, which random bytes
almost never do. Any exception other than DataError is a crash (atheris prints it and
writes crash-*). The installed tomli is compiled with mypyc, so only accordcli's own code
gives the fuzzer coverage feedback.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

# Only a run as a script needs atheris: importing this file (say, by naming it to pytest)
# works without it.
if __name__ == "__main__":
    import atheris

    # No "RegEx" hook: its pattern proxy does not accept tomli's pattern.match(text, pos).
    atheris.enabled_hooks.add("str")
    instrumented = atheris.instrument_imports(include=["accordcli", "tomli"])
else:
    instrumented = contextlib.nullcontext()

with instrumented:
    from accordcli.errors import DataError
    from accordcli.model import Dataset
    from accordcli.read import decode, parse_toml
    from accordcli.validate import build

SAMPLE_LINES = (Path(__file__).resolve().parent.parent / "data" / "sample.toml").read_bytes() \
    .splitlines(keepends=True)
VALUE_LINES = [i for i, line in enumerate(SAMPLE_LINES) if b" = " in line]
NAME = "fuzz.toml"


def raw_input(data: bytes) -> bytes:
    """Return the file the fuzzer's bytes stand for."""
    if len(data) < 3:
        return data[1:]
    mode, pick, rest = data[0] % 3, int.from_bytes(data[1:3], "little"), data[3:]
    if mode == 0:
        return data[1:]
    if mode == 1:
        line = pick % len(SAMPLE_LINES)
        new = rest + b"\n"
    else:
        line = VALUE_LINES[pick % len(VALUE_LINES)]
        key = SAMPLE_LINES[line].split(b" = ", 1)[0]
        new = key + b" = " + rest + b"\n"
    return b"".join(SAMPLE_LINES[:line]) + new + b"".join(SAMPLE_LINES[line + 1:])


def load_bytes(raw: bytes) -> Dataset:
    """The loader's whole pipeline after reading the file."""
    return build(parse_toml(decode(raw, NAME), NAME), NAME)


def TestOneInput(data: bytes) -> None:
    try:
        dataset = load_bytes(raw_input(data))
    except DataError as err:
        # Every problem is reported as a line that names the file.
        for line in err.lines():
            assert line.startswith(f"{NAME}: "), line
        return
    # A dataset that loads has sane spans.
    for event in dataset.events:
        assert event.date.start <= event.date.end, event


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
