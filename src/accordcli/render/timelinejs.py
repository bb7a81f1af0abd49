"""Export events as Knight Lab TimelineJS JSON, so the data can be published as a web timeline."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from accordcli.edtf import date_text, display_date
from accordcli.i18n import gettext
from accordcli.render.json import encode
from accordcli.render.registry import Renderer

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.model import Event, Vocabulary
    from accordcli.render.views import Timeline


def _date_object(day: dt.date, precision: str) -> dict[str, int]:
    # TimelineJS has no uncertainty flags: the object holds only what is known.
    date: dict[str, int] = {"year": day.year}
    if precision in ("month", "day"):
        date["month"] = day.month
    if precision == "day":
        date["day"] = day.day
    return date


def _slide(event: Event, dataset: Vocabulary, lang: str) -> dict[str, Any]:
    span = event.date
    paragraphs = [f"<p>{html.escape(event.summary.get(lang))}</p>"]
    if event.note:
        paragraphs.append(f"<p><em>{html.escape(event.note.get(lang))}</em></p>")
    links = []
    for source_id in event.sources:
        source = dataset.source(source_id)
        if source is not None:
            about = (f"{source.publisher}, {date_text(source.date, lang)}" if source.date
                     else source.publisher)
            links.append(f'<a href="{html.escape(source.url, quote=True)}">'
                         f"{html.escape(source.title)}</a> ({html.escape(about)})")
    if links:
        paragraphs.append("<p>" + "; ".join(links) + "</p>")
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date_object(span.start, span.start_precision),
        "text": {"headline": html.escape(event.title.get(lang)), "text": "".join(paragraphs)},
    }
    if span.interval:
        slide["end_date"] = _date_object(span.end, span.end_precision)
    if event.tags:
        slide["group"] = dataset.tag_label(event.tags[0], lang)
    shown = display_date(span, lang)
    if shown:
        slide["display_date"] = shown
    return slide


def document(events: Sequence[Event], dataset: Vocabulary, lang: str) -> dict[str, Any]:
    """Return the TimelineJS document (title slide and events); its texts are HTML, every
    text of the data escaped."""
    found: dict[str, Any] = {"events": [_slide(e, dataset, lang) for e in events]}
    if dataset.title is not None:
        found["title"] = {"text": {"headline": html.escape(dataset.title.get(lang)),
                                   "text": edition(dataset, lang)}}
    return found


def edition(dataset: Vocabulary, lang: str) -> str:
    """Return the title slide's note of the data's version, as every export names it:
    TimelineJS reads only its own keys, so it goes into the slide's text."""
    if dataset.version is None:
        return ""
    return "<p>" + gettext("Dataset of {edition}", lang).format(
        edition=dataset.version.isoformat()) + "</p>"


def to_timelinejs(events: Sequence[Event], dataset: Vocabulary, lang: str, *,
                  pretty: bool) -> bytes:
    """Return the TimelineJS document (title slide and events) as UTF-8 JSON."""
    return encode(document(events, dataset, lang), pretty=pretty)


class TimelineJs(Renderer):
    name = "timelinejs"

    def timeline(self, view: Timeline, env: Environment) -> bytes:
        return to_timelinejs(view.events, view.vocabulary, env.lang, pretty=env.terminal)


RENDERER = TimelineJs()
