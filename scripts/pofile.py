"""Read and write gettext catalogues: .po text and compiled .mo files (standard library only).

Used by scripts/catalogues.py; kept apart because it knows the file formats and nothing of
accord.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Entry:
    """One message of a catalogue; its key is (context, msgid)."""

    msgid: str
    context: str | None = None
    plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    comments: list[str] = field(default_factory=list)  # the translator's own ("# ")
    extracted: list[str] = field(default_factory=list)  # from the code ("#. ")
    references: list[str] = field(default_factory=list)  # "#: "
    flags: list[str] = field(default_factory=list)  # "#, "

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.msgid

    @property
    def translated(self) -> bool:
        return all(self.msgstr) and "fuzzy" not in self.flags


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(text: str) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted string: {text}")

    def escape(match: re.Match[str]) -> str:
        if match.group(1) not in _ESCAPES:
            raise ValueError(f"unknown escape \\{match.group(1)} in {text}")
        return _ESCAPES[match.group(1)]

    return re.sub(r"\\(.)", escape, text[1:-1])


def parse_po(text: str) -> list[Entry]:
    """Return the entries of a .po or .pot file (obsolete "#~" entries left out)."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    current = ""
    pending = Entry("")

    def finish() -> None:
        nonlocal fields, pending
        if "msgid" in fields:
            plurals = sorted(k for k in fields if k.startswith("msgstr["))
            msgstr = [fields[k] for k in plurals] if plurals else [fields.get("msgstr", "")]
            entries.append(Entry(fields["msgid"], fields.get("msgctxt"),
                                 fields.get("msgid_plural"), msgstr, pending.comments,
                                 pending.extracted, pending.references, pending.flags))
        fields, pending = {}, Entry("")

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if fields and (not line or "msgid" in fields):
                finish()
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                finish()
            kind, _, rest = line.partition(" ")
            target = {"#": pending.comments, "#.": pending.extracted,
                      "#:": pending.references, "#,": pending.flags}.get(kind)
            if target is not None:
                target.extend([rest] if kind in ("#", "#.") else rest.replace(",", " ").split())
            continue
        match = _KEYWORD.match(line)
        try:
            if match:
                current = match.group(1) if match.group(2) is None else (
                    f"msgstr[{int(match.group(2)):03d}]")
                if current in ("msgctxt", "msgid") and "msgid" in fields:
                    finish()
                fields[current] = _unquote(match.group(3))
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
            else:
                raise ValueError(f"cannot read: {raw}")
        except ValueError as err:
            raise ValueError(f"line {number}: {err}") from None
    finish()
    return entries


def _quoted(keyword: str, text: str) -> list[str]:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
            "\t", "\\t").replace("\r", "\\r") + '"'

    pieces = text.splitlines(keepends=True)
    if len(pieces) <= 1:
        return [f"{keyword} {q(text)}"]
    return [f'{keyword} ""', *(q(piece) for piece in pieces)]


def format_po(entries: Iterable[Entry], preamble: str = "") -> str:
    """Return entries as .po text, one blank line between them."""
    blocks = []
    for entry in entries:
        lines = [f"# {c}".rstrip() for c in entry.comments]
        lines += [f"#. {c}" for c in entry.extracted]
        lines += [f"#: {r}" for r in entry.references]
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        if entry.context is not None:
            lines += _quoted("msgctxt", entry.context)
        lines += _quoted("msgid", entry.msgid)
        if entry.plural is None:
            lines += _quoted("msgstr", entry.msgstr[0])
        else:
            lines += _quoted("msgid_plural", entry.plural)
            for n, form in enumerate(entry.msgstr):
                lines += _quoted(f"msgstr[{n}]", form)
        blocks.append("\n".join(lines))
    return preamble + "\n\n".join(blocks) + "\n"


def compile_mo(entries: list[Entry]) -> bytes:
    """Return the .mo of a catalogue: its header and every translated, non-fuzzy message,
    keys sorted, little-endian and without a hash table, so the same .po gives the same
    bytes on every machine."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        if not entry.translated and entry.msgid:
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        if entry.context is not None:
            key = f"{entry.context}\x04{key}"
        messages[key.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(messages)
    ids = strs = b""
    spans = []
    for original in keys:
        spans.append((len(original), len(ids), len(messages[original]), len(strs)))
        ids += original + b"\0"
        strs += messages[original] + b"\0"
    start = 7 * 4 + 16 * len(keys)  # header, then the two tables of (length, offset)
    originals = [(length, start + offset) for length, offset, _, _ in spans]
    translations = [(length, start + len(ids) + offset) for _, _, length, offset in spans]
    table = b"".join(struct.pack("<2I", *pair) for pair in originals + translations)
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    return head + table + ids + strs
