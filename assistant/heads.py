"""The noun a figure directly qualifies: "$1.8 trillion global AI infrastructure market" is a
market's size. English noun phrases end in their head; a change's head is what it is a
change in ("a 12.5% organic drop in heat-pump sales"); a verb right after a figure opens
no noun phrase.
"""

from __future__ import annotations

import re

from assistant.figures import Figure
from assistant.measure_words import is_direction_word, measure_words
from assistant.text import STOPWORDS

# Words that end the noun phrase after a figure: "55 stores following a trial" is stores.
PREPOSITIONS = frozenset(
    "to by per in on at before following including excluding during since until versus "  # noqa: SIM905
    "despite across through under within between against like".split()
)
_STOP_ALT = "|".join(sorted(STOPWORDS | PREPOSITIONS, key=len)[::-1])


def head_after(sentence: str, fig: Figure, known: frozenset[str]) -> str:
    """The head of the noun phrase right after a figure: "$1.8 trillion global AI
    infrastructure market by 2030" -> "market" (English noun phrases end in their head). A
    capitalised word ends it: text glued after a figure ("29 per cent Capital allocation") is
    a heading, not the figure's noun."""
    return head_at(sentence[fig.end :], known)


# "2% to 3% implies another year of ...": a verb right after a figure opens no noun phrase.
_VERB_AFTER = re.compile(
    r"\s+(?:impl(?:ies|ied)|means?|meant|suggests?|reflect(?:s|ed)|shows?|showed|represents?"
    r"|marks?|equates?|translates?|signals?|indicates?|compares?|puts|leaves|makes|takes|gives"
    r"|brings|helps?|drives?|drove)\b",
    re.IGNORECASE,
)


def head_at(rest: str, known: frozenset[str], capitals: bool = False) -> str:
    """The head of the noun phrase ``rest`` opens ("" if none); ``capitals``: its words may be
    capitalised, as a segment's name after "in" or "of" is."""
    if _VERB_AFTER.match(rest):
        return ""
    capital = "" if capitals else r"|[A-Z][a-z]"
    phrase = re.match(r"(?:\s+(?!(?:" + _STOP_ALT + r")\b" + capital + r")[A-Za-z][\w\-']*)+", rest)
    if not phrase:
        return ""
    # "a 12.5% organic drop in heat-pump sales": a change's head is what it is a change in,
    # whose name may be capitalised ("a 3.6% uplift in Grocery sales").
    object_of = re.match(r"\s+(?:in|of)(?:\s+(?:the|its|their|a|an))?\b", rest[phrase.end() :])
    if object_of and is_direction_word(phrase.group(0).split()[-1]):
        head = head_at(rest[phrase.end() + object_of.end() :], known, capitals=True)
        if head:
            return head
    words = measure_words(phrase.group(0), known)
    # A participle after the noun modifies it: "150 further stores planned" is stores.
    while len(words) > 1 and words[-1].endswith("ed"):
        words.pop()
    return words[-1] if words else ""


__all__ = ["PREPOSITIONS", "head_after", "head_at"]
