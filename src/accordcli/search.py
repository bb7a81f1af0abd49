"""Find every event, actor, clause and provision holding all the words of a query, ranked."""

from __future__ import annotations

from dataclasses import dataclass

from accordcli.model import Dataset
from accordcli.query import chronological, search_words
from accordcli.text import contains_all, fold_texts, listed


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what matched, where, and how well."""

    kind: str  # "event", "actor", "clause" or "provision"
    id: str
    title: str
    text: str
    in_title: bool  # every word matched the title (or name): ranked first
    date: str | None = None


def search(dataset: Dataset, text: str, lang: str, *, limit: int | None = None) -> list[Hit]:
    """Return events, actors, clauses and provisions whose text contains every word of `text`,
    the best `limit` of them when given.

    Matching ignores case, accents and Turkish dotted/dotless i, in every language of the
    dataset; hits whose title holds every word come first, then file order within a kind.
    """
    words = search_words(text)
    hits: list[Hit] = []

    def consider(kind: str, identifier: str, titles: tuple[str, ...], body: list[str],
                 title: str, shown: str, date: str | None = None) -> None:
        # Each text is folded once: the title test reuses the titles' part of the whole.
        folded_titles = fold_texts(titles)
        folded_body = fold_texts(body)
        everything = f"{folded_titles} \n {folded_body}" if titles and body else (
            folded_titles or folded_body)
        if contains_all(words, everything):
            hits.append(Hit(kind, identifier, title, shown, contains_all(words, folded_titles),
                            date))

    for event in chronological(dataset.events):
        # The body without the title, which consider() already folds as the title.
        body = [*event.summary.variants(), *(event.note.variants() if event.note else ())]
        consider("event", event.id, event.title.variants(), body,
                 event.title.get(lang), event.summary.get(lang), event.date.text)
    for actor in dataset.actors:
        consider("actor", actor.id, actor.name.variants(), list(actor.role.variants()),
                 actor.name.get(lang), actor.role.get(lang))
    for clause in dataset.clauses:
        titles = clause.title.variants() + (clause.full_title.variants()
                                             if clause.full_title else ())
        consider("clause", clause.id, titles, list(clause.summary.variants()),
                 clause.title.get(lang), clause.summary.get(lang), clause.signed.text)
        for provision in clause.provisions:
            # Every provision's hit names its clause: cut, as listings cut a name they
            # repeat for every record; the clause's own hit shows it whole.
            consider("provision", f"{clause.id}/{provision.number}", (),
                     list(provision.text.variants()),
                     f"{clause.number}. {listed(clause.title.get(lang))}, {provision.number}",
                     provision.text.get(lang))
    ranked = sorted(hits, key=lambda h: not h.in_title)  # stable: keeps order within a rank
    return ranked[:limit] if limit is not None else ranked
