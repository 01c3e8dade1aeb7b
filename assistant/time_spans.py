"""The span of time a question gives a figure ("EUR 380 million over the next ten years")
against the span the sources give it ("EUR 380 million on new plants over three years"): a
premise like any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.figures import find_figures
from assistant.premise import PremiseIssue
from assistant.stated_figures import stated_figures

# "over the next ten years", "across three years", "over a decade", "within 18 months".
_SPAN = re.compile(
    r"\b(?:over|across|within|spread\s+over)\s+(?:the\s+)?(?:next|past|last|coming|following"
    r"|previous|first)?\s*(?P<count>\d+|an?|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?P<unit>years?|yrs?|quarters?|months?|decades?)\b",
    re.I,
)
_MONTHS = {"y": 12, "q": 3, "m": 1, "d": 120}


@dataclass(frozen=True)
class Span:
    months: float
    text: str  # as written: "ten years"


def spans(text: str) -> list[Span]:
    """The spans of time ``text`` names after "over", "across" or "within"."""
    found = []
    for match in _SPAN.finditer(text):
        count = match.group("count").lower()
        numbers = find_figures(count)
        value = 1.0 if count in ("a", "an") else numbers[0].value if numbers else None
        if value is None:
            continue
        unit = match.group("unit").lower()
        found.append(Span(value * _MONTHS[unit[0]], f"{count} {unit}"))
    return found


def other_span(question: str, sentences: Sequence[str]) -> PremiseIssue | None:
    """Does the question give a figure it states a span of time that the sentence holding
    that figure contradicts (one span each, of different lengths)?"""
    asked = spans(question)
    if len(asked) != 1:
        return None
    for fig in stated_figures(question):
        for sentence in sentences:
            held = next((f for f in find_figures(sentence) if f.matches(fig)), None)
            stated = spans(sentence) if held is not None else []
            if len(stated) == 1 and stated[0].months != asked[0].months:
                said, claimed = stated[0].text, asked[0].text
                correction = f"The sources give {held.text} over {said}, not over {claimed}"
                return PremiseIssue(
                    f"the question spreads {fig.text} over {claimed}; the sources over {said}",
                    correction,
                    sentence,
                )
    return None


__all__ = ["Span", "other_span", "spans"]
