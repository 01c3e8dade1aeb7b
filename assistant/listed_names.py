"""The answer line of a question that asks for names ("Which brands ...?", "Who ...?").

The line lists the names the best evidence gives that the question does not already hold,
each as the document writes it, cited: "Apple and HONOR [2]."
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.entities import names_in, normalise
from assistant.question import asks_for_place
from assistant.synonyms import plain_terms
from assistant.text import MARKER_RUN

if TYPE_CHECKING:
    from assistant.direct import Quote

# "in China", "across Europe": a place, not one of the names asked for.
_WHERE = re.compile(r"\b(?:in|into|across|throughout|within|outside|at)\s+(?:the\s+)?$", re.I)
# A title in quotation marks ("Acme Doubles Down on AI: Time to Hold?"): its capitalised
# words name no one; a short quoted name ("the \u201cQuark\u201d app") still does.
_TITLE = re.compile(r"\"(?:[^\"\s]+\s+){3,}[^\"]*\"|\u201c(?:[^\u201d\s]+\s+){3,}[^\u201d]*\u201d")


def names_line(quotes: Sequence[Quote], question: str, subject_names: Sequence[str]) -> str | None:
    """ "A and B [1]." — names the best evidence gives that the question does not hold.

    Names after a preposition of place ("in China") say where, not who: they are left out,
    unless the question asks where ("Which region ...?"), when only they are kept. The next
    quote adds its names when it names all of them and more: "Partnerships with A and B"
    lists more of the same than "a partnership with A" ("A and B [1][2].").
    """
    found = [(quote, _new_names(quote, question, subject_names)) for quote in quotes[:2]]
    found = [(quote, names) for quote, names in found if names]
    if not found:
        return None
    first, names = found[0]
    cited = [first.n]
    have = _keys(names)
    if len(found) > 1 and have < _keys(found[1][1]):
        names += [n for n in found[1][1] if normalise(n) not in have]
        cited.append(found[1][0].n)
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} {''.join(f'[{n}]' for n in cited)}."


def _keys(names: Sequence[str]) -> set[str]:
    return {normalise(n) for n in names}


def _new_names(quote: Quote, question: str, subject_names: Sequence[str]) -> list[str]:
    """The names ``quote`` gives that the question does not hold, in order, once each."""
    place = asks_for_place(question)
    asked = {normalise(m.text) for m in names_in(question)}
    asked |= {normalise(w) for w in re.findall(r"[A-Za-z][\w.&-]+", question)}
    asked |= {normalise(n) for n in subject_names}
    # "Who is the finance chief?": the title "Chief Financial Officer" is what was asked.
    words = set(re.findall(r"[a-z]+", plain_terms(question).lower()))
    text = MARKER_RUN.sub("", quote.text)
    titles = [m.span() for m in _TITLE.finditer(text)]
    names: list[str] = []
    for mention in names_in(text):
        if any(start < mention.start < end for start, end in titles):
            continue
        key = normalise(mention.text)
        where = _WHERE.search(text[max(0, mention.start - 20) : mention.start])
        is_asked = key in asked or set(key.split()) <= words
        if bool(where) == place and not is_asked and mention.text not in names:
            names.append(mention.text)
    # "Globex" beside "Globex Equity Research": the longer name says who.
    keys = [normalise(n) for n in names]
    return [
        n for n, k in zip(names, keys, strict=True) if not any(o.startswith(f"{k} ") for o in keys)
    ]


__all__ = ["names_line"]
