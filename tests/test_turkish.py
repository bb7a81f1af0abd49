"""Wholly Turkish under --lang tr, ACCORD_LANG=tr or a Turkish locale: help (Click's own
words included), errors, the parser's messages, reports and listings; the data's texts in
output for scripts only when asked for; Turkish kinds taken as input."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accordcli import i18n
from conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import catalogues  # noqa: E402 - scripts/ is not a package
import pofile  # noqa: E402

# The three ways to ask for Turkish: the flag, the variable, the locale.
TURKISH = {"--lang": ({}, ["--lang", "tr"]), "ACCORD_LANG": ({"ACCORD_LANG": "tr"}, []),
           "LANG": ({"LANG": "tr_TR.UTF-8"}, [])}
# English words that no Turkish sentence holds ("a" and "an" are Turkish words too;
# commands, option names, metavars and examples are taken out before looking).
ENGLISH = {"the", "and", "of", "or", "to", "in", "for", "with", "this", "that",
           "is", "are", "its", "on", "by", "from", "show", "usage", "options", "arguments",
           "commands", "default", "required", "env", "var", "message", "exit", "events",
           "event", "actor", "actors", "date", "file", "without", "every", "only", "which",
           "not", "no", "such", "missing", "invalid", "value", "did", "you", "mean", "see",
           "error", "possible", "instruments", "clauses", "option", "argument", "valid"}


def english_words(text: str) -> set[str]:
    """Return the English words in `text` outside commands, options and examples."""
    prose = []
    for line in text.splitlines():
        if line.strip().startswith(("accord ", "ACCORD_TODAY=", "COLUMNS=")):
            continue  # an example: a command as typed
        line = re.sub(r"^  [a-z]+(?=  )", " ", line)  # a command's name, in `accord -h`
        line = re.sub(r"accord [a-z]+", " ", line)  # a command, in the usage line
        prose.append(re.sub(r"(?<!\w)--?[\w-]+(=\S*)?|<[^>]*>|'[^']*'|\[[A-ZİĞÜŞÖÇ|.\-]+\]"
                            r"|\b[a-z]+:[A-ZİĞÜŞÖÇ]+\b",  # values as typed: event:ID
                            " ", line))
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", " ".join(prose))}
    # The values a choice offers (<file|name|...>) are typed as they are in any language.
    choices = {word for metavar in re.findall(r"<([^>]*)>", text) for word in metavar.split("|")}
    return words & ENGLISH - choices


def command_names() -> list[str]:
    from accordcli.cli import app

    return [info.name or (info.callback.__name__ if info.callback else "")
            for info in app.registered_commands]


def test_every_message_has_a_turkish_translation() -> None:
    po = catalogues.LOCALE / "tr" / "LC_MESSAGES" / "accord.po"
    entries = pofile.parse_po(po.read_text(encoding="utf-8"))
    missing = [entry.key for entry in entries if entry.msgid and not entry.translated]
    assert missing == [], "translate these in accord.po, then: scripts/catalogues.py compile"


@pytest.mark.parametrize("way", list(TURKISH))
def test_every_help_page_is_wholly_turkish(way: str) -> None:
    from accordcli.cli import app

    env, flag = TURKISH[way]
    runner = CliRunner()
    pages = [[], *([name] for name in command_names())]
    for page in pages:
        out = runner.invoke(app, [*flag, *page, "-h"], env=env).stdout
        assert out.startswith("Kullanım: accord"), (page, out[:80])
        assert "Seçenekler:" in out and "Bu yardımı göster ve çık." in out, page
        assert english_words(out) == set(), (page, english_words(out))
    # And the test can tell: English help is full of English.
    assert len(english_words(runner.invoke(app, ["timeline", "-h"]).stdout)) > 10


def test_the_root_help_lists_commands_in_turkish() -> None:
    from accordcli.cli import app

    out = CliRunner().invoke(app, ["-h"], env={"LANG": "tr_TR.UTF-8"}).stdout
    assert "Kullanım: accord [SEÇENEKLER] KOMUT [ARGÜMANLAR]..." in out
    assert "\nKomutlar:\n" in out and "  clauses   Dört belge" in out
    out = CliRunner().invoke(app, ["timeline", "-h"], env={"LANG": "tr_TR.UTF-8"}).stdout
    assert "[ortam değişkeni: ACCORD_DATA]" in " ".join(out.split())


def _accord(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
            **environ: str) -> tuple[int, str, str]:
    """Run accord's main() as the shell would, with these variables."""
    from accordcli import cli

    monkeypatch.setattr(sys, "argv", ["accord", *args])
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out = capsys.readouterr()
    assert isinstance(exit_info.value.code, int)
    return exit_info.value.code, out.out, out.err


# What the parser finds wrong, in Turkish: each of Click's messages, said again.
PARSER_MISTAKES = [
    (["timeline", "--fro", "1978"], "accord: hata: Böyle bir seçenek yok: --fro (olası "
     "seçenekler: --format, --from, --to) (bkz. 'accord timeline -h')"),
    (["timelin"], "accord: hata: 'timelin' diye bir komut yok. Şunu mu demek istediniz: "
                  "'timeline'? (bkz. 'accord -h')"),
    (["event"], "accord: hata: 'KİMLİK' argümanı eksik. (bkz. 'accord event -h')"),
    (["timeline", "--limit", "-1"], "accord: hata: '--limit' / '-n' için geçersiz değer: -1, "
                                    "x>=0 aralığında değil. (bkz. 'accord timeline -h')"),
    (["timeline", "--limit", "abc"], "accord: hata: '--limit' / '-n' için geçersiz değer: "
                                     "'abc' geçerli bir tam sayı değil. (bkz. 'accord "
                                     "timeline -h')"),
    (["timeline", "--format", "xml"], "accord: hata: '--format' / '-f' için geçersiz değer: "
                                      "'xml' geçerli değil; şunlardan biri olmalı: 'table', "
                                      "'json', 'ndjson', 'csv', 'markdown', 'timelinejs', 'html'. "
                                      "(bkz. 'accord timeline -h')"),
    (["timeline", "--limit"], "accord: hata: '--limit' seçeneğine bir değer verilmeli. "
                              "(bkz. 'accord timeline -h')"),
    (["timeline", "--json=1"], "accord: hata: '--json' seçeneği değer almaz. "
                               "(bkz. 'accord timeline -h')"),
    (["event", "a", "b"], "accord: hata: Beklenmeyen fazladan argüman (b) "
                          "(bkz. 'accord event -h')"),
    (["timeline", "--version"], "accord: hata: --version komuttan önce gelir: accord --version "
                                "(bkz. 'accord timeline -h')"),
    (["actors", "--kind", "organization"], "accord: hata: bilinmeyen --kind değeri "
     "'organization'; şunu mu demek istediniz: 'kuruluş'? Şunlardan birini seçin: devlet, "
     "kuruluş, grup, kişi"),
]


@pytest.mark.parametrize(("args", "said"), PARSER_MISTAKES)
def test_command_line_mistakes_read_in_turkish(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               args: list[str], said: str) -> None:
    code, out, err = _accord(monkeypatch, capsys, "--data", str(SAMPLE), *args,
                             LANG="tr_TR.UTF-8")
    assert (code, out, err) == (2, "", said + "\n")


def test_english_parser_messages_read_as_click_wrote_them(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _accord(monkeypatch, capsys, "timelin")
    assert (code, err) == (2, "accord: error: No such command 'timelin'. Did you mean "
                              "'timeline'? (see 'accord -h')\n")
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--version")
    assert err == ("accord: error: --version goes before the command: accord --version "
                   "(see 'accord timeline -h')\n")
    code, _, err = _accord(monkeypatch, capsys, "actors", "--kind", "organization")
    assert err == ("accord: error: unknown --kind 'organization'; did you mean "
                   "'organisation'? Choose one of state, organisation, group, person\n")


@pytest.mark.parametrize("way", list(TURKISH))
def test_errors_reports_and_empty_listings_read_in_turkish(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], way: str) -> None:
    env, flag = TURKISH[way]
    data = ("--data", str(SAMPLE))
    _, out, err = _accord(monkeypatch, capsys, "event", "nope", *flag, *data, **env)
    assert err == "accord: hata: 'nope' kimlikli olay yok\n"
    _, out, err = _accord(monkeypatch, capsys, "clauses", "9", *flag, *data, **env)
    assert err == "accord: hata: 9 numaralı belge yok\n"
    # validate takes --lang before its name only.
    _, out, _ = _accord(monkeypatch, capsys, *flag, "validate", str(SAMPLE), **env)
    assert out == (f"{SAMPLE}: geçerli: 6 olay, 4 aktör, 2 belge, 2 hüküm, 2 kaynak, "
                   "3 etiket\n")
    _, out, err = _accord(monkeypatch, capsys, "timeline", "--from", "1999", *flag, *data,
                          TTY_COMPATIBLE="1", **env)
    assert (out, err) == ("", "Eşleşen olay bulunamadı.\n")


def test_a_comma_list_of_ids_says_to_repeat_the_option(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--actor", "north,south",
                           "--data", str(SAMPLE))
    assert (code, err) == (2, "accord: error: no actor with id 'north,south'; to give "
                              "several, repeat --actor: --actor north --actor south\n")
    code, _, err = _accord(monkeypatch, capsys, "chart", "--tag", "treaty,x", "--data",
                           str(SAMPLE), "--lang", "tr")
    assert (code, err) == (2, "accord: hata: 'treaty,x' kimlikli etiket yok; birden çok "
                              "değer için --tag seçeneğini yineleyin: --tag treaty --tag x\n")
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--actor", "nort", "--data",
                           str(SAMPLE))
    assert code == 1 and "did you mean 'north'" in err  # no comma: an unknown id


@pytest.mark.parametrize("kind", ["devlet", "DEVLET", "state"])
def test_kinds_are_taken_as_shown(kind: str) -> None:
    from accordcli.cli import app

    out = CliRunner().invoke(app, ["actors", "--kind", kind, "--json", "--data", str(SAMPLE)])
    assert [a["id"] for a in json.loads(out.stdout)] == ["north", "south"]
    out = CliRunner().invoke(app, ["actors", "-k", "kuruluş", "--data", str(SAMPLE)])
    assert [line.split("\t")[0] for line in out.stdout.splitlines()] == ["league"]


def test_kinds_complete_in_the_run_language() -> None:
    from typer.main import get_command

    from accordcli.cli import app
    from accordcli.environment import detect
    from accordcli.shells import offers

    for lang, typed, expected in (("tr", "dev", ["devlet\tstate"]),
                                  ("tr", "k", ["kuruluş\torganisation", "kişi\tperson"]),
                                  ("tr", "st", ["state\tdevlet"]),
                                  ("en", "p", ["person"])):
        words = ["actors", "--lang", lang, "--kind", typed]
        # A command of its own: completing localises it.
        found = offers(get_command(app), words, "zsh", detect(words, {}, None))
        assert [offer.line() for offer in found] == expected, (lang, typed)


def test_global_options_go_before_the_command_too(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    code, out, _ = _accord(monkeypatch, capsys, "--lang", "tr", "-h")
    assert code == 0 and out.startswith("Kullanım: accord [SEÇENEKLER]")
    code, out, _ = _accord(monkeypatch, capsys, "--data", str(SAMPLE), "timeline", "--json")
    assert code == 0 and len(json.loads(out)) == 6
    code, out, _ = _accord(monkeypatch, capsys, f"--data={SAMPLE}", "--lang=tr", "actors",
                           "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "Kuzey Ülkesi"
    # Given before and after the command, the one after wins.
    code, _, err = _accord(monkeypatch, capsys, "--data", str(tmp_path / "none.toml"),
                           "timeline", "--data", str(SAMPLE))
    assert (code, err) == (0, "")
    code, out, _ = _accord(monkeypatch, capsys, "--lang", "tr", "actors", "--lang", "en",
                           "--json", "--data", str(SAMPLE))
    assert json.loads(out)[0]["name"] == "Northland"
    # Before the command, over ACCORD_DATA and ACCORD_LANG.
    code, out, _ = _accord(monkeypatch, capsys, "--data", str(SAMPLE), "--lang", "en",
                           "actors", "--json", ACCORD_DATA=str(tmp_path / "none.toml"),
                           ACCORD_LANG="tr")
    assert code == 0 and json.loads(out)[0]["name"] == "Northland"


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_output_for_scripts_follows_only_an_explicit_language(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    data = ("--data", str(SAMPLE))
    _, by_locale, _ = _accord(monkeypatch, capsys, "actors", "--format", fmt, *data,
                              LANG="tr_TR.UTF-8")
    _, english, _ = _accord(monkeypatch, capsys, "actors", "--format", fmt, *data, LANG="C")
    assert by_locale == english and "Northland" in english
    _, chosen, _ = _accord(monkeypatch, capsys, "actors", "--format", fmt, *data,
                           ACCORD_LANG="tr")
    assert "Kuzey Ülkesi" in chosen and "Northland" not in chosen
    # Keys, headers and values stay as the contract has them.
    assert ("kind" in chosen and "state" in chosen and "devlet" not in chosen)


def test_output_for_people_follows_the_locale(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = ("--data", str(SAMPLE))
    for fmt in ("table", "markdown"):
        _, out, _ = _accord(monkeypatch, capsys, "actors", "--format", fmt, *data,
                            LANG="tr_TR.UTF-8")
        assert "Kuzey Ülkesi" in out and "devlet" in out, fmt
    _, out, _ = _accord(monkeypatch, capsys, "actors", "--format", "markdown", *data,
                        LANG="tr_TR.UTF-8", ACCORD_LANG="en")
    assert "Northland" in out  # the explicit choice wins over the locale


def test_the_language_is_one_rule() -> None:
    from accordcli.environment import Environment

    env = Environment(lang="tr")
    assert (env.output_lang(for_scripts=False), env.output_lang(for_scripts=True)) == (
        "tr", "en")
    env = Environment(lang="tr", chosen_lang="tr")
    assert env.output_lang(for_scripts=True) == "tr"
    assert i18n.SOURCE == "en"


def test_names_sort_in_the_turkish_alphabet() -> None:
    letters = ["ü", "u", "ş", "s", "ö", "o", "ı", "i", "ğ", "g", "ç", "c", "d", "z"]
    assert sorted(letters, key=lambda t: i18n.sort_key(t, "tr")) == [
        "c", "ç", "d", "g", "ğ", "ı", "i", "o", "ö", "s", "ş", "u", "ü", "z"]
    # Turkish lowers I to ı and İ to i; â sorts as a; a space comes before any letter.
    names = ["İran", "Irak", "Şah", "Sovyetler", "Sıbgatullah", "Çin", "Cezayir", "Kâbil",
             "Kabul", "Afganistan", "Afgan mücahitleri"]
    assert sorted(names, key=lambda t: i18n.sort_key(t, "tr")) == [
        "Afgan mücahitleri", "Afganistan", "Cezayir", "Çin", "Irak", "İran", "Kâbil", "Kabul",
        "Sıbgatullah", "Sovyetler", "Şah"]
    # English has no such letters: each sorts as its base letter.
    assert sorted(["Şah", "Sovyetler", "Sıbgatullah", "Rauli"],
                  key=lambda t: i18n.sort_key(t, "en")) == [
        "Rauli", "Şah", "Sıbgatullah", "Sovyetler"]


def test_actors_sort_by_name_in_the_language_of_the_run() -> None:
    from accordcli.cli import app

    runner = CliRunner()

    def names(*args: str, env: dict[str, str] | None = None) -> list[str]:
        out = runner.invoke(app, ["actors", "--data", str(SAMPLE), *args], env=env).stdout
        return [line.split("\t")[1] for line in out.splitlines()]

    assert names("--sort", "name", env={"LANG": "tr_TR.UTF-8"}) == [
        "Ada Elçi", "Güney Ülkesi", "Kuzey Ülkesi", "Ülkeler Birliği"]
    assert names("--sort", "name") == ["Ada Envoy", "League of Lands", "Northland", "Southland"]
    assert names() == ["Northland", "Southland", "Ada Envoy", "League of Lands"]  # file order
    assert names("--sort", "events")[0] == "Northland"


@pytest.mark.parametrize(("lang", "words"), [("tr", "14 Nisan 1988 Perşembe"),
                                             ("en", "Thursday 14 April 1988")])
def test_detail_views_give_dates_in_words_as_well_as_iso(lang: str, words: str) -> None:
    from accordcli.cli import app

    out = CliRunner().invoke(app, ["event", "treaty-signed", "--data", str(SAMPLE), "--lang",
                                   lang]).stdout
    assert f"1988-04-14\n  {words}\n" in out
    clause = CliRunner().invoke(app, ["clauses", "1", "--data", str(SAMPLE), "--lang",
                                      lang]).stdout
    assert words in clause
    month = CliRunner().invoke(app, ["event", "talks-open", "--data", str(SAMPLE), "--lang",
                                     lang]).stdout
    assert ("Haziran 1982" if lang == "tr" else "June 1982") in month
