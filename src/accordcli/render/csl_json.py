"""The csl-json format: CSL-JSON items, as Pandoc (--citeproc) and Zotero read them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accordcli.i18n import gettext
from accordcli.render.citing import (
    Published,
    date_caveat,
    family_given,
    iso_parts,
    published,
    sources_of,
)
from accordcli.render.json import encode
from accordcli.render.registry import Renderer

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.records import JsonObject
    from accordcli.render.records_more import SourceRecord
    from accordcli.render.views import Detail, Listing

# CSL's item types, by source type; a source of no type is a "document".
TYPES = {"newspaper": "article-newspaper", "journal": "article-journal", "book": "book",
         "report": "report", "document": "report", "web": "webpage", "dataset": "dataset"}


def _date(date: Published) -> JsonObject:
    parts = [list(date.first.parts)] + ([list(date.last.parts)] if date.last else [])
    issued: JsonObject = {"date-parts": parts}
    if date.approximate:  # CSL's circa means approximate; an uncertain date says so in a note
        issued["circa"] = True
    return issued


def _author(name: str) -> JsonObject:
    split = family_given(name)
    return {"family": split[0], "given": split[1]} if split else {"literal": name}


def item(source: SourceRecord, lang: str) -> JsonObject:
    """Return one source as a CSL-JSON item."""
    found: JsonObject = {"id": source.id, "type": TYPES.get(source.type or "", "document"),
                         "title": source.title}
    if source.authors:
        found["author"] = [_author(name) for name in source.authors]
    if source.container:  # never the publisher: it is not a newspaper's or journal's title
        found["container-title"] = source.container
    if source.publisher:
        found["publisher"] = source.publisher
    date = published(source.date)
    if date is not None:
        found["issued"] = _date(date)
    if source.url:
        found["URL"] = source.url
    if source.accessed:
        found["accessed"] = {"date-parts": [list(iso_parts(source.accessed))]}
    if source.type == "dataset" and source.date:
        found["version"] = source.date
    notes = [source.note] if source.note else []
    if date is not None and date.uncertain:
        notes.append(date_caveat(date, lang))
    if source.archived:
        notes.append(gettext("Archived copy: {url}", lang).format(url=source.archived))
    if notes:
        found["note"] = "\n".join(notes)
    return found


class CslJson(Renderer):
    name = "csl-json"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return encode([item(s, env.lang) for s in sources_of(view)], pretty=env.terminal)

    def detail(self, view: Detail, env: Environment) -> bytes:
        # An array even for one source: it is what --bibliography reads.
        return encode([item(s, env.lang) for s in sources_of(view)], pretty=env.terminal)


RENDERER = CslJson()
