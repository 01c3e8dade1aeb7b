"""The noun a figure directly qualifies: "$1.8 trillion global AI infrastructure market" is a
market's size. English noun phrases end in their head; a change's head is what it is a
change in ("a 9.5% organic drop in boiler sales"); a verb right after a figure opens
no noun phrase.
"""

from __future__ import annotations

import re

from assistant.figures import TIME_UNITS, Figure
from assistant.measure_words import is_direction_word, measure_words
from assistant.text import STOPWORDS

# Words that end the noun phrase after a figure: "40 stores following a trial" is stores.
PREPOSITIONS = frozenset(
    "to by per in on at before following including excluding during since until versus "  # noqa: SIM905
    "despite across through under within between against like".split()
)
_STOP_ALT = "|".join(sorted(STOPWORDS | PREPOSITIONS, key=len)[::-1])


def head_after(sentence: str, fig: Figure, known: frozenset[str]) -> str:
    """The head of the noun phrase right after a figure: "$1.8 trillion global AI
    infrastructure market by 2030" -> "market" (English noun phrases end in their head). A
    capitalised word ends it: text glued after a figure ("27 per cent Dividend policy") is
    a heading, not the figure's noun."""
    return head_at(sentence[fig.end :], known)


# "1% to 2% implies another year of ...": a verb right after a figure opens no noun phrase.
_VERB_AFTER = re.compile(
    r"\s+(?:impl(?:ies|ied)|means?|meant|suggests?|reflect(?:s|ed)|shows?|showed|represents?"
    r"|marks?|equates?|translates?|signals?|indicates?|compares?|puts|leaves|makes|takes|gives"
    r"|brings|helps?|drives?|drove)\b",
    re.IGNORECASE,
)


# The words of a noun phrase: no stop word, unless it opens a compound ("four under-used
# depots" opens the phrase), and no capitalised word unless capitals are allowed.
_STOP = r"(?:" + _STOP_ALT + r")\b(?!-)"
_PHRASE = re.compile(r"(?:\s+(?!" + _STOP + r"|[A-Z][a-z])[A-Za-z][\w\-']*)+")
_PHRASE_CAPITALISED = re.compile(r"(?:\s+(?!" + _STOP + r")[A-Za-z][\w\-']*)+")


def head_at(rest: str, known: frozenset[str], capitals: bool = False) -> str:
    """The head of the noun phrase ``rest`` opens ("" if none); ``capitals``: its words may be
    capitalised, as a segment's name after "in" or "of" is."""
    if _VERB_AFTER.match(rest):
        return ""
    phrase = (_PHRASE_CAPITALISED if capitals else _PHRASE).match(rest)
    if not phrase:
        return ""
    # "a 9.5% organic drop in boiler sales": a change's head is what it is a change in,
    # whose name may be capitalised ("a 2.9% uplift in Grocery sales").
    object_of = re.match(r"\s+(?:in|of)(?:\s+(?:the|its|their|a|an))?\b", rest[phrase.end() :])
    if object_of and is_direction_word(phrase.group(0).split()[-1]):
        head = head_at(rest[phrase.end() + object_of.end() :], known, capitals=True)
        if head:
            return head
    words = measure_words(phrase.group(0), known)
    # A participle after the noun modifies it: "80 further stores planned" is stores.
    while len(words) > 1 and words[-1].endswith("ed"):
        words.pop()
    return words[-1] if words else ""


# "... €0.45 and adjusted earnings per share were €0.70": after "and", the next figure's
# own measure and verb.
_NEXT_OWN_CLAUSE = re.compile(
    r"\s+and\s+(?:(?:the\s+|its\s+)?(?:[A-Za-z][\w&/-]*\s+){1,6}(?:was|were|is|are|came\s+to"
    r"|came\s+in\s+at|stood\s+at|totall?ed|reached)"
    # "sales growth of 3.1% and cut its full-year margin target to 8.5%": a new predicate
    r"|(?:cut|raised|lifted|lowered|trimmed|reduced|increased|narrowed|widened|set|kept|held"
    r"|reported|posted|reiterated|maintained|revised|boosted|upgraded|downgraded)\s+"
    r"(?:its|their|the)\s+(?:[A-Za-z][\w&/-]*\s+){1,6}(?:to|at|of|by))"
    r"\s+(?:about\s+|around\s+|nearly\s+)?$"
)


def opens_next_clause(sentence: str, fig: Figure, next_start: int) -> bool:
    """Do the words between ``fig`` and the next figure open that figure's own clause ("X
    were €0.45 and Y were €0.70": Y and its verb are €0.70's, not €0.45's)?"""
    return bool(_NEXT_OWN_CLAUSE.match(sentence, fig.end, next_start))


# ", but at a ratio of", "and with a margin of": the break goes on with no subject of its own.
_GOES_ON = re.compile(r"\s*,?\s*(?:but|and|yet)\s+(?=(?:at|with|on|for)\s)", re.I)


def same_clause(sentence: str, previous_end: int, zone_start: int) -> bool:
    """Does a figure's zone (from ``zone_start``) go on from the figure before it (ending at
    ``previous_end``) with no subject of its own: no break between them, or one that opens a
    phrase, not a clause ("Initech earns 4.1% but at a cost ratio of 66%")?"""
    if zone_start == previous_end:
        return True
    goes_on = _GOES_ON.match(sentence, previous_end)
    if goes_on is None:
        return False
    # (the break the zone starts at is that "but" or "and", give or take spaces)
    lo, hi = sorted((goes_on.end(), zone_start))
    return not sentence[lo:hi].strip()


# "how many new items?" counts things; "12 weeks to 14 June" counts a span of time.
_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
# ("12 weeks to 14 June", "the 52 weeks ended 1 March": a reporting period's length)
_TIME_COUNTED = re.compile(rf"\s+{TIME_UNITS}\s+(?:to|ended|ending|through)\b", re.I)
# ("how many qtrs running", "for how many consecutive quarters": time is what is counted)
_TIME_ASKED = re.compile(
    rf"\bhow\s+(?:long|many\s+(?:[a-z-]+\s+){{0,2}}?(?:{TIME_UNITS}|periods?)\b)",
    re.I,
)


def counts_time_unasked(
    question: str, sentence: str, fig: Figure, kinds: frozenset[str] = frozenset()
) -> bool:
    """Is ``fig`` the length of a reporting period ("12 weeks to 14 June") where the question
    counts something else ("How many new items ...?"), or a length of time ("for seven
    quarters in a row") where it asks an amount of money (``kinds``: "What was revenue last
    quarter?")?"""
    if fig.kind != "number" or _TIME_ASKED.search(question):
        return False
    if _HOW_MANY.search(question) and _TIME_COUNTED.match(sentence, fig.end):
        return True
    lasting = _DURATION.match(sentence, fig.end) and not _DURATION_ASKED.search(question)
    return bool(lasting) and "money" in kinds


# "seven quarters", "three straight years": a length of time ...
_DURATION = re.compile(rf"\s+(?:(?:consecutive|straight|successive)\s+)?{TIME_UNITS}\b", re.I)
# ... which these ask ("the streak", "in a row", "the payback period", "a different count?")
_DURATION_ASKED = re.compile(
    r"\b(?:how\s+long|period|streak|run|duration|term|tenure|maturity|payback|horizon|row"
    r"|consecutive|straight|successive|running|count)\b",
    re.I,
)


__all__ = [
    "PREPOSITIONS",
    "counts_time_unasked",
    "head_after",
    "head_at",
    "opens_next_clause",
    "same_clause",
]
