"""A part of the business owns a figure it is said of: "Ports revenue rose 6% and the
division's operating margin improved to 12.3%" gives the division's margin, which answers a
question about the part, not one about the subject as a whole ("What was Acme's margin?").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.text import STOPWORDS, content_stems, stem

if TYPE_CHECKING:
    from assistant.focus import QuestionFocus
    from assistant.measures import FigureContext

_PART_OWNER = re.compile(
    r"\b(?:the|this|that)\s+(division|segment|unit|arm|subsidiary)(?:'s|\u2019s)\s", re.I
)
_PART_WORDS = frozenset(
    f"{w}{s}" for w in ("division", "segment", "unit", "arm", "subsidiary") for s in ("", "s")
) | {"subsidiaries"}


def a_part_s(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure a part's of the business ("the division's margin"), where the question
    names no part: neither the word for one nor a word of the sentence before it?"""
    found = _PART_OWNER.search(ctx.clause)
    if not found or focus.words & _PART_WORDS:
        return False
    before = ctx.sentence[: ctx.sentence.find(found.group(0))]
    asked = {stem(w) for w in focus.words - STOPWORDS if len(w) > 3}
    return not asked & content_stems(before)


__all__ = ["a_part_s"]
