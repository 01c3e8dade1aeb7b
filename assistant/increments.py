"""Figures of what is added to a total ("80 further stores", "another 20 stores", "to open
around six hypermarkets"), which answer "how many more?", not "how many in all?"; and of a
part of the figure before ("212 vessels, of which 64 were in the Express fleet")."""

from __future__ import annotations

import re

from assistant.entities import CALENDAR_WORDS
from assistant.figures import Figure

INCREMENT_WORDS = frozenset({"further", "additional", "more", "new", "extra", "another"})
_ADDED_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(INCREMENT_WORDS)) + r")\b", re.IGNORECASE)
# "to open around six hypermarkets", "adding 20 stores": what is opened or added.
ADDING_VERBS = frozenset(
    """open opens opened opening add adds added adding launch launches launched launching
    build builds built building""".split()  # noqa: SIM905 - a word list reads best as text
)
_ADDED_BEFORE = re.compile(
    r"\b(?:another|a\s+further|an\s+additional|an\s+extra"
    rf"|(?:{'|'.join(sorted(ADDING_VERBS))})\s+(?:(?:around|about|some|up\s+to|over|nearly)\s+)?)"
    r"\s*$",
    re.I,
)
_MORE_THAN = re.compile(r"\s+(?:more|fewer|less)\s+than\b", re.IGNORECASE)


def counts_added(sentence: str, fig: Figure) -> bool:
    """ "80 further stores", "another 20 stores": a figure of what is added to a total
    ("4.1% more than a year earlier" is a growth rate, not something added)."""
    rate = fig.text.endswith("%") and _MORE_THAN.match(sentence, fig.end)
    after = _ADDED_AFTER.match(sentence, fig.end)
    return not rate and bool(after or _ADDED_BEFORE.search(sentence[: fig.start]))


# "212 vessels at 30 June, of which 64 were in the Express fleet": a part of the figure before.
_OF_WHICH = re.compile(r"\bof\s+(?:which|whom)\s+(?:some\s+|about\s+|around\s+)?$", re.I)
_CLAUSE_END = re.compile(r"[,;:.]\s|[;:]|$")
_CAPITALISED = re.compile(r"\b[A-Z][\w&-]*")


def unasked_part(asked: frozenset[str], sentence: str, fig: Figure) -> bool:
    """Is the figure the part "of which" the figure before counts, set apart by names the
    question (its lower-cased ``asked`` words) does not hold ("64 were in the Express fleet" of a
    question about the group's fleet)?"""
    if not _OF_WHICH.search(sentence[max(0, fig.start - 24) : fig.start]):
        return False
    end = _CLAUSE_END.search(sentence, fig.end)
    own = sentence[fig.end : end.start() if end else len(sentence)]
    # (by the names that set it apart: "of which €74.5m had been completed by June" is no part)
    names = {w.lower() for w in _CAPITALISED.findall(own)} - CALENDAR_WORDS
    return bool(names - asked)


__all__ = ["ADDING_VERBS", "INCREMENT_WORDS", "counts_added", "unasked_part"]
