"""Fuzz the date grammar: parse_when must return a range, an anniversary or an event id, or
raise DateInputError.

Run:  python tests/fuzz/fuzz_dates.py -max_total_time=60 [CORPUS_DIR ...]

Inputs are any Unicode text, lone surrogates included: Python hands undecodable argv
bytes to the program as surrogate escapes (e.g. "\\udcff").
"""

from __future__ import annotations

import contextlib
import sys

# Only a run as a script needs atheris: importing this file (say, by naming it to pytest)
# works without it.
if __name__ == "__main__":
    import atheris

    atheris.enabled_hooks.add("RegEx")  # let the fuzzer see the patterns' literals
    atheris.enabled_hooks.add("str")
    instrumented = atheris.instrument_imports(include=["accordcli"])
else:
    instrumented = contextlib.nullcontext()

with instrumented:
    from accordcli.dates import DateInputError, DayRange, EventId, MonthDay, parse_when

# Fragments that steer the fuzzer towards the grammar's words and corners.
WORDS = ["1988", "04", "14", "April", "Nisan", "Eylül", "Şubat", "ağustos", "Monday", "EST",
         "+25:00", "T", "10:00", "/", "-", ".", " ", "of", "99999999999", "0000", "1e10", "BC",
         "am", "pm", "th", ",", "UTC", "Z", "２０２０", "?", "~", "%", "..", "Thu", "Sept",
         "Aprl", "avril", "W15", "Q2"]


def text_input(data: bytes) -> str:
    provider = atheris.FuzzedDataProvider(data)
    if provider.ConsumeBool():
        text: str = provider.ConsumeUnicode(provider.remaining_bytes())
        return text
    # Sentences built from the fragments above.
    count = provider.ConsumeIntInRange(1, 8)
    parts = []
    for _ in range(count):
        if provider.ConsumeBool():
            parts.append(WORDS[provider.ConsumeIntInRange(0, len(WORDS) - 1)])
        else:
            parts.append(provider.ConsumeUnicode(4))
    return "".join(parts)


def TestOneInput(data: bytes) -> None:
    text = text_input(data)
    try:
        found = parse_when(text)
    except DateInputError:
        return
    if isinstance(found, DayRange):
        assert found.first <= found.last, (text, found)
        assert found.precision in ("year", "month", "day", "range"), (text, found)
    elif isinstance(found, MonthDay):
        assert 1 <= found.month <= 12 and 1 <= found.day <= 31, (text, found)
    else:
        assert isinstance(found, EventId) and found.id == text, (text, found)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
