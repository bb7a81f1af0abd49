"""load.py: a data file gives a whole, valid Dataset, the same read from the file or from
its index; problems name the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accordcli.errors import DataError
from accordcli.load import load
from accordcli.read import parse
from accordcli.validate import build
from conftest import SAMPLE


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "events.toml"
    shutil.copy(SAMPLE, copy)
    return copy


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
    (b"\xff\xfe", "is UTF-16; save it as UTF-8"),  # reading
    (b"[[events]\n", "line 1, column 9: invalid TOML: "),  # parsing
    (b"x = 1\n", "(top level).x: unknown key"),  # validating
])
def test_every_problem_names_the_data_file(tmp_path: Path, content: bytes,
                                           problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    for use_cache in (True, False):
        with pytest.raises(DataError) as caught:
            load(path, use_cache=use_cache)
        assert caught.value.source == str(path)
        assert caught.value.problems[0].startswith(problem), caught.value.problems


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
