"""The ris format: RIS records (TY … ER), as Zotero, EndNote and other reference managers
import them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accordcli.i18n import gettext
from accordcli.render.citing import date_caveat, published, sources_of
from accordcli.render.registry import Renderer
from accordcli.text import visible

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.records_more import SourceRecord
    from accordcli.render.views import Detail, Listing

# RIS reference types, by source type; a source of no type is generic.
TYPES = {"newspaper": "NEWS", "journal": "JOUR", "book": "BOOK", "report": "RPRT",
         "document": "RPRT", "web": "ELEC", "dataset": "DATA"}
EOL = "\r\n"  # as the RIS specification writes lines


def _value(text: str) -> str:
    """Return text as one RIS value: a tag's value ends at the line's end (sources_of()
    already made it one line, without control characters; visible() is a last guard)."""
    return visible(" ".join(text.split()))


def _day(parts: tuple[int, ...]) -> str:
    """Return a date as RIS writes it, YYYY/MM/DD/ with the unknown parts empty."""
    padded = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


def record(source: SourceRecord, lang: str) -> str:
    """Return one source as a RIS record, from TY to ER."""
    tags = [("TY", TYPES.get(source.type or "", "GEN")), ("ID", source.id),
            ("TI", source.title)]
    tags += [("AU", name) for name in source.authors]
    if source.container:  # never the publisher: it is not a newspaper's or journal's title
        tags.append(("T2", source.container))
    if source.publisher:
        tags.append(("PB", source.publisher))
    date = published(source.date)
    if date is not None:
        tags += [("PY", f"{date.first.parts[0]:04d}"), ("DA", _day(date.first.parts))]
    if source.url:
        tags.append(("UR", source.url))
    if source.accessed:
        tags.append(("Y2", source.accessed.replace("-", "/")))
    if source.note:
        tags.append(("N1", source.note))
    if date is not None and (date.uncertain or date.approximate):
        # RIS dates have no qualifier: DA stays what machines read, a note says the rest.
        tags.append(("N1", date_caveat(date, lang)))
    if source.archived:
        tags.append(("N1", gettext("Archived copy: {url}", lang).format(url=source.archived)))
    return "".join(f"{tag}  - {_value(value)}{EOL}" for tag, value in tags) + f"ER  - {EOL}"


def records(sources: tuple[SourceRecord, ...], lang: str) -> bytes:
    return EOL.join(record(s, lang) for s in sources).encode("utf-8")


class Ris(Renderer):
    name = "ris"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return records(sources_of(view), env.lang)

    def detail(self, view: Detail, env: Environment) -> bytes:
        return records(sources_of(view), env.lang)


RENDERER = Ris()
