"""The move a reason question takes for granted, checked on the evidence for how far it went.

"Why did orders fall?" presupposes the answer to "How much did orders fall?"; "Acme's
revenue fell 3% in FY26 - what caused the decline?" states that answer before it asks. The
reasons found for such a question rarely hold the figure, so the move is looked up as a
question of its own ("How much did orders fall?", "Acme's revenue fell 3% in FY26") and
checked there: a value or a direction the sources contradict is a premise that does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.cues import asks_reason
from assistant.entities import Subject
from assistant.evidence import EvidenceSentence, SentenceEmbeddings, select_evidence
from assistant.expectations import FORECAST_YEAR
from assistant.figures import RATE_KINDS
from assistant.premise import PremiseIssue, asserted_kinds, check_direction, check_value
from assistant.retrieval import Hit
from assistant.sentences import split_hits
from assistant.synonyms import plain_terms

# "Why did X fall?" presupposes the answer to "How much did X fall?".
_WHY_MOVE = re.compile(r"^\s*why\s+(?=(?:did|does|do|has|have|is|are|was|were)\b)", re.I)
# "Acme's revenue fell 3% in FY26 - what caused the decline?": a claim, then the question.
_CLAIM_THEN_ASK = re.compile(
    r"^\s*(?P<claim>[^?]+?)\s*(?:\s[-\u2013\u2014]\s|[;:]\s|\u2014)\s*(?:so\s+|but\s+)?"
    r"(?P<ask>(?:what|why|how)\b[^?]*\??)\s*$",
    re.I,
)
_SO_MUCH = re.compile(
    r"\s+(?:so|that)\s+(?:much|sharply|fast|quickly|steeply|strongly|badly|far|little)\b", re.I
)
# "... to NZ$3.20", "... by 3%": the value a move is claimed to have reached.
_TO_VALUE = re.compile(
    r"\s+(?:to|by)\s+(?:[A-Z]{0,3}[$\u00a3\u20ac\u00a5])?\d[\d.,]*\s*(?:%|[a-z]+)?\s*\??\s*$"
)
# "How much did Globex downgrade Acme and cut its target to $3?": the move with the figure.
_NAMED_DOER = re.compile(r"^How much (?:did|does|do|has|have)\s+((?:[A-Z][\w&'.-]*\s+)+)")
_SECOND_MOVE = re.compile(
    r"\s+and\s+((?:cut|raise|lift|lower|trim|reduce|increase|boost|hike|slash)\b[^?]*?"
    r"\s+(?:to|by)\s+[^?]*\d[^?]*\??)$",
    re.I,
)
# The figures that say which way a measure moved: a rate, or an amount it moved to.
MOVES = RATE_KINDS | {"money"}
_CHECKED = 3  # evidence sentences of the move looked at, best first


def move_question(question: str) -> str | None:
    """What a reason question takes for granted, asked on its own: "How much did X fall?" of
    "Why did X fall?", the claim of "X fell 3% - what caused it?"; None where it takes no
    move for granted or asks no reason."""
    how_much = _WHY_MOVE.sub("How much ", question, count=1)
    if how_much != question:
        # "go up so much": how much it went up. "... cut its price target to NZ$3.20?": the
        # value claimed is what is checked, so the evidence is looked up without it.
        how_much = _last_move(_SO_MUCH.sub("", how_much))
        return (
            f"{_TO_VALUE.sub('', how_much).rstrip()}?" if _TO_VALUE.search(how_much) else how_much
        )
    claim = _CLAIM_THEN_ASK.match(question)
    if claim is None or not asks_reason(claim.group("ask")):
        return None
    return claim.group("claim") if asserted_kinds(claim.group("claim")) else None


def _last_move(how_much: str) -> str:
    """ "How much did Globex downgrade Acme and cut its target to $3?" -> "How much did
    Globex cut its target to $3?": of two moves claimed, the one that claims a figure."""
    doer, second = _NAMED_DOER.match(how_much), _SECOND_MOVE.search(how_much)
    return f"{doer.group(0)}{second.group(1)}" if doer and second else how_much


def presupposed_move(
    question: str,
    hits: Sequence[Hit],
    embed: Callable[[str], list[float]],
    sentence_embeddings: SentenceEmbeddings,
    subject: Subject | None,
) -> tuple[PremiseIssue, EvidenceSentence] | None:
    """The move the reason question ``question`` takes for granted, where the evidence for it
    contradicts its value ("fell 3%": the sources give 5.7%) or its direction."""
    asked = move_question(question)
    if asked is None:
        return None
    evidence = select_evidence(
        asked, list(hits), embed(plain_terms(asked)), sentence_embeddings, 3, subject=subject
    )
    # A broker's row of forecasts ("FY26A: 1,220.7; FY27F: 1,291.0") moves into years to come.
    past = [s for s in evidence.sentences if not FORECAST_YEAR.search(s.display)]
    first = [s for s in past if s.part == 0][:_CHECKED]
    kinds = evidence.kinds or MOVES
    candidates = [c[3] for c in split_hits(list(hits))]
    for sentence in first:  # a forecast table's row may hold no rate; the next quote may
        valued = check_value(
            question, sentence.display, candidates, kinds, evidence.currency, subject
        )
        if valued is not None:
            return valued, sentence
    moved = check_direction(question, [s.display for s in first], kinds, evidence.currency, subject)
    return (moved[0], first[moved[1]]) if moved is not None else None


__all__ = ["MOVES", "move_question", "presupposed_move"]
