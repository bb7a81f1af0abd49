"""The ndjson format: one compact JSON object per line, UTF-8."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from accordcli.render.json import encode, whole
from accordcli.render.registry import Renderer

if TYPE_CHECKING:
    from accordcli.environment import Environment
    from accordcli.render.records import JsonObject
    from accordcli.render.views import Detail, Listing


def lines(objects: Iterable[JsonObject]) -> bytes:
    """Return each object as one line of compact JSON."""
    return b"".join(encode(o, pretty=False) for o in objects)


class Ndjson(Renderer):
    name = "ndjson"

    def listing(self, view: Listing[Any], env: Environment) -> bytes:
        return lines(record.json() for record in view.records)

    def detail(self, view: Detail, env: Environment) -> bytes:
        return lines((whole(view),))


RENDERER = Ndjson()
