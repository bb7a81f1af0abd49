"""load.py: a data file gives a whole, valid Dataset (or a Window of its events), the same
read from the file or from its index; problems name the file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accordcli.load as loader
from accordcli.errors import DataError
from accordcli.model import Dataset, Window
from accordcli.query import timeline
from accordcli.read import parse
from accordcli.validate import build
from conftest import SAMPLE, process_cache_dir


def load(path: Path | None, *, use_cache: bool = True) -> Dataset:
    """Load as a command does, with the cache directory of this process's environment."""
    return loader.load(path, use_cache=use_cache, cache_dir=process_cache_dir())


def events_overlapping(path: Path, first: dt.date, last: dt.date, *,
                       use_cache: bool = True) -> Window:
    """events_overlapping as a command asks it, with this process's cache directory."""
    return loader.events_overlapping(path, first, last, use_cache=use_cache,
                                     cache_dir=process_cache_dir())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "events.toml"
    shutil.copy(SAMPLE, copy)
    return copy


def without_tag_vocabulary(tmp_path: Path) -> Path:
    """Return a copy of the sample without [[tags]], where any tag is allowed."""
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("[[tags]]"), text.index("[[actors]]")
    path = tmp_path / "open.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_sample_loads_in_file_order() -> None:
    dataset = load(SAMPLE)
    assert [e.id for e in dataset.events][:2] == ["border-war", "talks-open"]
    assert len(dataset.actors) == 4
    assert [c.number for c in dataset.clauses] == [1, 2]
    assert dataset.event("TALKS-OPEN") is dataset.event("talks-open")  # ids compare folded
    assert dataset.actor("envoy").affiliation == "league"  # type: ignore[union-attr]


def test_the_dataset_is_the_same_from_the_file_and_from_its_index(data: Path) -> None:
    from_file = load(data, use_cache=False)
    assert load(data) == from_file  # read, validated and indexed
    assert load(data) == from_file  # from the index


@pytest.mark.parametrize(("content", "problem"), [
    (b"\xff\xfe", ": is UTF-16; save it as UTF-8"),  # reading
    (b"[[events]\n", ":1:9: invalid TOML: "),  # parsing
    (b"x = 1\n", ":1: (top level).x: unknown key"),  # validating
])
def test_every_problem_names_the_data_file(tmp_path: Path, content: bytes,
                                           problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    for use_cache in (True, False):
        with pytest.raises(DataError) as caught:
            load(path, use_cache=use_cache)
        assert caught.value.source == str(path)
        said = caught.value.lines()[0][len(str(path)):]  # ":LINE:COLUMN: problem" or ": ..."
        assert said.startswith(problem), said


def test_loader_never_writes_the_file(data: Path) -> None:
    before = (data.read_bytes(), data.stat().st_mtime_ns)
    load(data)
    load(data)
    assert (data.read_bytes(), data.stat().st_mtime_ns) == before


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_dataset_or_a_data_error(raw: bytes) -> None:
    try:
        build(parse(raw, "fuzz"), "fuzz")
    except DataError as err:
        assert err.problems


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_window_holds_the_overlapping_events_and_the_whole_vocabulary(
        data: Path, use_cache: bool) -> None:
    whole = load(data, use_cache=False)
    first, last = dt.date(1989, 1, 1), dt.date(1989, 12, 31)
    for _ in range(2):  # the first read writes the index, the second reads it
        window = events_overlapping(data, first, last, use_cache=use_cache)
        assert isinstance(window, Window) and (window.first, window.last) == (first, last)
        assert [e.id for e in window.events] == ["withdrawal"]
        assert (window.title, window.sources, window.tags, window.actors) == (
            whole.title, whole.sources, whole.tags, whole.actors)


def test_a_window_is_the_same_from_the_file_and_from_its_index(data: Path) -> None:
    days = [dt.date.min, dt.date(1979, 12, 27), dt.date(1982, 6, 30), dt.date(1988, 4, 14),
            dt.date(1989, 2, 15), dt.date.max]
    for first in days:
        for last in days[days.index(first):]:
            from_file = events_overlapping(data, first, last, use_cache=False)
            assert events_overlapping(data, first, last) == from_file  # read, then indexed
            assert events_overlapping(data, first, last) == from_file, (first, last)


def test_a_window_knows_tags_used_only_outside_it(tmp_path: Path) -> None:
    """In a file without [[tags]], the tags in use are its vocabulary: the whole file's, not
    the window's."""
    path = without_tag_vocabulary(tmp_path)
    first, last = dt.date(1989, 1, 1), dt.date.max
    for _ in range(2):  # the first read writes the index, the second reads it
        window = events_overlapping(path, first, last)
        assert [e.id for e in timeline(window, first=first, tags=["treaty"])] == []
        assert [e.id for e in timeline(window, first=first, tags=["military"])] == [
            "withdrawal"]
    assert list((tmp_path / "cache").rglob("*.sqlite"))
