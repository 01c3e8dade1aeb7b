"""An order of two figures a comparison question takes for granted ("why is A's growth
slower than B's?"), checked against the two figures that answer it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.amounts import magnitude
from assistant.cues import asks_movement
from assistant.directions import moved_by
from assistant.figures import Figure
from assistant.premise import PremiseIssue, stated_direction

# "Why is A's growth slower than B's?" takes an order of the two figures for granted.
_ORDER = re.compile(
    r"\b(slower|faster|higher|lower|bigger|smaller|larger|weaker|stronger|greater|more|less"
    r"|fewer)\s+than\b",
    re.I,
)
_ABOVE = {"faster": "slower", "higher": "lower", "bigger": "smaller", "larger": "smaller"}
_ABOVE |= {"stronger": "weaker", "greater": "smaller", "more": "less"}
_BELOW = {low: high for high, low in _ABOVE.items()} | {"fewer": "more", "smaller": "bigger"}


def _signed(sentence: str, fig: Figure) -> float:
    """A change's value with its direction: "fell 3%" is -3."""
    return -abs(fig.value) if stated_direction(sentence, fig) == "down" else fig.value


def check_order(question: str, sides: Sequence[tuple[str, str, Figure]]) -> PremiseIssue | None:
    """A comparison the question takes for granted ("why is A's growth slower than B's?")
    that the two answering figures, (owner, sentence, figure) each, contradict."""
    said = _ORDER.search(question)
    if said is None or len(sides) != 2:
        return None
    (first, one, a), (second, other, b) = sides
    if a.kind != b.kind or a.currency != b.currency or a.matches(b):
        return None
    word = said.group(1).lower()
    above = word in _ABOVE
    if (_signed(one, a) > _signed(other, b)) == above:
        return None
    truth = _ABOVE[word] if above else _BELOW[word]
    return PremiseIssue(
        f"the question takes {first}'s figure as {word} than {second}'s; the sources say {truth}",
        f"{first}'s is {truth} than {second}'s, not {word}: {magnitude(a)} against {magnitude(b)}",
        one,
    )


def reads_as_asked(part: str, sentence: str, fig: Figure) -> bool:
    """Can ``fig``, read from another part's sentence, stand for ``part``: a move where a move
    is asked ("grew faster than the national market?": no "38.4% of national traffic")?"""
    return not asks_movement(part) or moved_by(sentence, fig)


__all__ = ["check_order", "reads_as_asked"]
