"""Write a large valid dataset (default 100,000 events) for the scaling benchmarks."""

from __future__ import annotations

import argparse
import calendar
import random
from pathlib import Path

TAGS = ["diplomacy", "negotiations", "treaty", "un", "military", "withdrawal", "refugees",
        "domestic-politics", "leadership", "cold-war"]
WORDS_EN = ["talks", "border", "envoy", "troops", "council", "refugee", "treaty", "summit",
            "ceasefire", "delegation", "statement", "convoy", "mission", "report"]
WORDS_TR = ["görüşme", "sınır", "elçi", "asker", "konsey", "mülteci", "antlaşma", "zirve",
            "ateşkes", "heyet", "açıklama", "konvoy", "misyon", "rapor"]


def _date(rng: random.Random) -> str:
    year = rng.randint(1900, 2099)
    form = rng.random()
    if form < 0.1:
        return f"{year}"
    month = rng.randint(1, 12)
    if form < 0.25:
        return f"{year}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    start = f"{year}-{month:02d}-{day:02d}"
    if form < 0.45:  # a period of up to about a year
        days = rng.randint(1, 400)
        import datetime as dt

        end = dt.date(year, month, day) + dt.timedelta(days=days)
        return f"{start}/{end.isoformat()}"
    return start + ("?" if form > 0.97 else "")


def write(path: Path, count: int, seed: int = 1988) -> None:
    """Write `count` events with 200 actors, tags, intervals and both languages."""
    rng = random.Random(seed)
    out = ['[dataset]\ntitle = { en = "Benchmark", tr = "Kıyaslama" }\n',
           '[[sources]]\nid = "s"\ntitle = "Generated"\nurl = "https://example.org"\n'
           'publisher = "bench"\n']
    for tag in TAGS:
        out.append(f'[[tags]]\nid = "{tag}"\nlabel = {{ en = "{tag}", tr = "{tag}" }}\n')
    for n in range(200):
        out.append(f'[[actors]]\nid = "actor-{n}"\nkind = "state"\n'
                   f'name = {{ en = "Actor {n}", tr = "Aktör {n}" }}\n'
                   f'role = {{ en = "Role {n}", tr = "Rol {n}" }}\nsources = ["s"]\n')
    for n in range(count):
        en = " ".join(rng.choices(WORDS_EN, k=8))
        tr = " ".join(rng.choices(WORDS_TR, k=8))
        actors = ", ".join(f'"actor-{a}"' for a in rng.sample(range(200), 3))
        tags = ", ".join(f'"{t}"' for t in rng.sample(TAGS, 2))
        out.append(
            f'[[events]]\nid = "event-{n}"\ndate = "{_date(rng)}"\n'
            f'title = {{ en = "Event {n}: {en[:30]}", tr = "Olay {n}: {tr[:30]}" }}\n'
            f'summary = {{ en = "{en}.", tr = "{tr}." }}\n'
            f"actors = [{actors}]\ntags = [{tags}]\nsources = [\"s\"]\n")
    path.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    arguments = parser.parse_args()
    write(arguments.path, arguments.events)
