"""problems.py: every problem in a data file names its line; validate --json reports them
as objects; `--data -` reads standard input; validate takes PATH or --data, not both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accordcli.cli import app
from accordcli.errors import DataError
from accordcli.load import load
from accordcli.problems import Lines
from conftest import SAMPLE, write_data

TEXT = '''\
title = "top"

[dataset]
title = "T"

[[sources]]
id = "s"
title = "Source"

[[events]]
id = "first"
date = "1988"
note = """
[[events]]
id = "not-a-record"
"""

[[events]]
id = 'second'
"title" = { en = "x" }
actors = ["a", "b"]

[[clauses]]
id = "c"

[[clauses.provisions]]
number = "1"

[[clauses.provisions]]
number = "2"
text = "t"

[[clauses]]
id = "d"
'''


@pytest.mark.parametrize(("where", "line"), [
    ("dataset.title", 4),
    ("sources[0] (id 's')", 6),
    ("sources[0] (id 's').title", 8),
    ("sources[0] (id 's').url", 6),  # missing: the record's own line
    ("events[0] (id 'first').date", 12),
    ("events[1] (id 'second')", 18),  # a header inside a multi-line string is text
    ("events[1] (id 'second').title.tr", 20),  # a quoted key; inside an inline table
    ("events[1] (id 'second').actors[1]", 21),
    ("clauses[0] (id 'c').provisions[1].text", 31),
    ("clauses[0] (id 'c').provisions[0].number", 27),
    ("clauses (id 'd').number", 33),  # named by id, not by position
    ("(top level).title", 1),
])
def test_the_line_of_each_location(where: str, line: int) -> None:
    assert Lines(TEXT).line_of(where) == line


def test_a_location_it_cannot_find_has_no_line() -> None:
    assert Lines(TEXT).line_of("events[7] (id 'x').date") is None
    assert Lines(TEXT).line_of("nonsense!") is None


def test_records_in_an_inline_array_point_at_the_array() -> None:
    assert Lines('x = 1\nevents = [ { id = "a" } ]\n').line_of("events[0] (id 'a').date") == 2


BROKEN = SAMPLE.read_text(encoding="utf-8")


def _broken(tmp_path: Path) -> Path:
    # Rename the first actor to the second's id: the duplicate, and every reference to the
    # old id left unknown.
    text = BROKEN.replace('id = "envoy"', 'id = "north"', 1).replace(
        'date = "1988-02-29"', 'date = "1988-02-30"', 1)
    return write_data(tmp_path / "broken.toml", text)


def test_every_validation_problem_names_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    with pytest.raises(DataError) as caught:
        load(path, use_cache=False)
    found = caught.value.found
    lines = path.read_text(encoding="utf-8").splitlines()
    assert found and all(problem.line for problem in found), found
    date = next(p for p in found if "no day 30" in str(p.message))
    assert lines[date.line - 1].strip() == 'date = "1988-02-30"'  # type: ignore[operator]
    # The cause first: the repeated id before the references it left unknown.
    assert "duplicate id" in str(found[0].message), [str(p.said()) for p in found]
    assert str(caught.value).startswith(f"{path}:{found[0].line}: actors[")


def test_validate_json_reports_problems_as_objects(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["file"] == str(path) and report["valid"] is False
    assert report["problems"], report
    for problem in report["problems"]:
        assert set(problem) == {"file", "line", "column", "location", "message", "severity"}
        assert problem["file"] == str(path) and problem["severity"] == "error"
        assert isinstance(problem["line"], int)
    assert any(p["message"] == "duplicate id, first used by actors[0]"
               for p in report["problems"]), report


def test_validate_json_of_a_valid_file_and_of_a_syntax_error(tmp_path: Path) -> None:
    runner = CliRunner()
    valid = json.loads(runner.invoke(app, ["validate", str(SAMPLE), "--json"]).stdout)
    assert valid["valid"] is True and valid["problems"] == [] and valid["counts"]["events"] == 6
    bad = write_data(tmp_path / "bad.toml", "[[events]\n")
    result = runner.invoke(app, ["validate", str(bad), "--format", "json"])
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["line"], problem["column"], problem["location"]) == (1, 9, None)
    assert problem["message"].startswith("invalid TOML: ")


def test_validate_path_and_data_together_is_a_usage_mistake() -> None:
    result = CliRunner().invoke(app, ["validate", str(SAMPLE), "--data", str(SAMPLE)])
    assert result.exit_code == 2
    assert "give PATH or --data, not both" in result.stderr


def test_accord_data_in_the_environment_does_not_conflict_with_path() -> None:
    result = CliRunner().invoke(app, ["validate", str(SAMPLE)],
                                env={"ACCORD_DATA": "/nonexistent.toml"})
    assert result.exit_code == 0, result.stderr


def test_data_dash_reads_standard_input(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--data", "-", "--json"],
                           input=SAMPLE.read_bytes(), env={"ACCORD_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 6
    assert not any(tmp_path.rglob("*.sqlite")), "standard input is never indexed"
    checked = runner.invoke(app, ["validate", "-"], input=SAMPLE.read_bytes())
    assert checked.stdout.startswith("<stdin>: valid: 6 events")
    broken = runner.invoke(app, ["timeline", "--data", "-"], input=b"[[events]\n")
    assert broken.exit_code == 1
    assert broken.stderr == ("accord: error: <stdin>:1:9: invalid TOML: Expected ']]' at the "
                             "end of an array declaration\n")


def test_problems_come_in_the_order_of_the_file(tmp_path: Path) -> None:
    text = (BROKEN.replace('date = "1988-04-15"', 'date = "x"', 1)
            .replace('authors = ["Ann Author", "Bo Writer"]', 'authors = "Ann"', 1)
            .replace('type = "newspaper"\n', '', 1)  # now before the url, checked after it
            .replace('url = "https://example.org/a"', 'type = "blog"\nurl = "ftp://x"', 1))
    path = write_data(tmp_path / "order.toml", text)
    with pytest.raises(DataError) as caught:
        load(path, use_cache=False)
    lines = [p.line or 0 for p in caught.value.found]
    assert len(lines) >= 4 and lines == sorted(lines), [str(p.said()) for p in caught.value.found]
