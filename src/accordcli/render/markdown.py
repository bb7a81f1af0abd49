"""The markdown format: a pipe table, or a section for a record in full.

The data's own Markdown syntax is escaped so that it shows as written, and web addresses
become autolinks (<https://…>), which need no escapes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from accordcli.i18n import gettext
from accordcli.render.registry import Renderer
from accordcli.render.views import JOINER, header, label
from accordcli.text import cell, visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.views import Detail, Listing

# Inline Markdown syntax, escaped wherever it appears; a block marker only at a line start.
_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})
# "&" only where it starts an entity ("&amp;", "&#60;"): elsewhere it shows as written.
_MD_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"
# A web address in data text becomes an autolink, <https://...>, inside which Markdown
# reads nothing: escaping its "_" or "&" as in prose would break the link. It starts a word
# and stops at white space, "<", ">", and control and bidi characters (left to prose, which
# shows them as escapes).
_URL = (r"(?<![0-9A-Za-z])https?://"
        r"[^\s<>\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
# What ends a sentence or closes a quotation or markup around an address, not the address.
_AFTER_URL = ".,;:!?'\"”’»›`*_~"


def _md_escape(text: str) -> str:
    """Return text as literal Markdown: syntax escaped, web addresses as autolinks."""
    out = []
    position = 0
    for found in re.finditer(_URL, text):
        url = found.group()
        while url and (url[-1] in _AFTER_URL or _unopened(url, ")", "(")
                       or _unopened(url, "]", "[")):
            url = url[:-1]
        if url.endswith("://"):
            continue  # a scheme alone is prose
        out.append(_md_prose(text[position:found.start()]))
        # "|" would end a table cell even inside an autolink; %7C is the same address.
        out.append("<" + url.replace("|", "%7C") + ">")
        position = found.start() + len(url)
    out.append(_md_prose(text[position:]))
    return "".join(out)


def _unopened(url: str, closing: str, opening: str) -> bool:
    """True when `url` ends in a bracket it did not open: "(see https://x.org/a)", but not
    https://en.wikipedia.org/wiki/Geneva_(1988) or http://[2001:db8::1]."""
    return url.endswith(closing) and url.count(opening) < url.count(closing)


def _md_prose(text: str) -> str:
    return re.sub(_MD_ENTITY, r"\\&", visible(text).translate(_MD_INLINE))


def _md_line(text: str) -> str:
    """Return one line of data text as literal Markdown: no emphasis, links, HTML or lists."""
    escaped = _md_escape(text)
    stripped = escaped.lstrip(" ")
    marker = len(escaped) - len(stripped)
    if stripped[:1] in ("#", "-", "+", "=") or (
            stripped[:1].isdigit() and stripped.lstrip("0123456789")[:1] in (".", ")")):
        digits = len(stripped) - len(stripped.lstrip("0123456789"))
        at = marker + digits  # before "#", "-", "+", "=", or the "." / ")" after a number
        return escaped[:at] + "\\" + escaped[at:]
    return escaped


def _md(text: str) -> str:
    """Return data text as one line of literal Markdown, for table cells and headings (where
    no line starts, so block markers need no escape)."""
    return _md_escape(" ".join(text.split("\n")))


def table(listing: Listing[Any], lang: str) -> str:
    """Return a GitHub pipe table of the listing's columns."""
    head = "| " + " | ".join(header(c, lang) for c in listing.columns) + " |"
    rule = "|" + "|".join("---" for _ in listing.columns) + "|"
    rows = ["| " + " | ".join(_md(cell(value, JOINER)) for value in row) + " |"
            for row in listing.rows()]
    return "\n".join([head, rule, *rows]) + "\n"


def section(detail: Detail, lang: str) -> str:
    """Return a record in full as a Markdown section."""
    parts = [f"## {_md(detail.heading)}", ""]
    for key, value in detail.fields:
        # One paragraph of hard-broken lines: a field's own lines (several sources, a text
        # in paragraphs) stay inside it instead of starting a list that swallows the rest.
        lines_of_value = [_md_line(v) for v in value.split("\n") if v.strip()] or [""]
        parts.append(f"**{label(key, lang)}:** " + "  \n".join(lines_of_value) + "  ")
    for key, listing in detail.sections:
        parts += ["", f"### {label(key, lang)}", "", table(listing, lang).rstrip("\n")]
    return "\n".join(parts) + "\n"


def edition(version: str | None, lang: str) -> str:
    """Return the comment that names the data's version, which no rendering shows."""
    if version is None:
        return ""
    from accordcli import __version__

    # Translators: a comment at the end of a Markdown export; {edition} is a day.
    said = gettext("Written by accord {version} from the dataset of {edition}", lang)
    # "--" cannot end the comment early: a version is a day and accord's version digits.
    return f"\n<!-- {said.format(version=__version__, edition=version)} -->\n"


class Markdown(Renderer):
    name = "markdown"

    def listing(self, view: Listing[Any], env: Environment) -> str:
        return table(view, env.lang) + edition(view.edition, env.lang)

    def detail(self, view: Detail, env: Environment) -> str:
        return section(view, env.lang) + edition(view.edition, env.lang)


RENDERER = Markdown()
