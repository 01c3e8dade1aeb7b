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
from assistant.directions import direction
from assistant.figure_periods import is_earlier_value
from assistant.figures import Figure, find_figures
from assistant.measure_words import measure_words
from assistant.plan_cues import asks_forecast
from assistant.stated_figures import stated_figures
from assistant.synonyms import plain_terms
from assistant.text import stem

# "from RMB 3,743m ... to RMB 15,361m": what the question takes as the start and the end.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"\bto\s+(?:about\s+|around\s+)?$", re.I)


def stated_move(question: str) -> tuple[Figure, Figure] | None:
    """The figures a question says a measure moved from and to ("from A ... to B")."""
    figures = stated_figures(question)
    for start, end in itertools.pairwise(figures):
        if _FROM_BEFORE.search(question, 0, start.start) and _TO_BETWEEN.search(
            question, 0, end.start
        ):
            return start, end
    return None


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
        if is_earlier_value(sentence, last) and not is_earlier_value(sentence, first):
            said, not_said = ("fell", "rose") if start.value < end.value else ("rose", "fell")
            now, then = magnitude(first), magnitude(last)
            return sentence, f"The sources say it {said} to {now} from {then}, not {not_said}"
    return None


# A verb of change in the past, or after do/have ("did sales fall", "has it grown").
_MOVE_VERB = re.compile(
    r"\b(?:fell|rose|grew|dropped|declined|increased|decreased|shr[au]nk|slipped|jumped"
    r"|climbed|plunged|plummeted|soared|surged|slumped|tumbled|lowered|reduced|raised|hiked"
    r"|trimmed|slashed|went\s+(?:up|down))\b"
    r"|\b(?:did|does|do|has|have|had)\b[^?,;]*?\b(?:fall|drop|decline|shrink|rise|grow"
    r"|grown|risen|fallen|increase|decrease|jump|slip|climb|plunge|soar|surge|slump"
    r"|cut|lower|reduce|raise|trim|slash|hike|lift|boost|(?:go|gone)\s+(?:up|down))\b"
    # "why did the margin contract in Q3?" ("did it sign the contract?" asks no move)
    r"|\b(?:did|does|do|has|have|had)\b[^?,;]*?(?<!the\s)(?<!a\s)(?<!its\s)(?<!their\s)(?<!new\s)"
    r"\b(?:contract|narrow|widen|compress|expand)(?:ed)?"
    r"(?=\s+(?:in|by|over|during|this|last|so)\b|\W*$)"
    # "What drove the fall in the ferries margin?" takes the fall for granted too.
    r"|\b(?:drove|drives|caused|causes|explains?|behind|reasons?\s+for)\s+(?:the|this|that|its|their)"
    r"\s+(?:fall|drop|decline|rise|increase|jump|slump|surge|improvement|deterioration)\s+in\b",
    re.I,
)


def asserted_move(question: str) -> str | None:
    """The direction a question's verb takes for granted ("did sales fall", "sales rose"),
    not a noun ("what was sales growth?" asks, it does not assert)."""
    move = _MOVE_VERB.search(question)  # (its verb, last: "did growth markets sales fall")
    return direction(move.group(0), len(move.group(0))) if move else None


# "kept unchanged", "guidance was maintained", "held at 30 cents": no move at all.
_KEPT = re.compile(
    r"\b(?:unchanged|maintained|reaffirmed|reiterated|held\s+(?:at|steady|flat)|kept\s+(?:at|steady))\b",
    re.I,
)


# "capex of around €85 million (unchanged)": an outlook's figure left as it was guided.
_KEPT_GUIDANCE = re.compile(r"\(\s*(?:unchanged|maintained|reaffirmed|reiterated)\s*\)", re.I)


def _kept(sentence: str, question: str) -> bool:
    """Does ``sentence`` say something stayed where it was, in words that speak to the
    question? A bracketed "(unchanged)" keeps a forecast, so it speaks only to one asked."""
    kept = _KEPT.search(sentence)
    if kept is None:
        return False
    guided = _KEPT_GUIDANCE.search(sentence, max(0, kept.start() - 2))
    return not guided or asks_forecast(question)


def kept_still(sentence: str, question: str) -> bool:
    """Does ``sentence`` say that what the question asks about stayed where it was?"""
    if not _kept(sentence, question):
        return False
    asked = {stem(w) for w in measure_words(plain_terms(question))}
    return bool(asked & {stem(w) for w in measure_words(sentence)})


def kept_instead(question: str, sentences: Sequence[str]) -> str | None:
    """A sentence saying that what the question takes as moved stayed where it was ("Why did
    Acme cut its profit guidance?": "Full-year guidance was reiterated, with operating profit
    expected ..."): every measure word of the question stands in it."""
    if asserted_move(question) is None:
        return None
    asked = {stem(w) for w in measure_words(plain_terms(question))}
    for sentence in sentences:
        if (
            asked
            and _kept(sentence, question)
            and asked <= {stem(w) for w in measure_words(sentence)}
        ):
            return sentence
    return None


__all__ = ["asserted_move", "kept_instead", "kept_still", "reversed_move", "stated_move"]
