"""The json format: a listing as an array, a record as an object; UTF-8, never coloured."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from accordcli.render.registry import Renderer
from accordcli.text import json_safe

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.records import JsonObject
    from accordcli.render.views import Detail, Listing
    from accordcli.render.views_more import Report


def encode(data: object, *, pretty: bool) -> bytes:
    """Return JSON as UTF-8 bytes, with terminal-unsafe characters escaped.

    Indented for a person at a terminal; compact for pipes and files, as gh does: jq
    re-indents anyway, and json's C encoder is used only without indentation.
    """
    if pretty:
        encoded = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (json_safe(encoded) + "\n").encode("utf-8")


class Json(Renderer):
    name = "json"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return encode([record.json() for record in view.records], pretty=env.terminal)

    def detail(self, view: Detail, env: Environment) -> bytes:
        return encode(whole(view), pretty=env.terminal)

    def report(self, view: Report, env: Environment) -> bytes:
        from accordcli.problems import ERROR

        # Problems' messages in English, whatever the terminal's language: scripts match them.
        problems = [{"file": view.path, "line": p.line, "column": p.column,
                     "location": None if p.where is None else str(p.where),
                     "message": str(p.message), "severity": p.severity}
                    for p in view.problems]
        valid = not any(p.severity == ERROR for p in view.problems)
        return encode({"file": view.path, "valid": valid, "counts": dict(view.counts),
                       "problems": problems}, pretty=env.terminal)


def whole(view: Detail) -> JsonObject:
    """Return a record in full as its JSON object, with the data's version when it has one."""
    found = view.record.json()
    if view.edition is not None:
        found["dataset_version"] = view.edition
    return found


RENDERER = Json()
