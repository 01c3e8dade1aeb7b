"""A rating move a question takes for granted on its way to asking something else.

"Given that Initech downgraded Acme to Sell, what is its new price target?" asks the target,
but assumes a downgrade to Sell; where the broker's note says it kept Hold, the answer opens
with that. Questions that ask the rating itself are checked where it is looked up
(``lookups.rating_lookup``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.entities import names_in, normalise
from assistant.premise import PremiseIssue
from assistant.ratings import (
    asks_rating,
    contradicted_rating,
    is_rating,
    names_all,
    stated_rating,
)

if TYPE_CHECKING:
    from assistant.entities import Subject
    from assistant.retrieval import Hit

# "Given that Initech downgraded Acme to Sell, ...", "After Initech upgraded Acme, ...".
_GIVEN_MOVE = re.compile(
    r"^\W*(?:given\s+that|since|after|now\s+that|as|with)\s+"
    r"(?P<clause>[^,?]*?\b(?:up|down)grad\w*[^,?]*?)\s*,",
    re.I,
)


def given_rating(
    question: str,
    candidates: list[tuple[Hit, int, int, str, str]],
    subject: Subject | None,
) -> PremiseIssue | None:
    """The rating move a question's opening clause assumes ("Given that Initech downgraded
    Acme to Sell, ...") that a retrieved sentence stating that broker's rating contradicts
    (``candidates``: (hit, start, end, text, context) of each retrieved sentence)."""
    given = _GIVEN_MOVE.match(question)
    if given is None or asks_rating(question[given.end() :]):
        return None
    clause = given["clause"]
    brokers = {
        normalise(m.text)
        for m in names_in(clause)
        if not is_rating(m.text) and (subject is None or not subject.is_subject(m.text))
    }
    for hit, _, _, text, _ in candidates:
        if stated_rating(text) is None:
            continue
        # (the broker named in the sentence, or as its note's title or byline)
        if not names_all(f"{text} {hit.passage.title} {hit.passage.byline}", brokers):
            continue
        wrong = contradicted_rating(clause, text)
        if wrong is not None:
            return PremiseIssue(wrong[0], wrong[1], text)
    return None


__all__ = ["given_rating"]
