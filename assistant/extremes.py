"""Questions that ask whose rate is the extreme: "Which division grew fastest?", "which
segment had the lowest margin?".

Each sentence that answers states one owner's rate; the one asked for is the highest (or the
lowest) of them, not the one that reads most like the question. Only rates are compared: a
group's growth or margin lies between its parts', so it is never taken for the extreme of
them, while a group's amount would be larger than any part's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.cues import RATE_MEASURE
from assistant.direct import answer_figure
from assistant.directions import change_direction

if TYPE_CHECKING:
    from assistant.entities import Subject
    from assistant.evidence import EvidenceSentence
    from assistant.question import QuestionPart

EXTREME_BONUS = 2.0  # added to the fit of the sentence with the extreme rate: it answers first
_WHICH = re.compile(r"\b(?:which|who)\b", re.I)
_HIGHEST = re.compile(r"\b(?:fastest|highest|biggest|largest|strongest)\b", re.I)
_LOWEST = re.compile(r"\b(?:slowest|lowest|smallest|weakest)\b", re.I)


def extreme_asked(question: str) -> int:
    """1 where the question asks which owner's figure is the highest, -1 the lowest, else 0."""
    if not _WHICH.search(question):
        return 0
    if _HIGHEST.search(question):
        return 1
    return -1 if _LOWEST.search(question) else 0


def extreme_first(
    part: QuestionPart,
    scored: list[EvidenceSentence],
    currency: str | None,
    subject: Subject | None,
) -> list[EvidenceSentence]:
    """``scored`` with the sentence whose rate is the extreme asked ranked first."""
    way = extreme_asked(part.text)
    # ("which division had the highest margin?" asks a name, by its rate)
    rated = frozenset({"percent"}) if RATE_MEASURE.search(part.text) else frozenset()
    kinds = part.kinds or rated
    if not way or "percent" not in kinds:
        return scored
    rates: dict[int, float] = {}
    for s in scored:
        if not s.qualifies:
            continue
        fig = answer_figure(s.text, part.text, kinds, currency, subject, s.answering)
        if fig is not None and fig.kind == "percent":
            down = change_direction(s.text, fig) == "down" and fig.value > 0
            rates[id(s)] = -fig.value if down else fig.value
    if len(rates) < 2:
        return scored
    best = max(rates, key=lambda k: rates[k] * way)
    return [replace(s, fit=s.fit + EXTREME_BONUS) if id(s) == best else s for s in scored]


__all__ = ["EXTREME_BONUS", "extreme_asked", "extreme_first"]
