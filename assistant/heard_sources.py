"""Whose words a sentence is: the sources a question names ("per Initech", "GS's note"),
heard in a sentence, its paragraph or its document's byline."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.abbreviations import spells
from assistant.entities import normalise
from assistant.question import QuestionPart

# The last word of many firms' names: no one firm's ("Globex Securities" is not "Initech
# Securities"), where a person's surname is that person's ("Haldane said").
_FIRM_WORDS = frozenset(
    "securities capital partners research bank group holdings markets advisors advisers "  # noqa: SIM905
    "associates equities investments management".split()
)


def sources_heard(sources: frozenset[str], text: str) -> bool:
    """Does ``text`` (a sentence, its paragraph, its document's title and byline) name each
    source asked, by its whole name, a person's surname ("Haldane said"), a firm's first word
    ("Globex" for Globex Securities) or initials ("GS")?"""
    plain = normalise(text)
    words = set(plain.split())
    return all(
        name in plain
        or (" " in name and name.split()[-1] in words - _FIRM_WORDS)
        or (" " in name and len(name.split()[0]) > 3 and name.split()[0] in words)  # "Globex"
        or (name.isalpha() and len(name) <= 4 and spells(name, text))
        for name in sources
    )


def heard_from(part: QuestionPart, byline: str) -> QuestionPart:
    """The part as asked of a document by ``byline``: a name the question qualifies with that
    wrote the document ("initech fy28 eps est", "per initech") is its source, which every
    sentence of that document has, though few write it."""
    written = set(re.findall(r"[a-z0-9&]+", byline.lower()))
    focus = part.focus
    # "the Julian Cruz writeup - how many quarters ...?": the writer owns no figure either
    # (though a view asked of the writer is theirs: "Is Initech bullish?").
    named = focus.qualifiers | (focus.subjects if part.kinds else frozenset())
    voiced = {q for q in named if q and set(q.split()) <= written}
    if not voiced:
        return part
    return replace(
        part,
        focus=replace(
            focus, qualifiers=focus.qualifiers - voiced, subjects=focus.subjects - voiced
        ),
    )


__all__ = ["heard_from", "sources_heard"]
