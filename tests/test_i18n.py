"""Language: the catalogues match the code, compile to the committed .mo, keep the Turkish
accord had before, and cost an English start nothing."""

from __future__ import annotations

import ast
import calendar
import datetime as dt
import gettext
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accordcli import i18n, model
from accordcli.edtf import parse_edtf
from accordcli.interval import Breakdown, Interval, Moment
from accordcli.render.chart import chart_lines, plain
from accordcli.render.views import caveat, interval_detail, label, value_label
from conftest import SAMPLE, clean_env

ROOT = Path(__file__).resolve().parents[1]


sys.path.insert(0, str(ROOT / "scripts"))
import catalogues  # noqa: E402 - scripts/ is not a package
import pofile  # noqa: E402

# The Turkish accord shows, word for word, with the Turkish review's corrections (December
# 2026): the instruments are "belge", headers "No.", "İmza tarihi", "Yürürlük tarihi", "no
# match" messages full sentences, the caveats one sentence each.
LABELS_TR = {
    "date": "Tarih", "id": "Kimlik", "title": "Başlık", "summary": "Özet", "note": "Not",
    "actors": "Aktörler", "tags": "Etiketler", "sources": "Kaynaklar", "start": "Başlangıç",
    "end": "Bitiş", "name": "Ad", "kind": "Tür", "role": "Rol", "affiliation": "Bağlı olduğu",
    "event_count": "Olay sayısı", "first": "İlk", "last": "Son", "number": "No.",
    "parties": "Taraflar", "signatories": "İmzacılar", "witnesses": "Tanıklar",
    "signed": "İmza tarihi", "in_force": "Yürürlük tarihi", "full_title": "Tam adı",
    "text": "Metin", "span": "Tarih aralığı", "clauses": "Belgeler", "provisions": "Hükümler",
    "events": "Olaylar", "relations": "İlişki", "no_events": "Eşleşen olay bulunamadı.",
    "no_actors": "Eşleşen aktör bulunamadı.", "no_clauses": "Bu veri kümesinde belge yok.",
    "no_hits": "Eşleşen sonuç bulunamadı.", "match": "Eşleşme", "from": "Başlangıç",
    "to": "Bitiş",
    "years": "Yıl", "months": "Ay", "days": "Gün", "total_days": "Toplam gün",
    "notes": "Notlar",
}
LABELS_EN = {
    "date": "Date", "id": "Id", "title": "Title", "summary": "Summary", "note": "Note",
    "actors": "Actors", "tags": "Tags", "sources": "Sources", "start": "Start", "end": "End",
    "name": "Name", "kind": "Kind", "role": "Role", "affiliation": "Affiliation",
    "event_count": "Event count", "first": "First", "last": "Last", "number": "No.",
    "parties": "Parties", "signatories": "Signatories", "witnesses": "Witnesses",
    "signed": "Signed", "in_force": "In force", "full_title": "Full title", "text": "Text",
    "span": "Span", "clauses": "Instruments", "provisions": "Provisions", "events": "Events",
    "relations": "Relation", "no_events": "no events match", "no_actors": "no actors match",
    "no_clauses": "no instruments in this dataset", "no_hits": "nothing matches",
    "match": "Match", "from": "From", "to": "To", "years": "Years", "months": "Months",
    "days": "Days", "total_days": "Total days", "notes": "Notes",
}
VALUES_TR = {
    "state": "devlet", "organisation": "kuruluş", "group": "grup", "person": "kişi",
    "party": "taraf", "signatory": "imzacı", "witness": "tanık", "event": "olay",
    "actor": "aktör", "clause": "belge", "provision": "hüküm",
}
# A clause is one instrument of the accords, in English too.
VALUES_EN = {**{value: value for value in VALUES_TR}, "clause": "instrument"}
MONTHS_TR = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
             "Eylül", "Ekim", "Kasım", "Aralık")
# Only ever read (folded) in typed dates, never shown.
WEEKDAYS_TR_FOLDED = ("pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar")
LEGEND = {"en": "o event  ? uncertain or approximate  == period  # signed  + in force",
          "tr": "o olay  ? kesin değil ya da yaklaşık  == dönem  # imza  + yürürlük"}
CAVEATS = {  # EDTF date of the event "x": the caveat in English and in Turkish
    "1988": ("x is dated 1988: known only to the year, so the range takes in the whole year",
             "x (1988) yalnızca yılı biliniyor; aralık yılın tamamını kapsıyor."),
    "1988-04": ("x is dated 1988-04: known only to the month, so the range takes in the "
                "whole month",
                "x (1988-04) yalnızca ayı biliniyor; aralık ayın tamamını kapsıyor."),
    "1988-04-14/1988-05-15": (
        "x is dated 1988-04-14/1988-05-15: a period; its first day 1988-04-14 is used",
        "x (1988-04-14/1988-05-15) bir dönemi kapsıyor; ilk günü (1988-04-14) esas alındı."),
    "1988-04-14?": ("x is dated 1988-04-14?: the date is uncertain",
                    "x (1988-04-14?) tarihi kesin değil."),
    "1988-04-14%": ("x is dated 1988-04-14%: the date is uncertain; the date is approximate",
                    "x (1988-04-14%) tarihi kesin değil; tarihi yaklaşık."),
}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_labels_and_values_read_as_reviewed(lang: str) -> None:
    labels = LABELS_TR if lang == "tr" else LABELS_EN
    assert {key: label(key, lang) for key in labels} == labels
    values = VALUES_TR if lang == "tr" else VALUES_EN
    assert {value: value_label(value, lang) for value in values} == values
    assert label("no-such-key", lang) == "no-such-key"
    assert value_label("no-such-value", lang) == "no-such-value"


def test_month_and_weekday_names_read_as_before() -> None:
    assert tuple(i18n.month_name(m, "en") for m in range(1, 13)) == tuple(
        calendar.month_name[1:])
    assert tuple(i18n.weekday_name(d, "en") for d in range(7)) == tuple(calendar.day_name)
    assert tuple(i18n.month_name(m, "tr") for m in range(1, 13)) == MONTHS_TR
    from accordcli.text import fold

    assert tuple(fold(i18n.weekday_name(d, "tr")) for d in range(7)) == WEEKDAYS_TR_FOLDED


@pytest.mark.parametrize("edtf", CAVEATS)
def test_caveats_read_as_reviewed(edtf: str) -> None:
    span = parse_edtf(edtf)
    moment = Moment(span.start, "x", span)
    assert (caveat(moment, "en"), caveat(moment, "tr")) == CAVEATS[edtf]


@pytest.mark.parametrize(("counts", "english", "turkish"), [
    ((9, 1, 22, 3341), "9 years, 1 month, 22 days (3,341 days)",
     "9 yıl, 1 ay, 22 gün (3.341 gün)"),
    ((1, 0, 0, 365), "1 year (365 days)", "1 yıl (365 gün)"),
    ((0, 0, 1, 1), "1 day (1 day)", "1 gün (1 gün)"),
    ((0, 0, 0, 0), "the same day", "aynı gün"),
    ((-1, -2, -1, -1), "-1 year, -2 months, -1 day (-1 day)", "-1 yıl, -2 ay, -1 gün (-1 gün)"),
])
def test_interval_headings_read_as_before(counts: tuple[int, int, int, int], english: str,
                                          turkish: str) -> None:
    day = Moment(dt.date(1988, 4, 14), "1988-04-14")
    years, months, days, total = counts
    calendar = Breakdown(years, months, days)
    interval = Interval(day, day, *counts, total, total, calendar, calendar)
    assert (interval_detail(interval, "en").heading,
            interval_detail(interval, "tr").heading) == (
        english, turkish)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_chart_legend_reads_as_before(lang: str) -> None:
    text = model.LocalText("x")
    events = [model.Event("x", parse_edtf(date), text, text, None, (), (), ())
              for date in ("1988-04-14", "1988-06-01?", "1988")]  # every kind of mark
    clause = model.Clause("c", 1, text, None, (), (), (), parse_edtf("1988-04-14"),
                          parse_edtf("1988-09-15"), text, (), ())
    legend = plain(chart_lines(events, [clause], width=200, lang=lang, ascii_only=True))
    assert legend.splitlines()[-1] == LEGEND[lang]


def test_numbers_and_language_names() -> None:
    assert (i18n.number(3341, "en"), i18n.number(3341, "tr")) == ("3,341", "3.341")
    assert i18n.number(-1234567, "tr") == "-1.234.567"
    assert [i18n.language_name(lang) for lang in i18n.LANGUAGES] == ["English", "Türkçe"]


def test_languages_are_the_catalogues_and_cover_the_data() -> None:
    from accordcli.cli import Lang

    assert i18n.LANGUAGES == ("en", "tr")
    assert tuple(lang.value for lang in Lang) == i18n.LANGUAGES
    # The data's languages (LocalText's fields) each have a catalogue.
    assert set(model.LocalText.__dataclass_fields__) <= set(i18n.LANGUAGES)
    assert isinstance(i18n.translation("en"), gettext.NullTranslations)
    assert not isinstance(i18n.translation("en"), gettext.GNUTranslations)
    assert i18n.gettext("{date} (uncertain)", "xx") == "{date} (uncertain)"  # unknown: English


def test_catalogues_are_up_to_date() -> None:
    # Every message in the code is in accord.pot, every .po has every message of it, every
    # .mo is its .po compiled, and no translation loses or invents a {field}.
    assert catalogues.problems() == [], "run: python scripts/catalogues.py update"


def test_po_files_read_back_as_the_script_writes_them() -> None:
    for po in catalogues.po_paths():
        entries = pofile.parse_po(po.read_text(encoding="utf-8"))
        assert pofile.parse_po(pofile.format_po(entries)) == entries


def test_compiled_catalogue_reads_back_through_gettext(tmp_path: Path) -> None:
    entries = pofile.parse_po(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "legend"\nmsgid "event"\nmsgstr "olay"\n\n'
        'msgid "{n} day"\nmsgid_plural "{n} days"\nmsgstr[0] "{n} gün"\nmsgstr[1] "{n} günler"\n\n'
        '#, fuzzy\nmsgid "guess"\nmsgstr "tahmin"\n\n'
        'msgid "open"\nmsgstr ""\n\nmsgid "a \\"quoted\\"\\n"\n"line"\nmsgstr "b\\tc"\n')
    mo = tmp_path / "x.mo"
    mo.write_bytes(pofile.compile_mo(entries))
    with mo.open("rb") as file:
        read = gettext.GNUTranslations(file)
    assert read.pgettext("legend", "event") == "olay"
    assert (read.ngettext("{n} day", "{n} days", 1), read.ngettext("{n} day", "{n} days", 2)) \
        == ("{n} gün", "{n} günler")
    assert (read.gettext("guess"), read.gettext("open")) == ("guess", "open")
    assert read.gettext('a "quoted"\nline') == "b\tc"


@pytest.mark.skipif(shutil.which("msgfmt") is None or shutil.which("msgunfmt") is None,
                    reason="GNU gettext is not installed")
def test_gnu_gettext_reads_the_catalogues_as_we_compile_them(tmp_path: Path) -> None:
    for po in catalogues.po_paths():
        theirs = tmp_path / "theirs.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(theirs), str(po)], check=True)
        ours, gnu = (subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True,
                                    check=True).stdout
                     for mo in (catalogues.mo_path(po), theirs))
        assert ours == gnu


def _opened_catalogues(*args: str) -> list[str]:
    """Run accord in-process and return the .mo files it opened."""
    code = (
        "import sys, json, atexit\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, a: opened.append(str(a[0])) if event == 'open' "
        "and str(a[0]).endswith('.mo') else None)\n"
        "atexit.register(lambda: print(json.dumps(opened), file=sys.stderr))\n"
        f"sys.argv = ['accord', *{list(args)!r}]\n"
        "from accordcli.cli import main\nmain()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=clean_env())
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stderr.strip().splitlines()[-1]))


def test_english_never_opens_a_catalogue() -> None:
    data = ("--data", str(SAMPLE))
    assert _opened_catalogues("timeline", "--from", "1978", "--json", *data) == []
    assert _opened_catalogues("span", "1979-12-24", "1988-04-14", *data) == []
    assert _opened_catalogues("chart", *data) == []
    turkish = _opened_catalogues("span", "1979-12-24", "1988-04-14", "--lang", "tr", *data)
    assert [Path(p).parts[-3:] for p in turkish] == [("tr", "LC_MESSAGES", "accord.mo")]


def test_typed_turkish_dates_still_read() -> None:
    from accordcli.dates import parse_day_range

    day = parse_day_range("Perşembe 14 Nisan 1988")
    assert (day.first, day.precision) == (dt.date(1988, 4, 14), "day")


def test_messages_translate_when_shown_and_read_as_english_until_then() -> None:
    unsure = i18n.Message("{date} (uncertain)", date=i18n.Message("May", context="month"))
    assert (str(unsure), unsure.translated("tr")) == ("May (uncertain)", "Mayıs (kesin değil)")
    assert str(i18n.Message("a {brace}")) == "a {brace}"  # no fields: the text as it is
    from accordcli.dates import DateInputError, parse_day_range

    with pytest.raises(DateInputError) as caught:
        parse_day_range("1988-02-30")
    said = i18n.message_of(caught.value)
    assert isinstance(said, i18n.Message)
    assert str(caught.value) == str(said) == "'1988-02-30': February 1988 has no day 30"
    assert i18n.message_of(ValueError("plain")) == "plain"
    assert i18n.message_of(ValueError("two", "args")) == "('two', 'args')"


# The modules whose messages are marked for translation: an error they make carries a
# Message, never finished English text (the renderers are not yet).
# Not listed, as their words never reach a person: codec.py (cache.py takes a bad index as
# none) and store.py (cache.py gives up on an index it cannot write).
MARKED = ("dates", "edtf", "errors", "query", "search", "interval", "read", "validate", "checker",
          "ids", "output", "shells", "cli.app", "cli.options", "cli.commands")


def _finished_text(node: ast.expr) -> bool:
    """True for English made before it is raised: an f-string, a string of words (not a key
    such as "clause"), or a list of them."""
    if isinstance(node, ast.List | ast.Tuple):
        return any(map(_finished_text, node.elts))
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value)


@pytest.mark.parametrize("name", MARKED)
def test_marked_modules_make_errors_only_from_messages(name: str) -> None:
    import importlib.util

    spec = importlib.util.find_spec(f"accordcli.{name}")
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (id(node) in raised or (
                isinstance(node.func, ast.Name) and node.func.id.endswith("Error"))):
            assert not any(map(_finished_text, node.args)), (name, node.lineno)


def test_why_an_id_is_refused_reads_as_the_unicode_table_says() -> None:
    from accordcli import ids, unicode_tables

    assert tuple(str(i18n.Message(kind, version=unicode_tables.UNICODE_VERSION))
                 for kind in ids._KINDS) == unicode_tables.KINDS
    said = ids.refusal("a\u200bb", 1)
    assert isinstance(said, i18n.Message)
    assert str(said) == ("id 'a\\u200bb' has U+200B (an invisible character) at character 2; "
                         "remove it, or use '-' or '_' between words")
    assert str(ids.refusal("a b;", 3)) == (
        "id 'a b;' has ';' (U+003B, special to shells) at character 4; remove it, or use "
        "'-' or '_' between words")


def test_data_errors_carry_messages_and_read_as_english() -> None:
    from accordcli.errors import DataError
    from accordcli.validate import build

    with pytest.raises(DataError) as caught:
        build({"event": 1, "sources": [{"id": "s", "title": "t", "url": "ftp://x",
                                         "publisher": "p"}]}, "x.toml")
    assert all(isinstance(said, i18n.Message) for said in caught.value.messages)
    assert caught.value.problems == (
        "(top level).event: unknown key (did you mean 'events'?)",
        "actors: missing; add at least one [[actors]] table",
        "events: missing; add at least one [[events]] table",
        "sources[0] (id 's').url: 'ftp://x' is not an http(s) URL")
    assert str(caught.value) == "\n".join(f"x.toml: {p}" for p in caught.value.problems)


# Help and errors --------------------------------------------------------------------------


class _Asked(gettext.NullTranslations):
    """Translations that note every message asked of them, and give it as written."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str | None, str]] = []

    def gettext(self, message: str) -> str:
        self.asked.append((None, message))
        return message

    def pgettext(self, context: str, message: str) -> str:
        self.asked.append((context, message))
        return message


def test_every_word_of_the_help_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    from accordcli.cli import app
    from accordcli.cli.app import localize
    from accordcli.render.registry import BIBLIOGRAPHIES, FORMATS, GENERAL, describe

    asked = _Asked()
    monkeypatch.setattr(i18n, "translation", lambda lang: asked)
    localize(typer.main.get_command(app), "tr")
    pot = {entry.key for entry in pofile.parse_po(catalogues.POT.read_text(encoding="utf-8"))}
    words = {key for key in asked.asked if key[0] != "metavar"}
    # --format's help is made from the formats' own messages, never asked whole.
    formats = {(None, describe(names))
                   for names in (GENERAL, (*GENERAL, "timelinejs", "html"), ("report", "json"),
                                 (*GENERAL, *BIBLIOGRAPHIES))}
    assert "timelinejs" in FORMATS and len(words) > 40
    assert words - pot == set() and not formats & words
    assert {(None, FORMATS[name].help) for name in FORMATS if FORMATS[name].help} <= words
    # A metavar is a message when it is a word: N, A, B and the forms of a date are not.
    metavars = {message for context, message in set(asked.asked) - pot if context == "metavar"}
    assert metavars == {"N", "A", "[B]"}


def _turkish_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                  translations: dict[tuple[str | None, str], str]) -> None:
    """Make accord's Turkish the committed catalogue with these (context, msgid) translated,
    compiled to a temporary .mo."""
    po = catalogues.LOCALE / "tr" / "LC_MESSAGES" / "accord.po"
    entries = pofile.parse_po(po.read_text(encoding="utf-8"))
    for entry in entries:
        if entry.key in translations:
            entry.msgstr = [translations[entry.key]]
    assert set(translations) <= {entry.key for entry in entries}
    mo = tmp_path / "accord.mo"
    mo.write_bytes(pofile.compile_mo(entries))
    with mo.open("rb") as file:
        turkish = gettext.GNUTranslations(file)
    english = gettext.NullTranslations()
    monkeypatch.setattr(i18n, "translation", lambda lang: turkish if lang == "tr" else english)


def _accord(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
            lang: str | None = None) -> tuple[int, str, str]:
    """Run accord's main() as the shell would, with ACCORD_LANG=lang if given."""
    from accordcli import cli

    monkeypatch.setattr(sys, "argv", ["accord", *args])
    if lang is not None:
        monkeypatch.setenv("ACCORD_LANG", lang)
    else:
        monkeypatch.delenv("ACCORD_LANG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out = capsys.readouterr()
    assert isinstance(exit_info.value.code, int)
    return exit_info.value.code, out.out, out.err


HELP_TR = {
    (None, "Examples:"): "Örnekler:",
    (None, "Events in order, filtered by date, actor, tag, text."):
        "Olaylar sırayla; tarihe, aktöre, etikete, metne göre süzülür.",
    (None, "Newest first."): "En yenisi önce.",
    ("metavar", "DATE"): "TARİH",
}


def test_help_reads_in_the_language_asked_for(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    _turkish_with(monkeypatch, tmp_path, HELP_TR)
    for args in (["-h"], []):
        code, out, _ = _accord(monkeypatch, capsys, *args, lang="tr")
        assert code == 0 and "Örnekler:" in out and "Examples:" not in out, args
        assert "  timeline  Olaylar sırayla; tarihe, aktöre, etikete, metne göre süzülür." in out
        assert "  accord timeline --from 1978 --to 1979\n" in out  # untranslated: English
    cases: list[tuple[list[str], str | None]] = [(["timeline", "--lang", "tr", "-h"], None),
                                                 (["timeline", "-h", "--lang=tr"], None),
                                                 (["timeline", "-h"], "tr")]
    for args, lang in cases:
        code, out, _ = _accord(monkeypatch, capsys, *args, lang=lang)
        assert code == 0, args
        assert ("Örnekler:" in out and "En yenisi önce." in out and "--from TARİH" in out
                and "Examples:" not in out), args
    # English, in the same process: the help as written.
    code, out, _ = _accord(monkeypatch, capsys, "timeline", "-h")
    assert "Examples:" in out and "Newest first." in out and "--from DATE" in out


def test_help_reads_in_the_language_asked_for_when_run_on_its_own(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from accordcli.cli import app

    _turkish_with(monkeypatch, tmp_path, HELP_TR)
    runner = CliRunner()
    for args, env in ((["timeline", "-h", "--lang", "tr"], {}),
                      (["timeline", "-h"], {"ACCORD_LANG": "tr"}),
                      (["-h"], {"ACCORD_LANG": "TR"})):
        out = runner.invoke(app, args, env=env).stdout
        assert "Örnekler:" in out and "Examples:" not in out, args
    assert "Examples:" in runner.invoke(app, ["timeline", "-h"]).stdout


def test_errors_read_in_the_language_asked_for(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    from accordcli.dates import DateInputError, parse_day_range

    _turkish_with(monkeypatch, tmp_path, {
        (None, "accord: error: {problem}"): "accord: hata: {problem}",
        (None, "{option}: {problem}"): "{option} seçeneği: {problem}",
        (None, "{problem} (see '{command} -h')"): "{problem} (bkz. '{command} -h')",
        ("argument", "date"): "tarih",
    })
    with pytest.raises(DateInputError) as caught:
        parse_day_range("1988-02-30")
    said = i18n.message_of(caught.value)
    assert isinstance(said, i18n.Message)
    # The option's name before the problem, both in Turkish; English until asked.
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--from", "1988-02-30",
                           "--lang", "tr")
    assert (code, err) == (2, f"accord: hata: --from seçeneği: {said.translated('tr')}\n")
    code, _, err = _accord(monkeypatch, capsys, "on", "1988-02-30", lang="tr")
    assert (code, err) == (2, f"accord: hata: tarih seçeneği: {said.translated('tr')}\n")
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--nope", lang="tr")
    assert code == 2 and err.startswith("accord: hata: ") and err.endswith(
        " (bkz. 'accord timeline -h')\n")
    code, _, err = _accord(monkeypatch, capsys, "timeline", "--from", "1988-02-30")
    assert (code, err) == (2, "accord: error: --from: '1988-02-30': February 1988 has no day 30\n")
