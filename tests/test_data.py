"""The shipped dataset: counts, the facts that matter, every text bilingual, every item sourced."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from accordcli.load import default_data_path, load
from accordcli.model import Actor, Clause, Dataset, Event, LocalText

D = dt.date
FIXED_ACTORS = ("afghanistan", "pakistan", "usa", "ussr", "un", "mujahideen", "gorbachev",
                "cordovez", "perez-de-cuellar", "shevardnadze", "shultz", "wakil", "noorani",
                "najibullah", "zia-ul-haq")
VOCABULARY = {"diplomacy", "negotiations", "treaty", "un", "military", "withdrawal",
              "refugees", "domestic-politics", "leadership", "cold-war", "non-interference",
              "guarantees", "monitoring", "aftermath"}
BANNED = ("hapeye.net", "grokipedia")


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load(default_data_path(), use_cache=False)


def test_minimum_counts(data: Dataset) -> None:
    assert len(data.events) >= 45
    assert len(data.actors) >= 20
    assert [c.number for c in data.clauses] == [1, 2, 3, 4]
    assert all(c.provisions for c in data.clauses)


def test_range_from_saur_revolution_to_islamic_state_and_epilogue(data: Dataset) -> None:
    first = min(data.events, key=lambda e: e.date.start)
    assert first.id == "saur-revolution" and first.date.start == D(1978, 4, 27)
    assert data.event("islamic-state").date.start == D(1992, 4, 28)  # type: ignore[union-attr]
    last = max(data.events, key=lambda e: e.date.end)
    assert last.id == "najibullah-killed" and last.date.start == D(1996, 9, 27)


@pytest.mark.parametrize(
    ("event_id", "text"),
    [
        ("accords-signed", "1988-04-14"),
        ("entry-into-force", "1988-05-15"),
        ("ungomap-established", "1988-05-15"),
        ("soviet-withdrawal", "1988-05-15/1989-02-15"),
        ("withdrawal-halfway", "1988-08-15"),
        ("withdrawal-complete", "1989-02-15"),
        ("gorbachev-statement", "1988-02-08"),  # not 9 February, as the Turkish article says
        ("geneva-talks-begin", "1982-06"),  # the Geneva talks proper, not 1981
        ("zia-killed", "1988-08-17"),
        ("junejo-dismissed", "1988-05-29"),
        ("unsc-622", "1988-10-31"),
        ("ungomap-ends", "1990-03-15"),
        ("peshawar-accord", "1992-04-24"),
        ("islamic-state", "1992-04-28"),
        ("najibullah-killed", "1996-09-27"),
    ],
)
def test_key_dates(data: Dataset, event_id: str, text: str) -> None:
    event = data.event(event_id)
    assert event is not None, event_id
    assert event.date.text == text


def test_fall_of_najibullah_is_april_1992_not_1993(data: Dataset) -> None:
    event = data.event("najibullah-falls")
    assert event is not None
    assert (event.date.start.year, event.date.start.month) == (1992, 4)


def test_seed_corrections_are_explained_in_notes(data: Dataset) -> None:
    statement = data.event("gorbachev-statement")
    assert statement is not None and statement.note is not None
    assert "9 February" in statement.note.en and "9 Şubat" in (statement.note.tr or "")
    mediation = data.event("un-mediation-begins")
    assert mediation is not None and mediation.date.start.year == 1981
    talks = data.event("geneva-talks-begin")
    assert talks is not None and talks.note is not None and "1981" in talks.note.en


def test_the_four_clauses_their_parties_signatories_and_witnesses(data: Dataset) -> None:
    by_number = {c.number: c for c in data.clauses}
    assert [by_number[n].id for n in (1, 2, 3, 4)] == [
        "non-interference", "guarantees", "refugees", "interrelationships"]
    for number in (1, 3, 4):
        assert set(by_number[number].parties) == {"afghanistan", "pakistan"}
        assert set(by_number[number].signatories) == {"wakil", "noorani"}
    assert set(by_number[2].parties) == {"usa", "ussr"}
    assert set(by_number[2].signatories) == {"shevardnadze", "shultz"}
    assert set(by_number[4].witnesses) == {"shevardnadze", "shultz"}
    assert not by_number[1].witnesses and not by_number[3].witnesses
    for clause in data.clauses:
        assert clause.signed.text == "1988-04-14"
        assert clause.in_force is not None and clause.in_force.text == "1988-05-15"
    memorandum = [p for p in by_number[4].provisions if p.number.startswith("MoU")]
    assert memorandum, "the memorandum of understanding belongs to clause 4"


def test_noorani_is_minister_of_state(data: Dataset) -> None:
    noorani = data.actor("noorani")
    assert noorani is not None and "Minister of State" in noorani.role.en


def test_fixed_actor_ids_and_people_affiliations(data: Dataset) -> None:
    for actor_id in FIXED_ACTORS:
        assert data.actor(actor_id) is not None, actor_id
    for actor in data.actors:
        if actor.kind == "person":
            assert actor.affiliation and data.actor(actor.affiliation), actor.id


def _texts(data: Dataset) -> list[tuple[str, LocalText]]:
    found: list[tuple[str, LocalText]] = []
    for event in data.events:
        found += [(f"{event.id}.title", event.title), (f"{event.id}.summary", event.summary)]
        if event.note:
            found.append((f"{event.id}.note", event.note))
    for actor in data.actors:
        found += [(f"{actor.id}.name", actor.name), (f"{actor.id}.role", actor.role)]
    for clause in data.clauses:
        found += [(f"{clause.id}.title", clause.title), (f"{clause.id}.summary", clause.summary)]
        if clause.full_title:
            found.append((f"{clause.id}.full_title", clause.full_title))
        found += [(f"{clause.id}/{p.number}", p.text) for p in clause.provisions]
    found += [(f"tag {t.id}", t.label) for t in data.tags]
    if data.title:
        found.append(("dataset.title", data.title))
    return found


def test_every_text_is_bilingual(data: Dataset) -> None:
    missing = [where for where, text in _texts(data) if not text.tr or not text.tr.strip()]
    assert missing == []


def test_turkish_texts_look_turkish_and_no_internal_jargon(data: Dataset) -> None:
    turkish_letters = re.compile("[çğıİöşüÇĞÖŞÜâ]")
    long_texts = [(w, t) for w, t in _texts(data) if t.tr and len(t.tr) > 80]
    assert sum(bool(turkish_letters.search(t.tr or "")) for _, t in long_texts) >= (
        0.9 * len(long_texts))
    for where, text in _texts(data):
        for word in ("helper", "prescribed", "SCHEMA", "the seed"):
            assert word not in text.en and word not in (text.tr or ""), (where, word)


def test_every_item_cites_existing_sources_and_none_banned(data: Dataset) -> None:
    items: list[Event | Actor | Clause] = [*data.events, *data.actors, *data.clauses]
    for item in items:
        assert item.sources, item.id
        assert all(data.source(s) for s in item.sources), item.id
    for source in data.sources:
        assert not any(b in source.url for b in BANNED), source.url


def test_tags_are_the_controlled_vocabulary(data: Dataset) -> None:
    assert {t.id for t in data.tags} == VOCABULARY
    used = {t for e in data.events for t in e.tags}
    used |= {t for c in data.clauses for p in c.provisions for t in p.tags}
    assert used <= VOCABULARY


def test_conflicts_are_shown_not_hidden(data: Dataset) -> None:
    qualified = [e for e in data.events if e.date.uncertain or e.date.approximate]
    assert qualified, "some dates are uncertain and must say so"
    for event in qualified:
        assert event.note is not None, f"{event.id} is qualified but has no note"


def test_the_readme_example_data_file_validates(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    dataset = load(path, use_cache=False)
    assert [e.id for e in dataset.events] == ["gorbachev-statement"]
    assert dataset.clauses[0].relations("usa") == ("party",)
