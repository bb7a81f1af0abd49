"""render/html.py: the timeline as one self-contained web page (its rendering in a real
browser is tests/test_html_browser.py)."""

from __future__ import annotations

import html
import json
import os
import pty
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accordcli.environment import Environment
from accordcli.load import load
from accordcli.render import html as page_html
from accordcli.render.registry import render
from accordcli.render.timelinejs import edition, to_timelinejs
from accordcli.render.views import label, timeline_view
from conftest import SAMPLE, Run, write_data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import vendor_timelinejs  # noqa: E402 - scripts/ is not a package

S = str(SAMPLE)
DATA = ROOT / "src" / "accordcli" / "data" / "events.toml"

# Text that tries to leave its place in the page: end the inline script or style, open a
# comment (which changes how the script's end is found), inject markup or an attribute.
HOSTILE = [
    "</script><script>window.pwned = 1</script>",
    "<!--<script>window.pwned = 2</script>",
    "</SCRIPT ><img src=x onerror=\"window.pwned = 3\">",
    "</style></noscript><b id=\"pwned\">bold</b>",
    "&lt;i&gt; is not <i>italic</i> \u2028 & \u2029 ]]> \\u003c",
]


def hostile_dataset(tmp_path: Path) -> Path:
    """Write a data file whose every text is hostile; return its path."""
    def text(value: str) -> str:
        return json.dumps(value)  # a JSON string is a TOML basic string

    events = "".join(
        f'[[events]]\nid = "e{n}"\ndate = "1988-04-{10 + n}"\ntitle = {text(title)}\n'
        f"summary = {text(title)}\nnote = {text(title)}\nsources = [\"s\"]\n\n"
        for n, title in enumerate(HOSTILE))
    return write_data(tmp_path / "hostile.toml", (
        f"[dataset]\ntitle = {text(HOSTILE[0])}\ndescription = {text(HOSTILE[1])}\n\n"
        f'[[sources]]\nid = "s"\ntitle = {text(HOSTILE[2])}\n'
        f'url = "https://example.org/\\"><script>window.pwned = 4</script>"\n'
        f"publisher = {text(HOSTILE[3])}\n\n"
        f'[[actors]]\nid = "a"\nkind = "state"\nname = {text(HOSTILE[4])}\n'
        f'role = {text(HOSTILE[0])}\nsources = ["s"]\n\n{events}'))


class Elements(HTMLParser):
    """The start tags and script texts of a page, as a browser's tokenizer finds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def elements(page: str) -> Elements:
    parsed = Elements()
    parsed.feed(page)
    parsed.close()
    return parsed


def page_of(run: Run, *args: str, env: dict[str, str] | None = None) -> str:
    result = run("timeline", "--format", "html", *args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    return result.stdout


def data_of(page: str) -> dict[str, object]:
    """Return the TimelineJS document the page's own script hands to TimelineJS."""
    script = elements(page).scripts[-1]
    found = re.fullmatch(r'\nwindow\.timeline = new TL\.Timeline\("timeline", (.*), '
                         r'(\{"language".*\})\);\n', script, re.DOTALL)
    assert found, script[:200]
    document: dict[str, object] = json.loads(found[1])
    return document


def test_the_page_holds_timelinejs_and_the_data_and_fetches_nothing(run: Run) -> None:
    page = page_of(run, "--data", S)
    parsed = elements(page)
    assert [tag for tag, _ in parsed.tags if tag in ("script", "link", "img", "iframe")] == [
        "script", "script"]
    assert all("src" not in attrs for tag, attrs in parsed.tags if tag == "script")
    assert "var TL;" in parsed.scripts[0]  # TimelineJS itself, inlined
    # Every url() of the stylesheet is inlined: the icon font, once, as WOFF2.
    assert re.findall(r"url\((?!data:)", page.split("<script>")[0]) == []
    assert page.count("data:font/woff2;base64,") == 1
    # The only addresses are the data's sources, as links.
    hrefs = {attrs["href"] for tag, attrs in parsed.tags if tag == "a"}
    assert hrefs == {"https://example.org/a", "https://example.org/b"}
    options = json.loads(re.findall(r"(\{\"language\".*\})\);", page)[-1])
    assert options == {"language": "en", "font": False, "hash_bookmark": False}


def test_the_slides_are_the_timelinejs_exports_with_a_title_slide(run: Run) -> None:
    page = page_of(run, "--data", S, "--from", "1982", "--tag", "diplomacy")
    exported = json.loads(run("timeline", "--data", S, "--from", "1982", "--tag",
                              "diplomacy", "--format", "timelinejs").stdout)
    document = data_of(page)
    assert document["events"] == exported["events"]
    assert [e["unique_id"] for e in exported["events"]] == [
        "talks-open", "leap-day", "treaty-signed"]
    assert document["title"] == exported["title"] == {"text": {
        "headline": "Sample timeline", "text": "<p>Dataset of 2026-12-01</p>"}}


@pytest.mark.parametrize("filters", [
    ("--from", "1979", "--to", "1988-04", "--within"),
    ("--actor", "envoy", "--tag", "diplomacy", "--lang", "tr"),
    ("--search", "border", "--reverse", "--limit", "2"),
])
def test_the_page_takes_every_timeline_filter(run: Run, filters: tuple[str, ...]) -> None:
    exported = json.loads(run("timeline", "--data", S, "--format", "timelinejs",
                              *filters).stdout)
    assert exported["events"]
    assert data_of(page_of(run, "--data", S, *filters)) == exported


@pytest.mark.parametrize("use_cache", [False, True])
def test_the_title_slide_has_the_dataset_description(use_cache: bool) -> None:
    dataset = load(DATA, use_cache=use_cache)  # through the index as well: it keeps it
    assert dataset.description is not None
    view = timeline_view(list(dataset.events), dataset, "tr")
    document = data_of(page_html.RENDERER.timeline(view, Environment(lang="tr")).decode())
    assert document["title"] == {"text": {
        "headline": "1988 Cenevre Anlaşması",
        "text": f"<p>{html.escape(dataset.description.get('tr'))}</p>"
                + edition(dataset, "tr")}}
    # The JSON export is as it was: the title slide has the title alone.
    exported = json.loads(to_timelinejs(dataset.events, dataset, "tr", pretty=False))
    assert exported["title"] == {"text": {"headline": "1988 Cenevre Anlaşması",
                                          "text": edition(dataset, "tr")}}


def test_turkish_pages_carry_timelinejs_turkish_locale_as_a_data_url(run: Run) -> None:
    page = page_of(run, "--data", S, "--lang", "tr")
    assert page.startswith('<!DOCTYPE html>\n<html lang="tr">')
    options = json.loads(re.findall(r"(\{\"language\".*\})\);", page)[-1])
    url, _, fragment = options["language"].partition("#")
    assert fragment == "tr.json"  # what makes TimelineJS take it for a file's address
    assert url.startswith("data:application/json;base64,")
    locale = json.loads(__import__("base64").b64decode(url.split(",", 1)[1]))
    assert locale["date"]["month"][3] == "Nisan"
    assert "<title>Örnek zaman çizelgesi</title>" in page
    assert "<h2>Görüşmeler İstanbul&#x27;da başlar</h2>" in page


def test_the_noscript_list_has_every_event_with_its_date_and_sources(run: Run) -> None:
    page = page_of(run, "--data", S)
    listed = page[page.index("<noscript><main>"):page.index("</noscript>\n<script>")]
    ids = re.findall(r'<li id="([^"]+)">', listed)
    assert ids == [e.id for e in load(SAMPLE, use_cache=False).events]
    assert ('<li id="talks-open"><h2>Talks open in İstanbul</h2>'
            '<p><time datetime="1982-06">June 1982</time></p>') in listed
    assert '<time datetime="1990">1990 (uncertain)</time>' in listed
    assert '<time datetime="1979-12-24">24 December 1979 – February 1980</time>' in listed
    assert '<a href="https://example.org/b">Another test source</a>' in listed
    assert "<h1>Sample timeline</h1>" in listed


def test_hostile_text_stays_text_in_the_markup_and_the_script(run: Run,
                                                              tmp_path: Path) -> None:
    page = page_of(run, "--data", str(hostile_dataset(tmp_path)))
    parsed = elements(page)
    # The tokenizer finds exactly the page's own elements: nothing the data wrote.
    assert sorted({tag for tag, _ in parsed.tags}) == [
        "a", "body", "div", "em", "h1", "h2", "head", "html", "li", "main", "meta",
        "noscript", "ol", "p", "script", "style", "time", "title"]
    assert len(parsed.scripts) == 2
    assert all(attrs.get("id") != "pwned" for _, attrs in parsed.tags)
    assert "window.pwned" not in parsed.scripts[0]
    # The data, as the script hands it over, is each text HTML-escaped once.
    document = data_of(page)
    headlines = [e["text"]["headline"] for e in document["events"]]  # type: ignore[attr-defined]
    assert [html.unescape(h) for h in headlines] == HOSTILE
    links = {attrs["href"] for tag, attrs in parsed.tags if tag == "a"}
    assert links == {'https://example.org/"><script>window.pwned = 4</script>'}


# Mostly the characters that matter to an inline script, and any others.
_TEXT = st.text(st.sampled_from("<>&/!-\u2028\u2029\\\"'uScRiPt0c") | st.characters())


@given(st.dictionaries(_TEXT, st.lists(_TEXT, max_size=3), max_size=3))
def test_script_literals_hold_no_markup_and_mean_the_same(value: object) -> None:
    literal = page_html.script_literal(value)
    assert not set(literal) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(literal) == value


def test_a_terminal_gets_a_hint_not_a_page() -> None:
    # A real terminal: what is refused is the device, whatever the variables say.
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "accordcli", "timeline", "--data", S,
                               "--format", "html"], stdout=terminal, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=60,
                              env={**os.environ, "TTY_COMPATIBLE": "0"})
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "accord: error: the web page was not written to the terminal; redirect it to a file: "
        "accord timeline --format html > timeline.html\n")


def test_the_hint_is_turkish_under_lang_tr() -> None:
    view = timeline_view([], load(SAMPLE, use_cache=False), "tr")
    with pytest.raises(page_html.NotForTerminal) as raised:
        render(view, "html", Environment(tty=True, lang="tr"))
    said = raised.value.args[0].translated("tr")
    assert said.startswith("web sayfası terminale yazılmadı; çıktıyı bir dosyaya yönlendirin: ")


def test_a_pipe_made_to_look_like_a_terminal_still_gets_the_page(run: Run) -> None:
    # FORCE_COLOR asks for a person's layout; the page still goes where stdout goes.
    page = page_of(run, "--data", S, env={"FORCE_COLOR": "1"})
    assert page.endswith("</html>\n")


def test_the_vendored_files_are_as_shipped_with_their_licences() -> None:
    assert vendor_timelinejs.check() == []
    folder = vendor_timelinejs.TARGET
    assert (folder / "VERSION").read_text().startswith(
        f"@knight-lab/timelinejs {vendor_timelinejs.VERSION}\n")
    assert "Mozilla Public License, version 2.0" in (folder / "LICENSE").read_text()
    assert "Apache License" in (folder / "LICENSE.dompurify").read_text()
    assert "W3C Software and Document License" in (folder / "LICENSE.wicg-inert").read_text()
    # Only what the page needs: no source maps, no other fonts, themes or locales.
    assert {p.name for p in folder.rglob("*") if p.is_file()} == {
        "LICENSE", "LICENSE.dompurify", "LICENSE.wicg-inert", "SHA256SUMS", "VERSION",
        "timeline.css", "timeline.js", "timeline.js.LICENSE.txt", "tl-icons.woff2", "tr.json"}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_page_of_no_events_says_so_without_timelinejs(run: Run, lang: str) -> None:
    # TimelineJS shows no events as an error about a spreadsheet: the page says it instead,
    # in the words a terminal gets (the catalogue's), as one sentence.
    said = label("no_events", lang).removesuffix(".")
    said = ("İ" if said[0] == "i" and lang == "tr" else said[0].upper()) + said[1:] + "."
    if lang == "en":
        assert said == "No events match."
    page = page_of(run, "--data", S, "--search", "nowhere", "--lang", lang)
    parsed = elements(page)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert page.endswith(f"<p>{said}</p></main>\n</body>\n</html>\n")
