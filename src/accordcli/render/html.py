"""The timeline as one self-contained web page: Knight Lab's TimelineJS, its styles, its icon
font, its locale and the data all inlined, so the file works from disk with no network.

The slides are timelinejs.py's (one document for the JSON export and the page). The
vendored files (vendor/timelinejs, refreshed by scripts/vendor_timelinejs.py) stay as
shipped; what the page needs changed is changed here as it is written: the icon font becomes
a data: URL, the locale a data: URL, and the web fonts are turned off, so nothing is fetched.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accordcli.edtf import date_text
from accordcli.errors import UsageError
from accordcli.i18n import Message, gettext
from accordcli.render.registry import Renderer
from accordcli.render.timelinejs import document, edition
from accordcli.render.views import label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from accordcli.environment import Environment
    from accordcli.model import Event, Span, Vocabulary
    from accordcli.render.views import Timeline

ASSETS = Path(__file__).resolve().parent.parent / "vendor" / "timelinejs"

# The stylesheet's @font-face lists the icon font in five formats by relative URL; the page
# keeps one, WOFF2 (every browser TimelineJS supports reads it), inlined.
_ICON_SOURCES = re.compile(r"src:[^;]*tl-icons[^;]*;")
# What would end an inline <script> or <style>, or start the HTML parser's escaped state.
_BREAKOUT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)
# In a script, JSON may hold none of these as themselves: "<" and ">" could form
# "</script>" or "<!--", "&" keeps the text inert to a reader that decodes entities, and
# U+2028/2029 end a line in older JavaScript.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


class NotForTerminal(UsageError):
    """A web page written to a terminal: hundreds of kilobytes nobody can read there."""

    def __init__(self) -> None:
        # gzip's rule: binary-sized output goes to a file or a pipe, never to a screen.
        super().__init__(Message("the web page was not written to the terminal; "
                                 "redirect it to a file: {example}",
                                 example="accord timeline --format html > timeline.html"))


def script_literal(value: Any) -> str:
    """Return `value` as JSON that can stand inside an inline <script> whatever it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m[0]], text)


def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    if _BREAKOUT.search(text):
        # The vendored files are inlined as they are: one that could end its own element
        # early would break the page, so a refresh that brings one must be dealt with.
        raise ValueError(f"{name} cannot be inlined: it holds </script>, </style> or <!--")
    return text


def _data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _stylesheet() -> str:
    font = _data_url("font/woff2", (ASSETS / "tl-icons.woff2").read_bytes())
    css, count = _ICON_SOURCES.subn("", _asset("timeline.css"), count=0)
    if count == 0:
        raise ValueError("timeline.css: no tl-icons @font-face to inline")
    # Removed above, the src lines give way to one, put back where the first was.
    return css.replace("font-family: 'tl-icons';\n",
                       f"font-family: 'tl-icons';\n  src: url({font}) format('woff2');\n", 1)


def _language(lang: str) -> str:
    """Return TimelineJS's `language` option: "en" (built in) or the locale as a data: URL.

    TimelineJS fetches a language given by code from its servers; one given as a URL ending
    in ".json" it fetches from there. A data: URL is fetched from the page itself, and the
    fragment that makes it end in ".json" is not part of what is fetched.
    """
    locale = ASSETS / "locale" / f"{lang}.json"
    if lang == "en" or not locale.is_file():
        return "en"
    return _data_url("application/json", locale.read_bytes()) + f"#{lang}.json"


def _title_slide(found: dict[str, Any], dataset: Vocabulary, lang: str) -> None:
    """Add the description to the export's title slide (the title and the edition)."""
    if dataset.title is None and dataset.description is None:
        return
    headline = html.escape(dataset.title.get(lang)) if dataset.title else ""
    text = (f"<p>{html.escape(dataset.description.get(lang))}</p>"
            if dataset.description else "")
    found["title"] = {"text": {"headline": headline, "text": text + edition(dataset, lang)}}


def _datetime(span: Span) -> str:
    """Return the first day of a span as <time> reads it, to its precision."""
    return span.start.isoformat()[:{"year": 4, "month": 7}.get(span.start_precision, 10)]


def _events_list(found: dict[str, Any], events: Sequence[Event], lang: str,
                 empty: str) -> str:
    """Return the events as a list under the title, for a reader without JavaScript (and
    search engines), or `empty` when there are none. Headlines and texts are the slides'
    HTML, whose data texts are escaped."""
    items = []
    for slide, event in zip(found["events"], events, strict=True):
        items.append(f'<li id="{html.escape(event.id, quote=True)}">'
                     f"<h2>{slide['text']['headline']}</h2>"
                     f'<p><time datetime="{_datetime(event.date)}">'
                     f"{html.escape(date_text(event.date, lang))}</time></p>"
                     f"{slide['text']['text']}</li>")
    title = found.get("title", {}).get("text", {})
    heading = f"<h1>{title['headline']}</h1>{title['text']}" if title else ""
    listed = f"<ol>{''.join(items)}</ol>" if items else f"<p>{html.escape(empty)}</p>"
    return f"<main>{heading}{listed}</main>"


_PAGE_STYLE = """html,body{height:100%;margin:0}
#timeline{width:100%;height:100%}
main{max-width:40em;margin:1em auto;padding:0 1em;font-family:sans-serif}"""


def page(events: Sequence[Event], dataset: Vocabulary, lang: str, empty: str = "") -> str:
    """Return the whole page of these events; with none, a page that says `empty`."""
    found = document(events, dataset, lang)
    _title_slide(found, dataset, lang)
    title = (dataset.title.get(lang) if dataset.title else
             # Translators: the title of a web page of a timeline whose data has none.
             gettext("Timeline", lang))
    head = ("<!DOCTYPE html>\n"
            f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n")
    listed = _events_list(found, events, lang, empty)
    if not events:
        # TimelineJS cannot show no events: it would blame a spreadsheet the page never had.
        return (f"{head}<style>\n{_PAGE_STYLE}\n</style>\n</head>\n<body>\n{listed}\n"
                "</body>\n</html>\n")
    options = {
        "language": _language(lang),
        # Web fonts come from Knight Lab's servers: the stylesheet's own fonts are used.
        "font": False,
        "hash_bookmark": False,
    }
    return (
        f"{head}<style>\n{_stylesheet()}\n</style>\n<style>\n{_PAGE_STYLE}\n</style>\n"
        "<noscript><style>#timeline{display:none}</style></noscript>\n"
        "</head>\n<body>\n"
        '<div id="timeline"></div>\n'
        f"<noscript>{listed}</noscript>\n"
        f"<script>\n{_asset('timeline.js')}\n</script>\n"
        "<script>\n"
        f"window.timeline = new TL.Timeline(\"timeline\", {script_literal(found)}, "
        f"{script_literal(options)});\n"
        "</script>\n</body>\n</html>\n"
    )


class Html(Renderer):
    name = "html"

    def timeline(self, view: Timeline, env: Environment) -> bytes:
        if env.tty:
            raise NotForTerminal()
        empty = label(view.listing.empty, env.lang)  # "no events match", said on a page:
        first = "İ" if env.lang == "tr" and empty[:1] == "i" else empty[:1].upper()
        # A language whose message is already a sentence ends it itself.
        said = f"{first}{empty[1:]}" + ("" if empty.endswith(".") else ".")
        return page(view.events, view.vocabulary, env.lang, said).encode("utf-8")


RENDERER = Html()
