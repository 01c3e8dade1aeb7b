"""A move the question states from one figure to another, checked on the sentence giving both.

"FCF went from RMB 3,743m a year ago to RMB 15,361m last quarter - what drove the
improvement?" takes the move as 3,743 -> 15,361. A source that writes "free cash flow was
RMB 3,743 million, against RMB 15,361 million in the same quarter of 2024" says the move
ran the other way: the figure it marks as the earlier one ("against", "a year earlier",
"in the same quarter of 2024") is where the measure came from.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from assistant.amounts import magnitude
from assistant.figures import Figure, find_figures
from assistant.stated_figures import stated_figures

# "from RMB 3,743m ... to RMB 15,361m": what the question takes as the start and the end.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"\bto\s+(?:about\s+|around\s+)?$", re.I)
# "..., against RMB 15,361 million", "compared with", "(FY25: ...)": the earlier figure.
_EARLIER_BEFORE = re.compile(
    r"(?:\bagainst|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bfrom|\bup\s+from|\bdown\s+from"
    r"|\(\s*[^():]{2,30}:)\s*$",
    re.I,
)
_EARLIER_AFTER = re.compile(
    r"\s*(?:in\s+the\s+same\s+(?:quarter|period|half|month)\s+(?:of|a)\s+\w+"
    r"|a\s+year\s+(?:earlier|ago|before)|in\s+the\s+(?:prior|previous)\s+(?:year|quarter|period))",
    re.I,
)


def stated_move(question: str) -> tuple[Figure, Figure] | None:
    """The figures a question says a measure moved from and to ("from A ... to B")."""
    figures = stated_figures(question)
    for start, end in itertools.pairwise(figures):
        if _FROM_BEFORE.search(question, 0, start.start) and _TO_BETWEEN.search(
            question, 0, end.start
        ):
            return start, end
    return None


def _earlier(sentence: str, fig: Figure) -> bool:
    """Does the sentence mark ``fig`` as the earlier value of a comparison?"""
    return bool(
        _EARLIER_BEFORE.search(sentence[max(0, fig.start - 40) : fig.start])
        or _EARLIER_AFTER.match(sentence, fig.end)
    )


def reversed_move(question: str, sentences: Sequence[str]) -> tuple[str, str] | None:
    """A sentence that gives both figures of the question's move the other way round, and
    the correction ("The sources say it fell to RMB 3,743 million from RMB 15,361 million,
    not rose"); None when no sentence says so."""
    move = stated_move(question)
    if move is None or move[0].value == move[1].value:
        return None
    start, end = move
    for sentence in sentences:
        found = find_figures(sentence)
        first = next((f for f in found if f.matches(start)), None)
        last = next((f for f in found if f.matches(end)), None)
        if first is None or last is None:
            continue
        # The question's end is the source's earlier figure, its start the later one.
        if _earlier(sentence, last) and not _earlier(sentence, first):
            said, not_said = ("fell", "rose") if start.value < end.value else ("rose", "fell")
            now, then = magnitude(first), magnitude(last)
            return sentence, f"The sources say it {said} to {now} from {then}, not {not_said}"
    return None


__all__ = ["reversed_move", "stated_move"]
