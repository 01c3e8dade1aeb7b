"""A question part read the other way when that answers it: a figure's question answered
in words, or a question in words answered by a figure ("fresh food sales in Q1?" names no
unit; "why is its growth slower?" asks how something changed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.antecedents import described_owners
from assistant.figures import RATE_KINDS, find_figures
from assistant.matching import asks_movement
from assistant.question import ALL_FIGURE_KINDS, QuestionPart, asks_for_names
from assistant.value_questions import value_shaped

if TYPE_CHECKING:
    from assistant.evidence import EvidenceSentence

# "... and why?": a part that asks for a reason asks for words, not a figure.
_ASKS_WHY = re.compile(r"\W*(?:and\s+)?(?:why|how come)\b", re.I)


def read_again(
    part: QuestionPart,
    scored: list[EvidenceSentence],
    score: Callable[..., list[EvidenceSentence]],
    question: str,
    n_parts: int,
) -> tuple[QuestionPart, list[EvidenceSentence]]:
    """The part read the other way when that answers it: words for figures, or figures for
    words. ``score(part)`` scores the candidate sentences for a part."""
    found = any(s.qualifies for s in scored)
    loose_owner = part.owner_noun_required and described_owners(part.text)
    if part.kinds and not found and loose_owner:
        # "the airline's capacity" where no passage about it says "airline": as before the
        # owner was required, its noun a measure word like any other.
        loose = replace(part, owner_noun_required=False)
        rescored = score(loose)
        if any(s.qualifies for s in rescored):
            return loose, rescored
    # A question that names no unit may still be answered by a figure ("fresh food sales
    # in Q1?"): when no sentence is about it in words, or when it asks how something
    # changed ("how does its GMV growth compare?"). "Which tools are driving growth?" asks
    # for names, whatever changed.
    changed = asks_change(part.text, question) and not asks_for_names(part.text)
    if not part.kinds and (changed or not found):
        # A change is a rate first ("why is its GMV growing slower?": 5%, not RMB 1 trillion).
        for kinds in ([RATE_KINDS] if changed else []) + [ALL_FIGURE_KINDS]:
            as_figure = replace(part, kinds=kinds)
            rescored = score(as_figure)
            if any(s.qualifies for s in rescored):
                return as_figure, rescored
        return part, scored
    if part.kinds == {"year"} and not found:
        # "When is the ferry due to enter service?": no year answers as a figure; the
        # sentence that dates it does, in words ("due to enter service in October 2027").
        as_text = replace(part, kinds=frozenset())
        rescored = [s if _dated(s.text) else replace(s, qualifies=False) for s in score(as_text)]
        return (as_text, rescored) if any(s.qualifies for s in rescored) else (part, scored)
    if n_parts == 1 and value_shaped(part.kinds, part.text, part.focus.periods) and not found:
        # "What is Acme's long-term goal?" is shaped like a question for a value, but when
        # no figure answers it, a sentence that states none may.
        as_text = replace(part, kinds=frozenset())
        rescored = [
            s if not _has_figure(s.text) else replace(s, qualifies=False) for s in score(as_text)
        ]
        return (as_text, rescored) if any(s.qualifies for s in rescored) else (part, scored)
    return part, scored


def _dated(sentence: str) -> bool:
    return any(f.kind == "year" for f in find_figures(sentence))


def _has_figure(sentence: str) -> bool:
    return any(f.kind != "year" for f in find_figures(sentence))


def asks_change(part: str, question: str) -> bool:
    """Does this part ask how something changed ("how does its growth compare?"), so that a
    figure answers it? A part asking why ("... and why?") asks for words."""
    return asks_movement(question) and not _ASKS_WHY.match(part)


__all__ = ["asks_change", "read_again"]
