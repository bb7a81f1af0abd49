"""Shell-completion callbacks: ids, clauses, tags and languages, each with its title as help.

What reaches the shell, and how, is accordcli.shells: accord's own scripts and protocol.
"""

# No `from __future__ import annotations` here or in cli.py: Typer reads the callbacks'
# annotations on every start, and string annotations cost an eval (and a compile) each.
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from accordcli.model import Dataset


# Completion reruns accord on every TAB: these load the data through the same cached index
# as any command, and never raise (a broken data file simply completes nothing).


def _completion_lang(ctx: typer.Context) -> str:
    """Return the language of a command line being completed: its --lang (after the
    command, else before it), else the environment's."""
    from accordcli.cli.options import environment

    lang = ctx.params.get("lang") or ctx.find_root().params.get("lang") or environment(ctx).lang
    return lang.value if isinstance(lang, Enum) else str(lang)


def _completion_dataset(ctx: typer.Context) -> "tuple[Dataset, str] | None":
    """Load the dataset a completion is about; completion must never fail loudly."""
    from accordcli import load
    from accordcli.cli.options import environment

    try:
        env = environment(ctx)
        data = ctx.params.get("data") or ctx.find_root().params.get("data") or env.data
        lang = _completion_lang(ctx)
        # The shell has not expanded `--data ~/events.toml` yet: the word is as typed.
        return load.load(Path(data).expanduser() if data else None,
                         cache_dir=env.cache_dir), lang
    except Exception:
        return None


def _starting(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """Return the items whose value starts with `incomplete`, ignoring case as lookups do.

    Shells keep only values that start with the typed text exactly, so "USS" would never
    complete "ussr": such a value is offered in the typed case ("USSr"), which the lookup
    accepts as the same id.
    """
    from accordcli.model import id_key

    wanted = incomplete.casefold()
    found = []
    for value, help_text in items:
        if not value.casefold().startswith(wanted):
            continue
        typed = incomplete + value[len(incomplete):]
        if not value.startswith(incomplete) and id_key(typed) == id_key(value):
            value = typed
        found.append((value, help_text))
    return found


def _completer(
    items: "Callable[[Dataset, str], list[tuple[str, str]]]",
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Return a completion callback offering `items(dataset, lang)` as (value, help) pairs."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        found = _completion_dataset(ctx)
        if found is None:
            return []
        dataset, lang = found
        return _starting(items(dataset, lang), incomplete)

    return complete


def _tag_items(dataset: "Dataset", lang: str) -> list[tuple[str, str]]:
    return sorted((t.id, t.label.get(lang)) for t in dataset.tags)


complete_event = _completer(lambda d, lang: [(e.id, e.title.get(lang)) for e in d.events])
complete_actor = _completer(lambda d, lang: [(a.id, a.name.get(lang)) for a in d.actors])
complete_clause = _completer(lambda d, lang: [(str(c.number), c.title.get(lang)) for c in d.clauses]
                             + [(c.id, c.title.get(lang)) for c in d.clauses])
complete_tag = _completer(_tag_items)
complete_source = _completer(lambda d, lang: [(s.id, s.title) for s in d.sources])


def _cited_items(dataset: "Dataset", lang: str) -> list[tuple[str, str]]:
    """Return what --for names: events, actors and instruments (by number and id)."""
    return ([(e.id, e.title.get(lang)) for e in dataset.events]
            + [(a.id, a.name.get(lang)) for a in dataset.actors]
            + [(str(c.number), c.title.get(lang)) for c in dataset.clauses]
            + [(c.id, c.title.get(lang)) for c in dataset.clauses])


def complete_cited(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Complete --for: an id, or once a kind is typed ("event:"), that kind's ids after it."""
    found = _completion_dataset(ctx)
    if found is None:
        return []
    dataset, lang = found
    kind, sep, _ = incomplete.partition(":")
    if not sep:
        return _starting(_cited_items(dataset, lang), incomplete)
    items = {"event": [(e.id, e.title.get(lang)) for e in dataset.events],
             "actor": [(a.id, a.name.get(lang)) for a in dataset.actors],
             "clause": [(c.id, c.title.get(lang)) for c in dataset.clauses]}.get(
                 kind.casefold(), [])
    return _starting([(f"{kind}:{value}", title) for value, title in items], incomplete)


def complete_lang(incomplete: str) -> list[tuple[str, str]]:
    """Complete --lang values with the language's own name."""
    from accordcli.i18n import LANGUAGES, language_name

    return _starting([(lang, language_name(lang)) for lang in LANGUAGES], incomplete)


def complete_kind(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Complete --kind values (the data's own vocabulary, so no file is read): each kind as
    the run's language names it ("devlet"), then as the data spells it ("state")."""
    from accordcli.model import ACTOR_KINDS
    from accordcli.render.views import value_label

    try:
        lang = _completion_lang(ctx)
    except Exception:
        lang = "en"
    named = [(value_label(kind, lang), kind) for kind in ACTOR_KINDS]
    items = [(name, kind if name != kind else "") for name, kind in named]
    items += [(kind, name) for name, kind in named if name != kind]
    return _starting(items, incomplete)
