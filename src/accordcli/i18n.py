"""The one place for language: every word accord shows that is not data, in each language.

The words live in gettext catalogues under locale/: accord.pot lists every message in
English (the msgids), and locale/LANG/LC_MESSAGES/accord.po translates them, compiled to
accord.mo next to it. scripts/catalogues.py extracts, merges and compiles them.

In code, a message is the English text itself, looked up at the moment it is shown:

    gettext("no events match", lang)
    ngettext("{n} year", "{n} years", abs(years), lang).format(n=years)
    pgettext("legend", "event", lang)   # a short word: its context tells translators which

A message kept in a table and translated later is marked with N_() or pN_(), so that the
extractor finds it; one that carries values to a later translation (an error) is a Message.
English is the source language and needs no catalogue: it never opens a file, so a start-up
in English pays nothing for translations.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache

DOMAIN = "accord"
SOURCE = "en"  # the language of the msgids
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


def catalogue_path(lang: str) -> str:
    """Return where the compiled catalogue of `lang` lives (whether or not it exists)."""
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", DOMAIN + ".mo")


def _catalogued() -> tuple[str, ...]:
    """Return the languages with a compiled catalogue, sorted."""
    try:
        names = os.listdir(LOCALE_DIR)
    except OSError:
        return ()
    return tuple(sorted(n for n in names if n != SOURCE and os.path.isfile(catalogue_path(n))))


# What --lang accepts: English, and every language a translator has added a catalogue for.
LANGUAGES: tuple[str, ...] = (SOURCE, *_catalogued())


def N_(message: str) -> str:  # the name gettext tools know
    """Mark `message` for the catalogue and return it unchanged: it is translated later."""
    return message


def pN_(context: str, message: str) -> str:
    """Mark `message` in `context` for the catalogue and return it unchanged."""
    return message


@cache
def translation(lang: str) -> _gettext.NullTranslations:
    """Return the translations of `lang`: English, and any language without a catalogue,
    get the messages as written."""
    if lang == SOURCE or lang not in LANGUAGES:
        return _gettext.NullTranslations()
    with open(catalogue_path(lang), "rb") as file:
        return _gettext.GNUTranslations(file)


def gettext(message: str, lang: str) -> str:
    """Return `message` in `lang`."""
    return translation(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """Return the form of a message that `lang` uses for the count `n`."""
    return translation(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str) -> str:
    """Return `message` in `lang` as meant in `context` (a short word with several senses)."""
    return translation(lang).pgettext(context, message)


class Message:
    """A message to show later, in the language chosen then: its English text (the msgid),
    its context if any, and the values of its {fields}. str() gives the English.

    Errors are raised far from where the language is known, so they carry Messages; a
    field that is itself a Message is translated with it.
    """

    __slots__ = ("context", "fields", "text")

    def __init__(self, text: str, /, context: str | None = None, **fields: object) -> None:
        self.text = text
        self.context = context
        self.fields = fields

    def translated(self, lang: str) -> str:
        """Return the message in `lang`."""
        values = {name: value.translated(lang) if isinstance(value, Message) else value
                  for name, value in self.fields.items()}
        text = (gettext(self.text, lang) if self.context is None
                else pgettext(self.context, self.text, lang))
        return text.format_map(values) if values else text

    def __str__(self) -> str:
        return self.translated(SOURCE)

    def __repr__(self) -> str:
        return f"Message({self.text!r}, context={self.context!r}, **{self.fields!r})"


def message_of(error: BaseException) -> Message | str:
    """Return what an error says as it was raised: a Message, or (from elsewhere) text."""
    said = error.args[0] if len(error.args) == 1 else None
    return said if isinstance(said, Message | str) else str(error)


def number(value: int, lang: str) -> str:
    """Return an integer with the thousands separator of `lang` ("3,341"; "3.341")."""
    text = f"{value:,}"
    # Translators: the thousands separator in numbers ("3,341" in English).
    separator = pgettext("thousands separator", ",", lang)
    return text if separator == "," else text.replace(",", separator)


def language_name(lang: str) -> str:
    """Return the name of `lang` in that language ("English", "Türkçe")."""
    # Translators: the name of your language, in your language (e.g. "Türkçe").
    return pgettext("language name", "English", lang)


MONTHS = (
    pN_("month", "January"), pN_("month", "February"), pN_("month", "March"),
    pN_("month", "April"), pN_("month", "May"), pN_("month", "June"),
    pN_("month", "July"), pN_("month", "August"), pN_("month", "September"),
    pN_("month", "October"), pN_("month", "November"), pN_("month", "December"),
)
WEEKDAYS = (  # Monday first, as datetime.date.weekday() counts
    pN_("weekday", "Monday"), pN_("weekday", "Tuesday"), pN_("weekday", "Wednesday"),
    pN_("weekday", "Thursday"), pN_("weekday", "Friday"), pN_("weekday", "Saturday"),
    pN_("weekday", "Sunday"),
)


def month_name(month: int, lang: str) -> str:
    """Return the name of `month` (1 to 12) in `lang`."""
    return pgettext("month", MONTHS[month - 1], lang)


def weekday_name(weekday: int, lang: str) -> str:
    """Return the name of a weekday (0 is Monday) in `lang`."""
    return pgettext("weekday", WEEKDAYS[weekday], lang)


# Alphabetical order -------------------------------------------------------------------------
#
# Names sort as each language's alphabet has it: Turkish puts ç after c, ğ after g, ı
# before i, ö after o, ş after s, ü after u, and lowers I to ı and İ to i; â, î and û sort
# as a, i and u. Letters outside an alphabet sort as their base letter (é as e).

_ALPHABETS = {"tr": "abcçdefgğhıijklmnoöpqrsştuüvwxyz"}
_LOWER = {"tr": str.maketrans({"I": "ı", "İ": "i"})}
_AS = {"tr": str.maketrans("âîû", "aiu")}


def sort_key(text: str, lang: str) -> tuple[tuple[int, ...], str]:
    """Return the key that sorts `text` alphabetically in `lang` (ignoring case and, where
    the alphabet lacks a letter, its accents); ties keep a fixed order."""
    import unicodedata

    alphabet = _ALPHABETS.get(lang, "abcdefghijklmnopqrstuvwxyz")
    lowered = text.translate(_LOWER.get(lang, {})).lower().translate(_AS.get(lang, {}))
    ranks = []
    for char in lowered:
        if char not in alphabet:  # its base letter, if it has one (ı has none in Unicode)
            base = "i" if char == "ı" else unicodedata.normalize("NFD", char)[:1]
            char = base if base in alphabet else char
        if char in alphabet:
            ranks.append(100 + alphabet.index(char))
        elif char.isdigit():
            ranks.append(50 + int(char) if char in "0123456789" else 60)
        elif char.isspace() or not char.isalnum():
            ranks.append(0)  # between words: "Ab C" before "Abc"
        else:
            ranks.append(1000 + ord(char))
    return tuple(ranks), text
