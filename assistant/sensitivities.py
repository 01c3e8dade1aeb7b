"""Sensitivities: a condition figure, and the currency an exchange rate is against.

"A change of ¥1 against the US dollar affects operating profit by ¥240 million, and a change
of ¥1 against the euro by ¥90 million": ¥1 is the condition (:func:`is_condition`), ¥240
million the answer, about the rate against the currency named beside it.
:func:`against_currency` reads "against the euro" (or "to the dollar") in a question or a
sentence; :func:`figure_against` finds it for one figure of a sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.figures import Figure, find_figures
from assistant.units import CURRENCY_HINTS, MOVE_NOUN

if TYPE_CHECKING:
    from assistant.measures import FigureContext

_CONDITION = re.compile(r"\b(?:each|every|a|an|per)\s+$", re.I)
# "A ¥1 move against the dollar changes profit by ...": a move that is a condition leads to
# what follows from it ("a 12.5% drop in sales" leads to nothing).
_FOLLOWS = re.compile(
    r"^[^.;]{0,80}?\b(?:changes?|affects?|adds?|would|could|reduces?|lifts?|cuts?|raises?"
    r"|lowers?|boosts?|hits?|shifts?|moves?|alters?|is\s+estimated)\b",
    re.I,
)
# "a change of ¥1 against the euro by ¥90 million": the change is the condition too.
_CHANGE_OF = re.compile(r"\b(?:change|move|movement|swing|shift)\s+of\s+$", re.I)
_MOVE = re.compile(rf"(?:[\s-]+[\w/$.]+){{0,3}}?[\s-]+{MOVE_NOUN}\b", re.I)
# "a ¥1 move against the euro", "¥152 to the dollar": the other side of an exchange rate.
_OTHER_SIDE = re.compile(
    r"\b(?:(?:against|versus|vs\.?)\s+(?:the\s+)?|to\s+the\s+)(?:(?:us|u\.s\.)\s+)?", re.I
)


def against_currency(text: str, end: int | None = None) -> str | None:
    """The currency named last before ``end`` as the other side of an exchange rate ("a
    change of ¥1 against the euro": EUR), if any."""
    found = None
    for match in _OTHER_SIDE.finditer(text, 0, len(text) if end is None else end):
        for code, pattern in CURRENCY_HINTS.items():
            # A currency's name ("the euro"), not an amount ("rose to NZ$64.3m") nor a unit
            # asked ("come to in £m").
            named = pattern.match(text, match.end())
            if (
                named
                and re.fullmatch(r"[A-Za-z ]+", named.group(0))
                and named.group(0)[:3] != "in "
            ):
                found = code
    return found


def figure_against(ctx: FigureContext) -> str | None:
    """The other currency of the exchange rate a figure is about: named between it and the
    figures beside it ("¥1 move against the dollar changes profit by ¥240 million": USD for
    both), else last before it."""
    figures = find_figures(ctx.sentence)
    start = max((f.end for f in figures if f.end <= ctx.figure.start), default=0)
    end = min((f.start for f in figures if f.start >= ctx.figure.end), default=len(ctx.sentence))
    own = against_currency(ctx.sentence[start:end])
    return own or against_currency(ctx.sentence, ctx.figure.start)


# "saved more than £14 on an £75+ shop": the size of what a figure before was had on.
_ON_A = re.compile(r"\b(?:on|for)\s+(?:an?|each|every)\s+$", re.I)
_SIZED_NOUN = re.compile(r"\+?(?:\s+or\s+more)?\s+(?!of\b|or\b|and\b)[a-z]", re.I)


def sized_by(sentence: str, fig: Figure) -> Figure:
    """The figure ``fig`` is the condition of, where it sizes what one just before it in its
    clause was had on ("saved more than £14 on an £75+ shop": £14); else ``fig`` itself."""
    if not (_ON_A.search(sentence, 0, fig.start) and _SIZED_NOUN.match(sentence, fig.end)):
        return fig
    start = max(sentence.rfind(";", 0, fig.start), sentence.rfind(",", 0, fig.start)) + 1
    before = [f for f in find_figures(sentence) if start <= f.start and f.end <= fig.start]
    return next((f for f in reversed(before) if f.is_claim and f.kind == fig.kind), fig)


def is_condition(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` the condition of a sensitivity ("each US$5 per barrel move", "a change of
    ¥1"), not what the sentence says follows from it?"""
    if _CHANGE_OF.search(sentence, 0, fig.start):
        return True
    move = _MOVE.match(sentence, fig.end) if _CONDITION.search(sentence, 0, fig.start) else None
    return move is not None and bool(_FOLLOWS.match(sentence[move.end() :]))


# ", assuming two 50 bp rate cuts", "if rates fall 50 bp": what a forecast is conditional on.
_ASSUMING = re.compile(r"(?:,|\bprovided|\bwhich)\s+(?:assum(?:es|ing)|if)\s[^,;:]*$", re.I)
_ASSUMPTION_ASKED = re.compile(r"\bassum|\bif\b|\bscenario", re.I)


def assumed(sentence: str, fig: Figure, question: str) -> bool:
    """Is ``fig`` what the sentence's forecast assumes (", assuming two 50 bp rate cuts"),
    where the question asks no assumption?"""
    in_clause = _ASSUMING.search(sentence[: fig.start]) is not None
    return in_clause and not _ASSUMPTION_ASKED.search(question)


# "How much does a ¥1 move add?", "yen sensitivity": a question about what follows a move.
_OUTCOME_ASKED = re.compile(
    rf"\b(?:{MOVE_NOUN}|each|every|sensitiv\w*|impact\w*|affect\w*|weak\w*|strong\w*"
    r"|depreciat\w*|appreciat\w*|would|if)\b",
    re.I,
)


def outcome_unasked(sentence: str, fig: Figure, question: str) -> bool:
    """Is ``fig`` what follows from a condition in its clause ("each ¥1 of yen weakness adds
    ¥300m to annual operating profit": ¥300m), where the question asks no move ("operating
    profit guidance?" is not answered by a sensitivity)?"""
    conditions = [
        f
        for f in find_figures(sentence[: fig.start])
        if is_condition(sentence, f) and not re.search(r"[;.]\s", sentence[f.end : fig.start])
    ]
    return bool(conditions) and not _OUTCOME_ASKED.search(question)


def conditional(sentence: str, fig: Figure, question: str) -> bool:
    """Does ``fig`` hold only under a condition the question does not ask: a sensitivity's
    condition or outcome, or what a forecast assumes?"""
    return (
        is_condition(sentence, fig)
        or assumed(sentence, fig, question)
        or outcome_unasked(sentence, fig, question)
    )


__all__ = [
    "against_currency",
    "assumed",
    "conditional",
    "figure_against",
    "is_condition",
    "outcome_unasked",
    "sized_by",
]
