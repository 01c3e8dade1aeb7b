"""Figures of what is added to a total ("150 further stores", "another 20 stores", "to open
around ten supermarkets"), which answer "how many more?", not "how many in all?"."""

from __future__ import annotations

import re

from assistant.figures import Figure

INCREMENT_WORDS = frozenset({"further", "additional", "more", "new", "extra", "another"})
_ADDED_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(INCREMENT_WORDS)) + r")\b", re.IGNORECASE)
# "to open around ten supermarkets", "adding 20 stores": what is opened or added.
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
    """ "150 further stores", "another 20 stores": a figure of what is added to a total
    ("4.1% more than a year earlier" is a growth rate, not something added)."""
    rate = fig.text.endswith("%") and _MORE_THAN.match(sentence, fig.end)
    after = _ADDED_AFTER.match(sentence, fig.end)
    return not rate and bool(after or _ADDED_BEFORE.search(sentence[: fig.start]))


__all__ = ["ADDING_VERBS", "INCREMENT_WORDS", "counts_added"]
