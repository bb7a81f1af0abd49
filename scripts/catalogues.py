"""Keep accord's message catalogues (src/accordcli/locale) in step with the code.

    python scripts/catalogues.py update     # accord.pot from the code, merged into every
                                            # LANG/LC_MESSAGES/accord.po, compiled to .mo
    python scripts/catalogues.py compile    # every accord.po -> accord.mo
    python scripts/catalogues.py new LANG   # start the catalogue of a new language
    python scripts/catalogues.py check      # exit 1 if anything above is out of date

Standard library only, so neither the package nor its tests need GNU gettext or Babel; the
files are ordinary gettext files for Poedit, Weblate or msgfmt. Messages are the literal
arguments of gettext(MSG, lang), ngettext(MSG, PLURAL, n, lang), pgettext(CTX, MSG, lang),
N_(MSG), pN_(CTX, MSG) and Message(MSG, **fields); a comment starting "Translators:" right
above the call goes to the translators. References name the file only, so moving code leaves
accord.pot alone.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from pofile import Entry, compile_mo, format_po, parse_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "accordcli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "accord.pot"

# keyword: positions of (context, singular, plural); None where the call has none.
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "gettext": (None, 0, None),
    "ngettext": (None, 0, 1),
    "pgettext": (0, 1, None),
    "N_": (None, 0, None),
    "pN_": (0, 1, None),
    "Message": (None, 0, None),
}
_FIELD = re.compile(r"\{([^{}]*)\}")


# Extraction ---------------------------------------------------------------------------------

def _literal(node: ast.expr, where: str) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        raise SystemExit(f"{where}: an f-string cannot be a message; use str.format after it")
    return None


def _translator_comment(lines: list[str], lineno: int) -> str | None:
    """Return the "Translators:" comment in the comment block right above line `lineno`."""
    block: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        block.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    for start, text in enumerate(block):
        if text.startswith("Translators:"):
            return " ".join(block[start:])
    return None


def _calls(path: Path) -> Iterator[tuple[int, int, Entry]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    where = path.relative_to(ROOT).as_posix()
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func  # a name (N_) or an attribute (i18n.N_)
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        positions = KEYWORDS.get(name)
        if positions is None or len(node.args) <= max(p for p in positions if p is not None):
            continue
        here = f"{where}:{node.lineno}"
        texts = [None if p is None else _literal(node.args[p], here) for p in positions]
        if any(p is not None and t is None for p, t in zip(positions, texts, strict=True)):
            continue  # a variable, as in i18n's own helpers: translated, not a message
        context, msgid, plural = texts
        if name == "Message":  # Message(MSG, context=CTX, **fields)
            given = next((k.value for k in node.keywords if k.arg == "context"), None)
            context = None if given is None else _literal(given, here)
            if given is not None and context is None:
                continue
        assert msgid is not None
        note = _translator_comment(lines, node.lineno)
        flags = ["python-brace-format"] if _FIELD.search(msgid + (plural or "")) else []
        yield node.lineno, node.col_offset, Entry(
            msgid, context, plural, [""] * (2 if plural is not None else 1),
            extracted=[note] if note else [], references=[where], flags=flags)


def extract(package: Path = PACKAGE) -> list[Entry]:
    """Return every message in the package's code, in order of first use, files by path."""
    found: dict[tuple[str | None, str], Entry] = {}
    for path in sorted(package.rglob("*.py")):
        # ast.walk is breadth-first: sorted by place, the .pot reads in the code's order.
        for _, _, entry in sorted(_calls(path), key=lambda call: call[:2]):
            known = found.setdefault(entry.key, entry)
            if known is entry:
                continue
            if known.plural != entry.plural:
                raise SystemExit(f"{entry.msgid!r} has two plurals: "
                                 f"{known.plural!r} and {entry.plural!r}")
            for attr in ("references", "extracted", "flags"):
                mine: list[str] = getattr(known, attr)
                mine.extend(x for x in getattr(entry, attr) if x not in mine)
    return list(found.values())


# The catalogues ------------------------------------------------------------------------------

POT_PREAMBLE = (
    "# accord's messages in English, the source language of every translation.\n"
    "# Generated by scripts/catalogues.py from the code: edit the code, not this file.\n"
)
POT_HEADER = (
    "Project-Id-Version: accord\n"
    "Language: \n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"
)


def pot_text(package: Path = PACKAGE) -> str:
    """Return accord.pot as the code defines it."""
    return format_po([Entry("", msgstr=[POT_HEADER]), *extract(package)], POT_PREAMBLE)


def po_paths() -> list[Path]:
    """Return every language's accord.po, sorted by language."""
    return sorted(LOCALE.glob("*/LC_MESSAGES/accord.po"))


def _header(entries: list[Entry]) -> tuple[Entry, list[Entry]]:
    if not entries or entries[0].msgid != "" or entries[0].context is not None:
        raise ValueError("a catalogue starts with its header (msgid \"\")")
    return entries[0], entries[1:]


def merge(template: list[Entry], old: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Return a .po's entries renewed from the template, keeping its header, translations
    and translator comments; and the old entries that the code no longer has."""
    header, messages = _header(old)
    known = {entry.key: entry for entry in messages}
    _, wanted = _header(template)
    nplurals = _nplurals(header)
    merged = [header]
    for entry in wanted:
        mine = known.pop(entry.key, None)
        msgstr = [""] * (nplurals if entry.plural is not None else 1)
        comments: list[str] = []
        flags = list(entry.flags)
        if mine is not None and mine.plural == entry.plural and len(mine.msgstr) == len(msgstr):
            msgstr, comments = mine.msgstr, mine.comments
            flags += [f for f in mine.flags if f == "fuzzy"]
        merged.append(Entry(entry.msgid, entry.context, entry.plural, msgstr, comments,
                            entry.extracted, entry.references, flags))
    return merged, list(known.values())


def _nplurals(header: Entry) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0])
    if match is None:
        raise ValueError("set Plural-Forms in the header (see the GNU gettext manual)")
    return int(match.group(1))


def placeholder_problems(entries: list[Entry]) -> list[str]:
    """Return translations whose {fields} differ from the message's (a lost {day}, a typo)."""
    problems = []
    for entry in entries[1:]:
        wanted = set(_FIELD.findall(entry.msgid + (entry.plural or "")))
        for form in entry.msgstr:
            used = set(_FIELD.findall(form))
            if form and (used - wanted or (entry.plural is None and used != wanted)):
                problems.append(f"{entry.msgid!r}: {form!r} uses {sorted(used)}, "
                                f"the message {sorted(wanted)}")
    return problems


def mo_path(po: Path) -> Path:
    """Return where the compiled form of a .po goes."""
    return po.with_suffix(".mo")


# Commands ------------------------------------------------------------------------------------

def _read(path: Path) -> list[Entry]:
    try:
        return parse_po(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise SystemExit(f"{path}: {err}") from None


def _merged(template: list[Entry], po: Path) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """Return a .po's entries as they are, as merged with the template, and those dropped."""
    entries = _read(po)
    try:
        return entries, *merge(template, entries)
    except ValueError as err:
        raise SystemExit(f"{po}: {err}") from None


def _write(path: Path, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


def update() -> None:
    """Extract accord.pot, merge it into every .po and compile them."""
    _write(POT, pot_text())
    template = parse_po(POT.read_text(encoding="utf-8"))
    for po in po_paths():
        _, merged, gone = _merged(template, po)
        for entry in gone:
            print(f"{po.relative_to(ROOT)}: dropped {entry.msgid!r}, which the code no longer "
                  f"has (translated {entry.msgstr!r})", file=sys.stderr)
        _write(po, format_po(merged))
    build()


def build() -> None:
    """Compile every accord.po into the accord.mo next to it."""
    for po in po_paths():
        _write(mo_path(po), compile_mo(_read(po)))


def new(lang: str) -> None:
    """Start the catalogue of a language, every message untranslated."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        raise SystemExit(f"{lang!r}: give a language code such as de, fr or pt_BR")
    po = LOCALE / lang / "LC_MESSAGES" / "accord.po"
    if po.exists():
        raise SystemExit(f"{po.relative_to(ROOT)} exists; run update to renew it")
    header, messages = _header(parse_po(pot_text()))
    header.msgstr = [header.msgstr[0].replace("Language: \n", f"Language: {lang}\n")]
    header.comments = [f"accord's messages in {lang}."]
    _write(po, format_po([header, *messages]))
    print("Set Plural-Forms in its header, translate, then run this script's compile")


def problems() -> list[str]:
    """Return what is out of date or wrong in the catalogues; empty when all is well."""
    found = []
    if not POT.is_file() or POT.read_text(encoding="utf-8") != pot_text():
        found.append(f"{POT.relative_to(ROOT)} differs from the code: run update")
    template = parse_po(pot_text())
    for po in po_paths():
        name = po.relative_to(ROOT)
        entries, merged, gone = _merged(template, po)
        if format_po(merged) != format_po(entries) or gone:
            found.append(f"{name} differs from accord.pot: run update")
        mo = mo_path(po)
        if not mo.is_file() or mo.read_bytes() != compile_mo(entries):
            found.append(f"{mo.relative_to(ROOT)} is not {name} compiled: run compile")
        found += [f"{name}: {problem}" for problem in placeholder_problems(entries)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "compile", "new", "check"))
    parser.add_argument("lang", nargs="?", help="for new: the language code (de, pt_BR)")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        build()
    elif args.command == "new":
        if not args.lang:
            parser.error("new needs a language code")
        new(args.lang)
    else:
        found = problems()
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
