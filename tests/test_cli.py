"""The command line: every command in every format, filters, languages, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, SAMPLE, Run

S = str(SAMPLE)
TERMINAL = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "100"}
# "Today" for the golden files: anniversaries say how many years ago they were.
TODAY = {"ACCORD_TODAY": "2026-04-14"}

COMMANDS = {
    "timeline": ["timeline"],
    "timeline-tr": ["timeline", "--lang", "tr", "--from", "1988"],
    "event": ["event", "talks-open"],
    "event-tr": ["event", "talks-open", "--lang", "tr"],
    "clauses": ["clauses"],
    "clause-1": ["clauses", "1"],
    "actors": ["actors"],
    "actor": ["actor", "envoy"],
    "actor-tr": ["actor", "north", "--lang", "tr"],
    "search": ["search", "talks"],
    "search-tr": ["search", "barış", "--lang", "tr"],
    "on": ["on", "04-14"],
    "on-day": ["on", "1988-06-01"],
    "span": ["span", "border-war", "withdrawal"],
    "span-tr": ["span", "border-war", "1990-01-01", "--lang", "tr"],
    "sources": ["sources"],
    "sources-for": ["sources", "--for", "talks-open", "--lang", "tr"],
    "source": ["source", "src-a"],
    "source-tr": ["source", "src-b", "--lang", "tr"],
}
FORMATS = ["table", "json", "ndjson", "csv", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_in_every_format_matches_its_golden_file(
    run: Run, golden: Callable[[str, str], None], name: str, fmt: str
) -> None:
    result = run(*COMMANDS[name], "--data", S, "--format", fmt, env=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden(f"{name}.{fmt}.txt", result.stdout)


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris"])
@pytest.mark.parametrize("name", ["sources", "source"])
def test_sources_in_each_bibliography_format_match_their_golden_files(
    run: Run, golden: Callable[[str, str], None], name: str, fmt: str
) -> None:
    result = run(*COMMANDS[name], "--data", S, "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    if fmt == "ris":  # its lines end in CRLF, which a golden file read as text loses
        assert text.count("\r\n") == text.count("\n")
        text = text.replace("\r\n", "\n")
    golden(f"{name}.{fmt}.txt", text)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_table_on_a_terminal_matches_its_golden_file(
    run: Run, golden: Callable[[str, str], None], name: str
) -> None:
    result = run(*COMMANDS[name], "--data", S, env=TERMINAL | TODAY)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout  # NO_COLOR: no escape codes at all
    golden(f"{name}.terminal.txt", result.stdout)


def test_validate_matches_its_golden_file(run: Run, golden: Callable[[str, str], None]) -> None:
    result = run("validate", S)
    assert result.exit_code == 0, result.output
    golden("validate.txt", result.stdout.replace(S, "SAMPLE"))


def test_json_shorthand_equals_format_json(run: Run) -> None:
    assert (run("timeline", "--data", S, "--json").stdout
            == run("timeline", "--data", S, "--format", "json").stdout)


def ids(run: Run, *args: str) -> list[str]:
    result = run("timeline", "--data", S, "--json", *args)
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


def test_timeline_is_chronological_by_start_then_end_then_id(run: Run) -> None:
    assert ids(run) == ["border-war", "talks-open", "leap-day", "treaty-signed", "withdrawal",
                        "rumour"]
    assert ids(run, "--reverse") == list(reversed(ids(run)))
    assert ids(run, "--limit", "2") == ["border-war", "talks-open"]
    assert ids(run, "--limit", "0") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--to", "1988-04-14"], ["border-war", "talks-open", "leap-day", "treaty-signed"]),
        (["--to", "1988-04-13"], ["border-war", "talks-open", "leap-day"]),
        (["--from", "1989"], ["withdrawal", "rumour"]),  # a period that began earlier
        (["--from", "1980-03"], ["talks-open", "leap-day", "treaty-signed", "withdrawal",
                                 "rumour"]),
        (["--from", "1980-02", "--to", "1980-02"], ["border-war"]),  # ends on 1980-02-29
        (["--from", "1988-02-29", "--to", "1988-02-29"], ["leap-day"]),
        (["--to", "1988-02"], ["border-war", "talks-open", "leap-day"]),  # to 1988-02-29
        (["--from", "1982", "--to", "1982"], ["talks-open"]),
        (["--from", "June 1982", "--to", "30 Haziran 1982"], ["talks-open"]),
        (["--from", "1990-06-01"], ["rumour"]),
    ],
)
def test_dates_select_events_whose_span_overlaps(run: Run, args: list[str],
                                                 expected: list[str]) -> None:
    assert ids(run, *args) == expected


def test_actor_tag_and_search_filters(run: Run) -> None:
    assert ids(run, "--actor", "envoy") == ["talks-open", "leap-day", "treaty-signed"]
    assert ids(run, "--actor", "south", "--actor", "league") == [
        "border-war", "talks-open", "treaty-signed"]
    assert ids(run, "--tag", "military") == ["border-war", "withdrawal"]
    assert ids(run, "--tag", "military", "--actor", "south") == ["border-war"]
    assert ids(run, "--search", "istanbul") == ["talks-open"]
    assert ids(run, "--search", "CEKILME") == ["treaty-signed", "withdrawal"]
    assert ids(run, "--search", "kuzey askerlerini") == ["withdrawal"]
    assert ids(run, "--search", "nothing-like-this") == []


def test_lang_tr_translates_and_falls_back_to_english(run: Run) -> None:
    events = json.loads(run("timeline", "--data", S, "--json", "--lang", "tr").stdout)
    by_id = {e["id"]: e for e in events}
    assert by_id["withdrawal"]["title"] == "Çekilme"
    assert by_id["rumour"]["summary"] == "Only English here."
    env = json.loads(run("timeline", "--data", S, "--json", env={"ACCORD_LANG": "tr"}).stdout)
    assert env == events


def test_data_from_the_environment(run: Run) -> None:
    result = run("timeline", "--json", env={"ACCORD_DATA": S})
    assert json.loads(result.stdout)[0]["id"] == "border-war"


def test_empty_result_is_success(run: Run) -> None:
    result = run("timeline", "--data", S, "--from", "2000", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")
    piped = run("timeline", "--data", S, "--from", "2000")
    assert (piped.exit_code, piped.stdout, piped.stderr) == (0, "", "")
    on_terminal = run("timeline", "--data", S, "--from", "2000", env=TERMINAL)
    assert (on_terminal.exit_code, on_terminal.stdout) == (0, "")
    assert on_terminal.stderr == "no events match\n"
    # With --limit 0 nothing was asked for: saying none matched would be wrong.
    for args in (["timeline", "--limit", "0"], ["search", "talks", "--limit", "0"]):
        limited = run(*args, "--data", S, env=TERMINAL)
        assert (limited.exit_code, limited.stdout, limited.stderr) == (0, "", "")


def test_clause_by_number_or_id(run: Run) -> None:
    by_number = json.loads(run("clauses", "2", "--data", S, "--json").stdout)
    by_id = json.loads(run("clauses", "GUARANTEE", "--data", S, "--json").stdout)
    assert by_number == by_id
    assert by_number["witnesses"] == ["north"]


def test_actors_kind_filter(run: Run) -> None:
    result = run("actors", "--data", S, "--kind", "person", "--json")
    assert [a["id"] for a in json.loads(result.stdout)] == ["envoy"]


def test_actor_lists_its_clauses_and_relations(run: Run) -> None:
    record = json.loads(run("actor", "north", "--data", S, "--json").stdout)
    assert [(c["number"], c["relations"]) for c in record["clauses"]] == [
        (1, ["party"]), (2, ["witness"])]
    assert [e["id"] for e in record["events"]] == ["border-war", "talks-open", "treaty-signed",
                                                   "withdrawal"]
    assert (record["first"], record["last"], record["event_count"]) == (
        "1979-12-24", "1989-02-15", 4)


def test_validate_prints_counts(run: Run) -> None:
    result = run("validate", S)
    assert result.exit_code == 0
    assert result.stdout == (f"{S}: valid: 6 events, 4 actors, 2 clauses, 2 provisions, "
                             "2 sources, 3 tags\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["event", "talks"], 1, "accord: error: no event with id 'talks'; did you mean "
                                "'talks-open'?"),
        (["actor", "enovy"], 1, "did you mean 'envoy'?"),
        (["clauses", "7"], 1, "no instrument numbered 7"),
        (["clauses", "VII"], 1, "no instrument numbered 7 or with id 'VII'"),
        (["timeline", "--actor", "nrth"], 1, "no actor with id 'nrth'; did you mean 'north'?"),
        (["timeline", "--tag", "militray"], 1, "no tag with id 'militray'"),
        (["timeline", "--from", "04/05/1988"], 2, "write it as YYYY-MM-DD"),
        (["timeline", "--from", "abc"], 2, "--from: 'abc' is neither a date nor an event id"),
        (["timeline", "--to", "1988-02-30"], 2, "--to: '1988-02-30': February 1988 has no day 30"),
        (["timeline", "--from", "1989", "--to", "1988"], 2, "--from (1989-01-01) is after --to"),
        (["timeline", "--format", "xml"], 2, "'xml' is not one of"),
        (["timeline", "--lang", "de"], 2, "'de' is not one of 'en', 'tr'"),
        (["timeline", "--limit", "-1"], 2, "--limit"),
        (["actors", "--kind", "empire"], 2, "unknown --kind 'empire'"),
        (["timeline", "--search", "  "], 2, "a search needs at least one word"),
        (["search", " "], 2, "a search needs at least one word"),
        (["timeline", "--from", "4,5,1988"], 2, "e.g. 1988-04-05 or 1988-05-04"),
        # An empty id is a usage mistake, not an id the data lacks.
        (["event", ""], 2, "empty event id"),
        (["actor", " "], 2, "empty actor id"),
        (["clauses", ""], 2, "empty instrument id"),
        (["timeline", "--tag", ""], 2, "empty tag id"),
    ],
)
def test_errors_go_to_stderr_with_their_exit_code(
    run: Run, args: list[str], code: int, message: str
) -> None:
    result = run(*args, "--data", S)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["timeline", "--from", "1989", "--to", "1988"], ["chart", "--from", "1990", "--to", "1980"],
    ["on", "13-45"], ["on", "1988-02-30"], ["span", "1988-02-30", "1988-01-01"],
    ["timeline", "--from", "Q2 1988"], ["timeline", "--to", "1988-"],
    ["on", "14 Aprl"], ["actors", "--kind", "empire"],
])
def test_a_usage_mistake_is_exit_2_even_when_the_data_file_is_missing(
        run: Run, args: list[str]) -> None:
    result = run(*args, "--data", "/nonexistent/events.toml")
    assert result.exit_code == 2, result.output
    assert "no such file" not in result.stderr


def test_missing_data_file_is_a_data_error(run: Run, tmp_path: object) -> None:
    result = run("timeline", "--data", "/nonexistent/events.toml")
    assert result.exit_code == 1
    assert result.stderr == "accord: error: /nonexistent/events.toml: no such file\n"


def test_invalid_data_lists_every_problem(run: Run, tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.toml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace('"1982-06"', '"1982-13"')
                   .replace('actors = ["north"]', 'actors = ["nowhere"]'), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    text = bad.read_text(encoding="utf-8").splitlines()
    date, actors = (1 + next(n for n, line in enumerate(text) if wanted in line)
                    for wanted in ('"1982-13"', '["nowhere"]'))
    assert lines == [
        f"accord: error: {bad}:{date}: events[1] (id 'talks-open').date: '1982-13': month 13 "
        "does not exist",
        f"accord: error: {bad}:{actors}: events[4] (id 'withdrawal').actors[0]: unknown actor "
        "'nowhere'",
    ]


def test_env_lang_is_checked_like_the_flag(run: Run) -> None:
    result = run("timeline", "--data", S, env={"ACCORD_LANG": "xx"})
    assert result.exit_code == 2
    assert "ACCORD_LANG" in result.stderr


def test_help_leads_with_examples_and_works_with_h(run: Run) -> None:
    for args in ([], ["--help"], ["-h"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout
        assert result.stdout.index("Examples:") < result.stdout.index("Options:")
    for command in ("timeline", "event", "clauses", "actors", "actor", "validate"):
        result = run(command, "-h")
        assert result.exit_code == 0 and "Examples:" in result.stdout, command


def test_version(run: Run) -> None:
    from accordcli import __version__

    assert run("--version").stdout.splitlines()[0] == f"accord {__version__}"
    sample = {"ACCORD_DATA": str(SAMPLE)}
    assert run("--version", env=sample).stdout == (
        f"accord {__version__}\ndataset 2026-12-01: Sample timeline\n")
    assert run("--version", env={**sample, "ACCORD_LANG": "tr"}).stdout.endswith(
        "veri kümesi 2026-12-01: Örnek zaman çizelgesi\n")
    # Data that has no version, or does not load, leaves the line out: --version never fails.
    for data in ("/nonexistent.toml", str(DATA / "hostile.toml")):
        result = run("--version", env={"ACCORD_DATA": data})
        assert (result.exit_code, result.stdout) == (0, f"accord {__version__}\n")


def test_a_bug_is_one_line_and_exit_70_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from accordcli import cli, query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret \x1b[2J data")

    monkeypatch.setattr(query, "timeline", broken)
    monkeypatch.setattr(sys, "argv", ["accord", "timeline", "--data", S])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "accord: internal error: RuntimeError: secret \\x1b[2J data"
    assert "Traceback" not in err


def test_markdown_keeps_data_literal_and_each_field_in_its_paragraph(run: Run,
                                                                    tmp_path: object) -> None:
    from pathlib import Path

    tricky = ('Talks *open* in <b>[Geneva](http://x)</b> | `now` AT&amp;T ?a=1&b=2'
              '\\n- not a list\\n1. nor this')
    path = Path(str(tmp_path)) / "tricky.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        '"Indirect talks [sic] begin."', f'"{tricky}"'), encoding="utf-8")
    text = run("event", "talks-open", "--data", str(path), "--format", "markdown").stdout
    # "&amp;" stays as written (an entity would show as "&"); a bare "&" is left alone, and
    # a web address becomes an autolink, in which Markdown reads nothing.
    assert ("**Summary:** Talks \\*open\\* in \\<b\\>\\[Geneva\\](<http://x>)\\</b\\> \\| "
            "\\`now\\` AT\\&amp;T ?a=1&b=2  \n\\- not a list  \n1\\. nor this  \n**Note:**") in text
    # Every field starts its own line in one paragraph: no list can swallow the next field.
    fields = [line for line in text.splitlines() if line.startswith("**")]
    assert [f.split(":**")[0] for f in fields] == [
        "**Date", "**Id", "**Summary", "**Note", "**Actors", "**Tags", "**Sources"]
    assert not [line for line in text.splitlines() if line.startswith(("- ", "* ", "1. "))]


def test_listing_kinds_read_in_turkish_but_stay_values_in_json_and_csv(run: Run) -> None:
    lines = run("actors", "--data", S, "--lang", "tr").stdout.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["devlet", "devlet", "kişi", "kuruluş"]
    assert [a["kind"] for a in json.loads(run("actors", "--data", S, "--lang", "tr",
                                              "--json").stdout)] == [
        "state", "state", "person", "organisation"]
    assert "state" in run("actors", "--data", S, "--lang", "tr", "--format", "csv").stdout
    hits = run("search", "barış", "--data", S, "--lang", "tr").stdout.splitlines()
    assert hits
    assert {line.split("\t")[0] for line in hits} <= {"olay", "aktör", "belge", "hüküm"}
    assert {h["kind"] for h in json.loads(run("search", "barış", "--data", S, "--lang", "tr",
                                              "--json").stdout)} <= {
        "event", "actor", "clause", "provision"}


LONG_ROLE = ("Mediator for the Secretary-General, who shuttled between the two capitals for "
             "six years, drafted every instrument and chaired each round of the proximity "
             "talks until the signing")


@pytest.fixture
def long_role(tmp_path: Path) -> str:
    path = tmp_path / "long-role.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    assert 'role = { en = "Mediator", tr = "Arabulucu" }' in text
    path.write_text(text.replace('role = { en = "Mediator", tr = "Arabulucu" }',
                                 f'role = {{ en = "{LONG_ROLE}", tr = "Arabulucu" }}'),
                    encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("columns", ["100", "160"])
def test_actors_table_keeps_a_long_role_to_two_lines_with_an_ellipsis(
        run: Run, long_role: str, columns: str) -> None:
    result = run("actors", "--data", long_role, env={**TERMINAL, "COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("envoy"))
    envoy, second = lines[start:start + 2]
    assert "Ada Envoy" in envoy and "person" in envoy  # no column squeezed out
    assert envoy.split()[-3:] == ["3", "1982-06", "1988-04-14"]  # first known to the month
    assert second.startswith(" ")
    # Two lines, the rest cut where it does not fit (the whole role fits in two at 160); a
    # blank line sets the tall row off from the next.
    shown = " ".join(envoy.split()[4:-3] + second.split())
    assert shown.endswith("…") if columns == "100" else shown == LONG_ROLE
    assert lines[start + 2] == "" and lines[start - 1] == ""
    assert max(len(line) for line in lines) <= int(columns)


def test_narrow_actors_listing_and_actor_view_show_a_long_role_whole(
        run: Run, long_role: str) -> None:
    stacked = run("actors", "--data", long_role, env={**TERMINAL, "COLUMNS": "50"})
    detail = run("actor", "envoy", "--data", long_role, env=TERMINAL)
    for result in (stacked, detail):
        assert result.exit_code == 0, result.output
        assert LONG_ROLE.split() == [word for line in result.stdout.splitlines()
                                     for word in line.split()
                                     if word in LONG_ROLE.split()][:len(LONG_ROLE.split())]


@pytest.mark.parametrize("columns", [40, 50, 70, 85, 100, 130])
@pytest.mark.parametrize("command", [["actors"], ["timeline"], ["clauses"], ["search", "geneva"]])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_terminal_listings_fit_the_width_and_keep_every_id(
        run: Run, command: list[str], lang: str, columns: int) -> None:
    """Shipped data, whose actors' roles run to paragraphs: a table or stacked records, never
    wider than the terminal, never a row or column dropped."""
    shown = run(*command, "--lang", lang, env={**TERMINAL, "COLUMNS": str(columns)})
    records = json.loads(run(*command, "--lang", lang, "--json").stdout)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    words = {word for line in lines for word in line.split()}
    # An id too long for its column (the shipped sources' run to 42 characters) is broken
    # over lines, each piece in order: joined, the lines hold it whole.
    joined = "".join(line.strip() for line in lines)
    assert all(record["id"] in words
               or (len(record["id"]) > columns - 12 and record["id"] in joined)
               for record in records), [r["id"] for r in records if r["id"] not in words]


def test_an_actor_without_events_shows_no_empty_section(run: Run, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "[[actors]]", '[[actors]]\nid = "idle"\nkind = "group"\nname = "Idle One"\n'
                      'role = "Nobody"\nsources = ["src-a"]\n\n[[actors]]', 1)
    path = tmp_path / "idle.toml"
    path.write_text(text, encoding="utf-8")
    for fmt, env in (("table", TERMINAL), ("table", {}), ("markdown", {})):
        shown = run("actor", "idle", "--data", str(path), "--format", fmt, env=env)
        assert shown.exit_code == 0, shown.output
        assert "Event count" in shown.stdout
        assert "Events" not in shown.stdout and "Date" not in shown.stdout, shown.stdout
    record = json.loads(run("actor", "idle", "--data", str(path), "--json").stdout)
    assert record["events"] == [] and record["event_count"] == 0


def test_markdown_web_addresses_are_autolinks_that_keep_their_characters(
        run: Run, tmp_path: Path) -> None:
    url = "https://en.wikipedia.org/wiki/Geneva_Accords_(1988)?a=1&b=2"
    path = tmp_path / "url.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        '"Indirect talks [sic] begin."', f'"Indirect talks (see {url}). Done_now."'),
        encoding="utf-8")
    text = run("event", "talks-open", "--data", str(path), "--format", "markdown").stdout
    assert f"(see <{url}>). Done\\_now." in text


@pytest.mark.parametrize(("text", "expected"), [
    ("see https://x.org/a|b in a cell", "see <https://x.org/a%7Cb> in a cell"),
    ("“https://x.org/a”", "“<https://x.org/a>”"),
    ("*https://x.org/a* and [https://x.org/b]", "\\*<https://x.org/a>\\* and \\[<https://x.org/b>\\]"),
    ("foohttps://x.org/a", "foohttps://x.org/a"),  # not at a word's start: prose
    ("https://x.org/\u202egnp.exe", "<https://x.org/>\\\\u202egnp.exe"),  # bidi: prose, shown
    ("http://[2001:db8::1]/a and [https://x.org/b]",
     "<http://[2001:db8::1]/a> and \\[<https://x.org/b>\\]"),
])
def test_markdown_autolinks_end_where_the_address_does(run: Run, tmp_path: Path, text: str,
                                                       expected: str) -> None:
    path = tmp_path / "links.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'title = { en = "Talks open in İstanbul"', f'title = {{ en = "{text}"', 1),
        encoding="utf-8")
    table = run("timeline", "--data", str(path), "--format", "markdown").stdout
    row = next(line for line in table.splitlines() if "talks-open" in line)
    assert row == f"| 1982-06 | talks-open | {expected} |"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_shipped_actors_are_a_table_at_100_columns(run: Run, lang: str) -> None:
    """Not 38 stacked records of eight lines: the roles are cut, the table fits."""
    shown = run("actors", "--lang", lang, env={**TERMINAL, "COLUMNS": "100"})
    header = shown.stdout.splitlines()[0].split()
    assert header[0] in ("Id", "Kimlik") and ("Role" in header or "Rol" in header)


# Dates: the same grammar for --from and --to as for on and span ---------------------------

def ids_of(run: Run, *args: str) -> list[str]:
    result = run("timeline", *args, "--data", S, "--json")
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


@pytest.mark.parametrize(("args", "expected"), [
    # An event id: as --from its first day, as --to its last day.
    (["--from", "treaty-signed", "--to", "withdrawal"], ["treaty-signed", "withdrawal"]),
    (["--from", "withdrawal"], ["withdrawal", "rumour"]),
    (["--to", "leap-day"], ["border-war", "talks-open", "leap-day"]),
    (["--from", "TREATY-SIGNED", "--to", "treaty-signed"], ["treaty-signed"]),
    # The EDTF forms accord prints, a range among them.
    (["--from", "1988-05-15/1989-02-15"], ["withdrawal", "rumour"]),
    (["--to", "1988-05-15/1989-02-15"], ["border-war", "talks-open", "leap-day",
                                         "treaty-signed", "withdrawal"]),
    (["--from", "1990?"], ["rumour"]),
    (["--from", "1979~", "--to", "1979~"], ["border-war"]),
    # English and Turkish words.
    (["--from", "14 April 1988", "--to", "Nisan 1988"], ["treaty-signed"]),
    (["--from", "14 Nisan 1988", "--to", "14 Nis 1988"], ["treaty-signed"]),
])
def test_from_and_to_read_every_form_of_the_date_grammar(run: Run, args: list[str],
                                                         expected: list[str]) -> None:
    assert ids_of(run, *args) == expected


def test_within_keeps_only_events_wholly_inside_the_range(run: Run) -> None:
    assert ids_of(run, "--from", "1988-04", "--to", "1988-12") == ["treaty-signed",
                                                                     "withdrawal"]
    assert ids_of(run, "--from", "1988-04", "--to", "1988-12", "--within") == [
        "treaty-signed"]
    assert ids_of(run, "--from", "withdrawal", "--to", "withdrawal", "--within") == [
        "withdrawal"]
    assert ids_of(run, "--within") == ids_of(run)  # no range: every event lies inside it


@pytest.mark.parametrize(("args", "code", "message"), [
    # The usability review's cases, each answered with the mistake it is.
    (["--from", "14 Aprl 1988"], 2,
     "--from: '14 Aprl 1988': 'Aprl' is not a month or weekday; did you mean April?"),
    (["--from", "14 Nisn 1988"], 2, "did you mean Nisan?"),
    (["--from", "14 avril 1988"], 2, "'avril' is not a month name accord reads"),
    (["--from", "Q2 1988"], 2, "--from: 'Q2 1988' is not a supported date form"),
    (["--to", "1988-W15"], 2, "--to: '1988-W15' is not a supported date form"),
    (["--from", "19880414"], 2, "--from: '19880414': write the day with hyphens, 1988-04-14"),
    (["--from", "1988.0"], 2, "--from: '1988.0': month 0 does not exist"),
    (["--from", "1988-"], 2, "--from: '1988-' is incomplete"),
    (["--from=-1988"], 2, "--from: '-1988': years run from 0001 to 9999, with no sign"),
    (["--from", "04-14"], 2, "--from: '04-14' has no year: give one, e.g. '14 April 1988'"),
    (["--from", "1980-01-01/.."], 2, "an open end ('..') is not supported"),
    (["--from", "withdrawal", "--to", "treaty-signed"], 2,
     "--from (1988-05-15) is after --to (1988-04-14)"),
    (["--from", "treaty-signd"], 1, "no event with id 'treaty-signd'; did you mean "
                                    "'treaty-signed'?"),
])
def test_date_mistakes_are_named(run: Run, args: list[str], code: int, message: str) -> None:
    result = run("timeline", *args, "--data", S)
    assert (result.exit_code, result.stdout) == (code, "")
    assert message in result.stderr and "1988-00" not in result.stderr
