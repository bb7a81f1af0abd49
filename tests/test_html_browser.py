"""`timeline --format html` pages opened from disk in headless Chromium with every host name
lookup failing: what a reader sees, read from the rendered page and from every line of its
console. One browser serves every test of the module. A machine without Chromium fails
these tests: .ci/run installs it (Debian's `chromium`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_html import DATA, HOSTILE, hostile_dataset, page_of

from accordcli.edtf import display_date
from accordcli.load import load
from conftest import SAMPLE, Run

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import Browser, Page, colours  # noqa: E402 - scripts/ is not a package

READY = "window.timeline && window.timeline.ready"
# What TimelineJS shows, read from its DOM: its slides (the title slide first) and their
# headlines and dates, and its time axis.
SLIDES = "[...document.querySelectorAll('.tl-storyslider .tl-slide')]"
HEADLINES = f"{SLIDES}.map(s => (s.querySelector('.tl-headline') || {{}}).textContent || '')"
DATES = ("[...document.querySelectorAll('.tl-storyslider .tl-headline-date')]"
         ".map(d => d.textContent)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as started:
        yield started


def show(browser: Browser, run: Run, tmp_path: Path, *args: str) -> Page:
    """Write `accord timeline --format html ARGS` to a file, open it, wait until TimelineJS
    is ready, and check that nothing went wrong on the way."""
    path = tmp_path / "page.html"
    path.write_text(page_of(run, *args), encoding="utf-8")
    page = browser.open(path)
    page.wait_for(READY)
    # Every console line counts: TimelineJS reports some failures with console.log.
    assert page.console == []
    # Nothing but the file itself and what it holds inline was asked for.
    assert page.requests[0] == path.as_uri()
    assert all(url.startswith("data:") for url in page.requests[1:]), page.requests
    assert page.evaluate("document.querySelectorAll('.tl-message-full:not(.tl-hidden)')"
                         ".length") == 0  # no error message over the timeline
    return page


def test_every_shipped_event_is_a_slide_after_the_title_slide(
        browser: Browser, run: Run, tmp_path: Path) -> None:
    page = show(browser, run, tmp_path, "--data", str(DATA))
    dataset = load(DATA, use_cache=False)
    headlines = page.evaluate(HEADLINES)
    assert len(headlines) == len(dataset.events) + 1
    assert page.evaluate(f"{SLIDES}[0].classList.contains('tl-slide-titleslide')")
    assert headlines[0] == "The Geneva Accords of 1988"
    assert sorted(headlines[1:]) == sorted(e.title.en for e in dataset.events)
    assert "The Geneva Accords are signed" in headlines
    assert "to the Islamic State of Afghanistan (1992)." in page.evaluate(
        f"{SLIDES}[0].textContent")  # the description
    # The sources are links on their event's slide.
    assert page.evaluate("document.querySelectorAll('.tl-slide a[href^=\"https://\"]')"
                         ".length") >= len(dataset.events)
    # The icon font drew the navigation arrows and zoom buttons.
    assert page.evaluate("document.fonts.check('16px tl-icons')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('tl-icons') "
                         "&& f.status === 'loaded')")
    shot = page.screenshot(scale=0.25)
    (tmp_path / "timeline.png").write_bytes(shot)
    assert colours(shot) > 50  # a blank or single-colour page has a handful


def test_a_turkish_page_has_turkish_dates_and_words(
        browser: Browser, run: Run, tmp_path: Path) -> None:
    page = show(browser, run, tmp_path, "--data", str(DATA), "--lang", "tr")
    headlines = page.evaluate(HEADLINES)
    assert headlines[0] == "1988 Cenevre Anlaşması"
    dates = " ".join(page.evaluate(DATES))
    # Dates TimelineJS formats itself, with its Turkish locale ...
    assert "14 Nisan, 1988" in dates
    assert "April" not in dates
    # ... and those accord gives it: every uncertain or approximate date, in Turkish.
    qualified = [display_date(e.date, "tr") for e in load(DATA, use_cache=False).events]
    assert all(shown in dates for shown in qualified if shown)
    assert len([shown for shown in qualified if shown]) > 5
    assert page.evaluate("document.documentElement.lang") == "tr"


def test_a_filtered_page_has_only_the_matching_events(
        browser: Browser, run: Run, tmp_path: Path) -> None:
    page = show(browser, run, tmp_path, "--data", str(SAMPLE), "--from", "1982",
                "--to", "1988-03", "--actor", "envoy", "--search", "envoy")
    assert page.evaluate(HEADLINES) == ["Sample timeline", "Leap-day meeting"]
    # No event matches: a page that says so, with nothing in its console.
    (tmp_path / "none").mkdir()
    path = tmp_path / "none" / "page.html"
    path.write_text(page_of(run, "--data", str(SAMPLE), "--search", "nowhere"))
    empty = browser.open(path)
    empty.wait_for("document.readyState === 'complete'")
    assert empty.console == []
    assert empty.evaluate("document.body.innerText").endswith("No events match.")


def test_hostile_titles_are_shown_as_text(browser: Browser, run: Run,
                                          tmp_path: Path) -> None:
    page = show(browser, run, tmp_path, "--data", str(hostile_dataset(tmp_path)))
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.getElementById('pwned')") is None
    headlines = page.evaluate(HEADLINES)
    assert headlines[0] == HOSTILE[0]
    assert sorted(headlines[1:]) == sorted(HOSTILE)
    # The slide shows the text; no element came from it.
    assert page.evaluate("document.querySelectorAll('.tl-slide img, .tl-slide i, "
                         ".tl-slide b').length") == 0
    # The source's title is the text of its link on every slide.
    assert page.evaluate("[...document.querySelectorAll('.tl-slide a')].map(a => a.textContent)"
                         ) == [HOSTILE[2]] * len(HOSTILE)
    assert page.evaluate("document.querySelectorAll('.tl-slide script').length") == 0


def test_without_javascript_the_events_are_a_list(browser: Browser, run: Run,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page_of(run, "--data", str(SAMPLE), "--lang", "tr"), encoding="utf-8")
    page = browser.open(path, javascript=False)
    page.wait_for("document.readyState === 'complete'")
    assert page.console == []
    assert page.evaluate("document.getElementById('timeline').offsetHeight") == 0
    items = page.evaluate("[...document.querySelectorAll('noscript main li')]"
                          ".filter(li => li.offsetHeight > 0).map(li => li.innerText)")
    assert len(items) == len(load(SAMPLE, use_cache=False).events)
    assert items[1].startswith("Görüşmeler İstanbul'da başlar\n\nHaziran 1982\n")
