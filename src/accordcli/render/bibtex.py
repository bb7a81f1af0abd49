"""The bibtex format: classic BibTeX that both bibtex and biber read, one entry per source.

Text from a data file is written as TeX text, never as TeX commands: every character TeX or
BibTeX reads specially is escaped. Braces are the exception that needs care: BibTeX counts
them even when escaped (`\\{`), so a lone brace in a title would end its field early or
swallow the rest of the file; each is written `\\textbraceleft{}`, balanced. Latin letters
with accents become TeX accents (`{\\"u}`), which every style sorts and cases correctly;
other text stays UTF-8, as biber and LaTeX read it.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from accordcli.i18n import gettext
from accordcli.render.citing import family_given, published, sources_of
from accordcli.render.registry import Renderer

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.records_more import SourceRecord
    from accordcli.render.views import Detail, Listing

_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # What the default (OT1) font encoding would print as other characters: < as ¡, | as —.
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    # Typographic punctuation as TeX's own ligatures: every font and style has them.
    "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''", "\u2013": "--",
    "\u2014": "---", "\u2026": r"\ldots{}", "\u00a0": "~",
}
# Letters TeX writes as a command of their own.
_LETTERS = {
    "ı": r"{\i}", "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}",
    "œ": r"{\oe}", "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "å": r"{\aa}", "Å": r"{\AA}",
}
# Combining accents and the TeX command that puts each on a letter.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u",
    "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0323": "d",
    "\u0327": "c", "\u0328": "k", "\u0331": "b",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# Pairs TeX's fonts join into another character ("--" is a dash, "``" a quotation mark,
# "?`" an inverted question mark), by their second character: an empty group between the
# two keeps both as written.
_LIGATURES = {"-": "-", "`": "`?!", "'": "'"}


def tex(text: str) -> str:
    """Return data text as TeX text: specials escaped, braces balanced, accents as TeX's."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif " " <= char < "\x7f":
            if char in _LIGATURES and out and out[-1][-1:] in _LIGATURES[char]:
                out.append("{}")
            out.append(char)
        elif char in _LETTERS:
            out.append(_LETTERS[char])
        elif char in "\t\n\r\v\f\u2028\u2029" or unicodedata.category(char) == "Zs":
            out.append(" ")  # a field is one line: BibTeX would end a paragraph
        elif unicodedata.category(char) in ("Cc", "Cs"):
            continue  # never in text from sources_of(): see citing.plain()
        else:
            out.append(_accented(char))
    return "".join(out)


def _accented(char: str) -> str:
    """Return a Latin letter with accents as TeX accents (ö is {\\"o}), else the letter."""
    base, *marks = list(unicodedata.normalize("NFD", char))
    if not marks or not base.isascii() or not all(m in _ACCENTS for m in marks):
        return char
    letter = r"\i" if base == "i" and marks[0] in "\u0300\u0301\u0302\u0308" else base
    for mark in marks:
        letter = f"\\{_ACCENTS[mark]}{{{letter}}}"
    return "{" + letter + "}"


def url(address: str) -> str:
    """Return a web address as a BibTeX field holds it: braces, backslashes, white space and
    non-ASCII characters percent-encoded (the same address), the rest as written."""
    from urllib.parse import quote

    return quote(address, safe="".join(chr(c) for c in range(0x21, 0x7f) if chr(c) not in
                                        '{}\\"'))


def _names(names: tuple[str, ...]) -> str:
    """Return authors as BibTeX names: "Family, Given" as given, any other name whole (in
    braces), so that BibTeX never guesses which part is the family name."""
    said = []
    for name in names:
        split = family_given(name)
        said.append(f"{tex(split[0])}, {tex(split[1])}" if split else "{" + tex(name) + "}")
    return " and ".join(said)


def _fields(source: SourceRecord, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """Return a source's entry type and its fields, each value as written between braces;
    a month is a bare macro (`apr`), which styles print in their own language."""
    fields = [("title", "{" + tex(source.title) + "}")]  # inner braces keep its capitals
    if source.authors:
        fields.append(("author", _names(source.authors)))
    kind = source.type
    if kind in ("newspaper", "journal"):
        entry = "article"
        if source.container:  # a publisher is not a journal's title
            fields.append(("journal", tex(source.container)))
        fields.append(("publisher", tex(source.publisher)))
        if kind == "newspaper":
            # biblatex's (and Pandoc's) mark of a newspaper article; BibTeX ignores it.
            fields.append(("entrysubtype", "newspaper"))
    elif kind == "book":
        entry = "book"
        fields.append(("publisher", tex(source.publisher)))
    elif kind in ("report", "document"):
        entry = "techreport"
        fields.append(("institution", tex(source.publisher)))
        if kind == "document":
            fields.append(("type", tex(gettext("Document", lang))))
    else:  # web pages, sources of no type and the dataset itself
        entry = "misc"
        fields.append(("publisher", tex(source.publisher)))
        if source.url:
            fields.append(("howpublished", rf"\url{{{url(source.url)}}}"))
    date = published(source.date)
    if date is not None:
        fields.append(("year", str(date.first.parts[0])))
        if len(date.first.parts) > 1:
            fields.append(("month", _MONTHS[date.first.parts[1] - 1]))
        # As written: biblatex reads EDTF ("1988~", "1988-05-15/1989-02-15"), which holds
        # nothing BibTeX reads specially.
        fields.append(("date", source.date or ""))
        if kind == "dataset":
            fields.append(("version", source.date or ""))
    if source.url:
        fields.append(("url", url(source.url)))
    if source.accessed:
        fields.append(("urldate", source.accessed))
    notes = []
    if source.accessed and kind in ("web", None):
        notes.append(gettext("Accessed {day}", lang).format(day=source.accessed))
    if source.archived:
        notes.append(gettext("Archived copy: {url}", lang).format(
            url=rf"\url{{{url(source.archived)}}}"))
    if source.type == "dataset" and source.note:
        notes.append(tex(source.note))
    if notes:
        fields.append(("note", ". ".join(notes)))
    if source.note and source.type != "dataset":
        fields.append(("annote", tex(source.note)))  # what this project says about it
    return entry, fields


def entry(source: SourceRecord, cite_key: str, lang: str) -> str:
    """Return one BibTeX entry."""
    kind, fields = _fields(source, lang)
    width = max(len(name) for name, value in fields if value)
    lines = [f"@{kind}{{{cite_key},"]
    for name, value in fields:
        if not value:
            continue  # a dataset of unknown publisher
        written = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name.ljust(width)} = {written},")
    return "\n".join(lines) + "\n}\n"


def bibliography(sources: tuple[SourceRecord, ...], edition: str | None, lang: str) -> str:
    """Return the entries of `sources`, after a comment naming accord and the data's version
    (text outside entries is a comment to BibTeX and biber)."""
    from accordcli import __version__

    # Translators: the first line of a BibTeX file, a comment; {edition} is a day.
    said = (gettext("Written by accord {version} from the dataset of {edition}", lang)
            if edition else gettext("Written by accord {version}", lang))
    entries = [entry(source, source.id, lang) for source in sources]  # id: the key
    comment = "% " + tex(said.format(version=__version__, edition=edition))
    return "\n".join([comment + "\n", *entries])


class Bibtex(Renderer):
    name = "bibtex"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return bibliography(sources_of(view), view.edition, env.lang).encode("utf-8")

    def detail(self, view: Detail, env: Environment) -> bytes:
        return bibliography(sources_of(view), view.edition, env.lang).encode("utf-8")


RENDERER = Bibtex()
