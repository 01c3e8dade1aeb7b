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
from assistant.measures import figure_contexts

if TYPE_CHECKING:
    from assistant.entities import Subject
    from assistant.evidence import EvidenceSentence
    from assistant.figures import Figure
    from assistant.question import QuestionPart

EXTREME_BONUS = 2.0  # added to the fit of the sentence with the extreme rate: it answers first
_WHICH = re.compile(r"\b(?:which|who)\b", re.I)
_HIGHEST = re.compile(r"\b(?:fastest|highest|biggest|largest|strongest)\b", re.I)
_LOWEST = re.compile(r"\b(?:slowest|lowest|smallest|weakest)\b", re.I)
# "Which segment ...?", "which deposit segment ...?": a part of the company is asked, not the
# company.
_PART_ASKED = re.compile(
    r"\bwhich\s+(?:[a-z-]+\s+)?(?:segment|division|unit|business|region|brand|arm|format"
    r"|channel)s?\b",
    re.I,
)
_TOTAL = frozenset({"total", "group"})


def extreme_asked(question: str) -> int:
    """1 where the question asks which owner's figure is the highest, -1 the lowest, else 0."""
    if not _WHICH.search(question):
        return 0
    if _HIGHEST.search(question):
        return 1
    return -1 if _LOWEST.search(question) else 0


def part_extreme_asked(question: str) -> bool:
    """Does the question ask which part of the company ranks first or last ("which segment
    had the lowest margin?")? Other parts' rates are then no other value of the answer."""
    return bool(extreme_asked(question) and _PART_ASKED.search(question))


def extreme_first(
    part: QuestionPart,
    scored: list[EvidenceSentence],
    currency: str | None,
    subject: Subject | None,
    question: str = "",
) -> list[EvidenceSentence]:
    """``scored`` with the sentence whose rate is the extreme asked ranked first; ``question``:
    the whole question the part is of ("Which segment ... and which the lowest?"), whose
    later part ("..., and by how much?") a whole's figure does not answer either."""
    way = extreme_asked(part.text)
    # ("which division had the highest margin?" asks a name, by its rate)
    rated = frozenset({"percent"}) if RATE_MEASURE.search(part.text) else frozenset()
    kinds = part.kinds or rated
    if not (way or part_extreme_asked(question)) or "percent" not in kinds:
        return scored
    rates: dict[int, float] = {}
    parts_asked = bool(_PART_ASKED.search(part.text) or _PART_ASKED.search(question))
    wholes: set[int] = set()
    for s in scored:
        if not s.qualifies:
            continue
        fig = answer_figure(s.text, part.text, kinds, currency, subject, s.answering)
        if parts_asked and fig is not None and not _a_parts(s.text, fig, subject):
            wholes.add(id(s))  # "which segment ...?": the group's own growth is no segment's
            continue
        if fig is not None and fig.kind == "percent":
            down = change_direction(s.text, fig) == "down" and fig.value > 0
            rates[id(s)] = -fig.value if down else fig.value
    scored = [replace(s, qualifies=False) if id(s) in wholes else s for s in scored]
    if len(rates) < 2 or not way:
        return scored
    best = max(rates, key=lambda k: rates[k] * way)
    return [replace(s, fit=s.fit + EXTREME_BONUS) if id(s) == best else s for s in scored]


def _a_parts(text: str, fig: Figure, subject: Subject | None) -> bool:
    """Is ``fig`` a named part's: of an owner its clause names, or of a table row labelled by
    an owner, not a total ("Services ($m) — Margin: 22.5%")?"""
    ctx = next((c for c in figure_contexts(text, subject) if c.figure.start == fig.start), None)
    if ctx is None:
        return False
    return bool(ctx.subjects) or bool(ctx.label and not ctx.label & _TOTAL)


__all__ = ["EXTREME_BONUS", "extreme_asked", "extreme_first", "part_extreme_asked"]
